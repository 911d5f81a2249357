package io.kmsethereum.core.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kmsethereum.core.Json;
import java.net.URI;
import java.util.Set;

/**
 * Sourcify API v2 (the OpenAPI description {@code apiv2.yaml} of the Sourcify server):
 * <ol>
 *   <li>{@code GET /v2/contract/{chainId}/{address}}: a {@code match} there means the contract
 *       is verified already; nothing is sent.</li>
 *   <li>{@code POST /v2/verify/{chainId}/{address}} with {@code stdJsonInput},
 *       {@code compilerVersion}, {@code contractIdentifier} and {@code creationTransactionHash}:
 *       {@code 202} with a {@code verificationId}; {@code 409 already_verified}.</li>
 *   <li>{@code GET /v2/verify/{verificationId}} until {@code isJobCompleted}: {@code contract.match}
 *       {@code exact_match} (full) or {@code match} (partial), or an {@code error} with
 *       {@code customCode} and {@code message}. {@code cannot_fetch_bytecode} and
 *       {@code contract_not_deployed} (Sourcify's node does not see the contract yet) are
 *       submitted again after a wait.</li>
 * </ol>
 */
final class SourcifyClient implements VerifierClient {
    private static final Set<String> NOT_INDEXED = Set.of("cannot_fetch_bytecode", "contract_not_deployed");

    private final Verifier verifier;
    private final ExplorerHttp http;
    private final String base;

    SourcifyClient(Verifier verifier, ExplorerHttp http) {
        this.verifier = verifier;
        this.http = http;
        String url = verifier.url().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public Outcome verify(VerificationRequest request, Patience patience) {
        String where = request.chainId() + "/" + request.address();
        ExplorerHttp.Response existing = patience.call(limit -> http.get(uri("/v2/contract/" + where), limit));
        if (existing.status() == 200) {
            JsonNode contract = json(existing.body());
            String match = contract.path("match").asText(null);
            if (match != null && !match.equals("null")) {
                return Outcome.already(match(match), "Sourcify has it verified (" + match + ")");
            }
        }
        String body = body(request);
        while (true) {
            ExplorerHttp.Response submitted =
                    patience.call(limit -> http.postJson(uri("/v2/verify/" + where), body, limit));
            JsonNode answer = json(submitted.body());
            if (submitted.status() == 409) {
                return Outcome.already(null, error(answer, submitted));
            }
            if (submitted.status() != 202 || !answer.hasNonNull("verificationId")) {
                return Outcome.refused(error(answer, submitted), null);
            }
            String id = answer.get("verificationId").asText();
            patience.answered();
            JsonNode job = poll(id, patience);
            JsonNode contract = job.path("contract");
            String match =
                    contract.path("match").isTextual() ? contract.get("match").asText() : null;
            if (match != null) {
                return Outcome.verified(match(match), "verification job " + id + ": " + match, id);
            }
            JsonNode error = job.path("error");
            String code = error.path("customCode").asText("");
            if (NOT_INDEXED.contains(code)) {
                patience.waitFor(
                        "not indexed yet (" + code + ": "
                                + error.path("message").asText("") + ")",
                        null);
                continue;
            }
            if (code.equals("already_verified")) {
                return Outcome.already(null, error.path("message").asText(code));
            }
            return Outcome.refused(
                    (code.isEmpty() ? "" : code + ": ")
                            + error.path("message").asText("the job failed without a reason"),
                    id);
        }
    }

    private JsonNode poll(String id, Patience patience) {
        while (true) {
            ExplorerHttp.Response response = patience.call(limit -> http.get(uri("/v2/verify/" + id), limit));
            JsonNode job = json(response.body());
            if (response.status() == 200 && job.path("isJobCompleted").asBoolean(false)) {
                return job;
            }
            if (response.status() != 200) {
                ObjectNode failed = Json.MAPPER.createObjectNode();
                failed.putObject("error")
                        .put("customCode", job.path("customCode").asText("http_" + response.status()))
                        .put("message", error(job, response));
                return failed;
            }
            patience.poll("verification job " + id + " is still running");
        }
    }

    private String body(VerificationRequest request) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("stdJsonInput", request.input().standardJsonInput());
        body.put("compilerVersion", request.input().compilerVersion());
        body.put("contractIdentifier", request.input().contractIdentifier());
        if (request.creationTransactionHash() != null) {
            body.put("creationTransactionHash", request.creationTransactionHash());
        }
        try {
            return Json.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create(base + path);
    }

    static String match(String sourcifyMatch) {
        return "exact_match".equals(sourcifyMatch) || "perfect".equals(sourcifyMatch) ? "full" : "partial";
    }

    static JsonNode json(String body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body == null || body.isBlank() ? "{}" : body);
            return node == null ? Json.MAPPER.createObjectNode() : node;
        } catch (JsonProcessingException e) {
            return Json.MAPPER.createObjectNode().put("message", snippet(body));
        }
    }

    private static String error(JsonNode answer, ExplorerHttp.Response response) {
        String code = answer.path("customCode").asText("");
        String message = answer.path("message").asText("");
        if (message.isEmpty()) {
            message = "HTTP " + response.status() + (response.body() == null ? "" : " " + snippet(response.body()));
        }
        return code.isEmpty() ? message : code + ": " + message;
    }

    static String snippet(String body) {
        String compact = body == null ? "" : body.replaceAll("\\s+", " ").trim();
        return compact.length() > 300 ? compact.substring(0, 300) + "…" : compact;
    }

    @Override
    public String toString() {
        return verifier.toString();
    }
}
