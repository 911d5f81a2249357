package io.kmsethereum.core.safe;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.rpc.NodeClient;
import io.kmsethereum.core.rpc.RpcErrorException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/** The receipt check of an execution: the Safe's ExecutionSuccess for the hash, as 1.4.1 and 1.3.0 log it. */
class SafeExecutionTest {
    private static final String SAFE = "0x5afe0000000000000000000000000000000005af";
    private static final String HASH = "0x2cc51ca6edbc864804bbe59fc5e974ca69df1f567205ea5de52967c03a3b0cd2";
    private static final String ZERO_WORD = "0".repeat(64);

    private static TransactionReceipt receipt(String address, List<String> topics, String data) {
        Log log = new Log();
        log.setAddress(address);
        log.setTopics(topics);
        log.setData(data);
        TransactionReceipt receipt = new TransactionReceipt();
        receipt.setTransactionHash("0x" + "ab".repeat(32));
        receipt.setLogs(List.of(log));
        return receipt;
    }

    private static String topic(String event) {
        return Numeric.toHexString(Hash.sha3(event.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void acceptsExecutionSuccessIndexed141AndInTheData130() {
        String success = topic("ExecutionSuccess(bytes32,uint256)");
        assertTrue(success.equals(SafeTransactions.EXECUTION_SUCCESS));
        assertDoesNotThrow(() -> SafeTransactions.requireExecutionSuccess(
                receipt(SAFE, List.of(success, HASH), "0x" + ZERO_WORD), SAFE, HASH));
        assertDoesNotThrow(() -> SafeTransactions.requireExecutionSuccess(
                receipt(SAFE, List.of(success), HASH + ZERO_WORD), SAFE, HASH));
    }

    @Test
    void refusesExecutionFailureAnotherHashAndAnotherContract() {
        String success = topic("ExecutionSuccess(bytes32,uint256)");
        String failure = topic("ExecutionFailure(bytes32,uint256)");
        for (TransactionReceipt r : List.of(
                receipt(SAFE, List.of(failure, HASH), "0x" + ZERO_WORD),
                receipt(SAFE, List.of(success, "0x" + "11".repeat(32)), "0x" + ZERO_WORD),
                receipt("0x1111111111111111111111111111111111111111", List.of(success, HASH), "0x" + ZERO_WORD))) {
            SafeExecutionException e = assertThrows(
                    SafeExecutionException.class, () -> SafeTransactions.requireExecutionSuccess(r, SAFE, HASH));
            assertTrue(e.getMessage().contains("did not report executing " + HASH), e.getMessage());
        }
    }

    private static final String SAFE_EIP55 = "0x5AFE0000000000000000000000000000000005Af";
    private static final SafeState STATE = new SafeState(
            SAFE_EIP55, "1.4.1", BigInteger.valueOf(5), List.of(SAFE_EIP55), 1, SafeTransaction.ZERO_ADDRESS);
    private static final Function<BigInteger, SafeTransaction> CHANGE = n -> new SafeTransaction(
            "0x1111111111111111111111111111111111111111",
            BigInteger.ONE,
            "0x",
            SafeTransaction.CALL,
            BigInteger.ZERO,
            BigInteger.ZERO,
            BigInteger.ZERO,
            SafeTransaction.ZERO_ADDRESS,
            SafeTransaction.ZERO_ADDRESS,
            n);

    /** A node that answers eth_getLogs only, with the given logs (or the given error). */
    private static NodeClient node(List<Log> logs, RuntimeException error) {
        return (NodeClient) java.lang.reflect.Proxy.newProxyInstance(
                NodeClient.class.getClassLoader(), new Class<?>[] {NodeClient.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("logs")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    assertEquals(SAFE_EIP55, args[0]);
                    assertEquals(SafeTransactions.EXECUTION_SUCCESS, args[1]);
                    if (error != null) {
                        throw error;
                    }
                    return logs;
                });
    }

    private static Log log(List<String> topics, String data) {
        Log log = receipt(SAFE, topics, data).getLogs().get(0);
        log.setTransactionHash("0x" + "cd".repeat(32));
        log.setBlockNumber("0x2a");
        return log;
    }

    @Test
    void findsTheSameChangeExecutedAtAnEarlierNonce141And130() {
        String at3 = CHANGE.apply(BigInteger.valueOf(3)).hashHex(1, SAFE_EIP55);
        String other = "0x" + "11".repeat(32);
        for (Log found : List.of(
                log(List.of(SafeTransactions.EXECUTION_SUCCESS, at3), "0x" + ZERO_WORD),
                log(List.of(SafeTransactions.EXECUTION_SUCCESS), at3 + ZERO_WORD))) {
            Optional<SafeTransactions.PriorExecution> prior = SafeTransactions.executedBefore(
                    node(List.of(log(List.of(SafeTransactions.EXECUTION_SUCCESS, other), "0x"), found), null),
                    1,
                    STATE,
                    CHANGE,
                    0);
            assertTrue(prior.isPresent());
            assertEquals(BigInteger.valueOf(3), prior.get().nonce());
            assertEquals(at3, prior.get().safeTxHash());
            assertEquals("0x" + "cd".repeat(32), prior.get().transactionHash());
        }
    }

    @Test
    void anotherChangeOrAnotherChainIsNotARepeat() {
        String at3 = CHANGE.apply(BigInteger.valueOf(3)).hashHex(1, SAFE_EIP55);
        String failure = topic("ExecutionFailure(bytes32,uint256)");
        NodeClient node = node(
                List.of(
                        log(List.of(failure, at3), "0x" + ZERO_WORD),
                        log(List.of(SafeTransactions.EXECUTION_SUCCESS, "0x" + "11".repeat(32)), "0x")),
                null);
        assertTrue(SafeTransactions.executedBefore(node, 1, STATE, CHANGE, 0).isEmpty());
        NodeClient executed =
                node(List.of(log(List.of(SafeTransactions.EXECUTION_SUCCESS, at3), "0x" + ZERO_WORD)), null);
        assertTrue(
                SafeTransactions.executedBefore(executed, 5, STATE, CHANGE, 0).isEmpty());
    }

    @Test
    void aRefusedLogRangeNamesSafeLogsFromBlock() {
        NodeClient node =
                node(List.of(), new RpcErrorException("node", "eth_getLogs", -32005, "range too large", null));
        InvalidInputException e = assertThrows(
                InvalidInputException.class, () -> SafeTransactions.executedBefore(node, 1, STATE, CHANGE, 0));
        assertTrue(e.getMessage().contains("safeLogsFromBlock"), e.getMessage());
    }

    private static void checkRecorded(Optional<TransactionReceipt> receipt) {
        SafeTransactions.checkRecordedExecution(receipt, SAFE, HASH, BigInteger.TWO, BigInteger.TEN, "safe-1", "0xab");
    }

    @Test
    void aRecordedExecutionMustHaveSucceeded() {
        String failure = topic("ExecutionFailure(bytes32,uint256)");
        SafeExecutionException replaced =
                assertThrows(SafeExecutionException.class, () -> checkRecorded(Optional.empty()));
        assertTrue(replaced.getMessage().contains("was used by another Safe transaction"), replaced.getMessage());
        SafeExecutionException failed = assertThrows(
                SafeExecutionException.class,
                () -> checkRecorded(Optional.of(receipt(SAFE, List.of(failure, HASH), "0x" + ZERO_WORD))));
        assertTrue(failed.getMessage().contains("the execution failed"), failed.getMessage());
        assertDoesNotThrow(() -> checkRecorded(
                Optional.of(receipt(SAFE, List.of(SafeTransactions.EXECUTION_SUCCESS, HASH), "0x" + ZERO_WORD))));
    }

    @Test
    void aBatchDelegatecallsOnlyToMultiSendCallOnlyCodeWithoutTheFlag() {
        byte[] other = Numeric.hexStringToByteArray("0x6080604052");
        InvalidInputException e = assertThrows(
                InvalidInputException.class, () -> SafeTransactions.checkBatchLibrary(other, SAFE, 1, false));
        assertTrue(e.getMessage().contains("multiSendCallOnly"), e.getMessage());
        assertTrue(e.getMessage().contains("set allowDelegateCall to true"), e.getMessage());
        assertDoesNotThrow(() -> SafeTransactions.checkBatchLibrary(other, SAFE, 1, true));
        InvalidInputException none = assertThrows(
                InvalidInputException.class, () -> SafeTransactions.checkBatchLibrary(new byte[0], SAFE, 1, true));
        assertTrue(none.getMessage().contains("has no code"), none.getMessage());
    }
}
