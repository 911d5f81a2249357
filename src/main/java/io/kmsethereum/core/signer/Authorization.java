package io.kmsethereum.core.signer;

import io.kmsethereum.core.crypto.Addresses;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import org.web3j.crypto.Hash;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.utils.Numeric;

/**
 * An unsigned EIP-7702 authorization: the account that signs it lets its code be {@code address}'s
 * ({@code 0xef0100 || address}; the zero address clears it) on chain {@code chainId} (0: every
 * chain), while its nonce is {@code nonce}. The signature is over {@link #digest()}:
 * {@code keccak256(0x05 || rlp([chain_id, address, nonce]))}
 * (<a href="https://eips.ethereum.org/EIPS/eip-7702">EIP-7702</a>, "Set code transaction").
 *
 * @param chainId the chain on which it is valid, 0 for every chain; below 2²⁵⁶
 * @param address the delegate, EIP-55; the zero address revokes a delegation
 * @param nonce the authority's account nonce at the moment the authorization is processed; below
 *     2⁶⁴ − 1 (EIP-7702 rejects 2⁶⁴ − 1, which could not be incremented)
 */
public record Authorization(BigInteger chainId, String address, BigInteger nonce) {
    /** The byte that starts an authorization's signed payload (EIP-7702 {@code MAGIC}). */
    public static final byte MAGIC = 0x05;

    /** The zero address: an authorization to it clears the account's delegation. */
    public static final String REVOKE = "0x0000000000000000000000000000000000000000";

    /** The largest nonce an authorization may carry: 2⁶⁴ − 2. */
    public static final BigInteger MAX_NONCE = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.TWO);

    private static final BigInteger CHAIN_ID_LIMIT = BigInteger.ONE.shiftLeft(256);

    /**
     * @throws IllegalArgumentException if the chain id or nonce is out of EIP-7702's bounds
     * @throws io.kmsethereum.core.InvalidInputException ({@code address}) if the address is not
     *     20 bytes of hex
     */
    public Authorization {
        Objects.requireNonNull(chainId, "chainId");
        Objects.requireNonNull(nonce, "nonce");
        if (chainId.signum() < 0 || chainId.compareTo(CHAIN_ID_LIMIT) >= 0) {
            throw new IllegalArgumentException("authorization chain id must be in [0, 2^256), was " + chainId);
        }
        if (nonce.signum() < 0 || nonce.compareTo(MAX_NONCE) > 0) {
            throw new IllegalArgumentException("authorization nonce must be in [0, 2^64 - 2], was " + nonce);
        }
        address = Addresses.parse(address, "address");
    }

    /**
     * @return whether this authorization clears the delegation (its address is the zero address)
     */
    public boolean revokes() {
        return Addresses.same(address, REVOKE);
    }

    /**
     * @return the RLP list {@code [chain_id, address, nonce]} (integers without leading zeros)
     */
    RlpList rlpFields() {
        return new RlpList(List.of(
                RlpString.create(chainId),
                RlpString.create(Numeric.hexStringToByteArray(address)),
                RlpString.create(nonce)));
    }

    /**
     * @return the 32 bytes an authority signs: {@code keccak256(0x05 || rlp([chain_id, address, nonce]))}
     */
    public byte[] digest() {
        byte[] rlp = RlpEncoder.encode(rlpFields());
        byte[] payload = new byte[rlp.length + 1];
        payload[0] = MAGIC;
        System.arraycopy(rlp, 0, payload, 1, rlp.length);
        return Hash.sha3(payload);
    }
}
