import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
String sender = support.castAddressOf('3333333333333333333333333333333333333333333333333333333333333333')
String log = new File(basedir, 'build.log').text
String expected = "Invalid 'chainId': is 1 but the node at ${rpcUrl} is on chain id 31337 (eth_chainId). Nothing was signed."
assert log.contains(expected) : "expected in build.log: ${expected}"
assert !log.contains('Signed eip1559 transaction') : 'nothing may be signed'
assert !log.contains('Raw transaction:')
// nothing was sent: the nonce and both balances are unchanged, and the pool is empty
assert support.nonce(rpcUrl, sender) == 0
assert support.balance(rpcUrl, sender) == 10G ** 19
assert support.balance(rpcUrl, '0x3500000000000000000000000000000000000001') == 0
assert support.cast('rpc', '--rpc-url', rpcUrl, 'eth_getTransactionCount', sender, 'pending') == '"0x0"'
return true
