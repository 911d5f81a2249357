package io.kmsethereum.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fault-injecting HTTP proxy for the KMS JSON protocol, on 127.0.0.1, in front of LocalStack.
 * For the next {@code n} requests of an operation (by {@code X-Amz-Target}, e.g.
 * {@code TrentService.Sign}) it answers with throttling, a 500, a dropped connection or a delay;
 * then it forwards. It counts every request per operation, forwarded or not. A request without
 * {@code X-Amz-Target} (S3's REST protocol, when the proxy is the {@code stateStoreEndpoint}) counts
 * as {@code S3 <method>} (e.g. {@code S3 PUT}), and its forwarded answer also as
 * {@code S3 <method> <status>} (e.g. {@code S3 PUT 412}, a lost conditional write).
 */
public final class FaultProxy implements AutoCloseable {
    /** The kinds of fault. */
    public enum Fault {
        /** HTTP 400 with {@code ThrottlingException}, which the SDK retries. */
        THROTTLE,
        /** HTTP 500 {@code KMSInternalException}. */
        SERVER_ERROR,
        /** The connection is closed without an answer. */
        DROP,
        /** The answer is delayed by {@link #delayMillis} before forwarding. */
        DELAY
    }

    private final HttpServer server;
    private final URI target;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> faultsLeft = new ConcurrentHashMap<>();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private volatile long delayMillis = 3000;

    /**
     * @param target where to forward, e.g. {@code http://127.0.0.1:4566}
     * @throws IOException if no port can be bound
     */
    public FaultProxy(URI target) throws IOException {
        this(target, 0);
    }

    /**
     * @param target where to forward
     * @param port the port to listen on (0: any free port)
     * @throws IOException if the port cannot be bound
     */
    public FaultProxy(URI target, int port) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fault-proxy");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    /** @return the proxy's URL, to use as the KMS endpoint */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * @param operation e.g. {@code Sign}, {@code DescribeKey}, or {@code *} for every operation
     * @param kind the fault
     * @param count how many requests get it (use a large number for "forever")
     */
    public void inject(String operation, Fault kind, int count) {
        faults.put(operation, kind);
        faultsLeft.put(operation, new AtomicInteger(count));
    }

    /** @param millis delay for {@link Fault#DELAY} */
    public void delayMillis(long millis) {
        this.delayMillis = millis;
    }

    /** @param operation e.g. {@code Sign} @return requests seen for it */
    public int calls(String operation) {
        AtomicInteger n = calls.get(operation);
        return n == null ? 0 : n.get();
    }

    /** @return every count so far, by operation (a copy) */
    public Map<String, Integer> counts() {
        Map<String, Integer> copy = new java.util.TreeMap<>();
        calls.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** Forgets counts and faults. */
    public void reset() {
        calls.clear();
        faultsLeft.clear();
        faults.clear();
    }

    private Fault takeFault(String operation) {
        for (String key : List.of(operation, "*")) {
            AtomicInteger left = faultsLeft.get(key);
            if (left != null && left.getAndUpdate(v -> v > 0 ? v - 1 : 0) > 0) {
                return faults.get(key);
            }
        }
        return null;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String amzTarget = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String operation = amzTarget == null
                ? "S3 " + exchange.getRequestMethod()
                : amzTarget.substring(amzTarget.indexOf('.') + 1);
        calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
        byte[] body = exchange.getRequestBody().readAllBytes();
        Fault fault = takeFault(operation);
        if (fault != null) {
            switch (fault) {
                case THROTTLE -> {
                    respond(exchange, 400, "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}");
                    return;
                }
                case SERVER_ERROR -> {
                    respond(exchange, 500, "{\"__type\":\"KMSInternalException\",\"message\":\"injected\"}");
                    return;
                }
                case DROP -> {
                    exchange.close(); // no status line: the client sees the connection end
                    return;
                }
                case DELAY -> {
                    try {
                        Thread.sleep(delayMillis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }
        forward(exchange, body, amzTarget == null ? operation : null);
    }

    private void forward(HttpExchange exchange, byte[] body, String s3Operation) throws IOException {
        HttpURLConnection conn = (HttpURLConnection)
                target.resolve(exchange.getRequestURI()).toURL().openConnection();
        conn.setRequestMethod(exchange.getRequestMethod());
        conn.setDoOutput(body.length > 0);
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> conn.addRequestProperty(name, v));
            }
        });
        if (body.length > 0) {
            try (OutputStream out = conn.getOutputStream()) {
                out.write(body);
            }
        }
        int status = conn.getResponseCode();
        if (s3Operation != null) {
            calls.computeIfAbsent(s3Operation + " " + status, k -> new AtomicInteger())
                    .incrementAndGet();
        }
        InputStream in = status >= 400 ? conn.getErrorStream() : conn.getInputStream();
        byte[] response = in == null ? new byte[0] : in.readAllBytes();
        // every answer header (S3's ETag is the record's version) but those of the connection itself
        conn.getHeaderFields().forEach((name, values) -> {
            if (name != null
                    && !name.equalsIgnoreCase("Content-Length")
                    && !name.equalsIgnoreCase("Transfer-Encoding")
                    && !name.equalsIgnoreCase("Connection")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        exchange.sendResponseHeaders(status, response.length == 0 ? -1 : response.length);
        if (response.length > 0) {
            exchange.getResponseBody().write(response);
        }
        exchange.close();
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static final Map<String, FaultProxy> BY_IT = new ConcurrentHashMap<>();

    /**
     * Starts a proxy for one invoker IT on a free port and writes
     * {@code <basedir>/.mvn/maven.config} with {@code -Dit.faultProxy=<url>}, so the IT's POM can
     * use {@code ${it.faultProxy}} as the endpoint. {@code prebuild.groovy} and
     * {@code verify.groovy} run in the same JVM and find the proxy by name (test code only).
     *
     * @param name the IT's name
     * @param target where to forward
     * @param basedir the IT's directory
     * @return the running proxy
     * @throws IOException if no port can be bound or the file cannot be written
     */
    public static FaultProxy startFor(String name, URI target, java.io.File basedir) throws IOException {
        FaultProxy proxy = new FaultProxy(target);
        FaultProxy old = BY_IT.put(name, proxy);
        if (old != null) {
            old.close();
        }
        java.nio.file.Path config = basedir.toPath().resolve(".mvn/maven.config");
        java.nio.file.Files.createDirectories(config.getParent());
        java.nio.file.Files.writeString(config, "-Dit.faultProxy=" + proxy.endpoint() + "\n");
        return proxy;
    }

    /**
     * @param name the IT's name given to {@link #startFor}
     * @return its proxy
     * @throws IllegalStateException if none was started
     */
    public static FaultProxy of(String name) {
        FaultProxy proxy = BY_IT.get(name);
        if (proxy == null) {
            throw new IllegalStateException("no fault proxy was started for " + name);
        }
        return proxy;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
