package io.kmsethereum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Re-runs after a crash and a node that goes away: a build killed with SIGKILL after it sent its
 * transaction (held pending by {@code anvil --no-mining}) and run again finds the journal record
 * and waits for that same transaction; a node stopped and restarted (without its transaction
 * pool) during the receipt wait gets the same raw transaction again. In both stories the
 * sender's nonce advances by exactly one and the recipient is paid once.
 */
class CrashRerunIT {
    private final ItSupport it = new ItSupport(System.getProperty("kms.it.stateDir", "target/services"));
    private final int port = Integer.getInteger("kms.it.spareAnvilPort", 8560) + 2;
    private final String rpc = "http://127.0.0.1:" + port;
    private final Path work = Path.of("target/crash-rerun-it");
    private long anvilPid;

    @org.junit.jupiter.api.BeforeEach
    void freshProjects() throws java.io.IOException {
        // a journal left by an earlier run of these tests would (rightly) be resumed: start clean
        for (String project : new String[] {"crash", "restart"}) {
            Path dir = work.resolve(project);
            if (Files.exists(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
        }
    }

    @AfterEach
    void stopAnvil() {
        if (anvilPid != 0) {
            Processes.stop(Long.toString(anvilPid));
        }
    }

    private static long count(String text, String needle) {
        return text.lines().filter(l -> l.contains(needle)).count();
    }

    @Test
    void killedBetweenBroadcastAndReceiptThenRerunSendsNothingNew() throws Exception {
        Files.createDirectories(work);
        anvilPid = it.startAnvil(port, work.resolve("anvil-crash.log").toFile(), 600, "--no-mining");
        String from = it.prepareAccount(
                "05050505-0505-4505-8505-000000000001",
                "5a5b5c5d5e5f606162636465666768696a6b6c6d6e6f70717273747576777879",
                "alias/it-crash",
                rpc,
                new BigInteger("10000000000000000000"));
        String to = "0x5555555555555555555555555555555555555501";
        Path project = MavenRun.transferProject(
                work.resolve("crash").toFile(), it.service("kms.it.endpoint"), "alias/it-crash", rpc, to, "0.5 ether");

        MavenRun first = MavenRun.start(project, work.resolve("crash-run1.log"), "kms-ethereum:kms-sign");
        first.awaitOutput(out -> out.contains("Sent transaction"), 180, "'Sent transaction'");
        first.kill();
        String run1 = first.output();
        assertTrue(run1.contains("Recorded the signed transaction in"), run1);
        assertEquals(BigInteger.ZERO, it.nonce(rpc, from), "not mined yet: anvil --no-mining holds it");

        Path journalDir = project.resolve(".kms-ethereum/journal/31337");
        try (Stream<Path> files = Files.list(journalDir)) {
            assertEquals(1, files.count(), "one journal record");
        }

        MavenRun second = MavenRun.start(project, work.resolve("crash-run2.log"), "kms-ethereum:kms-sign");
        second.awaitOutput(out -> out.contains("nothing new is signed"), 180, "the journal being found");
        it.cast("rpc", "--rpc-url", rpc, "evm_mine");
        assertEquals(0, second.waitFor(180), second.output());
        String run2 = second.output();
        assertFalse(run2.contains("Signed eip1559 transaction"), "the re-run signs nothing:\n" + run2);
        assertTrue(run2.contains("Receipt: transaction"), run2);

        // a third run of the finished step sends nothing either
        MavenRun third = MavenRun.start(project, work.resolve("crash-run3.log"), "kms-ethereum:kms-sign");
        assertEquals(0, third.waitFor(180), third.output());
        assertTrue(third.output().contains("nothing new is signed"), third.output());

        assertEquals(BigInteger.ONE, it.nonce(rpc, from), "the sender's nonce advanced by exactly one");
        assertEquals(new BigInteger("500000000000000000"), it.balance(rpc, to), "the recipient was paid once");
        assertEquals(1, count(run1, "Signed eip1559 transaction"));
    }

    @Test
    void nodeStoppedAndRestartedDuringTheReceiptWait() throws Exception {
        Files.createDirectories(work);
        File state = work.resolve("anvil-restart-state.json").toFile();
        state.delete();
        anvilPid = it.startAnvil(
                port,
                work.resolve("anvil-restart-1.log").toFile(),
                600,
                "--no-mining",
                "--state",
                state.getAbsolutePath());
        String from = it.prepareAccount(
                "05050505-0505-4505-8505-000000000002",
                "6a6b6c6d6e6f707172737475767778797a7b7c7d7e7f80818283848586878889",
                "alias/it-node-restart",
                rpc,
                new BigInteger("10000000000000000000"));
        String to = "0x5555555555555555555555555555555555555502";
        Path project = MavenRun.transferProject(
                work.resolve("restart").toFile(),
                it.service("kms.it.endpoint"),
                "alias/it-node-restart",
                rpc,
                to,
                "0.25 ether");

        MavenRun build = MavenRun.start(project, work.resolve("restart-run.log"), "kms-ethereum:kms-sign");
        build.awaitOutput(out -> out.contains("Sent transaction"), 180, "'Sent transaction'");
        Processes.stop(Long.toString(anvilPid)); // SIGTERM: anvil writes its state file, not its pool
        anvilPid = 0;
        build.awaitOutput(out -> out.contains("The node did not answer while waiting"), 60, "the node going away");
        // back, with automine, from the saved state (balances, nonces), without the pending transaction
        anvilPid = it.startAnvil(
                port, work.resolve("anvil-restart-2.log").toFile(), 600, "--state", state.getAbsolutePath());
        assertEquals(0, build.waitFor(180), build.output());
        String out = build.output();
        assertEquals(1, count(out, "Signed eip1559 transaction"), out);
        assertTrue(out.contains("Receipt: transaction"), out);
        assertEquals(BigInteger.ONE, it.nonce(rpc, from), "the sender's nonce advanced by exactly one");
        assertEquals(new BigInteger("250000000000000000"), it.balance(rpc, to), "the recipient was paid once");
    }
}
