import groovy.json.JsonSlurper
import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
def kms = new File(basedir, 'example/target/kms')
def log = new File(basedir, 'build.log').text
def expected = [dev: ['11', 31337], staging: ['12', 11155111], ci: ['13', 1]]

expected.each { environment, keyAndChain ->
    String address = support.castAddressOf('7e' + '0' * 60 + keyAndChain[0])
    def account = new JsonSlurper().parse(new File(kms, "${environment}-account.json"))
    assert account.address == address : environment
    def payment = new JsonSlurper().parse(new File(kms, "${environment}-payment.json"))
    def tx = support.castDecodeTx(payment.raw)
    assert tx.signer.equalsIgnoreCase(address) : environment
    assert new BigInteger(tx.chainId.replaceFirst('^0x', ''), 16) == keyAndChain[1] : environment
}
assert log.contains("AWS credentials: AWS profile 'staging'")
// dev and ci take the default chain, here the environment variables the invoker sets; one line per build
assert log.count('AWS credentials: environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY') >= 2

// the pinned ci account refused the staging key, naming both addresses, and nothing was signed in that run
assert log.contains("Invalid 'expectedAddress': the key 'alias/app-staging' has address ${support.castAddressOf('7e' + '0' * 60 + '12')}, not 0x1FE07fB25930B02b9e475bF7AaF01F32062764bB")
assert !log.contains('staging-example-secret') : 'the secret access key must never be logged'
return true
