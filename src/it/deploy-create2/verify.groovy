import groovy.json.JsonSlurper
import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
String deployer = support.castAddressOf('4242424242424242424242424242424242424242424242424242424242424242')
def expected = new Properties()
new File(basedir, 'expected.properties').withInputStream { expected.load(it) }
String address = expected.address
def log = new File(basedir, 'build.log').text

def first = new JsonSlurper().parse(new File(basedir, "deployments/${chainId}/counter-create2.json"))
assert first.address == address : "plugin ${first.address}, cast create2 ${address}"
assert first.salt == '0x' + '00' * 31 + '2a'
assert first.factory == '0x4e59b44847b379578588920cA78FbF26c0B4956C'
assert first.transactionHash ==~ /0x[0-9a-f]{64}/
assert log.contains("CREATE2 address of counter-create2 with salt ${first.salt}: ${address}")
assert log.contains("Deployed Counter at ${address} (transaction ${first.transactionHash}")
assert support.cast('call', '--rpc-url', rpcUrl, address, 'count()(uint256)') == '7'
// the proxy was called, not a plain creation
assert support.cast('tx', '--rpc-url', rpcUrl, first.transactionHash, 'to').equalsIgnoreCase('0x4e59b44847b379578588920cA78FbF26c0B4956C')

// the same salt and init code again: found, reported, nothing sent
assert log.contains("counter-create2-again is already deployed at ${address} (same salt and init code); nothing was sent")
assert log.contains("Using Counter at ${address}; ledger")
def again = new JsonSlurper().parse(new File(basedir, "deployments/${chainId}/counter-create2-again.json"))
assert again.address == address
assert support.nonce(rpcUrl, deployer) == new BigInteger(expected.nonce) + 1 : 'exactly one transaction was sent'
// no warning caused by the plugin, under Maven 3.9 and Maven 4 (the suite runs this case under both)
ItSupport.assertNoWarnings(basedir)
return true
