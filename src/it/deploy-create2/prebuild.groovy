import groovy.json.JsonSlurper
import io.kmsethereum.it.DeployTestSupport
import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
def artifacts = DeployTestSupport.setUp(support, basedir, rpcUrl, '44444444-4444-4444-8444-000000000002', '4242424242424242424242424242424242424242424242424242424242424242', 'alias/it-deploy-create2')
String deployer = support.castAddressOf('4242424242424242424242424242424242424242424242424242424242424242')

// The CREATE2 address computed by cast (independent of the plugin): proxy, salt, bytecode ++ abi.encode(7)
String bytecode = new JsonSlurper().parse(artifacts.resolve('foundry/out/Counter.sol/Counter.json').toFile()).bytecode.object
String args = support.cast('abi-encode', 'f(uint256)', '7')
String initCode = bytecode + args.substring(2)
String expected = support.cast('create2', '--deployer', '0x4e59b44847b379578588920cA78FbF26c0B4956C',
        '--salt', '0x' + '00' * 31 + '2a', '--init-code', initCode)
// a node left running by an earlier build may hold the contract already: start from an empty address
support.cast('rpc', '--rpc-url', rpcUrl, 'anvil_setCode', expected, '0x')
new File(basedir, 'expected.properties').text = "address=${expected}\nnonce=${support.nonce(rpcUrl, deployer)}\n"
return true
