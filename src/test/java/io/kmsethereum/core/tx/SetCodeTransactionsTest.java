package io.kmsethereum.core.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.Json;
import io.kmsethereum.core.signer.Authorization;
import io.kmsethereum.core.signer.KmsSigner;
import io.kmsethereum.core.signer.SignedAuthorization;
import io.kmsethereum.testing.FakeKms;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.AccessListObject;
import org.web3j.utils.Numeric;

/**
 * The EIP-7702 envelope against Foundry's cast 1.7.1 (independent of web3j and of us), with
 * Anvil's first dev key, a public test key.
 */
class SetCodeTransactionsTest {
    private static final BigInteger DEV_KEY =
            new BigInteger("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", 16);
    private static final String DEV = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
    private static final String DELEGATE = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

    /**
     * The second authorization, by the key {@code 0x0202…02} (address
     * {@code 0x5050A4F4b3f9338C3472dcC01A87C76A144b3c9c}):
     * {@code cast wallet sign-auth --chain 1 --nonce 3 --private-key 0x0202…02
     * 0x5FbDB2315678afecb367f032d93F642f64180aa3}, as {@code cast decode-tx} prints it.
     */
    private static final Map<String, String> SECOND = Map.of(
            "chainId", "0x1",
            "address", "0x5fbdb2315678afecb367f032d93f642f64180aa3",
            "nonce", "0x3",
            "yParity", "0x0",
            "r", "0xb8163ad3a919651c36e4ac5fa48c2a88edc43d7ac6f2ca96651ebd328005ccc1",
            "s", "0x37a07deef6d775fdf705d4e5b7c519218892590e7ac859a0f0efa65b14f21b84");

    /**
     * {@code cast mktx --private-key <DEV_KEY> --chain 1 --nonce 6 --gas-limit 150000
     * --gas-price 30gwei --priority-gas-price 1gwei --auth <DEV's sign-auth --chain 1 --nonce 7>
     * --auth <SECOND> --value 5 0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266 0xdeadbeef}: a
     * self-sponsored authorization (nonce = transaction nonce + 1) and another account's.
     */
    private static final String CAST_TX =
            "0x04f9012a0106843b9aca008506fc23ac00830249f094f39fd6e51aad88f6f4ce6ab8827279cfffb922660584deadbeefc0f8b8f85a01945fbdb2315678afecb367f032d93f642f64180aa30701a0b879f023e93d9808a8b189a033acb2a3c184b78d5944e3760c496186f24a1cb2a0147e3f2c3bb60631e4dd73a37476d0312f239fc416fdb323cbafd2d548df4cc5f85a01945fbdb2315678afecb367f032d93f642f64180aa30380a0b8163ad3a919651c36e4ac5fa48c2a88edc43d7ac6f2ca96651ebd328005ccc1a037a07deef6d775fdf705d4e5b7c519218892590e7ac859a0f0efa65b14f21b8480a061d42c5e9355cfc92971c8f3231995fefe66cd6947b55a5ef5d6cc869f02c0bca07631873341ad68375c71970b8108bbf06e21ff9c976a64cc35e24f06a457eeb1";

    /** The hash {@code cast decode-tx} reports for {@link #CAST_TX}. */
    private static final String CAST_HASH = "0xe0bbc6048624d525d788ab485089dac4e24eb28b718f5214944e6b347bd44c1b";

    private static TransactionRequest request(List<SignedAuthorization> authorizations) {
        return new TransactionRequest(
                        TransactionType.EIP7702,
                        1L,
                        BigInteger.valueOf(6),
                        DEV,
                        BigInteger.valueOf(5),
                        Numeric.hexStringToByteArray("0xdeadbeef"),
                        BigInteger.valueOf(150_000),
                        null,
                        BigInteger.valueOf(30_000_000_000L),
                        BigInteger.valueOf(1_000_000_000L),
                        List.of())
                .withAuthorizationList(authorizations);
    }

