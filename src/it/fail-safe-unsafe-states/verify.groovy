import io.kmsethereum.it.ItSupport
import io.kmsethereum.testing.FaultProxy

def support = new ItSupport(servicesDir)
Properties s = new Properties()
new File(basedir, 'safe.properties').withInputStream { s.load(it) }
String log = new File(basedir, 'build.log').text
def fails = { String module, String message ->
    assert log.readLines().any {
        it.startsWith('[ERROR] Failed to execute goal') && it.toLowerCase().contains("(safe) on project fail-safe-${module}: ${message}".toLowerCase())
    } :
            "${module} fails with: ${message}"
}
fails('no-code', "Invalid 'safe': 0x5afe00000000000000000000000000000000dead has no code on chain 31337")
fails('not-a-safe', "Invalid 'safe': ${s.counter} has code but does not answer as a Safe")
fails('not-an-owner', "Invalid 'additionalKeyIds': the key alias/it-safe-fail-stranger (${s.stranger}) is not an owner of the Safe")
fails('delegatecall', "Invalid 'operation': delegatecall runs the target's code with the Safe's own storage and funds")
fails('other-transaction', "Invalid 'signatureFiles': ")
assert log.contains("other-transaction.json is for the Safe transaction ")
fails('other-chain', "Invalid 'signatureFiles': ")
assert log.contains("other-chain.json is for chain 1, but the Safe is on chain 31337")
fails('stale-nonce', "Invalid 'signatureFiles': ")
assert log.contains("stale-nonce.json is for Safe nonce 0, but the Safe's nonce is 1: that nonce's transaction was executed or replaced, so the signature is stale")
fails('not-multisend', "Invalid 'multiSendCallOnly': ${s.counter} on chain 31337 does not run the code of MultiSendCallOnly 1.3.0 or 1.4.1")
// nothing signed, nothing sent: no KMS Sign in the whole build, the Safe's nonce and the owners' nonces unchanged
assert FaultProxy.of('fail-safe-unsafe-states').calls('Sign') == 0
assert support.safeNonce(rpcUrl, s.safe) == 1G
[s.owner1, s.owner2, s.stranger].each { assert support.nonce(rpcUrl, it) == 0G }
assert support.cast('call', '--rpc-url', rpcUrl, s.target, 'value()(uint256)') == '1'
assert !new File(basedir, 'no-code/.kms-ethereum/safe-signatures').exists()
return true
