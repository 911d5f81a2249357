package io.kmsethereum.core.safe;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * A Safe transaction ({@code SafeTx}): what the Safe's owners sign and {@code execTransaction}
 * executes. Its hash is the EIP-712 hash the Safe contracts 1.3.0 and later compute in
 * {@code getTransactionHash} (and {@code encodeTransactionData}): domain
 * {@code EIP712Domain(uint256 chainId,address verifyingContract)} with the Safe's address as
 * verifying contract, and the struct
 * {@code SafeTx(address to,uint256 value,bytes data,uint8 operation,uint256 safeTxGas,uint256 baseGas,uint256 gasPrice,address gasToken,address refundReceiver,uint256 nonce)},
 * the same type in 1.3.0 and 1.4.1 (Safe 1.0.0 to 1.2.0 have a domain without chain id; they are
 * refused by {@link SafeState}).
 *
 * <p>Quantities are written as decimal strings in JSON (so that 256-bit values survive readers
 * with 53-bit numbers), {@code data} as {@code 0x} hex, addresses in EIP-55 form.
 *
 * @param to the call's target
 * @param value wei sent with the call
 * @param data the call's data, {@code 0x} hex ({@code 0x} for none)
 * @param operation 0 CALL, 1 DELEGATECALL
 * @param safeTxGas gas for the inner call (0: all that is left, and a failing call reverts the
 *     whole transaction)
 * @param baseGas gas paid for outside the inner call, for the refund (0: no refund)
 * @param gasPrice the refund's gas price in {@code gasToken} (0: no refund)
 * @param gasToken the refund's token (the zero address: ether)
 * @param refundReceiver who gets the refund (the zero address: {@code tx.origin})
 * @param nonce the Safe's nonce this transaction is for
 */
@JsonPropertyOrder({
    "to",
    "value",
    "data",
    "operation",
    "safeTxGas",
    "baseGas",
    "gasPrice",
    "gasToken",
    "refundReceiver",
    "nonce"
})
public record SafeTransaction(
        String to,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger value,
        String data,
        int operation,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger safeTxGas,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger baseGas,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger gasPrice,
        String gasToken,
        String refundReceiver,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger nonce) {

    /** The zero address: no gas token (ether), no refund receiver ({@code tx.origin}). */
    public static final String ZERO_ADDRESS = "0x0000000000000000000000000000000000000000";

    /** {@code Enum.Operation.Call}. */
    public static final int CALL = 0;

    /** {@code Enum.Operation.DelegateCall}. */
    public static final int DELEGATECALL = 1;

    /** keccak256 of the EIP-712 domain type of Safe 1.3.0 and later. */
    public static final byte[] DOMAIN_SEPARATOR_TYPEHASH =
            Hash.sha3("EIP712Domain(uint256 chainId,address verifyingContract)".getBytes(StandardCharsets.US_ASCII));

    /** keccak256 of the {@code SafeTx} type (Safe 1.3.0 and 1.4.1). */
    public static final byte[] SAFE_TX_TYPEHASH =
            Hash.sha3(("SafeTx(address to,uint256 value,bytes data,uint8 operation,uint256 safeTxGas,uint256 baseGas,"
                            + "uint256 gasPrice,address gasToken,address refundReceiver,uint256 nonce)")
                    .getBytes(StandardCharsets.US_ASCII));

    /** Checks the components' shape (not the values' meaning, which {@link SafeRequest} checks). */
    public SafeTransaction {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(safeTxGas, "safeTxGas");
        Objects.requireNonNull(baseGas, "baseGas");
        Objects.requireNonNull(gasPrice, "gasPrice");
        Objects.requireNonNull(gasToken, "gasToken");
        Objects.requireNonNull(refundReceiver, "refundReceiver");
        Objects.requireNonNull(nonce, "nonce");
        if (operation != CALL && operation != DELEGATECALL) {
            throw new IllegalArgumentException("operation must be 0 (call) or 1 (delegatecall), was " + operation);
        }
    }

    /**
     * @param nonce another Safe nonce
     * @return this transaction for that nonce
     */
    public SafeTransaction withNonce(BigInteger nonce) {
        return new SafeTransaction(
                to, value, data, operation, safeTxGas, baseGas, gasPrice, gasToken, refundReceiver, nonce);
    }

    /** @return {@link #data} as bytes */
    @JsonIgnore
    public byte[] dataBytes() {
        return Numeric.hexStringToByteArray(data);
    }

    /**
     * @param chainId the chain the Safe is on
     * @param safe the Safe's address (the domain's verifying contract)
     * @return the EIP-712 domain separator: keccak256(abi.encode(typehash, chainId, safe))
     */
    public static byte[] domainSeparator(long chainId, String safe) {
        return keccakOfEncoded(List.of(
                new Bytes32(DOMAIN_SEPARATOR_TYPEHASH), new Uint256(BigInteger.valueOf(chainId)), new Address(safe)));
    }

    /**
     * @return the struct hash: keccak256(abi.encode(SAFE_TX_TYPEHASH, to, value, keccak256(data),
     *     operation, safeTxGas, baseGas, gasPrice, gasToken, refundReceiver, nonce))
     */
    public byte[] structHash() {
        return keccakOfEncoded(List.of(
                new Bytes32(SAFE_TX_TYPEHASH),
                new Address(to),
                new Uint256(value),
                new Bytes32(Hash.sha3(dataBytes())),
                new Uint8(operation),
                new Uint256(safeTxGas),
                new Uint256(baseGas),
                new Uint256(gasPrice),
                new Address(gasToken),
                new Address(refundReceiver),
                new Uint256(nonce)));
    }

    /**
     * The {@code safeTxHash}: what each owner signs and what the Safe's
     * {@code getTransactionHash} returns.
     *
     * @param chainId the chain the Safe is on
     * @param safe the Safe's address
     * @return 32 bytes: keccak256(0x19 ‖ 0x01 ‖ domainSeparator ‖ structHash) (EIP-712)
     */
    public byte[] hash(long chainId, String safe) {
        byte[] domain = domainSeparator(chainId, safe);
        byte[] struct = structHash();
        byte[] message = new byte[2 + 32 + 32];
        message[0] = 0x19;
        message[1] = 0x01;
        System.arraycopy(domain, 0, message, 2, 32);
        System.arraycopy(struct, 0, message, 34, 32);
        return Hash.sha3(message);
    }

    /**
     * @param chainId the chain the Safe is on
     * @param safe the Safe's address
     * @return {@link #hash} as {@code 0x} hex (66 characters)
     */
    public String hashHex(long chainId, String safe) {
        return Numeric.toHexString(hash(chainId, safe));
    }

    @SuppressWarnings("rawtypes")
    private static byte[] keccakOfEncoded(List<Type> values) {
        return Hash.sha3(Numeric.hexStringToByteArray(FunctionEncoder.encodeConstructor(values)));
    }
}
