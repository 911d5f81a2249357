package io.kmsethereum.core.kms;

import io.kmsethereum.core.InvalidInputException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and as whom to call AWS KMS. Two connections that are {@link #equals(Object) equal}
 * share one client within a build. The defaults and limits of the timeouts and attempts are
 * defined here once; the Maven parameters {@code attemptTimeoutSeconds} and {@code maxAttempts}
 * take their default values from these constants.
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

    /** Default per-attempt timeout in seconds: 10. */
    public static final int DEFAULT_ATTEMPT_TIMEOUT_SECONDS = 10;

    /** Default per-attempt timeout: {@value #DEFAULT_ATTEMPT_TIMEOUT_SECONDS} seconds. */
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(DEFAULT_ATTEMPT_TIMEOUT_SECONDS);

    /** Default attempts per call: 5. */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;

    /** The most attempts per call {@link #of(String, URI, CredentialsSource, int, int)} accepts: 20. */
    public static final int MAX_ATTEMPTS = 20;

    /** Time for the retry strategy's backoff between attempts, on top of the attempts themselves. */
    private static final Duration BACKOFF_ALLOWANCE = Duration.ofSeconds(30);

    /**
     * Default whole-call timeout, by {@link #callTimeout}: 5 attempts of 10 s plus 30 s of
     * backoff, 80 seconds.
     */
    public static final Duration DEFAULT_CALL_TIMEOUT = callTimeout(DEFAULT_ATTEMPT_TIMEOUT, DEFAULT_MAX_ATTEMPTS);

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
        return of(region, endpoint, credentials, DEFAULT_ATTEMPT_TIMEOUT_SECONDS, DEFAULT_MAX_ATTEMPTS);
    }

    /**
     * A connection with a whole-call timeout derived by {@link #callTimeout}.
     *
     * @param region AWS region or {@code null}
     * @param endpoint endpoint override or {@code null}
     * @param credentials credentials source
     * @param attemptTimeoutSeconds time limit for one HTTP attempt, in seconds, at least 1
     * @param maxAttempts attempts per call, the first included, from 1 to {@value #MAX_ATTEMPTS}
     * @return the connection
     * @throws InvalidInputException naming {@code attemptTimeoutSeconds} or {@code maxAttempts}
     *     when a value is out of range
     */
    public static KmsConnection of(
            String region, URI endpoint, CredentialsSource credentials, int attemptTimeoutSeconds, int maxAttempts) {
        if (attemptTimeoutSeconds < 1) {
            throw new InvalidInputException(
                    "attemptTimeoutSeconds", "must be at least 1 second, was " + attemptTimeoutSeconds);
        }
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS) {
            throw new InvalidInputException(
                    "maxAttempts", "must be between 1 and " + MAX_ATTEMPTS + ", was " + maxAttempts);
        }
        Duration attempt = Duration.ofSeconds(attemptTimeoutSeconds);
        return new KmsConnection(
                region, endpoint, credentials, attempt, callTimeout(attempt, maxAttempts), maxAttempts);
    }

    /**
     * The time limit of one API call, retries included: every attempt may take its full timeout,
     * and the SDK's standard retry strategy waits between attempts (exponential backoff with
     * jitter, at most 20 s per wait), for which 30 s are added.
     *
     * @param attempt the per-attempt timeout
     * @param maxAttempts attempts per call
     * @return {@code attempt × maxAttempts + 30 s}
     */
    public static Duration callTimeout(Duration attempt, int maxAttempts) {
        return attempt.multipliedBy(maxAttempts).plus(BACKOFF_ALLOWANCE);
    }
}
