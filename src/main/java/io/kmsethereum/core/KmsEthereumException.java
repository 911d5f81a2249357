package io.kmsethereum.core;

/**
 * Base of every error the core raises. Each subclass says who can fix it: the user (bad input,
 * a key that cannot sign, a transaction the chain rejects) or the environment (a service that
 * cannot be reached), as its {@link #fault()}. The Maven layer maps the former to
 * {@code MojoFailureException} and the latter to {@code MojoExecutionException}, by that field
 * alone.
 *
 * <p>Messages are complete sentences that name the thing at fault and say what to change; they
 * never contain credentials.
 */
public class KmsEthereumException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Who can fix an error: it decides how the build reports it, and nothing else does. */
    public enum Fault {
        /**
         * The user: a parameter, the key, the account's funds, the contract, or a transaction the
         * chain rejects. Maven reports it as a build failure ({@code MojoFailureException}).
         */
        USER,
        /**
         * The environment: KMS, the node or the state store unreachable or failing, a local file
         * that cannot be read or written, an interrupted wait. Maven reports it as an execution
         * error ({@code MojoExecutionException}).
         */
        ENVIRONMENT
    }

    private final Fault fault;

    /**
     * @param fault who can fix it
     * @param message what went wrong and what to do about it
     */
    public KmsEthereumException(Fault fault, String message) {
        super(message);
        this.fault = java.util.Objects.requireNonNull(fault, "fault");
    }

    /**
     * @param fault who can fix it
     * @param message what went wrong and what to do about it
     * @param cause the underlying error, kept for {@code -e} stack traces
     */
    public KmsEthereumException(Fault fault, String message, Throwable cause) {
        super(message, cause);
        this.fault = java.util.Objects.requireNonNull(fault, "fault");
    }

    /**
     * @return who can fix this error
     */
    public Fault fault() {
        return fault;
    }
}
