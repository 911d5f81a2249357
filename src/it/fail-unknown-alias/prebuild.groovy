import io.kmsethereum.it.ItSupport
import software.amazon.awssdk.services.kms.model.*
def support = new ItSupport(servicesDir)

return true
