import io.kmsethereum.it.DeployTestSupport
import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
DeployTestSupport.setUp(support, basedir, rpcUrl, '44444444-4444-4444-8444-000000000004', '4444444444444444444444444444444444444444444444444444444444444444', 'alias/it-deploy-failures')

// an Anvil of its own without the proxy, on a free port of the range kept for extra nodes
int port = DeployTestSupport.freePort(8570, 8579)
long pid = support.startAnvil(port, new File(basedir, 'anvil.log'), 300, '--disable-default-create2-deployer')
new File(basedir, 'anvil.pid').text = pid.toString()
def pom = new File(basedir, 'pom.xml')
pom.text = pom.text.replace('SPARE_ANVIL_URL', "http://127.0.0.1:${port}")
new File(basedir, 'spare-port.txt').text = port.toString()
return true
