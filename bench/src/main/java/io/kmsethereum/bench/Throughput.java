package io.kmsethereum.bench;

import io.kmsethereum.core.kms.CredentialsSource;
import io.kmsethereum.core.kms.KmsClientFactory;
import io.kmsethereum.core.kms.KmsConnection;
import io.kmsethereum.core.kms.KmsKey;
import io.kmsethereum.core.kms.KmsKeys;
import io.kmsethereum.core.signer.KmsSigner;
import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.MessageType;
import software.amazon.awssdk.services.kms.model.SigningAlgorithmSpec;

/**
 * Signatures per second against a KMS endpoint (LocalStack) at several concurrency levels:
 * the plugin's {@link KmsSigner} signing EIP-1559 transactions (encode, Keccak, one KMS Sign,
 * DER → low-s → recovery id → check, encode) next to bare AWS SDK {@code Sign} loops on random
 * digests, which are the ceiling KMS itself sets. The bare loops use the plugin's HTTP client
 * ({@code UrlConnectionHttpClient}) and the SDK's default synchronous one (Apache); the ratio
 * is ours divided by the faster bare loop. A fourth variant runs the plugin's {@code KmsSigner}
 * on the Apache client, so that the cost of our code and the cost of the HTTP client can be told
 * apart.
 *
 * <p>Each level runs a warm-up of every variant, then {@code rounds} short rounds in which the
 * variants take turns (rotating who goes first) over the same number of signatures; the
 * reported ratio is the median of the per-round ratios. Then a mixed run: every worker takes
 * the variants in turn request by request, and the ratio is that of the mean latencies (see
 * {@link #mixed}); on a machine whose load drifts, the mixed ratio is the steadier one.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.kmsethereum.bench.Throughput <endpoint>
 * [signatures per run, default 100] [levels, default 1,8,32] [rounds, default 15]}
 */
public final class Throughput {
    private static final String OURS = "plugin KmsSigner";
    private static final String BARE_URL = "bare SDK Sign (url-connection)";
    private static final String BARE_APACHE = "bare SDK Sign (apache)";
    private static final String OURS_APACHE = "KmsSigner on apache client";

    private Throughput() {}

    public static void main(String[] args) throws Exception {
        URI endpoint = URI.create(args[0]);
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int[] levels = Arrays.stream((args.length > 2 ? args[2] : "1,8,32").split(","))
                .mapToInt(Integer::parseInt)
                .toArray();
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 15;

        String keyArn;
        try (KmsClient admin = BenchKey.client(endpoint)) {
            keyArn = BenchKey.ensure(admin);
        }
        KmsConnection connection =
                KmsConnection.of("us-east-1", endpoint, CredentialsSource.explicit("benchmark", "test", "test", null));
        int maxLevel = Arrays.stream(levels).max().orElse(1);
        try (KmsClient ours = KmsClientFactory.create(connection);
                KmsClient bareUrl =
                        bare(endpoint, UrlConnectionHttpClient.builder().build());
                KmsClient bareApache = bare(
                        endpoint,
                        ApacheHttpClient.builder()
                                .maxConnections(Math.max(50, maxLevel))
                                .build())) {
            KmsKey key = KmsKeys.resolve(ours, keyArn, "at " + endpoint);
            KmsSigner signer = new KmsSigner(ours, key, "at " + endpoint);
            // the plugin's signer code on the SDK's default HTTP client, to separate the cost of
            // our code from the HTTP client's
            KmsSigner signerApache = new KmsSigner(bareApache, key, "at " + endpoint);
            Fixtures f = new Fixtures();
            RawTransaction[] transactions = f.eip1559.transactions();
            byte[][] digests = new byte[Fixtures.RING][];
            for (int i = 0; i < digests.length; i++) {
                digests[i] = Hash.sha3(BigInteger.valueOf(i).toByteArray());
            }
            Map<String, IntConsumer> variants = new LinkedHashMap<>();
            variants.put(OURS, i -> signer.sign(transactions[i & (Fixtures.RING - 1)], Fixtures.CHAIN_ID));
            variants.put(BARE_URL, i -> bareSign(bareUrl, keyArn, digests[i & (Fixtures.RING - 1)]));
            variants.put(BARE_APACHE, i -> bareSign(bareApache, keyArn, digests[i & (Fixtures.RING - 1)]));
            variants.put(OURS_APACHE, i -> signerApache.sign(transactions[i & (Fixtures.RING - 1)], Fixtures.CHAIN_ID));

            System.out.printf(
                    Locale.ROOT,
                    "Throughput against %s, key %s: %d signatures per run, %d rounds per level, %d cores%n",
                    endpoint,
                    keyArn,
                    count,
                    repeats,
                    Runtime.getRuntime().availableProcessors());
            System.out.println(
                    "concurrency  variant                          signatures/s: median (min-max of rounds)");
            List<String> summary = new ArrayList<>();
            for (int level : levels) {
                for (IntConsumer v : variants.values()) {
                    run(v, Math.max(50, count / 2), level);
                }
                List<String> names = new ArrayList<>(variants.keySet());
                double[][] rates = new double[names.size()][repeats];
                for (int round = 0; round < repeats; round++) {
                    for (int k = 0; k < names.size(); k++) {
                        int index = (k + round) % names.size();
                        rates[index][round] = run(variants.get(names.get(index)), count, level);
                    }
                }
                for (int k = 0; k < names.size(); k++) {
                    double[] sorted = rates[k].clone();
                    Arrays.sort(sorted);
                    System.out.printf(
                            Locale.ROOT,
                            "%11d  %-32s %8.1f  (%.1f-%.1f)%n",
                            level,
                            names.get(k),
                            median(rates[k]),
                            sorted[0],
                            sorted[sorted.length - 1]);
                }
                double[] vsUrl = new double[repeats];
                double[] vsBest = new double[repeats];
                double[] sameApache = new double[repeats];
                for (int round = 0; round < repeats; round++) {
                    vsUrl[round] = rates[0][round] / rates[1][round];
                    vsBest[round] = rates[0][round] / Math.max(rates[1][round], rates[2][round]);
                    sameApache[round] = rates[3][round] / rates[2][round];
                }
                summary.add(String.format(
                        Locale.ROOT,
                        "concurrency %2d, separate runs: plugin / bare (url-connection) = %.3f, plugin / faster bare"
                                + " loop = %.3f, KmsSigner on apache / bare (apache) = %.3f",
                        level,
                        median(vsUrl),
                        median(vsBest),
                        median(sameApache)));
                double[] latency = mixed(variants, names, count * repeats, level);
                StringBuilder line =
                        new StringBuilder(String.format(Locale.ROOT, "concurrency %2d, mixed: mean latency ms", level));
                for (int k = 0; k < names.size(); k++) {
                    line.append(String.format(Locale.ROOT, " %s %.2f;", names.get(k), latency[k]));
                }
                summary.add(line.toString());
                summary.add(String.format(
                        Locale.ROOT,
                        "concurrency %2d, mixed: plugin / bare (url-connection) = %.3f, plugin / faster bare loop = %.3f,"
                                + " KmsSigner on apache / bare (apache) = %.3f",
                        level,
                        latency[1] / latency[0],
                        Math.min(latency[1], latency[2]) / latency[0],
                        latency[2] / latency[3]));
            }
            summary.forEach(System.out::println);
        }
    }

