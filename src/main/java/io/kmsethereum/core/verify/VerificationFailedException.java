package io.kmsethereum.core.verify;

import io.kmsethereum.core.KmsEthereumException;

/**
 * At least one verifier did not verify a contract (and {@code failOnVerificationError} is on).
 * The fault is the user's when a verifier refused the input (its reason is in the message), the
 * environment's when verifiers were only unreachable or too slow.
 */
public class VerificationFailedException extends KmsEthereumException {
    private static final long serialVersionUID = 1L;

    /**
     * @param fault who can fix it
     * @param message every failure with the verifier's own reason, and what to do
     */
    public VerificationFailedException(Fault fault, String message) {
        super(fault, message);
    }
}
