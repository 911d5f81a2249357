package io.kmsethereum.maven;

import io.kmsethereum.core.Json;
import io.kmsethereum.core.signer.KmsSigner;
import io.kmsethereum.core.signer.MessageInput;
import io.kmsethereum.core.signer.SignedMessage;
import java.io.File;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Signs a message with the KMS key: EIP-191 {@code personal_sign} of {@code message} (text, or
 * bytes when {@code 0x}-prefixed) or {@code messageFile}, or EIP-712
 * {@code eth_signTypedData_v4} of {@code typedDataFile}. The signature is 65 bytes
 * {@code r ‖ s ‖ v} with {@code v} 27 or 28, as wallets return it; it goes to the log, the
 * property {@code kms.signature} and optionally a JSON file.
 *
 * @since 0.1.0
 */
@Mojo(name = "kms-sign-message", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class KmsSignMessageMojo extends AbstractKmsMojo {

    /**
     * The message: text (signed as UTF-8), or bytes written as {@code 0x} hex. Signed as EIP-191
     * version {@code 0x45}: Keccak-256 of {@code "\x19Ethereum Signed Message:\n" + length + message}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.message")
    private String message;

    /**
     * A file whose bytes, as they are, are the EIP-191 message.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.messageFile")
    private File messageFile;

    /**
     * An EIP-712 typed data JSON file ({@code types} with {@code EIP712Domain}, {@code primaryType},
     * {@code domain}, {@code message}), signed as {@code eth_signTypedData_v4} does.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.typedDataFile")
    private File typedDataFile;

    /**
     * Project property that receives the signature (65 bytes hex).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.signMessage.signatureProperty", defaultValue = "kms.signature")
    private String signatureProperty = "kms.signature";

    /**
     * Optional JSON file for {@code type}, {@code address}, {@code message}, {@code digest},
     * {@code signature}, {@code r}, {@code s} and {@code v}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.signMessage.outputFile")
    private File outputFile;

    /**
     * Skip this goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.signMessage.skip", defaultValue = "false")
    private boolean skipSignMessage;

    /**
     * @param settingsDecrypter decrypts settings.xml passwords
     */
    @Inject
    public KmsSignMessageMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected boolean isGoalSkipped() {
        return skipSignMessage;
    }

    @Override
    protected void process() throws MojoExecutionException {
        MessageInput.Digest digest = new MessageInput(
                        message,
                        messageFile == null ? null : messageFile.toPath(),
                        typedDataFile == null ? null : typedDataFile.toPath())
                .digest();
        KmsSigner signer = signer();
        SignedMessage signed = SignedMessage.sign(signer, digest);
        getLog().info("Signed " + digest.description() + " with " + signed.address() + " (digest " + signed.digest()
                + ")");
        getLog().info("Signature: " + signed.signature());
        setProperty(signatureProperty, signed.signature());
        if (outputFile != null) {
            writeAtomically(outputFile, Json.toBytes(signed));
            getLog().info("Wrote " + outputFile);
        }
    }
}
