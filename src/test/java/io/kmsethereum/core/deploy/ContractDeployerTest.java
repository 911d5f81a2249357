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
    private final List<String> warnings = new ArrayList<>();

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
        return new ContractDeployer(chain, steps, ledger(), log::add, warnings::add);
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

    private static DeploymentRequest request(List<String> args, String salt, OnChange onChange) {
        InitCode init = InitCode.of(ArtifactsTest.read(ArtifactFormat.FOUNDRY, "Holder"), Map.of(), args, null);
        TransactionRequest tx = new TransactionRequest(
                TransactionType.EIP1559, null, null, null, BigInteger.ZERO, null, null, null, null, null);
        return new DeploymentRequest(
                "holder",
                init,
                salt == null ? null : Create2.parseSalt(salt, "salt"),
                onChange,
                tx,
                Map.of(),
                "out/Holder.sol/Holder.json");
    }

    private static DeploymentRequest request() {
        return request(InitCodeTest.HOLDER_ARGS, null, null);
    }

    /** Holder with its second argument (a uint256) changed, so that it differs from {@link #request()}. */
    private static DeploymentRequest changed(String amount, OnChange onChange) {
        List<String> args = new ArrayList<>(InitCodeTest.HOLDER_ARGS);
        args.set(1, amount);
        return request(args, null, onChange);
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
        assertEquals(1, record.generation());
        assertTrue(record.deployedAt().endsWith("Z"), "recorded with its time in UTC: " + record.deployedAt());
        assertTrue(step("holder").isMined(), "the step record is marked mined");
    }

    @Test
    void aSecondRunSendsNothing() {
        FakeChain chain = new FakeChain(CHAIN, true);
        DeploymentResult first = deployer(chain).deploy(request(), signer.getAddress());
        DeploymentResult second = deployer(chain).deploy(request(), signer.getAddress());
        assertFalse(second.sent());
        assertEquals(first.address(), second.address());
        assertEquals(1, chain.mined().size());
        assertEquals(1, kms.calls());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("holder is up to date")), log.toString());
        // an explicit policy does not matter when nothing changed
        for (OnChange policy : OnChange.values()) {
            assertFalse(deployer(chain)
                    .deploy(request(InitCodeTest.HOLDER_ARGS, null, policy), signer.getAddress())
                    .sent());
        }
        assertEquals(1, kms.calls());
    }

    @Test
    void otherArgumentsOrAMissingContractDeployAgain() {
        FakeChain chain = new FakeChain(CHAIN, true);
        DeploymentResult first = deployer(chain).deploy(request(), signer.getAddress());
        List<String> args = new ArrayList<>(InitCodeTest.HOLDER_ARGS);
        args.set(1, "7");
        DeploymentResult changed = deployer(chain).deploy(request(args, null, null), signer.getAddress());
        assertTrue(changed.sent());
        assertNotEquals(first.address(), changed.address());

        chain.wipe(changed.address());
        DeploymentResult again = deployer(chain).deploy(request(args, null, null), signer.getAddress());
        assertTrue(again.sent(), "no code at the recorded address: deployed again");
        assertEquals(3, chain.mined().size());
        DeploymentRecord record = ledger().read(CHAIN, "holder").orElseThrow();
        assertEquals(3, record.generation());
        assertEquals(
                List.of(first.address(), changed.address()),
                record.history().stream().map(DeploymentEntry::address).toList(),
                "every earlier deployment, oldest first");
        assertTrue(
                log.contains("holder differs from the deployment the ledger records (generation 2 at "
                        + changed.address() + ", in " + ledger().location(CHAIN, "holder")
                        + "): the chain has no code at " + changed.address()
                        + " (a reset chain, or a contract that destroyed itself). onChange is redeploy: deploying it"
                        + " as generation 3; the ledger keeps generation 2 in its history"),
                log.toString());
    }

    @Test
    void create2GoesThroughTheProxyToThePredictedAddressAndTheSameSaltIsNotSentTwice() {
        FakeChain chain = new FakeChain(CHAIN, true);
        DeploymentRequest request = request(InitCodeTest.HOLDER_ARGS, "0x2a", null);
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
                null,
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

        // other arguments with the same salt: another init code, another CREATE2 address
        List<String> args = new ArrayList<>(InitCodeTest.HOLDER_ARGS);
        args.set(1, "7");
        DeploymentResult second = deployer(chain).deploy(request(args, "0x2a", null), signer.getAddress());
        assertTrue(second.sent());
        assertNotEquals(predicted, second.address());
        assertEquals(2, second.record().generation());
        assertEquals(predicted, second.record().history().get(0).address());
    }

    @Test
    void create2WithoutTheProxyFailsBeforeSigning() {
        FakeChain chain = new FakeChain(CHAIN, false);
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> deployer(chain).deploy(request(InitCodeTest.HOLDER_ARGS, "1", null), signer.getAddress()));
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
                () -> deployer(chain).deploy(request(InitCodeTest.HOLDER_ARGS, "5", null), signer.getAddress()));
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
                                new DeploymentRequest(r.deploymentName(), r.initCode(), null, null, tx, Map.of(), ""),
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
        DeploymentResult other = deployer(chain).deploy(request(args, null, null), signer.getAddress());
        assertTrue(other.sent());
        assertEquals(2, kms.calls());
        assertTrue(log.stream().anyMatch(l -> l.contains("was for other parameters and never mined")), log.toString());
    }

    private static DeploymentRequest named(String name, String firstArgument) {
        DeploymentRequest r = request();
        List<String> args = new ArrayList<>(InitCodeTest.HOLDER_ARGS);
        args.set(0, firstArgument);
        InitCode init = InitCode.of(ArtifactsTest.read(ArtifactFormat.FOUNDRY, "Holder"), Map.of(), args, null);
        return new DeploymentRequest(name, init, null, null, r.transaction(), Map.of(), r.artifact());
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

    private static final long PAID = 1;

    private StepRecord step(long chainId, String stepName) {
        try {
            return io.kmsethereum.core.Json.MAPPER.readValue(
                    store().file(StoreKeys.step(chainId, signer.getAddress(), stepName))
                            .toFile(),
                    StepRecord.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void onAPaidChainAChangeFailsBeforeSigningAndSaysWhatChangedAndHowToGoOn() {
        FakeChain chain = new FakeChain(PAID, true);
        DeploymentResult first = deployer(chain).deploy(request(), signer.getAddress());
        InvalidInputException e = assertThrows(
                InvalidInputException.class, () -> deployer(chain).deploy(changed("7", null), signer.getAddress()));
        assertEquals("onChange", e.getParameter());
        assertEquals(
                "Invalid 'onChange': holder differs from the deployment the ledger records (generation 1 at "
                        + first.address() + ", in " + ledger().location(PAID, "holder")
                        + "): the constructor arguments (" + InitCodeTest.HOLDER_ARGS + " recorded, "
                        + changed("7", null).initCode().arguments() + " now). Nothing was signed. onChange is fail"
                        + " (the default on chain id 1; only the local development chains 31337 and 1337 redeploy by"
                        + " default). To deploy the new version, with the old one kept in the ledger's history:"
                        + " set onChange to redeploy; to deploy it beside the old one: a new deploymentName;"
                        + " to go on using the recorded contract: set onChange to keep",
                e.getMessage());
        assertEquals(1, kms.calls(), "no KMS Sign for the change");
        assertEquals(1, chain.mined().size());
        assertEquals(
                first.address(), ledger().read(PAID, "holder").orElseThrow().address(), "the ledger unchanged");

        // a salt is a change too (DeploymentLedgerTest names the others), and an explicit fail
        // says so without the default's note
        DeploymentRequest r = request();
        e = assertThrows(
                InvalidInputException.class,
                () -> deployer(chain)
                        .deploy(
                                new DeploymentRequest(
                                        "holder",
                                        r.initCode(),
                                        Create2.parseSalt("0x2a", "salt"),
                                        OnChange.FAIL,
                                        r.transaction(),
                                        Map.of(),
                                        ""),
                                signer.getAddress()));
        assertTrue(
                e.getMessage().contains("): the salt (none recorded, 0x" + "00".repeat(31) + "2a now)."),
                e.getMessage());
        assertTrue(e.getMessage().contains("Nothing was signed. onChange is fail. To deploy"), e.getMessage());
        assertEquals(1, kms.calls());
    }

    @Test
    void onAPaidChainRedeployOnPurposeIsANewStepAndTheLedgerKeepsTheHistory() {
        FakeChain chain = new FakeChain(PAID, true);
        DeploymentResult first = deployer(chain).deploy(request(), signer.getAddress());
        DeploymentResult second = deployer(chain).deploy(changed("7", OnChange.REDEPLOY), signer.getAddress());
        assertTrue(second.sent());
        assertNotEquals(first.address(), second.address());
        assertEquals(2, kms.calls());

        DeploymentRecord record = ledger().read(PAID, "holder").orElseThrow();
        assertEquals(second.address(), record.address(), "the current deployment where readers look");
        assertEquals(2, record.generation());
        assertEquals(1, record.history().size());
        assertEquals(first.address(), record.history().get(0).address());
        assertEquals(first.record().transactionHash(), record.history().get(0).transactionHash());
        assertEquals(first.record().blockNumber(), record.history().get(0).blockNumber());

        // one step per generation: the first one's mined record is left as it was
        assertEquals("deployment-holder", ContractDeployer.stepName("holder", 1));
        assertEquals("deployment2-holder", ContractDeployer.stepName("holder", 2));
        assertEquals(
                first.record().transactionHash(),
                step(PAID, "deployment-holder").transaction().hash());
        assertTrue(step(PAID, "deployment2-holder").isMined());
        assertEquals(
                second.record().transactionHash(),
                step(PAID, "deployment2-holder").transaction().hash());

        // back to the first arguments: a third generation, not the first step again
        DeploymentResult third =
                deployer(chain).deploy(request(InitCodeTest.HOLDER_ARGS, null, OnChange.REDEPLOY), signer.getAddress());
        assertTrue(third.sent());
        assertEquals(3, ledger().read(PAID, "holder").orElseThrow().generation());
        assertEquals(3, kms.calls());
        assertTrue(step(PAID, "deployment3-holder").isMined());
    }

    @Test
    void keepUsesTheRecordedContractWithAWarningAndCannotKeepWhatIsGone() {
        FakeChain chain = new FakeChain(PAID, true);
        DeploymentResult first = deployer(chain).deploy(request(), signer.getAddress());
        DeploymentResult kept = deployer(chain).deploy(changed("7", OnChange.KEEP), signer.getAddress());
        assertFalse(kept.sent());
        assertEquals(first.address(), kept.address());
        assertEquals(1, kms.calls());
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(
                warnings.get(0)
                        .endsWith("onChange is keep: using the recorded contract at " + first.address()
                                + "; nothing was sent, and the contract there is not the one configured"),
                warnings.get(0));
        assertEquals(1, ledger().read(PAID, "holder").orElseThrow().generation(), "the ledger unchanged");

        chain.wipe(first.address());
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> deployer(chain).deploy(changed("7", OnChange.KEEP), signer.getAddress()));
        assertTrue(
                e.getMessage()
                        .startsWith("Invalid 'onChange': holder has no contract to keep: the chain has no code at "
                                + first.address()),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("To deploy it again: set onChange to redeploy"), e.getMessage());
        assertEquals(1, kms.calls());
    }

    @Test
    void aListIsRefusedAsAWholeWhenOneEntryChanged() {
        FakeChain chain = new FakeChain(PAID, true);
        batchDeployer(chain, log)
                .deployAll(
                        List.of(
                                named("a", InitCodeTest.HOLDER_ARGS.get(0)),
                                named("b", InitCodeTest.HOLDER_ARGS.get(0))),
                        signer.getAddress());
        assertEquals(2, kms.calls());
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> batchDeployer(chain, log)
                        .deployAll(
                                List.of(
                                        named("a", InitCodeTest.HOLDER_ARGS.get(0)),
                                        named("b", "0x00000000000000000000000000000000000000b2"),
                                        named("c", "0x00000000000000000000000000000000000000c3")),
                                signer.getAddress()));
        assertEquals("onChange", e.getParameter());
        assertTrue(
                e.getMessage().startsWith("Invalid 'onChange': 1 of the 3 deployments cannot go ahead. b differs from"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Nothing was signed for any of them. onChange is fail"), e.getMessage());
        assertEquals(2, kms.calls(), "not even the new entry c is signed");
        assertEquals(2, chain.mined().size());
        assertTrue(ledger().read(PAID, "c").isEmpty());
    }

    @Test
    void aRedeploymentAnEarlierRunSentIsFinishedWhateverOnChangeSays() {
        FakeChain chain = new FakeChain(PAID, true);
        DeploymentResult first = deployer(chain).deploy(request(), signer.getAddress());
        chain.crashAfterNextBroadcast();
        assertThrows(
                IllegalStateException.class,
                () -> deployer(chain).deploy(changed("7", OnChange.REDEPLOY), signer.getAddress()));
        assertEquals(
                first.address(), ledger().read(PAID, "holder").orElseThrow().address());

        // the re-run without -Dkms.onChange=redeploy: the decision was taken and the transaction sent
        DeploymentResult finished = deployer(chain).deploy(changed("7", null), signer.getAddress());
        assertTrue(finished.sent());
        assertEquals(2, kms.calls(), "nothing signed again");
        assertEquals(2, chain.mined().size());
        assertEquals(2, ledger().read(PAID, "holder").orElseThrow().generation());
        assertTrue(
                log.stream()
                        .anyMatch(l -> l.contains("An earlier run already signed holder as generation 2"
                                + " (step deployment2-holder); finishing that deployment")),
                log.toString());
    }

    @Test
    void aDeploymentTheAccountCannotPayForIsNotSigned() {
        FakeChain chain = new FakeChain(CHAIN, true);
        // FakeChain: estimate 500000 × 1.2 = 600000 gas × (2 × 1 gwei base fee + 1 gwei priority fee)
        BigInteger one = new BigInteger("1800000000000000");
        chain.setBalance(signer.getAddress(), one.multiply(BigInteger.TWO).subtract(BigInteger.ONE));
        List<DeploymentRequest> two = List.of(
                named("a", InitCodeTest.HOLDER_ARGS.get(0)), named("b", "0x00000000000000000000000000000000000000b2"));
        io.kmsethereum.core.tx.InsufficientFundsException e = assertThrows(
                io.kmsethereum.core.tx.InsufficientFundsException.class,
                () -> batchDeployer(chain, log).deployAll(two, signer.getAddress()));
        assertTrue(
                e.getMessage()
                        .startsWith("Insufficient funds: " + signer.getAddress() + " on chain id 31337 has a balance of"
                                + " 0.003599999999999999 ether (3599999999999999 wei)"),
                e.getMessage());
        assertTrue(
                e.getMessage()
                        .contains("but its 2 transactions in this execution can cost up to 0.0036 ether"
                                + " (3600000000000000 wei) (gasLimit × maxFeePerGas + value, summed): 0.000000000000000001"
                                + " ether (1 wei) is missing. Nothing was signed."),
                e.getMessage());
        assertEquals(0, kms.calls(), "no KMS Sign");
        assertTrue(chain.mined().isEmpty());
        assertFalse(Files.exists(stepFile("a")), "nothing recorded");
        assertTrue(log.stream().anyMatch(l -> l.startsWith("Released nonce 1")), "both nonces given back: " + log);

        // one of them is in the ledger already: only the other has to be paid for
        deployer(chain).deploy(named("a", InitCodeTest.HOLDER_ARGS.get(0)), signer.getAddress());
        List<DeploymentResult> results = batchDeployer(chain, log).deployAll(two, signer.getAddress());
        assertFalse(results.get(0).sent());
        assertTrue(results.get(1).sent());
        assertEquals(2, kms.calls());
    }
}
