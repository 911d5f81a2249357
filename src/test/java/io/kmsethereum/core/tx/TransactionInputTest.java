package io.kmsethereum.core.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.InvalidInputException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.utils.Numeric;

/**
 * The transaction parameters as configured become a typed request, and every value that cannot
 * be used fails here, naming its parameter, before any node or KMS call. The Mojo tests run one
 * of these cases per goal through Maven; the rest are the parameterized cases below.
 */
class TransactionInputTest {
    private static final String TO = "0x2222222222222222222222222222222222222222";
    private static final String KEY1 = "0x0000000000000000000000000000000000000000000000000000000000000001";

    private static TransactionInput in(
            String txType,
            String to,
            String data,
            String function,
            List<String> args,
            String gasPrice,
            String maxFee,
            String maxPriority,
            String accessList) {
        return new TransactionInput(
                txType, to, null, data, function, args, null, null, null, gasPrice, maxFee, maxPriority, accessList);
    }

    private static InvalidInputException fails(TransactionInput input) {
        return assertThrows(InvalidInputException.class, input::toRequest);
    }

    @Test
    void functionAndArgumentsBecomeCalldata() {
        TransactionRequest r = in(null, TO, null, "transfer(address,uint256)", List.of(TO, "5"), null, null, null, null)
                .toRequest();
        assertEquals(
                "0xa9059cbb" + "0000000000000000000000002222222222222222222222222222222222222222"
                        + "0000000000000000000000000000000000000000000000000000000000000005",
                Numeric.toHexString(r.data()));
        assertNull(r.chainId());
        assertNull(r.nonce());
        assertEquals(TransactionType.EIP1559, r.type());
    }

    @Test
    void dataAndFunctionTogetherAreAnError() {
        InvalidInputException e = fails(in(null, TO, "0x12", "f()", null, null, null, null, null));
        assertEquals("data", e.getParameter());
        assertTrue(e.getMessage().contains("and 'function' are both set; use one"));
    }

    @Test
    void argumentsNeedAFunction() {
        assertEquals(
                "arguments",
                fails(in(null, TO, null, null, List.of("1"), null, null, null, null))
                        .getParameter());
    }

    @Test
    void aFunctionCallNeedsTo() {
        InvalidInputException e = fails(in(null, null, null, "f()", null, null, null, null, null));
        assertEquals("to", e.getParameter());
        assertTrue(e.getMessage().contains("'function' calls a contract"));
    }

    @Test
    void accessListsOnTypedTransactionsOnly() {
        String list = "[{\"address\": \"" + TO + "\", \"storageKeys\": [\"" + KEY1 + "\"]}]";
        TransactionRequest r =
                in("eip2930", TO, null, null, null, null, null, null, list).toRequest();
        assertEquals(1, r.accessList().size());
        assertEquals(List.of(KEY1), r.accessList().get(0).getStorageKeys());
        assertEquals(
                1,
                in("eip1559", TO, null, null, null, null, null, null, list)
                        .toRequest()
                        .accessList()
                        .size());
        InvalidInputException e = fails(in("legacy", TO, null, null, null, null, null, null, list));
        assertEquals("accessList", e.getParameter());
    }

    @Test
    void badAccessListsNameThePlace() {
        assertEquals(
                "accessList",
                fails(in("eip2930", TO, null, null, null, null, null, null, "{"))
                        .getParameter());
        assertEquals(
                "accessList",
                fails(in("eip2930", TO, null, null, null, null, null, null, "{}"))
                        .getParameter());
        assertEquals(
                "accessList[0]",
                fails(in("eip2930", TO, null, null, null, null, null, null, "[{}]"))
                        .getParameter());
        assertEquals(
                "accessList[0].address",
                fails(in("eip2930", TO, null, null, null, null, null, null, "[{\"address\": \"0x12\"}]"))
                        .getParameter());
        InvalidInputException key = fails(in(
                "eip2930",
                TO,
                null,
                null,
                null,
                null,
                null,
                null,
                "[{\"address\": \"" + TO + "\", \"storageKeys\": [\"0x01\"]}]"));
        assertEquals("accessList[0].storageKeys[0]", key.getParameter());
        assertTrue(key.getMessage().contains("a storage key is 32 bytes"));
    }

    @Test
    void feesMustFitTheType() {
        assertEquals(
                "gasPrice",
                fails(in("eip1559", TO, null, null, null, "1 gwei", null, null, null))
                        .getParameter());
        assertEquals(
                "maxFeePerGas",
                fails(in("legacy", TO, null, null, null, null, "1 gwei", null, null))
                        .getParameter());
        assertEquals(
                "maxPriorityFeePerGas",
                fails(in("eip1559", TO, null, null, null, null, "1 gwei", "2 gwei", null))
                        .getParameter());
    }

