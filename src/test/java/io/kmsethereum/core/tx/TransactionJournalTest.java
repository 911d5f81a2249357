package io.kmsethereum.core.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionJournalTest {
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
            "0x",
            null,
            "0x" + "ab".repeat(32),
            "0x02f8");

    @Test
    void recordsRoundTripAndAreNamedByChainAndStep(@TempDir Path dir) throws Exception {
        TransactionJournal journal = new TransactionJournal(dir);
        Path file = journal.write(31337, new TransactionJournal.Entry("g_a_pay:1", "i", TX, null));
        assertEquals(dir.resolve("31337/g_a_pay_1.json"), file);
        assertEquals(TX, journal.read(31337, "g_a_pay:1").orElseThrow().transaction());
        assertTrue(journal.read(1, "g_a_pay:1").isEmpty(), "another chain, another record");
        journal.write(31337, journal.read(31337, "g_a_pay:1").orElseThrow().mined(receipt()));
        assertEquals(12L, journal.read(31337, "g_a_pay:1").orElseThrow().blockNumber());
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary files left behind");
        }
    }

    @Test
    void intentChangesWithWhatTheUserAskedFor() {
        TransactionRequest a = new TransactionRequest(
                TransactionType.EIP1559,
                null,
                null,
                "0x2222222222222222222222222222222222222222",
                BigInteger.ONE,
                new byte[0],
                null,
                null,
                null,
                null);
        TransactionRequest same = new TransactionRequest(
                TransactionType.EIP1559,
                null,
                null,
                "0x2222222222222222222222222222222222222222",
                BigInteger.ONE,
                new byte[0],
                null,
                null,
                null,
                null);
        TransactionRequest other = new TransactionRequest(
                TransactionType.EIP1559,
                null,
                null,
                "0x2222222222222222222222222222222222222222",
                BigInteger.TWO,
                new byte[0],
                null,
                null,
                null,
                null);
        assertEquals(TransactionJournal.intent(a), TransactionJournal.intent(same));
        assertNotEquals(TransactionJournal.intent(a), TransactionJournal.intent(other));
        assertEquals(64, TransactionJournal.intent(a).length());
    }

    private static Receipt receipt() {
        return Receipt.of(io.kmsethereum.testing.FakeNode.receipt(TX.hash(), 12, "0xb12", "0x1", 21000), 1);
    }
}
