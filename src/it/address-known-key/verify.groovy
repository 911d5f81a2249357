import groovy.json.JsonSlurper
import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
// computed independently of our code, by Foundry's cast, from the private key
String expected = support.castAddressOf('4646464646464646464646464646464646464646464646464646464646464646')
assert expected == '0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F'
for (name in ['alias', 'alias-arn', 'key-id', 'key-arn']) {
    def json = new JsonSlurper().parse(new File(basedir, "target/${name}.json"))
    assert json.address == expected : "${name}: ${json.address}"
    assert json.keyArn == 'arn:aws:kms:us-east-1:000000000000:key/11111111-1111-4111-8111-111111111111'
    assert json.keySpec == 'ECC_SECG_P256K1'
    assert json.publicKey.length() == 130
}
def log = new File(basedir, 'build.log').text
assert log.contains("is Ethereum address ${expected}")
assert log.contains('AWS credentials: environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY')
// no warning caused by the plugin, under Maven 3.9 and Maven 4 (the suite runs this case under both)
ItSupport.assertNoWarnings(basedir)
return true
