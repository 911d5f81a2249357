package io.kmsethereum.core.kms;

import io.kmsethereum.core.KeyRejectedException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.useragent.BusinessMetricFeatureId;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;
import software.amazon.awssdk.profiles.ProfileFileSystemSetting;

/**
 * Where AWS credentials come from: the SDK default chain, a named profile, or explicit keys
 * (from a Maven {@code settings.xml} server). {@link #toString()}, {@link #describe()} and
 * {@link #resolve} never reveal a secret.
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

    /** The message when the default chain finds nothing (see docs/troubleshooting.md). */
    static final String NO_CREDENTIALS = "No AWS credentials were found. Configure 'profile' or"
            + " 'serverId', or provide credentials through the AWS default chain"
            + " (environment, ~/.aws, web identity, instance role).";

    /**
     * @return the profile name of a {@link #profile(String)} source, else {@code null}
     */
    public String profileName() {
        return profile;
    }

    /**
     * A new provider for the AWS SDK. When it finds no credentials it throws the SDK's
     * {@link SdkClientException} as the SDK's own providers do, but with this source's
     * {@link KeyRejectedException} as the cause, so that an error of a later AWS call can be told
     * from a network error by type ({@link #rejection}) rather than by the SDK's message text.
     *
     * @return the provider
     */
    public AwsCredentialsProvider toProvider() {
        AwsCredentialsProvider sdk = switch (kind) {
            case "profile" ->
                ProfileCredentialsProvider.builder().profileName(profile).build();
            case "explicit" ->
                StaticCredentialsProvider.create(
                        sessionToken == null
                                ? AwsBasicCredentials.create(accessKeyId, secretAccessKey)
                                : AwsSessionCredentials.create(accessKeyId, secretAccessKey, sessionToken));
            default -> DefaultCredentialsProvider.builder().build();
        };
        return new AwsCredentialsProvider() {
            @Override
            public AwsCredentials resolveCredentials() {
                try {
                    return sdk.resolveCredentials();
                } catch (SdkClientException e) {
                    throw SdkClientException.create(e.getMessage(), rejected(e));
                }
            }

            @Override
            public String toString() {
                return sdk.toString();
            }
        };
    }

    /**
     * @param e an exception of an AWS call
     * @return the rejection of a provider made by {@link #toProvider()}, when it caused
     *     {@code e}: the source had no usable credentials
     */
    static Optional<KeyRejectedException> rejection(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof KeyRejectedException rejected) {
                return Optional.of(rejected);
            }
        }
        return Optional.empty();
    }

    private KeyRejectedException rejected(SdkClientException e) {
        if (kind.equals("profile")) {
            return new KeyRejectedException(
                    "AWS profile '" + profile + "' provided no credentials. Check 'profile' and the AWS"
                            + " config files (~/.aws/config, ~/.aws/credentials), or run aws sso login --profile "
                            + profile + " for an SSO profile.",
                    e);
        }
        String tokenFile = setting(SdkSystemSetting.AWS_WEB_IDENTITY_TOKEN_FILE);
        String role = setting(SdkSystemSetting.AWS_ROLE_ARN);
        if (tokenFile != null && role != null) {
            return new KeyRejectedException(
                    "The web identity token file " + tokenFile + " for role " + role
                            + " gave no AWS credentials: " + webIdentityFailure()
                            + ". Check that the file holds the CI system's current token, and that the role's"
                            + " trust policy admits it (its conditions on the token's aud and sub claims).",
                    e);
        }
        return new KeyRejectedException(NO_CREDENTIALS, e);
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

    /**
     * Asks the provider for credentials once (the provider caches them, so the KMS client that
     * uses the same provider does not ask again) and says which source supplied them, e.g.
     * {@code environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY},
     * {@code AWS profile 'staging'}, {@code web identity token file /var/run/token for role
     * arn:aws:iam::…:role/ci}, {@code settings.xml server 'aws-ci'}. No key material.
     *
     * @param provider a provider made by {@link #toProvider()} for this source
     * @return a description of the actual source, safe to log
     * @throws KeyRejectedException if the source holds no usable credentials
     */
    public String resolve(AwsCredentialsProvider provider) {
        if (kind.equals("explicit")) {
            return origin;
        }
        AwsCredentials credentials;
        try {
            credentials = provider.resolveCredentials();
        } catch (SdkClientException e) {
            throw rejection(e).orElseGet(() -> rejected(e));
        }
        return describe(credentials);
    }

    private static String setting(SdkSystemSetting setting) {
        return setting.getStringValue().filter(v -> !v.isBlank()).orElse(null);
    }

    /**
     * Why the default chain's web identity provider gave nothing: the chain's own exception only
     * lists every provider, so the web identity provider is asked once more on its own (one more
     * STS {@code AssumeRoleWithWebIdentity}, only on this failure path). STS's and the SDK's
     * messages name the file and the role, never the token.
     */
    private static String webIdentityFailure() {
        try (WebIdentityTokenFileCredentialsProvider alone = WebIdentityTokenFileCredentialsProvider.create()) {
            alone.resolveCredentials();
            return "the default chain failed, but a second attempt succeeded (run the build again)";
        } catch (RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return message.strip().replaceAll("\\.$", "");
        }
    }

    /**
     * @param credentials credentials this source's provider returned; their provider name (the
     *     SDK's business metric codes, e.g. {@code g} for environment variables) says which
     *     provider of the chain supplied them
     * @return a description of the actual source, safe to log
     */
    String describe(AwsCredentialsIdentity credentials) {
        if (kind.equals("explicit")) {
            return origin;
        }
        List<String> codes = credentials
                .providerName()
                .map(name -> Arrays.asList(name.split(",")))
                .orElse(List.of());
        String named = kind.equals("profile")
                ? profile
                : ProfileFileSystemSetting.AWS_PROFILE.getStringValue().orElse("default");
        boolean fromProfile = kind.equals("profile")
                || has(codes, BusinessMetricFeatureId.CREDENTIALS_PROFILE)
                || has(codes, BusinessMetricFeatureId.CREDENTIALS_PROFILE_SOURCE_PROFILE)
                || has(codes, BusinessMetricFeatureId.CREDENTIALS_PROFILE_NAMED_PROVIDER)
                || has(codes, BusinessMetricFeatureId.CREDENTIALS_PROFILE_STS_WEB_ID_TOKEN)
                || has(codes, BusinessMetricFeatureId.CREDENTIALS_PROFILE_SSO)
                || has(codes, BusinessMetricFeatureId.CREDENTIALS_PROFILE_SSO_LEGACY)
                || has(codes, BusinessMetricFeatureId.CREDENTIALS_PROFILE_PROCESS);
        if (fromProfile) {
            String how = has(codes, BusinessMetricFeatureId.CREDENTIALS_PROFILE_SSO)
                            || has(codes, BusinessMetricFeatureId.CREDENTIALS_PROFILE_SSO_LEGACY)
                    ? " (IAM Identity Center)"
                    : has(codes, BusinessMetricFeatureId.CREDENTIALS_PROFILE_PROCESS)
                            ? " (credential_process)"
                            : has(codes, BusinessMetricFeatureId.CREDENTIALS_PROFILE_STS_WEB_ID_TOKEN)
                                    ? " (web identity)"
                                    : has(codes, BusinessMetricFeatureId.CREDENTIALS_PROFILE_SOURCE_PROFILE)
                                            ? " (assumed role)"
                                            : "";
            return "AWS profile '" + named + "'" + how;
        }
        if (has(codes, BusinessMetricFeatureId.CREDENTIALS_ENV_VARS_STS_WEB_ID_TOKEN)
                || has(codes, BusinessMetricFeatureId.CREDENTIALS_STS_ASSUME_ROLE_WEB_ID)) {
            return "web identity token file "
                    + SdkSystemSetting.AWS_WEB_IDENTITY_TOKEN_FILE
                            .getStringValue()
                            .orElse("(unknown)")
                    + " for role "
                    + SdkSystemSetting.AWS_ROLE_ARN.getStringValue().orElse("(unknown)");
        }
        boolean session = credentials instanceof AwsSessionCredentialsIdentity;
        if (has(codes, BusinessMetricFeatureId.CREDENTIALS_ENV_VARS)) {
            return "environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
                    + (session ? " (with AWS_SESSION_TOKEN)" : "");
        }
        if (has(codes, BusinessMetricFeatureId.CREDENTIALS_JVM_SYSTEM_PROPERTIES)) {
            return "Java system properties aws.accessKeyId and aws.secretAccessKey"
                    + (session ? " (with aws.sessionToken)" : "");
        }
        if (has(codes, BusinessMetricFeatureId.CREDENTIALS_HTTP)) {
            return "the container credentials endpoint (ECS task role or EKS Pod Identity)";
        }
        if (has(codes, BusinessMetricFeatureId.CREDENTIALS_IMDS)) {
            return "the EC2 instance profile role (instance metadata)";
        }
        if (has(codes, BusinessMetricFeatureId.CREDENTIALS_SSO)
                || has(codes, BusinessMetricFeatureId.CREDENTIALS_SSO_LEGACY)) {
            return "IAM Identity Center (SSO)";
        }
        return describe();
    }

    private static boolean has(List<String> codes, BusinessMetricFeatureId id) {
        return codes.contains(id.value());
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
