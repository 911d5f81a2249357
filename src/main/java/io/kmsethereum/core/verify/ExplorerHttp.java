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
 *
 * <p>Redirects are not followed: on a 307 or 308 the JDK client would send the POST body, the API
 * key included, again to the address the server names, possibly another host. A redirect answer
 * is {@link Redirected} instead, and the user configures the final URL.
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
     * The server answered with a redirect (HTTP 3xx), which is not followed.
     */
    public static final class Redirected extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** The HTTP status. */
        private final int status;

        /** Where the server points, without query or fragment, or {@code null}. */
        private final String location;

        Redirected(int status, String location) {
            super("HTTP " + status + (location == null ? "" : " to " + location));
            this.status = status;
            this.location = location;
        }

        /**
         * @return the HTTP status, 300 to 399
         */
        public int status() {
            return status;
        }

        /**
         * @return the {@code Location} the server names (resolved, without query and fragment),
         *     or {@code null} when it names none
         */
        public String location() {
            return location;
        }
    }

    /**
     * @param requestTimeout the longest wait for one answer; each call may shorten it (the time
     *     left until {@code verifyTimeout})
     */
    public ExplorerHttp(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
        this.client = HttpClient.newBuilder()
                .connectTimeout(requestTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * @param uri the URL (no secret in it)
     * @param limit the longest wait for this answer (capped by the constructor's)
     * @return the answer
     * @throws IOException if the server cannot be reached or does not answer in time
     * @throws Redirected if the server answers with a redirect
     */
    public Response get(URI uri, Duration limit) throws IOException {
        return send(request(uri, limit).GET().build());
    }

    /**
     * @param uri the URL (no secret in it)
     * @param json the body, sent as {@code application/json}
     * @param limit the longest wait for this answer (capped by the constructor's)
     * @return the answer
     * @throws IOException if the server cannot be reached or does not answer in time
     * @throws Redirected if the server answers with a redirect
     */
    public Response postJson(URI uri, String json, Duration limit) throws IOException {
        return send(request(uri, limit)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build());
    }

    /**
     * @param uri the URL (no secret in it)
     * @param form the fields, sent as {@code application/x-www-form-urlencoded}
     * @param limit the longest wait for this answer (capped by the constructor's)
     * @return the answer
     * @throws IOException if the server cannot be reached or does not answer in time
     * @throws Redirected if the server answers with a redirect
     */
    public Response postForm(URI uri, Map<String, String> form, Duration limit) throws IOException {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request(uri, limit)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build());
    }

    /**
     * @param limit the time a caller allows
     * @return the shorter of it and the constructor's request timeout
     */
    Duration timeout(Duration limit) {
        return limit == null || limit.compareTo(requestTimeout) > 0 ? requestTimeout : limit;
    }

    private HttpRequest.Builder request(URI uri, Duration limit) {
        return HttpRequest.newBuilder(uri)
                .timeout(timeout(limit))
                .header("Accept", "application/json")
                .header("User-Agent", "kms-ethereum-maven-plugin");
    }

    private Response send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> response =
                    client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() >= 300 && response.statusCode() < 400) {
                throw new Redirected(
                        response.statusCode(),
                        response.headers()
                                .firstValue("Location")
                                .map(l -> withoutQuery(request.uri(), l))
                                .orElse(null));
            }
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

    /** The redirect target for messages: resolved, without user info, query and fragment (which may carry a token). */
    private static String withoutQuery(URI base, String location) {
        try {
            URI target = base.resolve(location.trim());
            return new URI(target.getScheme(), null, target.getHost(), target.getPort(), target.getPath(), null, null)
                    .toString();
        } catch (IllegalArgumentException | java.net.URISyntaxException e) {
            return null;
        }
    }
}
