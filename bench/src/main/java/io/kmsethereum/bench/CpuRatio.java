package io.kmsethereum.bench;

import io.kmsethereum.core.crypto.SignatureConverter;
import io.kmsethereum.core.signer.KmsSigner;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.TransactionEncoder;

/**
 * Same-run CPU-time ratios that survive a busy machine. JMH runs one benchmark after the other,
 * so when other builds start or stop in between, its absolute numbers drift; here the variants
 * take turns in short batches (the starting variant rotates every round), each batch is timed
 * with the thread's CPU time ({@link ThreadMXBean#getCurrentThreadCpuTime()}), and each ratio is
 * the median of the per-round ratios.
 *
 * <p>Variants: {@code web3j local} (web3j signs with a local key), {@code trial recovery}
 * (v by web3j's recoverFromSignature for recovery id 0, then 1: the usual KMS-signer approach,
 * "before"), {@code one verification v1} (one verification whose point gives the y-parity, as
 * first written: {@link FirstOneVerification}) and {@code plugin} (the plugin's current
 * {@code KmsSigner} / {@code SignatureConverter}). KMS is replaced by pre-made DER signatures.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.kmsethereum.bench.CpuRatio [rounds] [batch]}
 * (defaults 60 and 64; a batch of 64 walks a quarter of the 256-transaction ring). Output: per variant the median CPU µs per signature, then the ratios.
 */
public final class CpuRatio {
    private static final String WEB3J = "web3j local";
    private static final String TRIAL = "trial recovery";
    private static final String FIRST = "one verification v1";
    private static final String PLUGIN = "plugin";

    private static volatile Object sink;

    private CpuRatio() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        Fixtures f = new Fixtures();
        BigInteger web3jPublicKey = f.credentials.getEcKeyPair().getPublicKey();
        Fixtures.Cursor web3j1559 = f.eip1559.cursor();
        Fixtures.Cursor kms1559 = f.eip1559.cursor();
        Fixtures.Cursor trial1559 = f.eip1559.cursor();
        Fixtures.Cursor web3jLegacy = f.legacy.cursor();
        Fixtures.Cursor kmsLegacy = f.legacy.cursor();
        Fixtures.Cursor web3jDigest = f.eip1559.cursor();
        Fixtures.Cursor kmsDigest = f.eip1559.cursor();
        Fixtures.Cursor trialDigest = f.eip1559.cursor();
        KmsSigner signer1559 = new KmsSigner(kms1559, f.key);
        KmsSigner signerLegacy = new KmsSigner(kmsLegacy, f.key);

        Fixtures.Cursor first1559 = f.eip1559.cursor();
        Fixtures.Cursor firstDigest = f.eip1559.cursor();

        Map<String, Supplier<Object>> variants = new LinkedHashMap<>();
        variants.put(WEB3J + " 1559", () -> TransactionEncoder.signMessage(web3j1559.next(), f.credentials));
        variants.put(TRIAL + " 1559", () -> {
            RawTransaction tx = trial1559.next();
            byte[] digest = Hash.sha3(TransactionEncoder.encode(tx));
            return TransactionEncoder.encode(
                    tx, TrialRecovery.toSignatureData(digest, trial1559.der(), web3jPublicKey));
        });
        variants.put(FIRST + " 1559", () -> {
            RawTransaction tx = first1559.next();
            byte[] digest = Hash.sha3(TransactionEncoder.encode(tx));
            return TransactionEncoder.encode(
                    tx,
                    FirstOneVerification.toEthereum(digest, first1559.der(), f.plainPublicPoint)
                            .toMessageSignatureData());
        });
        variants.put(PLUGIN + " 1559", () -> signer1559.sign(kms1559.next(), Fixtures.CHAIN_ID));
        variants.put(
                WEB3J + " legacy",
                () -> TransactionEncoder.signMessage(web3jLegacy.next(), Fixtures.CHAIN_ID, f.credentials));
        variants.put(PLUGIN + " legacy", () -> signerLegacy.sign(kmsLegacy.next(), Fixtures.CHAIN_ID));
        variants.put(WEB3J + " digest", () -> {
            web3jDigest.next();
            return Sign.signMessage(web3jDigest.digest(), f.credentials.getEcKeyPair(), false);
        });
        variants.put(TRIAL + " digest", () -> {
            trialDigest.next();
            return TrialRecovery.toSignatureData(trialDigest.digest(), trialDigest.der(), web3jPublicKey);
        });
        variants.put(FIRST + " digest", () -> {
            firstDigest.next();
            return FirstOneVerification.toEthereum(firstDigest.digest(), firstDigest.der(), f.plainPublicPoint);
        });
        variants.put(PLUGIN + " digest", () -> {
            kmsDigest.next();
            return SignatureConverter.toEthereum(kmsDigest.digest(), kmsDigest.der(), f.publicPoint);
        });

        String[][] ratios = {
            {PLUGIN + " 1559", WEB3J + " 1559"},
            {PLUGIN + " legacy", WEB3J + " legacy"},
            {PLUGIN + " digest", WEB3J + " digest"},
            {TRIAL + " 1559", WEB3J + " 1559"},
            {FIRST + " 1559", WEB3J + " 1559"},
            {FIRST + " 1559", TRIAL + " 1559"},
            {PLUGIN + " 1559", FIRST + " 1559"},
            {PLUGIN + " 1559", TRIAL + " 1559"},
            {FIRST + " digest", TRIAL + " digest"},
            {PLUGIN + " digest", FIRST + " digest"},
        };

        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        List<String> names = new ArrayList<>(variants.keySet());
        System.out.printf(
                Locale.ROOT,
                "CpuRatio: %d rounds x %d signatures per variant; %d of %d KMS-style signatures high-s%n",
                rounds,
                batch,
                f.highS1559,
                Fixtures.RING);
        long warmupEnd = System.nanoTime() + 8_000_000_000L;
        while (System.nanoTime() < warmupEnd) {
            for (Supplier<Object> v : variants.values()) {
                for (int i = 0; i < batch; i++) {
                    sink = v.get();
                }
            }
        }
        double[][] perOp = new double[names.size()][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < names.size(); k++) {
                int index = (k + round) % names.size();
                Supplier<Object> v = variants.get(names.get(index));
                long start = mx.getCurrentThreadCpuTime();
                for (int i = 0; i < batch; i++) {
                    sink = v.get();
                }
                perOp[index][round] = (mx.getCurrentThreadCpuTime() - start) / 1000.0 / batch;
            }
        }
        System.out.println("variant                          CPU µs/signature (median, p25-p75)");
        for (int i = 0; i < names.size(); i++) {
            double[] sorted = perOp[i].clone();
            Arrays.sort(sorted);
            System.out.printf(
                    Locale.ROOT,
                    "%-32s %8.1f  (%.1f-%.1f)%n",
                    names.get(i),
                    quantile(sorted, 0.5),
                    quantile(sorted, 0.25),
                    quantile(sorted, 0.75));
        }
        System.out.println("ratio                                                  median  (p25-p75)");
        for (String[] pair : ratios) {
            double[] r = new double[rounds];
            int a = names.indexOf(pair[0]);
            int b = names.indexOf(pair[1]);
            for (int round = 0; round < rounds; round++) {
                r[round] = perOp[a][round] / perOp[b][round];
            }
            Arrays.sort(r);
            System.out.printf(
                    Locale.ROOT,
                    "%-55s %6.3f  (%.3f-%.3f)%n",
                    pair[0] + " / " + pair[1],
                    quantile(r, 0.5),
                    quantile(r, 0.25),
                    quantile(r, 0.75));
        }
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }
}
