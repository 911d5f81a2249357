package io.kmsethereum.core.verify;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * HTTP for the verifiers, on the JDK's {@link HttpClient}. Secrets go only into request bodies
 * (a form field or JSON), never into a URL, so no URL this class is given carries one. The JDK
 * client logs nothing at Maven's {@code -X}: its own debug output needs JDK system properties
 * ({@code jdk.httpclient.HttpClient.log}), and it never logs bodies.
 */
public class ExplorerHttp {
    private final HttpClient client;
    private final Duration requestTimeout;

    /**
     * One HTTP answer.
     *
     * @param status the HTTP status code
     * @param body the body as text (UTF-8)
     * @param retryAfterSeconds the {@code Retry-After} header in seconds, when sent as a number
     */
    public record Response(int status, String body, OptionalLong retryAfterSeconds) {}

    /**
     * @param requestTimeout the longest wait for one answer
     */
    public ExplorerHttp(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(requestTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /**
     * @param uri the URL (no secret in it)
     * @return the answer
     * @throws IOException if the server cannot be reached or does not answer in time
     */
    public Response get(URI uri) throws IOException {
        return send(request(uri).GET().build());
    }

    /**
     * @param uri the URL (no secret in it)
     * @param json the body, sent as {@code application/json}
     * @return the answer
     * @throws IOException if the server cannot be reached or does not answer in time
     */
    public Response postJson(URI uri, String json) throws IOException {
        return send(request(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build());
    }

    /**
     * @param uri the URL (no secret in it)
     * @param form the fields, sent as {@code application/x-www-form-urlencoded}
     * @return the answer
     * @throws IOException if the server cannot be reached or does not answer in time
     */
    public Response postForm(URI uri, Map<String, String> form) throws IOException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build());
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .header("User-Agent", "kms-ethereum-maven-plugin");
    }

    private Response send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> response =
                    client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            OptionalLong retryAfter = OptionalLong.empty();
            String header = response.headers().firstValue("Retry-After").orElse("");
            if (header.matches("\\d{1,6}")) {
                retryAfter = OptionalLong.of(Long.parseLong(header));
            }
            return new Response(response.statusCode(), response.body(), retryAfter);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
