package io.kmsethereum.core.safe;

import io.kmsethereum.core.KmsEthereumException;

/**
 * The {@code execTransaction} transaction was mined, but the Safe did not report the Safe
 * transaction as executed ({@code ExecutionSuccess} for its hash).
 */
public class SafeExecutionException extends KmsEthereumException {
    private static final long serialVersionUID = 1L;

    /** @param message what the receipt showed and what to do */
    public SafeExecutionException(String message) {
        super(Fault.USER, message);
    }
}
