package io.kmsethereum.bench;

import io.kmsethereum.core.crypto.DerSignature;
import io.kmsethereum.core.crypto.Secp256k1;
import java.math.BigInteger;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * The "before" of signature post-processing: the way most KMS signers find {@code v}. Parse the
 * DER, make {@code s} low, then recover the public key with web3j's
 * {@link Sign#recoverFromSignature} for recovery id 0 and, when that is not the key, 1; the one
 * that gives the key's public key is the recovery id. Each trial decompresses a point, multiplies
 * it by n (a full scalar multiplication, SEC 1 4.1.6 step 1.4) and computes
 * {@code r⁻¹(sR − eG)}; on average 1.5 trials per signature.
 */
public final class TrialRecovery {
    private TrialRecovery() {}

    /**
     * @param digest the 32-byte digest
     * @param der KMS's DER signature
     * @param publicKey the key's public key as web3j holds it (64-byte x‖y as an integer)
     * @return web3j signature data with v = 27 + recovery id
     */
    public static Sign.SignatureData toSignatureData(byte[] digest, byte[] der, BigInteger publicKey) {
        DerSignature parsed = DerSignature.parse(der);
        BigInteger s = parsed.s();
        if (s.compareTo(Secp256k1.HALF_N) > 0) {
            s = Secp256k1.N.subtract(s);
        }
        ECDSASignature signature = new ECDSASignature(parsed.r(), s);
        for (int recoveryId = 0; recoveryId < 2; recoveryId++) {
            BigInteger recovered = Sign.recoverFromSignature(recoveryId, signature, digest);
            if (publicKey.equals(recovered)) {
                return new Sign.SignatureData(
                        (byte) (27 + recoveryId), Numeric.toBytesPadded(parsed.r(), 32), Numeric.toBytesPadded(s, 32));
            }
        }
        throw new IllegalStateException("signature does not recover to the key");
    }
}
