package io.kmsethereum.core.tx;

import io.kmsethereum.core.KmsEthereumException;
import io.kmsethereum.core.input.Amounts;
import io.kmsethereum.core.rpc.NodeClient;
import io.kmsethereum.core.rpc.RpcErrorException;
import java.math.BigInteger;
import java.util.Locale;

/**
 * Turns a node's refusal of a transaction into a message that says what to change. The node's
 * wording is matched loosely: geth's txpool errors ({@code core/txpool/errors.go},
 * {@code core/error.go}) and the same texts as Anvil, Besu, Nethermind and Erigon word them.
 */
final class NodeErrors {
    /** The kinds of refusal the plugin knows how to explain. */
    enum Kind {
        ALREADY_KNOWN,
        NONCE_TOO_LOW,
        INSUFFICIENT_FUNDS,
        REPLACEMENT_UNDERPRICED,
        UNDERPRICED,
        INTRINSIC_GAS,
        GAS_LIMIT_TOO_HIGH,
        CHAIN_ID,
        FEE_CAP,
        OTHER
    }

    private NodeErrors() {}

    /**
     * @param message the node's error message
     * @return its kind
     */
    static Kind classify(String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (m.contains("already known")
                || m.contains("known transaction")
                || m.contains("already imported")
                || m.contains("alreadyknown")
                || m.contains("already in pool")
                || m.contains("already exists")) {
            return Kind.ALREADY_KNOWN;
        }
        if (m.contains("nonce too low")
                || m.contains("nonce is too low")
                || m.contains("oldnonce")
                || m.contains("nonce has already been used")) {
            return Kind.NONCE_TOO_LOW;
        }
        if (m.contains("insufficient funds") || m.contains("insufficient balance") || m.contains("insufficientfunds")) {
            return Kind.INSUFFICIENT_FUNDS;
        }
        if (m.contains("replacement") && m.contains("underpriced")) {
            return Kind.REPLACEMENT_UNDERPRICED;
        }
        if (m.contains("underpriced")
                || m.contains("less than block base fee")
                || m.contains("lower than the base fee")
                || m.contains("gas price too low")
                || m.contains("fee too low")
                || m.contains("feecap too low")
                || m.contains("max fee per gas less than")
                || m.contains("tip higher than")
                || m.contains("priority fee")) {
            return Kind.UNDERPRICED;
        }
        if (m.contains("intrinsic gas") || m.contains("gas too low") || m.contains("out of gas")) {
            return Kind.INTRINSIC_GAS;
        }
        if (m.contains("exceeds block gas limit")
                || m.contains("gas limit reached")
                || m.contains("exceeds the block gas")
                || m.contains("gas limit too high")) {
            return Kind.GAS_LIMIT_TOO_HIGH;
        }
        if (m.contains("chain id") || m.contains("chainid") || m.contains("invalid sender")) {
            return Kind.CHAIN_ID;
        }
        if (m.contains("exceeds the configured cap") || m.contains("fee cap")) {
            return Kind.FEE_CAP;
        }
        return Kind.OTHER;
    }

