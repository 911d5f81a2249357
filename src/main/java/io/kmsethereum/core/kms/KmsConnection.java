package io.kmsethereum.core.kms;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and as whom to call AWS KMS. Two connections that are {@link #equals(Object) equal}
 * share one client within a build.
 *
 * @param region AWS region id (e.g. {@code eu-west-1}), or {@code null} for the SDK's default
 *     region chain ({@code AWS_REGION}, profile, instance metadata)
 * @param endpoint endpoint override (e.g. LocalStack {@code http://127.0.0.1:4566}), or
 *     {@code null}; the SDK also honours {@code AWS_ENDPOINT_URL}
 * @param credentials where the credentials come from
 * @param apiCallAttemptTimeout time limit for one HTTP attempt
 * @param apiCallTimeout time limit for one API call, all retries included
 * @param maxAttempts attempts per API call, the first one included (SDK standard retry
 *     strategy with exponential backoff and jitter)
 */
public record KmsConnection(
        String region,
        URI endpoint,
        CredentialsSource credentials,
        Duration apiCallAttemptTimeout,
        Duration apiCallTimeout,
        int maxAttempts) {

    /** Default per-attempt timeout: 10 seconds. */
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(10);

    /** Default whole-call timeout: 60 seconds. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(60);

    /** Default attempts per call: 5. */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;

    /**
     * @throws NullPointerException if {@code credentials} or a timeout is null
     * @throws IllegalArgumentException if {@code maxAttempts} is below 1
     */
    public KmsConnection {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(apiCallAttemptTimeout, "apiCallAttemptTimeout");
        Objects.requireNonNull(apiCallTimeout, "apiCallTimeout");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /**
     * @param region AWS region or {@code null}
     * @param endpoint endpoint override or {@code null}
     * @param credentials credentials source
     * @return a connection with the default timeouts and retries
     */
    public static KmsConnection of(String region, URI endpoint, CredentialsSource credentials) {
        return new KmsConnection(
                region, endpoint, credentials, DEFAULT_ATTEMPT_TIMEOUT, DEFAULT_CALL_TIMEOUT, DEFAULT_MAX_ATTEMPTS);
    }
}
