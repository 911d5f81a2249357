package io.kmsethereum.core;

/**
 * The KMS key cannot be used as an Ethereum account: it does not exist, the caller may not use
 * it, or it has the wrong key spec, the wrong key usage, or a state other than {@code Enabled}.
 * See the AWS KMS API reference for
 * <a href="https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html">DescribeKey</a>.
 */
public class KeyRejectedException extends KmsEthereumException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message which key, what is wrong with it, and what to change
     * @param cause the AWS error, or {@code null}
     */
    public KeyRejectedException(String message, Throwable cause) {
        super(Fault.USER, message, cause);
    }
}
