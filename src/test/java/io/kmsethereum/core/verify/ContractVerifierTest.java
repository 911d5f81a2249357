package io.kmsethereum.core.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.Json;
import io.kmsethereum.core.KmsEthereumException.Fault;
import io.kmsethereum.core.artifact.Artifacts;
import io.kmsethereum.core.artifact.ContractArtifact;
import io.kmsethereum.core.deploy.DeploymentLedger;
import io.kmsethereum.core.deploy.DeploymentRecord;
import io.kmsethereum.core.deploy.Linker;
import io.kmsethereum.core.deploy.Verification;
import io.kmsethereum.core.store.LocalStateStore;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/** Several verifiers for one ledger record: each result recorded, done ones skipped on re-run. */
class ContractVerifierTest {
    @TempDir
    Path dir;

    private final List<String> log = new ArrayList<>();

    private DeploymentRecord record(DeploymentLedger ledger) {
        return ledger.write(new DeploymentRecord(
                "Counter",
                "Counter",
                31337,
                VerifierClientsTest.ADDRESS,
                "0x" + "ab".repeat(32),
                BigInteger.ONE,
                "0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F",
                "0x" + "cd".repeat(32),
                List.of("100"),
                "0x" + "00".repeat(31) + "64",
                "0",
                null,
                null,
                Map.of("MathLib", "0x" + "12".repeat(20)),
                "out/Counter.sol/Counter.json",
                Json.MAPPER.createArrayNode(),
                1,
                "2026-01-01T00:00:00Z",
                List.of()));
    }

    private ContractVerifier verifier(List<Verifier> verifiers) {
        return new ContractVerifier(
                verifiers,
                new ExplorerHttp(Duration.ofSeconds(10)),
                Duration.ofSeconds(60),
                Clock.systemUTC(),
                d -> {},
                log::add);
    }

    @Test
    void aFailingVerifierDoesNotHideTheOthersAndARerunAsksOnlyIt() throws IOException {
        DeploymentLedger ledger = new DeploymentLedger(new LocalStateStore(dir.resolve("j"), dir.resolve("d")));
        DeploymentRecord record = record(ledger);
        VerificationInput input = VerifierClientsTest.request().input();
        try (ScriptedExplorer server = new ScriptedExplorer()) {
            List<Verifier> verifiers = List.of(
                    new Verifier("sourcify", VerifierType.SOURCIFY, server.url("/sourcify"), null),
                    new Verifier("etherscan", VerifierType.ETHERSCAN, server.url("/etherscan/v2/api"), "k"));
            server.then(404, "{}")
                    .then(202, "{\"verificationId\":\"a\"}")
                    .then(
                            200,
                            "{\"isJobCompleted\":true,\"error\":{\"customCode\":\"no_match\",\"message\":\"no match\"}}")
                    .then(200, "{\"status\":\"1\",\"message\":\"OK\",\"result\":\"g\"}")
                    .then(200, "{\"status\":\"1\",\"message\":\"OK\",\"result\":\"Pass - Verified\"}");

            ContractVerifier.Report first = verifier(verifiers).verify(ledger, record, input, null);

            assertEquals(1, first.failed().size());
            assertTrue(first.refused());
            DeploymentRecord stored = ledger.read(31337, "Counter").orElseThrow();
            assertEquals(2, stored.verifications().size());
            assertEquals(Verification.FAILED, stored.verifications().get(0).status());
            assertEquals("no_match: no match", stored.verifications().get(0).message());
            assertEquals(Verification.VERIFIED, stored.verifications().get(1).status());
            assertEquals("etherscan", stored.verifications().get(1).type());
            VerificationFailedException failure = ContractVerifier.failure(List.of(first), "ledger.json", true)
                    .orElseThrow();
            assertEquals(Fault.USER, failure.fault());
            assertTrue(
                    failure.getMessage()
                            .contains("Counter at " + VerifierClientsTest.ADDRESS + " on sourcify: no_match: no match"),
                    failure.getMessage());

            // the re-run: etherscan is done and gets nothing; sourcify is asked again
            int before = server.requests().size();
            server.then(404, "{}")
                    .then(202, "{\"verificationId\":\"b\"}")
                    .then(200, "{\"isJobCompleted\":true,\"contract\":{\"match\":\"exact_match\"}}");
            ContractVerifier.Report second = verifier(verifiers).verify(ledger, stored, input, null);

            assertTrue(second.failed().isEmpty());
            assertTrue(server.requests().subList(before, server.requests().size()).stream()
                    .allMatch(r -> r.path().startsWith("/sourcify")));
            assertTrue(
                    log.stream()
                            .anyMatch(l -> l.startsWith("etherscan: Counter (src/Counter.sol:Counter at "
                                    + VerifierClientsTest.ADDRESS + ") is verified (the ledger records it")),
                    log.toString());
            DeploymentRecord after = ledger.read(31337, "Counter").orElseThrow();
            assertEquals("full", after.verifications().get(0).match());
            assertEquals(Verification.VERIFIED, after.verifications().get(0).status());
            assertEquals(Verification.VERIFIED, after.verifications().get(1).status());
        }
    }

    @Test
    void librariesAreNamedByTheirFullyQualifiedNameFromTheArtifact() {
        var artifact = io.kmsethereum.core.artifact.Artifacts.read(
                Path.of("src/test/resources/artifacts/foundry/out/MathLib.sol/Doubler.json"), null);
        Map<String, String> qualified = ContractVerifier.qualifiedLibraries(artifact, Map.of("MathLib", "0x01"));
        assertEquals(Map.of("MathLib.sol:MathLib", "0x01"), qualified);
    }

