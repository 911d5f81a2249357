package io.kmsethereum.core.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.KeyRejectedException;
import io.kmsethereum.testing.FakeKms;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AlreadyExistsException;
import software.amazon.awssdk.services.kms.model.CreateAliasRequest;
import software.amazon.awssdk.services.kms.model.CreateAliasResponse;
import software.amazon.awssdk.services.kms.model.CreateKeyRequest;
import software.amazon.awssdk.services.kms.model.CreateKeyResponse;
import software.amazon.awssdk.services.kms.model.DescribeKeyRequest;
import software.amazon.awssdk.services.kms.model.DescribeKeyResponse;
import software.amazon.awssdk.services.kms.model.GetPublicKeyRequest;
import software.amazon.awssdk.services.kms.model.GetPublicKeyResponse;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.ScheduleKeyDeletionRequest;
import software.amazon.awssdk.services.kms.model.ScheduleKeyDeletionResponse;

/**
 * The paths of {@link KeyProvisioner} that LocalStack cannot provoke on demand: losing the race
 * for an alias to a concurrent build, and what is sent with CreateKey. The common paths run
 * against LocalStack in the {@code create-key-by-alias} and {@code fail-create-key} ITs.
 */
class KeyProvisionerTest {
    private static final String OURS = "arn:aws:kms:eu-west-1:111122223333:key/ours";
    private static final String THEIRS = "arn:aws:kms:eu-west-1:111122223333:key/theirs";

    /** An in-memory KMS with one alias table; records the calls the provisioner makes. */
    private static final class AliasKms implements KmsClient {
        final Map<String, KeyMetadata> aliases = new LinkedHashMap<>();
        final List<CreateKeyRequest> created = new ArrayList<>();
        final List<String> scheduledForDeletion = new ArrayList<>();
        final FakeKms material = new FakeKms(BigInteger.valueOf(0x7e07), true);
        /** When set, CreateAlias loses the race: another build points the alias at this key first. */
        KeyMetadata concurrent;

        @Override
        public DescribeKeyResponse describeKey(DescribeKeyRequest request) {
            KeyMetadata metadata = aliases.get(request.keyId());
            if (metadata == null) {
                throw NotFoundException.builder()
                        .message("Alias " + request.keyId() + " is not found.")
                        .build();
            }
            return DescribeKeyResponse.builder().keyMetadata(metadata).build();
        }

        @Override
        public CreateKeyResponse createKey(CreateKeyRequest request) {
            created.add(request);
            return CreateKeyResponse.builder().keyMetadata(secp256k1(OURS)).build();
        }

        @Override
        public CreateAliasResponse createAlias(CreateAliasRequest request) {
            if (concurrent != null) {
                aliases.put(request.aliasName(), concurrent);
                throw AlreadyExistsException.builder()
                        .message("An alias with the name already exists")
                        .build();
            }
            aliases.put(request.aliasName(), secp256k1(OURS));
            return CreateAliasResponse.builder().build();
        }

        @Override
        public ScheduleKeyDeletionResponse scheduleKeyDeletion(ScheduleKeyDeletionRequest request) {
            scheduledForDeletion.add(request.keyId() + " in " + request.pendingWindowInDays() + " days");
            return ScheduleKeyDeletionResponse.builder().build();
        }

        @Override
        public GetPublicKeyResponse getPublicKey(GetPublicKeyRequest request) {
            return GetPublicKeyResponse.builder()
                    .keyId(request.keyId())
                    .publicKey(SdkBytes.fromByteArray(material.key().publicKeyDer()))
                    .build();
        }

        @Override
        public String serviceName() {
            return "kms";
        }

        @Override
        public void close() {}
    }

    private static KeyMetadata secp256k1(String arn) {
        return KeyMetadata.builder()
                .arn(arn)
                .keyId(arn.substring(arn.lastIndexOf('/') + 1))
                .keySpec(KeySpec.ECC_SECG_P256_K1)
                .keyUsage(KeyUsageType.SIGN_VERIFY)
                .keyState(KeyState.ENABLED)
                .build();
    }

