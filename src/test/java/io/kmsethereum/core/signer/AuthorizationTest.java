package io.kmsethereum.core.signer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.Json;
import io.kmsethereum.core.SignatureCheckException;
import io.kmsethereum.core.crypto.DerSignature;
import io.kmsethereum.core.crypto.Secp256k1;
import io.kmsethereum.testing.FakeKms;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.rlp.RlpEncoder;
import org.web3j.utils.Numeric;

/**
 * EIP-7702 authorizations. The known answers come from Foundry's cast 1.7.1, an implementation
 * independent of ours, with Anvil's first dev key (a public test key).
 */
class AuthorizationTest {
    /** Anvil's first dev key (from the public test mnemonic); its address is {@link #DEV}. */
    static final BigInteger DEV_KEY =
            new BigInteger("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", 16);

    static final String DEV = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    static final String DELEGATE = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

    /**
     * {@code cast wallet sign-auth --chain 1 --nonce 7 --private-key <DEV_KEY>
     * 0x5FbDB2315678afecb367f032d93F642f64180aa3}.
     */
    static final String CAST_AUTH_DEV_CHAIN1_NONCE7 =
            "0xf85a01945fbdb2315678afecb367f032d93f642f64180aa30701a0b879f023e93d9808a8b189a033acb2a3c184b78d5944e3760c496186f24a1cb2a0147e3f2c3bb60631e4dd73a37476d0312f239fc416fdb323cbafd2d548df4cc5";

    /**
     * {@code cast wallet sign-auth --chain 0 --nonce 0 --private-key <DEV_KEY>
     * 0x0000000000000000000000000000000000000000} (a revocation valid on every chain).
     */
    static final String CAST_AUTH_DEV_ANY_CHAIN_REVOKE =
            "0xf85a809400000000000000000000000000000000000000008001a0aa64791de483fa82224c2beeba9ee4c89323db0d1a39c24bcfa555b8d3c31aa9a03cdeba27b1c512236967597d1352b6d71239bebde01237ca72b26d6fd218cb97";

    private static KmsSigner dev() {
        FakeKms kms = new FakeKms(DEV_KEY, true);
        return new KmsSigner(kms, kms.key());
    }

    @Test
    void digestIsKeccakOfMagicAndRlpAsCastComputesIt() {
        // cast keccak 0x05$(cast to-rlp '["0x01","0x5fbdb2315678afecb367f032d93f642f64180aa3","0x07"]' | cut -c3-)
        assertEquals(
                "0x3d4854e790ce8ba02a20db96dd22f65cf4c8e93d060e6c3f57d19682d07b0a28",
                Numeric.toHexString(new Authorization(BigInteger.ONE, DELEGATE, BigInteger.valueOf(7)).digest()));
        // cast keccak 0x05$(cast to-rlp '["0x","0x0000000000000000000000000000000000000000","0x"]' | cut -c3-)
        assertEquals(
                "0x47a11722d19dd800b7c679d90322b58f77db7465a9e9d3442aadfcade4121b7d",
                Numeric.toHexString(
                        new Authorization(BigInteger.ZERO, Authorization.REVOKE, BigInteger.ZERO).digest()));
    }

    @Test
    void kmsSignedAuthorizationIsCastsTupleByteForByte() {
        // RFC 6979 on both sides, low s on both sides: the same r, s and y-parity
        SignedAuthorization signed =
                dev().signAuthorization(new Authorization(BigInteger.ONE, DELEGATE, BigInteger.valueOf(7)));
        assertEquals(CAST_AUTH_DEV_CHAIN1_NONCE7, Numeric.toHexString(RlpEncoder.encode(signed.toRlp())));
        assertEquals(DEV, signed.authority());
        assertEquals(1, signed.yParity());

        SignedAuthorization revoke =
                dev().signAuthorization(new Authorization(BigInteger.ZERO, Authorization.REVOKE, BigInteger.ZERO));
        assertEquals(CAST_AUTH_DEV_ANY_CHAIN_REVOKE, Numeric.toHexString(RlpEncoder.encode(revoke.toRlp())));
        assertTrue(revoke.authorization().revokes());
    }

    @Test
    void highSFromKmsBecomesLowSWithTheOtherParity() {
        FakeKms kms = new FakeKms(DEV_KEY, true);
        kms.rewrite(sig -> sig.s().compareTo(Secp256k1.HALF_N) <= 0
                ? new DerSignature(sig.r(), Secp256k1.N.subtract(sig.s()))
                : sig);
        SignedAuthorization signed = new KmsSigner(kms, kms.key())
                .signAuthorization(new Authorization(BigInteger.ONE, DELEGATE, BigInteger.valueOf(7)));
        assertEquals(CAST_AUTH_DEV_CHAIN1_NONCE7, Numeric.toHexString(RlpEncoder.encode(signed.toRlp())));
        assertEquals(1, kms.calls(), "one KMS Sign per authorization");
    }

