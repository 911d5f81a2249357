import io.kmsethereum.it.DeployTestSupport
import io.kmsethereum.it.ItSupport
import io.kmsethereum.it.VerifyTestSupport

def support = new ItSupport(servicesDir)
DeployTestSupport.setUp(support, basedir, rpcUrl, '13131313-1313-4313-8313-000000000004',
        '1313131313131313131313131313131313131313131313131313131313131304', 'alias/it-verify-version')
def project = VerifyTestSupport.hardhatProject(support, basedir)
VerifyTestSupport.standardJsonInput(project, new File(basedir, 'input.json').toPath())
return true
