import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
String deployer = '0x7a5BEd8A5aBb4e5C584d0D4fE45CB9EddDA8646b'
def example = new File(basedir, 'example')

def exported = new Properties()
new File(example, 'target/deploy/contracts.properties').withReader { exported.load(it) }
assert exported.'release.version' == '1.0.0'
assert exported.'release.deployer' == deployer
String registry = exported.'release.registry.address'
String treasury = exported.'release.treasury.address'
assert registry ==~ /0x[0-9a-fA-F]{40}/ && treasury ==~ /0x[0-9a-fA-F]{40}/ && registry != treasury

// on chain, read by cast: both contracts exist and were built from the POM's arguments
def call = { String to, String signature -> support.cast('call', to, signature, '--rpc-url', rpcUrl) }
assert call(registry, 'version()(string)') == '"1.0.0"'
assert call(registry, 'deployer()(address)').equalsIgnoreCase(deployer)
assert call(treasury, 'registry()(address)').equalsIgnoreCase(registry)
assert call(treasury, 'owner()(address)').equalsIgnoreCase(deployer)

// two transactions over two release builds: the second one sent nothing
int before = new File(basedir, 'nonce-before.txt').text.trim() as int
assert (support.cast('nonce', deployer, '--rpc-url', rpcUrl) as int) == before + 2

// the ledger records both deployments, and the artifact was published
def ledger = new File(example, 'deployments/31337')
assert new File(ledger, 'ReleaseRegistry.json').text.toLowerCase().contains(registry.toLowerCase())
assert new File(ledger, 'Treasury.json').text.toLowerCase().contains(treasury.toLowerCase())
assert new File(example, 'target/release-repository/com/example/release-pipeline/1.0.0/release-pipeline-1.0.0.pom').isFile()
return true
