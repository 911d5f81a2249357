package io.kmsethereum.core.kms;

import io.kmsethereum.core.KeyRejectedException;
import io.kmsethereum.core.KmsEthereumException;
import io.kmsethereum.core.ServiceUnavailableException;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.kms.model.DisabledException;
import software.amazon.awssdk.services.kms.model.KmsException;
import software.amazon.awssdk.services.kms.model.KmsInvalidStateException;
import software.amazon.awssdk.services.kms.model.NotFoundException;

/**
 * Turns AWS SDK exceptions from KMS calls into the core's exceptions with a message that names
 * the key and says what to change. Error codes are those of the
 * <a href="https://docs.aws.amazon.com/kms/latest/APIReference/CommonErrors.html">KMS API</a>.
 */
final class KmsErrors {
    private KmsErrors() {}

    static KmsEthereumException map(String operation, String keyId, String where, SdkException e) {
        if (e instanceof NotFoundException) {
            return new KeyRejectedException(
                    "KMS key '" + keyId + "' was not found " + where
                            + ". Check 'keyId' (key id, key ARN, alias/<name> or alias ARN) and 'region'.",
                    e);
        }
        if (e instanceof DisabledException) {
            return new KeyRejectedException(
                    "KMS key '" + keyId + "' is disabled. Enable it"
                            + " (aws kms enable-key) or configure another 'keyId'.",
                    e);
        }
        if (e instanceof KmsInvalidStateException invalid) {
            return new KeyRejectedException(
                    "KMS key '" + keyId + "' is not in a usable state ("
                            + invalid.awsErrorDetails().errorMessage()
                            + "). A key pending deletion can be restored with aws kms cancel-key-deletion.",
                    e);
        }
        if (e instanceof KmsException kms) {
            String code =
                    kms.awsErrorDetails() == null ? "" : kms.awsErrorDetails().errorCode();
            if ("AccessDeniedException".equals(code)) {
                return new KeyRejectedException(
                        "Access to KMS key '" + keyId + "' was denied for " + operation
                                + ". Grant kms:DescribeKey, kms:GetPublicKey and kms:Sign on the key ARN to the build's role.",
                        e);
            }
            if (kms.statusCode() == 400 && code != null && code.contains("Signature")
                    || "UnrecognizedClientException".equals(code)
                    || "InvalidClientTokenId".equals(code)) {
                return new KeyRejectedException(
                        "AWS rejected the credentials for " + operation + " (" + code
                                + "). Check the credentials source ('profile', 'serverId' or the default chain).",
                        e);
            }
            if (kms.statusCode() >= 500 || kms.isThrottlingException()) {
                return new ServiceUnavailableException(
                        "KMS " + operation + " failed " + where + " with " + code + " after " + attempts(kms)
                                + "; try again later or raise 'maxAttempts'.",
                        e);
            }
            return new KeyRejectedException(
                    "KMS " + operation + " for key '" + keyId + "' failed: " + code + ": "
                            + (kms.awsErrorDetails() == null
                                    ? kms.getMessage()
                                    : kms.awsErrorDetails().errorMessage()),
                    e);
        }
        if (e instanceof SdkClientException) {
            // the SDK's credentials providers fail with a plain SdkClientException, as a network
            // error does; the providers of CredentialsSource put their rejection in as the cause
            Optional<KeyRejectedException> credentials = CredentialsSource.rejection(e);
            if (credentials.isPresent()) {
                return new KeyRejectedException(credentials.get().getMessage(), e);
            }
            String message = String.valueOf(e.getMessage());
            if (e instanceof software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException
                    || e instanceof software.amazon.awssdk.core.exception.ApiCallTimeoutException) {
                return new ServiceUnavailableException(
                        "KMS did not answer " + operation + " in time " + where + " (" + attempts(e)
                                + "). Check the network, or raise 'attemptTimeoutSeconds' or 'maxAttempts'.",
                        e);
            }
            return new ServiceUnavailableException(
                    "KMS could not be reached " + where + " for " + operation
                            + " after " + attempts(e) + ": " + message
                            + ". Check 'endpoint', 'region' and the network.",
                    e);
        }
        return new ServiceUnavailableException("KMS " + operation + " failed " + where + ": " + e.getMessage(), e);
    }

    private static String attempts(SdkException e) {
        int suppressed = e.numAttempts() == null ? 1 : e.numAttempts();
        return suppressed + (suppressed == 1 ? " attempt" : " attempts");
    }
}
