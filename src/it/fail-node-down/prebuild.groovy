import io.kmsethereum.it.ItSupport
import io.kmsethereum.testing.FaultProxy
def support = new ItSupport(servicesDir)
support.ensureKey('08080808-0808-4808-8808-000000000002',
        '9a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9', 'alias/it-node-down')
FaultProxy.startFor('fail-node-down', URI.create(support.service('kms.it.endpoint')), basedir)
return true
