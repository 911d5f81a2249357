import groovy.json.JsonSlurper
import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
String deployer = support.castAddressOf('6161616161616161616161616161616161616161616161616161616161616161')
long before = new File(basedir, 'nonce-before.txt').text as long
def text = new File(basedir, 'build.log').text
def runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\./).findAll { it.contains('kms-deploy-contract') }
assert runs.size() == 2 : "two runs expected in build.log, found ${runs.size()}"

// run 1: three signatures with consecutive nonces, all broadcast before the first receipt
def nonces = (runs[0] =~ /Signed eip1559 transaction 0x[0-9a-f]{64} from \S+ \(chain id \d+, nonce (\d+)\)/).collect { it[1] as long }
assert nonces == [before, before + 1, before + 2] : "consecutive nonces from ${before}: ${nonces}"
int lastSent = runs[0].lastIndexOf('Sent transaction ')
int firstMined = runs[0].indexOf(' mined in block ')
assert runs[0].contains('Broadcasting 3 deployments before waiting for their receipts')
assert lastSent > 0 && firstMined > lastSent : 'every broadcast comes before the first receipt'

// the deployment's step record (local state store) is marked mined
def stepRecord = { String deployment ->
    def accounts = new File(basedir, ".kms-ethereum/journal/${chainId}").listFiles() ?: []
    def file = accounts.collect { new File(it, "steps/deployment-${deployment}.json") }.find { it.isFile() }
    assert file != null : "no step record for ${deployment}"
    new groovy.json.JsonSlurper().parse(file)
}
def names = ['counter-a': 'kms.contractAddress.counter-a', 'counter-b': 'it.counterB', 'counter-c': 'kms.contractAddress.counter-c']
def counts = ['counter-a': '11', 'counter-b': '22', 'counter-c': '33']
def addresses = [:]
names.each { name, property ->
    def record = new JsonSlurper().parse(new File(basedir, "deployments/${chainId}/${name}.json"))
    assert stepRecord(name).state == 'mined'
    assert runs[0].contains("Deployed Counter at ${record.address} (transaction ${record.transactionHash}")
    assert runs[0].contains("${property} = ${record.address}") : "run 1 exports ${property}"
    assert runs[1].contains("${property} = ${record.address}") : "run 2 exports the same ${property}"
    assert runs[1].contains("Using Counter at ${record.address}")
    // independent check with Foundry: code is there and the constructor ran with this entry's argument
    assert support.cast('call', '--rpc-url', rpcUrl, record.address, 'count()(uint256)') == counts[name]
    assert support.cast('tx', '--rpc-url', rpcUrl, record.transactionHash, 'nonce') as long == before + names.keySet().toList().indexOf(name)
    addresses[name] = record.address
}
assert addresses.values().toSet().size() == 3

// run 2 signs and sends nothing
assert !runs[1].contains('Signed eip1559 transaction') : 'run 2 signs nothing'
assert !runs[1].contains('Sent transaction')
assert support.nonce(rpcUrl, deployer) == before + 3 : 'three transactions in two runs'
return true
