import io.kmsethereum.it.DeployTestSupport
import io.kmsethereum.it.ItSupport
import io.kmsethereum.it.VerifyTestSupport

def support = new ItSupport(servicesDir)
DeployTestSupport.setUp(support, basedir, rpcUrl, '13131313-1313-4313-8313-000000000001',
        '1313131313131313131313131313131313131313131313131313131313131301', 'alias/it-verify-foundry')
VerifyTestSupport.foundryProject(support, basedir)
assert new File(basedir, 'project/out/build-info').list().length == 1 : 'forge wrote build-info'
return true
