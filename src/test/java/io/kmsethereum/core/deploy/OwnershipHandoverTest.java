package io.kmsethereum.core.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.Json;
import io.kmsethereum.core.artifact.Artifacts;
import io.kmsethereum.core.artifact.ContractArtifact;
import io.kmsethereum.core.rpc.BlockHeader;
import io.kmsethereum.core.rpc.CallRequest;
import io.kmsethereum.core.rpc.NodeClient;
import io.kmsethereum.core.signer.KmsSigner;
import io.kmsethereum.core.store.LocalStateStore;
import io.kmsethereum.core.store.StoreKeys;
import io.kmsethereum.core.tx.NonceLeases;
import io.kmsethereum.core.tx.RawTransactions;
import io.kmsethereum.core.tx.SignedTransaction;
import io.kmsethereum.core.tx.StepRecord;
import io.kmsethereum.core.tx.TransactionFiller;
import io.kmsethereum.core.tx.TransactionRequest;
import io.kmsethereum.core.tx.TransactionSender;
import io.kmsethereum.core.tx.TransactionSteps;
import io.kmsethereum.core.tx.TransactionType;
import io.kmsethereum.testing.FakeChain;
import io.kmsethereum.testing.FakeKms;
import io.kmsethereum.testing.InMemoryStateStore;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Keys;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

class OwnershipHandoverTest {
    private static final long CHAIN = 31337;
    private static final BigInteger KEY =
            new BigInteger("4747474747474747474747474747474747474747474747474747474747474747", 16);
    private static final String CONTRACT = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private static final String SAFE = "0x3535353535353535353535353535353535353535";
    private static final String OTHER = "0x1212121212121212121212121212121212121212";

