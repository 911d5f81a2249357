package io.kmsethereum.core.crypto;

import java.math.BigInteger;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * An Ethereum secp256k1 signature: {@code r}, a low {@code s} (EIP-2) and the recovery id
 * (y-parity of the point R). How {@code v} is written depends on where the signature goes:
 * see {@link #toMessageSignatureData()} and {@link #eip155V(long)}.
 *
 * @param r 1 ≤ r &lt; n
 * @param s 1 ≤ s ≤ n/2 (EIP-2 low-s)
 * @param recoveryId 0 or 1: the parity of R's y coordinate
 */
public record RecoverableSignature(BigInteger r, BigInteger s, int recoveryId) {

    /**
     * @throws IllegalArgumentException if {@code s} is high or the recovery id is not 0 or 1
     */
    public RecoverableSignature {
        if (s.compareTo(Secp256k1.HALF_N) > 0) {
            throw new IllegalArgumentException("s must be at most n/2 (EIP-2)");
        }
        if (recoveryId != 0 && recoveryId != 1) {
            throw new IllegalArgumentException("recovery id must be 0 or 1, was " + recoveryId);
        }
    }

    /**
     * @return web3j signature data with 32-byte {@code r} and {@code s} and {@code v} = 27 +
     *     recovery id, the form of {@code personal_sign} (EIP-191), EIP-712 and the input that
     *     web3j's transaction encoders expect
     */
    public Sign.SignatureData toMessageSignatureData() {
        return new Sign.SignatureData(
                (byte) (27 + recoveryId), Numeric.toBytesPadded(r, 32), Numeric.toBytesPadded(s, 32));
    }

    /**
     * @param chainId the EIP-155 chain id (positive)
     * @return {@code v = chainId * 2 + 35 + recoveryId} for a legacy transaction (EIP-155)
     */
    public BigInteger eip155V(long chainId) {
        return BigInteger.valueOf(chainId).shiftLeft(1).add(BigInteger.valueOf(35L + recoveryId));
    }

    /**
     * @return 65 bytes {@code r ‖ s ‖ v} with {@code v} 27 or 28, as {@code eth_sign},
     *     {@code personal_sign} and {@code eth_signTypedData_v4} return it
     */
    public byte[] toBytes65() {
        byte[] out = new byte[65];
        System.arraycopy(Numeric.toBytesPadded(r, 32), 0, out, 0, 32);
        System.arraycopy(Numeric.toBytesPadded(s, 32), 0, out, 32, 32);
        out[64] = (byte) (27 + recoveryId);
        return out;
    }
}
