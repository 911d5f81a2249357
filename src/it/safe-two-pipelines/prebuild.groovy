import groovy.json.JsonOutput
import io.kmsethereum.it.ItSupport
import io.kmsethereum.testing.FaultProxy

def support = new ItSupport(servicesDir)
// a fresh Safe (new address) each run; the signatures directory and journals start empty
['signatures', 'owner-a/.kms-ethereum', 'owner-b/.kms-ethereum'].each { new File(basedir, it).deleteDir() }
Map<String, String> s = support.prepareSafe(rpcUrl, 'it-safe')
ItSupport.writeProperties(s, new File(basedir, 'safe.properties'))

// a signature of the first transaction (setValue(42) at Safe nonce 0) by an account that is not an
// owner, signed elsewhere (cast, the hash from the Safe's own getTransactionHash): handed to owner B's
// build, which must ignore it with a warning and never send it
String zero = '0x0000000000000000000000000000000000000000'
String data = support.cast('calldata', 'setValue(uint256)', '42')
String hash = support.cast('call', '--rpc-url', rpcUrl, s.safe,
        'getTransactionHash(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,uint256)(bytes32)',
        s.target, '0', data, '0', '0', '0', '0', zero, zero, '0')
String stranger = '0x5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe0bad'
String strangerAddress = support.castAddressOf(stranger)
String signature = support.cast('wallet', 'sign', '--no-hash', '--private-key', stranger, hash)
new File(basedir, 'non-owner-signature.json').text = JsonOutput.prettyPrint(JsonOutput.toJson([
        schema: 1, signer: strangerAddress, safeTxHash: hash, chainId: chainId as long, safe: s.safe, nonce: '0',
        signature: signature,
        transaction: [to: s.target, value: '0', data: data, operation: 0, safeTxGas: '0', baseGas: '0', gasPrice: '0',
                      gasToken: zero, refundReceiver: zero, nonce: '0']]))
new File(basedir, 'stranger.txt').text = strangerAddress

FaultProxy.startFor('safe-two-pipelines', URI.create(support.service('kms.it.endpoint')), basedir)
return true
