package io.kmsethereum.core.safe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.InvalidInputException;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;

/** The parameters of kms-safe, parsed before the node or KMS is asked anything. */
class SafeRequestTest {
    private static final String SAFE = "0x5afe0000000000000000000000000000000005af";
    private static final String TARGET = "0x1111111111111111111111111111111111111111";

    private static SafeRequest.Input input(
            String to, String function, String operation, boolean allow, List<SafeRequest.CallInput> calls) {
        return new SafeRequest.Input(
                SAFE, to, null, null, function, null, operation, allow, calls, null, null, null, null, null, null, null,
                null);
    }

    @Test
    void oneCallDefaultsToCallWithTheNoRefundValues() {
        SafeRequest r = input(TARGET, "increment()", null, false, null).parse();
        SafeTransaction tx = r.transaction(null, BigInteger.TEN);
        assertEquals(SafeTransaction.CALL, tx.operation());
        assertEquals("0xd09de08a", tx.data());
        assertEquals(BigInteger.ZERO, tx.safeTxGas());
        assertEquals(BigInteger.ZERO, tx.baseGas());
        assertEquals(BigInteger.ZERO, tx.gasPrice());
        assertEquals(SafeTransaction.ZERO_ADDRESS, tx.gasToken());
        assertEquals(SafeTransaction.ZERO_ADDRESS, tx.refundReceiver());
        assertEquals(BigInteger.TEN, tx.nonce());
    }

    @Test
    void delegatecallNeedsTheExplicitFlag() {
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> input(TARGET, null, "delegatecall", false, null).parse());
        assertEquals("operation", e.getParameter());
        assertTrue(e.getMessage().contains("Set allowDelegateCall to true"));
        assertEquals(
                SafeTransaction.DELEGATECALL,
                input(TARGET, null, "delegatecall", true, null).parse().operation());
        assertEquals(
                "operation",
                assertThrows(
                                InvalidInputException.class,
                                () -> input(TARGET, null, "staticcall", true, null)
                                        .parse())
                        .getParameter());
    }

    @Test
    void aBatchIsADelegatecallToMultiSendCallOnlyWithoutTheFlag() {
        SafeRequest r = input(
                        null,
                        null,
                        null,
                        false,
                        List.of(
                                new SafeRequest.CallInput(TARGET, "1 wei", null, "increment()", null),
                                new SafeRequest.CallInput(TARGET, null, "0x", null, null)))
                .parse();
        SafeTransaction tx = r.transaction(MultiSend.CALL_ONLY_1_4_1, BigInteger.ZERO);
        assertEquals(SafeTransaction.DELEGATECALL, tx.operation());
        assertEquals(MultiSend.CALL_ONLY_1_4_1, tx.to());
        assertEquals(BigInteger.ZERO, tx.value());
        assertTrue(tx.data().startsWith("0x8d80ff0a"));
        assertEquals(Numeric.toHexString(MultiSend.encode(r.calls())), tx.data());
    }

    @Test
    void badCallsNameTheEntry() {
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> input(
                                null,
                                null,
                                null,
                                false,
                                List.of(
                                        new SafeRequest.CallInput(TARGET, null, "0x", null, null),
                                        new SafeRequest.CallInput(TARGET, null, null, "f(uint256)", List.of("x"))))
                        .parse());
        assertEquals("calls[2].arguments[0]", e.getParameter());
        assertEquals(
                "calls",
                assertThrows(
                                InvalidInputException.class,
                                () -> input(
                                                TARGET,
                                                null,
                                                null,
                                                false,
                                                List.of(new SafeRequest.CallInput(TARGET, null, null, null, null)))
                                        .parse())
                        .getParameter());
        assertEquals(
                "operation",
                assertThrows(
                                InvalidInputException.class,
                                () -> input(
                                                null,
                                                null,
                                                "delegatecall",
                                                true,
                                                List.of(new SafeRequest.CallInput(TARGET, null, null, null, null)))
                                        .parse())
                        .getParameter());
        assertEquals(
                "to",
                assertThrows(
                                InvalidInputException.class,
                                () -> input(null, null, null, false, null).parse())
                        .getParameter());
    }
}
