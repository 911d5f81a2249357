import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
String key = '3535353535353535353535353535353535353535353535353535353535353535'
support.ensureKey('03030303-0303-4303-8303-000000000005', key, 'alias/it-receipt-timeout')
int port = spareAnvilPort as int
// a node that accepts transactions but never mines them; it ends by itself after 5 minutes at the latest
long pid = support.startAnvil(port, new File(basedir, 'anvil.log'), 300, '--no-mining')
new File(basedir, 'anvil.pid').text = pid.toString()
support.fund("http://127.0.0.1:${port}", support.castAddressOf(key), 10G ** 18)
return true
