package io.kmsethereum.core.store;

import io.kmsethereum.core.KmsEthereumException;

/**
 * The state store failed or holds something the plugin cannot use: a bucket that does not exist,
 * access denied, S3 unreachable after the SDK's retries, a record that does not parse, a record
 * written by a newer version of the plugin. Raised before anything is signed whenever the store is
 * read before signing (it always is for a broadcast). The message names the store, the record and
 * what to do.
 */
public class StateStoreException extends KmsEthereumException {
    private static final long serialVersionUID = 1L;

    /**
     * @param fault {@link Fault#USER} for configuration (missing bucket, access denied, a newer
     *     record format), {@link Fault#ENVIRONMENT} for an unreachable or failing store and for
     *     files that cannot be read or written
     * @param message which store and record, what was tried, what to do
     * @param cause the underlying error, or {@code null}
     */
    public StateStoreException(Fault fault, String message, Throwable cause) {
        super(fault, message, cause);
    }
}
