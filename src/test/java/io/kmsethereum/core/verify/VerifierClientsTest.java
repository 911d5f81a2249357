package io.kmsethereum.core.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kmsethereum.core.Json;
import io.kmsethereum.core.deploy.Verification;
import io.kmsethereum.testing.ManualClock;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The verifier clients against scripted answers in the shapes the Sourcify v2 OpenAPI
 * description and Etherscan's API documentation give: what is sent where, and how each answer
 * is read (verified, already verified, refused with the reason, waited for).
 */
class VerifierClientsTest {
    static final String ADDRESS = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    static final String KEY = "SECRETKEY1234567890ABCDEF";

    private ScriptedExplorer server;
    private final List<Duration> sleeps = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final ExplorerHttp http = new ExplorerHttp(Duration.ofSeconds(10));

    @BeforeEach
    void start() throws IOException {
        server = new ScriptedExplorer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static VerificationRequest request() {
        JsonNode input = Json.MAPPER.createObjectNode().put("language", "Solidity");
        return new VerificationRequest(
                new VerificationInput(input, "0.8.28+commit.7893614a", "src/Counter.sol:Counter", "bi.json"),
                31337,
                ADDRESS,
                "0x" + "00".repeat(31) + "64",
                "0x" + "ab".repeat(32),
                Map.of("src/MathLib.sol:MathLib", "0x" + "12".repeat(20)));
    }

    private Patience patience(long seconds) {
        // a clock that moves by each sleep, so the deadline is reached without waiting
        ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
        return new Patience(
                "test",
                Duration.ofSeconds(seconds),
                clock,
                d -> {
                    sleeps.add(d);
                    clock.advance(d);
                },
                log::add);
    }

    private Outcome sourcify() {
        Verifier verifier = new Verifier("sourcify", VerifierType.SOURCIFY, server.url("/sourcify/"), null);
        return VerifierClient.of(verifier, http).verify(request(), patience(300));
    }

    private Outcome etherscan(VerifierType type, String path) {
        Verifier verifier =
                new Verifier(type.id(), type, server.url(path), type == VerifierType.ETHERSCAN ? KEY : null);
        return VerifierClient.of(verifier, http).verify(request(), patience(300));
    }

    @Test
    void sourcifySubmitsTheInputPollsTheJobAndReportsAnExactMatchAsFull() {
        server.then(404, "{\"match\":null}")
                .then(202, "{\"verificationId\":\"72d12273-0723-448e-a9f6-f7957128efa5\"}")
                .then(200, "{\"isJobCompleted\":false,\"verificationId\":\"72d12273-0723-448e-a9f6-f7957128efa5\"}")
                .then(200, "{\"isJobCompleted\":true,\"contract\":{\"match\":\"exact_match\"}}");

        Outcome outcome = sourcify();

        assertEquals(Verification.VERIFIED, outcome.status());
        assertEquals("full", outcome.match());
        assertEquals("72d12273-0723-448e-a9f6-f7957128efa5", outcome.reference());
        List<ScriptedExplorer.Request> requests = server.requests();
        assertEquals("/sourcify/v2/contract/31337/" + ADDRESS, requests.get(0).path());
        assertEquals("POST", requests.get(1).method());
        assertEquals("/sourcify/v2/verify/31337/" + ADDRESS, requests.get(1).path());
        JsonNode body = SourcifyClient.json(requests.get(1).body());
        assertEquals("0.8.28+commit.7893614a", body.path("compilerVersion").asText());
        assertEquals("src/Counter.sol:Counter", body.path("contractIdentifier").asText());
        assertEquals(
                "0x" + "ab".repeat(32), body.path("creationTransactionHash").asText());
        assertEquals("Solidity", body.path("stdJsonInput").path("language").asText());
        assertEquals(
                "/sourcify/v2/verify/72d12273-0723-448e-a9f6-f7957128efa5",
                requests.get(2).path());
        assertEquals(1, sleeps.size(), "one wait for the pending job");
    }

    @Test
    void sourcifyFindsAVerifiedContractAndSendsNothing() {
        server.then(200, "{\"match\":\"match\",\"creationMatch\":\"match\",\"runtimeMatch\":\"match\"}");

        Outcome outcome = sourcify();

        assertEquals(Verification.ALREADY_VERIFIED, outcome.status());
        assertEquals("partial", outcome.match());
        assertEquals(1, server.requests().size());
    }

    @Test
    void sourcifyResubmitsWhileItsNodeDoesNotSeeTheContractYet() {
        server.then(404, "{}")
                .then(202, "{\"verificationId\":\"a\"}")
                .then(
                        200,
                        "{\"isJobCompleted\":true,\"error\":{\"customCode\":\"contract_not_deployed\","
                                + "\"message\":\"Chain #31337 does not have a contract deployed at " + ADDRESS
                                + ".\"}}")
                .then(202, "{\"verificationId\":\"b\"}")
                .then(200, "{\"isJobCompleted\":true,\"contract\":{\"match\":\"match\"}}");

        Outcome outcome = sourcify();

        assertEquals(Verification.VERIFIED, outcome.status());
        assertEquals("partial", outcome.match());
        assertTrue(log.get(0).contains("not indexed yet (contract_not_deployed"), log.toString());
        assertTrue(log.get(0).contains("asking again in 1 s"), log.toString());
    }

    @Test
    void sourcifyRefusalCarriesItsCodeAndMessage() {
        server.then(404, "{}")
                .then(202, "{\"verificationId\":\"a\"}")
                .then(
                        200,
                        "{\"isJobCompleted\":true,\"error\":{\"customCode\":\"no_match\","
                                + "\"message\":\"The deployed and recompiled bytecode don't match.\"}}");

        Outcome outcome = sourcify();

        assertEquals(Verification.FAILED, outcome.status());
        assertTrue(outcome.refused());
        assertEquals("no_match: The deployed and recompiled bytecode don't match.", outcome.message());
    }

    @Test
    void sourcifyConflictOnSubmitIsAlreadyVerified() {
        server.then(404, "{}")
                .then(
                        409,
                        "{\"customCode\":\"already_verified\",\"message\":\"Contract " + ADDRESS
                                + " on chain 31337 is already verified\"}");

        Outcome outcome = sourcify();

        assertEquals(Verification.ALREADY_VERIFIED, outcome.status());
    }

    @Test
    void rateLimitsAreWaitedOutWithGrowingBackoff() {
        server.then(429, "{\"customCode\":\"too_many_requests\"}")
                .then(429, "{\"customCode\":\"too_many_requests\"}")
                .then(200, "{\"match\":\"exact_match\"}");

        Outcome outcome = sourcify();

        assertEquals(Verification.ALREADY_VERIFIED, outcome.status());
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), sleeps);
        assertTrue(log.get(0).contains("rate limit reached (HTTP 429)"), log.toString());
    }

    @Test
    void aVerifierThatNeverAnswersTimesOutAfterVerifyTimeout() {
        for (int i = 0; i < 20; i++) {
            server.then(503, "busy");
        }
        Verifier verifier = new Verifier("sourcify", VerifierType.SOURCIFY, server.url("/sourcify"), null);

        Patience.TimedOut e = assertThrows(
                Patience.TimedOut.class, () -> VerifierClient.of(verifier, http).verify(request(), patience(10)));

        assertTrue(e.getMessage().contains("answered HTTP 503, still after verifyTimeout (10 s)"), e.getMessage());
        assertEquals(10, sleeps.stream().mapToLong(Duration::toSeconds).sum());
    }

    @Test
    void etherscanV2SendsEverythingAndTheKeyInTheFormBodyAndTheChainInTheQuery() {
        server.then(200, "{\"status\":\"1\",\"message\":\"OK\",\"result\":\"guid-1\"}")
                .then(200, "{\"status\":\"0\",\"message\":\"NOTOK\",\"result\":\"Pending in queue\"}")
                .then(200, "{\"status\":\"1\",\"message\":\"OK\",\"result\":\"Pass - Verified\"}");

        Outcome outcome = etherscan(VerifierType.ETHERSCAN, "/etherscan/v2/api");

        assertEquals(Verification.VERIFIED, outcome.status());
        assertNull(outcome.match());
        assertEquals("guid-1", outcome.reference());
        List<ScriptedExplorer.Request> requests = server.requests();
        for (ScriptedExplorer.Request r : requests) {
            assertEquals("POST", r.method());
            assertEquals("chainid=31337", r.query(), "only the chain id in the URL");
            assertEquals(KEY, r.form().get("apikey"));
        }
        Map<String, String> submit = requests.get(0).form();
        assertEquals("verifysourcecode", submit.get("action"));
        assertEquals("contract", submit.get("module"));
        assertEquals("solidity-standard-json-input", submit.get("codeformat"));
        assertEquals("src/Counter.sol:Counter", submit.get("contractname"));
        assertEquals("v0.8.28+commit.7893614a", submit.get("compilerversion"));
        assertEquals(ADDRESS, submit.get("contractaddress"));
        assertEquals("00".repeat(31) + "64", submit.get("constructorArguements"));
        assertEquals("00".repeat(31) + "64", submit.get("constructorArguments"));
        assertEquals("src/MathLib.sol:MathLib", submit.get("libraryname1"));
        assertEquals("0x" + "12".repeat(20), submit.get("libraryaddress1"));
        assertEquals(
                "Solidity",
                SourcifyClient.json(submit.get("sourceCode")).path("language").asText());
        assertEquals("checkverifystatus", requests.get(1).form().get("action"));
        assertEquals("guid-1", requests.get(1).form().get("guid"));
    }

    @Test
    void etherscanNotIndexedAndRateLimitAnswersAreWaitedFor() {
        server.then(
                        200,
                        "{\"status\":\"0\",\"message\":\"NOTOK\",\"result\":\"Unable to locate ContractCode at "
                                + ADDRESS + "\"}")
                .then(200, "{\"status\":\"0\",\"message\":\"NOTOK\",\"result\":\"Max rate limit reached\"}")
                .then(200, "{\"status\":\"1\",\"message\":\"OK\",\"result\":\"guid-2\"}")
                .then(200, "{\"status\":\"1\",\"message\":\"OK\",\"result\":\"Already Verified\"}");

        Outcome outcome = etherscan(VerifierType.ETHERSCAN, "/etherscan/v2/api");

        assertEquals(Verification.ALREADY_VERIFIED, outcome.status());
        assertEquals(2, sleeps.size());
        assertTrue(log.get(0).contains("not indexed yet (Unable to locate ContractCode at"), log.toString());
        assertTrue(log.get(1).contains("Max rate limit reached"), log.toString());
    }

    @Test
    void etherscanFailureCarriesTheExplorersReason() {
        server.then(200, "{\"status\":\"1\",\"message\":\"OK\",\"result\":\"guid-3\"}")
                .then(
                        200,
                        "{\"status\":\"0\",\"message\":\"NOTOK\",\"result\":\"Fail - Unable to verify. The constructor"
                                + " arguments do not match the ones of the contract creation transaction.\"}");

        Outcome outcome = etherscan(VerifierType.ETHERSCAN, "/etherscan/v2/api");

        assertEquals(Verification.FAILED, outcome.status());
        assertTrue(outcome.refused());
        assertEquals(
                "Fail - Unable to verify. The constructor arguments do not match the ones of the contract creation"
                        + " transaction.",
                outcome.message());
    }

    @Test
    void blockscoutHasNoChainInTheUrlNoKeyAndItsOwnAlreadyVerifiedWording() {
        server.then(200, "{\"status\":\"0\",\"message\":\"Smart-contract already verified.\",\"result\":null}");

        Outcome outcome = etherscan(VerifierType.BLOCKSCOUT, "/blockscout/api");

        assertEquals(Verification.ALREADY_VERIFIED, outcome.status());
        ScriptedExplorer.Request r = server.requests().get(0);
        assertNull(r.query());
        assertFalse(r.form().containsKey("apikey"));
        assertEquals("/blockscout/api", r.path());
    }

    @Test
    void anImmediateRefusalIsReportedAsTheExplorerWroteIt() {
        server.then(
                200,
                "{\"status\":\"0\",\"message\":\"NOTOK\",\"result\":\"Invalid compiler version: v0.8.99+commit.00000000\"}");

        Outcome outcome = etherscan(VerifierType.ETHERSCAN, "/etherscan/v2/api");

        assertEquals(Verification.FAILED, outcome.status());
        assertEquals("Invalid compiler version: v0.8.99+commit.00000000", outcome.message());
    }

    @Test
    void aJobInTheQueueIsLookedAtAgainAtAShortSteadyPaceNotWithBackoff() {
        server.then(200, "{\"status\":\"1\",\"message\":\"OK\",\"result\":\"guid-4\"}");
        for (int i = 0; i < 5; i++) {
            server.then(200, "{\"status\":\"0\",\"message\":\"NOTOK\",\"result\":\"Pending in queue\"}");
        }
        server.then(200, "{\"status\":\"1\",\"message\":\"OK\",\"result\":\"Pass - Verified\"}");

        Outcome outcome = etherscan(VerifierType.ETHERSCAN, "/etherscan/v2/api");

        assertEquals(Verification.VERIFIED, outcome.status());
        assertEquals(
                List.of(1L, 2L, 4L, 4L, 4L),
                sleeps.stream().map(Duration::toSeconds).toList());
    }

    private static final String GUID = "{\"status\":\"1\",\"message\":\"OK\",\"result\":\"guid-5\"}";
    private static final String PASS = "{\"status\":\"1\",\"message\":\"OK\",\"result\":\"Pass - Verified\"}";
    private static final String UNKNOWN_UID = "{\"status\":\"0\",\"message\":\"NOTOK\",\"result\":\"Unknown UID\"}";

    private List<Long> seconds() {
        return sleeps.stream().map(Duration::toSeconds).toList();
    }

    @Test
    void aRedirectIsNotFollowedSoTheFormWithTheKeyIsNotSentElsewhere() throws IOException {
        try (ScriptedExplorer other = new ScriptedExplorer()) {
            other.then(200, GUID).then(200, PASS);
            server.then(
                    307,
                    "",
                    Map.of("Location", other.url("/moved/api?token=abc").toString()));

            ExplorerHttp.Redirected e = assertThrows(
                    ExplorerHttp.Redirected.class, () -> etherscan(VerifierType.ETHERSCAN, "/etherscan/v2/api"));

            assertEquals(307, e.status());
            assertEquals(other.url("/moved/api").toString(), e.location(), "resolved, without the query");
            assertTrue(other.requests().isEmpty(), "nothing was sent to the redirect target");
            assertEquals(1, server.requests().size());
        }
    }

    @Test
    void theBackoffStartsAgainAfterTheVerifierAcceptedTheJob() {
        for (int i = 0; i < 5; i++) {
            server.then(
                    200,
                    "{\"status\":\"0\",\"message\":\"NOTOK\",\"result\":\"Unable to locate ContractCode at " + ADDRESS
                            + "\"}");
        }
        server.then(200, GUID)
                .then(200, "{\"status\":\"0\",\"message\":\"NOTOK\",\"result\":\"Max rate limit reached\"}")
                .then(200, PASS);

        Outcome outcome = etherscan(VerifierType.ETHERSCAN, "/etherscan/v2/api");

        assertEquals(Verification.VERIFIED, outcome.status());
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 1L), seconds(), "the rate limit after the GUID waits 1 s, not 16 s");
    }

    @Test
    void aPollingAnswerResetsTheBackoffOfRefusals() {
        server.then(200, GUID)
                .then(429, "{}")
                .then(429, "{}")
                .then(429, "{}")
                .then(200, "{\"status\":\"0\",\"message\":\"NOTOK\",\"result\":\"Pending in queue\"}")
                .then(429, "{}")
                .then(200, PASS);

        Outcome outcome = etherscan(VerifierType.ETHERSCAN, "/etherscan/v2/api");

        assertEquals(Verification.VERIFIED, outcome.status());
        assertEquals(List.of(1L, 2L, 4L, 1L, 1L), seconds());
    }

    @Test
    void anUnknownGuidShortlyAfterTheSubmissionIsWaitedForAFewTimes() {
        server.then(200, GUID).then(200, UNKNOWN_UID).then(200, UNKNOWN_UID).then(200, PASS);

        Outcome outcome = etherscan(VerifierType.ETHERSCAN, "/etherscan/v2/api");

        assertEquals(Verification.VERIFIED, outcome.status());
        assertEquals(2, sleeps.size());
        assertTrue(log.get(0).contains("Unknown UID (the GUID just submitted; look 1 of 3)"), log.toString());
    }

    @Test
    void anUnknownGuidThatStaysUnknownIsAFailure() {
        server.then(200, GUID);
        for (int i = 0; i <= EtherscanClient.UNKNOWN_GUID_POLLS; i++) {
            server.then(200, UNKNOWN_UID);
        }

        Outcome outcome = etherscan(VerifierType.ETHERSCAN, "/etherscan/v2/api");

        assertEquals(Verification.FAILED, outcome.status());
        assertEquals("Unknown UID", outcome.message());
        assertEquals(EtherscanClient.UNKNOWN_GUID_POLLS, sleeps.size());
        assertEquals(2 + EtherscanClient.UNKNOWN_GUID_POLLS, server.requests().size());
    }

    @Test
    void blockscoutNotSeeingTheContractYetIsWaitedFor() {
        server.then(404, "{\"message\":\"Address is not a smart-contract\",\"result\":null,\"status\":\"0\"}")
                .then(200, "{\"status\":\"1\",\"message\":\"OK\",\"result\":\"guid-6\"}")
                .then(200, PASS);

        Outcome outcome = etherscan(VerifierType.BLOCKSCOUT, "/blockscout/api");

        assertEquals(Verification.VERIFIED, outcome.status());
        assertEquals(List.of(1L), seconds());
        assertTrue(log.get(0).contains("not indexed yet (Address is not a smart-contract)"), log.toString());
    }

    @Test
    void eachRequestMayTakeAtMostTheTimeLeftUntilTheDeadline() {
        Patience patience = patience(30);
        List<Long> limits = new ArrayList<>();

        assertThrows(
                Patience.TimedOut.class,
                () -> patience.call(limit -> {
                    limits.add(limit.toSeconds());
                    return new ExplorerHttp.Response(503, "busy", java.util.OptionalLong.empty());
                }));

        // waits of 1, 2, 4, 8 s, then the 15 s left; the last request still gets the floor
        assertEquals(List.of(30L, 29L, 27L, 23L, 15L, Patience.SHORTEST_REQUEST.toSeconds()), limits);
        assertEquals(Duration.ofSeconds(10), http.timeout(Duration.ofSeconds(60)), "capped by the request timeout");
        assertEquals(Duration.ofSeconds(7), http.timeout(Duration.ofSeconds(7)));
    }
}
