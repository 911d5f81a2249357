package io.kmsethereum.bench;

import io.kmsethereum.core.crypto.Addresses;
import io.kmsethereum.core.crypto.Secp256k1;
import io.kmsethereum.core.kms.CredentialsSource;
import io.kmsethereum.core.kms.KmsClientFactory;
import io.kmsethereum.core.kms.KmsConnection;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.math.ec.ECPoint;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DescribeKeyResponse;

/**
 * Where a cold {@code kms-address} spends its time: the steps of {@code KmsKeys.resolve} and
 * {@code KmsKey.of}, each timed once in a fresh JVM (as in a Maven build, where every class is
 * loaded for the first time). Run it several times in new JVMs and take the median per step
 * ({@code bench/run.sh steps} does).
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.kmsethereum.bench.GoalSteps <endpoint> <keyId>};
 * credentials from the AWS default chain (LocalStack: {@code AWS_ACCESS_KEY_ID=test} …).
 * Prints one line: {@code step=milliseconds} pairs. The last step,
 * {@code web3j-eip55-extra}, is not part of the goal: it is what computing the same checksum
 * with web3j's {@code Keys} costs on top (the goal did so before it had its own EIP-55).
 */
public final class GoalSteps {
    private GoalSteps() {}

    public static void main(String[] args) {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long mainStart = System.currentTimeMillis();
        Map<String, Double> steps = new LinkedHashMap<>();
        steps.put("jvm-to-main", (double) (mainStart - jvmStart));
        String keyId = args[1];

        long t = System.nanoTime();
        KmsConnection connection = KmsConnection.of(
                System.getenv().getOrDefault("AWS_REGION", "us-east-1"),
                URI.create(args[0]),
                CredentialsSource.defaultChain());
        t = lap(steps, "connection", t);
        KmsClient client = KmsClientFactory.create(connection);
        t = lap(steps, "sdk-client", t);
        DescribeKeyResponse described = client.describeKey(b -> b.keyId(keyId));
        t = lap(steps, "describe-key-first-call", t);
        byte[] der = client.getPublicKey(b -> b.keyId(described.keyMetadata().arn()))
                .publicKey()
                .asByteArray();
        t = lap(steps, "get-public-key", t);
        ECPoint point = Secp256k1.decodePoint(
                SubjectPublicKeyInfo.getInstance(der).getPublicKeyData().getOctets());
        t = lap(steps, "decode-point", t);
        String address = Addresses.fromPublicKey(Secp256k1.toRaw64(point));
        t = lap(steps, "address-eip55", t);
        // what web3j's EIP-55 (the plugin's "before") adds on top: Keys' class initialisation
        if (!org.web3j.crypto.Keys.toChecksumAddress(address).equals(address)) {
            throw new IllegalStateException("EIP-55 differs from web3j's");
        }
        lap(steps, "web3j-eip55-extra", t);
        client.close();
        steps.put("total-in-main", (double) (System.currentTimeMillis() - mainStart));

        StringBuilder sb = new StringBuilder();
        steps.forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%s=%.1f ", k, v)));
        System.out.println(sb.toString().trim() + " address=" + address);
    }

    private static long lap(Map<String, Double> steps, String name, long since) {
        long now = System.nanoTime();
        steps.put(name, (now - since) / 1e6);
        return now;
    }
}
