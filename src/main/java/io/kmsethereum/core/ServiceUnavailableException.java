package io.kmsethereum.core;

/**
 * A service the build depends on (AWS KMS or the Ethereum JSON-RPC node) could not be reached or
 * kept failing after the configured retries. Nothing about the user's input is known to be wrong.
 */
public class ServiceUnavailableException extends KmsEthereumException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message which service, what was tried (and how often), and what to check
     * @param cause the underlying error
     */
    public ServiceUnavailableException(String message, Throwable cause) {
        super(Fault.ENVIRONMENT, message, cause);
    }
}
