import io.kmsethereum.it.DeployTestSupport
import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
DeployTestSupport.setUp(support, basedir, rpcUrl, '44444444-4444-4444-8444-000000000061', '6161616161616161616161616161616161616161616161616161616161616161', 'alias/it-deploy-batch')
String deployer = support.castAddressOf('6161616161616161616161616161616161616161616161616161616161616161')
new File(basedir, 'nonce-before.txt').text = support.nonce(rpcUrl, deployer).toString()
return true
