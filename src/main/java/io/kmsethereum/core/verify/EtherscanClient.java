package io.kmsethereum.core.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.kmsethereum.core.Json;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Etherscan contract-verification API ({@code module=contract}): {@code verifysourcecode}
 * with {@code codeformat=solidity-standard-json-input}, answered with a GUID, then
 * {@code checkverifystatus} with that GUID until it is no longer {@code Pending in queue}. In
 * the V2 form ({@link VerifierType#ETHERSCAN}) one endpoint serves every chain and
 * {@code chainid} goes into the query; the older {@code /api} form ({@link VerifierType#BLOCKSCOUT})
 * has one endpoint per chain. Every field, the API key included, is sent as a
 * {@code x-www-form-urlencoded} POST body (the form Etherscan documents for
 * {@code verifysourcecode}), so no URL carries the key.
 *
 * <p>Answers: {@code status} {@code "1"} with the GUID; {@code "0"} with {@code result}
 * {@code Contract source code already verified} / {@code Already Verified} (Etherscan) or
 * {@code Smart-contract already verified.} (Blockscout); {@code Unable to locate ContractCode at
 * …} (Etherscan) or {@code Address is not a smart-contract} (Blockscout) while the explorer has
 * not indexed the contract (waited for); {@code Max rate limit reached} (waited for). Status:
 * {@code Pending in queue} (waited for), {@code Unknown UID} (waited for the first
 * {@value #UNKNOWN_GUID_POLLS} times: the status may lag the submission), {@code Pass - Verified},
 * {@code Fail - Unable to verify…} with the reason. {@code checkverifystatus} too is a form
 * POST, so the key stays out of URLs. The constructor arguments go in both
 * spellings, Etherscan's {@code constructorArguements} and {@code constructorArguments}; linked
 * libraries as {@code libraryname<n>}/{@code libraryaddress<n>} pairs.
 */
final class EtherscanClient implements VerifierClient {
    /**
     * How many {@code Unknown UID} answers to {@code checkverifystatus} are taken for "not known
     * yet" (Etherscan may answer so shortly after the submission) before one is a failure.
     */
    static final int UNKNOWN_GUID_POLLS = 3;

    private final Verifier verifier;
    private final ExplorerHttp http;

    EtherscanClient(Verifier verifier, ExplorerHttp http) {
        this.verifier = verifier;
        this.http = http;
    }

    @Override
    public Outcome verify(VerificationRequest request, Patience patience) {
        URI uri = endpoint(request.chainId());
        Map<String, String> form = base("verifysourcecode");
        form.put("contractaddress", request.address());
        form.put("sourceCode", text(request.input().standardJsonInput()));
        form.put("codeformat", "solidity-standard-json-input");
        form.put("contractname", request.input().contractIdentifier());
        form.put("compilerversion", "v" + request.input().compilerVersion());
        form.put("constructorArguements", request.constructorArguments());
        form.put("constructorArguments", request.constructorArguments());
        int n = 1;
        for (Map.Entry<String, String> library : new TreeMap<>(request.libraries()).entrySet()) {
            form.put("libraryname" + n, library.getKey());
            form.put("libraryaddress" + n, library.getValue());
            n++;
        }
        String guid;
        while (true) {
            Answer answer = Answer.of(patience.call(limit -> http.postForm(uri, form, limit)));
            if (answer.ok()) {
                guid = answer.result();
                patience.answered();
                break;
            }
            if (answer.alreadyVerified()) {
                return Outcome.already(null, answer.result());
            }
            if (answer.rateLimited()) {
                patience.waitFor(answer.result(), null);
            } else if (answer.notIndexed()) {
                patience.waitFor("not indexed yet (" + answer.result() + ")", null);
            } else {
                return Outcome.refused(answer.describe(), null);
            }
        }
        Map<String, String> check = base("checkverifystatus");
        check.put("guid", guid);
        int unknown = 0;
        while (true) {
            Answer answer = Answer.of(patience.call(limit -> http.postForm(uri, check, limit)));
            String result = answer.result();
            if (result.equalsIgnoreCase("Pending in queue") || result.startsWith("In progress")) {
                patience.poll(result);
            } else if (answer.unknownGuid() && unknown < UNKNOWN_GUID_POLLS) {
                // shortly after the submission the status service may not know the GUID yet
                unknown++;
                patience.poll(
                        result + " (the GUID just submitted; look " + unknown + " of " + UNKNOWN_GUID_POLLS + ")");
            } else if (answer.rateLimited()) {
                patience.waitFor(result, null);
            } else if (answer.alreadyVerified()) {
                return Outcome.already(null, result);
            } else if (answer.ok() && result.startsWith("Pass")) {
                return Outcome.verified(null, result, guid);
            } else {
                return Outcome.refused(answer.describe(), guid);
            }
        }
    }

    private Map<String, String> base(String action) {
        Map<String, String> form = new LinkedHashMap<>();
        if (verifier.apiKey() != null) {
            form.put("apikey", verifier.apiKey());
        }
        form.put("module", "contract");
        form.put("action", action);
        return form;
    }

    private URI endpoint(long chainId) {
        String url = verifier.url().toString();
        if (verifier.type() != VerifierType.ETHERSCAN) {
            return verifier.url();
        }
        return URI.create(url + (url.contains("?") ? "&" : "?") + "chainid=" + chainId);
    }

    private static String text(JsonNode node) {
        try {
            return Json.MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Etherscan's envelope: {@code status}, {@code message}, {@code result}. */
    private record Answer(int http, String status, String message, String result) {
        static Answer of(ExplorerHttp.Response response) {
            JsonNode json = SourcifyClient.json(response.body());
            String result = json.path("result").isTextual()
                    ? json.get("result").asText()
                    : json.path("result").isMissingNode() || json.path("result").isNull()
                            ? ""
                            : json.path("result").toString();
            if (result.isEmpty() && !json.path("message").asText("").isEmpty()) {
                result = json.path("message").asText();
            }
            if (result.isEmpty()) {
                result = "HTTP " + response.status() + " " + SourcifyClient.snippet(response.body());
            }
            return new Answer(
                    response.status(),
                    json.path("status").asText(""),
                    json.path("message").asText(""),
                    result.trim());
        }

        boolean ok() {
            return http == 200 && "1".equals(status);
        }

        boolean alreadyVerified() {
            String lower = (result + " " + message).toLowerCase(Locale.ROOT);
            return lower.contains("already verified");
        }

        /**
         * The explorer does not see a contract at the address yet (it indexes blocks with a
         * delay): Etherscan's {@code Unable to locate ContractCode at …}, Blockscout's
         * {@code Address is not a smart-contract} (the text of its API's
         * {@code :not_a_smart_contract} error). Waited for until verifyTimeout: the ledger
         * records a contract created there, so the explorer will see it.
         */
        boolean notIndexed() {
            String lower = result.toLowerCase(Locale.ROOT);
            return lower.startsWith("unable to locate contractcode") || lower.contains("is not a smart-contract");
        }

        /** Etherscan's {@code checkverifystatus} answer for a GUID it does not know (yet). */
        boolean unknownGuid() {
            return result.toLowerCase(Locale.ROOT).startsWith("unknown uid");
        }

        boolean rateLimited() {
            return result.toLowerCase(Locale.ROOT).contains("rate limit");
        }

        String describe() {
            return result.equals(message) || message.isEmpty() || message.equals("NOTOK") || message.equals("OK")
                    ? result
                    : message + ": " + result;
        }
    }

    @Override
    public String toString() {
        return verifier.toString();
    }
}
