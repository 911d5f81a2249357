package io.kmsethereum.core.kms;

import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.KmsClientBuilder;

/**
 * Builds AWS KMS clients with the lightweight {@code UrlConnectionHttpClient} and the SDK's
 * standard retry strategy (bounded exponential backoff with jitter; throttling and 5xx answers
 * are retried), see the
 * <a href="https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html">AWS SDKs
 * retry behaviour</a>.
 */
public final class KmsClientFactory {

    private KmsClientFactory() {}

    /**
     * @param connection region, endpoint, credentials, timeouts and attempts
     * @param interceptors SDK execution interceptors to add (e.g. call counters in tests)
     * @return a new client; the caller closes it
     */
    public static KmsClient create(KmsConnection connection, ExecutionInterceptor... interceptors) {
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
                .credentialsProvider(connection.credentials().toProvider())
                .overrideConfiguration(override.build());
        if (connection.region() != null && !connection.region().isBlank()) {
            builder.region(Region.of(connection.region()));
        }
        if (connection.endpoint() != null) {
            builder.endpointOverride(connection.endpoint());
        }
        return builder.build();
    }
}
