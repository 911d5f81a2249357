import groovy.json.JsonSlurper
import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
Properties s = new Properties()
new File(basedir, 'safe.properties').withInputStream { s.load(it) }
def runs = new File(basedir, 'build.log').text.split(/(?m)^\[INFO\] Scanning for projects\.\.\./).findAll { it.contains('kms-ethereum') }
assert runs.size() == 6 : "six runs expected in build.log, found ${runs.size()}"
runs.each { assert it.contains('BUILD SUCCESS') }
def call = { String to, String sig -> support.cast('call', '--rpc-url', rpcUrl, to, sig).split(' ')[0] }
def ledger = { String name -> new JsonSlurper().parse(new File(basedir, "release/deployments/${chainId}/${name}.json")) }
String safe = s.safe

// 1. release: both deployed where the owners expect them, both handed to the Safe, recognised as one
assert runs[0].contains("Deployed OwnedSettings at ${s.settings}")
assert runs[0].contains("Deployed TwoStepSettings at ${s.twoStep}")
assert runs[0].contains("settings's owner after the hand-over: ${safe}, a Safe (threshold 2 of 3 owners: [")
assert runs[0] =~ /Handed settings at \Q${s.settings}\E to \Q${safe}\E \(transaction 0x[0-9a-f]{64}, block \d+\); owner\(\) is \Q${safe}\E/
assert runs[0].contains("Ownership of two-step at ${s.twoStep} is pending after transaction ")
assert runs[0].contains("${safe} must accept it by calling acceptOwnership() on ${s.twoStep}; for a Safe that is a Safe transaction")

// 2.-3. setFee(250) through the Safe: owner 1 signs (nothing sent), owner 2 signs and executes
assert !runs[1].contains('Signed eip1559 transaction') : 'owner A sends nothing'
def setFee = new JsonSlurper().parse(new File(basedir, 'owner-b/target/set-fee.json'))
assert setFee.receipt != null && setFee.receipt.success
assert setFee.signers*.toLowerCase() == [s.owner1, s.owner2]*.toLowerCase()
assert call(s.settings, 'fee()(uint256)') == '250'
assert call(s.settings, 'owner()(address)') == safe

// 4.-5. acceptOwnership() through the Safe
assert !runs[3].contains('Signed eip1559 transaction') : 'owner A sends nothing'
def accept = new JsonSlurper().parse(new File(basedir, 'owner-b/target/accept.json'))
assert accept.receipt != null && accept.receipt.success
assert call(s.twoStep, 'owner()(address)') == safe
assert call(s.twoStep, 'pendingOwner()(address)') == '0x0000000000000000000000000000000000000000'
assert call(s.twoStep, 'fee()(uint256)') == '200'
assert support.safeNonce(rpcUrl, safe) == 2G

// 6. release again: nothing signed or sent; the acceptance recorded
assert !runs[5].contains('Signed eip1559 transaction')
assert runs[5].contains("${safe} has accepted the ownership of two-step at ${s.twoStep}: owner() is ${safe}; recording the status accepted in ")
assert runs[5].contains("settings at ${s.settings} was handed to ${safe} (transferred, transaction ")
assert ledger('settings').ownershipTransfer.status == 'transferred'
assert ledger('settings').ownershipTransfer.to == safe
assert ledger('two-step').ownershipTransfer.status == 'accepted'
assert ledger('two-step').ownershipTransfer.to == safe
assert ledger('two-step').schema == 1

// the deployer sent two deployments and two hand-overs, nothing more
assert support.nonce(rpcUrl, s.deployer) == (s.deployerNonce as BigInteger) + 4
return true
