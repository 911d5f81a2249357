package io.kmsethereum.core.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.InvalidInputException;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;

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
}
