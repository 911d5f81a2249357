import io.kmsethereum.it.Examples
import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
Examples.copy(examplesDir, 'release-pipeline', basedir)
// the account the example pins (alias/release-deployer = 0x7a5BEd8A…), funded with 10 ether
String privateKey = '7e' + '0' * 60 + '31'
support.ensureKey('7e7e7e7e-0007-4007-8007-000000000031', privateKey, 'alias/release-deployer')
String deployer = support.castAddressOf(privateKey)
assert deployer == '0x7a5BEd8A5aBb4e5C584d0D4fE45CB9EddDA8646b'
support.cast('rpc', 'anvil_setBalance', deployer, '0x8ac7230489e80000', '--rpc-url', rpcUrl)
new File(basedir, 'nonce-before.txt').text = support.cast('nonce', deployer, '--rpc-url', rpcUrl)
return true