    @Test
    void aKmsSignatureOfAnotherKeyIsNeverOutput() {
        FakeKms other = new FakeKms(BigInteger.valueOf(12345), true);
        FakeKms kms = new FakeKms(DEV_KEY, true);
        KmsSigner wrong = new KmsSigner(other, kms.key()); // answers for another key
        assertThrows(
                SignatureCheckException.class,
                () -> wrong.signAuthorization(new Authorization(BigInteger.ONE, DELEGATE, BigInteger.ONE)));
    }

    @Test
    void jsonRoundTripsInTheRpcShapeWithAuthority() throws Exception {
        SignedAuthorization signed =
                dev().signAuthorization(new Authorization(BigInteger.ONE, DELEGATE, BigInteger.valueOf(7)));
        String json = Json.MAPPER.writeValueAsString(signed);
        JsonNode tree = Json.MAPPER.readTree(json);
        assertEquals(DEV, tree.get("authority").asText());
        assertEquals("0x1", tree.get("chainId").asText());
        assertEquals("0x7", tree.get("nonce").asText());
        assertEquals("0x1", tree.get("yParity").asText());
        assertEquals(
                "0xb879f023e93d9808a8b189a033acb2a3c184b78d5944e3760c496186f24a1cb2",
                tree.get("r").asText());
        assertEquals(signed, Json.MAPPER.readValue(json, SignedAuthorization.class));
        assertEquals(
                signed,
                SignedAuthorization.fromJson(tree, "authorizationFiles", "a.json")
                        .check("p", "a.json"));
    }

    @Test
    void anAuthorizationWithoutAuthorityTakesTheRecoveredOne() {
        // the authorizationList entry as cast decode-tx prints it for the tuple above
        JsonNode node = Json.MAPPER.valueToTree(Map.of(
                "chainId", "0x1",
                "address", "0x5fbdb2315678afecb367f032d93f642f64180aa3",
                "nonce", "0x7",
                "yParity", "0x1",
                "r", "0xb879f023e93d9808a8b189a033acb2a3c184b78d5944e3760c496186f24a1cb2",
                "s", "0x147e3f2c3bb60631e4dd73a37476d0312f239fc416fdb323cbafd2d548df4cc5"));
        SignedAuthorization read = SignedAuthorization.fromJson(node, "authorizationFiles", "a.json");
        assertEquals(DEV, read.authority());
        assertEquals(DELEGATE, read.address());
    }

    @Test
    void checkRejectsHighSWrongParityAndAnotherAuthority() {
        SignedAuthorization good =
                dev().signAuthorization(new Authorization(BigInteger.ONE, DELEGATE, BigInteger.valueOf(7)));
        SignedAuthorization highS = new SignedAuthorization(
                good.authority(),
                good.chainId(),
                good.address(),
                good.nonce(),
                good.yParity() ^ 1,
                good.r(),
                Secp256k1.N.subtract(good.s()));
        // the same point: it recovers to the authority, but a node skips it (EIP-2)
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> highS.check("authorizationFiles", "a.json"));
        assertEquals("authorizationFiles", e.getParameter());
        assertTrue(e.getMessage().contains("s is above secp256k1n/2"), e.getMessage());

        SignedAuthorization parity27 = new SignedAuthorization(
                good.authority(), good.chainId(), good.address(), good.nonce(), 27, good.r(), good.s());
        assertTrue(assertThrows(InvalidInputException.class, () -> parity27.check("p", "a.json"))
                .getMessage()
                .contains("y-parity 0 or 1"));

        SignedAuthorization otherAuthority = new SignedAuthorization(
                "0x3535353535353535353535353535353535353535",
                good.chainId(),
                good.address(),
                good.nonce(),
                good.yParity(),
                good.r(),
                good.s());
        assertTrue(assertThrows(InvalidInputException.class, () -> otherAuthority.check("p", "a.json"))
                .getMessage()
                .contains("recovers to " + DEV + ", not to its authority"));

        SignedAuthorization otherNonce = new SignedAuthorization(
                good.authority(),
                good.chainId(),
                good.address(),
                BigInteger.valueOf(8),
                good.yParity(),
                good.r(),
                good.s());
        assertThrows(InvalidInputException.class, () -> otherNonce.check("p", "a.json"));
    }

    @Test
    void malformedJsonNamesTheParameterAndFile() {
        JsonNode missing = Json.MAPPER.valueToTree(Map.of("chainId", "0x1", "address", DELEGATE));
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> SignedAuthorization.fromJson(missing, "authorizationFiles", "b.json"));
        assertTrue(e.getMessage().contains("b.json") && e.getMessage().contains("\"nonce\""), e.getMessage());
        assertThrows(
                InvalidInputException.class,
                () -> SignedAuthorization.fromJson(Json.MAPPER.valueToTree(java.util.List.of()), "p", "c.json"));
    }

    @Test
    void boundsOfEip7702() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new Authorization(
                        BigInteger.ONE, DELEGATE, BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)));
        assertThrows(
                IllegalArgumentException.class,
                () -> new Authorization(BigInteger.ONE.shiftLeft(256), DELEGATE, BigInteger.ZERO));
        assertNull(new SignedAuthorization(
                        DEV, BigInteger.ONE, DELEGATE, BigInteger.ONE, 2, BigInteger.ONE, BigInteger.ONE)
                .recover());
    }
}
