package io.kmsethereum.core.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.artifact.ArtifactFormat;
import io.kmsethereum.core.artifact.ArtifactsTest;
import io.kmsethereum.core.signer.KmsSigner;
import io.kmsethereum.core.store.LocalStateStore;
import io.kmsethereum.core.store.StoreKeys;
import io.kmsethereum.core.tx.NonceLeases;
import io.kmsethereum.core.tx.RawTransactions;
import io.kmsethereum.core.tx.ReceiptTimeoutException;
import io.kmsethereum.core.tx.SignedTransaction;
import io.kmsethereum.core.tx.StepRecord;
import io.kmsethereum.core.tx.TransactionFiller;
import io.kmsethereum.core.tx.TransactionRequest;
import io.kmsethereum.core.tx.TransactionRevertedException;
import io.kmsethereum.core.tx.TransactionSender;
import io.kmsethereum.core.tx.TransactionSteps;
import io.kmsethereum.core.tx.TransactionType;
import io.kmsethereum.testing.FakeChain;
import io.kmsethereum.testing.FakeKms;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ContractUtils;
import org.web3j.crypto.RawTransaction;
import org.web3j.utils.Numeric;

class ContractDeployerTest {
    private static final long CHAIN = 31337;
    private static final BigInteger KEY =
            new BigInteger("4646464646464646464646464646464646464646464646464646464646464646", 16);

    @TempDir
    Path dir;

    private final FakeKms kms = new FakeKms(KEY, false);
    private final KmsSigner signer = new KmsSigner(kms, kms.key());
    private final List<String> log = new ArrayList<>();

    private ContractDeployer deployer(FakeChain chain) {
        return deployer(chain, 5);
    }

    private ContractDeployer deployer(FakeChain chain, int receiptTimeoutSeconds) {
        return deployer(
                chain, new TransactionSender(chain, TransactionSender.Options.of(1, receiptTimeoutSeconds), log::add));
    }

    private ContractDeployer deployer(FakeChain chain, TransactionSender sender) {
        TransactionFiller filler = new TransactionFiller(chain, new BigDecimal("1.2"));
        TransactionSteps steps = new TransactionSteps(
                store(),
                chain,
                new NonceLeases(store(), chain, "test-run", Duration.ofSeconds(60), log::add),
                sender,
                tx -> filler.fill(tx, signer.getAddress()).request(),
                this::sign,
                "test-run",
                log::add,
                true);
        return new ContractDeployer(chain, steps, ledger(), log::add);
    }

    private LocalStateStore store() {
        return new LocalStateStore(dir.resolve("journal"), dir);
    }

    private DeploymentLedger ledger() {
        return new DeploymentLedger(store());
    }

    /** The step record of a deployment: written before the broadcast, marked mined after. */
    private Path stepFile(String name) {
        return store().file(StoreKeys.step(CHAIN, signer.getAddress(), "deployment-" + name));
    }

