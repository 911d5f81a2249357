import io.kmsethereum.it.DeployTestSupport
import io.kmsethereum.it.ItSupport
import io.kmsethereum.it.VerifyTestSupport

def support = new ItSupport(servicesDir)
DeployTestSupport.setUp(support, basedir, rpcUrl, '13131313-1313-4313-8313-000000000002',
        '1313131313131313131313131313131313131313131313131313131313131302', 'alias/it-verify-hardhat')
VerifyTestSupport.hardhatProject(support, basedir)
return true
