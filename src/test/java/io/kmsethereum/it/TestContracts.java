package io.kmsethereum.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Compiles the test contracts ({@code src/test/resources/contracts/*.sol}) with solcjs from the
 * npm registry and writes them in every artifact format the plugin reads:
 * <ul>
 *   <li>{@code standard-json/output.json}: solc standard-JSON output, as solcjs wrote it</li>
 *   <li>{@code bin/<File>_sol_<Name>.bin} and {@code .abi}: {@code solcjs --bin --abi} output</li>
 *   <li>{@code combined.json}: the shape of {@code solc --combined-json abi,bin} (solcjs has no
 *       {@code --combined-json}; this is built from the standard-JSON output)</li>
 *   <li>{@code foundry/out/<File>.sol/<Name>.json}: the shape {@code forge build} writes</li>
 *   <li>{@code hardhat/artifacts/<File>.sol/<Name>.json}: the shape {@code hardhat compile} writes</li>
 * </ul>
 * The last three are derived here because forge, hardhat and native solc cannot fetch their
 * compilers without general internet access; they carry exactly the fields those tools write
 * for ABI, bytecode and link references.
 *
 * <p>Used by the ITs (compiled once per build into {@code target/it-contracts}) and, through
 * {@link #main}, to regenerate the unit-test fixtures in {@code src/test/resources/artifacts}.
 */
public final class TestContracts {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TestContracts() {}

    /**
     * Regenerates fixtures: {@code TestContracts <solcjs> <sourcesDir> <outDir> [File.sol ...]}.
     *
     * @param args solcjs path, sources directory, output directory, optional source file names
     */
    public static void main(String[] args) {
        List<String> files = args.length > 3 ? List.of(args).subList(3, args.length) : null;
        compile(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), files);
    }

    /**
     * Compiles when {@code outDir} does not hold the output of these very sources yet.
     *
     * @param solcjs the solcjs executable
     * @param sourcesDir directory with {@code *.sol}
     * @param outDir where the formats go
     * @param files source file names to compile, or {@code null} for all
     * @return {@code outDir}
     */
    public static synchronized Path compile(Path solcjs, Path sourcesDir, Path outDir, List<String> files) {
        try {
            List<Path> sources = new ArrayList<>();
            try (Stream<Path> list = Files.list(sourcesDir)) {
                list.filter(p -> p.toString().endsWith(".sol"))
                        .filter(p ->
                                files == null || files.contains(p.getFileName().toString()))
                        .sorted()
                        .forEach(sources::add);
            }
            String fingerprint = fingerprint(sources);
            Path stamp = outDir.resolve(".sources.sha256");
            if (Files.exists(stamp) && Files.readString(stamp).equals(fingerprint)) {
                return outDir;
            }
            Files.createDirectories(outDir);
            JsonNode output = standardJson(solcjs, sources, outDir);
            String version = Processes.run(List.of(solcjs.toString(), "--version"), Map.of())
                    .replace(".Emscripten.clang", "");
            writeCombined(output, version, outDir.resolve("combined.json"));
            writeFoundryAndHardhat(output, outDir);
            List<String> command = new ArrayList<>(List.of(
                    solcjs.toString(),
                    "--bin",
                    "--abi",
                    "-o",
                    outDir.resolve("bin").toString(),
                    "--base-path",
                    sourcesDir.toString()));
            sources.forEach(p -> command.add(p.toString()));
            Processes.run(command, Map.of());
            Files.writeString(stamp, fingerprint);
            return outDir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode standardJson(Path solcjs, List<Path> sources, Path outDir) throws IOException {
        ObjectNode input = JSON.createObjectNode();
        input.put("language", "Solidity");
        ObjectNode sourceNodes = input.putObject("sources");
        for (Path source : sources) {
            sourceNodes.putObject(source.getFileName().toString()).put("content", Files.readString(source));
        }
        ArrayNode selection = input.putObject("settings")
                .putObject("outputSelection")
                .putObject("*")
                .putArray("*");
        for (String field : List.of(
                "abi",
                "evm.bytecode.object",
                "evm.bytecode.linkReferences",
                "evm.deployedBytecode.object",
                "evm.deployedBytecode.linkReferences",
                "evm.methodIdentifiers")) {
            selection.add(field);
        }
        Path inputFile = outDir.resolve("standard-json/input.json");
        Files.createDirectories(inputFile.getParent());
        JSON.writeValue(inputFile.toFile(), input);
        String stdout = Processes.run(List.of(solcjs.toString(), "--standard-json"), Map.of(), inputFile.toFile());
        // solcjs prints notes (">>> Cannot retry compilation with SMT ...") before the JSON
        JsonNode output = JSON.readTree(stdout.substring(stdout.indexOf('{')));
        for (JsonNode error : output.path("errors")) {
            if ("error".equals(error.path("severity").asText())) {
                throw new IllegalStateException(
                        "solcjs failed: " + error.path("formattedMessage").asText());
            }
        }
        ((ObjectNode) output).remove("errors");
        ((ObjectNode) output).remove("sources");
        JSON.writeValue(outDir.resolve("standard-json/output.json").toFile(), output);
        return output;
    }

    private static void writeCombined(JsonNode output, String version, Path file) throws IOException {
        ObjectNode combined = JSON.createObjectNode();
        ObjectNode contracts = combined.putObject("contracts");
        output.get("contracts")
                .fields()
                .forEachRemaining(source -> source.getValue().fields().forEachRemaining(c -> {
                    ObjectNode entry = contracts.putObject(source.getKey() + ":" + c.getKey());
                    entry.set("abi", c.getValue().get("abi"));
                    entry.put(
                            "bin",
                            c.getValue()
                                    .path("evm")
                                    .path("bytecode")
                                    .path("object")
                                    .asText());
                }));
        combined.put("version", version);
        JSON.writeValue(file.toFile(), combined);
    }

    private static void writeFoundryAndHardhat(JsonNode output, Path outDir) throws IOException {
        for (var source : iterable(output.get("contracts"))) {
            for (var c : iterable(source.getValue())) {
                String name = c.getKey();
                JsonNode evm = c.getValue().path("evm");
                ObjectNode foundry = JSON.createObjectNode();
                foundry.set("abi", c.getValue().get("abi"));
                foundry.set("bytecode", bytecodeObject(evm.path("bytecode")));
                foundry.set("deployedBytecode", bytecodeObject(evm.path("deployedBytecode")));
                foundry.set("methodIdentifiers", evm.path("methodIdentifiers"));
                foundry.putObject("metadata")
                        .putObject("settings")
                        .putObject("compilationTarget")
                        .put(source.getKey(), name);
                Path foundryFile =
                        outDir.resolve("foundry/out").resolve(source.getKey()).resolve(name + ".json");
                Files.createDirectories(foundryFile.getParent());
                JSON.writeValue(foundryFile.toFile(), foundry);

                ObjectNode hardhat = JSON.createObjectNode();
                hardhat.put("_format", "hh-sol-artifact-1");
                hardhat.put("contractName", name);
                hardhat.put("sourceName", source.getKey());
                hardhat.set("abi", c.getValue().get("abi"));
                hardhat.put(
                        "bytecode", "0x" + evm.path("bytecode").path("object").asText());
                hardhat.put(
                        "deployedBytecode",
                        "0x" + evm.path("deployedBytecode").path("object").asText());
                hardhat.set("linkReferences", evm.path("bytecode").path("linkReferences"));
                hardhat.set(
                        "deployedLinkReferences", evm.path("deployedBytecode").path("linkReferences"));
                Path hardhatFile = outDir.resolve("hardhat/artifacts")
                        .resolve(source.getKey())
                        .resolve(name + ".json");
                Files.createDirectories(hardhatFile.getParent());
                JSON.writeValue(hardhatFile.toFile(), hardhat);
            }
        }
    }

    private static ObjectNode bytecodeObject(JsonNode bytecode) {
        ObjectNode node = JSON.createObjectNode();
        node.put("object", "0x" + bytecode.path("object").asText());
        node.set("linkReferences", bytecode.path("linkReferences"));
        return node;
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }

    private static String fingerprint(List<Path> sources) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Path source : sources) {
                digest.update(source.getFileName().toString().getBytes(StandardCharsets.UTF_8));
                digest.update(Files.readAllBytes(source));
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
