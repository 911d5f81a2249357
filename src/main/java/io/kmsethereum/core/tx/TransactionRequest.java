package io.kmsethereum.core.tx;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kmsethereum.core.signer.SignedAuthorization;
import java.math.BigInteger;
import java.util.List;
import org.web3j.crypto.AccessListObject;

/**
 * What the user asked to sign, already parsed into typed values. Fields that are {@code null}
 * are unknown: offline signing requires them, node-assisted signing fills them from the node.
 *
 * @param type the envelope
 * @param chainId chain id, or {@code null}
 * @param nonce account nonce, or {@code null}
 * @param to recipient address (EIP-55), or {@code null} for contract creation
 * @param valueWei amount in wei (never {@code null}; zero when not given)
 * @param data calldata or init code bytes (never {@code null}; empty when not given)
 * @param gasLimit gas limit, or {@code null}
 * @param gasPriceWei legacy / EIP-2930 gas price in wei, or {@code null}
 * @param maxFeePerGasWei EIP-1559 max fee per gas in wei, or {@code null}
 * @param maxPriorityFeePerGasWei EIP-1559 max priority fee per gas in wei, or {@code null}
 * @param accessList EIP-2930 access list (EIP-2930, EIP-1559 and EIP-7702 only; never
 *     {@code null}, empty when not given)
 * @param authorizationList the signed EIP-7702 authorizations (EIP-7702 only; never {@code null};
 *     empty until they are signed)
 */
public record TransactionRequest(
        TransactionType type,
        Long chainId,
        BigInteger nonce,
        String to,
        BigInteger valueWei,
        byte[] data,
        BigInteger gasLimit,
        BigInteger gasPriceWei,
        BigInteger maxFeePerGasWei,
        BigInteger maxPriorityFeePerGasWei,
        List<AccessListObject> accessList,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SignedAuthorization> authorizationList) {

    /** Normalises {@code null} value, data, access list and authorization list to zero and empty. */
    public TransactionRequest {
        valueWei = valueWei == null ? BigInteger.ZERO : valueWei;
        data = data == null ? new byte[0] : data;
        type = type == null ? TransactionType.EIP1559 : type;
        accessList = accessList == null ? List.of() : List.copyOf(accessList);
        authorizationList = authorizationList == null ? List.of() : List.copyOf(authorizationList);
    }

    /**
     * A request without authorizations.
     *
     * @param type the envelope
     * @param chainId chain id, or {@code null}
     * @param nonce account nonce, or {@code null}
     * @param to recipient (EIP-55), or {@code null} for contract creation
     * @param valueWei amount in wei
     * @param data calldata or init code
     * @param gasLimit gas limit, or {@code null}
     * @param gasPriceWei gas price in wei, or {@code null}
     * @param maxFeePerGasWei max fee per gas in wei, or {@code null}
     * @param maxPriorityFeePerGasWei max priority fee per gas in wei, or {@code null}
     * @param accessList EIP-2930 access list, or {@code null}
     */
    public TransactionRequest(
            TransactionType type,
            Long chainId,
            BigInteger nonce,
            String to,
            BigInteger valueWei,
            byte[] data,
            BigInteger gasLimit,
            BigInteger gasPriceWei,
            BigInteger maxFeePerGasWei,
            BigInteger maxPriorityFeePerGasWei,
            List<AccessListObject> accessList) {
        this(
                type,
                chainId,
                nonce,
                to,
                valueWei,
                data,
                gasLimit,
                gasPriceWei,
                maxFeePerGasWei,
                maxPriorityFeePerGasWei,
                accessList,
                List.of());
    }

    /**
     * A request without an access list.
     *
     * @param type the envelope
     * @param chainId chain id, or {@code null}
     * @param nonce account nonce, or {@code null}
     * @param to recipient (EIP-55), or {@code null} for contract creation
     * @param valueWei amount in wei
     * @param data calldata or init code
     * @param gasLimit gas limit, or {@code null}
     * @param gasPriceWei gas price in wei, or {@code null}
     * @param maxFeePerGasWei max fee per gas in wei, or {@code null}
     * @param maxPriorityFeePerGasWei max priority fee per gas in wei, or {@code null}
     */
    public TransactionRequest(
            TransactionType type,
            Long chainId,
            BigInteger nonce,
            String to,
            BigInteger valueWei,
            byte[] data,
            BigInteger gasLimit,
            BigInteger gasPriceWei,
            BigInteger maxFeePerGasWei,
            BigInteger maxPriorityFeePerGasWei) {
        this(
                type,
                chainId,
                nonce,
                to,
                valueWei,
                data,
                gasLimit,
                gasPriceWei,
                maxFeePerGasWei,
                maxPriorityFeePerGasWei,
                List.of());
    }

    /**
     * @param chainId the chain id
     * @param nonce the nonce
     * @param gasLimit the gas limit
     * @param gasPriceWei the gas price (legacy, EIP-2930)
     * @param maxFeePerGasWei the max fee per gas (EIP-1559)
     * @param maxPriorityFeePerGasWei the max priority fee per gas (EIP-1559)
     * @return a copy with these fields replaced (the rest unchanged)
     */
    public TransactionRequest withFields(
            Long chainId,
            BigInteger nonce,
            BigInteger gasLimit,
            BigInteger gasPriceWei,
            BigInteger maxFeePerGasWei,
            BigInteger maxPriorityFeePerGasWei) {
        return new TransactionRequest(
                type,
                chainId,
                nonce,
                to,
                valueWei,
                data,
                gasLimit,
                gasPriceWei,
                maxFeePerGasWei,
                maxPriorityFeePerGasWei,
                accessList,
                authorizationList);
    }

    /**
     * @param signed the signed EIP-7702 authorizations
     * @return a copy with this authorization list (the rest unchanged)
     */
    public TransactionRequest withAuthorizationList(List<SignedAuthorization> signed) {
        return new TransactionRequest(
                type,
                chainId,
                nonce,
                to,
                valueWei,
                data,
                gasLimit,
                gasPriceWei,
                maxFeePerGasWei,
                maxPriorityFeePerGasWei,
                accessList,
                signed);
    }

    /**
     * @param nonce the nonce to sign with
     * @return a copy with this nonce (the rest unchanged)
     */
    public TransactionRequest withNonce(BigInteger nonce) {
        return withFields(chainId, nonce, gasLimit, gasPriceWei, maxFeePerGasWei, maxPriorityFeePerGasWei);
    }

    /**
     * The most this transaction can take from its sender's balance, which is what a node checks
     * before it accepts the transaction: {@code gasLimit × maxFeePerGas + value} for EIP-1559 and
     * EIP-7702 (EIP-1559, "Specification": the sender's balance must cover
     * {@code gas_limit * max_fee_per_gas}, and the value on top), {@code gasLimit × gasPrice +
     * value} for legacy and EIP-2930 transactions. What is really paid is usually less: the gas
     * used times the effective gas price.
     *
     * @return that amount in wei
     * @throws IllegalStateException if the gas limit or the fee field of the type is not set
     */
    public BigInteger maxCostWei() {
        BigInteger fee = type.feeMarket() ? maxFeePerGasWei : gasPriceWei;
        if (gasLimit == null || fee == null) {
            throw new IllegalStateException("the transaction is not complete: gasLimit and the fee are needed");
        }
        return gasLimit.multiply(fee).add(valueWei);
    }
}
