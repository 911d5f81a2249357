import io.kmsethereum.it.ItSupport
import software.amazon.awssdk.services.kms.model.*
def support = new ItSupport(servicesDir)
support.ensureKey('33333333-3333-4333-8333-000000000002', null, 'alias/it-encrypt', KeySpec.ECC_SECG_P256_K1, KeyUsageType.ENCRYPT_DECRYPT)
return true