    private StepRecord step(String name) {
        try {
            return io.kmsethereum.core.Json.MAPPER.readValue(stepFile(name).toFile(), StepRecord.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private SignedTransaction sign(TransactionRequest request) {
        RawTransaction unsigned = RawTransactions.build(request);
        return SignedTransaction.of(
                request.type(),
                request.chainId(),
                signer.getAddress(),
                unsigned,
                signer.sign(unsigned, request.chainId()));
    }

    private static DeploymentRequest request(List<String> args, String salt, boolean redeploy) {
        InitCode init = InitCode.of(ArtifactsTest.read(ArtifactFormat.FOUNDRY, "Holder"), Map.of(), args, null);
        TransactionRequest tx = new TransactionRequest(
                TransactionType.EIP1559, null, null, null, BigInteger.ZERO, null, null, null, null, null);
        return new DeploymentRequest(
                "holder",
                init,
                salt == null ? null : Create2.parseSalt(salt, "salt"),
                redeploy,
                tx,
                Map.of(),
                "out/Holder.sol/Holder.json");
    }

    private static DeploymentRequest request() {
        return request(InitCodeTest.HOLDER_ARGS, null, false);
    }

    @Test
    void aPlainDeploymentIsSentAwaitedCheckedAndRecorded() throws Exception {
        FakeChain chain = new FakeChain(CHAIN, true);
        DeploymentResult result = deployer(chain).deploy(request(), signer.getAddress());
        assertTrue(result.sent());
        assertEquals(
                ContractUtils.generateContractAddress(signer.getAddress(), BigInteger.ZERO)
                        .toLowerCase(),
                result.address().toLowerCase());
        assertEquals(1, chain.mined().size());
        String to = chain.mined().get(0).getTo();
        assertTrue(to == null || to.isEmpty() || to.equals("0x"), "a contract creation has no recipient: " + to);
        assertArrayEquals(
                request().initCode().bytes(),
                Numeric.hexStringToByteArray(chain.mined().get(0).getData()));
        assertEquals(1, kms.calls(), "one KMS Sign");

        DeploymentRecord record = ledger().read(CHAIN, "holder").orElseThrow();
        assertEquals(result.address(), record.address());
        assertEquals(result.receipt().transactionHash(), record.transactionHash());
        assertEquals(BigInteger.valueOf(result.receipt().blockNumber()), record.blockNumber());
        assertEquals(signer.getAddress(), record.deployer());
        assertEquals("out/Holder.sol/Holder.json", record.artifact());
        assertTrue(step("holder").isMined(), "the step record is marked mined");
    }

    @Test
    void aSecondRunSendsNothingAndRedeployDeploysAnew() {
        FakeChain chain = new FakeChain(CHAIN, true);
        DeploymentResult first = deployer(chain).deploy(request(), signer.getAddress());
        DeploymentResult second = deployer(chain).deploy(request(), signer.getAddress());
        assertFalse(second.sent());
        assertEquals(first.address(), second.address());
        assertEquals(1, chain.mined().size());
        assertEquals(1, kms.calls());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("holder is up to date")), log.toString());

        DeploymentResult third =
                deployer(chain).deploy(request(InitCodeTest.HOLDER_ARGS, null, true), signer.getAddress());
        assertTrue(third.sent());
        assertNotEquals(first.address(), third.address());
        assertEquals(
                third.address(), ledger().read(CHAIN, "holder").orElseThrow().address());
    }

    @Test
    void otherArgumentsOrAMissingContractDeployAgain() {
        FakeChain chain = new FakeChain(CHAIN, true);
        DeploymentResult first = deployer(chain).deploy(request(), signer.getAddress());
        List<String> args = new ArrayList<>(InitCodeTest.HOLDER_ARGS);
        args.set(1, "7");
        DeploymentResult changed = deployer(chain).deploy(request(args, null, false), signer.getAddress());
        assertTrue(changed.sent());
        assertNotEquals(first.address(), changed.address());

        chain.wipe(changed.address());
        DeploymentResult again = deployer(chain).deploy(request(args, null, false), signer.getAddress());
        assertTrue(again.sent(), "no code at the recorded address: deployed again");
        assertEquals(3, chain.mined().size());
    }

    @Test
    void create2GoesThroughTheProxyToThePredictedAddressAndTheSameSaltIsNotSentTwice() {
        FakeChain chain = new FakeChain(CHAIN, true);
        DeploymentRequest request = request(InitCodeTest.HOLDER_ARGS, "0x2a", false);
        DeploymentResult result = deployer(chain).deploy(request, signer.getAddress());
        String predicted = Create2.address(request.salt(), request.initCode().bytes());
        assertEquals(predicted, result.address());
        assertEquals(Create2.PROXY.toLowerCase(), chain.mined().get(0).getTo().toLowerCase());
        assertArrayEquals(
                Create2.proxyCalldata(request.salt(), request.initCode().bytes()),
                Numeric.hexStringToByteArray(chain.mined().get(0).getData()));
        DeploymentRecord record = ledger().read(CHAIN, "holder").orElseThrow();
        assertEquals("0x" + "00".repeat(31) + "2a", record.salt());
        assertEquals(Create2.PROXY, record.factory());

        // another ledger name, same salt and init code: found at its address, reported, not sent
        DeploymentRequest twin = new DeploymentRequest(
                "holder-twin",
                request.initCode(),
                request.salt(),
                false,
                request.transaction(),
                Map.of(),
                request.artifact());
        DeploymentResult found = deployer(chain).deploy(twin, signer.getAddress());
        assertFalse(found.sent());
        assertEquals(predicted, found.address());
        assertNull(found.record().transactionHash(), "this run did not see the creating transaction");
        assertEquals(1, chain.mined().size());
        assertTrue(
                log.stream()
                        .anyMatch(l -> l.equals("holder-twin is already deployed at " + predicted
                                + " (same salt and init code); nothing was sent")),
                log.toString());

        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> deployer(chain)
                        .deploy(
                                new DeploymentRequest(
                                        "holder",
                                        request.initCode(),
                                        request.salt(),
                                        true,
                                        request.transaction(),
                                        Map.of(),
                                        ""),
                                signer.getAddress()));
        assertEquals("redeploy", e.getParameter());
        assertTrue(e.getMessage().contains("Change salt to deploy another copy"), e.getMessage());
    }

