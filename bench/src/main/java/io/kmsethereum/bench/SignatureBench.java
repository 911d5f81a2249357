package io.kmsethereum.bench;

import io.kmsethereum.core.crypto.DerSignature;
import io.kmsethereum.core.crypto.RecoverableSignature;
import io.kmsethereum.core.crypto.Secp256k1;
import io.kmsethereum.core.crypto.SignatureConverter;
import io.kmsethereum.core.signer.KmsSigner;
import java.math.BigInteger;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.TransactionEncoder;

/**
 * Per-signature CPU cost of turning a KMS answer into a signed transaction, next to web3j
 * signing the same transaction with a local key, in one JMH run.
 *
 * <p>Every variant walks the same 256 transactions (nonces 0–255), so web3j's RFC 6979 nonces
 * and recovery ids vary as they do in real use. Groups (method name prefixes):
 * <ul>
 *   <li>{@code tx*}: the whole pipeline for one transaction. {@code txWeb3jLocal*} is
 *       {@code TransactionEncoder.signMessage} with local credentials (RFC 6979 nonce, k·G, then
 *       web3j's own trial recoveries for v). {@code txKms*} is the plugin's {@code KmsSigner.sign}
 *       with a fake KMS that returns pre-made DER signatures of the same payload (encode, Keccak,
 *       DER → low-s → recovery id → check against the public key, encode).
 *       {@code txTrialRecovery*} is the same pipeline with v found by trial recoveries (the
 *       "before"). {@code txFirstOneVerification*} is the one-verification check as first
 *       written ({@link FirstOneVerification}), before the tuning of
 *       {@code SignatureConverter}.</li>
 *   <li>{@code digest*}: the same without transaction encoding.</li>
 *   <li>{@code part*}: the pieces, to see where the time goes.</li>
 * </ul>
 * The fake KMS answers in a few nanoseconds, so {@code txKms*} is our CPU cost per signature
 * exactly; the KMS round trip is measured by {@link Throughput}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class SignatureBench {
    private Fixtures f;
    private Fixtures.Cursor web3j1559;
    private Fixtures.Cursor kms1559;
    private Fixtures.Cursor trial1559;
    private Fixtures.Cursor first1559;
    private Fixtures.Cursor web3jLegacy;
    private Fixtures.Cursor kmsLegacy;
    private Fixtures.Cursor trialLegacy;
    private Fixtures.Cursor digests;
    private KmsSigner signer1559;
    private KmsSigner signerLegacy;
    private BigInteger web3jPublicKey;

    // parts: the integers of one signature and the values derived from them
    private BigInteger r;
    private BigInteger s;
    private BigInteger u1;
    private BigInteger u2;
    private ECPoint unnormalised;
    private Sign.SignatureData signatureData;
    private byte[] preimage1559;
    private final FixedPointCombMultiplier comb = new FixedPointCombMultiplier();

    @Setup
    public void setup() {
        f = new Fixtures();
        web3j1559 = f.eip1559.cursor();
        kms1559 = f.eip1559.cursor();
        trial1559 = f.eip1559.cursor();
        first1559 = f.eip1559.cursor();
        web3jLegacy = f.legacy.cursor();
        kmsLegacy = f.legacy.cursor();
        trialLegacy = f.legacy.cursor();
        digests = f.eip1559.cursor();
        signer1559 = new KmsSigner(kms1559, f.key);
        signerLegacy = new KmsSigner(kmsLegacy, f.key);
        web3jPublicKey = f.credentials.getEcKeyPair().getPublicKey();
        byte[] digest = f.eip1559.digests()[0];
        DerSignature first = DerSignature.parse(f.eip1559.der()[0]);
        r = first.r();
        s = first.s();
        BigInteger z = new BigInteger(1, digest);
        BigInteger sInverse = s.modInverse(Secp256k1.N);
        u1 = z.multiply(sInverse).mod(Secp256k1.N);
        u2 = r.multiply(sInverse).mod(Secp256k1.N);
        unnormalised = ECAlgorithms.sumOfTwoMultiplies(Secp256k1.G, u1, f.publicPoint, u2);
        signatureData = SignatureConverter.toEthereum(digest, f.eip1559.der()[0], f.publicPoint)
                .toMessageSignatureData();
        preimage1559 = TransactionEncoder.encode(f.eip1559.transactions()[0]);
    }

    // ---- whole transaction -------------------------------------------------------------

    @Benchmark
    public byte[] txWeb3jLocal1559() {
        return TransactionEncoder.signMessage(web3j1559.next(), f.credentials);
    }

    @Benchmark
    public byte[] txKms1559() {
        return signer1559.sign(kms1559.next(), Fixtures.CHAIN_ID);
    }

    @Benchmark
    public byte[] txTrialRecovery1559() {
        RawTransaction tx = trial1559.next();
        byte[] digest = Hash.sha3(TransactionEncoder.encode(tx));
        return TransactionEncoder.encode(tx, TrialRecovery.toSignatureData(digest, trial1559.der(), web3jPublicKey));
    }

    @Benchmark
    public byte[] txFirstOneVerification1559() {
        RawTransaction tx = first1559.next();
        byte[] digest = Hash.sha3(TransactionEncoder.encode(tx));
        return TransactionEncoder.encode(
                tx,
                FirstOneVerification.toEthereum(digest, first1559.der(), f.plainPublicPoint)
                        .toMessageSignatureData());
    }

    @Benchmark
    public byte[] txWeb3jLocalLegacy() {
        return TransactionEncoder.signMessage(web3jLegacy.next(), Fixtures.CHAIN_ID, f.credentials);
    }

    @Benchmark
    public byte[] txKmsLegacy() {
        return signerLegacy.sign(kmsLegacy.next(), Fixtures.CHAIN_ID);
    }

    @Benchmark
    public byte[] txTrialRecoveryLegacy() {
        RawTransaction tx = trialLegacy.next();
        byte[] digest = Hash.sha3(TransactionEncoder.encode(tx, Fixtures.CHAIN_ID));
        Sign.SignatureData data = TrialRecovery.toSignatureData(digest, trialLegacy.der(), web3jPublicKey);
        return TransactionEncoder.encode(tx, TransactionEncoder.createEip155SignatureData(data, Fixtures.CHAIN_ID));
    }

    // ---- digest only ---------------------------------------------------------------------

    @Benchmark
    public Sign.SignatureData digestWeb3jLocal() {
        digests.next();
        return Sign.signMessage(digests.digest(), f.credentials.getEcKeyPair(), false);
    }

    @Benchmark
    public RecoverableSignature digestKms() {
        digests.next();
        return SignatureConverter.toEthereum(digests.digest(), digests.der(), f.publicPoint);
    }

    @Benchmark
    public Sign.SignatureData digestTrialRecovery() {
        digests.next();
        return TrialRecovery.toSignatureData(digests.digest(), digests.der(), web3jPublicKey);
    }

    @Benchmark
    public RecoverableSignature digestFirstOneVerification() {
        digests.next();
        return FirstOneVerification.toEthereum(digests.digest(), digests.der(), f.plainPublicPoint);
    }

    // ---- parts -----------------------------------------------------------------------------

    @Benchmark
    public DerSignature partDerParse() {
        digests.next();
        return DerSignature.parse(digests.der());
    }

    @Benchmark
    public BigInteger partModInverse() {
        return s.modInverse(Secp256k1.N);
    }

    @Benchmark
    public BigInteger partModInverseVar() {
        return BigIntegers.modOddInverseVar(Secp256k1.N, s);
    }

    @Benchmark
    public ECPoint partSumOfTwoMultiplies() {
        return ECAlgorithms.sumOfTwoMultiplies(Secp256k1.G, u1, f.publicPoint, u2);
    }

    @Benchmark
    public ECPoint partSumOfTwoMultipliesDefaultWidth() {
        return ECAlgorithms.sumOfTwoMultiplies(Secp256k1.G, u1, f.plainPublicPoint, u2);
    }

    @Benchmark
    public ECPoint partNormalize() {
        return unnormalised.normalize();
    }

    @Benchmark
    public ECPoint partCombGPlusGlvQ() {
        return comb.multiply(Secp256k1.G, u1).add(f.publicPoint.multiply(u2));
    }

    @Benchmark
    public ECPoint partCombG() {
        return comb.multiply(Secp256k1.G, u1);
    }

    @Benchmark
    public byte[] partEncodePreimage1559() {
        return TransactionEncoder.encode(f.eip1559.transactions()[0]);
    }

    @Benchmark
    public byte[] partKeccak() {
        return Hash.sha3(preimage1559);
    }

    @Benchmark
    public byte[] partEncodeSigned1559() {
        return TransactionEncoder.encode(f.eip1559.transactions()[0], signatureData);
    }

    @Benchmark
    public Object partWeb3jEcdsaSignOnly() {
        return f.credentials.getEcKeyPair().sign(f.eip1559.digests()[0]);
    }

    @Benchmark
    public BigInteger partWeb3jOneRecovery() {
        return Sign.recoverFromSignature(
                0,
                new org.web3j.crypto.ECDSASignature(r, s.compareTo(Secp256k1.HALF_N) > 0 ? Secp256k1.N.subtract(s) : s),
                f.eip1559.digests()[0]);
    }
}
