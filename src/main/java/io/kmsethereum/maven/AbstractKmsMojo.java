package io.kmsethereum.maven;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.crypto.Addresses;
import io.kmsethereum.core.kms.CredentialsSource;
import io.kmsethereum.core.kms.KmsConnection;
import io.kmsethereum.core.kms.KmsEndpoints;
import io.kmsethereum.core.kms.KmsKey;
import io.kmsethereum.core.rpc.JsonRpcNodeClient;
import io.kmsethereum.core.rpc.NodeClient;
import io.kmsethereum.core.rpc.RpcUrls;
import io.kmsethereum.core.signer.KmsSigner;
import io.kmsethereum.core.signer.KmsSigners;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Base of the goals that use the KMS key: the key and AWS parameters ({@code keyId},
 * {@code region}, {@code endpoint}, credentials, timeouts), turned into a {@link KmsConnection}
 * and a {@link KmsSigner}. The skip flags and the error mapping are {@link AbstractPluginMojo}'s;
 * credentials from {@code settings.xml} are {@link MavenSettingsServerCredentials}'.
 */
public abstract class AbstractKmsMojo extends AbstractPluginMojo {

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
     * KMS keys besides {@code keyId} that sign in this execution: key ids, key ARNs, aliases or
     * alias ARNs, in the same region, endpoint and credentials as {@code keyId}, each checked like
     * it (key spec, key usage, enabled); no key may be listed twice or be {@code keyId}'s. On the
     * command line, comma-separated: {@code -Dkms.additionalKeyIds=alias/a,alias/b}. Read by
     * {@code kms-sign} with {@code txType=eip7702}, where each key's account authorizes
     * {@code delegate}; the other goals do not use it.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.additionalKeyIds")
    protected List<String> additionalKeyIds;

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
    @Parameter(
            property = "kms.attemptTimeoutSeconds",
            defaultValue = "" + KmsConnection.DEFAULT_ATTEMPT_TIMEOUT_SECONDS)
    protected int attemptTimeoutSeconds = KmsConnection.DEFAULT_ATTEMPT_TIMEOUT_SECONDS;

    /**
     * Attempts per KMS call, the first included; throttling, 5xx and connection errors are
     * retried with exponential backoff and jitter (the AWS SDK standard retry strategy).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.maxAttempts", defaultValue = "" + KmsConnection.DEFAULT_MAX_ATTEMPTS)
    protected int maxAttempts = KmsConnection.DEFAULT_MAX_ATTEMPTS;

    private final SettingsDecrypter settingsDecrypter;

    /**
     * @param settingsDecrypter decrypts {@code settings.xml} server passwords
     */
    protected AbstractKmsMojo(SettingsDecrypter settingsDecrypter) {
        this.settingsDecrypter = settingsDecrypter;
    }

    /**
     * Builds the connection from {@code region}, {@code endpoint}, {@code profile},
     * {@code serverId} and the timeouts, creates its client (once per build), and logs where the
     * credentials actually came from (once per build and source; never a secret).
     *
     * @return the connection
     * @throws InvalidInputException if a parameter is malformed, the server id is unknown or no
     *     region is configured anywhere
     * @throws io.kmsethereum.core.KeyRejectedException if no credentials are found
     */
    protected KmsConnection connection() {
        URI endpointUri = KmsEndpoints.parse(endpoint, "endpoint");
        KmsConnection connection =
                KmsConnection.of(blankToNull(region), endpointUri, credentials(), attemptTimeoutSeconds, maxAttempts);
        String source = buildContext().credentialsToAnnounce(connection);
        if (source != null) {
            getLog().info("AWS credentials: " + source);
        }
        return connection;
    }

    private CredentialsSource credentials() {
        if (serverId != null && !serverId.isBlank()) {
            if (profile != null && !profile.isBlank()) {
                throw new InvalidInputException(
                        "serverId",
                        "is set together with 'profile'; choose one credentials source:"
                                + " remove 'serverId' (settings.xml keys) or 'profile' (AWS profile)");
            }
            return settingsServers().awsCredentials(serverId.trim(), "serverId");
        }
        return profile != null && !profile.isBlank()
                ? CredentialsSource.profile(profile.trim())
                : CredentialsSource.defaultChain();
    }

