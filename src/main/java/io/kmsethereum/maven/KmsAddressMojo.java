package io.kmsethereum.maven;

import io.kmsethereum.core.Json;
import io.kmsethereum.core.kms.KmsKey;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Resolves the KMS key's Ethereum address (EIP-55), logs it, sets a project property and
 * optionally writes JSON with {@code keyArn}, {@code keySpec}, {@code publicKey} and
 * {@code address}. It does what the {@code status} operation of the sample Lambda function does
 * in the AWS Database Blog series
 * <a href="https://aws.amazon.com/blogs/database/part1-use-aws-kms-to-securely-manage-ethereum-accounts/">Use
 * AWS KMS to securely manage Ethereum accounts</a>.
 *
 * @since 0.1.0
 */
@Mojo(name = "kms-address", defaultPhase = LifecyclePhase.VALIDATE, threadSafe = true)
public class KmsAddressMojo extends AbstractKmsMojo {

    /**
     * Project property that receives the address.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.address.property", defaultValue = "kms.address")
    private String addressProperty = "kms.address";

    /**
     * Optional JSON file to write {@code keyArn}, {@code keySpec}, {@code publicKey} (64-byte
     * x‖y hex) and {@code address} to.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.address.outputFile")
    private File outputFile;

    /**
     * Skip this goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.address.skip", defaultValue = "false")
    private boolean skipAddress;

    /**
     * @param settingsDecrypter decrypts settings.xml passwords
     */
    @Inject
    public KmsAddressMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected boolean isGoalSkipped() {
        return skipAddress;
    }

    @Override
    protected void process() throws MojoExecutionException {
        KmsKey key = signer().getKey();
        getLog().info("KMS key " + key.keyArn() + " is Ethereum address " + key.address());
        setProperty(addressProperty, key.address());
        if (outputFile != null) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("keyArn", key.keyArn());
            json.put("keySpec", key.keySpec());
            json.put("publicKey", key.publicKeyHex());
            json.put("address", key.address());
            writeAtomically(outputFile, Json.toBytes(json));
            getLog().info("Wrote " + outputFile);
        }
    }
}
