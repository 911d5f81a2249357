import io.kmsethereum.it.ItSupport
import software.amazon.awssdk.services.kms.model.*

def support = new ItSupport(servicesDir)
// an alias on a NIST P-256 key: a valid KMS signing key, but not an Ethereum account
support.ensureKey('7e7e7e7e-0007-4007-8007-000000000001', null, 'alias/it-create-key-p256', KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY)
def kms = support.kms()
assert kms.listAliasesPaginator(ListAliasesRequest.builder().build()).aliases().every { it.aliasName() != 'alias/it-create-key-absent' }
new File(basedir, 'keys-before.txt').text = kms.listKeysPaginator(ListKeysRequest.builder().build()).keys().size()
return true
