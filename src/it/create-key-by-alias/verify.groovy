import groovy.json.JsonSlurper
import io.kmsethereum.it.ItSupport
import software.amazon.awssdk.services.kms.model.*

def support = new ItSupport(servicesDir)
def kms = support.kms()
def json = { name -> new JsonSlurper().parse(new File(basedir, "target/${name}.json")) }
def first = json('first'), second = json('second'), viaKeyId = json('via-key-id'), mrk = json('mrk')

// run 1 created the key; runs 2 and 3 found the alias and reused the same key
assert first.created == true
assert second.created == false && viaKeyId.created == false
assert second.keyArn == first.keyArn && viaKeyId.keyArn == first.keyArn
assert second.address == first.address && viaKeyId.address == first.address
assert first.alias == 'alias/it-create-key' && viaKeyId.alias == 'alias/it-create-key'
assert first.keyArn ==~ /arn:aws:kms:us-east-1:000000000000:key\/[0-9a-f-]{36}/
assert first.address ==~ /0x[0-9a-fA-F]{40}/

// exactly two keys were created over the five builds (one per alias), and the alias points at the first
int before = new File(basedir, 'keys-before.txt').text.trim() as int
int after = kms.listKeysPaginator(ListKeysRequest.builder().build()).keys().size()
assert after == before + 2 : "expected exactly 2 new keys, got ${after - before}"
def aliases = kms.listAliasesPaginator(ListAliasesRequest.builder().build()).aliases().findAll { it.aliasName() == 'alias/it-create-key' }
assert aliases.size() == 1
assert first.keyArn.endsWith('/' + aliases[0].targetKeyId())

// the key is what an Ethereum account needs, with the POM's description and tags
def metadata = kms.describeKey(DescribeKeyRequest.builder().keyId(first.keyArn).build()).keyMetadata()
assert metadata.keySpecAsString() == 'ECC_SECG_P256K1'
assert metadata.keyUsageAsString() == 'SIGN_VERIFY'
assert metadata.keyStateAsString() == 'Enabled'
assert metadata.description() == 'Release signer (create-key-by-alias IT)'
assert metadata.multiRegion() == false
def tags = kms.listResourceTags(ListResourceTagsRequest.builder().keyId(first.keyArn).build()).tags()
        .collectEntries { [(it.tagKey()): it.tagValue()] }
assert tags == [team: 'release', purpose: 'ethereum-signing']

// multiRegion=true made a multi-Region primary key
def mrkMetadata = kms.describeKey(DescribeKeyRequest.builder().keyId(mrk.keyArn).build()).keyMetadata()
assert mrk.created == true
assert mrkMetadata.multiRegion() == true
assert mrkMetadata.multiRegionConfiguration().multiRegionKeyTypeAsString() == 'PRIMARY'
assert mrkMetadata.keyId().startsWith('mrk-')
assert mrkMetadata.keySpecAsString() == 'ECC_SECG_P256K1'
assert mrk.keyArn != first.keyArn

// the address the goal reports is the key's address according to kms-address
assert json('address').address == first.address

// the printed policy: valid JSON, exactly that key ARN, exactly the three actions, Sign only as the plugin signs
def log = new File(basedir, 'build.log').readLines()
def policies = []
log.eachWithIndex { line, i ->
    if (line.contains('Least-privilege IAM policy for signing with this key:')) {
        int end = (i + 1..<log.size()).find { log[it] == '}' }
        assert end != null : 'policy JSON not closed in build.log'
        policies << new JsonSlurper().parseText(log[(i + 1)..end].join('\n'))
    }
}
assert policies.size() == 5 - 1 : "expected a policy from each kms-create-key run, got ${policies.size()}"
def expectedPolicy = { arn -> [Version: '2012-10-17', Statement: [
        [Sid: 'EthereumKmsKeyRead', Effect: 'Allow', Action: ['kms:DescribeKey', 'kms:GetPublicKey'], Resource: arn],
        [Sid: 'EthereumSigningWithKmsKey', Effect: 'Allow', Action: 'kms:Sign', Resource: arn,
         Condition: [StringEquals: ['kms:SigningAlgorithm': 'ECDSA_SHA_256', 'kms:MessageType': 'DIGEST']]]]] }
assert policies[0] == expectedPolicy(first.keyArn)
assert policies[1] == expectedPolicy(first.keyArn)
assert policies[2] == expectedPolicy(first.keyArn)
assert policies[3] == expectedPolicy(mrk.keyArn)
assert first.policy == expectedPolicy(first.keyArn)
assert !policies.toString().contains('*') : 'no wildcard in the policy'

def text = log.join('\n')
assert text.contains("Created KMS key ${first.keyArn} (ECC_SECG_P256K1, SIGN_VERIFY) under alias/it-create-key")
assert text.contains("Reusing KMS key ${first.keyArn} for alias/it-create-key (the alias already exists; no key was created)")
assert text.contains("Created KMS key ${mrk.keyArn} (multi-Region primary, ECC_SECG_P256K1, SIGN_VERIFY) under alias/it-create-key-mrk")
assert text.contains("Ethereum address: ${first.address}")
return true
