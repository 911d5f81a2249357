package io.kmsethereum.core.tx;

import java.util.List;

/**
 * A request whose missing fields were filled from the node, with a note per filled field.
 *
 * @param request the complete request, ready for {@link RawTransactions#toRawTransaction}
 * @param fromNode the fields that came from the node, in the order they were filled (empty when
 *     every field was given)
 */
public record FilledTransaction(TransactionRequest request, List<Field> fromNode) {

    /** Copies the list. */
    public FilledTransaction {
        fromNode = List.copyOf(fromNode);
    }

    /**
     * One field taken from the node.
     *
     * @param name the parameter name, e.g. {@code nonce}, {@code maxFeePerGas}
     * @param value the value as shown to the user (amounts with a unit)
     * @param source how it was obtained, e.g. {@code eth_getTransactionCount(pending)}
     */
    public record Field(String name, String value, String source) {
        @Override
        public String toString() {
            return name + " " + value + " (" + source + ")";
        }
    }
}
