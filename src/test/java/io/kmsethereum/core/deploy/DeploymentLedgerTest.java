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
                init.contract().abiJson());
    }

    @Test
    void aRecordIsWrittenUnderChainIdAndNameAndReadBack() throws IOException {
        InitCode init = InitCode.of(
                ArtifactsTest.read(ArtifactFormat.FOUNDRY, "Holder"), Map.of(), InitCodeTest.HOLDER_ARGS, null);
        DeploymentLedger ledger =
                new DeploymentLedger(new LocalStateStore(dir.resolve("journal"), dir.resolve("deployments")));
        DeploymentRecord written = record(init, "0x5FbDB2315678afecb367f032d93F642f64180aa3", null);
        Path file = Path.of(ledger.write(written));
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
        assertTrue(json.get("abi").isArray());
        assertFalse(json.has("salt"), "no salt for a plain creation");

        DeploymentRecord read = ledger.read(31337, "holder").orElseThrow();
        assertEquals(written.address(), read.address());
        assertEquals(written.constructorArguments(), read.constructorArguments());
        assertEquals(written.abi(), read.abi());
        assertTrue(read.sameDeployment(init, null));
        assertFalse(read.sameDeployment(init, "0x" + "00".repeat(32)), "CREATE2 is another deployment");
        assertTrue(ledger.read(1, "holder").isEmpty(), "other chains have their own directory");
    }

    @Test
    void otherArgumentsOrBytecodeAreAnotherDeployment() {
        ContractArtifact holder = ArtifactsTest.read(ArtifactFormat.FOUNDRY, "Holder");
        InitCode init = InitCode.of(holder, Map.of(), InitCodeTest.HOLDER_ARGS, null);
        DeploymentRecord recorded = record(init, "0x5FbDB2315678afecb367f032d93F642f64180aa3", null);
        List<String> args = new java.util.ArrayList<>(InitCodeTest.HOLDER_ARGS);
        args.set(1, "2");
        assertFalse(recorded.sameDeployment(InitCode.of(holder, Map.of(), args, null), null));
        // the same value spelt differently encodes the same, so it is the same deployment
        args.set(1, "0xde0b6b3a7640000");
        assertTrue(recorded.sameDeployment(InitCode.of(holder, Map.of(), args, null), null));
        ContractArtifact changed = new ContractArtifact(
                holder.name(),
                holder.sourceName(),
                holder.format(),
                holder.file(),
                holder.abi(),
                holder.abiJson(),
                holder.bytecode() + "00",
                holder.linkReferences());
        assertFalse(recorded.sameDeployment(InitCode.of(changed, Map.of(), InitCodeTest.HOLDER_ARGS, null), null));
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
        Files.writeString(file, "{\"schema\": 2, \"chainId\": 31337}");
        StateStoreException newer = assertThrows(StateStoreException.class, () -> ledger.read(31337, "holder"));
        assertEquals(io.kmsethereum.core.KmsEthereumException.Fault.USER, newer.fault());
        assertTrue(newer.getMessage().contains("was written by a newer version of the plugin"), newer.getMessage());
    }
}
