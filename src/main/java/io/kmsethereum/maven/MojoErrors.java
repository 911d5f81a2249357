package io.kmsethereum.maven;

import io.kmsethereum.core.FileAccessException;
import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.KeyRejectedException;
import io.kmsethereum.core.KmsEthereumException;
import io.kmsethereum.core.ServiceUnavailableException;
import io.kmsethereum.core.SignatureCheckException;
import io.kmsethereum.core.rpc.RpcErrorException;
import io.kmsethereum.core.tx.ReceiptTimeoutException;
import io.kmsethereum.core.tx.TransactionRejectedException;
import io.kmsethereum.core.tx.TransactionRevertedException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * The one place where core exceptions become Maven exceptions. Problems the user can fix in the
 * configuration or the key (bad input, an unusable key, a transaction the chain rejects) become
 * {@link MojoFailureException}; problems of the environment (KMS or the node unreachable or
 * answering a JSON-RPC error to a plain query, I/O) become {@link MojoExecutionException}. A
 * transaction the node refuses ({@link TransactionRejectedException}), one that reverts
 * ({@link TransactionRevertedException}) and one without a receipt in time
 * ({@link ReceiptTimeoutException}) are failures: the message says which parameter to change. The message is the core's sentence, which names
 * the parameter or key and says what to change.
 */
public final class MojoErrors {
    private MojoErrors() {}

    /**
     * @param e a core exception
     * @return the Maven exception to throw
     */
    public static Exception toMojoException(KmsEthereumException e) {
        if (e instanceof ServiceUnavailableException
                || e instanceof SignatureCheckException
                || e instanceof RpcErrorException
                || e instanceof FileAccessException) {
            return new MojoExecutionException(e.getMessage(), e);
        }
        if (e instanceof InvalidInputException
                || e instanceof KeyRejectedException
                || e instanceof TransactionRejectedException
                || e instanceof TransactionRevertedException
                || e instanceof ReceiptTimeoutException) {
            return new MojoFailureException(e.getMessage(), e);
        }
        return new MojoFailureException(e.getMessage(), e);
    }
}
