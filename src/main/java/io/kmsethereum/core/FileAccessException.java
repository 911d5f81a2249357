package io.kmsethereum.core;

/**
 * A local file the build needs (an output file, the deployment ledger) could not be written or
 * read for a reason outside the user's input: permissions, a full disk, a directory in the way.
 */
public class FileAccessException extends KmsEthereumException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message which file, what was tried, and what to check
     * @param cause the I/O error
     */
    public FileAccessException(String message, Throwable cause) {
        super(Fault.ENVIRONMENT, message, cause);
    }
}