    /**
     * @return the {@code <server>} entries of this build's {@code settings.xml}, decrypted on use
     */
    MavenSettingsServerCredentials settingsServers() {
        return new MavenSettingsServerCredentials(session, settingsDecrypter);
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
                    "keyId", "is required: set it to a key id, key ARN, alias/<name> or alias ARN");
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
                            + ". Check 'keyId', or update expectedAddress if the account really changed");
        }
        return new KmsSigner(buildContext().client(connection), key, where);
    }

    /**
     * The keys of this execution: {@code keyId}'s signer ({@link #signer()}) and one per entry of
     * {@code additionalKeyIds}, each resolved and checked once per build, in {@code keyId}'s
     * connection.
     *
     * @return the signers
     * @throws InvalidInputException ({@code additionalKeyIds}) if a key is listed twice or is
     *     {@code keyId}'s
     * @throws io.kmsethereum.core.KeyRejectedException if a key cannot sign for Ethereum
     */
    protected KmsSigners signers() {
        KmsSigner primary = signer();
        KmsConnection connection = connection();
        String where = where(connection);
        return KmsSigners.resolve(
                primary,
                additionalKeyIds,
                id -> new KmsSigner(
                        buildContext().client(connection), buildContext().key(connection, id, where), where));
    }

    /**
     * @param rpcUrl the {@code rpcUrl} parameter, or {@code null}
     * @param rpcTimeout the {@code rpcTimeout} parameter, seconds
     * @return a client for the node, or {@code null} when {@code rpcUrl} is not set; close it
     *     after use
     * @throws InvalidInputException if {@code rpcUrl} or {@code rpcTimeout} is malformed
     */
    protected NodeClient openNode(String rpcUrl, int rpcTimeout) {
        if (blankToNull(rpcUrl) == null) {
            return null;
        }
        if (rpcTimeout < 1) {
            throw new InvalidInputException("rpcTimeout", "must be at least 1 second, was " + rpcTimeout);
        }
        return new JsonRpcNodeClient(nodeUrl(rpcUrl, "rpcUrl"), Duration.ofSeconds(rpcTimeout));
    }

    /**
     * Resolves a node URL as configured: {@code env:NAME} reads it from the environment, and
     * each {@code {server:<id>}} placeholder becomes the (decrypted) password of that
     * {@code settings.xml} server, e.g. {@code https://eth-sepolia.g.alchemy.com/v2/{server:alchemy}}.
     * A URL that carries what looks like a credential written directly (user info, a key-like
     * path segment, an {@code apikey=} query) gets one warning per build, without the secret:
     * Maven prints configured values under {@code -X}.
     *
     * @param configured the parameter's value
     * @param parameter the parameter name, e.g. {@code rpcUrl}
     * @return the URL to call, secrets in place; never log it, log {@link RpcUrls#redact} instead
     * @throws InvalidInputException if the URL is malformed, or a variable or server is missing
     */
    protected URI nodeUrl(String configured, String parameter) {
        URI uri = RpcUrls.parse(
                configured, parameter, System::getenv, id -> settingsServers().password(id, parameter));
        List<String> secrets = RpcUrls.inlineSecrets(configured);
        Set<String> warned = buildContext().shared("warned-inline-rpc-secrets", k -> ConcurrentHashMap.newKeySet());
        if (!secrets.isEmpty() && warned.add(parameter + "|" + configured.trim())) {
            getLog().warn(parameter + " " + RpcUrls.redact(uri) + " carries what looks like a secret written into"
                    + " the configuration (" + String.join(", ", secrets) + "). This plugin never prints it, but"
                    + " Maven prints configured values and properties under -X. Put the key into a settings.xml"
                    + " <server> as its <password> and write {server:<id>} where it goes in the URL, or use"
                    + " env:NAME; see docs/guide.md, \"Keep the node's API key out of logs\".");
        }
        return uri;
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
}
