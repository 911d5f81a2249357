package io.kmsethereum.core.deploy;

import io.kmsethereum.core.KmsEthereumException;

/**
 * The contract's ownership could not be handed over, or was not: the deployer is not its owner
 * before the transfer, or {@code owner()} (or, for two-step ownership, {@code pendingOwner()}) is
 * not the new owner after the transfer succeeded.
 */
public class OwnershipTransferException extends KmsEthereumException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the contract, what {@code owner()} answered and what to do
     */
    public OwnershipTransferException(String message) {
        super(Fault.USER, message);
    }
}
