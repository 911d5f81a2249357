package io.kmsethereum.core.tx;

import io.kmsethereum.core.KmsEthereumException;

/**
 * A call reverts: either the node's gas estimate found that it would (nothing was signed or
 * sent), or the transaction was mined with status 0 (its fee was paid, its effects undone).
 * {@link #reason()} is the revert reason where the node gave one.
 */
public class TransactionRevertedException extends KmsEthereumException {
    private static final long serialVersionUID = 1L;

    private final String reason;
    private final transient Receipt receipt;

    /**
     * @param message what reverted, the reason, and what to change
     * @param reason the decoded revert reason, or {@code null}
     * @param receipt the receipt of the mined transaction, or {@code null} when it was only
     *     estimated
     * @param cause the node's error, or {@code null}
     */
    public TransactionRevertedException(String message, String reason, Receipt receipt, Throwable cause) {
        super(Fault.USER, message, cause);
        this.reason = reason;
        this.receipt = receipt;
    }

    /** @return the revert reason, or {@code null} when the node gave none */
    public String reason() {
        return reason;
    }

    /** @return the receipt (status 0) when the transaction was mined, else {@code null} */
    public Receipt receipt() {
        return receipt;
    }
}
