package io.kmsethereum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.kms.KmsKeys;
import io.kmsethereum.core.rpc.JsonRpcNodeClient;
import io.kmsethereum.core.rpc.NodeClient;
import io.kmsethereum.core.rpc.RpcUrls;
import io.kmsethereum.core.signer.KmsSigner;
import io.kmsethereum.core.tx.RawTransactions;
import io.kmsethereum.core.tx.Receipt;
import io.kmsethereum.core.tx.SignedTransaction;
import io.kmsethereum.core.tx.TransactionFiller;
import io.kmsethereum.core.tx.TransactionInput;
import io.kmsethereum.core.tx.TransactionRejectedException;
import io.kmsethereum.core.tx.TransactionRequest;
import io.kmsethereum.core.tx.TransactionSender;
import java.io.File;
import java.math.BigInteger;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.web3j.crypto.RawTransaction;

/**
 * The core's node path against the real servers: keys in LocalStack, transactions to the Anvil of
 * scripts/services.sh (chain id 31337) and to a second Anvil on chain id 11155111 that this test
 * starts on {@code kms.it.spareAnvilPort + 1}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeSigningIT {
    private static final String PRIVATE_KEY = "3737373737373737373737373737373737373737373737373737373737373737";
    private static final int SEPOLIA = 11155111;

    private ItSupport support;
    private KmsSigner signer;
    private long anvilPid;
    private String mainUrl;
    private String sepoliaUrl;
    private final List<String> progress = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        support = new ItSupport(System.getProperty("kms.it.stateDir", "target/services"));
        String arn = support.ensureKey("03030303-0303-4303-8303-000000000010", PRIVATE_KEY, "alias/it-node-signing");
        String where = "in region us-east-1 at LocalStack";
        signer = new KmsSigner(support.kms(), KmsKeys.resolve(support.kms(), arn, where), where);
        assertEquals(support.castAddressOf(PRIVATE_KEY), signer.getAddress());
        int port = Integer.parseInt(System.getProperty("kms.it.spareAnvilPort", "8560")) + 1;
        File log = Files.createTempFile("anvil-" + SEPOLIA, ".log").toFile();
        anvilPid = support.startAnvil(port, log, 600, "--chain-id", Integer.toString(SEPOLIA));
        mainUrl = support.rpcUrl();
        sepoliaUrl = "http://127.0.0.1:" + port;
    }

    @AfterAll
    void stop() {
        Processes.stop(Long.toString(anvilPid));
    }

    private NodeClient node(String url) {
        return new JsonRpcNodeClient(RpcUrls.parse(url, "rpcUrl"), Duration.ofSeconds(30));
    }

    private String prepare(String url) {
        support.fund(url, signer.getAddress(), BigInteger.TEN.pow(21));
        support.cast("rpc", "--rpc-url", url, "anvil_setNonce", signer.getAddress(), "0x0");
        return signer.getAddress();
    }

    private SignedTransaction sign(NodeClient node, TransactionInput input) {
        TransactionRequest request = new TransactionFiller(node, TransactionFiller.DEFAULT_GAS_LIMIT_MARGIN)
                .fill(input.toRequest(), signer.getAddress())
                .request();
        RawTransaction unsigned = RawTransactions.build(request);
        return SignedTransaction.of(
                request.type(),
                request.chainId(),
                signer.getAddress(),
                unsigned,
                signer.sign(unsigned, request.chainId()));
    }

    private TransactionSender sender(NodeClient node, int confirmations) {
        return new TransactionSender(node, TransactionSender.Options.of(confirmations, 60), progress::add);
    }

    private static TransactionInput transfer(String type, String to, String value, String data, String accessList) {
        return new TransactionInput(type, to, value, data, null, null, null, null, null, null, null, null, accessList);
    }

    @Test
    void twoHundredAndFourTransactionsOverThreeTypesAndTwoChainIds() {
        int sent = 0;
        for (String url : List.of(mainUrl, sepoliaUrl)) {
            prepare(url);
            try (NodeClient node = node(url)) {
                long chainId = node.chainId();
                int n = 0;
                for (String type : List.of("legacy", "eip2930", "eip1559")) {
                    for (int i = 0; i < 34; i++, n++) {
                        String to = String.format("0x42%06d%032x", chainId % 1_000_000, n);
                        BigInteger value = BigInteger.valueOf(1_000_000L + n);
                        String accessList = !type.equals("legacy") && i % 3 == 0
                                ? "[{\"address\": \"" + to + "\", \"storageKeys\": [\"0x" + "0".repeat(63) + (i % 10)
                                        + "\"]}]"
                                : null;
                        BigInteger before = node.balance(to, "latest");
                        SignedTransaction tx = sign(
                                node, transfer(type, to, value.toString(), i % 2 == 0 ? "0x" : "0xc0ffee", accessList));
                        assertEquals(chainId, tx.chainId());
                        assertEquals(Integer.toString(n), tx.nonce());
                        Receipt receipt = sender(node, 1).send(tx);
                        assertTrue(receipt.success());
                        assertEquals(signer.getAddress(), receipt.from(), "the node recovered the KMS address");
                        assertEquals(before.add(value), node.balance(to, "latest"), "the recipient got the value");
                        sent++;
                    }
                }
                assertEquals(
                        BigInteger.valueOf(n), support.nonce(url, signer.getAddress()), "every transaction was mined");
            }
        }
        assertEquals(204, sent);
    }

    @Test
    void legacyVAboveTwoFiftyFiveIsDecodedByCast() {
        prepare(sepoliaUrl);
        try (NodeClient node = node(sepoliaUrl)) {
            SignedTransaction tx =
                    sign(node, transfer("legacy", "0x4300000000000000000000000000000000000001", "1", null, null));
            Map<String, Object> decoded = support.castDecodeTx(tx.raw());
            BigInteger v = new BigInteger(((String) decoded.get("v")).substring(2), 16);
            assertTrue(
                    v.equals(BigInteger.valueOf(SEPOLIA * 2L + 35)) || v.equals(BigInteger.valueOf(SEPOLIA * 2L + 36)),
                    "v " + v);
            assertTrue(((String) decoded.get("signer")).equalsIgnoreCase(signer.getAddress()));
            assertTrue(sender(node, 1).send(tx).success());
        }
    }

    @Test
    void confirmationsAreCountedWhileBlocksAreMined() throws Exception {
        prepare(sepoliaUrl);
        ScheduledExecutorService miner = Executors.newSingleThreadScheduledExecutor();
        try (NodeClient node = node(sepoliaUrl)) {
            SignedTransaction tx =
                    sign(node, transfer("eip1559", "0x4300000000000000000000000000000000000002", "1", null, null));
            miner.scheduleAtFixedRate(
                    () -> support.cast("rpc", "--rpc-url", sepoliaUrl, "evm_mine"), 300, 300, TimeUnit.MILLISECONDS);
            Receipt receipt = sender(node, 4).send(tx);
            assertTrue(receipt.confirmations() >= 4);
            BigInteger head = node.blockNumber();
            assertTrue(
                    head.longValueExact() >= receipt.blockNumber() + 3,
                    "head " + head + ", mined in " + receipt.blockNumber());
        } finally {
            miner.shutdownNow();
            miner.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void nodeRefusalsFromAnvilSayWhatToChange() {
        String from = prepare(sepoliaUrl);
        String to = "0x4300000000000000000000000000000000000003";
        try (NodeClient node = node(sepoliaUrl)) {
            TransactionSender sender = sender(node, 1);
            assertTrue(sender.send(sign(node, transfer("eip1559", to, "1", null, null)))
                    .success());

            // nonce 0 is used now
            SignedTransaction reused = sign(
                    node,
                    new TransactionInput(null, to, "1", null, null, null, null, "0", null, null, null, null, null));
            TransactionRejectedException low =
                    assertThrows(TransactionRejectedException.class, () -> sender.send(reused));
            assertTrue(
                    low.getMessage().contains("Nonce 0 is already used (the node's next nonce for " + from + " is 1)"),
                    low.getMessage());

            // more than the balance
            SignedTransaction tooMuch = sign(
                    node,
                    new TransactionInput(
                            null, to, "1000000 ether", null, null, null, null, null, "21000", null, null, null, null));
            TransactionRejectedException funds =
                    assertThrows(TransactionRejectedException.class, () -> sender.send(tooMuch));
            assertTrue(
                    funds.getMessage().contains("Fund " + from + ", or lower value, gasLimit or maxFeePerGas"),
                    funds.getMessage());

            // a max fee below the base fee
            SignedTransaction cheap = sign(
                    node,
                    new TransactionInput(
                            null, to, "1", null, null, null, null, null, null, null, "1 wei", "1 wei", null));
            TransactionRejectedException underpriced =
                    assertThrows(TransactionRejectedException.class, () -> sender.send(cheap));
            assertTrue(
                    underpriced
                            .getMessage()
                            .contains("The fee is too low for the node (maxFeePerGas 1 wei). Raise maxFeePerGas"),
                    underpriced.getMessage());

            // a second transaction with a pending nonce and the same fees
            support.cast("rpc", "--rpc-url", sepoliaUrl, "evm_setAutomine", "false");
            try {
                SignedTransaction first = sign(
                        node,
                        new TransactionInput(
                                null, to, "1", null, null, null, null, null, null, null, "10 gwei", "1 gwei", null));
                sender.broadcast(first);
                SignedTransaction second = sign(
                        node,
                        new TransactionInput(
                                null,
                                to,
                                "2",
                                null,
                                null,
                                null,
                                null,
                                first.nonce(),
                                null,
                                null,
                                "10 gwei",
                                "1 gwei",
                                null));
                TransactionRejectedException replacement =
                        assertThrows(TransactionRejectedException.class, () -> sender.broadcast(second));
                assertTrue(
                        replacement
                                .getMessage()
                                .contains("Another transaction with nonce " + first.nonce() + " is pending."),
                        replacement.getMessage());
            } finally {
                support.cast("rpc", "--rpc-url", sepoliaUrl, "evm_setAutomine", "true");
            }
        }
    }
}
