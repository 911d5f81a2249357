package io.kmsethereum.core.deploy;

import io.kmsethereum.core.KmsEthereumException;

/**
 * The deployment transaction was mined and succeeded, yet no contract code is at the address it
 * should have created (the receipt names no contract, or {@code eth_getCode} is empty there).
 */
public class DeploymentFailedException extends KmsEthereumException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the transaction, the address checked and what to look at
     */
    public DeploymentFailedException(String message) {
        super(Fault.USER, message);
    }
}
