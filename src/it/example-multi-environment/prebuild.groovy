import io.kmsethereum.it.Examples
import io.kmsethereum.it.ItSupport

Examples.copy(examplesDir, 'multi-environment', basedir)
def support = new ItSupport(servicesDir)
// one key per environment, with known key material so the addresses are known
support.ensureKey('7e7e7e7e-0007-4007-8007-000000000011', '7e' + '0' * 60 + '11', 'alias/app-dev')
support.ensureKey('7e7e7e7e-0007-4007-8007-000000000012', '7e' + '0' * 60 + '12', 'alias/app-staging')
support.ensureKey('7e7e7e7e-0007-4007-8007-000000000013', '7e' + '0' * 60 + '13', 'alias/app-release')
// what ~/.aws would hold on a staging machine (LocalStack accepts any key)
def aws = new File(basedir, 'aws')
aws.mkdirs()
new File(aws, 'config').text = '[profile staging]\nregion = us-east-1\n'
new File(aws, 'credentials').text = '[staging]\naws_access_key_id = staging-example\naws_secret_access_key = staging-example-secret\n'
return true
