package io.kmsethereum.core.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kmsethereum.core.InvalidInputException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The timeouts and attempts of a KMS connection: one set of defaults, limits and one rule. */
class KmsConnectionTest {
    private static final CredentialsSource CREDENTIALS = CredentialsSource.defaultChain();

    @Test
    void theDefaultsAreTheDefaultsOfTheMavenParameters() {
        KmsConnection connection = KmsConnection.of("eu-west-1", null, CREDENTIALS);
        assertEquals(Duration.ofSeconds(10), connection.apiCallAttemptTimeout());
        assertEquals(5, connection.maxAttempts());
        assertEquals(Duration.ofSeconds(80), connection.apiCallTimeout());
        assertEquals(KmsConnection.DEFAULT_CALL_TIMEOUT, connection.apiCallTimeout());
        assertEquals(
                connection,
                KmsConnection.of(
                        "eu-west-1",
                        null,
                        CREDENTIALS,
                        KmsConnection.DEFAULT_ATTEMPT_TIMEOUT_SECONDS,
                        KmsConnection.DEFAULT_MAX_ATTEMPTS));
    }

    @Test
    void theCallTimeoutCoversEveryAttemptAndTheBackoff() {
        KmsConnection connection = KmsConnection.of(null, null, CREDENTIALS, 3, 20);
        assertEquals(Duration.ofSeconds(3 * 20 + 30), connection.apiCallTimeout());
        assertEquals(20, connection.maxAttempts());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 21, 1000})
    void attemptsOutsideOneToTwentyNameMaxAttempts(int attempts) {
        InvalidInputException e = assertThrows(
                InvalidInputException.class, () -> KmsConnection.of(null, null, CREDENTIALS, 10, attempts));
        assertEquals("Invalid 'maxAttempts': must be between 1 and 20, was " + attempts, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void anAttemptTimeoutBelowOneSecondNamesAttemptTimeoutSeconds(int seconds) {
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> KmsConnection.of(null, null, CREDENTIALS, seconds, 5));
        assertEquals("Invalid 'attemptTimeoutSeconds': must be at least 1 second, was " + seconds, e.getMessage());
    }
}
