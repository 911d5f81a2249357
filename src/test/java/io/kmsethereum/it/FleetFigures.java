package io.kmsethereum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.kmsethereum.testing.FaultProxy;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Figures for the docs, not a guarantee (asserts only that every build is green and every payment
 * mined; prints the figures and writes them to {@code target/fleet-it/figures.txt}). Not an
 * {@code *IT}: run on purpose with {@code -Dit.test=FleetFigures}.
 *
 * <ul>
 *   <li>Eight builds at once, each sending one payment for one key through the S3 store, against
 *       {@code anvil --block-time 1}: S3 requests per signed transaction (the store's endpoint is
 *       a counting {@link FaultProxy}), wall time from the first start to the last exit,
 *       transactions per block.
 *   <li>One build with eight kms-sign executions (one after the other, each waiting for its
 *       receipt), on the same store and chain: the same figures.
 * </ul>
 */
class FleetFigures {
    private static final int N = 8;
    private final Fleet fleet = new Fleet();
    private final List<String> figures = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        fleet.close();
        Files.writeString(fleet.work.resolve("figures.txt"), String.join("\n", figures) + "\n");
        figures.forEach(System.out::println);
    }

    private static String to(int run, int i) {
        return String.format("0x5555555555555555555555555555555555557%d%02x", run, i + 1);
    }

    @Test
    void eightRunnersVersusOneRunnerWithEightExecutions() throws Exception {
        Path story = fleet.fresh("figures");
        String rpc = fleet.anvil(9, story, "--block-time", "1");
        String from = fleet.account(rpc);
        String bucket = fleet.bucket();
        FaultProxy s3 = fleet.proxy();

        // eight runners at once
        List<Path> projects = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            projects.add(Fleet.project(
                    story.resolve("p" + i),
                    "figures-" + i,
                    Fleet.payment(fleet.localstack, rpc, to(1, i), "1 gwei")
                            + Fleet.xml("stateStore", "s3://" + bucket + "/parallel")
                            + Fleet.xml("stateStoreEndpoint", s3.endpoint().toString())
                            + Fleet.xml("journalKey", "payment-" + i)));
        }
        long start = System.nanoTime();
        List<MavenRun> runs = new ArrayList<>();
        for (Path p : projects) {
            runs.add(fleet.mvn(p, "kms-ethereum:kms-sign"));
        }
        for (MavenRun run : runs) {
            assertEquals(0, run.waitFor(600), run.output());
        }
        long parallelMillis = (System.nanoTime() - start) / 1_000_000;
        Map<String, Integer> parallelS3 = s3.counts();
        List<JsonNode> parallelTxs = Fleet.transactionsFrom(rpc, from);
        assertEquals(N, parallelTxs.size());
        figures.add("8 runners at once: wall " + parallelMillis + " ms; S3 requests " + parallelS3 + " = "
                + perTransaction(parallelS3) + " per signed transaction; transactions per block "
                + Fleet.perBlock(parallelTxs));

        // one runner, eight executions
        s3.reset();
        StringBuilder executions = new StringBuilder();
        for (int i = 0; i < N; i++) {
            executions
                    .append("<execution><id>pay-")
                    .append(i)
                    .append("</id><phase>validate</phase><goals><goal>kms-sign</goal></goals><configuration>")
                    .append(Fleet.xml("to", to(2, i)))
                    .append("</configuration></execution>");
        }
        Path single = Fleet.project(
                story.resolve("single"),
                "figures-single",
                Fleet.payment(fleet.localstack, rpc, to(2, 0), "1 gwei")
                        + Fleet.xml("stateStore", "s3://" + bucket + "/single")
                        + Fleet.xml("stateStoreEndpoint", s3.endpoint().toString()),
                executions.toString());
        start = System.nanoTime();
        MavenRun one = fleet.mvn(single, "validate");
        assertEquals(0, one.waitFor(600), one.output());
        long singleMillis = (System.nanoTime() - start) / 1_000_000;
        Map<String, Integer> singleS3 = s3.counts();
        List<JsonNode> all = Fleet.transactionsFrom(rpc, from);
        List<JsonNode> singleTxs = all.subList(N, all.size());
        assertEquals(N, singleTxs.size());
        assertEquals(BigInteger.valueOf(2 * N), Fleet.nonce(rpc, from, "latest"));
        figures.add("1 runner, 8 executions: wall " + singleMillis + " ms; S3 requests " + singleS3 + " = "
                + perTransaction(singleS3) + " per signed transaction; transactions per block "
                + Fleet.perBlock(singleTxs));
    }

    private static String perTransaction(Map<String, Integer> counts) {
        int get = counts.getOrDefault("S3 GET", 0);
        int put = counts.getOrDefault("S3 PUT", 0);
        return String.format("%.1f (GET %.1f, PUT %.1f)", (get + put) / (double) N, get / (double) N, put / (double) N);
    }
}
