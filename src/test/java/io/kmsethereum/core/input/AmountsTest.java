package io.kmsethereum.core.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.InvalidInputException;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AmountsTest {
    @ParameterizedTest
    @CsvSource({
        "'0.01 ether', 10000000000000000",
        "'21 gwei', 21000000000",
        "'1000 wei', 1000",
        "1000, 1000",
        "'1.5gwei', 1500000000",
        "'1 ETHER', 1000000000000000000",
        "0x10, 16",
        "'0', 0"
    })
    void parsesUnits(String input, String wei) {
        assertEquals(new BigInteger(wei), Amounts.parseWei(input, "value"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "-1 ether", "1.5", "0.1 wei", "1.5 wei", "1 bitcoin", "ten ether", "1e18"})
    void rejectsBadAmounts(String input) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Amounts.parseWei(input, "value"));
        assertEquals("value", e.getParameter());
        assertTrue(e.getMessage().contains(input.trim()), e.getMessage());
    }

    @Test
    void blankIsAbsent() {
        assertNull(Amounts.parseWei("  ", "value"));
    }
}
