package io.kmsethereum.core.tx;

import io.kmsethereum.core.InvalidInputException;
import java.math.BigInteger;
import java.util.List;

/**
 * The rules a transaction's fields must follow among themselves, each written once: which fee
 * fields and access lists a transaction type takes (EIP-2718 envelopes: legacy, EIP-2930,
 * EIP-1559, EIP-7702), that the max priority fee does not exceed the max fee (EIP-1559), and that a chain
 * id is positive (EIP-155). {@link TransactionInput} applies them to what the user configured,
 * before any node or KMS call; {@link RawTransactions} again to the request it encodes, since a
 * request can also be built directly (as a library user does).
 */
final class TransactionRules {
    private TransactionRules() {}

    /**
     * @param request a request, complete or not ({@code null} fields are not checked)
     * @return the request
     * @throws InvalidInputException naming the first field that breaks a rule: {@code chainId},
     *     {@code gasPrice}, {@code maxFeePerGas}, {@code maxPriorityFeePerGas} or
     *     {@code accessList}
     */
    static TransactionRequest check(TransactionRequest request) {
        chainId(request.chainId());
        fees(request.type(), request.gasPriceWei(), request.maxFeePerGasWei(), request.maxPriorityFeePerGasWei());
        accessList(request.type(), request.accessList());
        return request;
    }

    private static void chainId(Long chainId) {
        if (chainId != null && chainId <= 0) {
            throw new InvalidInputException("chainId", "must be positive (EIP-155), was " + chainId);
        }
    }

    private static void fees(TransactionType type, BigInteger gasPrice, BigInteger maxFee, BigInteger maxPriority) {
        if (type.feeMarket() && gasPrice != null) {
            throw new InvalidInputException(
                    "gasPrice",
                    "applies to legacy and eip2930 transactions; for " + type.id() + " set"
                            + " maxFeePerGas and maxPriorityFeePerGas instead (or txType=legacy)");
        }
        if (!type.feeMarket() && (maxFee != null || maxPriority != null)) {
            throw new InvalidInputException(
                    maxFee != null ? "maxFeePerGas" : "maxPriorityFeePerGas",
                    "applies to eip1559 and eip7702 transactions only; for " + type.id() + " set gasPrice instead");
        }
        if (maxFee != null && maxPriority != null && maxPriority.compareTo(maxFee) > 0) {
            throw new InvalidInputException(
                    "maxPriorityFeePerGas",
                    "is higher than maxFeePerGas; a node rejects such a transaction. Lower it or raise maxFeePerGas");
        }
    }

    private static void accessList(TransactionType type, List<?> accessList) {
        if (type == TransactionType.LEGACY && !accessList.isEmpty()) {
            throw new InvalidInputException(
                    "accessList",
                    "applies to eip2930 and eip1559 transactions only; remove it"
                            + " or set txType to eip2930 or eip1559");
        }
    }
}
