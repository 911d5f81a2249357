package io.kmsethereum.core;

/**
 * Base of every error the core raises. Each subclass says who can fix it: the user (bad input,
 * a key that cannot sign, a transaction the chain rejects) or the environment (a service that
 * cannot be reached). The Maven layer maps the former to {@code MojoFailureException} and the
 * latter to {@code MojoExecutionException}.
 *
 * <p>Messages are complete sentences that name the thing at fault and say what to change; they
 * never contain credentials.
 */
public class KmsEthereumException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong and what to do about it
     */
    public KmsEthereumException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong and what to do about it
     * @param cause the underlying error, kept for {@code -e} stack traces
     */
    public KmsEthereumException(String message, Throwable cause) {
        super(message, cause);
    }
}
