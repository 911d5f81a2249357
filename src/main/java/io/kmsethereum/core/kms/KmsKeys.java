package io.kmsethereum.core.kms;

import io.kmsethereum.core.KeyRejectedException;
import io.kmsethereum.core.crypto.Secp256k1;
import java.util.Locale;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.math.ec.ECPoint;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DescribeKeyResponse;
import software.amazon.awssdk.services.kms.model.GetPublicKeyResponse;
import software.amazon.awssdk.services.kms.model.KeyMetadata;
import software.amazon.awssdk.services.kms.model.KeyState;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * The three KMS calls the plugin makes:
 * <a href="https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html">DescribeKey</a>
 * and <a href="https://docs.aws.amazon.com/kms/latest/APIReference/API_GetPublicKey.html">GetPublicKey</a>
 * once per key to check it ({@link #resolve}), and
 * <a href="https://docs.aws.amazon.com/kms/latest/APIReference/API_Sign.html">Sign</a> with
 * {@code MessageType=DIGEST} and {@code ECDSA_SHA_256} once per signature ({@link #signDigest}).
 */
public final class KmsKeys {
    /** The only key spec that is an Ethereum account. */
    public static final String KEY_SPEC = "ECC_SECG_P256K1";

    private KmsKeys() {}

    /**
     * Looks a key up and checks that it can sign for Ethereum: key spec {@code ECC_SECG_P256K1},
     * key usage {@code SIGN_VERIFY}, state {@code Enabled}; then reads its public key.
     *
     * @param client the KMS client
     * @param keyId key id, key ARN, {@code alias/<name>} or alias ARN
     * @param where where the client points, for messages (e.g. {@code in region eu-west-1})
     * @return the checked key with its address
     * @throws KeyRejectedException if the key is unknown, inaccessible or unsuitable
     * @throws io.kmsethereum.core.ServiceUnavailableException if KMS cannot be reached
     */
    public static KmsKey resolve(KmsClient client, String keyId, String where) {
        DescribeKeyResponse described;
        try {
            described = client.describeKey(b -> b.keyId(keyId));
        } catch (SdkException e) {
            throw KmsErrors.map("DescribeKey", keyId, where, e);
        }
        KeyMetadata metadata = described.keyMetadata();
        String spec = metadata.keySpecAsString();
        if (!KEY_SPEC.equals(spec)) {
            throw new KeyRejectedException(
                    "KMS key '" + keyId + "' (" + metadata.arn() + ") has key spec " + spec
                            + ", but an Ethereum account needs " + KEY_SPEC + " (secp256k1). Create one"
                            + " (aws kms create-key --key-spec ECC_SECG_P256K1 --key-usage SIGN_VERIFY) and point"
                            + " 'keyId' at it.",
                    null);
        }
        if (metadata.keyUsage() != KeyUsageType.SIGN_VERIFY) {
            throw new KeyRejectedException(
                    "KMS key '" + keyId + "' (" + metadata.arn() + ") has key usage "
                            + metadata.keyUsageAsString() + ", but signing needs SIGN_VERIFY. Key usage cannot be"
                            + " changed: create a key with --key-usage SIGN_VERIFY.",
                    null);
        }
        if (metadata.keyState() != KeyState.ENABLED) {
            String state = metadata.keyStateAsString();
            String fix = metadata.keyState() == KeyState.PENDING_DELETION
                    ? "Cancel the deletion (aws kms cancel-key-deletion) and enable the key"
                    : metadata.keyState() == KeyState.DISABLED
                            ? "Enable it (aws kms enable-key)"
                            : "Wait until it is Enabled or use another key";
            throw new KeyRejectedException(
                    "KMS key '" + keyId + "' (" + metadata.arn() + ") is " + describeState(state) + ". " + fix
                            + ", or configure another 'keyId'.",
                    null);
        }
        GetPublicKeyResponse publicKey;
        try {
            publicKey = client.getPublicKey(b -> b.keyId(metadata.arn()));
        } catch (SdkException e) {
            throw KmsErrors.map("GetPublicKey", keyId, where, e);
        }
        byte[] der = publicKey.publicKey().asByteArray();
        ECPoint point;
        try {
            SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(der);
            point = Secp256k1.decodePoint(info.getPublicKeyData().getOctets());
        } catch (RuntimeException e) {
            throw new KeyRejectedException(
                    "KMS returned a public key for '" + keyId + "' that is not a secp256k1 point: " + e.getMessage(),
                    e);
        }
        return KmsKey.of(keyId, metadata.arn(), spec, der, point);
    }

    /**
     * Signs a digest with one KMS {@code Sign} call.
     *
     * @param client the KMS client
     * @param key a key from {@link #resolve}
     * @param digest exactly 32 bytes (a Keccak-256 hash); KMS signs it as given
     *     ({@code MessageType=DIGEST}), without hashing it again
     * @param where where the client points, for messages
     * @return the DER signature bytes as KMS returned them
     * @throws IllegalArgumentException if the digest is not 32 bytes
     * @throws io.kmsethereum.core.KmsEthereumException mapped from the AWS error
     */
    public static byte[] signDigest(KmsClient client, KmsKey key, byte[] digest, String where) {
        if (digest.length != 32) {
            throw new IllegalArgumentException("digest must be 32 bytes, was " + digest.length);
        }
        try {
            return client.sign(b -> b.keyId(key.keyArn())
                            .message(SdkBytes.fromByteArray(digest))
                            .messageType(MessageType.DIGEST)
                            .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256))
                    .signature()
                    .asByteArray();
        } catch (SdkException e) {
            throw KmsErrors.map("Sign", key.requestedId(), where, e);
        }
    }

    private static String describeState(String state) {
        return switch (state) {
            case "PendingDeletion" -> "pending deletion";
            case "Disabled" -> "disabled";
            default -> "in state " + state.toLowerCase(Locale.ROOT);
        };
    }
}