    private static KmsClient bare(URI endpoint, SdkHttpClient http) {
        return KmsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(http)
                .build();
    }

    private static void bareSign(KmsClient client, String keyArn, byte[] digest) {
        client.sign(b -> b.keyId(keyArn)
                .message(SdkBytes.fromByteArray(digest))
                .messageType(MessageType.DIGEST)
                .signingAlgorithm(SigningAlgorithmSpec.ECDSA_SHA_256));
    }

    /** @return signatures per second */
    private static double run(IntConsumer variant, int count, int concurrency) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> workers = new ArrayList<>();
            long start = System.nanoTime();
            for (int t = 0; t < concurrency; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        variant.accept(i);
                    }
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
            return count / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    /**
     * Every worker takes the variants in turn, request by request (worker {@code t} starts at
     * variant {@code t}), so all variants meet the same server load at the same moments; at a
     * fixed concurrency, throughput is concurrency / mean latency (Little's law), so the
     * throughput ratio of two variants is the inverse ratio of their mean latencies.
     *
     * @return mean latency in milliseconds per variant, in the order of {@code names}
     */
    private static double[] mixed(Map<String, IntConsumer> variants, List<String> names, int count, int concurrency)
            throws Exception {
        IntConsumer[] v = names.stream().map(variants::get).toArray(IntConsumer[]::new);
        java.util.concurrent.atomic.LongAdder[] nanos = new java.util.concurrent.atomic.LongAdder[v.length];
        java.util.concurrent.atomic.LongAdder[] calls = new java.util.concurrent.atomic.LongAdder[v.length];
        for (int k = 0; k < v.length; k++) {
            nanos[k] = new java.util.concurrent.atomic.LongAdder();
            calls[k] = new java.util.concurrent.atomic.LongAdder();
        }
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        try {
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < concurrency; t++) {
                int offset = t;
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        int k = (i + offset) % v.length;
                        long start = System.nanoTime();
                        v[k].accept(i);
                        nanos[k].add(System.nanoTime() - start);
                        calls[k].increment();
                    }
                }));
            }
            for (Future<?> w : workers) {
                w.get();
            }
        } finally {
            pool.shutdown();
        }
        double[] mean = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            mean[k] = nanos[k].sum() / 1e6 / Math.max(1, calls[k].sum());
        }
        return mean;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
