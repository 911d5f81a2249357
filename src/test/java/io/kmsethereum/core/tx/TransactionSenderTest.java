package io.kmsethereum.core.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.ServiceUnavailableException;
import io.kmsethereum.testing.FakeNode;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransactionSenderTest {
    private static final String HASH = "0x" + "ab".repeat(32);
    private static final SignedTransaction TX = new SignedTransaction(
            "eip1559",
            31337,
            "7",
            "0x1111111111111111111111111111111111111111",
            "0x2222222222222222222222222222222222222222",
            "1000",
            "50000",
            null,
            "3000000000",
            "1000000000",
            "0xa9059cbb",
            null,
            HASH,
            "0x02f8");

    private final FakeNode node = new FakeNode();
    private final List<String> progress = new ArrayList<>();
    private final AtomicLong now = new AtomicLong();
    private final TransactionSender.Clock clock = new TransactionSender.Clock() {
        @Override
        public long millis() {
            return now.get();
        }

        @Override
        public void sleep(long millis) {
            now.addAndGet(millis);
        }
    };

    private TransactionSender sender(int confirmations, int timeoutSeconds) {
        return new TransactionSender(
                node,
                new TransactionSender.Options(
                        confirmations,
                        Duration.ofSeconds(timeoutSeconds),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(5)),
                progress::add,
                clock);
    }

    @Test
    void sendsAndReturnsTheReceipt() {
        node.sendRawTransaction = raw -> HASH;
        node.receipt = h -> Optional.of(FakeNode.receipt(HASH, 12, "0xb12", "0x1", 21000));
        Receipt r = sender(1, 60).send(TX);
        assertTrue(r.success());
        assertEquals(12, r.blockNumber());
        assertEquals(1, r.confirmations());
        assertEquals(BigInteger.valueOf(21000).multiply(BigInteger.TEN.pow(9)), r.fee());
        assertEquals(List.of("eth_sendRawTransaction", "eth_getTransactionReceipt"), node.calls);
        assertEquals(
                List.of(
                        "Sent transaction " + HASH + " to http://fake:8545",
                        "Transaction " + HASH + " mined in block 12"),
                progress);
    }

    @Test
    void pollsWithProgressLinesUntilTheReceiptArrives() {
        AtomicInteger polls = new AtomicInteger();
        node.receipt = h -> polls.incrementAndGet() < 12
                ? Optional.empty()
                : Optional.of(FakeNode.receipt(HASH, 12, "0xb12", "0x1", 21000));
        Receipt r = sender(1, 60).awaitReceipt(TX);
        assertEquals(12, r.blockNumber());
        assertEquals(11_000, now.get(), "11 pauses of 1 s");
        assertEquals(
                List.of(
                        "Waiting for the receipt of " + HASH + " (5 of 60 s)",
                        "Waiting for the receipt of " + HASH + " (10 of 60 s)",
                        "Transaction " + HASH + " mined in block 12"),
                progress);
    }

    @Test
    void waitsForConfirmations() {
        AtomicLong head = new AtomicLong(12);
        node.receipt = h -> Optional.of(FakeNode.receipt(HASH, 12, "0xb12", "0x1", 21000));
        node.blockNumber = () -> BigInteger.valueOf(head.getAndIncrement());
        Receipt r = sender(3, 60).awaitReceipt(TX);
        assertEquals(3, r.confirmations());
        assertEquals(2_000, now.get());
    }

    @Test
    void aReorganisationIsNoticed() {
        AtomicInteger polls = new AtomicInteger();
        node.receipt = h -> Optional.of(
                polls.incrementAndGet() == 1
                        ? FakeNode.receipt(HASH, 12, "0xb12", "0x1", 21000)
                        : FakeNode.receipt(HASH, 13, "0xb13", "0x1", 21000));
        AtomicLong head = new AtomicLong(12);
        node.blockNumber = () -> BigInteger.valueOf(head.getAndIncrement());
        Receipt r = sender(2, 60).awaitReceipt(TX);
        assertEquals(13, r.blockNumber());
        assertTrue(
                progress.contains("Transaction " + HASH + " moved from block 12 to block 13 (reorganisation)"),
                progress.toString());
    }

    @Test
    void timesOutWithTheHashAndWhatToDo() {
        ReceiptTimeoutException e =
                assertThrows(ReceiptTimeoutException.class, () -> sender(1, 7).awaitReceipt(TX));
        assertEquals(HASH, e.transactionHash());
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "No receipt for transaction " + HASH
                                        + " (nonce 7 from 0x1111111111111111111111111111111111111111)"
                                        + " after 7 s (receiptTimeout 7 s). It was sent to http://fake:8545 and may still be mined"),
                e.getMessage());
        assertEquals(List.of("Waiting for the receipt of " + HASH + " (5 of 7 s)"), progress);
    }

    @Test
    void tooFewConfirmationsInTimeSaysDoNotResend() {
        node.receipt = h -> Optional.of(FakeNode.receipt(HASH, 12, "0xb12", "0x1", 21000));
        node.blockNumber = () -> BigInteger.valueOf(12);
        ReceiptTimeoutException e =
                assertThrows(ReceiptTimeoutException.class, () -> sender(2, 3).awaitReceipt(TX));
        assertTrue(e.getMessage().contains("was mined in block 12 but has only 1 of 2 confirmations"), e.getMessage());
        assertTrue(e.getMessage().endsWith("do not send it again"));
    }

    @Test
    void anUnreachableNodeDuringTheWaitIsAskedAgain() {
        AtomicInteger polls = new AtomicInteger();
        node.receipt = h -> {
            if (polls.incrementAndGet() < 3) {
                throw new ServiceUnavailableException("connection refused", null);
            }
            return Optional.of(FakeNode.receipt(HASH, 12, "0xb12", "0x1", 21000));
        };
        assertEquals(12, sender(1, 60).awaitReceipt(TX).blockNumber());
        assertTrue(progress.get(0).startsWith("The node did not answer while waiting for " + HASH), progress.get(0));
    }

    @Test
    void aRevertFailsWithTheReasonFromReplayingTheCall() {
        node.receipt = h -> Optional.of(FakeNode.receipt(HASH, 12, "0xb12", "0x0", 30000));
        node.call = c -> {
            throw FakeNode.error(
                    "eth_call",
                    3,
                    "execution reverted",
                    "0x4e487b71" + "0000000000000000000000000000000000000000000000000000000000000011");
        };
        TransactionRevertedException e = assertThrows(
                TransactionRevertedException.class, () -> sender(1, 60).awaitReceipt(TX));
        assertEquals("panic 0x11 (arithmetic overflow or underflow)", e.reason());
        assertEquals(12, e.receipt().blockNumber());
        assertEquals(BigInteger.valueOf(12), node.lastCallBlock);
        assertEquals(BigInteger.valueOf(50000), node.lastCall.gasLimit());
        assertEquals("0x1111111111111111111111111111111111111111", node.lastCall.from());
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "Transaction " + HASH + " reverted in block 12, reason: panic 0x11 (arithmetic overflow"
                                        + " or underflow). It was mined and its fee of 30000 gwei paid, but its effects were undone (gas used 30000 of 50000)."),
                e.getMessage());
    }

    @Test
    void aRevertWithoutReasonSaysSoAndHintsAtGas() {
        node.receipt = h -> Optional.of(FakeNode.receipt(HASH, 12, "0xb12", "0x0", 50000));
        TransactionRevertedException e = assertThrows(
                TransactionRevertedException.class, () -> sender(1, 60).awaitReceipt(TX));
        assertEquals(null, e.reason());
        assertTrue(e.getMessage()
                .contains("the node gave no reason: replaying the call with eth_call at block 12 did not revert"));
        assertTrue(
                e.getMessage().contains("It used all of its gas limit (50000): if it ran out of gas, raise gasLimit"));
    }

    @Test
    void aTransactionTheNodeAlreadyHasIsAwaited() {
        node.sendRawTransaction = raw -> {
            throw FakeNode.error("eth_sendRawTransaction", -32000, "already known", null);
        };
        assertEquals(HASH, sender(1, 60).broadcast(TX));
        assertTrue(progress.get(0).contains("already has transaction " + HASH));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "nonce too low|Nonce 7 is already used (the node's next nonce for 0x1111111111111111111111111111111111111111 is 9). Remove 'nonce'",
                "Insufficient funds for gas * price + value|0x1111111111111111111111111111111111111111 has 5000 wei but the transaction can cost up to",
                "insufficient funds for gas * price + value: balance 5|the transaction can cost up to 150000.000001 gwei (value 1000 wei + gasLimit 50000 × maxFeePerGas 3 gwei)",
                "replacement transaction underpriced|Another transaction with nonce 7 is pending. To replace it, raise maxFeePerGas and maxPriorityFeePerGas by at least 10 %",
                "max fee per gas less than block base fee|The fee is too low for the node (maxFeePerGas 3 gwei). Raise maxFeePerGas",
                "transaction underpriced|The fee is too low for the node",
                "intrinsic gas too low|gasLimit 50000 is too low for this transaction",
                "exceeds block gas limit|gasLimit 50000 is above the block gas limit",
                "invalid chain id for signer|The node does not accept chain id 31337",
                "tx fee (2.00 ether) exceeds the configured cap (1.00 ether)|exceeds the node's fee cap",
                "something else|Check the transaction's fields against the node's message"
            })
    void nodeRefusalsSayWhatToChange(String nodeMessage, String advice) {
        node.pendingNonce = BigInteger.valueOf(9);
        node.balance = BigInteger.valueOf(5_000);
        node.sendRawTransaction = raw -> {
            throw FakeNode.error("eth_sendRawTransaction", -32000, nodeMessage, null);
        };
        TransactionRejectedException e = assertThrows(
                TransactionRejectedException.class, () -> sender(1, 60).send(TX));
        assertTrue(
                e.getMessage()
                        .startsWith("The node at http://fake:8545 rejected transaction " + HASH + " (nonce 7 from "
                                + "0x1111111111111111111111111111111111111111): \"" + nodeMessage
                                + "\". Nothing was mined. "),
                e.getMessage());
        assertTrue(e.getMessage().contains(advice), e.getMessage());
        assertTrue(
                node.calls.stream().noneMatch(c -> c.equals("eth_getTransactionReceipt")),
                "no waiting after a refusal");
    }

    @Test
    void optionsAreChecked() {
        assertEquals(
                "confirmations",
                assertThrows(InvalidInputException.class, () -> TransactionSender.Options.of(0, 10))
                        .getParameter());
        assertEquals(
                "receiptTimeout",
                assertThrows(InvalidInputException.class, () -> TransactionSender.Options.of(1, 0))
                        .getParameter());
    }

    @Test
    void aDroppedTransactionIsBroadcastAgainWithTheSameRawBytes() {
        List<String> sent = new ArrayList<>();
        node.knowsTransaction = h -> !sent.isEmpty();
        node.latestNonce = BigInteger.valueOf(7); // nonce 7 still free
        node.sendRawTransaction = raw -> {
            sent.add(raw);
            return HASH;
        };
        node.receipt =
                h -> sent.isEmpty() ? Optional.empty() : Optional.of(FakeNode.receipt(HASH, 12, "0xb12", "0x1", 21000));
        Receipt r = sender(1, 60).awaitReceipt(TX);
        assertEquals(12, r.blockNumber());
        assertEquals(List.of(TX.raw()), sent, "the same signed bytes, once");
        assertTrue(
                progress.stream()
                        .anyMatch(l ->
                                l.contains("was dropped by the node; broadcasting the same signed transaction again")),
                progress.toString());
    }

    @Test
    void aDroppedTransactionWhoseNonceWasUsedFailsWithoutSending() {
        node.knowsTransaction = h -> false;
        node.latestNonce = BigInteger.valueOf(8); // nonce 7 taken by another transaction
        node.sendRawTransaction = raw -> {
            throw new AssertionError("nothing may be sent");
        };
        TransactionRejectedException e = assertThrows(
                TransactionRejectedException.class, () -> sender(1, 60).awaitReceipt(TX));
        assertTrue(e.getMessage().contains("nonce 7 was used by another transaction"), e.getMessage());
        assertTrue(e.getMessage().contains("Nothing was sent"), e.getMessage());
    }

    @Test
    void resumeOfAMinedTransactionSendsNothing() {
        node.receipt = h -> Optional.of(FakeNode.receipt(HASH, 12, "0xb12", "0x1", 21000));
        Receipt r = sender(1, 60).resume(TX);
        assertEquals(12, r.blockNumber());
        assertFalse(node.calls.contains("eth_sendRawTransaction"));
    }

    @Test
    void resumeOfAPendingTransactionWaitsWithoutSending() {
        AtomicInteger polls = new AtomicInteger();
        node.knowsTransaction = h -> true;
        node.receipt = h -> polls.incrementAndGet() < 4
                ? Optional.empty()
                : Optional.of(FakeNode.receipt(HASH, 12, "0xb12", "0x1", 21000));
        sender(1, 60).resume(TX);
        assertFalse(node.calls.contains("eth_sendRawTransaction"));
        assertTrue(progress.get(0).contains("is known to http://fake:8545; waiting for it"), progress.toString());
    }

    @Test
    void resumeOfAnUnknownTransactionBroadcastsItAgainAtOnce() {
        List<String> sent = new ArrayList<>();
        node.knowsTransaction = h -> !sent.isEmpty();
        node.latestNonce = BigInteger.valueOf(7);
        node.sendRawTransaction = raw -> {
            sent.add(raw);
            return HASH;
        };
        node.receipt =
                h -> sent.isEmpty() ? Optional.empty() : Optional.of(FakeNode.receipt(HASH, 3, "0xb3", "0x1", 21000));
        sender(1, 60).resume(TX);
        assertEquals(List.of(TX.raw()), sent);
        assertEquals(0, now.get(), "no waiting before the re-broadcast");
    }
}
