import io.kmsethereum.it.ItSupport
import software.amazon.awssdk.services.kms.model.*

def kms = new ItSupport(servicesDir).kms()
def log = new File(basedir, 'build.log').text
def expect = { String s -> assert log.contains(s) : "expected in build.log: ${s}" }

expect('''Alias 'alias/it-create-key-p256' already names KMS key arn:aws:kms:us-east-1:000000000000:key/7e7e7e7e-0007-4007-8007-000000000001 with key spec ECC_NIST_P256 and key usage SIGN_VERIFY, which cannot be an Ethereum account (that needs key spec ECC_SECG_P256K1 and key usage SIGN_VERIFY). kms-create-key never creates a second key under an existing alias: choose another alias, or move this one to a secp256k1 key (aws kms update-alias) or delete it (aws kms delete-alias) and run kms-create-key again.''')
expect('''Alias 'alias/it-create-key-absent' was not found in region us-east-1 at ''')
expect('''and expectedAddress pins an existing account: a new key would get a new address.''')
expect('''Invalid 'alias': 'alias/aws/it-reserved' is reserved for AWS managed keys; choose another name''')
expect('''Invalid 'alias': 'release-signer' is not a KMS alias; write alias/<name>''')
expect('''Invalid 'alias': is required: set it (or 'keyId') to the alias that names the account, e.g. alias/release-signer (Maven property: kms.alias)''')
assert !log.contains('Created KMS key') : 'no key may be created'
assert log.count('BUILD FAILURE') == 5

// not one key was created, and the alias still names the P-256 key
int before = new File(basedir, 'keys-before.txt').text.trim() as int
assert kms.listKeysPaginator(ListKeysRequest.builder().build()).keys().size() == before
def alias = kms.listAliasesPaginator(ListAliasesRequest.builder().build()).aliases().find { it.aliasName() == 'alias/it-create-key-p256' }
assert alias.targetKeyId() == '7e7e7e7e-0007-4007-8007-000000000001'
assert kms.listAliasesPaginator(ListAliasesRequest.builder().build()).aliases().every { it.aliasName() != 'alias/it-create-key-absent' }
return true
