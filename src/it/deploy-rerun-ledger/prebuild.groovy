import io.kmsethereum.it.DeployTestSupport
import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
DeployTestSupport.setUp(support, basedir, rpcUrl, '44444444-4444-4444-8444-000000000003', '4343434343434343434343434343434343434343434343434343434343434343', 'alias/it-deploy-rerun')
String deployer = support.castAddressOf('4343434343434343434343434343434343434343434343434343434343434343')
new File(basedir, 'nonce-before.txt').text = support.nonce(rpcUrl, deployer).toString()
return true
