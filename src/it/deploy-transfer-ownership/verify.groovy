import groovy.json.JsonSlurper
import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
String deployer = support.castAddressOf('ab0b' * 16)
String newOwner = '0xb94BAe49149C8a258168Ab0f6184C77B7D689EA8'
def text = new File(basedir, 'build.log').text
def runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\./).findAll { it.contains('kms-deploy-contract') }
assert runs.size() == 5 : "five runs expected in build.log, found ${runs.size()}"
runs.each { assert it.contains('BUILD SUCCESS') }

def deployed = ~/Deployed (\w+) at (0x[0-9a-fA-F]{40}) \(transaction (0x[0-9a-f]{64})/
def first = (runs[0] =~ deployed)
assert first.find()
String settings = first.group(2)
assert runs[0].contains("settings's owner after the hand-over: ${newOwner}, an account without code (transferOwnershipToEoa is set)")
assert runs[0].contains("Handing settings at ${settings} to ${newOwner}: transferOwnership(${newOwner})")
def handed = (runs[0] =~ /Handed settings at \Q${settings}\E to \Q${newOwner}\E \(transaction (0x[0-9a-f]{64}), block (\d+)\); owner\(\) is \Q${newOwner}\E/)
assert handed.find() : 'run 1 hands it over'
String handOverTx = handed.group(1)

// the chain, read by cast (an implementation independent of ours)
assert support.cast('call', '--rpc-url', rpcUrl, settings, 'owner()(address)') == newOwner
assert support.cast('call', '--rpc-url', rpcUrl, settings, 'fee()(uint256)') == '100'
def receipt = support.cast('receipt', '--rpc-url', rpcUrl, handOverTx, 'status')
assert receipt == 'true' || receipt.startsWith('1') : "hand-over receipt status ${receipt}"
assert support.cast('receipt', '--rpc-url', rpcUrl, handOverTx, 'from').equalsIgnoreCase(deployer)

// the ledger record: ownershipTransfer, schema unchanged
def record = new JsonSlurper().parse(new File(basedir, "deployments/${chainId}/settings.json"))
assert record.schema == 1
assert record.address == settings
assert record.ownershipTransfer.to == newOwner
assert record.ownershipTransfer.function == 'transferOwnership(address)'
assert record.ownershipTransfer.transactionHash == handOverTx
assert record.ownershipTransfer.block == (handed.group(2) as long)
assert record.ownershipTransfer.status == 'transferred'

// run 2: nothing signed or sent
assert !(runs[1] =~ deployed).find()
assert !runs[1].contains('Signed eip1559 transaction') : 'run 2 signs nothing'
assert runs[1].contains("settings at ${settings} was handed to ${newOwner} (transferred, transaction ${handOverTx}, in ")
assert runs[1].contains("owner() is ${newOwner}. Nothing was sent")

// run 3: two-step: pending
def third = (runs[2] =~ deployed)
assert third.find()
String twoStep = third.group(2)
assert runs[2].contains("Ownership of two-step at ${twoStep} is pending after transaction ")
assert runs[2].contains(": pendingOwner() is ${newOwner} and owner() is still ${deployer} (two-step ownership, Ownable2Step). ${newOwner} must accept it by calling acceptOwnership() on ${twoStep}; for a Safe that is a Safe transaction")

// run 4: still pending, nothing sent by the deployer; then the new owner accepts
assert runs[3].contains("Ownership of two-step at ${twoStep} is pending: pendingOwner() is ${newOwner}")
assert runs[3].count('Signed eip1559 transaction') == 1 : 'only the acceptance is signed in run 4'

// run 5: accepted, recorded, nothing sent
assert !runs[4].contains('Signed eip1559 transaction')
assert runs[4].contains("${newOwner} has accepted the ownership of two-step at ${twoStep}: owner() is ${newOwner}; recording the status accepted in ")
assert support.cast('call', '--rpc-url', rpcUrl, twoStep, 'owner()(address)') == newOwner
assert support.cast('call', '--rpc-url', rpcUrl, twoStep, 'pendingOwner()(address)') == '0x0000000000000000000000000000000000000000'
def twoStepRecord = new JsonSlurper().parse(new File(basedir, "deployments/${chainId}/two-step.json"))
assert twoStepRecord.ownershipTransfer.status == 'accepted'
assert twoStepRecord.ownershipTransfer.to == newOwner

// each hand-over is a step of its own in the journal, mined
def stepRecord = { String step ->
    def accounts = new File(basedir, ".kms-ethereum/journal/${chainId}").listFiles() ?: []
    def file = accounts.collect { new File(it, "steps/${step}.json") }.find { it.isFile() }
    assert file != null : "no step record ${step}"
    new JsonSlurper().parse(file)
}
assert stepRecord('ownership-settings').state == 'mined'
assert stepRecord('ownership-settings').transaction.hash == handOverTx
assert stepRecord('ownership-two-step').state == 'mined'

// the deployer sent two deployments and two hand-overs in five runs; the new owner one acceptance
def (deployerBefore, ownerBefore) = new File(basedir, 'nonces-before.txt').text.split(' ').collect { it as long }
assert support.nonce(rpcUrl, deployer) == deployerBefore + 4
assert support.nonce(rpcUrl, newOwner) == ownerBefore + 1
ItSupport.assertNoWarnings(basedir)
return true
