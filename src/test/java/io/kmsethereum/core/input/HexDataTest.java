package io.kmsethereum.core.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kmsethereum.core.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class HexDataTest {
    @ParameterizedTest
    @CsvSource({"0x, ''", "0xa9059cbb, a9059cbb", "'0xA9 05 9c bb', a9059cbb"})
    void parsesEvenLengthHexWith0x(String value, String hex) {
        assertArrayEquals(java.util.HexFormat.of().parseHex(hex), HexData.parse(value, "data"));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  "})
    void absentIsEmpty(String value) {
        assertEquals(0, HexData.parse(value, "data").length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0x123", "a9059cbb", "0xzz", "0x0x12", "12"})
    void anythingElseNamesTheParameter(String value) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> HexData.parse(value, "data"));
        assertEquals("data", e.getParameter());
        assertEquals(
                "Invalid 'data': '" + value + "' is not hex bytes; write 0x followed by an even number of hex digits",
                e.getMessage());
    }
}