    @Test
    void create2WithoutTheProxyFailsBeforeSigning() {
        FakeChain chain = new FakeChain(CHAIN, false);
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> deployer(chain).deploy(request(InitCodeTest.HOLDER_ARGS, "1", false), signer.getAddress()));
        assertEquals("salt", e.getParameter());
        assertTrue(
                e.getMessage()
                        .contains(
                                "needs the deterministic deployment proxy at 0x4e59b44847b379578588920cA78FbF26c0B4956C,"
                                        + " but the chain at fake chain 31337 (chain id 31337) has no code there"),
                e.getMessage());
        assertEquals(0, kms.calls());
    }

    @Test
    void aRevertingConstructorIsReportedWithItsReasonBeforeSigning() {
        FakeChain chain = new FakeChain(CHAIN, true);
        chain.revertConstructors("Holder: no");
        TransactionRevertedException e = assertThrows(
                TransactionRevertedException.class, () -> deployer(chain).deploy(request(), signer.getAddress()));
        assertEquals("Holder: no", e.reason());
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "The Holder constructor reverts: Holder: no. The node found this while estimating gas"),
                e.getMessage());
        // through the proxy the reason is lost; the plain creation is simulated to find it
        e = assertThrows(
                TransactionRevertedException.class,
                () -> deployer(chain).deploy(request(InitCodeTest.HOLDER_ARGS, "5", false), signer.getAddress()));
        assertEquals("Holder: no", e.reason());
        assertEquals(0, kms.calls());
        assertTrue(chain.mined().isEmpty());
    }

    @Test
    void aConfiguredChainIdMustBeTheNodes() {
        FakeChain chain = new FakeChain(CHAIN, true);
        DeploymentRequest r = request();
        TransactionRequest tx = r.transaction().withFields(1L, null, null, null, null, null);
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> deployer(chain)
                        .deploy(
                                new DeploymentRequest(r.deploymentName(), r.initCode(), null, false, tx, Map.of(), ""),
                                signer.getAddress()));
        assertEquals("chainId", e.getParameter());
    }

    @Test
    void aRunKilledAfterTheBroadcastIsFinishedWithoutASecondTransaction() {
        FakeChain chain = new FakeChain(CHAIN, true);
        chain.crashAfterNextBroadcast();
        assertThrows(IllegalStateException.class, () -> deployer(chain).deploy(request(), signer.getAddress()));
        assertFalse(step("holder").isMined(), "recorded before the broadcast, not mined");
        assertTrue(ledger().read(CHAIN, "holder").isEmpty());

        DeploymentResult resumed = deployer(chain).deploy(request(), signer.getAddress());
        assertTrue(resumed.sent());
        assertEquals(1, chain.mined().size(), "the same transaction, not a second one");
        assertEquals(1, kms.calls(), "nothing signed again");
        assertEquals(
                resumed.address(), ledger().read(CHAIN, "holder").orElseThrow().address());
        assertTrue(step("holder").isMined());
    }

    @Test
    void aReceiptTimeoutSaysThatARerunWaitsForTheSameTransaction() {
        FakeChain chain = new FakeChain(CHAIN, true);
        chain.hold();
        ReceiptTimeoutException e = assertThrows(
                ReceiptTimeoutException.class, () -> deployer(chain, 1).deploy(request(), signer.getAddress()));
        assertTrue(
                e.getMessage()
                        .startsWith(
                                "No receipt in time for the deployment of Holder: transaction " + e.transactionHash()),
                e.getMessage());
        assertTrue(
                e.getMessage()
                        .contains("Running the build again waits for this same transaction (recorded in "
                                + stepFile("holder") + ") and signs nothing new"),
                e.getMessage());

        chain.mineHeld();
        DeploymentResult resumed = deployer(chain).deploy(request(), signer.getAddress());
        assertEquals(e.transactionHash(), resumed.record().transactionHash());
        assertEquals(1, kms.calls());
    }

    @Test
    void aBroadcastLostOnTheWayIsSentAgainFromThePendingRecord() {
        FakeChain chain = new FakeChain(CHAIN, true);
        chain.loseNextBroadcast();
        assertThrows(RuntimeException.class, () -> deployer(chain).deploy(request(), signer.getAddress()));
        assertTrue(chain.mined().isEmpty());
        DeploymentResult resumed = deployer(chain).deploy(request(), signer.getAddress());
        assertEquals(1, chain.mined().size());
        assertEquals(1, kms.calls());
        assertTrue(resumed.sent());
    }

    @Test
    void aStepRecordOfOtherBytecodeThatWasNeverMinedIsReplaced() {
        FakeChain chain = new FakeChain(CHAIN, true);
        chain.loseNextBroadcast();
        assertThrows(RuntimeException.class, () -> deployer(chain).deploy(request(), signer.getAddress()));
        List<String> args = new ArrayList<>(InitCodeTest.HOLDER_ARGS);
        args.set(1, "9");
        DeploymentResult other = deployer(chain).deploy(request(args, null, false), signer.getAddress());
        assertTrue(other.sent());
        assertEquals(2, kms.calls());
        assertTrue(log.stream().anyMatch(l -> l.contains("was for other parameters and never mined")), log.toString());
    }

    private static DeploymentRequest named(String name, String firstArgument) {
        DeploymentRequest r = request();
        List<String> args = new ArrayList<>(InitCodeTest.HOLDER_ARGS);
        args.set(0, firstArgument);
        InitCode init = InitCode.of(ArtifactsTest.read(ArtifactFormat.FOUNDRY, "Holder"), Map.of(), args, null);
        return new DeploymentRequest(name, init, null, false, r.transaction(), Map.of(), r.artifact());
    }

    private ContractDeployer batchDeployer(FakeChain chain, List<String> progress) {
        return deployer(chain, new TransactionSender(chain, TransactionSender.Options.of(1, 5), progress::add));
    }

    @Test
    void aBatchIsSignedWithConsecutiveNoncesAndBroadcastBeforeAnyReceiptIsAwaited() {
        FakeChain chain = new FakeChain(CHAIN, true);
        chain.hold();
        // the chain mines nothing until the third broadcast: awaiting a receipt earlier would time out
        List<String> progress = new ArrayList<>() {
            @Override
            public boolean add(String line) {
                if (line.startsWith("Sent transaction")
                        && stream()
                                        .filter(l -> l.startsWith("Sent transaction"))
                                        .count()
                                == 2) {
                    chain.mineHeld();
                }
                return super.add(line);
            }
        };
        List<DeploymentRequest> requests = List.of(
                named("a", InitCodeTest.HOLDER_ARGS.get(0)),
                named("b", "0x00000000000000000000000000000000000000b2"),
                named("c", "0x00000000000000000000000000000000000000c3"));
        List<DeploymentResult> results = batchDeployer(chain, progress).deployAll(requests, signer.getAddress());

        assertEquals(3, results.size());
        assertEquals(
                List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO),
                chain.mined().stream().map(RawTransaction::getNonce).toList());
        assertEquals(3, kms.calls());
        for (int i = 0; i < 3; i++) {
            DeploymentResult r = results.get(i);
            assertTrue(r.sent());
            assertEquals(
                    ContractUtils.generateContractAddress(signer.getAddress(), BigInteger.valueOf(i))
                            .toLowerCase(),
                    r.address().toLowerCase());
            assertTrue(chain.code(r.address()).length > 0);
            assertEquals(
                    r.address(),
                    ledger().read(CHAIN, requests.get(i).deploymentName())
                            .orElseThrow()
                            .address());
            assertTrue(step(requests.get(i).deploymentName()).isMined());
        }
        assertTrue(log.contains("Broadcasting 3 deployments before waiting for their receipts"), log.toString());

        List<DeploymentResult> again = batchDeployer(chain, new ArrayList<>()).deployAll(requests, signer.getAddress());
        assertTrue(again.stream().noneMatch(DeploymentResult::sent));
        assertEquals(3, kms.calls(), "a re-run signs nothing");
        assertEquals(3, chain.mined().size());
    }

    @Test
    void aBatchSendsOnlyWhatTheLedgerLacks() {
        FakeChain chain = new FakeChain(CHAIN, true);
        DeploymentResult first = batchDeployer(chain, log)
                .deployAll(List.of(named("a", InitCodeTest.HOLDER_ARGS.get(0))), signer.getAddress())
                .get(0);
        List<DeploymentResult> results = batchDeployer(chain, log)
                .deployAll(
                        List.of(
                                named("a", InitCodeTest.HOLDER_ARGS.get(0)),
                                named("b", "0x00000000000000000000000000000000000000b2")),
                        signer.getAddress());
        assertFalse(results.get(0).sent());
        assertEquals(first.address(), results.get(0).address());
        assertTrue(results.get(1).sent());
        assertEquals(2, kms.calls());
    }

    @Test
    void aBatchWithADuplicateNameOrARevertingConstructorSignsNothing() {
        FakeChain chain = new FakeChain(CHAIN, true);
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> batchDeployer(chain, log)
                        .deployAll(
                                List.of(
                                        named("a", InitCodeTest.HOLDER_ARGS.get(0)),
                                        named("a", "0x00000000000000000000000000000000000000b2")),
                                signer.getAddress()));
        assertEquals("contracts", e.getParameter());
        chain.revertConstructors("Holder: no");
        assertThrows(
                TransactionRevertedException.class,
                () -> batchDeployer(chain, log)
                        .deployAll(
                                List.of(
                                        named("a", InitCodeTest.HOLDER_ARGS.get(0)),
                                        named("b", "0x00000000000000000000000000000000000000b2")),
                                signer.getAddress()));
        assertEquals(0, kms.calls());
        assertTrue(chain.mined().isEmpty());
        assertFalse(Files.exists(stepFile("a")), "nothing recorded");
        assertTrue(log.stream().anyMatch(l -> l.startsWith("Released nonce 0")), log.toString());
    }
}
