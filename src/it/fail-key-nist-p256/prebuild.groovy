import io.kmsethereum.it.ItSupport
import software.amazon.awssdk.services.kms.model.*
def support = new ItSupport(servicesDir)
support.ensureKey('33333333-3333-4333-8333-000000000001', null, 'alias/it-p256', KeySpec.ECC_NIST_P256, KeyUsageType.SIGN_VERIFY)
return true
