package io.kmsethereum.core.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.KeyRejectedException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.useragent.BusinessMetricFeatureId;

/** The log line names the source that actually supplied the credentials, never a secret. */
class CredentialsSourceTest {
    private static final String SECRET = "wJalrXUtnFEMI-DoNotLog";

    @AfterEach
    void clearSystemProperties() {
        for (String p : new String[] {"aws.webIdentityTokenFile", "aws.roleArn", "aws.profile", "aws.region"}) {
            System.clearProperty(p);
        }
    }

    private static AwsBasicCredentials from(BusinessMetricFeatureId... ids) {
        String codes = String.join(
                ",",
                java.util.Arrays.stream(ids).map(BusinessMetricFeatureId::value).toList());
        return AwsBasicCredentials.builder()
                .accessKeyId("AKIAEXAMPLE")
                .secretAccessKey(SECRET)
                .providerName(codes)
                .build();
    }

    @Test
    void environmentVariables() {
        assertEquals(
                "environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
                CredentialsSource.defaultChain().describe(from(BusinessMetricFeatureId.CREDENTIALS_ENV_VARS)));
        AwsSessionCredentials session = AwsSessionCredentials.builder()
                .accessKeyId("ASIAEXAMPLE")
                .secretAccessKey(SECRET)
                .sessionToken("token-DoNotLog")
                .providerName(BusinessMetricFeatureId.CREDENTIALS_ENV_VARS.value())
                .build();
        assertEquals(
                "environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (with AWS_SESSION_TOKEN)",
                CredentialsSource.defaultChain().describe(session));
    }

    @Test
    void aWebIdentityThatGivesNoCredentialsIsNamedWithTheReason(@TempDir Path dir) {
        String tokenFile = dir.resolve("no-such-token").toString();
        System.setProperty("aws.webIdentityTokenFile", tokenFile);
        System.setProperty("aws.roleArn", "arn:aws:iam::123456789012:role/release");
        System.setProperty("aws.region", "us-east-1");
        AwsCredentialsProvider chain = () -> {
            throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
        };
        KeyRejectedException e = assertThrows(
                KeyRejectedException.class,
                () -> CredentialsSource.defaultChain().resolve(chain));
        assertTrue(
                e.getMessage()
                        .startsWith("The web identity token file " + tokenFile
                                + " for role arn:aws:iam::123456789012:role/release gave no AWS credentials: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("no-such-token"), "the reason names the missing file: " + e.getMessage());
        assertTrue(e.getMessage().endsWith("(its conditions on the token's aud and sub claims)."), e.getMessage());
    }

    @Test
    void withoutAWebIdentityTheChainFindingNothingSaysSo() {
        AwsCredentialsProvider chain = () -> {
            throw SdkClientException.create("Unable to load credentials from any of the providers in the chain");
        };
        KeyRejectedException e = assertThrows(
                KeyRejectedException.class,
                () -> CredentialsSource.defaultChain().resolve(chain));
        assertEquals(CredentialsSource.NO_CREDENTIALS, e.getMessage());
    }

    @Test
    void webIdentityNamesTheTokenFileAndTheRole() {
        System.setProperty("aws.webIdentityTokenFile", "/var/run/secrets/token");
        System.setProperty("aws.roleArn", "arn:aws:iam::123456789012:role/release");
        assertEquals(
                "web identity token file /var/run/secrets/token for role arn:aws:iam::123456789012:role/release",
                CredentialsSource.defaultChain()
                        .describe(from(
                                BusinessMetricFeatureId.CREDENTIALS_ENV_VARS_STS_WEB_ID_TOKEN,
                                BusinessMetricFeatureId.CREDENTIALS_STS_ASSUME_ROLE_WEB_ID)));
    }

    @Test
    void profilesByName() {
        System.setProperty("aws.profile", "dev");
        assertEquals(
                "AWS profile 'dev'",
                CredentialsSource.defaultChain().describe(from(BusinessMetricFeatureId.CREDENTIALS_PROFILE)));
        assertEquals(
                "AWS profile 'staging' (IAM Identity Center)",
                CredentialsSource.profile("staging")
                        .describe(from(
                                BusinessMetricFeatureId.CREDENTIALS_PROFILE_SSO,
                                BusinessMetricFeatureId.CREDENTIALS_SSO)));
    }

    @Test
    void containerAndInstanceRoles() {
        assertEquals(
                "the container credentials endpoint (ECS task role or EKS Pod Identity)",
                CredentialsSource.defaultChain().describe(from(BusinessMetricFeatureId.CREDENTIALS_HTTP)));
        assertEquals(
                "the EC2 instance profile role (instance metadata)",
                CredentialsSource.defaultChain().describe(from(BusinessMetricFeatureId.CREDENTIALS_IMDS)));
    }

    @Test
    void settingsServerAndUnknownProviders() {
        CredentialsSource server = CredentialsSource.explicit("settings.xml server 'aws-ci'", "AKIA", SECRET, null);
        assertEquals("settings.xml server 'aws-ci'", server.resolve(server.toProvider()));
        String unknown = CredentialsSource.defaultChain().describe(AwsBasicCredentials.create("AKIAEXAMPLE", SECRET));
        assertEquals("the AWS default credentials chain", unknown);
        assertFalse(unknown.contains(SECRET));
    }

    @Test
    void resolvesThroughTheProviderOnce() {
        StaticCredentialsProvider provider =
                StaticCredentialsProvider.create(from(BusinessMetricFeatureId.CREDENTIALS_ENV_VARS));
        assertEquals(
                "environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
                CredentialsSource.defaultChain().resolve(provider));
    }

    @Test
    void aProfileWithoutCredentialsNamesTheProfile() {
        System.setProperty("aws.profile", "x");
        KeyRejectedException e = assertThrows(
                KeyRejectedException.class,
                () -> CredentialsSource.profile("nowhere").resolve(() -> {
                    throw software.amazon.awssdk.core.exception.SdkClientException.create(
                            "Profile file contained" + " no credentials for profile 'nowhere'");
                }));
        assertEquals(
                "AWS profile 'nowhere' provided no credentials. Check 'profile' and the AWS config files"
                        + " (~/.aws/config, ~/.aws/credentials), or run aws sso login --profile nowhere for an SSO"
                        + " profile.",
                e.getMessage());
    }
}
