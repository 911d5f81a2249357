package io.kmsethereum.core.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.Json;
import io.kmsethereum.core.artifact.ArtifactFormat;
import io.kmsethereum.core.artifact.ArtifactsTest;
import io.kmsethereum.core.artifact.ContractArtifact;
import io.kmsethereum.core.store.LocalStateStore;
import io.kmsethereum.core.store.StateStoreException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentLedgerTest {
    @TempDir
    Path dir;

    static DeploymentRecord record(InitCode init, String address, String salt) {
        return new DeploymentRecord(
                "holder",
                init.contract().name(),
                31337,
                address,
                "0x" + "11".repeat(32),
                BigInteger.valueOf(7),
                "0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F",
                init.bytecodeHash(),
                init.arguments(),
                init.encodedArgumentsHex(),
                "0",
                salt,
                salt == null ? null : Create2.PROXY,
                null,
                init.contract().file().toString(),
                init.contract().abiJson(),
                1,
                "2026-03-02T10:15:30Z",
                List.of());
    }

    @Test
    void aRecordIsWrittenUnderChainIdAndNameAndReadBack() throws IOException {
        InitCode init = InitCode.of(
                ArtifactsTest.read(ArtifactFormat.FOUNDRY, "Holder"), Map.of(), InitCodeTest.HOLDER_ARGS, null);
        DeploymentLedger ledger =
                new DeploymentLedger(new LocalStateStore(dir.resolve("journal"), dir.resolve("deployments")));
        DeploymentRecord written = record(init, "0x5FbDB2315678afecb367f032d93F642f64180aa3", null);
        DeploymentRecord stored = ledger.write(written);
        assertEquals(1, stored.generation());
        assertTrue(stored.history().isEmpty());
        Path file = Path.of(ledger.location(31337, "holder"));
        assertEquals(dir.resolve("deployments/31337/holder.json"), file);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
        JsonNode json = Json.MAPPER.readTree(file.toFile());
        assertEquals(
                "0x5FbDB2315678afecb367f032d93F642f64180aa3",
                json.get("address").asText());
        assertEquals(7, json.get("blockNumber").asInt());
        assertEquals(31337, json.get("chainId").asInt());
        assertEquals(1, json.get("schema").asInt(), "records carry their schema version");
        assertEquals(1, json.get("generation").asInt());
        assertFalse(json.has("history"), "no history before a second deployment");
        assertTrue(json.get("abi").isArray());
        assertFalse(json.has("salt"), "no salt for a plain creation");

        DeploymentRecord read = ledger.read(31337, "holder").orElseThrow();
        assertEquals(written.address(), read.address());
        assertEquals(written.constructorArguments(), read.constructorArguments());
        assertEquals(written.abi(), read.abi());
        assertTrue(read.sameDeployment(init, null, BigInteger.ZERO));
        assertFalse(
                read.sameDeployment(init, "0x" + "00".repeat(32), BigInteger.ZERO), "CREATE2 is another deployment");
        assertFalse(read.sameDeployment(init, null, BigInteger.ONE), "another value is another deployment");
        assertTrue(ledger.read(1, "holder").isEmpty(), "other chains have their own directory");
    }

    @Test
    void otherArgumentsOrBytecodeAreAnotherDeployment() {
        ContractArtifact holder = ArtifactsTest.read(ArtifactFormat.FOUNDRY, "Holder");
        InitCode init = InitCode.of(holder, Map.of(), InitCodeTest.HOLDER_ARGS, null);
        DeploymentRecord recorded = record(init, "0x5FbDB2315678afecb367f032d93F642f64180aa3", null);
        List<String> args = new java.util.ArrayList<>(InitCodeTest.HOLDER_ARGS);
        args.set(1, "2");
        assertFalse(recorded.sameDeployment(InitCode.of(holder, Map.of(), args, null), null, BigInteger.ZERO));
        // the same value spelt differently encodes the same, so it is the same deployment
        args.set(1, "0xde0b6b3a7640000");
        assertTrue(recorded.sameDeployment(InitCode.of(holder, Map.of(), args, null), null, BigInteger.ZERO));
        ContractArtifact changed = new ContractArtifact(
                holder.name(),
                holder.sourceName(),
                holder.format(),
                holder.file(),
                holder.abi(),
                holder.abiJson(),
                holder.bytecode() + "00",
                holder.linkReferences());
        assertFalse(recorded.sameDeployment(
                InitCode.of(changed, Map.of(), InitCodeTest.HOLDER_ARGS, null), null, BigInteger.ZERO));

        // what differs, in words for the message
        args.set(1, "2");
        List<String> differences = recorded.differences(
                InitCode.of(holder, Map.of(), args, null), "0x" + "00".repeat(31) + "2a", BigInteger.TEN.pow(9));
        assertEquals(3, differences.size(), differences.toString());
        assertEquals(
                "the constructor arguments (" + InitCodeTest.HOLDER_ARGS + " recorded, " + args + " now)",
                differences.get(0));
        assertEquals("the value (0 wei recorded, 1 gwei now)", differences.get(1));
        assertEquals("the salt (none recorded, 0x" + "00".repeat(31) + "2a now)", differences.get(2));
        assertTrue(recorded.differences(init, null, BigInteger.ZERO).isEmpty());
        assertTrue(recorded.differences(
                        InitCode.of(changed, Map.of(), InitCodeTest.HOLDER_ARGS, null), null, BigInteger.ZERO)
                .get(0)
                .startsWith("the bytecode (keccak256 " + init.bytecodeHash() + " recorded, 0x"));
    }

    @Test
    void namesMustBeFileNames() {
        DeploymentLedger ledger = new DeploymentLedger(new LocalStateStore(dir.resolve("journal"), dir));
        for (String bad : List.of("", "../up", "a/b", "x.json", " ", "-x")) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> ledger.location(1, bad), bad);
            assertEquals("deploymentName", e.getParameter());
        }
        assertEquals(dir.resolve("1/token-v2.1_x.json").toString(), ledger.location(1, "token-v2.1_x"));
    }

    @Test
    void aDamagedRecordIsReportedWithItsPath() throws IOException {
        Path file = dir.resolve("31337/holder.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"address\": ");
        DeploymentLedger ledger = new DeploymentLedger(new LocalStateStore(dir.resolve("journal"), dir));
        StateStoreException e = assertThrows(StateStoreException.class, () -> ledger.read(31337, "holder"));
        assertTrue(
                e.getMessage().startsWith("The state record " + file + " does not parse as a record of this plugin"),
                e.getMessage());
        Files.writeString(file, "{\"chainId\": 1, \"address\": \"0x5FbDB2315678afecb367f032d93F642f64180aa3\"}");
        StateStoreException other = assertThrows(StateStoreException.class, () -> ledger.read(31337, "holder"));
        assertTrue(other.getMessage().endsWith("repair it or remove it to deploy again"), other.getMessage());
        Files.writeString(file, "{\"schema\": 3, \"chainId\": 31337}");
        StateStoreException newer = assertThrows(StateStoreException.class, () -> ledger.read(31337, "holder"));
        assertEquals(io.kmsethereum.core.KmsEthereumException.Fault.USER, newer.fault());
        assertTrue(newer.getMessage().contains("was written by a newer version of the plugin"), newer.getMessage());
    }

    @Test
    void aSecondContractUnderTheNameKeepsTheFirstInTheHistory() throws IOException {
        InitCode init = InitCode.of(
                ArtifactsTest.read(ArtifactFormat.FOUNDRY, "Holder"), Map.of(), InitCodeTest.HOLDER_ARGS, null);
        DeploymentLedger ledger =
                new DeploymentLedger(new LocalStateStore(dir.resolve("journal"), dir.resolve("deployments")));
        DeploymentRecord first = record(init, "0x5FbDB2315678afecb367f032d93F642f64180aa3", null);
        ledger.write(first);
        // the same contract recorded again (a concurrent run finishing the same step) stays in place
        DeploymentRecord again = ledger.write(first);
        assertEquals(1, again.generation());
        assertTrue(again.history().isEmpty());

        DeploymentRecord second = new DeploymentRecord(
                "holder",
                "Holder",
                31337,
                "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
                "0x" + "22".repeat(32),
                BigInteger.valueOf(9),
                first.deployer(),
                "0x" + "ab".repeat(32),
                List.of("1"),
                "0x01",
                "0",
                null,
                null,
                null,
                "out/Holder.sol/Holder.json",
                first.abi(),
                1,
                "2026-03-03T08:00:00Z",
                List.of());
        DeploymentRecord written = ledger.write(second);
        assertEquals(2, written.generation());
        assertEquals(1, written.history().size());
        DeploymentEntry earlier = written.history().get(0);
        assertEquals(1, earlier.generation());
        assertEquals(first.address(), earlier.address());
        assertEquals(first.transactionHash(), earlier.transactionHash());
        assertEquals(first.blockNumber(), earlier.blockNumber());
        assertEquals(first.bytecodeHash(), earlier.bytecodeHash());
        assertEquals(first.encodedConstructorArguments(), earlier.encodedConstructorArguments());
        assertEquals(first.deployedAt(), earlier.deployedAt());

        JsonNode json = Json.MAPPER.readTree(
                dir.resolve("deployments/31337/holder.json").toFile());
        assertEquals(2, json.get("schema").asInt(), "a record with history is schema 2");
        assertEquals(second.address(), json.get("address").asText(), "the current deployment stays at the top");
        assertEquals(2, json.get("generation").asInt());
        assertEquals(first.address(), json.get("history").get(0).get("address").asText());
        assertFalse(json.get("history").get(0).has("abi"), "history entries carry no ABI");
        assertEquals("2026-03-03T08:00:00Z", json.get("deployedAt").asText());

        DeploymentRecord read = ledger.read(31337, "holder").orElseThrow();
        assertEquals(written.history(), read.history());
        assertEquals(2, read.generation());
    }

    @Test
    void aRecordOfAnEarlierVersionIsTheFirstGenerationWithoutHistory() throws IOException {
        Path file = dir.resolve("31337/holder.json");
        Files.createDirectories(file.getParent());
        Files.writeString(
                file,
                "{\"schema\": 1, \"deploymentName\": \"holder\", \"chainId\": 31337,"
                        + " \"address\": \"0x5FbDB2315678afecb367f032d93F642f64180aa3\","
                        + " \"transactionHash\": \"0x" + "11".repeat(32) + "\", \"bytecodeHash\": \"0x12\","
                        + " \"encodedConstructorArguments\": \"0x\", \"value\": \"0\"}");
        DeploymentLedger ledger = new DeploymentLedger(new LocalStateStore(dir.resolve("journal"), dir));
        DeploymentRecord old = ledger.read(31337, "holder").orElseThrow();
        assertEquals(1, old.generation());
        assertTrue(old.history().isEmpty());
        assertEquals(null, old.deployedAt());
    }
}
