package io.kmsethereum.bench;

import io.kmsethereum.core.crypto.DerSignature;
import io.kmsethereum.core.crypto.RecoverableSignature;
import io.kmsethereum.core.crypto.Secp256k1;
import java.math.BigInteger;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The plugin's signature check as first written (one verification whose point gives the
 * y-parity, with {@link BigInteger#modInverse} and BouncyCastle's default wNAF width for the
 * public key), kept here to measure the later tuning of {@code SignatureConverter} in the same
 * run. Error handling is left out; the inputs are valid.
 */
public final class FirstOneVerification {
    private FirstOneVerification() {}

    /**
     * @param digest 32 bytes
     * @param der KMS's DER signature
     * @param publicKey the public point, not configured as a base point
     * @return the low-s signature with its recovery id
     */
    public static RecoverableSignature toEthereum(byte[] digest, byte[] der, ECPoint publicKey) {
        DerSignature signature = DerSignature.parse(der);
        BigInteger n = Secp256k1.N;
        BigInteger r = signature.r();
        BigInteger s = signature.s();
        BigInteger z = new BigInteger(1, digest);
        BigInteger sInverse = s.modInverse(n);
        BigInteger u1 = z.multiply(sInverse).mod(n);
        BigInteger u2 = r.multiply(sInverse).mod(n);
        ECPoint point =
                ECAlgorithms.sumOfTwoMultiplies(Secp256k1.G, u1, publicKey, u2).normalize();
        if (point.isInfinity() || !point.getAffineXCoord().toBigInteger().equals(r)) {
            throw new IllegalStateException("does not verify");
        }
        int recoveryId = point.getAffineYCoord().testBitZero() ? 1 : 0;
        if (s.compareTo(Secp256k1.HALF_N) > 0) {
            s = n.subtract(s);
            recoveryId ^= 1;
        }
        return new RecoverableSignature(r, s, recoveryId);
    }
}
