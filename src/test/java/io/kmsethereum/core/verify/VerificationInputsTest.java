package io.kmsethereum.core.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.Json;
import io.kmsethereum.core.artifact.Artifacts;
import io.kmsethereum.core.artifact.ContractArtifact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Verification input from Foundry and Hardhat build-info and from a standard-JSON input file. */
class VerificationInputsTest {
    static final Path FIXTURES = Path.of("src/test/resources/artifacts");
    static final String VERSION = "0.8.28+commit.7893614a";

    @TempDir
    Path dir;

    /** A build-info in the shape of the given format, from the fixtures' solc input and output. */
    static ObjectNode buildInfo(String format) throws IOException {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("id", "abc");
        root.put("_format", format);
        root.put("solcVersion", "0.8.28");
        root.put("solcLongVersion", VERSION);
        root.set(
                "input",
                Json.MAPPER.readTree(
                        FIXTURES.resolve("standard-json/input.json").toFile()));
        root.set(
                "output",
                Json.MAPPER.readTree(
                        FIXTURES.resolve("standard-json/output.json").toFile()));
        return root;
    }

    private Path foundryProject(JsonNode buildInfo) throws IOException {
        Path out = dir.resolve("out");
        Files.createDirectories(out.resolve("Holder.sol"));
        Files.createDirectories(out.resolve("build-info"));
        Files.copy(FIXTURES.resolve("foundry/out/Holder.sol/Holder.json"), out.resolve("Holder.sol/Holder.json"));
        if (buildInfo != null) {
            Files.write(out.resolve("build-info/abc.json"), Json.toBytes(buildInfo));
        }
        return out.resolve("Holder.sol/Holder.json");
    }

    @Test
    void foundryBuildInfoBesideTheArtifactGivesInputVersionAndQualifiedName() throws IOException {
        Path artifact = foundryProject(buildInfo("ethers-rs-sol-build-info-1"));
        ContractArtifact holder = Artifacts.read(artifact, null);

        VerificationInput input = VerificationInputs.fromBuildInfo(holder, null);

        assertEquals("Holder.sol:Holder", input.contractIdentifier());
        assertEquals(VERSION, input.compilerVersion());
        assertTrue(input.standardJsonInput().path("sources").has("Holder.sol"));
        assertEquals("Holder.sol", input.sourcePath());
        assertTrue(input.origin().endsWith("abc.json"), input.origin());
    }

    @Test
    void aBuildInfoOfOtherBytecodeIsPassedOverForTheOneThatCompiledTheArtifact() throws IOException {
        Path artifact = foundryProject(buildInfo("ethers-rs-sol-build-info-1"));
        ObjectNode other = buildInfo("ethers-rs-sol-build-info-1");
        ((ObjectNode) other.path("output")
                        .path("contracts")
                        .path("Holder.sol")
                        .path("Holder")
                        .path("evm")
                        .path("bytecode"))
                .put("object", "6080");
        other.put("solcLongVersion", "0.8.26+commit.8a97fa7a");
        Path newer = dir.resolve("out/build-info/newer.json");
        Files.write(newer, Json.toBytes(other));
        Files.setLastModifiedTime(newer, FileTime.fromMillis(System.currentTimeMillis() + 60_000));

        VerificationInput input = VerificationInputs.fromBuildInfo(Artifacts.read(artifact, null), null);

        assertEquals(VERSION, input.compilerVersion());
        assertTrue(input.origin().endsWith("abc.json"), input.origin());
    }

    @Test
    void withoutBuildInfoTheMessageSaysHowFoundryAndHardhatWriteIt() throws IOException {
        Path artifact = foundryProject(null);

        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> VerificationInputs.fromBuildInfo(Artifacts.read(artifact, null), null));

