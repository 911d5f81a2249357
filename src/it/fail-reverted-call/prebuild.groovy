import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
support.prepareAccount('03030303-0303-4303-8303-000000000004',
        '3434343434343434343434343434343434343434343434343434343434343434', 'alias/it-reverted-call', rpcUrl, 10G ** 19)
// the KMS account holds no tokens: someone else has the supply
String token = support.deploy(rpcUrl, 'contracts/TestToken.sol', 'TestToken', 'constructor(address,uint256)',
        '0x3600000000000000000000000000000000000002', '1000')
new File(basedir, 'token.properties').text = "token=${token}\n"
return true
