package io.kmsethereum.it;

import io.kmsethereum.core.crypto.Secp256k1;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.Tag;

/**
 * KMS keys with known key material on LocalStack, for tests that must know the account's address
 * in advance: LocalStack takes the key id and the PKCS#8 private key from the tags
 * {@code _custom_id_} and {@code _custom_key_material_} of CreateKey.
 */
public final class LocalStackKeys {
    private final KmsClient kms;

    /**
     * @param endpoint the LocalStack endpoint
     * @param accessKeyId the access key id to call it with; a 12-digit number selects that
     *     LocalStack account, so keys made here are invisible to other credentials
     */
    public LocalStackKeys(String endpoint, String accessKeyId) {
        this.kms = KmsClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /** @return the KMS client pointed at LocalStack */
    public KmsClient kms() {
        return kms;
    }

    /**
     * Creates (or, when LocalStack already has it, reuses) a key with a fixed key id, so that
     * IT POMs can name it by key ARN: {@code arn:aws:kms:us-east-1:000000000000:key/<keyId>}.
     *
     * @param keyId a UUID to use as the key id ({@code _custom_id_} tag)
     * @param privateKeyHex secp256k1 secret scalar as hex, or {@code null} for random material
     * @param alias alias or {@code null}
     * @param spec key spec
     * @param usage key usage (always passed: LocalStack makes ECC keys ENCRYPT_DECRYPT otherwise)
     * @return the key ARN
     */
    public String ensureKey(String keyId, String privateKeyHex, String alias, KeySpec spec, KeyUsageType usage) {
        String arn;
        try {
            arn = kms.describeKey(b -> b.keyId(keyId)).keyMetadata().arn();
        } catch (NotFoundException e) {
            List<Tag> tags = new ArrayList<>();
            tags.add(Tag.builder().tagKey("_custom_id_").tagValue(keyId).build());
            if (privateKeyHex != null) {
                tags.add(Tag.builder()
                        .tagKey("_custom_key_material_")
                        .tagValue(pkcs8Base64(privateKeyHex))
                        .build());
            }
            arn = kms.createKey(b -> b.keySpec(spec).keyUsage(usage).tags(tags))
                    .keyMetadata()
                    .arn();
        }
        if (alias != null) {
            pointAlias(alias, arn);
        }
        return arn;
    }

    /**
     * @param keyId a UUID
     * @param privateKeyHex secp256k1 secret scalar
     * @param alias alias or {@code null}
     * @return the key ARN of a secp256k1 SIGN_VERIFY key
     */
    public String ensureKey(String keyId, String privateKeyHex, String alias) {
        return ensureKey(keyId, privateKeyHex, alias, KeySpec.ECC_SECG_P256_K1, KeyUsageType.SIGN_VERIFY);
    }

    /**
     * Creates {@code alias} or moves it to the key.
     *
     * @param alias {@code alias/<name>}
     * @param keyArn the key ARN
     */
    public void pointAlias(String alias, String keyArn) {
        // LocalStack resolves an alias only when its target is a key id, not a key ARN
        String target = keyArn.substring(keyArn.lastIndexOf('/') + 1);
        boolean exists = kms.listAliasesPaginator(b -> b.limit(100)).aliases().stream()
                .map(AliasListEntry::aliasName)
                .anyMatch(alias::equals);
        if (exists) {
            kms.updateAlias(b -> b.aliasName(alias).targetKeyId(target));
        } else {
            kms.createAlias(b -> b.aliasName(alias).targetKeyId(target));
        }
    }

    /**
     * @param privateKeyHex a secp256k1 secret scalar
     * @return base64 of its PKCS#8 DER encoding (RFC 5208 with an RFC 5915 ECPrivateKey)
     */
    public static String pkcs8Base64(String privateKeyHex) {
        BigInteger d = new BigInteger(privateKeyHex.replaceFirst("^0x", ""), 16);
        byte[] publicKey = Secp256k1.G.multiply(d).normalize().getEncoded(false);
        try {
            PrivateKeyInfo info = new PrivateKeyInfo(
                    new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256k1),
                    new ECPrivateKey(256, d, new DERBitString(publicKey), null));
            return Base64.getEncoder().encodeToString(info.getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
