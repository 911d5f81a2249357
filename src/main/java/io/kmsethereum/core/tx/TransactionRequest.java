package io.kmsethereum.core.tx;

import java.math.BigInteger;

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
        BigInteger maxPriorityFeePerGasWei) {

    /** Normalises {@code null} value and data to zero and empty. */
    public TransactionRequest {
        valueWei = valueWei == null ? BigInteger.ZERO : valueWei;
        data = data == null ? new byte[0] : data;
        type = type == null ? TransactionType.EIP1559 : type;
    }
}
