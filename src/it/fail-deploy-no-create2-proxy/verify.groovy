import io.kmsethereum.it.ItSupport

ItSupport.stopProcess(new File(basedir, 'anvil.pid').text)
String port = new File(basedir, 'spare-port.txt').text.trim()
def log = new File(basedir, 'build.log').text
String expected = 'Invalid \'salt\': CREATE2 deployment needs the deterministic deployment proxy at 0x4e59b44847b379578588920cA78FbF26c0B4956C, but the chain at http://127.0.0.1:PORT (chain id 31337) has no code there. Deploy the proxy first'.replace('PORT', port)
assert log.contains(expected) : "expected in build.log: ${expected}"
assert log.contains('or remove salt for a plain deployment. Nothing was sent') : 'expected in build.log: or remove salt for a plain deployment. Nothing was sent'
assert !log.contains('Signed eip1559 transaction') : 'nothing may be signed'
return true
