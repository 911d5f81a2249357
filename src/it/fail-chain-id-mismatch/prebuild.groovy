import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
String key = '3333333333333333333333333333333333333333333333333333333333333333'
support.ensureKey('03030303-0303-4303-8303-000000000003', key, 'alias/it-chain-id-mismatch')
String sender = support.castAddressOf(key)
support.fund(rpcUrl, sender, 10G ** 19)
support.cast('rpc', '--rpc-url', rpcUrl, 'anvil_setNonce', sender, '0x0')
support.fund(rpcUrl, '0x3500000000000000000000000000000000000001', 0G)
return true