    private static final String OWNABLE_ABI = "["
            + "{\"type\":\"function\",\"name\":\"owner\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\"},"
            + "{\"type\":\"function\",\"name\":\"transferOwnership\",\"inputs\":[{\"name\":\"newOwner\",\"type\":\"address\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"},"
            + "{\"type\":\"function\",\"name\":\"setAdmin\",\"inputs\":[{\"name\":\"a\",\"type\":\"address\"}],\"outputs\":[],\"stateMutability\":\"nonpayable\"}";
    private static final String TWO_STEP_EXTRA = ","
            + "{\"type\":\"function\",\"name\":\"pendingOwner\",\"inputs\":[],\"outputs\":[{\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\"},"
            + "{\"type\":\"function\",\"name\":\"acceptOwnership\",\"inputs\":[],\"outputs\":[],\"stateMutability\":\"nonpayable\"}";

    @TempDir
    Path dir;

    private final FakeKms kms = new FakeKms(KEY, false);
    private final KmsSigner signer = new KmsSigner(kms, kms.key());
    private final List<String> log = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    /** Contracts with owner() (and pendingOwner()) on top of a {@link FakeChain}. */
    private static final class OwnableChain implements NodeClient {
        final FakeChain chain = new FakeChain(CHAIN, false);
        final Set<String> withCode = new HashSet<>();
        final boolean twoStep;
        String owner;
        String pendingOwner = "0x0000000000000000000000000000000000000000";
        boolean ignoreTransfers;
        int calls;

        OwnableChain(String owner, boolean twoStep) {
            this.owner = owner;
            this.twoStep = twoStep;
            withCode.add(CONTRACT.toLowerCase(Locale.ROOT));
        }

        @Override
        public String describe() {
            return chain.describe();
        }

        @Override
        public long chainId() {
            return CHAIN;
        }

        @Override
        public BigInteger transactionCount(String address, String blockTag) {
            return chain.transactionCount(address, blockTag);
        }

        @Override
        public BigInteger balance(String address, String blockTag) {
            return chain.balance(address, blockTag);
        }

        @Override
        public BigInteger estimateGas(CallRequest call) {
            return BigInteger.valueOf(50_000);
        }

        @Override
        public byte[] call(CallRequest call, BigInteger blockNumber) {
            calls++;
            String selector = Numeric.toHexString(Arrays.copyOf(call.data(), 4));
            if (selector.equals(selector("owner()"))) {
                return word(owner);
            }
            if (twoStep && selector.equals(selector("pendingOwner()"))) {
                return word(pendingOwner);
            }
            return new byte[0];
        }

        @Override
        public byte[] code(String address) {
            return withCode.contains(address.toLowerCase(Locale.ROOT)) ? new byte[] {0x60} : new byte[0];
        }

        @Override
        public BlockHeader latestBlock() {
            return chain.latestBlock();
        }

        @Override
        public BigInteger blockNumber() {
            return chain.blockNumber();
        }

        @Override
        public BigInteger maxPriorityFeePerGas() {
            return chain.maxPriorityFeePerGas();
        }

        @Override
        public List<BigInteger> priorityFeeHistory(int blocks, double percentile) {
            return chain.priorityFeeHistory(blocks, percentile);
        }

        @Override
        public BigInteger gasPrice() {
            return chain.gasPrice();
        }

        @Override
        public String sendRawTransaction(String rawTransactionHex) {
            SignedRawTransaction tx = (SignedRawTransaction) TransactionDecoder.decode(rawTransactionHex);
            byte[] data = Numeric.hexStringToByteArray(tx.getData());
            if (!ignoreTransfers
                    && CONTRACT.equalsIgnoreCase(tx.getTo())
                    && Numeric.toHexString(Arrays.copyOf(data, 4)).equals(selector("transferOwnership(address)"))) {
                String to = Keys.toChecksumAddress(Numeric.toHexString(Arrays.copyOfRange(data, 16, 36)));
                if (twoStep) {
                    pendingOwner = to;
                } else {
                    owner = to;
                }
            }
            return chain.sendRawTransaction(rawTransactionHex);
        }

        @Override
        public Optional<TransactionReceipt> receipt(String transactionHash) {
            return chain.receipt(transactionHash);
        }

        @Override
        public boolean knowsTransaction(String transactionHash) {
            return chain.knowsTransaction(transactionHash);
        }

        @Override
        public java.util.List<org.web3j.protocol.core.methods.response.Log> logs(
                String address, String topic0, long fromBlock) {
            return java.util.List.of(); // this fake models no events
        }

        @Override
        public void close() {}

        static String selector(String signature) {
            return Numeric.toHexString(Arrays.copyOf(
                    org.web3j.crypto.Hash.sha3(signature.getBytes(java.nio.charset.StandardCharsets.UTF_8)), 4));
        }

        static byte[] word(String address) {
            return Numeric.toBytesPadded(Numeric.toBigInt(address), 32);
        }
    }

    private LocalStateStore store() {
        return new LocalStateStore(dir.resolve("journal"), dir);
    }

    private DeploymentLedger ledger() {
        return new DeploymentLedger(store());
    }

    private OwnershipHandover handover(OwnableChain node) {
        TransactionFiller filler = new TransactionFiller(node, new BigDecimal("1.2"));
        TransactionSteps steps = new TransactionSteps(
                store(),
                node,
                new NonceLeases(store(), node, "test-run", Duration.ofSeconds(60), log::add),
                new TransactionSender(node, TransactionSender.Options.of(1, 5), log::add),
                tx -> filler.fill(tx, signer.getAddress()).request(),
                this::sign,
                "test-run",
                log::add,
                true);
        return new OwnershipHandover(node, steps, ledger(), log::add, warnings::add);
    }

    private SignedTransaction sign(TransactionRequest request) {
        return SignedTransaction.of(
                request.type(),
                request.chainId(),
                signer.getAddress(),
                RawTransactions.build(request),
                signer.sign(RawTransactions.build(request), request.chainId()));
    }

    private ContractArtifact artifact(String abi) {
        try {
            Path file = dir.resolve("out/Settings.sol/Settings.json");
            Files.createDirectories(file.getParent());
            Files.writeString(
                    file,
                    "{\"abi\":" + abi + "],\"bytecode\":{\"object\":\"0x6080\",\"linkReferences\":{}},"
                            + "\"deployedBytecode\":{\"object\":\"0x6080\"}}");
            return Artifacts.read(file, null);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private OwnershipHandover.Request request(boolean twoStep) {
        return OwnershipHandover.parse(SAFE, null, false, artifact(OWNABLE_ABI + (twoStep ? TWO_STEP_EXTRA : "")))
                .orElseThrow();
    }

    /** The deployment as the ledger records it after ContractDeployer wrote it. */
    private DeploymentRecord deployed() {
        return ledger().write(contract(CONTRACT, "0x" + "ab".repeat(32)));
    }

    private DeploymentRecord contract(String address, String transactionHash) {
        return new DeploymentRecord(
                "settings",
                "Settings",
                CHAIN,
                address,
                transactionHash,
                BigInteger.ONE,
                signer.getAddress(),
                "0x" + "cd".repeat(32),
                List.of(),
                "0x",
                "0",
                null,
                null,
                null,
                "out/Settings.sol/Settings.json",
                null,
                1,
                "2026-01-01T00:00:00Z",
                List.of());
    }

    private static TransactionRequest template() {
        return new TransactionRequest(
                TransactionType.EIP1559,
                null,
                BigInteger.valueOf(7),
                null,
                BigInteger.ZERO,
                null,
                BigInteger.valueOf(3_000_000),
                null,
                null,
                null,
                null);
    }

    @Test
    void parseChecksTheAddressTheFunctionAndTheAbiBeforeAnything() {
        ContractArtifact ownable = artifact(OWNABLE_ABI);
        assertTrue(OwnershipHandover.parse(" ", null, false, ownable).isEmpty());
        OwnershipHandover.Request r = OwnershipHandover.parse(SAFE.toLowerCase(Locale.ROOT), "", false, ownable)
                .orElseThrow();
        assertEquals(SAFE, r.newOwner());
        assertEquals("transferOwnership(address)", r.function().canonicalSignature());
        assertFalse(r.twoStep());
        assertEquals(
                "setAdmin(address)",
                OwnershipHandover.parse(SAFE, "setAdmin(address admin)", false, ownable)
                        .orElseThrow()
                        .function()
                        .canonicalSignature());

        InvalidInputException notAnAddress = assertThrows(
                InvalidInputException.class, () -> OwnershipHandover.parse("0x1234", null, false, ownable));
        assertEquals("transferOwnershipTo", notAnAddress.getParameter());
        assertTrue(notAnAddress.getMessage().contains("is not an address"), notAnAddress.getMessage());

        InvalidInputException badChecksum = assertThrows(
                InvalidInputException.class,
                () -> OwnershipHandover.parse("0x5fbDB2315678afecb367f032d93F642f64180aa3", null, false, ownable));
        assertEquals("transferOwnershipTo", badChecksum.getParameter());

        InvalidInputException zero = assertThrows(
                InvalidInputException.class,
                () -> OwnershipHandover.parse("0x" + "0".repeat(40), null, false, ownable));
        assertEquals("transferOwnershipTo", zero.getParameter());
        assertTrue(zero.getMessage().contains("is the zero address"), zero.getMessage());

        InvalidInputException twoArgs = assertThrows(
                InvalidInputException.class,
                () -> OwnershipHandover.parse(SAFE, "transferOwnership(address,uint256)", false, ownable));
        assertEquals("transferOwnershipFunction", twoArgs.getParameter());
        assertTrue(twoArgs.getMessage().contains("takes (address,uint256)"), twoArgs.getMessage());

        InvalidInputException notAddress = assertThrows(
                InvalidInputException.class, () -> OwnershipHandover.parse(SAFE, "setFee(uint256)", false, ownable));
        assertEquals("transferOwnershipFunction", notAddress.getParameter());

        InvalidInputException absent = assertThrows(
                InvalidInputException.class, () -> OwnershipHandover.parse(SAFE, "setOwner(address)", false, ownable));
        assertEquals("transferOwnershipFunction", absent.getParameter());
        assertTrue(
                absent.getMessage()
                        .contains("its functions of one address argument are transferOwnership(address),"
                                + " setAdmin(address)"),
                absent.getMessage());

        InvalidInputException malformed = assertThrows(
                InvalidInputException.class, () -> OwnershipHandover.parse(SAFE, "transferOwnership", false, ownable));
        assertEquals("transferOwnershipFunction", malformed.getParameter());

        ContractArtifact ownerless = artifact("[{\"type\":\"function\",\"name\":\"transferOwnership\","
                + "\"inputs\":[{\"name\":\"a\",\"type\":\"address\"}],\"outputs\":[]}");
        InvalidInputException noOwner =
                assertThrows(InvalidInputException.class, () -> OwnershipHandover.parse(SAFE, null, false, ownerless));
        assertEquals("transferOwnershipTo", noOwner.getParameter());
        assertTrue(noOwner.getMessage().contains("has no owner() view"), noOwner.getMessage());

        assertTrue(request(true).twoStep());
    }

    @Test
    void checkRefusesTheDeployerAndAnAddressWithoutCodeUnlessAskedFor() {
        OwnableChain node = new OwnableChain(signer.getAddress(), false);
        OwnershipHandover handover = handover(node);
        OwnershipHandover.Request toSafe = request(false);

        InvalidInputException noCode = assertThrows(
                InvalidInputException.class, () -> handover.check(toSafe, signer.getAddress(), "settings"));
        assertEquals("transferOwnershipTo", noCode.getParameter());
        assertTrue(noCode.getMessage().contains(SAFE + " has no code on chain id 31337"), noCode.getMessage());
        assertTrue(noCode.getMessage().contains("set transferOwnershipToEoa to true"), noCode.getMessage());

        OwnershipHandover.Request toAccount =
                new OwnershipHandover.Request(SAFE, toSafe.function(), true, false, "Settings");
        handover.check(toAccount, signer.getAddress(), "settings");
        assertTrue(log.get(log.size() - 1).contains("an account without code"), log.toString());

        node.withCode.add(SAFE.toLowerCase(Locale.ROOT));
        handover.check(toSafe, signer.getAddress(), "settings");
        assertTrue(log.get(log.size() - 1).contains("a contract (it has code; not a Safe"), log.toString());

        OwnershipHandover.Request toDeployer =
                new OwnershipHandover.Request(signer.getAddress(), toSafe.function(), true, false, "Settings");
        InvalidInputException self = assertThrows(
                InvalidInputException.class, () -> handover.check(toDeployer, signer.getAddress(), "settings"));
        assertTrue(self.getMessage().contains("the deploying key's own address"), self.getMessage());
        assertTrue(node.chain.mined().isEmpty());
    }

    @Test
    void theTransferIsSentOnceCheckedAndRecorded() throws Exception {
        OwnableChain node = new OwnableChain(signer.getAddress(), false);
        DeploymentRecord deployment = deployed();
        OwnershipHandover.Result result =
                handover(node).handOver(deployment, request(false), signer.getAddress(), template());

        assertTrue(result.sent());
        assertEquals(SAFE, node.owner);
        assertEquals(1, node.chain.mined().size());
        SignedRawTransaction tx = node.chain.mined().get(0);
        assertEquals(CONTRACT.toLowerCase(Locale.ROOT), tx.getTo().toLowerCase(Locale.ROOT));
        assertEquals(BigInteger.ZERO, tx.getNonce(), "a nonce of its own, not the deployment's configured one");
        assertEquals(BigInteger.valueOf(60_000), tx.getGasLimit(), "estimated (50000 x 1.2), not the deployment's");

        OwnershipTransfer transfer = result.transfer();
        assertEquals(OwnershipTransfer.TRANSFERRED, transfer.status());
        assertEquals(SAFE, transfer.to());
        assertEquals("transferOwnership(address)", transfer.function());
        assertEquals(result.receipt().transactionHash(), transfer.transactionHash());
        assertEquals(BigInteger.valueOf(result.receipt().blockNumber()), transfer.block());

        DeploymentRecord stored = ledger().read(CHAIN, "settings").orElseThrow();
        assertEquals(transfer, stored.ownershipTransfer());
        assertEquals(1, stored.schema(), "an optional field: the schema stays");
        String json = Files.readString(dir.resolve(CHAIN + "/settings.json"));
        assertTrue(json.contains("\"ownershipTransfer\""), json);
        assertTrue(json.contains("\"status\" : \"transferred\""), json);

        StepRecord step = Json.MAPPER.readValue(
                store().file(StoreKeys.step(CHAIN, signer.getAddress(), "ownership-settings"))
                        .toFile(),
                StepRecord.class);
        assertEquals(StepRecord.MINED, step.state());

        // a re-run finds the transfer in the ledger: nothing is signed or sent
        int signs = kms.calls();
        OwnershipHandover.Result again =
                handover(node).handOver(stored, request(false), signer.getAddress(), template());
        assertFalse(again.sent());
        assertEquals(signs, kms.calls());
        assertEquals(1, node.chain.mined().size());
        assertTrue(log.get(log.size() - 1).contains("Nothing was sent"), log.toString());
    }

    @Test
    void aRunKilledAfterTheBroadcastIsResumedWithoutSigningAgain() {
        OwnableChain node = new OwnableChain(signer.getAddress(), false);
        DeploymentRecord deployment = deployed();
        node.chain.crashAfterNextBroadcast();
        assertThrows(
                IllegalStateException.class,
                () -> handover(node).handOver(deployment, request(false), signer.getAddress(), template()));
        assertNull(ledger().read(CHAIN, "settings").orElseThrow().ownershipTransfer());
        int signs = kms.calls();

        OwnershipHandover.Result result =
                handover(node).handOver(deployment, request(false), signer.getAddress(), template());
        assertTrue(result.sent());
        assertEquals(signs, kms.calls(), "the recorded transaction is resumed");
        assertEquals(1, node.chain.mined().size());
        assertEquals(
                OwnershipTransfer.TRANSFERRED,
                ledger().read(CHAIN, "settings")
                        .orElseThrow()
                        .ownershipTransfer()
                        .status());
        assertTrue(log.stream().anyMatch(l -> l.startsWith("Resuming the hand-over of settings")), log.toString());
    }

    @Test
    void twoStepOwnershipIsRecordedPendingUntilTheNewOwnerAccepts() {
        OwnableChain node = new OwnableChain(signer.getAddress(), true);
        OwnershipHandover.Result result =
                handover(node).handOver(deployed(), request(true), signer.getAddress(), template());
        assertEquals(OwnershipTransfer.PENDING_ACCEPTANCE, result.transfer().status());
        assertEquals(signer.getAddress(), node.owner);
        assertEquals(SAFE, node.pendingOwner);
        String pending = log.stream()
                .filter(l -> l.startsWith("Ownership of settings"))
                .findFirst()
                .orElseThrow();
        assertTrue(pending.contains(SAFE + " must accept it by calling acceptOwnership() on " + CONTRACT), pending);
        assertTrue(pending.contains("a Safe transaction"), pending);

        // not accepted yet: a re-run says so, sends nothing
        DeploymentRecord stored = ledger().read(CHAIN, "settings").orElseThrow();
        handover(node).handOver(stored, request(true), signer.getAddress(), template());
        assertEquals(1, node.chain.mined().size());
        assertEquals(
                OwnershipTransfer.PENDING_ACCEPTANCE,
                ledger().read(CHAIN, "settings")
                        .orElseThrow()
                        .ownershipTransfer()
                        .status());

        // the Safe accepts; the next run records it
        node.owner = SAFE;
        node.pendingOwner = "0x0000000000000000000000000000000000000000";
        OwnershipHandover.Result accepted = handover(node)
                .handOver(
                        ledger().read(CHAIN, "settings").orElseThrow(), request(true), signer.getAddress(), template());
        assertFalse(accepted.sent());
        assertEquals(OwnershipTransfer.ACCEPTED, accepted.transfer().status());
        OwnershipTransfer recorded =
                ledger().read(CHAIN, "settings").orElseThrow().ownershipTransfer();
        assertEquals(OwnershipTransfer.ACCEPTED, recorded.status());
        assertEquals(result.transfer().transactionHash(), recorded.transactionHash());
        assertEquals(1, node.chain.mined().size());
    }

    @Test
    void aContractOwnedByAnotherAccountIsNotSignedFor() {
        OwnableChain node = new OwnableChain(OTHER, false);
        OwnershipTransferException e = assertThrows(
                OwnershipTransferException.class,
                () -> handover(node).handOver(deployed(), request(false), signer.getAddress(), template()));
        assertTrue(e.getMessage().contains("its owner() is " + OTHER + ", not the deploying account"), e.getMessage());
        assertEquals(0, kms.calls());
        assertTrue(node.chain.mined().isEmpty());
    }

    @Test
    void aContractAlreadyOwnedByTheNewOwnerIsRecordedWithoutATransaction() {
        OwnableChain node = new OwnableChain(SAFE, false);
        OwnershipHandover.Result result =
                handover(node).handOver(deployed(), request(false), signer.getAddress(), template());
        assertFalse(result.sent());
        assertNull(result.transfer().transactionHash());
        assertEquals(OwnershipTransfer.TRANSFERRED, result.transfer().status());
        assertEquals(0, kms.calls());
    }

    @Test
    void aTransferThatLeavesTheOwnerFailsAndIsNotRecorded() {
        OwnableChain node = new OwnableChain(signer.getAddress(), false);
        node.ignoreTransfers = true;
        OwnershipTransferException e = assertThrows(
                OwnershipTransferException.class,
                () -> handover(node).handOver(deployed(), request(false), signer.getAddress(), template()));
        assertTrue(e.getMessage().contains("did not take effect"), e.getMessage());
        assertTrue(e.getMessage().contains("yet owner() is " + signer.getAddress()), e.getMessage());
        assertNull(ledger().read(CHAIN, "settings").orElseThrow().ownershipTransfer());
    }

    @Test
    void aRecordedHandOverToAnotherAddressIsRefusedBeforeSigning() {
        OwnableChain node = new OwnableChain(signer.getAddress(), false);
        handover(node).handOver(deployed(), request(false), signer.getAddress(), template());
        int signs = kms.calls();
        OwnershipHandover.Request elsewhere = OwnershipHandover.parse(OTHER, null, false, artifact(OWNABLE_ABI))
                .orElseThrow();
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> handover(node)
                        .handOver(
                                ledger().read(CHAIN, "settings").orElseThrow(),
                                elsewhere,
                                signer.getAddress(),
                                template()));
        assertEquals("transferOwnershipTo", e.getParameter());
        assertTrue(e.getMessage().contains("handed to " + SAFE), e.getMessage());
        assertTrue(e.getMessage().contains("is no longer the deployer's to give"), e.getMessage());
        assertEquals(signs, kms.calls());
    }

    @Test
    void theLedgerKeepsTheTransferWhenTheSameContractIsRecordedAgainAndMovesItIntoTheHistory() {
        OwnableChain node = new OwnableChain(signer.getAddress(), false);
        DeploymentRecord deployment = deployed();
        handover(node).handOver(deployment, request(false), signer.getAddress(), template());
        // the same contract recorded again (ContractDeployer writes without the field)
        DeploymentRecord again = ledger().write(deployment);
        assertEquals(SAFE, again.ownershipTransfer().to());
        // another contract under the name: the next generation starts without one, the history keeps it
        DeploymentRecord next = contract(OTHER, "0x" + "ef".repeat(32));
        DeploymentRecord written = ledger().write(next);
        assertNull(written.ownershipTransfer());
        assertEquals(SAFE, written.history().get(0).ownershipTransfer().to());
        assertEquals(OwnershipHandover.stepName("settings", 2), "ownership2-settings", "the next contract's own step");
    }

    @Test
    void theLedgerUpdateRereadsWhenAnotherRunnerWroteTheRecordInBetween() {
        InMemoryStateStore store = new InMemoryStateStore(true);
        DeploymentLedger shared = new DeploymentLedger(store);
        DeploymentRecord first = shared.write(contract(CONTRACT, "0x" + "ab".repeat(32)));
        String key = StoreKeys.deployment(CHAIN, "settings");
        String other = store.text(key).replace("2026-01-01T00:00:00Z", "2026-01-02T00:00:00Z");
        store.beforeNext(InMemoryStateStore.Operation.REPLACE, () -> store.put(key, other));
        OwnershipTransfer transfer =
                new OwnershipTransfer(SAFE, "transferOwnership(address)", null, null, OwnershipTransfer.TRANSFERRED);

        DeploymentRecord written = shared.update(CHAIN, "settings", r -> r.withOwnershipTransfer(transfer))
                .orElseThrow();
        assertEquals(2, store.requests(InMemoryStateStore.Operation.REPLACE), "the first compare-and-swap lost");
        assertEquals(transfer, written.ownershipTransfer());
        assertEquals("2026-01-02T00:00:00Z", written.deployedAt(), "the other runner's record is the base");
        assertEquals(transfer, shared.read(CHAIN, "settings").orElseThrow().ownershipTransfer());
        assertEquals(first.address(), written.address());
    }
}
