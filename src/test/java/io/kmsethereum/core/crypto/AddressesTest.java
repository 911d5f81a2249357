package io.kmsethereum.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.InvalidInputException;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

class AddressesTest {
    @ParameterizedTest // the test vectors of EIP-55
    @ValueSource(
            strings = {
                "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
                "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
                "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
                "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"
            })
    void eip55VectorsAreAccepted(String address) {
        assertEquals(address, Addresses.parse(address, "to"));
        assertEquals(address, Addresses.parse(address.toLowerCase(), "to"));
    }

    @Test
    void wrongChecksumIsRejectedWithTheFix() {
        InvalidInputException e = assertThrows(
                InvalidInputException.class, () -> Addresses.parse("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", "to"));
        assertEquals("to", e.getParameter());
        assertTrue(
                e.getMessage().contains("EIP-55")
                        && e.getMessage().contains("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"),
                e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "0x1234 | got 4 characters after 0x",
                "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed00 | got 42 characters after 0x",
                "5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed | does not start with 0x",
                "0xZZAeb6053F3E94C9b9A09f33669435E7Ef1BeAed | 'Z' is not a hex digit",
                "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg | 'g' is not a hex digit"
            })
    void malformedAddressesAreRejectedSayingWhatIsWrong(String value, String reason) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Addresses.parse(value, "to"));
        assertTrue(e.getMessage().startsWith("Invalid 'to'"), e.getMessage());
        assertTrue(e.getMessage().endsWith(reason), e.getMessage());
    }

    @Test
    void addressFromPublicKeyMatchesWeb3j() {
        ECKeyPair pair = ECKeyPair.create(
                new BigInteger("4646464646464646464646464646464646464646464646464646464646464646", 16));
        byte[] raw = Numeric.toBytesPadded(pair.getPublicKey(), 64);
        assertEquals("0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F", Addresses.fromPublicKey(raw));
    }

    @Test
    void checksumAndAddressAgreeWithWeb3jForManyKeys() {
        java.util.Random random = new java.util.Random(55);
        for (int i = 0; i < 200; i++) {
            ECKeyPair pair = ECKeyPair.create(
                    new BigInteger(256, random).mod(Secp256k1.N).max(BigInteger.ONE));
            byte[] raw = Numeric.toBytesPadded(pair.getPublicKey(), 64);
            String web3j = Keys.toChecksumAddress(Keys.getAddress(pair.getPublicKey()));
            assertEquals(web3j, Addresses.fromPublicKey(raw));
            assertEquals(web3j, Addresses.checksummed(web3j.substring(2).toUpperCase(java.util.Locale.ROOT)));
            assertEquals(web3j, Addresses.parse(web3j.toLowerCase(java.util.Locale.ROOT), "to"));
        }
    }
}
