import io.kmsethereum.it.ItSupport
import software.amazon.awssdk.services.kms.model.*
def support = new ItSupport(servicesDir)
def arn = support.ensureKey('33333333-3333-4333-8333-000000000004', null, 'alias/it-pending-deletion')
try { support.kms().scheduleKeyDeletion { b -> b.keyId(arn).pendingWindowInDays(7) } } catch (KmsInvalidStateException ignored) { }
return true
