package io.kmsethereum.core.kms;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.KeyRejectedException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AlreadyExistsException;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;
import software.amazon.awssdk.services.kms.model.Tag;

/**
 * Provisions an Ethereum account in KMS, idempotently by alias: an existing alias is checked
 * (it must name an enabled {@code ECC_SECG_P256K1} / {@code SIGN_VERIFY} key) and reused; only
 * when the alias does not exist is a key created
 * (<a href="https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html">CreateKey</a>)
 * and the alias pointed at it
 * (<a href="https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html">CreateAlias</a>).
 * If another build creates the alias at the same moment, the key made here is scheduled for
 * deletion and the other one is used, so an alias never ends up with two keys.
 */
public final class KeyProvisioner {
    private static final Pattern ALIAS = Pattern.compile("alias/[a-zA-Z0-9/_-]{1,250}");

    private KeyProvisioner() {}

    /**
     * What {@link #provision} did.
     *
     * @param key the checked key with its address
     * @param created {@code true} when a new key was created, {@code false} when the alias
     *     already named a suitable key
     */
    public record Result(KmsKey key, boolean created) {}

    /**
     * @param client the KMS client
     * @param alias {@code alias/<name>}; names starting {@code alias/aws/} are reserved by AWS
     * @param description the key description, or {@code null}
     * @param tags tags to put on a new key (not changed on an existing one)
     * @param multiRegion whether a new key is a multi-Region primary key
     * @param mayCreate {@code false} to only reuse an existing alias (when the caller pins the
     *     address: a new key would have a new, random address)
     * @param where where the client points, for messages
     * @return the key and whether it was created
     * @throws InvalidInputException if the alias is malformed
     * @throws KeyRejectedException if the alias names a key that is not an Ethereum account, or
     *     does not exist and {@code mayCreate} is {@code false}
     */
    public static Result provision(
            KmsClient client,
            String alias,
            String description,
            Map<String, String> tags,
            boolean multiRegion,
            boolean mayCreate,
            String where) {
        checkAlias(alias);
        try {
            return reuse(client, alias, where);
        } catch (NotFoundException e) {
            if (!mayCreate) {
                throw new KeyRejectedException(
                        "Alias '" + alias + "' was not found " + where + ", and expectedAddress"
                                + " pins an existing account: a new key would get a new address. Check 'alias' and"
                                + " 'region', or remove 'expectedAddress' to create a new key.",
                        e);
            }
        } catch (SdkException e) {
            throw KmsErrors.map("DescribeKey", alias, where, e);
        }
        List<Tag> kmsTags = new ArrayList<>();
        for (Map.Entry<String, String> tag : new LinkedHashMap<>(tags).entrySet()) {
            // an empty XML element arrives as null; KMS wants an empty string for an empty tag value
            kmsTags.add(Tag.builder()
                    .tagKey(tag.getKey())
                    .tagValue(tag.getValue() == null ? "" : tag.getValue())
                    .build());
        }
        String keyId;
        try {
            keyId = client.createKey(b -> b.keySpec(KeySpec.ECC_SECG_P256_K1)
                            .keyUsage(KeyUsageType.SIGN_VERIFY)
                            .description(description)
                            .tags(kmsTags)
                            .multiRegion(multiRegion))
                    .keyMetadata()
                    .keyId();
        } catch (SdkException e) {
            throw KmsErrors.map("CreateKey", alias, where, e);
        }
        try {
            client.createAlias(b -> b.aliasName(alias).targetKeyId(keyId));
        } catch (AlreadyExistsException e) {
            // lost a race with a concurrent build: keep theirs, retire ours
            try {
                client.scheduleKeyDeletion(b -> b.keyId(keyId).pendingWindowInDays(7));
                return reuse(client, alias, where);
            } catch (SdkException again) {
                throw KmsErrors.map("DescribeKey", alias, where, again);
            }
        } catch (SdkException e) {
            throw KmsErrors.map("CreateAlias", alias, where, e);
        }
        return new Result(KmsKeys.resolve(client, alias, where), true);
    }

