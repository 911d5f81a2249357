package io.kmsethereum.core.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.signer.KmsSigner;
import io.kmsethereum.core.store.Records;
import io.kmsethereum.testing.FakeChain;
import io.kmsethereum.testing.FakeKms;
import io.kmsethereum.testing.InMemoryStateStore;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.RawTransaction;

/**
 * The resume mechanism of a {@code kms-sign} broadcast step, against the fake node and an
 * in-memory store: a step sends one transaction once; a re-run resumes it without signing; a
 * changed step whose transaction was mined fails before signing unless asked for on purpose.
 */
class TransactionStepsTest {
    private static final long CHAIN = 31337;
    private static final BigInteger KEY =
            new BigInteger("4646464646464646464646464646464646464646464646464646464646464646", 16);
    private static final String RECIPIENT = "0x3535353535353535353535353535353535353535";

    private final FakeKms kms = new FakeKms(KEY, false);
    private final KmsSigner signer = new KmsSigner(kms, kms.key());
    private final InMemoryStateStore store = new InMemoryStateStore(true);
    private final List<String> log = new ArrayList<>();

    private TransactionSteps steps(FakeChain chain) {
        return steps(chain, 5);
    }

    private TransactionSteps steps(FakeChain chain, int receiptTimeoutSeconds) {
        TransactionFiller filler = new TransactionFiller(chain, new BigDecimal("1.2"));
        return new TransactionSteps(
                store,
                chain,
                new NonceLeases(store, chain, "run", Duration.ofSeconds(60), log::add),
                new TransactionSender(chain, TransactionSender.Options.of(1, receiptTimeoutSeconds), log::add),
                tx -> filler.fill(tx, signer.getAddress()).request(),
                request -> {
                    RawTransaction unsigned = RawTransactions.build(request);
                    return SignedTransaction.of(
                            request.type(),
                            request.chainId(),
                            signer.getAddress(),
                            unsigned,
                            signer.sign(unsigned, request.chainId()));
                },
                "run",
                log::add,
                true);
    }

    private static TransactionRequest payment(String wei) {
        return new TransactionRequest(
                TransactionType.EIP1559, null, null, RECIPIENT, new BigInteger(wei), null, null, null, null, null);
    }

    private TransactionSteps.Outcome run(FakeChain chain, TransactionRequest request, boolean newTransaction) {
        TransactionSteps steps = steps(chain);
        TransactionSteps.Step step =
                new TransactionSteps.Step(CHAIN, signer.getAddress(), "pay", TransactionSteps.intent(request));
        return steps.run(steps.lookup(step, newTransaction, "journalKey"), request, tx -> {});
    }

    private StepRecord record() {
        String key = new TransactionSteps.Step(CHAIN, signer.getAddress(), "pay", "").key();
        return Records.parse(store, key, store.read(key).orElseThrow().content(), StepRecord.class);
    }

    @Test
    void aStepSendsOnceAndARerunResumesWithoutSigning() {
        FakeChain chain = new FakeChain(CHAIN, false);
        TransactionSteps.Outcome first = run(chain, payment("1000"), false);
        assertFalse(first.resumed());
        assertTrue(record().isMined());
        assertEquals(1, kms.calls());

        TransactionSteps.Outcome again = run(chain, payment("1000"), false);
        assertTrue(again.resumed());
        assertEquals(first.transaction().hash(), again.transaction().hash());
        assertEquals(1, kms.calls(), "nothing signed again");
        assertEquals(1, chain.mined().size(), "paid once");
    }

    @Test
    void theIntentOfATransactionWithoutAuthorizationsIsAsBeforeEip7702() throws Exception {
        // steps recorded by earlier versions keep their intent: no authorizationList in the JSON
        String json = io.kmsethereum.core.Json.MAPPER.writeValueAsString(payment("1000"));
        assertFalse(json.contains("authorizationList"), json);
    }

