package io.kmsethereum.core.kms;

import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Where AWS credentials come from: the SDK default chain, a named profile, or explicit keys
 * (from a Maven {@code settings.xml} server). {@link #toString()} and {@link #describe()} never
 * reveal a secret.
 */
public final class CredentialsSource {
    private final String kind;
    private final String profile;
    private final String origin;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final String sessionToken;

    private CredentialsSource(
            String kind,
            String profile,
            String origin,
            String accessKeyId,
            String secretAccessKey,
            String sessionToken) {
        this.kind = kind;
        this.profile = profile;
        this.origin = origin;
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.sessionToken = sessionToken;
    }

    /**
     * @return the SDK default chain (environment, system properties, web identity/OIDC, SSO,
     *     shared config files, container and instance roles), see the
     *     <a href="https://docs.aws.amazon.com/sdk-for-java/latest/developer-guide/credentials-chain.html">SDK guide</a>
     */
    public static CredentialsSource defaultChain() {
        return new CredentialsSource("default", null, null, null, null, null);
    }

    /**
     * @param profile a profile name from {@code ~/.aws/config} / {@code ~/.aws/credentials}
     * @return credentials from that profile (static keys, role assumption, SSO)
     */
    public static CredentialsSource profile(String profile) {
        return new CredentialsSource("profile", Objects.requireNonNull(profile), null, null, null, null);
    }

    /**
     * @param origin where these keys were read, for the log (e.g. {@code settings.xml server 'aws-ci'})
     * @param accessKeyId access key id
     * @param secretAccessKey secret access key (kept only in memory, never printed)
     * @param sessionToken session token or {@code null}
     * @return explicit credentials
     */
    public static CredentialsSource explicit(
            String origin, String accessKeyId, String secretAccessKey, String sessionToken) {
        return new CredentialsSource(
                "explicit",
                null,
                origin,
                Objects.requireNonNull(accessKeyId),
                Objects.requireNonNull(secretAccessKey),
                sessionToken);
    }

    /**
     * @return a credentials provider for the AWS SDK
     */
    public AwsCredentialsProvider toProvider() {
        switch (kind) {
            case "profile":
                return ProfileCredentialsProvider.builder().profileName(profile).build();
            case "explicit":
                return StaticCredentialsProvider.create(
                        sessionToken == null
                                ? AwsBasicCredentials.create(accessKeyId, secretAccessKey)
                                : AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken));
            default:
                return DefaultCredentialsProvider.builder().build();
        }
    }

    /**
     * @return where the credentials come from, safe to log (no key material)
     */
    public String describe() {
        switch (kind) {
            case "profile":
                return "AWS profile '" + profile + "'";
            case "explicit":
                return origin;
            default:
                return "the AWS default credentials chain";
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CredentialsSource)) {
            return false;
        }
        CredentialsSource other = (CredentialsSource) o;
        return kind.equals(other.kind)
                && Objects.equals(profile, other.profile)
                && Objects.equals(accessKeyId, other.accessKeyId)
                && Objects.equals(secretAccessKey, other.secretAccessKey)
                && Objects.equals(sessionToken, other.sessionToken);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, profile, accessKeyId);
    }

    @Override
    public String toString() {
        return describe();
    }
}
