import groovy.json.JsonOutput
import io.kmsethereum.it.ItSupport
import io.kmsethereum.testing.FaultProxy

def support = new ItSupport(servicesDir)
Map<String, String> s = support.prepareSafe(rpcUrl, 'it-safe-fail')
// a funded KMS key that is not an owner
s.stranger = support.prepareAccount('5afe0000-0000-4000-8000-0000000000ba', '5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe00ba',
        'alias/it-safe-fail-stranger', rpcUrl, 10G ** 18)
// one Safe transaction executed elsewhere (cast, owners 1 and 2): the Safe's nonce is 1
def safes = support.safeContracts()
safes.execute(rpcUrl, s.safe, s.target, support.cast('calldata', 'setValue(uint256)', '1'),
        [ItSupport.safeOwnerKey(1), ItSupport.safeOwnerKey(2)])
assert support.safeNonce(rpcUrl, s.safe) == 1G
ItSupport.writeProperties(s, new File(basedir, 'safe.properties'))

// owner 3's signatures, made elsewhere (cast), of: another transaction at nonce 1; the configured one for
// chain 1; the configured one at the used nonce 0
String zero = '0x0000000000000000000000000000000000000000'
def file = { String name, String value, BigInteger nonce, long chain ->
    String data = support.cast('calldata', 'setValue(uint256)', value)
    String hash = safes.transactionHash(rpcUrl, s.safe, s.target, data, nonce)
    new File(basedir, name).text = JsonOutput.prettyPrint(JsonOutput.toJson([
            schema: 1, signer: s.owner3, safeTxHash: hash, chainId: chain, safe: s.safe, nonce: nonce.toString(),
            signature: support.cast('wallet', 'sign', '--no-hash', '--private-key', ItSupport.safeOwnerKey(3), hash),
            transaction: [to: s.target, value: '0', data: data, operation: 0, safeTxGas: '0', baseGas: '0', gasPrice: '0',
                          gasToken: zero, refundReceiver: zero, nonce: nonce.toString()]]))
}
file('other-transaction.json', '100', 1G, chainId as long)
file('other-chain.json', '99', 1G, 1L)
file('stale-nonce.json', '99', 0G, chainId as long)

FaultProxy.startFor('fail-safe-unsafe-states', URI.create(support.service('kms.it.endpoint')), basedir)
return true
