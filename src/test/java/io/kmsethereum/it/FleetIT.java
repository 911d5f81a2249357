package io.kmsethereum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.store.StoreKeys;
import io.kmsethereum.testing.FaultProxy;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The fleet guarantees, with real servers and separate {@code mvn} processes: LocalStack (KMS and
 * S3), an Anvil of each story's own (on {@code kms.it.spareAnvilPort + 20..25}), a fresh bucket
 * per story, and project directories under {@code target/fleet-it} made fresh per test.
 *
 * <ol>
 *   <li>A build killed after it sent its transaction, re-run from another checkout that shares
 *       the S3 store, waits for that transaction: one payment.
 *   <li>A build killed after it claimed a nonce and before KMS signed (its {@code Sign} held up
 *       by {@link FaultProxy}): the next run takes the nonce over after the lease; no gap.
 *   <li>Eight builds at once for one key: eight consecutive nonces, all mined, all green.
 *   <li>Three builds deploying the same contract at once: one contract, one address for all.
 *   <li>The local default store on a fresh checkout stops before KMS when the node holds a
 *       pending transaction it does not know.
 *   <li>Bad stores (no bucket, S3 unreachable, a record that does not parse, one of a newer
 *       plugin) fail the build with their message and without a KMS {@code Sign}.
 * </ol>
 *
 * Fails (does not skip) when the servers are not running.
 */
class FleetIT {
    private static final Pattern SIGNED =
            Pattern.compile("Signed \\S+ transaction (0x[0-9a-f]{64}) from \\S+ \\(chain id \\d+, nonce (\\d+)\\)");
    private static final Pattern DEPLOYED = Pattern.compile("(?:Deployed|Using) Counter at (0x[0-9a-fA-F]{40})");

    private final Fleet fleet = new Fleet();

    @org.junit.jupiter.api.AfterEach
    void cleanUp() {
        fleet.close();
    }

    private static long count(String text, String needle) {
        return text.lines().filter(l -> l.contains(needle)).count();
    }

    private static List<Integer> signedNonces(String log) {
        List<Integer> nonces = new ArrayList<>();
        Matcher m = SIGNED.matcher(log);
        while (m.find()) {
            nonces.add(Integer.parseInt(m.group(2)));
        }
        return nonces;
    }

    // ---------------------------------------------------------------- 1: crash, re-run elsewhere

    @Test
    void killedAfterSendingThenRerunOnAFreshCheckoutSendsNothingNew() throws Exception {
        Path story = fleet.fresh("crash-s3");
        String rpc = fleet.anvil(0, story, "--no-mining");
        String from = fleet.account(rpc);
        String store = "s3://" + fleet.bucket() + "/team/ci";
        String to = "0x5555555555555555555555555555555555550101";
        String config = Fleet.payment(fleet.localstack, rpc, to, "0.05 ether")
                + Fleet.xml("stateStore", store)
                + Fleet.xml("journalKey", "release-payment");
        Path a = Fleet.project(story.resolve("a"), "fleet-crash", config);
        Path b = Fleet.project(story.resolve("b"), "fleet-crash", config);

        MavenRun first = fleet.mvn(a, "kms-ethereum:kms-sign");
        first.awaitOutput(out -> out.contains("Sent transaction"), 240, "'Sent transaction'");
        first.kill();
        String runA = first.output();
        assertEquals(1, signedNonces(runA).size(), runA);
        assertEquals(BigInteger.ZERO, Fleet.nonce(rpc, from, "latest"), "anvil --no-mining holds it");

        MavenRun second = fleet.mvn(b, "kms-ethereum:kms-sign");
        second.awaitOutput(out -> out.contains("nothing new is signed"), 240, "the step record being found in S3");
        Fleet.rpc(rpc, "evm_mine");
        assertEquals(0, second.waitFor(240), second.output());
        String runB = second.output();
        assertTrue(runB.contains("State store: " + store), runB);
        assertEquals(List.of(), signedNonces(runB), "the re-run signs nothing:\n" + runB);
        assertTrue(runB.contains("Receipt: transaction"), runB);
        assertEquals(BigInteger.ONE, Fleet.nonce(rpc, from, "latest"), "exactly one transaction");
        assertEquals(Fleet.ether("0.05"), it().balance(rpc, to), "paid once");
        assertEquals(1, Fleet.transactionsFrom(rpc, from).size());
    }

