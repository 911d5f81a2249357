import io.kmsethereum.it.DeployTestSupport
import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
DeployTestSupport.setUp(support, basedir, rpcUrl, '44444444-4444-4444-8444-000000000031', '3131313131313131313131313131313131313131313131313131313131313131', 'alias/it-deploy-phase')
return true
