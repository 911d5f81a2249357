import groovy.json.JsonSlurper
import io.kmsethereum.it.ItSupport
import io.kmsethereum.it.VerifyTestSupport
import java.security.MessageDigest

def support = new ItSupport(servicesDir)
String key = 'kmsEthItEtherscanKey-5d2e8c1b9a'
def text = new File(basedir, 'build.log').text
def runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\./).findAll { it.contains('kms-deploy-contract') }
assert runs.size() == 2 : "two runs expected in build.log, found ${runs.size()}"
assert runs[0].contains('[DEBUG]') : 'run 1 ran with -X'

def ledger = { String name -> new JsonSlurper().parse(new File(basedir, "deployments/${chainId}/${name}.json")) }
def library = ledger('VaultMath')
def vault = ledger('Vault')
assert vault.libraries.VaultMath == library.address
assert vault.constructorArguments == ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8', '1000']

// run 1: both contracts deployed and verified on both verifiers, in one build
for (record in [library, vault]) {
    String id = "${record.deploymentName} (src/Vault.sol:${record.contractName} at ${record.address})"
    assert runs[0].contains("sourcify: ${id} verified (full match)") : "sourcify verifies ${id}"
    assert runs[0].contains("etherscan: ${id} verified") : "etherscan verifies ${id}"
    assert record.verifications.size() == 2
    assert record.verifications*.verifier == ['sourcify', 'etherscan']
    assert record.verifications*.status == ['verified', 'verified']
    assert record.verifications[0].match == 'full'
    assert record.verifications[1].message == 'Pass - Verified'
    assert record.schema == 1 : 'verifications keep the schema number'
}

// the API key: never in the -X log, in the verifier's log only as the sha256 of what it received
for (secret in [key, 'kmsEthItEtherscanKey', '5d2e8c1b9a']) {
    assert !text.contains(secret) : "'${secret}' appears in the build log"
}
def requests = VerifyTestSupport.requests(support, 'it-verify-foundry')
assert !support.verifier().requestsText('it-verify-foundry').contains(key)
String sha = MessageDigest.getInstance('SHA-256').digest(key.getBytes('UTF-8')).encodeHex().toString()
def etherscan = requests.findAll { it.get('service').asText() == 'etherscan' }
assert !etherscan.isEmpty()
assert etherscan.every { it.get('apiKeySha256').asText() == sha } : 'every Etherscan request carries the key'

// run 2: the ledger says verified, so nothing at all goes to the verifiers
assert runs[1].count(') is verified (the ledger records it, ') == 4 : 'two contracts, two verifiers, all skipped'
assert !runs[1].contains(': verifying ')
for (record in [library, vault]) {
    String address = record.address.toLowerCase()
    def mine = requests.findAll { it.get('address').asText() == address }
    assert mine.count { it.get('action').asText() == 'contract' } == 1 : "one Sourcify lookup for ${address} (run 1 only)"
    assert mine.count { it.get('action').asText() == 'verify' } == 1 : "one Sourcify submission for ${address}"
    assert mine.count { it.get('action').asText() == 'verifysourcecode' } == 1 : "one Etherscan submission for ${address}"
}
return true
