package io.kmsethereum.core.kms;

import io.kmsethereum.core.InvalidInputException;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;

/**
 * Builds AWS KMS clients with the lightweight {@code UrlConnectionHttpClient} and the SDK's
 * standard retry strategy (bounded exponential backoff with jitter; throttling and 5xx answers
 * are retried), see the
 * <a href="https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html">AWS SDKs
 * retry behaviour</a>. The region is resolved before the client is built, so that a missing
 * region is reported as such instead of as the SDK's provider chain dump.
 */
public final class KmsClientFactory {
    /** The message when no region is configured anywhere (see docs/troubleshooting.md). */
    static final String NO_REGION = "No AWS region is configured: set 'region' (e.g. eu-west-1), export AWS_REGION,"
            + " or give the AWS profile a region";

    private KmsClientFactory() {}

    /**
     * @param connection region, endpoint, credentials, timeouts and attempts
     * @param interceptors SDK execution interceptors to add (e.g. call counters in tests)
     * @return a new client with a credentials provider of its own; the caller closes it
     * @throws InvalidInputException naming {@code region} if no region is configured anywhere
     */
    public static KmsClient create(KmsConnection connection, ExecutionInterceptor... interceptors) {
        return create(connection, connection.credentials().toProvider(), interceptors);
    }

    /**
     * @param connection region, endpoint, timeouts and attempts
     * @param credentials the provider the client signs with (e.g. one already resolved by
     *     {@link CredentialsSource#resolve}, so that it is asked only once)
     * @param interceptors SDK execution interceptors to add (e.g. call counters)
     * @return a new client; the caller closes it
     * @throws InvalidInputException naming {@code region} if no region is configured anywhere
     */
    public static KmsClient create(
            KmsConnection connection, AwsCredentialsProvider credentials, ExecutionInterceptor... interceptors) {
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(connection.apiCallAttemptTimeout())
                .apiCallTimeout(connection.apiCallTimeout())
                .retryStrategy(RetryMode.STANDARD)
                .retryStrategy(b -> b.maxAttempts(connection.maxAttempts()));
        for (ExecutionInterceptor interceptor : interceptors) {
            override.addExecutionInterceptor(interceptor);
        }
        KmsClientBuilder builder = KmsClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(connection.apiCallAttemptTimeout())
                        .socketTimeout(connection.apiCallAttemptTimeout()))
                .credentialsProvider(credentials)
                .region(region(connection))
                .overrideConfiguration(override.build());
        if (connection.endpoint() != null) {
            builder.endpointOverride(connection.endpoint());
        }
        return builder.build();
    }

    /**
     * The connection's region, or the one the SDK's region chain finds: {@code AWS_REGION} /
     * {@code aws.region}, the region of the AWS profile (the connection's named profile, else
     * {@code AWS_PROFILE} or {@code default}), instance metadata.
     *
     * @param connection the connection
     * @return the region to call
     * @throws InvalidInputException naming {@code region} if none is configured anywhere
     */
    public static Region region(KmsConnection connection) {
        if (connection.region() != null && !connection.region().isBlank()) {
            return Region.of(connection.region().trim());
        }
        DefaultAwsRegionProviderChain.Builder chain = DefaultAwsRegionProviderChain.builder();
        if (connection.credentials().profileName() != null) {
            chain.profileName(connection.credentials().profileName());
        }
        try {
            return chain.build().getRegion();
        } catch (SdkClientException e) {
            throw new InvalidInputException("region", NO_REGION);
        }
    }
}
