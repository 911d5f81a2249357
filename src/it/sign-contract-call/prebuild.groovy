import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
String sender = support.prepareAccount('03030303-0303-4303-8303-000000000002',
        '3232323232323232323232323232323232323232323232323232323232323232', 'alias/it-contract-call', rpcUrl, 10G ** 19)
// the KMS account holds the whole supply of a freshly compiled and deployed TestToken
String token = support.deploy(rpcUrl, 'contracts/TestToken.sol', 'TestToken', 'constructor(address,uint256)',
        sender, (1000G * 10G ** 18).toString())
new File(basedir, 'token.properties').text = "token=${token}\n"
return true
