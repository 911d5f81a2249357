package io.kmsethereum.core.tx;

import io.kmsethereum.core.KmsEthereumException;

/**
 * No receipt (or not enough confirmations) arrived within the receipt timeout. The transaction
 * was sent and may still be mined later; the message gives its hash and nonce.
 */
public class ReceiptTimeoutException extends KmsEthereumException {
    private static final long serialVersionUID = 1L;

    private final String transactionHash;

    /**
     * @param message what was awaited, for how long, and what to do
     * @param transactionHash the hash of the transaction that was sent
     */
    public ReceiptTimeoutException(String message, String transactionHash) {
        super(Fault.USER, message);
        this.transactionHash = transactionHash;
    }

    /** @return the hash of the transaction that was sent */
    public String transactionHash() {
        return transactionHash;
    }
}