    /**
     * @param e the error of {@code eth_sendRawTransaction}
     * @param tx the transaction that was sent
     * @param node the node, for follow-up questions (next nonce, balance)
     * @return the exception to throw
     */
    static TransactionRejectedException forSend(RpcErrorException e, SignedTransaction tx, NodeClient node) {
        BigInteger nonce = new BigInteger(tx.nonce());
        BigInteger gasLimit = new BigInteger(tx.gasLimit());
        BigInteger feePerGas = new BigInteger(tx.maxFeePerGas() != null ? tx.maxFeePerGas() : tx.gasPrice());
        String feeName = tx.maxFeePerGas() != null ? "maxFeePerGas" : "gasPrice";
        String head = "The node at " + node.describe() + " rejected transaction " + tx.hash() + " (nonce " + nonce
                + " from " + tx.from() + "): \"" + e.rpcMessage() + "\". Nothing was mined. ";
        String advice = switch (classify(e.rpcMessage())) {
            case NONCE_TOO_LOW ->
                "Nonce " + nonce + " is already used" + nextNonce(node, tx.from())
                        + ". Remove 'nonce' to take the pending nonce from the node, or set it to the next unused one";
            case INSUFFICIENT_FUNDS -> funds(node, tx.from(), new BigInteger(tx.value()), gasLimit, feePerGas, feeName);
            case REPLACEMENT_UNDERPRICED ->
                "Another transaction with nonce " + nonce + " is pending. To replace it, raise "
                        + feeName + (tx.maxFeePerGas() != null ? " and maxPriorityFeePerGas" : "")
                        + " by at least 10 %; otherwise wait for it to be mined and remove 'nonce'";
            case UNDERPRICED ->
                "The fee is too low for the node (" + feeName + " " + Amounts.format(feePerGas)
                        + "). Raise " + feeName + (tx.maxFeePerGas() != null ? " (and maxPriorityFeePerGas)" : "")
                        + ", or remove the fee parameters to take them from the node";
            case INTRINSIC_GAS ->
                "gasLimit " + gasLimit + " is too low for this transaction. Raise gasLimit, or remove it"
                        + " to use the node's estimate";
            case GAS_LIMIT_TOO_HIGH ->
                "gasLimit " + gasLimit + " is above the block gas limit. Lower gasLimit, or remove"
                        + " it to use the node's estimate";
            case CHAIN_ID ->
                "The node does not accept chain id " + tx.chainId() + ". Set chainId to the node's chain id"
                        + " (eth_chainId), or remove it to take it from the node";
            case FEE_CAP ->
                "The total fee (gasLimit × " + feeName + ") exceeds the node's fee cap. Lower gasLimit or " + feeName
                        + ", or raise the node's cap (geth --rpc.txfeecap)";
            case ALREADY_KNOWN, OTHER -> "Check the transaction's fields against the node's message";
        };
        return new TransactionRejectedException(head + advice, e);
    }

    /**
     * @param e an error of {@code eth_estimateGas} that is not a revert
     * @param request the request being filled
     * @param from the sender
     * @param node the node
     * @return the exception to throw
     */
    static KmsEthereumException forEstimate(
            RpcErrorException e, TransactionRequest request, String from, NodeClient node) {
        String head =
                "The node at " + node.describe() + " could not estimate gas for this transaction (eth_estimateGas: \""
                        + e.rpcMessage() + "\"); nothing was signed or sent. ";
        if (classify(e.rpcMessage()) == Kind.INSUFFICIENT_FUNDS) {
            return new TransactionRejectedException(head + funds(node, from, request.valueWei(), null, null, null), e);
        }
        return new TransactionRejectedException(
                head + "Check to, data or function/arguments and value; set gasLimit to skip" + " the estimate", e);
    }

    private static String nextNonce(NodeClient node, String from) {
        try {
            return " (the node's next nonce for " + from + " is " + node.transactionCount(from, "pending") + ")";
        } catch (KmsEthereumException ignored) {
            return "";
        }
    }

    private static String funds(
            NodeClient node, String from, BigInteger value, BigInteger gasLimit, BigInteger feePerGas, String feeName) {
        String balance;
        try {
            balance = Amounts.format(node.balance(from, "latest"));
        } catch (KmsEthereumException ignored) {
            balance = "too little";
        }
        if (gasLimit == null) {
            return from + " has " + balance + ", not enough for value " + Amounts.format(value) + " plus gas. Fund "
                    + from + " or lower value";
        }
        BigInteger cost = value.add(gasLimit.multiply(feePerGas));
        return from + " has " + balance + " but the transaction can cost up to " + Amounts.format(cost) + " (value "
                + Amounts.format(value) + " + gasLimit " + gasLimit + " × " + feeName + " " + Amounts.format(feePerGas)
                + "). Fund " + from + ", or lower value, gasLimit or " + feeName;
    }
}
