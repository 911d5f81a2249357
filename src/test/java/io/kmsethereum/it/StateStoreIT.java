package io.kmsethereum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.kmsethereum.core.KmsEthereumException.Fault;
import io.kmsethereum.core.store.LocalStateStore;
import io.kmsethereum.core.store.S3StateStore;
import io.kmsethereum.core.store.StateStore;
import io.kmsethereum.core.store.StateStoreException;
import io.kmsethereum.core.store.StoreKeys;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The state stores against the real thing: {@link S3StateStore} on LocalStack's S3 (conditional
 * PutObject), a fresh bucket per test, and {@link LocalStateStore} under the same concurrent load.
 * Bad states (no bucket, S3 unreachable, access denied, 5xx) give {@link StateStoreException}s
 * with the right fault; LocalStack enforces no IAM, so the 403 and the 5xx come from a tiny
 * loopback server that answers like S3. Fails (does not skip) when the servers are not running.
 */
class StateStoreIT {
    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
    private static final String KEY = StoreKeys.nonceCounter(31337, "0x00000000000000000000000000000000000000AA");
    /** The plugin's default, for the stores under load. */
    private static final int MAX_ATTEMPTS = 5;
    /** For the bad states, so that the retries of a failing store are few. */
    private static final int FEW_ATTEMPTS = 2;

    private static URI endpoint;
    private static S3Client admin;

    @TempDir
    Path tmp;

    private String bucket;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeAll
    static void connect() {
        ItSupport it = new ItSupport(System.getProperty("kms.it.stateDir", "target/services"));
        endpoint = URI.create(it.service("kms.it.endpoint")); // S3 is served on the KMS port
        admin = S3Client.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(CREDENTIALS)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    @BeforeEach
    void freshBucket() {
        bucket = "it-store-" + UUID.randomUUID();
        admin.createBucket(b -> b.bucket(bucket));
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : toClose) {
            c.close();
        }
    }

    private S3StateStore s3(String location, URI at) {
        return s3(location, at, MAX_ATTEMPTS);
    }

    private S3StateStore s3(String location, URI at, int maxAttempts) {
        S3StateStore store = S3StateStore.connect(
                S3StateStore.Location.parse(location, "stateStore"),
                "us-east-1",
                at,
                CREDENTIALS,
                Duration.ofSeconds(10),
                maxAttempts);
        toClose.add(store);
        return store;
    }