    @Test
    void aStepThatUsesTwoSenderNoncesClaimsAndRecordsBoth() {
        FakeChain chain = new FakeChain(CHAIN, false);
        TransactionSteps steps = steps(chain);
        TransactionRequest request = payment("1000");
        TransactionSteps.Step step =
                new TransactionSteps.Step(CHAIN, signer.getAddress(), "pay", TransactionSteps.intent(request));
        TransactionSteps.Outcome outcome = steps.run(steps.lookup(step, false, "journalKey"), request, 2, tx -> {});
        assertEquals("0", outcome.transaction().nonce());
        String account = signer.getAddress().toLowerCase(java.util.Locale.ROOT);
        for (int n = 0; n < 2; n++) {
            String key = CHAIN + "/" + account + "/nonces/" + n + ".json";
            NonceClaim claim =
                    Records.parse(store, key, store.read(key).orElseThrow().content(), NonceClaim.class);
            assertEquals(NonceClaim.SIGNED, claim.state(), "nonce " + n);
            assertEquals(outcome.transaction().hash(), claim.transaction().hash(), "nonce " + n);
        }
        String counter = CHAIN + "/" + account + "/nonces/next.json";
        assertEquals(
                "2",
                Records.parse(store, counter, store.read(counter).orElseThrow().content(), NonceCounter.class)
                        .next());
    }

    @Test
    void aRunKilledAfterTheBroadcastIsFinishedByTheNextWithTheSameTransaction() {
        FakeChain chain = new FakeChain(CHAIN, false);
        chain.crashAfterNextBroadcast();
        assertThrows(IllegalStateException.class, () -> run(chain, payment("1000"), false));
        assertFalse(record().isMined(), "recorded before the broadcast");
        TransactionSteps.Outcome resumed = run(chain, payment("1000"), false);
        assertTrue(resumed.resumed());
        assertEquals(1, kms.calls());
        assertEquals(1, chain.mined().size());
        assertTrue(record().isMined());
    }

    @Test
    void aChangedStepWhoseTransactionWasMinedFailsBeforeSigning() {
        FakeChain chain = new FakeChain(CHAIN, false);
        run(chain, payment("1000"), false);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> run(chain, payment("2000"), false));
        assertEquals("journalKey", e.getParameter());
        assertTrue(e.getMessage().contains("a finished step sends nothing again"), e.getMessage());
        assertTrue(e.getMessage().contains("newTransaction"), e.getMessage());
        assertEquals(1, kms.calls(), "nothing signed");
        assertEquals(1, chain.mined().size(), "nothing sent");

