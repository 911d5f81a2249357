import io.kmsethereum.it.DeployTestSupport
import io.kmsethereum.it.ItSupport
import io.kmsethereum.testing.FaultProxy

def support = new ItSupport(servicesDir)
// a fresh account: balance 0 and nonce 0, also when the node is reused
support.prepareAccount('f00df00d-0000-4000-8000-000000000015',
        '1515151515151515151515151515151515151515151515151515151515151515', 'alias/it-insufficient-funds', rpcUrl,
        BigInteger.ZERO)
DeployTestSupport.prepare(support, basedir)
FaultProxy.startFor('fail-insufficient-funds', URI.create(support.service('kms.it.endpoint')), basedir)
return true
