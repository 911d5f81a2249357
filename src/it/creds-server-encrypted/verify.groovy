import io.kmsethereum.it.ItSupport
def log = new File(basedir, 'build.log').text
assert log.contains('[DEBUG]') : 'the build ran with -X'
assert log.count("AWS credentials: settings.xml server 'aws-it'") == 1 : 'the source is logged once per build, not per goal'
// the key lives in account 222222222222: only the server's credentials can see it
assert log.contains('KMS key arn:aws:kms:us-east-1:222222222222:key/66666666-6666-4666-8666-000000000001 is Ethereum address')
assert log.contains('Raw transaction: 0x')
for (secret in ['kmsEthItSecret', 'DoNotLogMe', 'kmsEthItSessionToken', '0987654321',
                'JBOwMv900o0HjiFf3if7rka99lhyDG2KY2UOcsnyD7MmLvPFc5WuedvueAgOEIBeghnpromfa9POCPlrQsf8sw==',
                'it-master-password']) {
    assert !log.contains(secret) : "secret '${secret}' appears in the -X build log"
}
// no warning caused by the plugin, under Maven 3.9 and Maven 4 (the suite runs this case under both)
ItSupport.assertNoWarnings(basedir)
return true
