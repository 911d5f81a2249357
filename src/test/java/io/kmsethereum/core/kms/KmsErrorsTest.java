package io.kmsethereum.core.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.KeyRejectedException;
import io.kmsethereum.core.ServiceUnavailableException;
import io.kmsethereum.testing.LocalKms;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * KMS calls through a real SDK client against {@link LocalKms}: a credentials source without
 * credentials is reported as such (by the type its provider puts into the SDK's exception, not by
 * the SDK's message text), and a network failure as a network failure.
 */
class KmsErrorsTest {
    private static final String ALIAS = "alias/errors";

    private LocalKms kms;
    private Properties saved;

    @BeforeEach
    void start() throws IOException {
        saved = (Properties) System.getProperties().clone();
        kms = LocalKms.start(BigInteger.TWO, true, ALIAS);
    }

    @AfterEach
    void stop() {
        kms.close();
        System.setProperties(saved);
    }

    private static KmsClient client(String endpoint, CredentialsSource credentials) {
        return KmsClientFactory.create(KmsConnection.of("us-east-1", URI.create(endpoint), credentials, 5, 1));
    }

    @Test
    void aProfileWithoutCredentialsIsACredentialsProblemBeforeAnyRequest() {
        // an empty AWS configuration: the SDK's profile provider fails with its own message
        // ("Profile file contained no credentials ..."), which no text match here knows
        System.setProperty("aws.configFile", "target/no-such-aws-config");
        System.setProperty("aws.sharedCredentialsFile", "target/no-such-aws-credentials");
        try (KmsClient client = client(kms.url(), CredentialsSource.profile("nowhere"))) {
            KeyRejectedException e =
                    assertThrows(KeyRejectedException.class, () -> KmsKeys.resolve(client, ALIAS, "in us-east-1"));
            assertEquals(
                    "AWS profile 'nowhere' provided no credentials. Check 'profile' and the AWS config files"
                            + " (~/.aws/config, ~/.aws/credentials), or run aws sso login --profile nowhere for an SSO"
                            + " profile.",
                    e.getMessage());
        }
        assertEquals(List.of(), kms.operations(), "nothing reached KMS");
    }

    @Test
    void anUnreachableEndpointIsNotACredentialsProblem() throws IOException {
        String closed = "http://127.0.0.1:" + LocalKms.closedPort();
        CredentialsSource keys = CredentialsSource.explicit("test keys", "AKIATEST", "secret", null);
        try (KmsClient client = client(closed, keys)) {
            ServiceUnavailableException e = assertThrows(
                    ServiceUnavailableException.class, () -> KmsKeys.resolve(client, ALIAS, "at " + closed));
            assertTrue(e.getMessage().startsWith("KMS could not be reached at " + closed), e.getMessage());
            assertTrue(e.getMessage().endsWith("Check 'endpoint', 'region' and the network."), e.getMessage());
        }
    }

    @Test
    void theSameCredentialsReachKms() {
        CredentialsSource keys = CredentialsSource.explicit("test keys", "AKIATEST", "secret", null);
        try (KmsClient client = client(kms.url(), keys)) {
            assertEquals(
                    kms.address(),
                    KmsKeys.resolve(client, ALIAS, "in us-east-1").address());
        }
        assertEquals(List.of("DescribeKey", "GetPublicKey"), kms.operations());
    }
}
