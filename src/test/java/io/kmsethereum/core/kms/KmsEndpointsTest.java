package io.kmsethereum.core.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kmsethereum.core.InvalidInputException;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KmsEndpointsTest {
    @Test
    void blankMeansNoOverride() {
        assertNull(KmsEndpoints.parse(null, "endpoint"));
        assertNull(KmsEndpoints.parse("  ", "endpoint"));
    }

    @Test
    void acceptsHttpAndHttpsWithAHost() {
        assertEquals(URI.create("http://localhost:4566"), KmsEndpoints.parse(" http://localhost:4566 ", "endpoint"));
        assertEquals(
                URI.create("https://kms-fips.eu-west-1.amazonaws.com"),
                KmsEndpoints.parse("https://kms-fips.eu-west-1.amazonaws.com", "endpoint"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a url", "localhost:4566", "ftp://localhost", "http://"})
    void rejectsTheRestNamingTheParameterAndAnExample(String value) {
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> KmsEndpoints.parse(value, "endpoint"));
        assertEquals("endpoint", e.getParameter());
        assertEquals(true, e.getMessage().contains("use e.g. http://localhost:4566"), e.getMessage());
    }
}
