package io.kmsethereum.core;

/**
 * A signature returned by KMS is malformed or does not verify against the key's public key.
 * Such a signature is never output. Seeing this means KMS answered for another key or the
 * answer was corrupted; re-running is safe because nothing was sent.
 */
public class SignatureCheckException extends KmsEthereumException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what check failed
     */
    public SignatureCheckException(String message) {
        super(Fault.ENVIRONMENT, message);
    }

    /**
     * @param message what check failed
     * @param cause the parse error
     */
    public SignatureCheckException(String message, Throwable cause) {
        super(Fault.ENVIRONMENT, message, cause);
    }
}
