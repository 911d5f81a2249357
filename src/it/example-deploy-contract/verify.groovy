import groovy.json.JsonSlurper
import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
def rpc = support.rpcUrl()
def from = support.castAddressOf('b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0')
def ledger = new JsonSlurper().parse(new File(basedir, 'example/deployments/31337/Greeter.json'))
assert ledger.deployer.equalsIgnoreCase(from)
assert support.cast('code', '--rpc-url', rpc, ledger.address).length() > 2 : 'code at the address'
assert support.cast('call', '--rpc-url', rpc, ledger.address, 'greeting()(string)') == '"Hello from a KMS key"'
assert support.cast('call', '--rpc-url', rpc, ledger.address, 'owner()(address)').equalsIgnoreCase('0x70997970C51812dc3A010C7d01b50e0d17dc79C8')
assert support.nonce(rpc, from) == 1G : 'the second package sent nothing'
return true
