import io.kmsethereum.it.ItSupport
import software.amazon.awssdk.services.kms.model.*

// LocalStack may still hold these aliases from an earlier run against the same server: start clean
def kms = new ItSupport(servicesDir).kms()
for (alias in ['alias/it-create-key', 'alias/it-create-key-mrk']) {
    def entry = kms.listAliasesPaginator(ListAliasesRequest.builder().build()).aliases().find { it.aliasName() == alias }
    if (entry != null) {
        kms.deleteAlias(DeleteAliasRequest.builder().aliasName(alias).build())
        kms.scheduleKeyDeletion(ScheduleKeyDeletionRequest.builder().keyId(entry.targetKeyId()).pendingWindowInDays(7).build())
    }
}
new File(basedir, 'keys-before.txt').text = kms.listKeysPaginator(ListKeysRequest.builder().build()).keys().size()
return true