    private ItSupport it() {
        return fleet.it;
    }

    // ---------------------------------------------------------------- 2: killed between claim and Sign

    @Test
    void killedAfterClaimingBeforeSigningTheNextRunTakesTheNonceOver() throws Exception {
        Path story = fleet.fresh("takeover");
        String rpc = fleet.anvil(1, story);
        String from = fleet.account(rpc);
        String store = "s3://" + fleet.bucket() + "/team";
        FaultProxy kms = fleet.proxy();
        kms.delayMillis(120_000); // A's Sign waits here until A is killed
        kms.inject("Sign", FaultProxy.Fault.DELAY, 1000);
        String to = "0x5555555555555555555555555555555555550201";
        String config = Fleet.payment(kms.endpoint().toString(), rpc, to, "0.05 ether")
                + Fleet.xml("stateStore", store)
                + Fleet.xml("stateStoreEndpoint", fleet.localstack)
                + Fleet.xml("journalKey", "release-payment");
        Path a = Fleet.project(story.resolve("a"), "fleet-takeover", config);
        Path b = Fleet.project(story.resolve("b"), "fleet-takeover", config);

        MavenRun first = fleet.mvn(a, "kms-ethereum:kms-sign", "-Dkms.nonceLeaseSeconds=5");
        first.awaitOutput(out -> out.contains("Claimed nonce 0 "), 240, "'Claimed nonce 0'");
        first.kill();
        assertEquals(List.of(), signedNonces(first.output()), first.output());
        assertTrue(kms.calls("Sign") <= 1, kms.counts().toString());
        assertEquals(BigInteger.ZERO, Fleet.nonce(rpc, from, "pending"), "A sent nothing");

        kms.reset(); // B's Sign goes through at once, and is counted
        MavenRun second = fleet.mvn(b, "kms-ethereum:kms-sign", "-Dkms.nonceLeaseSeconds=5");
        assertEquals(0, second.waitFor(240), second.output());
        String runB = second.output();
        assertTrue(runB.contains("Took over nonce 0 of " + from.toLowerCase(Locale.ROOT)), runB);
        assertEquals(List.of(0), signedNonces(runB), runB);
        assertEquals(1, kms.calls("Sign"), kms.counts().toString());
        assertEquals(BigInteger.ONE, Fleet.nonce(rpc, from, "latest"), "no gap: nonce 0 was used, once");
        assertEquals(Fleet.ether("0.05"), it().balance(rpc, to), "paid once");
    }

    // ---------------------------------------------------------------- 3: eight builds at once

