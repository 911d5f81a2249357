import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
String key = '3131313131313131313131313131313131313131313131313131313131313131'
support.ensureKey('33333333-3333-4333-8333-000000000001', key, 'alias/it-broadcast-types')
String sender = support.castAddressOf(key)
// a known starting state, also when the node is reused between runs
support.fund(rpcUrl, sender, 10G ** 19)
support.cast('rpc', '--rpc-url', rpcUrl, 'anvil_setNonce', sender, '0x0')
['0x3300000000000000000000000000000000000001', '0x3300000000000000000000000000000000000002',
 '0x3300000000000000000000000000000000000003'].each { support.fund(rpcUrl, it, 0G) }
return true