    @Test
    void aNewAliasGetsOneKeyWithTheRequestedSpecDescriptionTagsAndMultiRegion() {
        AliasKms kms = new AliasKms();
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("team", "release");
        tags.put("empty", null); // <empty/> in a POM
        KeyProvisioner.Result result = KeyProvisioner.provision(
                kms, "alias/release-signer", "Release signer", tags, true, true, "in region eu-west-1");
        assertTrue(result.created());
        assertEquals(OURS, result.key().keyArn());
        assertEquals(1, kms.created.size());
        CreateKeyRequest request = kms.created.get(0);
        assertEquals(KeySpec.ECC_SECG_P256_K1, request.keySpec());
        assertEquals(KeyUsageType.SIGN_VERIFY, request.keyUsage());
        assertEquals("Release signer", request.description());
        assertEquals(Boolean.TRUE, request.multiRegion());
        assertEquals(
                "team=release, empty=",
                String.join(
                        ", ",
                        request.tags().stream()
                                .map(t -> t.tagKey() + "=" + t.tagValue())
                                .toList()));
    }

    @Test
    void losingTheRaceForTheAliasRetiresOurKeyAndUsesTheirs() {
        AliasKms kms = new AliasKms();
        kms.concurrent = secp256k1(THEIRS);
        KeyProvisioner.Result result = KeyProvisioner.provision(
                kms, "alias/release-signer", null, Map.of(), false, true, "in region eu-west-1");
        assertFalse(result.created());
        assertEquals(THEIRS, result.key().keyArn());
        assertEquals(List.of("ours in 7 days"), kms.scheduledForDeletion);
    }

    @Test
    void anExistingAliasIsReusedWithoutCreateKey() {
        AliasKms kms = new AliasKms();
        kms.aliases.put("alias/release-signer", secp256k1(THEIRS));
        KeyProvisioner.Result result = KeyProvisioner.provision(
                kms, "alias/release-signer", null, Map.of(), false, false, "in region eu-west-1");
        assertFalse(result.created());
        assertEquals(THEIRS, result.key().keyArn());
        assertEquals(kms.material.key().address(), result.key().address());
        assertTrue(kms.created.isEmpty());
    }

    @Test
    void anAliasOnAKeyOfAnotherUsageIsRefusedWithoutCreatingOne() {
        AliasKms kms = new AliasKms();
        kms.aliases.put(
                "alias/release-signer",
                secp256k1(THEIRS).toBuilder()
                        .keyUsage(KeyUsageType.ENCRYPT_DECRYPT)
                        .build());
        KeyRejectedException e = assertThrows(
                KeyRejectedException.class,
                () -> KeyProvisioner.provision(
                        kms, "alias/release-signer", null, Map.of(), false, true, "in region eu-west-1"));
        assertTrue(
                e.getMessage()
                        .startsWith("Alias 'alias/release-signer' already names KMS key " + THEIRS
                                + " with key spec ECC_SECG_P256K1 and key usage ENCRYPT_DECRYPT, which cannot be an Ethereum"
                                + " account"),
                e.getMessage());
        assertTrue(kms.created.isEmpty());
    }

    @Test
    void withTheAddressPinnedAMissingAliasIsNotCreated() {
        AliasKms kms = new AliasKms();
        KeyRejectedException e = assertThrows(
                KeyRejectedException.class,
                () -> KeyProvisioner.provision(
                        kms, "alias/release-signer", null, Map.of(), false, false, "in region eu-west-1"));
        assertTrue(e.getMessage().contains("expectedAddress pins an existing account"), e.getMessage());
        assertTrue(kms.created.isEmpty());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "'' | is required",
                "release-signer | 'release-signer' is not a KMS alias; write alias/<name>",
                "alias/with space | 'alias/with space' is not a KMS alias",
                "alias/aws/ebs | 'alias/aws/ebs' is reserved for AWS managed keys"
            })
    void aBadAliasIsRefusedBeforeAnyKmsCall(String alias, String fragment) {
        KmsClient refusesEveryCall = new KmsClient() {
            @Override
            public String serviceName() {
                return "kms";
            }

            @Override
            public void close() {}
        };
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> KeyProvisioner.provision(refusesEveryCall, alias, null, Map.of(), false, true, "in eu-west-1"));
        assertEquals("alias", e.getParameter());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
