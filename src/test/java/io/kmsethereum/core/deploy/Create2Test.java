package io.kmsethereum.core.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kmsethereum.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.web3j.utils.Numeric;

class Create2Test {
    /** The examples of EIP-1014 ("Examples"), byte for byte. */
    @ParameterizedTest
    @CsvSource({
        "0x0000000000000000000000000000000000000000, 0x0000000000000000000000000000000000000000000000000000000000000000, 0x00, 0x4D1A2e2bB4F88F0250f26Ffff098B0b30B26BF38",
        "0xdeadbeef00000000000000000000000000000000, 0x0000000000000000000000000000000000000000000000000000000000000000, 0x00, 0xB928f69Bb1D91Cd65274e3c79d8986362984fDA3",
        "0xdeadbeef00000000000000000000000000000000, 0x000000000000000000000000feed000000000000000000000000000000000000, 0x00, 0xD04116cDd17beBE565EB2422F2497E06cC1C9833",
        "0x0000000000000000000000000000000000000000, 0x0000000000000000000000000000000000000000000000000000000000000000, 0xdeadbeef, 0x70f2b2914A2a4b783FaEFb75f459A580616Fcb5e",
        "0x00000000000000000000000000000000deadbeef, 0x00000000000000000000000000000000000000000000000000000000cafebabe, 0xdeadbeef, 0x60f3f640a8508fC6a86d45DF051962668E1e8AC7",
        "0x00000000000000000000000000000000deadbeef, 0x00000000000000000000000000000000000000000000000000000000cafebabe, 0xdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeef, 0x1d8bfDC5D46DC4f61D6b6115972536eBE6A8854C",
        "0x0000000000000000000000000000000000000000, 0x0000000000000000000000000000000000000000000000000000000000000000, 0x, 0xE33C0C7F7df4809055C3ebA6c09CFe4BaF1BD9e0",
    })
    void eip1014Examples(String deployer, String salt, String initCode, String expected) {
        assertEquals(
                expected,
                Create2.address(deployer, Numeric.hexStringToByteArray(salt), Numeric.hexStringToByteArray(initCode)));
    }

    @Test
    void theProxyIsTheDefaultDeployerAndItsCalldataIsSaltThenInitCode() {
        byte[] salt = Create2.parseSalt("0x01", "salt");
        byte[] initCode = Numeric.hexStringToByteArray("0x6080604052");
        assertEquals(Create2.address(Create2.PROXY, salt, initCode), Create2.address(salt, initCode));
        assertArrayEquals(
                Numeric.hexStringToByteArray("0x" + "00".repeat(31) + "01" + "6080604052"),
                Create2.proxyCalldata(salt, initCode));
    }

    @Test
    void saltsAreHexPaddedOnTheLeftOrDecimal() {
        assertEquals("0x" + "00".repeat(31) + "2a", Numeric.toHexString(Create2.parseSalt("42", "salt")));
        assertEquals("0x" + "00".repeat(31) + "2a", Numeric.toHexString(Create2.parseSalt("0x2a", "salt")));
        assertEquals("0x" + "ff".repeat(32), Numeric.toHexString(Create2.parseSalt("0x" + "ff".repeat(32), "salt")));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Create2.parseSalt("v1", "salt"));
        assertEquals(
                "Invalid 'salt': 'v1' is not a CREATE2 salt; write 0x and up to 64 hex digits (32 bytes, padded on the left)"
                        + " or a decimal number",
                e.getMessage());
        assertThrows(InvalidInputException.class, () -> Create2.parseSalt("0x" + "ff".repeat(33), "salt"));
        assertThrows(InvalidInputException.class, () -> Create2.parseSalt("1" + "0".repeat(80), "salt"));
    }
}
