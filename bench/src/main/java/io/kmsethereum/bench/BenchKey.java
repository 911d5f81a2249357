package io.kmsethereum.bench;

import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.NotFoundException;
import software.amazon.awssdk.services.kms.model.Tag;

/**
 * The benchmark's KMS key in LocalStack: a secp256k1 SIGN_VERIFY key with a fixed key id
 * (LocalStack's {@code _custom_id_} tag), created on first use and reused afterwards.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.kmsethereum.bench.BenchKey <endpoint>} prints the
 * key ARN.
 */
public final class BenchKey {
    /** The key id of the benchmark key. */
    public static final String KEY_ID = "b0b0b0b0-0000-4000-8000-000000000001";

    private BenchKey() {}

    public static void main(String[] args) {
        try (KmsClient kms = client(URI.create(args[0]))) {
            System.out.println(ensure(kms));
        }
    }

    /**
     * @param endpoint LocalStack's URL
     * @return a plain SDK client for LocalStack (test credentials, us-east-1)
     */
    public static KmsClient client(URI endpoint) {
        return KmsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /**
     * @param kms a client pointed at LocalStack
     * @return the key ARN
     */
    public static String ensure(KmsClient kms) {
        try {
            return kms.describeKey(b -> b.keyId(KEY_ID)).keyMetadata().arn();
        } catch (NotFoundException e) {
            return kms.createKey(b -> b.keySpec(KeySpec.ECC_SECG_P256_K1)
                            .keyUsage(KeyUsageType.SIGN_VERIFY)
                            .tags(List.of(Tag.builder()
                                    .tagKey("_custom_id_")
                                    .tagValue(KEY_ID)
                                    .build())))
                    .keyMetadata()
                    .arn();
        }
    }
}
