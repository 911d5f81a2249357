import groovy.json.JsonSlurper
import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
String expected = support.castAddressOf('a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0')

def eip1559 = new JsonSlurper().parse(new File(basedir, 'target/eip1559.json'))
def decoded = support.castDecodeTx(eip1559.raw)
assert decoded.signer.equalsIgnoreCase(expected) : "cast recovered ${decoded.signer}, expected ${expected}"
assert decoded.type == '0x2'
assert new BigInteger(decoded.chainId.substring(2), 16) == 11155111
assert new BigInteger(decoded.nonce.substring(2), 16) == 7
assert new BigInteger(decoded.value.substring(2), 16) == 10000000000000000G
assert new BigInteger(decoded.maxFeePerGas.substring(2), 16) == 30000000000G
assert new BigInteger(decoded.maxPriorityFeePerGas.substring(2), 16) == 1500000000G
assert decoded.hash == eip1559.hash
assert eip1559.from == expected

def legacy = new JsonSlurper().parse(new File(basedir, 'target/legacy.json'))
decoded = support.castDecodeTx(legacy.raw)
assert decoded.signer.equalsIgnoreCase(expected)
assert decoded.type == '0x0'
assert new BigInteger(decoded.v.substring(2), 16) in [11155111G * 2 + 35, 11155111G * 2 + 36]
assert decoded.input == '0xdeadbeef'
assert new BigInteger(decoded.gasPrice.substring(2), 16) == 20000000000G
assert decoded.hash == legacy.hash

def log = new File(basedir, 'build.log').text
assert log.contains("Raw transaction: ${eip1559.raw}")
assert log.contains("Signed eip1559 transaction ${eip1559.hash} from ${expected}")
// no warning caused by the plugin, under Maven 3.9 and Maven 4 (the suite runs this case under both)
ItSupport.assertNoWarnings(basedir)
return true
