import io.kmsethereum.it.DeployTestSupport
import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
String deployerKey = 'ab0b' * 16
String newOwnerKey = 'ab0a' * 16
DeployTestSupport.setUp(support, basedir, rpcUrl, 'ab0b0000-0000-4000-8000-000000000001', deployerKey, 'alias/it-handover-deployer')
support.ensureKey('ab0a0000-0000-4000-8000-000000000001', newOwnerKey, 'alias/it-handover-new-owner')
String newOwner = support.castAddressOf(newOwnerKey)
assert newOwner == '0xb94BAe49149C8a258168Ab0f6184C77B7D689EA8' : "the POM names ${newOwner}"
support.fund(rpcUrl, newOwner, BigInteger.TEN.pow(18))
String deployer = support.castAddressOf(deployerKey)
new File(basedir, 'nonces-before.txt').text = "${support.nonce(rpcUrl, deployer)} ${support.nonce(rpcUrl, newOwner)}"
// a journal of an earlier run of this IT on the same node would resume its steps
new File(basedir, '.kms-ethereum').deleteDir()
return true
