import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
String key = '3434343434343434343434343434343434343434343434343434343434343434'
support.ensureKey('03030303-0303-4303-8303-000000000004', key, 'alias/it-reverted-call')
String sender = support.castAddressOf(key)
support.fund(rpcUrl, sender, 10G ** 19)
support.cast('rpc', '--rpc-url', rpcUrl, 'anvil_setNonce', sender, '0x0')
// the KMS account holds no tokens: someone else has the supply
String token = support.deploy(rpcUrl, 'contracts/TestToken.sol', 'TestToken', 'constructor(address,uint256)',
        '0x3600000000000000000000000000000000000002', '1000')
new File(basedir, 'token.properties').text = "token=${token}\n"
return true
