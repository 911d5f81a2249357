package io.kmsethereum.core.kms;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The plugin ships one HTTP client for the AWS SDK, url-connection; the Apache and Netty clients
 * that SDK modules bring in are excluded in the POM (fewer artifacts for Maven to resolve on
 * every build, docs/performance.md). The clients that credential providers build themselves
 * (STS for web identity and role assumption, SSO) must still find an HTTP client.
 */
class SdkHttpClientsTest {

    @Test
    void credentialProviderClientsFindTheUrlConnectionClient() {
        StsClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .build()
                .close();
        SsoClient.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .build()
                .close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "software.amazon.awssdk.http.apache.ApacheHttpClient",
                "software.amazon.awssdk.http.apache5.Apache5HttpClient",
                "software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient"
            })
    void otherHttpClientsStayExcluded(String className) {
        assertThrows(ClassNotFoundException.class, () -> Class.forName(className));
    }
}
