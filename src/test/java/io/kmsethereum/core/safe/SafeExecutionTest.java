package io.kmsethereum.core.safe;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
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
}
