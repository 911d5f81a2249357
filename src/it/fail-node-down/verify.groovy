import io.kmsethereum.testing.FaultProxy
def proxy = FaultProxy.of('fail-node-down')
assert proxy.calls('Sign') == 0 : 'nothing was signed'
def log = new File(basedir, 'build.log').text
assert log.contains('The Ethereum node at http://127.0.0.1:9 did not answer eth_chainId')
assert log.contains('Check rpcUrl and that the node is running and reachable')
assert !log.contains('Raw transaction:')
return true
