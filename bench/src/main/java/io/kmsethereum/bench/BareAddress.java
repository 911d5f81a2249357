package io.kmsethereum.bench;

import java.net.URI;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.util.encoders.Hex;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;

/**
 * The yardstick of the goal-overhead benchmark: what a whole cold JVM needs to do the work of
 * {@code kms-address} with the bare AWS SDK and nothing of the plugin. It builds a {@code KmsClient}
 * (default credentials chain, the given endpoint and region), calls {@code DescribeKey} and
 * {@code GetPublicKey}, and prints the Ethereum address (Keccak-256 of the uncompressed point's
 * 64 bytes, last 20 bytes; lower case, no EIP-55, no key checks).
 *
 * <p>Usage: {@code java -cp <bench classpath> io.kmsethereum.bench.BareAddress <endpoint> <keyId>
 * <url-connection|apache>}: the HTTP client is named explicitly because the bench classpath holds
 * both (the plugin uses the url-connection client; the SDK's default on a plain classpath is
 * Apache). {@code bench/run.sh overhead} runs it next to the Maven goal.
 */
public final class BareAddress {
    private BareAddress() {}

    public static void main(String[] args) {
        KmsClientBuilder builder =
                KmsClient.builder().endpointOverride(URI.create(args[0])).region(Region.of(regionOf()));
        builder = "apache".equals(args[2])
                ? builder.httpClient(ApacheHttpClient.create())
                : builder.httpClient(UrlConnectionHttpClient.create());
        try (KmsClient kms = builder.build()) {
            String arn = kms.describeKey(b -> b.keyId(args[1])).keyMetadata().arn();
            byte[] der = kms.getPublicKey(b -> b.keyId(arn)).publicKey().asByteArray();
            byte[] point =
                    SubjectPublicKeyInfo.getInstance(der).getPublicKeyData().getOctets();
            KeccakDigest keccak = new KeccakDigest(256);
            keccak.update(point, 1, 64); // skip the 0x04 of the uncompressed encoding
            byte[] hash = new byte[32];
            keccak.doFinal(hash, 0);
            System.out.println("0x" + Hex.toHexString(hash, 12, 20));
        }
    }

    private static String regionOf() {
        String region = System.getenv("AWS_REGION");
        return region == null ? "us-east-1" : region;
    }
}
