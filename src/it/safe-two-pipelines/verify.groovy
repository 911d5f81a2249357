import groovy.json.JsonSlurper
import io.kmsethereum.it.ItSupport
import io.kmsethereum.testing.FaultProxy

def support = new ItSupport(servicesDir)
Properties s = new Properties()
new File(basedir, 'safe.properties').withInputStream { s.load(it) }
String log = new File(basedir, 'build.log').text
def json = { String module, String name -> new JsonSlurper().parse(new File(basedir, "${module}/target/${name}.json")) }
def call = { String to, String sig -> support.cast('call', '--rpc-url', rpcUrl, to, sig).split(' ')[0] }

// build 1: owner A signed, nothing was sent
def a = json('owner-a', 'set-value')
assert a.state == 'signed' && a.receipt == null
assert a.signers*.toLowerCase() == [s.owner1.toLowerCase()]
assert a.pending*.toLowerCase() == [s.owner2, s.owner3]*.toLowerCase()
assert log.contains('Below the threshold: nothing is sent. 1 more owner(s) must sign')

// build 2: owner B signed the same transaction and executed it: the Safe (the target's owner) set 42, then
// owners 2 and 3 (keyId + additionalKeyIds of one execution) signed the batch of three calls, executed
// atomically in one Safe transaction (build 3 overwrote the output files: read build 2 from the log)
def executed = [:] // safeTxHash -> execTransaction hash
(log =~ /The Safe executed (0x[0-9a-f]{64}) in transaction (0x[0-9a-f]{64})/).each { executed[it[1]] = it[2] }
assert executed.size() == 2 : executed
assert executed.containsKey(a.safeTxHash)
def checksummed = { String address -> support.cast('to-check-sum-address', address) }
assert log.contains("Signatures: 2 of the threshold 2 (signed: ${checksummed(s.owner1)}, ${checksummed(s.owner2)}; ")
assert log.contains("Signatures: 2 of the threshold 2 (signed: ${checksummed(s.owner2)}, ${checksummed(s.owner3)}; ")
// ... the stranger's signature was ignored with a warning naming it
String stranger = new File(basedir, 'stranger.txt').text
assert log.readLines().any { it.startsWith('[WARNING] Ignored the signature ') && it.contains('non-owner-signature.json: its signer ' + stranger + ' is not an owner') }
def batch = json('owner-b', 'batch')
assert batch.transaction.to.toLowerCase() == s.multiSendCallOnly.toLowerCase()
assert batch.transaction.operation == 1
assert batch.transaction.nonce == '1'
assert executed.containsKey(batch.safeTxHash)
assert call(s.counter, 'count()(uint256)') == '2'
assert call(s.target, 'value()(uint256)') == '7'
assert call(s.target, 'calls()(uint256)') == '2'
// the Safe's nonce: exactly two Safe transactions, also after the re-runs (builds 3 and 4)
assert support.safeNonce(rpcUrl, s.safe) == 2G
// cast sees the Safe's ExecutionSuccess for each safeTxHash in the receipts
executed.each { safeTxHash, txHash ->
    def receipt = new JsonSlurper().parseText(support.cast('receipt', '--rpc-url', rpcUrl, '--json', txHash))
    assert receipt.status == '0x1'
    assert receipt.logs.any { it.address.equalsIgnoreCase(s.safe) && it.topics[1] == safeTxHash } : "ExecutionSuccess of ${safeTxHash}"
}

// build 3 (re-run of owner B) signed and sent nothing
assert json('owner-b', 'set-value').state == 'done' && batch.state == 'done'
assert (log =~ /was executed by this step already \(journal step 'safe-/).count == 2
// build 4 (owner B's pipeline in a fresh checkout, no proposal record) found both changes in the Safe's
// ExecutionSuccess logs, at Safe nonces 0 and 1, and signed and sent nothing
def fresh = json('owner-b-fresh', 'set-value')
assert fresh.state == 'done' && fresh.safeTxHash == a.safeTxHash
def freshBatch = json('owner-b-fresh', 'batch')
assert freshBatch.state == 'done' && freshBatch.safeTxHash == batch.safeTxHash
assert log.contains("Safe transaction ${a.safeTxHash} (the same change: to, value, data, operation, gas and refund fields) was already executed at Safe nonce 0 in transaction ${executed[a.safeTxHash]}")
assert log.contains("Safe transaction ${batch.safeTxHash} (the same change: to, value, data, operation, gas and refund fields) was already executed at Safe nonce 1 in transaction ${executed[batch.safeTxHash]}")
// KMS Sign calls: A 1; B 1 + execTransaction 1, batch 2 + execTransaction 1; the re-runs 0
assert FaultProxy.of('safe-two-pipelines').calls('Sign') == 6
// two Safe transactions, two owners' signature files each (and nothing else) in the signatures directory
def files = []
new File(basedir, 'signatures').eachFileRecurse { if (it.name.endsWith('.json')) files << it }
assert files.size() == 4 : files
return true
