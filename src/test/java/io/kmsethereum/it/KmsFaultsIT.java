package io.kmsethereum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.KeyRejectedException;
import io.kmsethereum.core.ServiceUnavailableException;
import io.kmsethereum.core.kms.CredentialsSource;
import io.kmsethereum.core.kms.KmsClientFactory;
import io.kmsethereum.core.kms.KmsConnection;
import io.kmsethereum.core.kms.KmsKey;
import io.kmsethereum.core.kms.KmsKeys;
import io.kmsethereum.core.signer.KmsSigner;
import io.kmsethereum.testing.FaultProxy;
import io.kmsethereum.testing.FaultProxy.Fault;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.web3j.crypto.Hash;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * KMS faults through a fault-injecting proxy in front of LocalStack: throttling, 500s, dropped
 * connections and slow answers are retried by the AWS SDK's standard retry strategy (bounded,
 * exponential backoff with jitter) and succeed when the faults stop within the budget; when they
 * do not, the call fails with a message that says what happened and how often it was tried. The
 * proxy counts the KMS calls that were made.
 */
class KmsFaultsIT {
    private static final int MAX_ATTEMPTS = 4;
    private static FaultProxy proxy;
    private static KmsClient client;
    private static KmsKey key;

    @BeforeAll
    static void start() throws Exception {
        ItSupport it = new ItSupport(System.getProperty("kms.it.stateDir", "target/services"));
        it.ensureKey(
                "55555555-5555-4555-8555-555555555555",
                "1f1e1d1c1b1a191817161514131211100f0e0d0c0b0a09080706050403020100",
                "alias/it-faults");
        proxy = new FaultProxy(URI.create(it.service("kms.it.endpoint")));
        client = KmsClientFactory.create(new KmsConnection(
                "us-east-1",
                proxy.endpoint(),
                CredentialsSource.explicit("test", "test", "test", null),
                Duration.ofSeconds(1),
                Duration.ofSeconds(30),
                MAX_ATTEMPTS));
        key = KmsKeys.resolve(client, "alias/it-faults", "via the fault proxy");
    }

    @AfterAll
    static void stop() {
        client.close();
        proxy.close();
    }

    @BeforeEach
    void reset() {
        proxy.reset();
    }

    private static byte[] digest() {
        return Hash.sha3("fault test".getBytes());
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void faultsWithinTheRetryBudgetAreRetriedAndSignOnce(Fault fault) {
        proxy.delayMillis(1500); // above the 1 s attempt timeout
        proxy.inject("Sign", fault, MAX_ATTEMPTS - 1);
        KmsSigner signer = new KmsSigner(client, key, "via the fault proxy");
        var signature = signer.signDigest(digest());
        assertTrue(signature.s().signum() > 0);
        assertEquals(MAX_ATTEMPTS, proxy.calls("Sign"), "3 failed attempts and one that succeeded");
        assertEquals(0, proxy.calls("DescribeKey"), "the key was checked once, before");
    }

    @ParameterizedTest
    @EnumSource(
            value = Fault.class,
            names = {"THROTTLE", "SERVER_ERROR", "DROP"})
    void faultsBeyondTheBudgetFailClearlyAfterExactlyMaxAttempts(Fault fault) {
        proxy.inject("Sign", fault, 1000);
        KmsSigner signer = new KmsSigner(client, key, "via the fault proxy");
        ServiceUnavailableException e =
                assertThrows(ServiceUnavailableException.class, () -> signer.signDigest(digest()));
        assertEquals(MAX_ATTEMPTS, proxy.calls("Sign"), "bounded: exactly maxAttempts calls");
        assertTrue(e.getMessage().contains(MAX_ATTEMPTS + " attempts"), e.getMessage());
        assertTrue(
                e.getMessage().startsWith("KMS Sign failed") || e.getMessage().startsWith("KMS could not be reached"),
                e.getMessage());
        System.out.println(fault + " -> " + e.getMessage());
    }

    @Test
    void slowAnswersBeyondTheBudgetTimeOut() {
        proxy.delayMillis(1500);
        proxy.inject("Sign", Fault.DELAY, 1000);
        KmsSigner signer = new KmsSigner(client, key, "via the fault proxy");
        ServiceUnavailableException e =
                assertThrows(ServiceUnavailableException.class, () -> signer.signDigest(digest()));
        assertEquals(MAX_ATTEMPTS, proxy.calls("Sign"));
        assertTrue(e.getMessage().startsWith("KMS did not answer Sign in time"), e.getMessage());
        System.out.println("DELAY -> " + e.getMessage());
    }

    @Test
    void clientErrorsAreNotRetried() {
        assertThrows(
                KeyRejectedException.class,
                () -> KmsKeys.resolve(client, "alias/it-faults-missing", "via the fault proxy"));
        assertEquals(1, proxy.calls("DescribeKey"), "NotFound is final: no retry");
    }
}
