import io.kmsethereum.it.ItSupport
import software.amazon.awssdk.services.kms.model.*
def support = new ItSupport(servicesDir)
def arn = support.ensureKey('33333333-3333-4333-8333-000000000003', null, 'alias/it-disabled')
support.kms().disableKey { b -> b.keyId(arn) }
return true
