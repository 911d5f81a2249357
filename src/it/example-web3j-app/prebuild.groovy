import io.kmsethereum.it.Examples
import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
Examples.copy(examplesDir, 'web3j-app', basedir)
// the account the example names (alias/payouts), with known key material, funded with 10 ether
String privateKey = '7e00000000000000000000000000000000000000000000000000000000000021'
support.ensureKey('7e7e7e7e-0007-4007-8007-000000000021', privateKey, 'alias/payouts')
String from = support.castAddressOf(privateKey)
support.cast('rpc', 'anvil_setBalance', from, '0x8ac7230489e80000', '--rpc-url', rpcUrl)
def state = new Properties()
state.from = from
state.balance = support.cast('balance', '0x7e00000000000000000000000000000000000021', '--rpc-url', rpcUrl)
state.nonce = support.cast('nonce', from, '--rpc-url', rpcUrl)
new File(basedir, 'before.properties').withWriter { state.store(it, null) }
return true
