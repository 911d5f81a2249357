import io.kmsethereum.it.DeployTestSupport
import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
String key = 'ab0c' * 16
DeployTestSupport.setUp(support, basedir, rpcUrl, 'ab0c0000-0000-4000-8000-000000000001', key, 'alias/it-handover-failures')
new File(basedir, 'nonce-before.txt').text = support.nonce(rpcUrl, support.castAddressOf(key)).toString()
return true
