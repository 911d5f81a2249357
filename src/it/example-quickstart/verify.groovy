import groovy.json.JsonSlurper
import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
def kmsDir = new File(basedir, 'example/target/kms')
def key = new JsonSlurper().parse(new File(kmsDir, 'key.json'))
def address = new JsonSlurper().parse(new File(kmsDir, 'address.json'))
def payment = new JsonSlurper().parse(new File(kmsDir, 'payment.json'))

assert key.alias == 'alias/quickstart'
assert address.keyArn == key.keyArn && address.address == key.address

// the signed payment, decoded by Foundry's cast (independent of our code), is from the KMS account
def tx = support.castDecodeTx(payment.raw)
assert tx.signer.equalsIgnoreCase(key.address)
assert tx.to.equalsIgnoreCase('0x3535353535353535353535353535353535353535')
assert new BigInteger(tx.value.replaceFirst('^0x', ''), 16) == 10_000_000_000_000_000G
assert new BigInteger(tx.chainId.replaceFirst('^0x', ''), 16) == 31337G
return true