        assertEquals("buildInfo", e.getParameter());
        assertTrue(e.getMessage().contains("no build-info holds Holder.sol:Holder"), e.getMessage());
        assertTrue(e.getMessage().contains("'forge build --build-info'"), e.getMessage());
        assertTrue(e.getMessage().contains("artifacts/build-info/"), e.getMessage());
    }

    @Test
    void hardhatArtifactNamesItsBuildInfoInTheDebugFile() throws IOException {
        Path contracts = dir.resolve("artifacts/contracts/Holder.sol");
        Files.createDirectories(contracts);
        Files.createDirectories(dir.resolve("elsewhere"));
        Files.copy(FIXTURES.resolve("hardhat/artifacts/Holder.sol/Holder.json"), contracts.resolve("Holder.json"));
        Files.write(dir.resolve("elsewhere/b1.json"), Json.toBytes(buildInfo("hh-sol-build-info-1")));
        Files.writeString(
                contracts.resolve("Holder.dbg.json"),
                "{\"_format\":\"hh-sol-dbg-1\",\"buildInfo\":\"../../../elsewhere/b1.json\"}");

        VerificationInput input =
                VerificationInputs.fromBuildInfo(Artifacts.read(contracts.resolve("Holder.json"), null), null);

        assertEquals("Holder.sol:Holder", input.contractIdentifier());
        assertEquals(VERSION, input.compilerVersion());
        assertTrue(input.origin().endsWith("b1.json"), input.origin());
    }

    @Test
    void hardhatBuildInfoIsFoundBySearchWithoutADebugFile() throws IOException {
        Path contracts = dir.resolve("artifacts/contracts/Holder.sol");
        Files.createDirectories(contracts);
        Files.createDirectories(dir.resolve("artifacts/build-info"));
        Files.copy(FIXTURES.resolve("hardhat/artifacts/Holder.sol/Holder.json"), contracts.resolve("Holder.json"));
        Files.write(dir.resolve("artifacts/build-info/b2.json"), Json.toBytes(buildInfo("hh-sol-build-info-1")));

        VerificationInput input =
                VerificationInputs.fromBuildInfo(Artifacts.read(contracts.resolve("Holder.json"), null), null);

        assertTrue(input.origin().endsWith("b2.json"), input.origin());
    }

    @Test
    void aStandardJsonInputFileWithAVersionIsTakenAsItIs() throws IOException {
        ContractArtifact holder = Artifacts.read(FIXTURES.resolve("foundry/out/Holder.sol/Holder.json"), null);

        VerificationInput input = VerificationInputs.fromStandardJson(
                holder, FIXTURES.resolve("standard-json/input.json"), "v" + VERSION);

        assertEquals(VERSION, input.compilerVersion());
        assertEquals("Holder.sol:Holder", input.contractIdentifier());
    }

    @Test
    void aVersionWithoutTheCommitIsRefused() {
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> VerificationInputs.checkVersion("0.8.28"));
        assertEquals("compilerVersion", e.getParameter());
        assertTrue(e.getMessage().contains("e.g. 0.8.28+commit.7893614a"), e.getMessage());
    }

    @Test
    void aBuildInfoPassedAsStandardJsonInputIsRefused() throws IOException {
        Path file = dir.resolve("bi.json");
        Files.write(file, Json.toBytes(buildInfo("ethers-rs-sol-build-info-1")));
        ContractArtifact holder = Artifacts.read(FIXTURES.resolve("foundry/out/Holder.sol/Holder.json"), null);

        InvalidInputException e = assertThrows(
                InvalidInputException.class, () -> VerificationInputs.fromStandardJson(holder, file, VERSION));

        assertEquals("standardJsonInput", e.getParameter());
        assertTrue(e.getMessage().contains("goes into buildInfo instead"), e.getMessage());
    }

    @Test
    void forgesVersionWithoutTheCommitIsCompletedFromTheMetadataAndItsOwnInputKeysAreDropped() throws IOException {
        ObjectNode forge = buildInfo("ethers-rs-sol-build-info-1");
        forge.put("solcLongVersion", "0.8.28");
        ((ObjectNode) forge.get("input")).put("allowPaths", "[]").put("version", "0.8.28");
        ((ObjectNode) forge.path("output").path("contracts").path("Holder.sol").path("Holder"))
                .put("metadata", "{\"compiler\":{\"version\":\"" + VERSION + "\"}}");
        Path artifact = foundryProject(forge);

        VerificationInput input = VerificationInputs.fromBuildInfo(Artifacts.read(artifact, null), null);

        assertEquals(VERSION, input.compilerVersion());
        java.util.List<String> keys = new java.util.ArrayList<>();
        input.standardJsonInput().fieldNames().forEachRemaining(keys::add);
        assertEquals(java.util.List.of("language", "sources", "settings"), keys);
    }
}
