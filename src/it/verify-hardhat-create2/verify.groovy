import groovy.json.JsonSlurper
import io.kmsethereum.it.ItSupport
import io.kmsethereum.it.VerifyTestSupport

def support = new ItSupport(servicesDir)
def log = new File(basedir, 'build.log').text
def ledger = { String name -> new JsonSlurper().parse(new File(basedir, "deployments/${chainId}/${name}.json")) }
def library = ledger('VaultMath')
def vault = ledger('Vault')
assert vault.factory == '0x4e59b44847b379578588920cA78FbF26c0B4956C' : 'Vault was created through the CREATE2 proxy'
assert vault.libraries.VaultMath == library.address
for (record in [library, vault]) {
    String id = "${record.deploymentName} (contracts/Vault.sol:${record.contractName} at ${record.address})"
    assert log.contains("sourcify: ${id} verified (") : "sourcify verifies ${id}"
    assert log.contains("blockscout: ${id} verified") : "blockscout verifies ${id}"
    assert record.verifications*.status == ['verified', 'verified']
    assert record.verifications*.type == ['sourcify', 'blockscout']
}
// the Blockscout form: no chain id, no key; the libraries by fully qualified name went with it
def requests = VerifyTestSupport.requests(support, 'it-verify-hardhat')
def blockscout = requests.findAll { it.get('service').asText() == 'blockscout' }
assert !blockscout.isEmpty() && blockscout.every { !it.get('apiKeyPresent').asBoolean() }
return true
