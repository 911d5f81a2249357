package io.kmsethereum.maven;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.Json;
import io.kmsethereum.core.crypto.Addresses;
import io.kmsethereum.core.kms.KeyProvisioner;
import io.kmsethereum.core.kms.KmsConnection;
import io.kmsethereum.core.kms.KmsKey;
import io.kmsethereum.core.store.S3StateStore;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
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
 * address and a least-privilege IAM policy ({@code kms:DescribeKey} and {@code kms:GetPublicKey} on
 * the key ARN, and {@code kms:Sign} on it only with {@code kms:SigningAlgorithm}
 * {@code ECDSA_SHA_256} and {@code kms:MessageType} {@code DIGEST}, as the plugin signs), and can
 * write both to a JSON file. With
 * {@code expectedAddress} the goal only checks: it reuses the alias if its address matches and
 * never creates a key (a new key would have a new address).
 *
 * <p>Needs {@code kms:CreateKey}, {@code kms:CreateAlias}, {@code kms:TagResource} (with tags),
 * {@code kms:DescribeKey} and {@code kms:GetPublicKey}; run it with an administrator's
 * credentials, not the pipeline's signing role.
 *
 * @since 0.1.0
 */
@Mojo(name = "kms-create-key", requiresProject = false, threadSafe = true)
public class KmsCreateKeyMojo extends AbstractKmsMojo {

    /**
     * Alias of the key, {@code alias/<name>}. The alias is how builds name the account
     * ({@code kms.keyId=alias/<name>}). When it is not set and {@code keyId} is an alias
     * ({@code alias/<name>}), that alias is used, so a POM that names its account with
     * {@code kms.keyId} can provision it without repeating the name.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.alias")
    private String alias;

    /**
     * Description of a new key (the KMS key's {@code Description}; an existing key keeps its own).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.description", defaultValue = "Ethereum account (kms-ethereum-maven-plugin)")
    private String description = "Ethereum account (kms-ethereum-maven-plugin)";

    /**
     * Tags for a new key, e.g. {@code <tags><team>release</team></tags>} (tag keys must not start
     * with {@code aws:}). Tags of an existing key are left as they are.
     *
     * @since 0.1.0
     */
    @Parameter
    private Map<String, String> tags = new LinkedHashMap<>();

    /**
     * Create a multi-Region primary key, which can later be replicated to other regions with the
     * same key material and so the same address (see
     * <a href="https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html">multi-Region
     * keys</a>). Only for a new key; an existing key keeps what it is.
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
     * The state store the signing builds will use ({@code s3://bucket[/prefix]}, as their
     * {@code stateStore}): the printed policy then also grants {@code s3:GetObject} and
     * {@code s3:PutObject} on its records and {@code s3:ListBucket} on the bucket, limited to
     * the prefix. Empty: the policy covers the key only.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.stateStore")
    private String stateStore;

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
    protected boolean isGoalSkipped() {
        return skipCreateKey;
    }

    @Override
    protected void process() throws MojoExecutionException {
        String name = blankToNull(alias);
        if (name == null && keyId != null && keyId.trim().startsWith("alias/")) {
            name = keyId.trim();
        }
        List<Map<String, Object>> storeStatements = blankToNull(stateStore) == null
                ? List.of()
                : S3StateStore.iamStatements(S3StateStore.Location.parse(stateStore, "stateStore"));
        String expected =
                blankToNull(expectedAddress) == null ? null : Addresses.parse(expectedAddress, "expectedAddress");
        KmsConnection connection = connection();
        KeyProvisioner.Result result = KeyProvisioner.provision(
                buildContext().client(connection),
                name,
                description,
                tags == null ? Map.of() : tags,
                multiRegion,
                expected == null,
                where(connection));
        KmsKey key = result.key();
        getLog().info(
                        result.created()
                                ? "Created KMS key " + key.keyArn() + " ("
                                        + (multiRegion ? "multi-Region primary, " : "")
                                        + "ECC_SECG_P256K1, SIGN_VERIFY) under " + name
                                : "Reusing KMS key " + key.keyArn() + " for " + name
                                        + " (the alias already exists; no key was created)");
        getLog().info("Ethereum address: " + key.address());
        if (expected != null && !Addresses.same(expected, key.address())) {
            throw new InvalidInputException(
                    "expectedAddress",
                    name + " is KMS key " + key.keyArn() + " with address "
                            + key.address() + ", not " + expected
                            + ". Check the alias, or update expectedAddress if the"
                            + " account really changed");
        }
        Map<String, Object> iamPolicy = KeyProvisioner.signingPolicy(key.keyArn(), storeStatements);
        String policy = new String(Json.toBytes(iamPolicy), StandardCharsets.UTF_8);
        getLog().info("Least-privilege IAM policy for signing with this key"
                + (storeStatements.isEmpty() ? "" : " and the state store " + stateStore.trim()) + ":\n"
                + policy.stripTrailing());
        setProperty("kms.address", key.address());
        setProperty("kms.keyArn", key.keyArn());
        if (outputFile != null) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("keyArn", key.keyArn());
            json.put("alias", name);
            json.put("address", key.address());
            json.put("created", result.created());
            json.put("policy", iamPolicy);
            writeAtomically(outputFile, Json.toBytes(json));
            getLog().info("Wrote " + outputFile);
        }
    }
}