    @Test
    void eightBuildsAtOnceForOneKeyGetConsecutiveNonces() throws Exception {
        Path story = fleet.fresh("eight");
        String rpc = fleet.anvil(2, story, "--block-time", "1");
        String from = fleet.account(rpc);
        String store = "s3://" + fleet.bucket() + "/fleet";
        int n = 8;
        List<MavenRun> runs = new ArrayList<>();
        List<Path> projects = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String to = String.format("0x55555555555555555555555555555555555503%02x", i + 1);
            projects.add(Fleet.project(
                    story.resolve("p" + i),
                    "fleet-eight-" + i,
                    Fleet.payment(fleet.localstack, rpc, to, "0.0" + (i + 1) + " ether")
                            + Fleet.xml("stateStore", store)
                            + Fleet.xml("journalKey", "payment-" + i)));
        }
        for (Path p : projects) {
            runs.add(fleet.mvn(p, "kms-ethereum:kms-sign"));
        }
        Set<Integer> nonces = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            MavenRun run = runs.get(i);
            assertEquals(0, run.waitFor(420), "build " + i + ":\n" + run.output());
            String log = run.output();
            String lower = log.toLowerCase(Locale.ROOT);
            assertFalse(lower.contains("nonce too low"), log);
            assertFalse(lower.contains("replacement transaction underpriced"), log);
            List<Integer> signed = signedNonces(log);
            assertEquals(1, signed.size(), "one signature per build:\n" + log);
            nonces.addAll(signed);
            assertTrue(log.contains("Receipt: transaction"), log);
        }
        assertEquals(new TreeSet<>(List.of(0, 1, 2, 3, 4, 5, 6, 7)), nonces, "eight distinct consecutive nonces");
        assertEquals(BigInteger.valueOf(n), Fleet.nonce(rpc, from, "latest"), "all eight mined, nothing else");
        for (int i = 0; i < n; i++) {
            String to = String.format("0x55555555555555555555555555555555555503%02x", i + 1);
            assertEquals(Fleet.ether("0.0" + (i + 1)), it().balance(rpc, to), "recipient " + i + " paid once");
        }
        List<com.fasterxml.jackson.databind.JsonNode> txs = Fleet.transactionsFrom(rpc, from);
        assertEquals(n, txs.size());
        System.out.println("FleetIT eight builds: transactions per block " + Fleet.perBlock(txs));
    }

    // ---------------------------------------------------------------- 4: three deployments at once

    @Test
    void threeBuildsDeployingTheSameContractAtOnceDeployOnce() throws Exception {
        Path story = fleet.fresh("deploy");
        String rpc = fleet.anvil(3, story, "--block-time", "1");
        String from = fleet.account(rpc);
        String store = "s3://" + fleet.bucket() + "/ledger";
        String config = Fleet.xml("endpoint", fleet.localstack)
                + Fleet.xml("region", "us-east-1")
                + Fleet.xml("keyId", Fleet.ALIAS)
                + Fleet.xml("rpcUrl", rpc)
                + Fleet.xml("artifact", "${project.basedir}/artifacts/hardhat/artifacts/Counter.sol/Counter.json")
                + "<constructorArgs><arg>100</arg></constructorArgs>"
                + Fleet.xml("receiptTimeout", "180")
                + Fleet.xml("stateStore", store);
        List<MavenRun> runs = new ArrayList<>();
        List<Path> projects = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path p = Fleet.project(story.resolve("d" + i), "fleet-deploy", config);
            DeployTestSupport.prepare(it(), p.toFile());
            projects.add(p);
        }
        for (Path p : projects) {
            runs.add(fleet.mvn(p, "kms-ethereum:kms-deploy-contract"));
        }
        Set<String> addresses = new HashSet<>();
        for (MavenRun run : runs) {
            assertEquals(0, run.waitFor(420), run.output());
            Matcher m = DEPLOYED.matcher(run.output());
            assertTrue(m.find(), run.output());
            addresses.add(m.group(1).toLowerCase(Locale.ROOT));
        }
        assertEquals(1, addresses.size(), "one address for all three builds: " + addresses);
        String address = addresses.iterator().next();
        List<com.fasterxml.jackson.databind.JsonNode> txs = Fleet.transactionsFrom(rpc, from);
        long creations = txs.stream().filter(tx -> tx.path("to").isNull()).count();
        assertEquals(1, creations, "exactly one contract creation: " + txs);
        for (com.fasterxml.jackson.databind.JsonNode tx : txs) {
            if (!tx.path("to").isNull()) { // a gap filler for a nonce a losing build released
                assertEquals(
                        from.toLowerCase(Locale.ROOT), tx.path("to").asText().toLowerCase(Locale.ROOT), "" + tx);
                assertEquals(BigInteger.ZERO, Fleet.quantity(tx.path("value")), "" + tx);
            }
        }
        assertEquals(BigInteger.valueOf(txs.size()), Fleet.nonce(rpc, from, "latest"), "no other transaction");
        assertEquals("100", it().cast("call", "--rpc-url", rpc, address, "count()(uint256)"));
    }

    // ---------------------------------------------------------------- 5: local default, fresh checkout

    @Test
    void localStoreOnAFreshCheckoutStopsBeforeKmsWhenTheNodeHoldsAnUnknownTransaction() throws Exception {
        Path story = fleet.fresh("crash-local");
        String rpc = fleet.anvil(4, story, "--no-mining");
        String from = fleet.account(rpc);
        FaultProxy kms = fleet.proxy();
        String to = "0x5555555555555555555555555555555555550501";
        String config = Fleet.payment(kms.endpoint().toString(), rpc, to, "0.05 ether")
                + Fleet.xml("journalKey", "release-payment");
        Path a = Fleet.project(story.resolve("a"), "fleet-local", config);
        Path b = Fleet.project(story.resolve("b"), "fleet-local", config);

        MavenRun first = fleet.mvn(a, "kms-ethereum:kms-sign");
        first.awaitOutput(out -> out.contains("Sent transaction"), 240, "'Sent transaction'");
        first.kill();
        assertEquals(1, kms.calls("Sign"), kms.counts().toString());

        kms.reset();
        MavenRun second = fleet.mvn(b, "kms-ethereum:kms-sign");
        assertNotEquals(0, second.waitFor(240), second.output());
        String runB = second.output();
        assertTrue(runB.contains("Invalid 'stateStore': the node has 1 pending transaction(s)"), runB);
        assertEquals(0, kms.calls("Sign"), "B asked KMS for no signature: " + kms.counts());
        assertEquals(List.of(), signedNonces(runB), runB);
        assertFalse(runB.contains("Sent transaction"), runB);
        assertEquals(BigInteger.ONE, Fleet.nonce(rpc, from, "pending"), "only A's transaction is pending");

        Fleet.rpc(rpc, "evm_mine");
        assertEquals(BigInteger.ONE, Fleet.nonce(rpc, from, "latest"));
        assertEquals(Fleet.ether("0.05"), it().balance(rpc, to), "paid once");
    }

    // ---------------------------------------------------------------- 6: bad stores

    @Test
    void badStoresFailWithTheirMessageBeforeAnySign() throws Exception {
        Path story = fleet.fresh("bad");
        String rpc = fleet.anvil(5, story);
        String from = fleet.account(rpc);
        FaultProxy kms = fleet.proxy();
        String bucket = fleet.bucket();
        String journalKey = "release-payment";
        String stepKey = StoreKeys.step(31337, from, journalKey);
        fleet.put(bucket, "garbage/" + stepKey, "{\"schema\": 1, \"step\": ");
        fleet.put(
                bucket,
                "newer/" + stepKey,
                "{\"schema\": 99, \"step\": \"" + journalKey + "\", \"intent\": \"00\", \"shape\": \"new\"}");
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        String base =
                Fleet.payment(kms.endpoint().toString(), rpc, "0x5555555555555555555555555555555555550601", "1 gwei")
                        + Fleet.xml("journalKey", journalKey);
        String[][] cases = {
            {
                "no-bucket",
                Fleet.xml("stateStore", "s3://fleet-missing-" + UUID.randomUUID()) + stateStoreEndpoint(),
                "does not exist"
            },
            {
                "unreachable",
                Fleet.xml("stateStore", "s3://" + bucket + "/unreachable")
                        + Fleet.xml("stateStoreEndpoint", "http://127.0.0.1:" + closedPort),
                "could not be reached"
            },
            {"garbage", Fleet.xml("stateStore", "s3://" + bucket + "/garbage") + stateStoreEndpoint(), "does not parse"
            },
            {
                "newer",
                Fleet.xml("stateStore", "s3://" + bucket + "/newer") + stateStoreEndpoint(),
                "was written by a newer version of the plugin"
            },
        };
        List<MavenRun> runs = new ArrayList<>();
        for (String[] c : cases) {
            runs.add(fleet.mvn(
                    Fleet.project(story.resolve(c[0]), "fleet-bad-" + c[0], base + c[1]),
                    "kms-ethereum:kms-sign",
                    "-Dkms.maxAttempts=2"));
        }
        for (int i = 0; i < cases.length; i++) {
            MavenRun run = runs.get(i);
            assertNotEquals(0, run.waitFor(240), cases[i][0] + ":\n" + run.output());
            String log = run.output();
            assertTrue(log.contains("[ERROR]") && log.contains(cases[i][2]), cases[i][0] + ":\n" + log);
            assertTrue(log.contains("nothing was signed"), cases[i][0] + ":\n" + log);
            assertEquals(List.of(), signedNonces(log), cases[i][0] + ":\n" + log);
        }
        assertEquals(0, kms.calls("Sign"), "no build asked KMS for a signature: " + kms.counts());
        assertTrue(
                kms.calls("GetPublicKey") + kms.calls("DescribeKey") > 0, "the builds used the proxy: " + kms.counts());
        assertEquals(BigInteger.ZERO, Fleet.nonce(rpc, from, "pending"), "nothing was sent");
    }

    private String stateStoreEndpoint() {
        return Fleet.xml("stateStoreEndpoint", fleet.localstack);
    }

    static URI uri(String s) {
        return URI.create(s);
    }
}
