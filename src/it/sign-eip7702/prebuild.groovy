import groovy.json.JsonOutput
import io.kmsethereum.it.ItSupport
import io.kmsethereum.testing.FaultProxy

def support = new ItSupport(servicesDir)
// a fresh journal: the accounts start at nonce 0 again, also when target/it was kept from a run before
['delegate', 'bad-file-with-another-nonce'].each { new File(basedir, "${it}/.kms-ethereum").deleteDir() }
// the sender (keyId) and a second KMS key, both funded, nonce 0 and no code (also on a reused node)
String sender = support.prepareAccount('77020000-0000-4000-8000-000000000001',
        '7702770277027702770277027702770277027702770277027702770277027701', 'alias/it-eip7702-sender', rpcUrl, 10G ** 19)
String second = support.prepareAccount('77020000-0000-4000-8000-000000000002',
        '7702770277027702770277027702770277027702770277027702770277027702', 'alias/it-eip7702-second', rpcUrl, 10G ** 18)
[sender, second].each { support.cast('rpc', '--rpc-url', rpcUrl, 'anvil_setCode', it, '0x') }
support.fund(rpcUrl, '0x7702000000000000000000000000000000000b0b', 0G)
String batch = support.deploy(rpcUrl, 'contracts/BatchExecutor.sol', 'BatchExecutor', null)
String counter = support.deploy(rpcUrl, 'contracts/Counter.sol', 'Counter', 'constructor(uint256)', '0')
new File(basedir, 'accounts.properties').text =
        "sender=${sender}\nsecond=${second}\nbatch=${batch}\ncounter=${counter}\n"

// authorizations signed elsewhere (cast, with a throw-away key whose account has nonce 0), in the
// JSON-RPC shape a node and cast print: one for chain 1, one for nonce 5
String elsewhere = '0x7702770277027702770277027702770277027702770277027702770277027703'
support.cast('rpc', '--rpc-url', rpcUrl, 'anvil_setNonce', support.castAddressOf(elsewhere), '0x0')
def signElsewhere = { String chain, String nonce ->
    String rlp = support.cast('wallet', 'sign-auth', '--private-key', elsewhere, '--chain', chain, '--nonce', nonce, batch)
    def f = new groovy.json.JsonSlurper().parseText(support.cast('from-rlp', rlp))
    def q = { String h -> h == '0x' ? '0x0' : '0x' + new BigInteger(h.substring(2), 16).toString(16) }
    JsonOutput.prettyPrint(JsonOutput.toJson([chainId: q(f[0]), address: f[1], nonce: q(f[2]), yParity: q(f[3]),
            r: f[4], s: f[5]]))
}
new File(basedir, 'cast-chain-1.json').text = signElsewhere('1', '0')
new File(basedir, 'cast-nonce-5.json').text = signElsewhere(chainId.toString(), '5')

FaultProxy.startFor('sign-eip7702', URI.create(support.service('kms.it.endpoint')), basedir)
return true