    private StateStore store(String kind) {
        return switch (kind) {
            case "s3" -> s3("s3://" + bucket + "/ci/runs", endpoint);
            case "local" -> new LocalStateStore(tmp.resolve("state"), tmp.resolve("deployments"));
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(StateStore.StoredRecord r) {
        return new String(r.content(), StandardCharsets.UTF_8);
    }

    /** Runs {@code threads} copies of {@code task} released at once; returns their results. */
    private static <T> List<T> race(int threads, Function<Integer, Callable<T>> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<T> body = task.apply(i);
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return body.call();
                }));
            }
            ready.await();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get(5, TimeUnit.MINUTES)); // a guard against a hang, not a timing check
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- semantics

    @ParameterizedTest
    @ValueSource(strings = {"s3", "local"})
    void concurrentCreatesOfOneKeyHaveExactlyOneWinner(String kind) throws Exception {
        StateStore store = store(kind);
        List<Optional<String>> results = race(32, i -> () -> store.create(KEY, bytes("{\"writer\":" + i + "}")));
        List<Integer> winners = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (results.get(i).isPresent()) {
                winners.add(i);
            }
        }
        assertEquals(1, winners.size(), "exactly one create wins: " + results);
        int winner = winners.get(0);
        StateStore.StoredRecord stored = store.read(KEY).orElseThrow();
        assertEquals("{\"writer\":" + winner + "}", text(stored), "the stored content is the winner's");
        assertEquals(results.get(winner).orElseThrow(), stored.version(), "the winner's version is the stored one");
        if (kind.equals("s3")) {
            String object = admin.getObjectAsBytes(b -> b.bucket(bucket).key("ci/runs/" + KEY))
                    .asUtf8String();
            assertEquals("{\"writer\":" + winner + "}", object, "the object is at prefix/key");
            assertEquals("s3://" + bucket + "/ci/runs/" + KEY, store.location(KEY));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3", "local"})
    void compareAndSwapUnderContentionLosesNoIncrement(String kind) throws Exception {
        StateStore store = store(kind);
        store.create(KEY, bytes("0")).orElseThrow();
        int threads = 8;
        int increments = 25;
        AtomicInteger lost = new AtomicInteger();
        List<Integer> done = race(threads, i -> () -> {
            int mine = 0;
            while (mine < increments) {
                StateStore.StoredRecord current = store.read(KEY).orElseThrow();
                long value = Long.parseLong(text(current));
                if (store.replace(KEY, bytes(Long.toString(value + 1)), current.version())
                        .isPresent()) {
                    mine++;
                } else {
                    lost.incrementAndGet(); // someone else swapped first: read again
                }
            }
            return mine;
        });
        assertEquals(List.of(25, 25, 25, 25, 25, 25, 25, 25), done);
        assertEquals(
                Integer.toString(threads * increments),
                text(store.read(KEY).orElseThrow()),
                "every increment counted (" + lost + " lost swaps were retried)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3", "local"})
    void staleAndMissingRecords(String kind) {
        StateStore store = store(kind);
        assertEquals(Optional.empty(), store.read(KEY), "read of a missing key");
        assertEquals(
                Optional.empty(), store.replace(KEY, bytes("1"), "\"0123456789abcdef\""), "replace of a missing key");
        assertEquals(Optional.empty(), store.read(KEY), "a failed replace creates nothing");

        String v1 = store.create(KEY, bytes("1")).orElseThrow();
        String v2 = store.replace(KEY, bytes("2"), v1).orElseThrow();
        assertEquals(Optional.empty(), store.replace(KEY, bytes("3"), v1), "replace with a stale version");
        assertEquals(Optional.empty(), store.create(KEY, bytes("4")), "create of an existing key");
        StateStore.StoredRecord now = store.read(KEY).orElseThrow();
        assertEquals("2", text(now));
        assertEquals(v2, now.version());
    }

    // ---------------------------------------------------------------- bad states

    @Test
    void missingBucketIsTheUsersToFix() {
        String missing = "it-store-missing-" + UUID.randomUUID().toString().substring(0, 8);
        S3StateStore store = s3("s3://" + missing + "/p", endpoint);
        for (Runnable call : List.<Runnable>of(
                () -> store.read(KEY),
                () -> store.create(KEY, bytes("1")),
                () -> store.replace(KEY, bytes("1"), "x"))) {
            StateStoreException e = assertThrows(StateStoreException.class, call::run);
            assertEquals(Fault.USER, e.fault(), e.getMessage());
            assertTrue(e.getMessage().contains("'" + missing + "' does not exist"), e.getMessage());
            assertTrue(e.getMessage().contains("Create it"), e.getMessage());
            assertTrue(e.getMessage().contains("fix stateStore"), e.getMessage());
        }
    }

    @Test
    void unreachableS3IsTheEnvironments() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        S3StateStore store = s3("s3://" + bucket, URI.create("http://127.0.0.1:" + closedPort), FEW_ATTEMPTS);
        StateStoreException e = assertThrows(StateStoreException.class, () -> store.read(KEY));
        assertEquals(Fault.ENVIRONMENT, e.fault(), e.getMessage());
        assertTrue(
                e.getMessage().startsWith("The state store could not be reached to read s3://" + bucket + "/" + KEY),
                e.getMessage());
        e = assertThrows(StateStoreException.class, () -> store.create(KEY, bytes("1")));
        assertEquals(Fault.ENVIRONMENT, e.fault(), e.getMessage());
        assertTrue(e.getMessage().contains("could not be reached to write"), e.getMessage());
    }

    /** A loopback server that answers every request like S3 would with an error, and counts. */
    private HttpServer fakeS3(int status, String code, AtomicInteger requests) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code
                            + "</Code><Message>" + code + " (test)</Message><RequestId>TEST</RequestId>"
                            + "<HostId>TEST</HostId></Error>")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/xml");
            exchange.getResponseHeaders().add("x-amz-request-id", "TEST");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        toClose.add(() -> server.stop(0));
        return server;
    }

    @Test
    void accessDeniedIsTheUsersToFix() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = fakeS3(403, "AccessDenied", requests);
        S3StateStore store = s3(
                "s3://" + bucket + "/team",
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
        for (Runnable call : List.<Runnable>of(
                () -> store.read(KEY),
                () -> store.create(KEY, bytes("1")),
                () -> store.replace(KEY, bytes("1"), "x"))) {
            StateStoreException e = assertThrows(StateStoreException.class, call::run);
            assertEquals(Fault.USER, e.fault(), e.getMessage());
            assertTrue(e.getMessage().startsWith("Access to the state store was denied"), e.getMessage());
            assertTrue(e.getMessage().contains("s3://" + bucket + "/team/" + KEY), e.getMessage());
            assertTrue(e.getMessage().contains("arn:aws:s3:::" + bucket + "/team/*"), e.getMessage());
        }
        assertEquals(3, requests.get(), "a 403 is not retried");
    }

    @Test
    void serverErrorsAreRetriedThenTheEnvironments() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = fakeS3(500, "InternalError", requests);
        S3StateStore store = s3(
                "s3://" + bucket,
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                FEW_ATTEMPTS);
        StateStoreException e = assertThrows(StateStoreException.class, () -> store.create(KEY, bytes("1")));
        assertEquals(Fault.ENVIRONMENT, e.fault(), e.getMessage());
        assertTrue(
                e.getMessage().startsWith("The state store failed to write s3://" + bucket + "/" + KEY),
                e.getMessage());
        assertTrue(e.getMessage().contains("Try again later"), e.getMessage());
        assertEquals(FEW_ATTEMPTS, requests.get(), "the SDK retried a 5xx up to maxAttempts");
    }
}