        TransactionSteps.Outcome onPurpose = run(chain, payment("2000"), true);
        assertFalse(onPurpose.resumed());
        assertEquals(2, chain.mined().size());
        assertEquals(BigInteger.ONE, new BigInteger(onPurpose.transaction().nonce()));
    }

    @Test
    void aChangedStepWhoseTransactionIsPendingFails() {
        FakeChain chain = new FakeChain(CHAIN, false);
        chain.hold();
        assertThrows(ReceiptTimeoutException.class, () -> {
            TransactionSteps steps = steps(chain, 1);
            TransactionRequest request = payment("1000");
            steps.run(
                    steps.lookup(
                            new TransactionSteps.Step(
                                    CHAIN, signer.getAddress(), "pay", TransactionSteps.intent(request)),
                            false,
                            "journalKey"),
                    request,
                    tx -> {});
        });
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> run(chain, payment("2000"), true));
        assertTrue(e.getMessage().contains("that is still pending"), e.getMessage());
        assertEquals(1, kms.calls());
    }

    @Test
    void aStoreThatCannotBeReadFailsBeforeAnySignature() {
        FakeChain chain = new FakeChain(CHAIN, false);
        store.failNext(InMemoryStateStore.Operation.READ, InMemoryStateStore.unreachable());
        assertThrows(RuntimeException.class, () -> run(chain, payment("1000"), false));
        assertEquals(0, kms.calls());
        assertTrue(chain.mined().isEmpty());
    }

    @Test
    void aRunThatLostItsNonceLeavesTheStepToTheNextRun() {
        FakeChain chain = new FakeChain(CHAIN, false);
        TransactionSteps steps = steps(chain);
        TransactionRequest request = payment("1000");
        TransactionSteps.Lookup lookup = steps.lookup(
                new TransactionSteps.Step(CHAIN, signer.getAddress(), "pay", TransactionSteps.intent(request)),
                false,
                "journalKey");
        TransactionSteps.Prepared prepared = steps.claim(lookup, null);
        // another run takes the claim over (its lease ended) before this one records its signature
        store.put(prepared.claim().key(), "{\"schema\":1,\"state\":\"claimed\",\"runId\":\"other\"}");
        SignedTransaction tx = steps.sign(steps.fill(prepared, request));
        assertThrows(io.kmsethereum.core.store.StateStoreException.class, () -> steps.record(prepared, tx));
        assertEquals(StepRecord.ABANDONED, record().state(), "the unsent transaction is not waited for");
        assertTrue(chain.mined().isEmpty(), "nothing sent");

        store.put(prepared.claim().key(), "{\"schema\":1,\"state\":\"released\",\"runId\":\"other\",\"nonce\":\"0\"}");
        TransactionSteps.Outcome next = run(chain, payment("1000"), false);
        assertFalse(next.resumed(), "a new transaction, not the abandoned one");
        assertEquals(1, chain.mined().size());
    }

    @Test
    void anAccountThatCannotPayFailsBeforeSigningAndGivesItsNonceBack() {
        FakeChain chain = new FakeChain(CHAIN, false);
        // FakeChain's estimate 500000 × 1.2 = 600000 gas × (2 × 1 gwei base fee + 1 gwei priority fee) + 1 ether
        BigInteger needed = new BigInteger("1001800000000000000");
        chain.setBalance(signer.getAddress(), needed.subtract(BigInteger.ONE));
        InsufficientFundsException e =
                assertThrows(InsufficientFundsException.class, () -> run(chain, payment("1000000000000000000"), false));
        assertEquals(io.kmsethereum.core.KmsEthereumException.Fault.USER, e.fault());
        assertEquals(
                "Insufficient funds: " + signer.getAddress() + " on chain id 31337 has a balance of"
                        + " 1.001799999999999999 ether (1001799999999999999 wei) (eth_getBalance, pending, at fake chain"
                        + " 31337), but its transaction in this execution can cost up to 1.0018 ether"
                        + " (1001800000000000000 wei) (gasLimit × maxFeePerGas + value): 0.000000000000000001 ether"
                        + " (1 wei) is missing. Nothing was signed. Send at least the missing amount to "
                        + signer.getAddress() + " and run the build again (on a local Anvil node: cast send "
                        + signer.getAddress() + " --value 1 --private-key <a funded account's key> --rpc-url fake"
                        + " chain 31337, or cast rpc anvil_setBalance " + signer.getAddress()
                        + " 0x8ac7230489e80000 --rpc-url fake chain 31337 for 10 ether), or lower value, gasLimit or"
                        + " maxFeePerGas",
                e.getMessage());
        assertEquals(0, kms.calls(), "no KMS Sign");
        assertTrue(chain.mined().isEmpty());
        assertEquals(
                List.of("pending"), chain.balanceQueries(), "the balance after the account's pending transactions");
        assertTrue(log.stream().anyMatch(l -> l.startsWith("Released nonce 0")), log.toString());

        chain.setBalance(signer.getAddress(), needed);
        run(chain, payment("1000000000000000000"), false);
        assertEquals(1, kms.calls(), "exactly enough is enough");
        assertEquals(BigInteger.ZERO, chain.mined().get(0).getNonce(), "the nonce given back is used by the next run");
    }

    @Test
    void aLegacyTransactionIsCheckedAgainstGasPriceAndAPaidChainGetsNoAnvilAdvice() {
        FakeChain chain = new FakeChain(1, false);
        chain.setBalance(signer.getAddress(), BigInteger.ZERO);
        TransactionRequest legacy = new TransactionRequest(
                TransactionType.LEGACY, null, null, RECIPIENT, BigInteger.ZERO, null, null, null, null, null);
        TransactionSteps steps = steps(chain);
        TransactionSteps.Step step =
                new TransactionSteps.Step(1, signer.getAddress(), "pay", TransactionSteps.intent(legacy));
        InsufficientFundsException e = assertThrows(
                InsufficientFundsException.class,
                () -> steps.run(steps.lookup(step, false, "journalKey"), legacy, tx -> {}));
        // 600000 gas × eth_gasPrice 2 gwei
        assertTrue(
                e.getMessage()
                        .contains("can cost up to 0.0012 ether (1200000000000000 wei) (gasLimit × gasPrice + value)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("0.0012 ether (1200000000000000 wei) is missing"), e.getMessage());
        assertFalse(e.getMessage().contains("Anvil"), "chain id 1 is not a local chain: " + e.getMessage());
        assertEquals(0, kms.calls());
    }
}
