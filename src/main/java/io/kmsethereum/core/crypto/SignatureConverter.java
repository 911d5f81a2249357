package io.kmsethereum.core.crypto;

import io.kmsethereum.core.SignatureCheckException;
import java.math.BigInteger;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/**
 * Turns a DER ECDSA signature from AWS KMS into an Ethereum signature, checking it against the
 * key's public key on the way.
 *
 * <p>The steps: parse DER ({@link DerSignature}); compute {@code R = (z·s⁻¹)·G + (r·s⁻¹)·Q} once,
 * which is ECDSA verification (SEC 1 v2, section 4.1.4) and also yields R's y-parity, the
 * recovery id (SEC 1 section 4.1.6); require {@code R.x = r}, otherwise the signature is not
 * from this key and is an error; if {@code s > n/2} replace it with {@code n − s} and flip the
 * recovery id, because {@code (r, n−s)} corresponds to {@code −R} (EIP-2). A signature whose
 * R.x is at least n (recovery id 2 or 3, probability about 2⁻¹²⁸) cannot be expressed in
 * Ethereum and is rejected.
 *
 * <p>Because verification and recovery are the same equation, a signature that passes here
 * recovers to exactly this public key, and so to the key's address.
 *
 * <p>Cost: one double-scalar multiplication (BouncyCastle's GLV endomorphism of secp256k1 with
 * wNAF tables cached on G and, through {@link io.kmsethereum.core.kms.KmsKey#of}, on the public
 * key) and one field inversion; about 0.35 of web3j's local signing of the same transaction
 * (docs/performance.md).
 */
public final class SignatureConverter {

    private SignatureConverter() {}

    /**
     * Converts and verifies one signature.
     *
     * @param digest the 32-byte digest that was signed (Keccak-256 of the payload)
     * @param der the DER signature bytes that KMS returned
     * @param publicKey the key's public point (from GetPublicKey)
     * @return the low-s signature with its recovery id
     * @throws SignatureCheckException if the DER is malformed or the signature does not verify
     *     against {@code publicKey}
     * @throws IllegalArgumentException if {@code digest} is not 32 bytes
     */
    public static RecoverableSignature toEthereum(byte[] digest, byte[] der, ECPoint publicKey) {
        return toEthereum(digest, DerSignature.parse(der), publicKey);
    }

    /**
     * As {@link #toEthereum(byte[], byte[], ECPoint)} for already parsed integers.
     *
     * @param digest the 32-byte digest
     * @param signature {@code r} and {@code s} in [1, n−1]
     * @param publicKey the key's public point
     * @return the low-s signature with its recovery id
     * @throws SignatureCheckException if the signature does not verify against the key
     */
    public static RecoverableSignature toEthereum(byte[] digest, DerSignature signature, ECPoint publicKey) {
        if (digest == null || digest.length != 32) {
            throw new IllegalArgumentException("digest must be 32 bytes");
        }
        BigInteger n = Secp256k1.N;
        BigInteger r = signature.r();
        BigInteger s = signature.s();
        BigInteger z = new BigInteger(1, digest); // 256-bit digest, no truncation for a 256-bit n
        // s is public: the variable-time inverse is safe and about 5x faster than BigInteger.modInverse
        BigInteger sInverse = BigIntegers.modOddInverseVar(n, s);
        BigInteger u1 = z.multiply(sInverse).mod(n);
        BigInteger u2 = r.multiply(sInverse).mod(n);
        ECPoint point =
                ECAlgorithms.sumOfTwoMultiplies(Secp256k1.G, u1, publicKey, u2).normalize();
        if (point.isInfinity()) {
            throw new SignatureCheckException("KMS signature does not verify against the key's public key");
        }
        BigInteger x = point.getAffineXCoord().toBigInteger();
        if (!x.equals(r)) {
            if (x.mod(n).equals(r)) {
                throw new SignatureCheckException(
                        "KMS signature has R.x >= n (recovery id 2 or 3), which Ethereum cannot express; sign again");
            }
            throw new SignatureCheckException(
                    "KMS signature does not verify against the key's public key (was the key or digest changed?)");
        }
        int recoveryId = point.getAffineYCoord().testBitZero() ? 1 : 0;
        if (s.compareTo(Secp256k1.HALF_N) > 0) {
            s = n.subtract(s);
            recoveryId ^= 1;
        }
        return new RecoverableSignature(r, s, recoveryId);
    }
}
