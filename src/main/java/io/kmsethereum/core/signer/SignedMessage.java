package io.kmsethereum.core.signer;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.kmsethereum.core.crypto.RecoverableSignature;
import org.web3j.utils.Numeric;

/**
 * A signed message as {@code kms-sign-message} logs and writes it. Hex values are {@code 0x}
 * prefixed.
 *
 * @param type {@code eip191} ({@code personal_sign}) or {@code eip712} ({@code eth_signTypedData_v4})
 * @param address the signer (EIP-55)
 * @param message the text, the bytes as hex, or (EIP-712) the primary type
 * @param digest the 32-byte digest that was signed
 * @param signature 65 bytes {@code r ‖ s ‖ v}, {@code v} 27 or 28
 * @param r 32 bytes
 * @param s 32 bytes, low-s (EIP-2)
 * @param v 27 or 28
 */
@JsonPropertyOrder({"type", "address", "message", "digest", "signature", "r", "s", "v"})
public record SignedMessage(
        String type, String address, String message, String digest, String signature, String r, String s, int v) {

    /**
     * Signs a message digest with one KMS {@code Sign} call.
     *
     * @param signer the KMS signer
     * @param digest what to sign ({@link MessageInput#digest()})
     * @return the signed message
     */
    public static SignedMessage sign(KmsSigner signer, MessageInput.Digest digest) {
        RecoverableSignature signature = signer.signDigest(digest.digest());
        return new SignedMessage(
                digest.kind(),
                signer.getAddress(),
                digest.message(),
                Numeric.toHexString(digest.digest()),
                Numeric.toHexString(signature.toBytes65()),
                Numeric.toHexStringWithPrefixZeroPadded(signature.r(), 64),
                Numeric.toHexStringWithPrefixZeroPadded(signature.s(), 64),
                27 + signature.recoveryId());
    }
}
