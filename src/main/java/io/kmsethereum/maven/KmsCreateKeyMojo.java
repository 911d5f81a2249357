package io.kmsethereum.maven;

import io.kmsethereum.core.Json;
import io.kmsethereum.core.kms.KeyProvisioner;
import io.kmsethereum.core.kms.KmsConnection;
import io.kmsethereum.core.kms.KmsKey;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Provisions an Ethereum account in AWS KMS: a customer managed key with key spec
 * {@code ECC_SECG_P256K1} and key usage {@code SIGN_VERIFY} under an alias. Idempotent: when the
 * alias already names a suitable key, that key is reused and no second key is created. Prints the
 * address and a least-privilege IAM policy ({@code kms:DescribeKey}, {@code kms:GetPublicKey},
 * {@code kms:Sign} on the key ARN), and can write both to a JSON file.
 *
 * @since 0.1.0
 */
@Mojo(name = "kms-create-key", requiresProject = false, threadSafe = true)
public class KmsCreateKeyMojo extends AbstractKmsMojo {

    /**
     * Alias of the key, {@code alias/<name>}. The alias is how builds name the account
     * ({@code kms.keyId=alias/<name>}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.alias")
    private String alias;

    /**
     * Description of a new key.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.description", defaultValue = "Ethereum account (kms-ethereum-maven-plugin)")
    private String description = "Ethereum account (kms-ethereum-maven-plugin)";

    /**
     * Tags for a new key, e.g. {@code <tags><team>release</team></tags>}. Tags of an existing key
     * are left as they are.
     *
     * @since 0.1.0
     */
    @Parameter
    private Map<String, String> tags = new LinkedHashMap<>();

    /**
     * Create a multi-Region primary key.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.multiRegion", defaultValue = "false")
    private boolean multiRegion;

    /**
     * Optional JSON file for {@code keyArn}, {@code alias}, {@code address}, {@code created} and
     * the IAM {@code policy}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.createKey.outputFile")
    private File outputFile;

    /**
     * Skip this goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.createKey.skip", defaultValue = "false")
    private boolean skipCreateKey;

    /**
     * @param settingsDecrypter decrypts settings.xml passwords
     */
    @Inject
    public KmsCreateKeyMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected String goalName() {
        return "kms-create-key";
    }

    @Override
    protected boolean isGoalSkipped() {
        return skipCreateKey;
    }

    @Override
    protected void process() throws MojoExecutionException {
        KmsConnection connection = connection();
        KeyProvisioner.Result result = KeyProvisioner.provision(buildContext().client(connection),
                alias == null ? null : alias.trim(), description, tags == null ? Map.of() : tags, multiRegion,
                where(connection));
        KmsKey key = result.key();
        getLog().info((result.created() ? "Created KMS key " : "Reusing KMS key ") + key.keyArn() + " for " + alias
                + (result.created() ? "" : " (the alias already exists; no key was created)"));
        getLog().info("Ethereum address: " + key.address());
        String policy = new String(Json.toBytes(KeyProvisioner.signingPolicy(key.keyArn())), StandardCharsets.UTF_8);
        getLog().info("Least-privilege IAM policy for signing with this key:\n" + policy.stripTrailing());
        setProperty("kms.address", key.address());
        setProperty("kms.keyArn", key.keyArn());
        if (outputFile != null) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("keyArn", key.keyArn());
            json.put("alias", alias);
            json.put("address", key.address());
            json.put("created", result.created());
            json.put("policy", KeyProvisioner.signingPolicy(key.keyArn()));
            writeAtomically(outputFile, Json.toBytes(json));
            getLog().info("Wrote " + outputFile);
        }
    }
}
