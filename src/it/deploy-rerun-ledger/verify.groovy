import groovy.json.JsonSlurper
import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
String deployer = support.castAddressOf('4343434343434343434343434343434343434343434343434343434343434343')
def text = new File(basedir, 'build.log').text
// invoker writes one build.log for all three runs, one after the other
def runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\./).findAll { it.contains('kms-deploy-contract') }
assert runs.size() == 3 : "three runs expected in build.log, found ${runs.size()}"

def deployed = ~/Deployed Counter at (0x[0-9a-fA-F]{40}) \(transaction (0x[0-9a-f]{64})/
def first = (runs[0] =~ deployed)
assert first.find() : 'run 1 deploys'
String firstAddress = first.group(1)

assert !(runs[1] =~ deployed).find() : 'run 2 must not deploy'
assert runs[1].contains("Counter is up to date: the ledger ") && runs[1].contains("records the same bytecode and arguments at ${firstAddress}, which has code. Nothing was sent")
assert runs[1].contains("Using Counter at ${firstAddress}")
assert !runs[1].contains('Signed eip1559 transaction') : 'run 2 signs nothing'

def third = (runs[2] =~ deployed)
assert third.find() : 'run 3 redeploys'
String thirdAddress = third.group(1)
assert thirdAddress != firstAddress
assert runs[2].contains("redeploy is set: deploying Counter again (the ledger has it at ${firstAddress})")

// the deployment's step record (local state store) is marked mined
def stepRecord = { String deployment ->
    def accounts = new File(basedir, ".kms-ethereum/journal/${chainId}").listFiles() ?: []
    def file = accounts.collect { new File(it, "steps/deployment-${deployment}.json") }.find { it.isFile() }
    assert file != null : "no step record for ${deployment}"
    new groovy.json.JsonSlurper().parse(file)
}
def record = new JsonSlurper().parse(new File(basedir, "deployments/${chainId}/Counter.json"))
assert record.address == thirdAddress
assert record.transactionHash == third.group(2)
assert stepRecord('Counter').state == 'mined'
assert stepRecord('Counter').transaction.hash == record.transactionHash
long before = new File(basedir, 'nonce-before.txt').text as long
assert support.nonce(rpcUrl, deployer) == before + 2 : 'two transactions in three runs'
assert support.cast('call', '--rpc-url', rpcUrl, firstAddress, 'count()(uint256)') == '100'
assert support.cast('call', '--rpc-url', rpcUrl, thirdAddress, 'count()(uint256)') == '100'
// no warning caused by the plugin, under Maven 3.9 and Maven 4 (the suite runs this case under both)
ItSupport.assertNoWarnings(basedir)
return true
