package io.kmsethereum.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LocalStateStoreTest {
    private static final String KEY = "31337/0x00000000000000000000000000000000000000aa/nonces/next.json";

    @TempDir
    Path tmp;

    private LocalStateStore store() {
        return new LocalStateStore(tmp.resolve("state"), tmp.resolve("deployments"));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(StateStore.StoredRecord r) {
        return new String(r.content(), StandardCharsets.UTF_8);
    }

    @Test
    void createIsCreateOnly() throws IOException {
        LocalStateStore store = store();
        assertEquals(Optional.empty(), store.read(KEY));
        String version = store.create(KEY, bytes("{\"a\":1}")).orElseThrow();
        assertEquals(LocalStateStore.version(bytes("{\"a\":1}")), version, "the version is the content's SHA-256");
        assertEquals(Optional.empty(), store.create(KEY, bytes("{\"a\":2}")), "a second create loses");
        assertEquals("{\"a\":1}", text(store.read(KEY).orElseThrow()));
        assertEquals(tmp.resolve("state").resolve(KEY), store.file(KEY));
        assertEquals(store.file(KEY).toString(), store.location(KEY));
        try (Stream<Path> files = Files.list(store.file(KEY).getParent())) {
            assertEquals(
                    List.of("next.json"),
                    files.map(p -> p.getFileName().toString()).toList(),
                    "no temporary file is left behind");
        }
        assertFalse(store.shared());
    }

    @Test
    void replaceIsCompareAndSwap() {
        LocalStateStore store = store();
        assertEquals(
                Optional.empty(),
                store.replace(KEY, bytes("1"), LocalStateStore.version(bytes("0"))),
                "replace of a missing key");
        assertFalse(Files.exists(store.file(KEY)), "a failed replace creates nothing");
        String v0 = store.create(KEY, bytes("0")).orElseThrow();
        String v1 = store.replace(KEY, bytes("1"), v0).orElseThrow();
        assertNotEquals(v0, v1);
        assertEquals(Optional.empty(), store.replace(KEY, bytes("2"), v0), "stale version");
        assertEquals(Optional.empty(), store.replace(KEY, bytes("2"), "not-a-version"));
        StateStore.StoredRecord now = store.read(KEY).orElseThrow();
        assertEquals("1", text(now));
        assertEquals(v1, now.version());
    }

    @Test
    void ledgerRecordsLiveInTheDeploymentsDirectory() throws IOException {
        LocalStateStore store = store();
        String key = StoreKeys.deployment(31337, "Greeter");
        assertEquals("31337/deployments/Greeter.json", key);
        Path file = tmp.resolve("deployments").resolve("31337").resolve("Greeter.json");
        assertEquals(file, store.file(key));
        store.create(key, bytes("{\"address\":\"0x1\"}")).orElseThrow();
        assertEquals("{\"address\":\"0x1\"}", Files.readString(file));
        assertFalse(Files.exists(tmp.resolve("state")), "nothing under the state directory");
        // a name with odd characters keeps to one file in the chain's directory
        assertEquals(
                tmp.resolve("deployments").resolve("5").resolve("my_token_v2.json"),
                store.file(StoreKeys.deployment(5, "my token/v2")));
        // only <chainId>/deployments/<name> is a ledger key
        assertEquals(tmp.resolve("state").resolve("x/deployments/a.json"), store.file("x/deployments/a.json"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "..",
                "../x.json",
                "1/../../etc/passwd",
                "1/..json/..",
                "/abs.json",
                "a//b.json",
                "a\\b.json",
                "",
                "1/x.json/"
            })
    void keysThatCouldEscapeTheRootAreRefused(String key) {
        LocalStateStore store = store();
        assertThrows(IllegalArgumentException.class, () -> StoreKeys.check(key));
        assertThrows(IllegalArgumentException.class, () -> store.read(key));
        assertThrows(IllegalArgumentException.class, () -> store.create(key, bytes("x")));
        assertThrows(IllegalArgumentException.class, () -> store.replace(key, bytes("x"), "v"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "release-1        | release-1",
                "../../release 1  | _.__._release_1",
                "v1..2            | v1_.2",
                "...              | ___",
                "v1.              | v1_",
                ".hidden          | _hidden",
                "a/b\\c d         | a_b_c_d",
            })
    void namesBecomeSafeKeys(String name, String safe) {
        assertEquals(safe, StoreKeys.name(name));
        for (String key : List.of(
                StoreKeys.step(1, "0xAbC", name),
                StoreKeys.deployment(1, name),
                StoreKeys.nonceClaim(1, "0xAbC", java.math.BigInteger.TEN),
                StoreKeys.nonceCounter(1, "0xAbC"))) {
            StoreKeys.check(key);
        }
        assertEquals("1/0xabc/steps/" + safe + ".json", StoreKeys.step(1, "0xAbC", name));
    }

    /** Runs {@code threads} copies of a task released at once. */
    private static <T> List<T> race(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    go.await();
                    return task.call();
                }));
            }
            go.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get(5, TimeUnit.MINUTES)); // a guard against a hang, not a timing check
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentCreatesHaveOneWinner() throws Exception {
        LocalStateStore store = store();
        List<Optional<String>> results =
                race(32, () -> store.create(KEY, bytes(Thread.currentThread().getName())));
        assertEquals(1, results.stream().filter(Optional::isPresent).count(), results.toString());
        String winner = results.stream().flatMap(Optional::stream).findFirst().orElseThrow();
        assertEquals(winner, store.read(KEY).orElseThrow().version());
    }

    @Test
    void compareAndSwapUnderContentionLosesNoIncrement() throws Exception {
        LocalStateStore store = store();
        store.create(KEY, bytes("0")).orElseThrow();
        race(8, () -> Incrementer.increment(store, KEY, 25));
        assertEquals("200", text(store.read(KEY).orElseThrow()));
    }

    @Test
    void twoProcessesIncrementingOneCounterLoseNothing() throws Exception {
        LocalStateStore store = store();
        store.create(KEY, bytes("0")).orElseThrow();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            processes.add(new ProcessBuilder(
                            java,
                            "-cp",
                            System.getProperty("java.class.path"),
                            Incrementer.class.getName(),
                            tmp.resolve("state").toString(),
                            tmp.resolve("deployments").toString(),
                            KEY,
                            "4",
                            "25")
                    .redirectErrorStream(true)
                    .start());
        }
        for (Process p : processes) {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "a hang guard");
            assertEquals(0, p.exitValue(), out);
        }
        assertEquals("200", text(store.read(KEY).orElseThrow()), "2 processes x 4 threads x 25 increments");
    }

    /** A separate process for the cross-process test: threads that each increment the counter. */
    public static final class Incrementer {
        private Incrementer() {}

        static int increment(StateStore store, String key, int times) {
            int done = 0;
            while (done < times) {
                StateStore.StoredRecord current = store.read(key).orElseThrow();
                long value = Long.parseLong(new String(current.content(), StandardCharsets.UTF_8));
                if (store.replace(key, bytes(Long.toString(value + 1)), current.version())
                        .isPresent()) {
                    done++;
                }
            }
            return done;
        }

        /**
         * @param args state directory, deployments directory, key, threads, increments per thread
         */
        public static void main(String[] args) throws Exception {
            LocalStateStore store = new LocalStateStore(Path.of(args[0]), Path.of(args[1]));
            int threads = Integer.parseInt(args[3]);
            int times = Integer.parseInt(args[4]);
            race(threads, () -> increment(store, args[2], times));
        }
    }
}
