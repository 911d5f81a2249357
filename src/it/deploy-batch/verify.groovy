import groovy.json.JsonSlurper
import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
String deployer = support.castAddressOf('6161616161616161616161616161616161616161616161616161616161616161')
long before = new File(basedir, 'nonce-before.txt').text as long
def text = new File(basedir, 'build.log').text
def runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\./).findAll { it.contains('kms-deploy-contract') }
assert runs.size() == 4 : "four runs expected in build.log, found ${runs.size()}"

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
    if (name == 'counter-b') {
        // redeployed by run 4: run 1's deployment is the first entry of the history
        assert record.generation == 2
        record = record.history[0]
    }
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

// run 3: one entry changed, onChange=fail: the whole list fails before anything is signed
assert runs[2].contains('BUILD FAILURE')
assert runs[2].contains("Invalid 'onChange': 1 of the 3 deployments cannot go ahead. counter-b differs from the deployment the ledger records (generation 1 at ${addresses['counter-b']}")
assert runs[2].contains('the constructor arguments ([22] recorded, [23] now). Nothing was signed for any of them. onChange is fail.')
assert !runs[2].contains('Signed eip1559 transaction') : 'run 3 signs nothing'

// run 4: the local chain's default redeploys counter-b alone, as its generation 2
def b = new JsonSlurper().parse(new File(basedir, "deployments/${chainId}/counter-b.json"))
assert b.history.size() == 1 && b.history[0].address == addresses['counter-b']
assert b.address != addresses['counter-b']
assert (runs[3] =~ /Signed eip1559 transaction/).count == 1 : 'run 4 signs one transaction'
assert runs[3].contains("Deployed Counter at ${b.address}")
assert runs[3].contains("it.counterB = ${b.address}")
assert runs[3].contains("Using Counter at ${addresses['counter-a']}") && runs[3].contains("Using Counter at ${addresses['counter-c']}")
assert support.cast('call', '--rpc-url', rpcUrl, b.address, 'count()(uint256)') == '23'
def accounts = new File(basedir, ".kms-ethereum/journal/${chainId}").listFiles() ?: []
assert accounts.any { new File(it, 'steps/deployment2-counter-b.json').isFile() } : 'the redeployment is a step of its own'
assert support.nonce(rpcUrl, deployer) == before + 4 : 'four transactions in four runs'
return true
