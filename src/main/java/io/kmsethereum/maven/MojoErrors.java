package io.kmsethereum.maven;

import io.kmsethereum.core.KmsEthereumException;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * The one place where core exceptions become Maven exceptions, decided by the
 * {@linkplain KmsEthereumException#fault() fault} each exception carries and nothing else: an
 * error the user can fix (bad input, an unusable key, a transaction the chain rejects or reverts,
 * no receipt in time) becomes a {@link MojoFailureException}; an error of the environment (KMS,
 * the node or the state store unreachable, a file that cannot be read or written, an interrupted
 * wait) a {@link MojoExecutionException}. The message is the core's sentence, which names the
 * parameter or key and says what to change; the core exception stays the cause.
 */
public final class MojoErrors {
    private MojoErrors() {}

    /**
     * @param e a core exception
     * @return the Maven exception to throw: {@link MojoFailureException} for
     *     {@link KmsEthereumException.Fault#USER}, {@link MojoExecutionException} for
     *     {@link KmsEthereumException.Fault#ENVIRONMENT}
     */
    public static Exception toMojoException(KmsEthereumException e) {
        return switch (e.fault()) {
            case USER -> new MojoFailureException(e.getMessage(), e);
            case ENVIRONMENT -> new MojoExecutionException(e.getMessage(), e);
        };
    }
}
