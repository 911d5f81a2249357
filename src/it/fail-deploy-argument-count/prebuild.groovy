import io.kmsethereum.it.DeployTestSupport
import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
DeployTestSupport.setUp(support, basedir, rpcUrl, '44444444-4444-4444-8444-000000000004', '4444444444444444444444444444444444444444444444444444444444444444', 'alias/it-deploy-failures')
return true
