package io.kmsethereum.maven;

import io.kmsethereum.core.AtomicFiles;
import io.kmsethereum.core.FileAccessException;
import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.KmsEthereumException;
import io.kmsethereum.core.crypto.Addresses;
import io.kmsethereum.core.kms.CredentialsSource;
import io.kmsethereum.core.kms.KmsConnection;
import io.kmsethereum.core.kms.KmsKey;
import io.kmsethereum.core.signer.KmsSigner;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * The template every goal follows: {@link #execute()} checks the skip flags, turns the shared
 * key and AWS parameters into a {@link KmsConnection}, calls {@link #process()}, and maps core
 * exceptions to Maven ones in one place ({@link MojoErrors}).
 */
public abstract class AbstractKmsMojo extends AbstractMojo {
    static {
        // before any AWS SDK or web3j class creates its logger: no secrets under -X
        SdkLogging.quietSecretBearingLoggers();
    }

    /**
     * The KMS key: key id, key ARN, alias ({@code alias/name}) or alias ARN. The key must have
     * key spec {@code ECC_SECG_P256K1} and key usage {@code SIGN_VERIFY}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.keyId")
    protected String keyId;

    /**
     * AWS region of the key, e.g. {@code eu-west-1}. Default: the AWS SDK's region chain
     * ({@code AWS_REGION}, the profile's region, instance metadata).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.region")
    protected String region;

    /**
     * KMS endpoint override, e.g. {@code http://localhost:4566} for LocalStack. The SDK also
     * honours the {@code AWS_ENDPOINT_URL} environment variable.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.endpoint")
    protected String endpoint;

    /**
     * Named profile from {@code ~/.aws/config} / {@code ~/.aws/credentials} to take credentials
     * (and, unless {@code region} is set, the region) from.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.profile")
    protected String profile;

    /**
     * Id of a {@code <server>} in {@code settings.xml} whose username is the AWS access key id
     * and whose password (encrypted the Maven way, or plain) is the secret access key. An
     * optional {@code <passphrase>} is taken as the session token.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.serverId")
    protected String serverId;

    /**
     * Fail unless the key's Ethereum address equals this one (pins the account, so a wrong
     * {@code keyId} cannot sign).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.expectedAddress")
    protected String expectedAddress;

    /**
     * Time limit for one HTTP attempt to KMS, in seconds.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.attemptTimeoutSeconds", defaultValue = "10")
    protected int attemptTimeoutSeconds = 10;

    /**
     * Attempts per KMS call, the first included; throttling, 5xx and connection errors are
     * retried with exponential backoff and jitter (the AWS SDK standard retry strategy).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.maxAttempts", defaultValue = "5")
    protected int maxAttempts = 5;

    /**
     * Skip every goal of this plugin.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.skip", defaultValue = "false")
    protected boolean skip;

    /** The current build session. */
    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    /** The current project. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    private final SettingsDecrypter settingsDecrypter;

    /**
     * @param settingsDecrypter decrypts {@code settings.xml} server passwords
     */
    protected AbstractKmsMojo(SettingsDecrypter settingsDecrypter) {
        this.settingsDecrypter = settingsDecrypter;
    }

    /**
     * Checks skip flags, then runs {@link #process()} and maps its errors.
     *
     * @throws MojoFailureException on input the user must change
     * @throws MojoExecutionException when KMS, the node or the file system fails
     */
    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || isGoalSkipped()) {
            getLog().info("Skipping " + goalName() + " (" + (skip ? "kms.skip" : goalSkipProperty(goalName())) + ")");
            return;
        }
        try {
            process();
            if (getLog().isDebugEnabled()) {
                getLog().debug("KMS calls in this build so far: "
                        + buildContext().calls().describe());
            }
        } catch (KmsEthereumException e) {
            Exception mapped = MojoErrors.toMojoException(e);
            if (mapped instanceof MojoFailureException f) {
                throw f;
            }
            throw (MojoExecutionException) mapped;
        }
    }

    /**
     * The property of a goal's own skip flag, by the plugin's naming rule: {@code kms-address}
     * has {@code kms.address.skip}, {@code kms-create-key} has {@code kms.createKey.skip}.
     *
     * @param goal the goal name, {@code kms-} followed by dash-separated words
     * @return {@code kms.<goal in camel case without kms->.skip}
     */
    static String goalSkipProperty(String goal) {
        String[] words = goal.replaceFirst("^kms-", "").split("-");
        StringBuilder property = new StringBuilder("kms.").append(words[0]);
        for (int i = 1; i < words.length; i++) {
            property.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return property.append(".skip").toString();
    }

    /**
     * @return the goal name, e.g. {@code kms-address}
     */
    protected abstract String goalName();

    /**
     * @return whether the goal's own skip flag is set
     */
    protected abstract boolean isGoalSkipped();

    /**
     * The goal's work.
     *
     * @throws MojoExecutionException on I/O and infrastructure failures
     * @throws MojoFailureException on user errors not raised as core exceptions
     */
    protected abstract void process() throws MojoExecutionException, MojoFailureException;

    /**
     * @return the build context (per-session caches)
     */
    protected KmsBuildContext buildContext() {
        return KmsBuildContext.of(session);
    }

    /**
     * Builds the connection from {@code region}, {@code endpoint}, {@code profile},
     * {@code serverId} and the timeouts, and logs where credentials come from.
     *
     * @return the connection
     * @throws InvalidInputException if a parameter is malformed or the server id is unknown
     */
    protected KmsConnection connection() {
        URI endpointUri = null;
        if (endpoint != null && !endpoint.isBlank()) {
            try {
                endpointUri = new URI(endpoint.trim());
            } catch (URISyntaxException e) {
                throw new InvalidInputException(
                        "endpoint", "'" + endpoint + "' is not a URL; use e.g. http://localhost:4566");
            }
            if (endpointUri.getScheme() == null
                    || endpointUri.getHost() == null
                    || !(endpointUri.getScheme().equals("http")
                            || endpointUri.getScheme().equals("https"))) {
                throw new InvalidInputException(
                        "endpoint", "'" + endpoint + "' is not an http(s) URL; use e.g. http://localhost:4566");
            }
        }
        if (attemptTimeoutSeconds < 1) {
            throw new InvalidInputException(
                    "attemptTimeoutSeconds", "must be at least 1 second, was " + attemptTimeoutSeconds);
        }
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new InvalidInputException("maxAttempts", "must be between 1 and 20, was " + maxAttempts);
        }
        CredentialsSource credentials = credentials();
        Duration attempt = Duration.ofSeconds(attemptTimeoutSeconds);
        Duration call = attempt.multipliedBy(maxAttempts).plusSeconds(30);
        return new KmsConnection(blankToNull(region), endpointUri, credentials, attempt, call, maxAttempts);
    }

    private CredentialsSource credentials() {
        if (serverId != null && !serverId.isBlank()) {
            if (profile != null && !profile.isBlank()) {
                throw new InvalidInputException(
                        "serverId",
                        "is set together with 'profile'; choose one credentials source:"
                                + " remove kms.serverId (settings.xml keys) or kms.profile (AWS profile)");
            }
            Server server = session == null || session.getSettings() == null
                    ? null
                    : session.getSettings().getServer(serverId);
            if (server == null) {
                throw new InvalidInputException(
                        "serverId",
                        "no <server> with id '" + serverId
                                + "' in settings.xml; add one with the access key id as <username> and the secret key as <password>");
            }
            SettingsDecryptionResult result = settingsDecrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
            for (SettingsProblem problem : result.getProblems()) {
                if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                    throw new InvalidInputException(
                            "serverId",
                            "the password of server '" + serverId
                                    + "' could not be decrypted ("
                                    + problem.getMessage().replaceAll("\\{.*\\}", "{…}")
                                    + "); check settings-security.xml");
                }
            }
            Server decrypted = result.getServer();
            if (decrypted.getUsername() == null || decrypted.getPassword() == null) {
                throw new InvalidInputException(
                        "serverId",
                        "server '" + serverId
                                + "' needs <username> (access key id) and <password> (secret access key)");
            }
            String token = blankToNull(decrypted.getPassphrase());
            CredentialsSource source = CredentialsSource.explicit(
                    "settings.xml server '" + serverId + "'", decrypted.getUsername(), decrypted.getPassword(), token);
            getLog().info("AWS credentials: " + source.describe());
            return source;
        }
        CredentialsSource source = profile != null && !profile.isBlank()
                ? CredentialsSource.profile(profile.trim())
                : CredentialsSource.defaultChain();
        getLog().info("AWS credentials: " + source.describe());
        return source;
    }

    /**
     * Resolves and checks the key (once per build) and applies {@code expectedAddress}.
     *
     * @return a signer for the configured key
     * @throws InvalidInputException if {@code keyId} is missing or the address differs from
     *     {@code expectedAddress}
     */
    protected KmsSigner signer() {
        if (keyId == null || keyId.isBlank()) {
            throw new InvalidInputException(
                    "keyId", "is required: set <keyId> or -Dkms.keyId to a key id, key ARN, alias/<name> or alias ARN");
        }
        String expected = expectedAddress == null || expectedAddress.isBlank()
                ? null
                : Addresses.parse(expectedAddress, "expectedAddress");
        KmsConnection connection = connection();
        String where = where(connection);
        KmsKey key = buildContext().key(connection, keyId.trim(), where);
        if (expected != null && !Addresses.same(expected, key.address())) {
            throw new InvalidInputException(
                    "expectedAddress",
                    "the key '" + keyId + "' has address " + key.address() + ", not " + expected
                            + ". Check kms.keyId, or update expectedAddress if the account really changed");
        }
        return new KmsSigner(buildContext().client(connection), key, where);
    }

    /**
     * @param connection the connection
     * @return a short description of where KMS calls go, for messages
     */
    protected static String where(KmsConnection connection) {
        StringBuilder sb = new StringBuilder();
        sb.append("in region ").append(connection.region() == null ? "(default chain)" : connection.region());
        if (connection.endpoint() != null) {
            sb.append(" at ").append(connection.endpoint());
        }
        return sb.toString();
    }

    /**
     * Writes a file atomically (temp file in the same directory, then move).
     *
     * @param file the target
     * @param content the bytes
     * @throws MojoExecutionException on I/O errors
     */
    protected static void writeAtomically(File file, byte[] content) throws MojoExecutionException {
        try {
            AtomicFiles.write(file.toPath(), content);
        } catch (FileAccessException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    /**
     * Sets a project property (and, for the command line, a session user property is not
     * touched).
     *
     * @param name the property name
     * @param value the value
     */
    protected void setProperty(String name, String value) {
        if (name != null && !name.isBlank() && project != null) {
            project.getProperties().setProperty(name, value);
        }
    }

    /**
     * @param s a string
     * @return {@code null} for null or blank, else trimmed
     */
    protected static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
