import groovy.json.JsonOutput
import groovy.json.JsonSlurper
import io.kmsethereum.it.ItSupport
import io.kmsethereum.testing.FaultProxy

def support = new ItSupport(servicesDir)
Properties accounts = new Properties()
new File(basedir, 'accounts.properties').withInputStream { accounts.load(it) }
String sender = accounts.sender, second = accounts.second, batch = accounts.batch, counter = accounts.counter
def json = { String name -> new JsonSlurper().parse(new File(basedir, "delegate/target/${name}.json")) }
def code = { String account, Object block -> support.cast('code', '--rpc-url', rpcUrl, '--block', block.toString(), account) }
String designator = '0xef0100' + batch.substring(2).toLowerCase()
String log = new File(basedir, 'build.log').text

// cast (independent of our code) recovers the sender of each transaction and the authority of each
// authorization, and sees the nonces the plugin worked out
def check = { String name, List<Map> authorizations ->
    def out = json(name)
    assert out.receipt.success : "${name} succeeded"
    def decoded = support.castDecodeTx(out.raw)
    assert decoded.type == '0x4'
    assert decoded.signer.equalsIgnoreCase(sender) : "${name}: cast recovered ${decoded.signer}"
    assert decoded.authorizationList.size() == authorizations.size()
    decoded.authorizationList.eachWithIndex { entry, i ->
        String authority = support.cast('recover-authority', JsonOutput.toJson(entry))
        assert authority.equalsIgnoreCase(authorizations[i].authority) : "${name}[${i}]: cast recovered ${authority}"
        assert entry.address.equalsIgnoreCase(authorizations[i].delegate)
        assert new BigInteger(entry.nonce.substring(2) ?: '0', 16) == authorizations[i].nonce : "${name}[${i}] nonce"
        assert new BigInteger(entry.chainId.substring(2), 16) == 31337G
        assert log.contains("account ${authorizations[i].authority} delegates to ") : "${name}[${i}] logged (EIP-55)"
    }
    return out
}
String zero = '0x0000000000000000000000000000000000000000'

// 1. self-sponsored: transaction nonce 0, the sender's authorization nonce 1; three calls, atomically
def first = check('batch', [[authority: sender, delegate: batch, nonce: 1G]])
assert new BigInteger(first.nonce) == 0G
assert code(sender, first.receipt.blockNumber) == designator : 'the sender runs the batch executor'
assert support.cast('call', '--rpc-url', rpcUrl, counter, 'count()(uint256)') == '2'
assert support.balance(rpcUrl, '0x7702000000000000000000000000000000000b0b') == 1000G
// the gas estimate saw the delegation: the calls ran, so the limit covered them
assert new BigInteger(first.gasLimit) > new BigInteger(first.receipt.gasUsed)

// 2. the second key delegates (its own nonce 0), the sender pays (its nonce 2)
def sponsored = check('sponsored', [[authority: second, delegate: batch, nonce: 0G]])
assert new BigInteger(sponsored.nonce) == 2G
assert code(second, sponsored.receipt.blockNumber) == designator

// 3. revocation: nonce 3, authorization nonce 4; the sender's code is empty again
def revoke = check('revoke', [[authority: sender, delegate: zero, nonce: 4G]])
assert new BigInteger(revoke.nonce) == 3G
assert code(sender, revoke.receipt.blockNumber) == '0x'

// 4. the second key's revocation, signed alone and sent by the sender (nonce 5)
def alone = json('second-revokes')
assert alone.authority.equalsIgnoreCase(second) && alone.address == zero && alone.nonce == '0x1'
assert support.cast('recover-authority', JsonOutput.toJson(alone)).equalsIgnoreCase(second)
def fromFile = check('from-file', [[authority: second, delegate: zero, nonce: 1G]])
assert new BigInteger(fromFile.nonce) == 5G
assert code(second, 'latest') == '0x'
assert support.nonce(rpcUrl, sender) == 6G : 'four transactions and two own authorizations'
assert support.nonce(rpcUrl, second) == 2G

// a self-sponsored step claims both its nonces in the state store, the second with the same transaction
['1': first, '4': revoke].each { n, tx ->
    def claim = new JsonSlurper().parse(
            new File(basedir, "delegate/.kms-ethereum/journal/31337/${sender.toLowerCase()}/nonces/${n}.json"))
    assert claim.state == 'signed' && claim.transaction.hash == tx.hash : "claim of nonce ${n}: ${claim}"
}

// bad input: each bad-* module fails naming the parameter, before any KMS Sign
def failed = { String module, String message ->
    assert log.readLines().any { it.startsWith('[ERROR] Failed to execute goal') && it.contains("(${module}) on project sign-eip7702-${module}: ${message}") } :
            "${module} fails with: ${message}"
}
failed('bad-delegate-without-code', "Invalid 'delegate': 0x7702000000000000000000000000000000000E7d has no code on the chain")
failed('bad-file-for-another-chain', "Invalid 'authorizationFiles': the authorization of ")
assert log.contains('cast-chain-1.json is for chain id 1, but the transaction is on chain 31337') : 'chain id message'
failed('bad-file-with-another-nonce', "Invalid 'authorizationFiles': the authorization of ")
assert log.contains("cast-nonce-5.json is for nonce 5, but the account's nonce on the node is 0") : 'nonce message'
assert log.contains('Released nonce 6 of ' + sender.toLowerCase() + ' unused') : 'the failed step gives its nonce back'
assert (log =~ /Raw transaction:/).count == 4 : 'the four transactions of module delegate, and none of the bad-* modules'
assert FaultProxy.of('sign-eip7702').calls('Sign') == 8 : 'module delegate: 2 + 2 + 2 + 1 + 1 signatures; bad-*: none'
return true
