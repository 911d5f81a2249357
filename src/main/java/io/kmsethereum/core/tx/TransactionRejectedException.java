package io.kmsethereum.core.tx;

import io.kmsethereum.core.KmsEthereumException;

/**
 * The node refused a transaction before it was mined: nonce too low, insufficient funds, fee
 * too low (underpriced), gas limit out of bounds, wrong chain id. The message quotes the node and
 * says which parameter to change. Nothing was mined, so nothing was paid.
 */
public class TransactionRejectedException extends KmsEthereumException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what the node said and what to change
     * @param cause the node's error
     */
    public TransactionRejectedException(String message, Throwable cause) {
        super(Fault.USER, message, cause);
    }
}