    @Test
    void selfSponsoredTransactionIsCastsByteForByte() {
        FakeKms kms = new FakeKms(DEV_KEY, true);
        KmsSigner signer = new KmsSigner(kms, kms.key());
        SignedAuthorization own =
                signer.signAuthorization(new Authorization(BigInteger.ONE, DELEGATE, BigInteger.valueOf(7)));
        SignedAuthorization second = SignedAuthorization.fromJson(Json.MAPPER.valueToTree(SECOND), "p", "cast")
                .check("p", "cast");
        assertEquals("0x5050A4F4b3f9338C3472dcC01A87C76A144b3c9c", second.authority());

        SignedTransaction signed =
                SetCodeTransactions.sign(request(List.of(own, second)), signer.getAddress(), signer::signDigest);

        assertEquals(CAST_TX, signed.raw());
        assertEquals(CAST_HASH, signed.hash());
        assertEquals(2, kms.calls(), "one KMS Sign for the authorization, one for the transaction");
        assertEquals("eip7702", signed.type());
        assertEquals("6", signed.nonce());
        assertEquals(List.of(own, second), signed.authorizationList());
        assertEquals(null, signed.gasPrice());
    }

    private static KmsSigner dev() {
        FakeKms kms = new FakeKms(DEV_KEY, true);
        return new KmsSigner(kms, kms.key());
    }

    private static SignedAuthorization devAuthorization() {
        return dev().signAuthorization(new Authorization(BigInteger.ONE, DELEGATE, BigInteger.valueOf(7)));
    }

    @Test
    void outputJsonListsTheAuthorizations() throws Exception {
        SignedAuthorization own = devAuthorization();
        SignedTransaction signed = SetCodeTransactions.sign(request(List.of(own)), DEV, dev()::signDigest);
        var tree = Json.MAPPER.readTree(Json.toBytes(signed));
        assertEquals("eip7702", tree.get("type").asText());
        assertEquals(DEV, tree.get("authorizationList").get(0).get("authority").asText());
        assertEquals("0x7", tree.get("authorizationList").get(0).get("nonce").asText());
        // a state record round trip keeps the list
        SignedTransaction read = Json.MAPPER.readValue(Json.toBytes(signed), SignedTransaction.class);
        assertEquals(signed.authorizationList(), read.authorizationList());
        assertEquals(signed.raw(), read.raw());
    }

    @Test
    void accessListIsEncodedAsInEip2930() {
        TransactionRequest r = request(List.of(devAuthorization()));
        TransactionRequest withList = new TransactionRequest(
                        r.type(),
                        r.chainId(),
                        r.nonce(),
                        r.to(),
                        r.valueWei(),
                        r.data(),
                        r.gasLimit(),
                        null,
                        r.maxFeePerGasWei(),
                        r.maxPriorityFeePerGasWei(),
                        List.of(new AccessListObject(
                                DELEGATE,
                                List.of("0x0000000000000000000000000000000000000000000000000000000000000001"))))
                .withAuthorizationList(r.authorizationList());
        String payload = Numeric.toHexString(SetCodeTransactions.signingPayload(withList));
        // [[address, [key]]] after data 0xdeadbeef: f838 f794 <20 bytes> e1 a0 <32 bytes>
        assertTrue(
                payload.contains("84deadbeeff838f7945fbdb2315678afecb367f032d93f642f64180aa3e1a0"
                        + "0000000000000000000000000000000000000000000000000000000000000001"),
                payload);
    }

    @Test
    void aSetCodeTransactionNeedsADestinationAndAnAuthorization() {
        TransactionRequest none = request(List.of());
        InvalidInputException empty =
                assertThrows(InvalidInputException.class, () -> SetCodeTransactions.checkComplete(none));
        assertEquals("delegate", empty.getParameter());

        SignedAuthorization own = devAuthorization();
        TransactionRequest r = request(List.of(own));
        TransactionRequest creation = new TransactionRequest(
                        r.type(),
                        r.chainId(),
                        r.nonce(),
                        null,
                        r.valueWei(),
                        r.data(),
                        r.gasLimit(),
                        null,
                        r.maxFeePerGasWei(),
                        r.maxPriorityFeePerGasWei(),
                        List.of())
                .withAuthorizationList(List.of(own));
        assertEquals(
                "to",
                assertThrows(InvalidInputException.class, () -> SetCodeTransactions.checkComplete(creation))
                        .getParameter());
        TransactionRequest noFees = r.withFields(1L, BigInteger.ONE, BigInteger.ONE, null, null, null);
        InvalidInputException missing =
                assertThrows(InvalidInputException.class, () -> SetCodeTransactions.checkComplete(noFees));
        assertEquals("maxFeePerGas, maxPriorityFeePerGas", missing.getParameter());
    }
}
