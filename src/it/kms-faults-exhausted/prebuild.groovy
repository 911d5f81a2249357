import io.kmsethereum.it.ItSupport
import io.kmsethereum.testing.FaultProxy
import io.kmsethereum.testing.FaultProxy.Fault

def support = new ItSupport(servicesDir)
support.ensureKey('55555555-5555-4555-8555-000000000001',
        '2f2e2d2c2b2a292827262524232221201f1e1d1c1b1a19181716151413121110', 'alias/it-faults-goal')
def proxy = FaultProxy.shared(URI.create(support.service('kms.it.endpoint')), faultProxyPort as int)
proxy.inject('Sign', Fault.SERVER_ERROR, 1000)
return true
