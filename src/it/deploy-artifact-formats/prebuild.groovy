import io.kmsethereum.it.DeployTestSupport
import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
DeployTestSupport.setUp(support, basedir, rpcUrl, '44444444-4444-4444-8444-000000000001', '4141414141414141414141414141414141414141414141414141414141414141', 'alias/it-deploy-formats')
return true
