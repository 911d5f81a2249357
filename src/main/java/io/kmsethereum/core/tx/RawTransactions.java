package io.kmsethereum.core.tx;

import io.kmsethereum.core.InvalidInputException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.RawTransaction;
import org.web3j.utils.Numeric;

/**
 * Builds an unsigned web3j {@link RawTransaction} from a complete {@link TransactionRequest},
 * without any node: every field the envelope needs must be present.
 */
public final class RawTransactions {
    private RawTransactions() {}

    /**
     * @param request the parsed request
     * @return the unsigned transaction
     * @throws InvalidInputException naming every missing field at once, or a fee combination
     *     that cannot be valid (max priority fee above max fee)
     */
    public static RawTransaction build(TransactionRequest request) {
        checkComplete(request);
        return toRawTransaction(request);
    }

    /**
     * Checks that every field the envelope needs is present, without building it (EIP-7702
     * transactions are encoded by {@link SetCodeTransactions}).
     *
     * @param request the parsed request
     * @throws InvalidInputException naming every missing field at once
     */
    public static void checkComplete(TransactionRequest request) {
        List<String> missing = new ArrayList<>();
        if (request.chainId() == null) {
            missing.add("chainId");
        }
        if (request.nonce() == null) {
            missing.add("nonce");
        }
        if (request.gasLimit() == null) {
            missing.add("gasLimit");
        }
        TransactionType type = request.type();
        if (type.feeMarket()) {
            if (request.maxFeePerGasWei() == null) {
                missing.add("maxFeePerGas");
            }
            if (request.maxPriorityFeePerGasWei() == null) {
                missing.add("maxPriorityFeePerGas");
            }
        } else if (request.gasPriceWei() == null) {
            missing.add("gasPrice");
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException(
                    String.join(", ", missing),
                    "required when signing offline (no 'rpcUrl'): set " + String.join(", ", missing)
                            + (missing.size() == 1 ? "" : " (all of them)")
                            + ", or set 'rpcUrl' to fill them from a node");
        }
    }

    /**
     * Converts a request whose required fields are all present.
     *
     * @param request a complete request
     * @return the unsigned transaction
     * @throws InvalidInputException if the fields break a {@link TransactionRules} rule (e.g.
     *     the max priority fee above the max fee)
     * @throws IllegalArgumentException for an EIP-7702 request, which web3j cannot represent
     *     ({@link SetCodeTransactions} encodes it)
     */
    public static RawTransaction toRawTransaction(TransactionRequest request) {
        TransactionRules.check(request);
        String to = request.to() == null ? "" : request.to();
        String data = Numeric.toHexString(request.data());
        BigInteger value = request.valueWei();
        return switch (request.type()) {
            case LEGACY ->
                RawTransaction.createTransaction(
                        request.nonce(), request.gasPriceWei(), request.gasLimit(), to, value, data);
            case EIP2930 ->
                RawTransaction.createTransaction(
                        request.chainId(),
                        request.nonce(),
                        request.gasPriceWei(),
                        request.gasLimit(),
                        to,
                        value,
                        data,
                        request.accessList());
            case EIP7702 -> throw new IllegalArgumentException("web3j has no EIP-7702 type; use SetCodeTransactions");
            case EIP1559 ->
                RawTransaction.createTransaction(
                        request.chainId(),
                        request.nonce(),
                        request.gasLimit(),
                        to,
                        value,
                        data,
                        request.maxPriorityFeePerGasWei(),
                        request.maxFeePerGasWei(),
                        request.accessList());
        };
    }
}
