package io.kmsethereum.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.KmsEthereumException.Fault;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class S3StateStoreLocationTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "s3://ci-state              | ci-state    | ''",
                "s3://ci-state/             | ci-state    | ''",
                "s3://ci-state/team         | ci-state    | team",
                "s3://ci-state/team/app/    | ci-state    | team/app",
                "s3://ci-state//team//      | ci-state    | team",
                "'  s3://a.b-c.9/x_y.z-1  ' | a.b-c.9     | x_y.z-1",
                "s3://abc                   | abc         | ''",
                "s3://0123456789012345678901234567890123456789012345678901234567890ab | 0123456789012345678901234567890123456789012345678901234567890ab | ''",
            })
    void goodLocations(String uri, String bucket, String prefix) {
        assertEquals(new S3StateStore.Location(bucket, prefix), S3StateStore.Location.parse(uri, "stateStore"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ci-state",
                "s3:/ci-state",
                "S3://ci-state",
                "https://ci-state.s3.amazonaws.com",
                "s3://",
                "s3:///prefix",
                "s3://ab",
                "s3://Ci-State",
                "s3://ci_state",
                "s3://-ci-state",
                "s3://ci-state-",
                "s3://0123456789012345678901234567890123456789012345678901234567890abc",
                "s3://ci-state/team a",
                "s3://ci-state/team?x=1",
                "s3://ci-state/tëam",
            })
    void badLocations(String uri) {
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> S3StateStore.Location.parse(uri, "stateStore"));
        assertEquals(Fault.USER, e.fault());
        assertTrue(e.getMessage().startsWith("Invalid 'stateStore': "), e.getMessage());
    }
}
