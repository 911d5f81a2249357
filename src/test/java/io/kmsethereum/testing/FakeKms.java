package io.kmsethereum.testing;

import io.kmsethereum.core.crypto.DerSignature;
import io.kmsethereum.core.crypto.Secp256k1;
import io.kmsethereum.core.kms.KmsKey;
import io.kmsethereum.core.signer.DigestSigner;
import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.crypto.signers.RandomDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A test double for KMS {@code Sign}: signs digests with a local secp256k1 key, either with
 * RFC 6979 deterministic nonces (for known answers) or random ones (like KMS, about half of them
 * high-s), and can be told to return chosen DER bytes or to rewrite the DER it produces.
 */
public final class FakeKms implements DigestSigner {
    private final BigInteger privateKey;
    private final ECPoint publicKey;
    private final boolean deterministic;
    private final Deque<byte[]> scripted = new ArrayDeque<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile UnaryOperator<DerSignature> rewrite = UnaryOperator.identity();

    /**
     * @param privateKey the secret scalar
     * @param deterministic RFC 6979 nonces when true, random otherwise
     */
    public FakeKms(BigInteger privateKey, boolean deterministic) {
        this.privateKey = privateKey;
        this.publicKey = Secp256k1.G.multiply(privateKey).normalize();
        this.deterministic = deterministic;
    }

    /** @return the public point */
    public ECPoint publicKey() {
        return publicKey;
    }

    /** @return the key as the core sees it after DescribeKey/GetPublicKey */
    public KmsKey key() {
        return key("alias/fake", "arn:aws:kms:us-east-1:000000000000:key/fake");
    }

    /**
     * @param requestedId the key id as configured
     * @param keyArn the key ARN DescribeKey would give
     * @return the key under these names (for tests with several keys)
     */
    public KmsKey key(String requestedId, String keyArn) {
        try {
            byte[] spki = new SubjectPublicKeyInfo(
                            new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256k1),
                            publicKey.getEncoded(false))
                    .getEncoded();
            return KmsKey.of(requestedId, keyArn, "ECC_SECG_P256K1", spki, publicKey);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @param der bytes to return, once each, before signing for real again */
    public void script(byte[]... der) {
        for (byte[] d : der) {
            scripted.add(d);
        }
    }

    /** @param rewrite applied to every real signature before it is DER-encoded */
    public void rewrite(UnaryOperator<DerSignature> rewrite) {
        this.rewrite = rewrite;
    }

    /** @return how many times {@link #sign} was called */
    public int calls() {
        return calls.get();
    }

    /**
     * Raw ECDSA over the digest, like KMS with {@code MessageType=DIGEST}.
     *
     * @param digest 32 bytes
     * @return the DER signature, not normalised (may be high-s)
     */
    public DerSignature rawSign(byte[] digest) {
        ECDSASigner signer = new ECDSASigner(
                deterministic ? new HMacDSAKCalculator(new SHA256Digest()) : new RandomDSAKCalculator());
        signer.init(
                true,
                new ECPrivateKeyParameters(
                        privateKey,
                        new ECDomainParameters(Secp256k1.CURVE, Secp256k1.G, Secp256k1.N, Secp256k1.PARAMS.getH())));
        BigInteger[] rs = signer.generateSignature(digest);
        return new DerSignature(rs[0], rs[1]);
    }

    @Override
    public byte[] sign(byte[] digest) {
        calls.incrementAndGet();
        byte[] next = scripted.poll();
        if (next != null) {
            return next;
        }
        return rewrite.apply(rawSign(digest)).toDer();
    }
}
