package io.kmsethereum.core.safe;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.kmsethereum.core.crypto.Addresses;
import io.kmsethereum.core.crypto.RecoverableSignature;
import io.kmsethereum.core.store.Records;
import java.math.BigInteger;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * One owner's signature of one Safe transaction, as written to the signatures location (one JSON
 * file per owner and {@code safeTxHash}) and read back by the other owners' builds.
 *
 * <p>The signature is an ECDSA signature of the {@code safeTxHash} itself (no EIP-191 prefix:
 * the digest is the EIP-712 hash), 65 bytes {@code r ‖ s ‖ v} with {@code v} 27 or 28: the form
 * the Safe's {@code checkNSignatures} verifies with {@code ecrecover(dataHash, v, r, s)} (Safe
 * docs, "Signatures": ECDSA signature, {@code v > 30} would mean an {@code eth_sign} signature).
 *
 * @param schema the record format ({@link Records#SCHEMA})
 * @param signer the owner who signed, EIP-55
 * @param safeTxHash the signed hash, {@code 0x} hex
 * @param chainId the chain the Safe is on
 * @param safe the Safe, EIP-55
 * @param nonce the Safe nonce the transaction is for
 * @param signature 65 bytes {@code r ‖ s ‖ v} as {@code 0x} hex
 * @param transaction the signed transaction's fields
 */
@JsonPropertyOrder({"schema", "signer", "safeTxHash", "chainId", "safe", "nonce", "signature", "transaction"})
public record SafeSignature(
        int schema,
        String signer,
        String safeTxHash,
        long chainId,
        String safe,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger nonce,
        String signature,
        SafeTransaction transaction) {

    /** Orders signatures as {@code checkNSignatures} requires: by owner address, ascending. */
    public static final Comparator<SafeSignature> BY_OWNER =
            Comparator.comparing(s -> s.signer().toLowerCase(Locale.ROOT));

    /**
     * @param signer the owner who signed
     * @param chainId the chain
     * @param safe the Safe
     * @param transaction the transaction
     * @param signature the KMS signature of the transaction's hash
     * @return the record
     */
    public static SafeSignature of(
            String signer, long chainId, String safe, SafeTransaction transaction, RecoverableSignature signature) {
        return new SafeSignature(
                Records.SCHEMA,
                signer,
                transaction.hashHex(chainId, safe),
                chainId,
                safe,
                transaction.nonce(),
                Numeric.toHexString(signature.toBytes65()),
                transaction);
    }

    /**
     * @return the address {@code ecrecover} finds for {@link #safeTxHash} and the signature,
     *     EIP-55, or {@code null} when the signature is malformed or is not an ECDSA signature of
     *     the hash itself ({@code v} other than 27 or 28)
     */
    public String recover() {
        byte[] bytes;
        try {
            bytes = Numeric.hexStringToByteArray(signature);
        } catch (RuntimeException e) {
            return null;
        }
        if (bytes.length != 65 || (bytes[64] != 27 && bytes[64] != 28) || safeTxHash == null) {
            return null;
        }
        BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(bytes, 0, 32));
        BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(bytes, 32, 64));
        try {
            BigInteger key = Sign.recoverFromSignature(
                    bytes[64] - 27, new ECDSASignature(r, s), Numeric.hexStringToByteArray(safeTxHash));
            return key == null ? null : Addresses.fromPublicKey(Numeric.toBytesPadded(key, 64));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Why this signature cannot count for a transaction, or {@code null} when it can. The
     * checks, in order: chain, Safe, nonce (a signature for a nonce below the Safe's is stale:
     * that nonce's transaction was executed or replaced), hash, the file's own consistency (its
     * fields hash to its {@code safeTxHash}) and its signature (recovers to its signer).
     *
     * @param chainId the Safe's chain
     * @param safe the Safe
     * @param safeTxHash the hash being collected for
     * @param safeNonce the Safe's current nonce
     * @return the problem, or {@code null}
     */
    public String problem(long chainId, String safe, String safeTxHash, BigInteger safeNonce) {
        if (this.chainId != chainId) {
            return "is for chain " + this.chainId + ", but the Safe is on chain " + chainId;
        }
        if (!Addresses.same(this.safe, safe)) {
            return "is for the Safe " + this.safe + ", not " + safe;
        }
        if (nonce == null || transaction == null || signer == null || this.safeTxHash == null) {
            return "lacks signer, safeTxHash, nonce or transaction (it is not a Safe signature of this plugin)";
        }
        if (nonce.compareTo(safeNonce) < 0) {
            return "is for Safe nonce " + nonce + ", but the Safe's nonce is " + safeNonce
                    + ": that nonce's transaction was executed or replaced, so the signature is stale";
        }
        if (!this.safeTxHash.equalsIgnoreCase(safeTxHash)) {
            return "is for the Safe transaction " + this.safeTxHash + " (nonce " + nonce + "), not " + safeTxHash
                    + " (another transaction, or other gas or refund fields)";
        }
        if (!transaction.hashHex(chainId, safe).equalsIgnoreCase(this.safeTxHash)
                || transaction.nonce().compareTo(nonce) != 0) {
            return "holds transaction fields that do not hash to its safeTxHash (it was changed after signing)";
        }
        String recovered = recover();
        if (recovered == null) {
            return "holds no 65-byte ECDSA signature of the hash with v 27 or 28";
        }
        if (!Addresses.same(recovered, signer)) {
            return "has a signature that recovers to " + recovered + ", not to its signer " + signer
                    + " (changed after signing)";
        }
        return null;
    }

    /**
     * The {@code signatures} argument of {@code execTransaction}: the signatures concatenated in
     * ascending order of their owners' addresses.
     *
     * @param signatures valid signatures, one per owner
     * @return {@code 65 × n} bytes
     */
    public static byte[] concatenate(List<SafeSignature> signatures) {
        List<SafeSignature> sorted = signatures.stream().sorted(BY_OWNER).toList();
        byte[] out = new byte[65 * sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            System.arraycopy(Numeric.hexStringToByteArray(sorted.get(i).signature()), 0, out, 65 * i, 65);
        }
        return out;
    }
}
