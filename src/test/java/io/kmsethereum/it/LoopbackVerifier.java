package io.kmsethereum.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The loopback verifier that {@code scripts/services.sh} starts (Sourcify API v2 and the
 * Etherscan contract API, deciding by recompiling against the test node; its interface is
 * {@code scripts/services/verifier/README.md}): the base URLs to configure per service and
 * scenario, and its test-only endpoints (request log, extra chains).
 */
public final class LoopbackVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String base;

    /** @param base its base URL, {@code http://127.0.0.1:PORT} ({@code verifier.url}) */
    public LoopbackVerifier(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /**
     * @param scenario tokens joined with {@code +} (directives such as {@code notindexed-2},
     *     {@code fail-sourcify}, and free labels), or {@code null}/empty for normal behaviour
     * @return the base URL with the scenario prefix {@code /s/<scenario>}
     */
    public String base(String scenario) {
        return scenario == null || scenario.isEmpty() ? base : base + "/s/" + scenario;
    }

    /** @return the Sourcify API v2 base URL ({@code …/sourcify}; add {@code /v2/verify/…}) */
    public String sourcifyUrl(String scenario) {
        return base(scenario) + "/sourcify";
    }

    /** @return the Etherscan API V2 endpoint ({@code …/etherscan/v2/api}; add {@code ?chainid=…}) */
    public String etherscanUrl(String scenario) {
        return base(scenario) + "/etherscan/v2/api";
    }

    /** @return the Blockscout Etherscan-compatible endpoint ({@code …/blockscout/api}) of the node's chain */
    public String blockscoutUrl(String scenario) {
        return base(scenario) + "/blockscout/api";
    }

    /**
     * @param scenario the scenario (or {@code null} for requests without a prefix)
     * @return the requests the verifier received under it, in arrival order: {@code service},
     *     {@code method}, {@code path}, {@code action}, {@code chainId}, {@code address},
     *     {@code apiKeyPresent}, {@code apiKeySha256}, {@code status}, {@code outcome}
     */
    public List<JsonNode> requests(String scenario) {
        JsonNode list = getJson(base + "/_requests?scenario="
                + URLEncoder.encode(scenario == null ? "" : scenario, StandardCharsets.UTF_8));
        List<JsonNode> out = new ArrayList<>();
        list.forEach(out::add);
        return out;
    }

    /** @return the raw text of the request log of a scenario (to search it for a secret) */
    public String requestsText(String scenario) {
        return send(HttpRequest.newBuilder(URI.create(base + "/_requests?scenario="
                                + URLEncoder.encode(scenario == null ? "" : scenario, StandardCharsets.UTF_8)))
                        .GET())
                .body();
    }

    /**
     * Makes the verifier serve another chain (e.g. a spare Anvil a test started).
     *
     * @param chainId the chain id
     * @param rpcUrl its JSON-RPC URL
     */
    public void addChain(long chainId, String rpcUrl) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + "/_chains"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode()
                        .put("chainId", chainId)
                        .put("rpcUrl", rpcUrl)
                        .toString())));
        if (r.statusCode() != 200) {
            throw new IllegalStateException("verifier refused chain " + chainId + ": " + r.body());
        }
    }

    /** @return {@code GET /_health}: status, chains and compiler versions */
    public JsonNode health() {
        return getJson(base + "/_health");
    }

    /**
     * @param url a URL
     * @return the JSON it answers (any status)
     */
    public static JsonNode getJson(String url) {
        return parse(send(HttpRequest.newBuilder(URI.create(url)).GET()));
    }

    /**
     * @param url a URL
     * @param json a JSON body
     * @return the response (any status)
     */
    public static HttpResponse<String> postJson(String url, String json) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /**
     * @param url a URL
     * @param form an {@code application/x-www-form-urlencoded} body (see {@link #form})
     * @return the response (any status)
     */
    public static HttpResponse<String> postForm(String url, String form) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /**
     * @param pairs name, value, name, value, …
     * @return them URL-encoded as a form body or query string
     */
    public static String form(String... pairs) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    /**
     * @param response a response with a JSON body
     * @return the body parsed
     */
    public static JsonNode parse(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON (HTTP " + response.statusCode() + "): " + response.body(), e);
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("loopback verifier not reachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