    @Test
    void unreachableVerifiersAreTheEnvironmentsFault() {
        DeploymentLedger ledger = new DeploymentLedger(new LocalStateStore(dir.resolve("j"), dir.resolve("d")));
        DeploymentRecord record = record(ledger);
        List<Verifier> verifiers = List.of(new Verifier(
                "sourcify", VerifierType.SOURCIFY, java.net.URI.create("http://127.0.0.1:1/sourcify"), null));
        ContractVerifier verifier = new ContractVerifier(
                verifiers,
                new ExplorerHttp(Duration.ofSeconds(2)),
                Duration.ofSeconds(1),
                Clock.systemUTC(),
                d -> {
                    Thread.sleep(d.toMillis());
                },
                log::add);

        ContractVerifier.Report report =
                verifier.verify(ledger, record, VerifierClientsTest.request().input(), null);

        assertEquals(1, report.failed().size());
        assertEquals(
                Fault.ENVIRONMENT,
                ContractVerifier.failure(List.of(report), "l", true)
                        .orElseThrow()
                        .fault());
        assertTrue(
                report.failed().get(0).message().contains("cannot be reached"),
                report.failed().get(0).message());
    }

    @Test
    void theSameDeploymentWrittenAgainKeepsItsVerificationsAndTheNextGenerationStartsWithout() {
        DeploymentLedger ledger = new DeploymentLedger(new LocalStateStore(dir.resolve("j"), dir.resolve("d")));
        DeploymentRecord record = record(ledger);
        Verification done = new Verification(
                "sourcify",
                "sourcify",
                "http://v",
                Verification.VERIFIED,
                "full",
                "ok",
                "id",
                "2026-01-01T00:00:00Z",
                1L);
        ledger.update(31337, "Counter", r -> r.withVerifications(List.of(done)));

        DeploymentRecord again = ledger.write(record); // e.g. a CREATE2 contract found deployed, recorded again

        assertEquals(List.of(done), again.verifications());
        DeploymentRecord next = ledger.write(new DeploymentRecord(
                "Counter",
                "Counter",
                31337,
                "0x0000000000000000000000000000000000000002",
                "0x" + "ef".repeat(32),
                BigInteger.TWO,
                record.deployer(),
                record.bytecodeHash(),
                List.of(),
                "0x",
                "0",
                null,
                null,
                null,
                record.artifact(),
                record.abi(),
                1,
                null,
                List.of()));
        assertEquals(2, next.generation());
        assertTrue(next.verifications().isEmpty());
        assertEquals(2, ledger.read(31337, "Counter").orElseThrow().schema());
    }

    private static DeploymentRecord deployed(String bytecodeHash, Map<String, String> libraries) {
        return new DeploymentRecord(
                "Doubler",
                "Doubler",
                31337,
                VerifierClientsTest.ADDRESS,
                "0x" + "ab".repeat(32),
                BigInteger.ONE,
                "0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F",
                bytecodeHash,
                List.of(),
                "0x",
                "0",
                null,
                null,
                libraries,
                "out/MathLib.sol/Doubler.json",
                Json.MAPPER.createArrayNode(),
                1,
                "2026-01-01T00:00:00Z",
                List.of());
    }

    @Test
    void anArtifactThatChangedSinceTheDeploymentIsRefusedBeforeAnyRequest() {
        ContractArtifact doubler =
                Artifacts.read(Path.of("src/test/resources/artifacts/foundry/out/MathLib.sol/Doubler.json"), null);
        Map<String, String> libraries = Map.of("MathLib", "0x" + "12".repeat(20));
        String linked = Numeric.toHexString(Hash.sha3(Numeric.hexStringToByteArray(Linker.link(doubler, libraries))));

        ContractVerifier.checkUnchanged(deployed(linked, libraries), doubler, "artifact"); // the same: no error

        InvalidInputException changed = assertThrows(
                InvalidInputException.class,
                () -> ContractVerifier.checkUnchanged(
                        deployed("0x" + "cd".repeat(32), libraries), doubler, "artifact"));
        assertEquals("artifact", changed.getParameter());
        assertTrue(changed.getMessage().contains("The artifact changed since deployment"), changed.getMessage());
        assertTrue(changed.getMessage().contains("Doubler at " + VerifierClientsTest.ADDRESS), changed.getMessage());
        assertTrue(changed.getMessage().contains(linked), changed.getMessage());

        InvalidInputException unlinked = assertThrows(
                InvalidInputException.class,
                () -> ContractVerifier.checkUnchanged(deployed(linked, null), doubler, "artifact"));
        assertTrue(
                unlinked.getMessage().contains("cannot be linked with the record's libraries"), unlinked.getMessage());
    }

    @Test
    void aRedirectIsRecordedAsARefusalThatNamesTheConfiguredUrl() throws IOException {
        DeploymentLedger ledger = new DeploymentLedger(new LocalStateStore(dir.resolve("j"), dir.resolve("d")));
        DeploymentRecord record = record(ledger);
        try (ScriptedExplorer server = new ScriptedExplorer()) {
            server.then(308, "", Map.of("Location", "/v2/api"));
            Verifier etherscan = new Verifier("etherscan", VerifierType.ETHERSCAN, server.url("/api"), "k");

            ContractVerifier.Report report = verifier(List.of(etherscan))
                    .verify(ledger, record, VerifierClientsTest.request().input(), null);

            assertTrue(report.refused());
            String message = report.failed().get(0).message();
            assertTrue(message.startsWith("answered HTTP 308 redirecting to " + server.url("/v2/api")), message);
            assertTrue(message.contains("Set this verifier's url (now " + server.url("/api") + ")"), message);
            assertEquals(1, server.requests().size());
        }
    }
}