    @Test
    void valuesAreParsed() {
        TransactionRequest r = new TransactionInput(
                        "legacy", TO, "0.5 ether", null, null, null, "0x1", "12", "21000", "3 gwei", null, null, null)
                .toRequest();
        assertEquals(1L, r.chainId());
        assertEquals(BigInteger.valueOf(12), r.nonce());
        assertEquals(BigInteger.valueOf(21000), r.gasLimit());
        assertEquals(new BigInteger("3000000000"), r.gasPriceWei());
        assertEquals(new BigInteger("500000000000000000"), r.valueWei());
        assertEquals(
                "chainId",
                fails(new TransactionInput(null, TO, null, null, null, null, "0", null, null, null, null, null, null))
                        .getParameter());
    }

    /** A complete offline EIP-1559 transfer, as the Mojo tests configure it. */
    private static final Map<String, String> SIGNABLE = Map.of(
            "to", "0x3535353535353535353535353535353535353535",
            "value", "0.01 ether",
            "chainId", "1",
            "nonce", "7",
            "gasLimit", "21000",
            "maxFeePerGas", "30 gwei",
            "maxPriorityFeePerGas", "1.5 gwei");

    /**
     * @param changes parameters to set on top of {@link #SIGNABLE}; an empty value removes one,
     *     {@code arguments} are separated by {@code |}
     */
    private static TransactionInput signable(Map<String, String> changes) {
        Map<String, String> p = new HashMap<>(SIGNABLE);
        p.putAll(changes);
        String arguments = p.get("arguments");
        return new TransactionInput(
                p.get("txType"),
                p.get("to"),
                p.get("value"),
                p.get("data"),
                p.get("function"),
                arguments == null ? null : List.of(arguments.split("\\|")),
                p.get("chainId"),
                p.get("nonce"),
                p.get("gasLimit"),
                p.get("gasPrice"),
                p.get("maxFeePerGas"),
                p.get("maxPriorityFeePerGas"),
                p.get("accessList"));
    }

    @Test
    void theSignableBaseIsValid() {
        TransactionRequest r = signable(Map.of()).toRequest();
        assertEquals(new BigInteger("30000000000"), r.maxFeePerGasWei());
        assertEquals(BigInteger.valueOf(7), r.nonce());
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                bad(Map.of("to", "0xZZ35353535353535353535353535353535353535"), "to", "'Z' is not a hex digit"),
                bad(Map.of("to", "0x353535353535353535353535353535353535353"), "to", "got 39 characters after 0x"),
                bad(
                        Map.of("to", "0x5aaeb6053F3E94C9b9A09f33669435E7Ef1BeAed"),
                        "to",
                        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"),
                bad(Map.of("to", "", "value", ""), "to", "'data'"),
                bad(Map.of("value", "1 bitcoin"), "value", "unknown unit 'bitcoin'"),
                bad(Map.of("value", "1.5 wei"), "value", "is a fraction of a wei"),
                bad(Map.of("value", "-1 ether"), "value", "is not an amount"),
                bad(Map.of("txType", "eip4844"), "txType", "is not a transaction type"),
                bad(Map.of("chainId", "0"), "chainId", "must be positive (EIP-155), was 0"),
                bad(Map.of("chainId", "mainnet"), "chainId", "is not a whole number"),
                bad(Map.of("nonce", "18446744073709551615"), "nonce", "is larger than 18446744073709551614"),
                bad(Map.of("gasPrice", "20 gwei"), "gasPrice", "applies to legacy and eip2930"),
                bad(Map.of("txType", "legacy", "gasPrice", "20 gwei"), "maxFeePerGas", "for legacy set gasPrice"),
                bad(
                        Map.of("txType", "legacy", "gasPrice", "20 gwei", "maxFeePerGas", ""),
                        "maxPriorityFeePerGas",
                        "applies to eip1559 and eip7702 transactions only"),
                bad(Map.of("maxPriorityFeePerGas", "31 gwei"), "maxPriorityFeePerGas", "is higher than maxFeePerGas"),
                bad(Map.of("data", "0x123"), "data", "is not hex bytes"),
                bad(Map.of("data", "a9059cbb"), "data", "is not hex bytes"),
                bad(Map.of("data", "0x12", "function", "transfer(address,uint256)"), "data", "are both set"),
                bad(
                        Map.of(
                                "function",
                                "transfer(address,bool)",
                                "arguments",
                                "0x3400000000000000000000000000000000000001|25"),
                        "arguments[1]",
                        "is not a bool"),
                bad(Map.of("accessList", "{"), "accessList", "is not valid JSON"),
                bad(
                        Map.of(
                                "txType",
                                "legacy",
                                "gasPrice",
                                "20 gwei",
                                "maxFeePerGas",
                                "",
                                "maxPriorityFeePerGas",
                                "",
                                "accessList",
                                "[{\"address\": \"0x3535353535353535353535353535353535353535\"}]"),
                        "accessList",
                        "applies to eip2930 and eip1559 transactions only"));
    }

    private static Arguments bad(Map<String, String> changes, String parameter, String fragment) {
        return Arguments.of(changes, parameter, fragment);
    }

    @ParameterizedTest
    @MethodSource("badValues")
    void aBadValueNamesItsParameter(Map<String, String> changes, String parameter, String fragment) {
        InvalidInputException e = fails(signable(changes));
        assertEquals(parameter, e.getParameter(), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
