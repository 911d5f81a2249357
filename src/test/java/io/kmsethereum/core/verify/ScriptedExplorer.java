package io.kmsethereum.core.verify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HTTP server on loopback that answers from a script, in order, and records every request:
 * for the protocol tests of the verifier clients.
 */
final class ScriptedExplorer implements AutoCloseable {
    /** One recorded request. */
    record Request(String method, String path, String query, String body) {
        Map<String, String> form() {
            Map<String, String> out = new LinkedHashMap<>();
            for (String source : new String[] {query, body}) {
                if (source == null || source.isEmpty() || source.startsWith("{")) {
                    continue;
                }
                for (String pair : source.split("&")) {
                    int eq = pair.indexOf('=');
                    out.put(
                            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            return out;
        }
    }

    /** One scripted answer. */
    record Answer(int status, String body, Map<String, String> headers) {}

    private final HttpServer server;
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Request> requests = new ArrayList<>();

    ScriptedExplorer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Answer answer;
            synchronized (this) {
                requests.add(new Request(
                        exchange.getRequestMethod(),
                        exchange.getRequestURI().getPath(),
                        exchange.getRequestURI().getRawQuery(),
                        body));
                answer = script.isEmpty() ? new Answer(500, "{\"message\":\"script ended\"}", Map.of()) : script.poll();
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            answer.headers().forEach(exchange.getResponseHeaders()::add);
            exchange.sendResponseHeaders(answer.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    synchronized ScriptedExplorer then(int status, String body) {
        script.add(new Answer(status, body, Map.of()));
        return this;
    }

    synchronized ScriptedExplorer then(int status, String body, Map<String, String> headers) {
        script.add(new Answer(status, body, headers));
        return this;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