    /**
     * The least-privilege IAM policy for signing with one key, in two statements on that key ARN
     * only: {@code kms:DescribeKey} and {@code kms:GetPublicKey} (to check the key and derive the
     * address), and {@code kms:Sign} limited by the condition keys {@code kms:SigningAlgorithm}
     * ({@code ECDSA_SHA_256}) and {@code kms:MessageType} ({@code DIGEST}) to how the plugin signs,
     * so the role cannot have KMS hash and sign arbitrary messages. The conditions are in a
     * statement of their own because DescribeKey and GetPublicKey requests carry neither key. See
     * the <a href="https://docs.aws.amazon.com/kms/latest/developerguide/kms-api-permissions-reference.html">KMS
     * permissions reference</a> and the
     * <a href="https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html">KMS condition keys</a>.
     *
     * @param keyArn the key ARN
     * @return the policy document as a JSON-ready map
     */
    public static Map<String, Object> signingPolicy(String keyArn) {
        return signingPolicy(keyArn, List.of());
    }

    /**
     * The signing policy of {@link #signingPolicy(String)} with further statements, e.g. those a
     * state store needs ({@code S3StateStore.iamStatements}).
     *
     * @param keyArn the key ARN
     * @param extraStatements statements to append, each a JSON-ready map
     * @return the policy document as a JSON-ready map
     */
    public static Map<String, Object> signingPolicy(String keyArn, List<Map<String, Object>> extraStatements) {
        Map<String, Object> read = new LinkedHashMap<>();
        read.put("Sid", "EthereumKmsKeyRead");
        read.put("Effect", "Allow");
        read.put("Action", List.of("kms:DescribeKey", "kms:GetPublicKey"));
        read.put("Resource", keyArn);
        Map<String, Object> sign = new LinkedHashMap<>();
        sign.put("Sid", "EthereumSigningWithKmsKey");
        sign.put("Effect", "Allow");
        sign.put("Action", "kms:Sign");
        sign.put("Resource", keyArn);
        Map<String, Object> asThePluginSigns = new LinkedHashMap<>();
        // the values KmsKeys.signDigest sends
        asThePluginSigns.put("kms:SigningAlgorithm", SigningAlgorithmSpec.ECDSA_SHA_256.toString());
        asThePluginSigns.put("kms:MessageType", MessageType.DIGEST.toString());
        sign.put("Condition", Map.of("StringEquals", asThePluginSigns));
        Map<String, Object> policy = new LinkedHashMap<>();
        policy.put("Version", "2012-10-17");
        List<Map<String, Object>> statements = new java.util.ArrayList<>();
        statements.add(read);
        statements.add(sign);
        statements.addAll(extraStatements);
        policy.put("Statement", statements);
        return policy;
    }

    /** Reuses the key an existing alias names, after checking it can be an Ethereum account. */
    private static Result reuse(KmsClient client, String alias, String where) {
        checkExisting(alias, client.describeKey(b -> b.keyId(alias)).keyMetadata());
        return new Result(KmsKeys.resolve(client, alias, where), false);
    }

    /**
     * An alias that already exists is never moved and never gets a second key, so a key of the
     * wrong spec or usage behind it is a dead end for this goal: say so, and say how to get out.
     */
    private static void checkExisting(String alias, KeyMetadata metadata) {
        boolean rightSpec = KmsKeys.KEY_SPEC.equals(metadata.keySpecAsString());
        if (rightSpec && metadata.keyUsage() == KeyUsageType.SIGN_VERIFY) {
            return;
        }
        throw new KeyRejectedException(
                "Alias '" + alias + "' already names KMS key " + metadata.arn()
                        + " with key spec " + metadata.keySpecAsString() + " and key usage "
                        + metadata.keyUsageAsString()
                        + ", which cannot be an Ethereum account (that needs key spec " + KmsKeys.KEY_SPEC
                        + " and key usage SIGN_VERIFY). kms-create-key never creates a second key under an existing"
                        + " alias: choose another alias, or move this one to a secp256k1 key (aws kms update-alias)"
                        + " or delete it (aws kms delete-alias) and run kms-create-key again.",
                null);
    }

    private static void checkAlias(String alias) {
        if (alias == null || alias.isBlank()) {
            throw new InvalidInputException(
                    "alias",
                    "is required: set it (or 'keyId') to the alias that names the account,"
                            + " e.g. alias/release-signer");
        }
        if (!ALIAS.matcher(alias).matches()) {
            throw new InvalidInputException(
                    "alias",
                    "'" + alias + "' is not a KMS alias; write alias/<name> with letters,"
                            + " digits, '/', '_' and '-' (up to 256 characters)");
        }
        if (alias.startsWith("alias/aws/")) {
            throw new InvalidInputException(
                    "alias", "'" + alias + "' is reserved for AWS managed keys; choose another name");
        }
    }
}
