package io.kmsethereum.core.tx;

import io.kmsethereum.core.KmsEthereumException;

/**
 * The sending account's balance cannot pay for the transactions a goal execution is about to
 * sign: found before the KMS {@code Sign}, so nothing was signed or sent.
 *
 * <p>Its fault is {@link Fault#USER}: the services work and a retry of the same build fails
 * again; the account's owner has to act (fund the account, or lower the value, gas limit or fee).
 * The account's funds are part of what the user controls, like the key and the parameters.
 */
public class InsufficientFundsException extends KmsEthereumException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message the account, the chain, what is needed, the balance, what is missing and how
     *     to fund it
     */
    public InsufficientFundsException(String message) {
        super(Fault.USER, message);
    }
}
