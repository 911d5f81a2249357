package io.kmsethereum.core.signer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.InvalidInputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * EIP-712 digests checked against Foundry's cast 1.7.1 (alloy), an independent implementation:
 * {@code cast wallet sign --private-key 0x3636…36 --data --from-file <doc>} signs with RFC 6979
 * nonces, as web3j's {@link Sign#signMessage} does, so equal signatures mean equal digests.
 */
class TypedDataTest {
    private static final ECKeyPair KEY =
            ECKeyPair.create(Numeric.toBigInt("0x3636363636363636363636363636363636363636363636363636363636363636"));

    @ParameterizedTest
    @CsvSource({
        "mail.json, 0x4abf224d0fe5388c038563374269300eadcce58b6ab5104b1b08d45f73581083446d0f3f18134c26ec3d3fba775e5e8c6a67a721dc3581cc41f937384427ebba1b",
        // nested structs, an array of structs, string[], uint256[2], bytes and a ragged int32[][]
        "nested.json, 0xb4feec82519eb2d4a4facf2332fab8cc9a21856374f95814de0067482c45f3da19a05626e996e68c53165e6a7068aa79d2211c469ba3b8f3f97e7f9749ce7fe51b",
        // the same without EIP712Domain in types: derived from the domain's fields
        "no-domain-type.json, 0xb4feec82519eb2d4a4facf2332fab8cc9a21856374f95814de0067482c45f3da19a05626e996e68c53165e6a7068aa79d2211c469ba3b8f3f97e7f9749ce7fe51b",
        // int256 minimum as a string, bytes1, uint8 as hex, struct[][] with an empty row, empty address[], bytes[],
        // int8[2][]
        "edge-types.json, 0x9596be2ceffe539655c15a98ded60eb70c5d19b046e3df4b2b8b3cae8a2afd1809c1970a160d9f76f2c04d7bf1b900cfdeaf7ff847165d7d334057a4993fb16d1c",
        // primaryType EIP712Domain: no message hash
        "domain-only.json, 0x7227298209ae2d4e3cbe44b63edc70877688ef9afcf6153098a5443c09d4be14250bfa6a34dc8a2dc0b4275c54a7944ff15e9095a24849c28d2df35905f512dc1c"
    })
    void digestsMatchAnIndependentImplementation(String document, String castSignature) throws IOException {
        byte[] digest = TypedData.parse(read(document), "typedDataFile").digest();
        Sign.SignatureData sig = Sign.signMessage(digest, KEY, false);
        assertEquals(
                castSignature,
                Numeric.toHexString(sig.getR())
                        + Numeric.toHexStringNoPrefix(sig.getS())
                        + Numeric.toHexStringNoPrefix(sig.getV()));
    }

    @Test
    void mailMatchesTheExampleInEip712() throws IOException {
        TypedData mail = TypedData.parse(read("mail.json"), "typedDataFile");
        assertEquals(
                "Mail(Person from,Person to,string contents)Person(string name,address wallet)",
                mail.encodeType("Mail"));
        assertEquals(
                "0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2",
                Numeric.toHexString(mail.digest()));
    }

    @Test
    void dependenciesAreSortedByName() throws IOException {
        assertEquals(
                "Order(Party maker,Item[] items,string[] tags,uint256[2] amounts,int32[][] grid,bytes memo,uint64 deadline,bool active)"
                        + "Item(bytes32 sku,uint16 quantity,Party owner)Party(address wallet,string name)",
                TypedData.parse(read("nested.json"), "typedDataFile").encodeType("Order"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "{|is not valid JSON",
                "[]|must be a JSON object",
                "{\"primaryType\": \"T\"}|has no \"types\" object",
                "{\"types\": {\"T\": []}, \"domain\": {}}|has no \"primaryType\"",
                "{\"types\": {\"T\": []}, \"primaryType\": \"U\", \"domain\": {}, \"message\": {}}|primaryType 'U' is not defined",
                "{\"types\": {\"T\": [{\"name\": \"a\", \"type\": \"Missing\"}]}, \"primaryType\": \"T\", \"domain\": {}, \"message\": {}}|types.T.a has type 'Missing'",
                "{\"types\": {\"T\": [{\"name\": \"a\", \"type\": \"uint7\"}]}, \"primaryType\": \"T\", \"domain\": {}, \"message\": {}}|neither a Solidity type",
                "{\"types\": {\"T\": [{\"name\": \"a\", \"type\": \"uint8\"}]}, \"primaryType\": \"T\", \"domain\": {}, \"message\": {\"a\": 256}}|message.a 256 is out of range for uint8",
                "{\"types\": {\"T\": [{\"name\": \"a\", \"type\": \"int8\"}]}, \"primaryType\": \"T\", \"domain\": {}, \"message\": {\"a\": 1.5}}|message.a must be an integer",
                "{\"types\": {\"T\": [{\"name\": \"a\", \"type\": \"address\"}]}, \"primaryType\": \"T\", \"domain\": {}, \"message\": {\"a\": \"0x12\"}}|message.a must be an address",
                "{\"types\": {\"T\": [{\"name\": \"a\", \"type\": \"bytes4\"}]}, \"primaryType\": \"T\", \"domain\": {}, \"message\": {\"a\": \"0x12\"}}|message.a has 1 bytes; bytes4 needs exactly 4",
                "{\"types\": {\"T\": [{\"name\": \"a\", \"type\": \"uint8[2]\"}]}, \"primaryType\": \"T\", \"domain\": {}, \"message\": {\"a\": [1]}}|message.a has 1 elements; uint8[2] needs 2",
                "{\"types\": {\"T\": [{\"name\": \"a\", \"type\": \"bool\"}]}, \"primaryType\": \"T\", \"domain\": {}, \"message\": {}}|message.a is missing (type bool)",
                "{\"types\": {\"T\": [{\"name\": \"a\", \"type\": \"string\"}]}, \"primaryType\": \"T\", \"domain\": {}, \"message\": {\"a\": 5}}|message.a must be a string"
            })
    void rejectsMalformedDocuments(String json, String message) {
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> TypedData.parse(json, "typedDataFile").digest());
        assertEquals("typedDataFile", e.getParameter());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    static String read(String name) throws IOException {
        try (InputStream in = TypedDataTest.class.getResourceAsStream("/typed-data/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
