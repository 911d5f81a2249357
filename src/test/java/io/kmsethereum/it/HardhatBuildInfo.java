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
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes what {@code npx hardhat compile} (Hardhat 2) leaves in a Hardhat project, from npm solc
 * (solcjs) output, because Hardhat itself downloads its compilers and cannot run here:
 * <ul>
 *   <li>{@code artifacts/build-info/<id>.json}: {@code _format} {@code hh-sol-build-info-1},
 *       {@code id}, {@code solcVersion} ({@code 0.8.28}), {@code solcLongVersion}
 *       ({@code 0.8.28+commit.7893614a}), {@code input} (the solc standard-JSON input, sources
 *       keyed {@code contracts/<File>.sol}) and {@code output} (solc's output)</li>
 *   <li>{@code artifacts/contracts/<File>.sol/<Name>.json}: {@code _format}
 *       {@code hh-sol-artifact-1}, {@code contractName}, {@code sourceName}, {@code abi},
 *       {@code bytecode}, {@code deployedBytecode}, {@code linkReferences},
 *       {@code deployedLinkReferences}</li>
 *   <li>{@code artifacts/contracts/<File>.sol/<Name>.dbg.json}: {@code _format}
 *       {@code hh-sol-dbg-1} and {@code buildInfo}, the build-info file relative to it</li>
 * </ul>
 * The input uses Hardhat's default output selection and the given optimizer settings, with
 * {@code evmVersion} {@code paris}. The id is, as Hardhat makes it, an MD5 hex digest of the
 * format, versions and input, so the files are deterministic. Generated at IT time (nothing of
 * it is committed): {@link #write} from a test, or {@link #main} by hand.
 */
public final class HardhatBuildInfo {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private HardhatBuildInfo() {}

    /**
     * {@code HardhatBuildInfo <solcjs> <projectDir> [runs]}: compiles {@code contracts/**.sol} of
     * a Hardhat-layout project (optimizer on with {@code runs}, or off without it).
     *
     * @param args solcjs path, project directory, optional optimizer runs
     */
    public static void main(String[] args) {
        Integer runs = args.length > 2 ? Integer.valueOf(args[2]) : null;
        System.out.println(write(Path.of(args[0]), Path.of(args[1]), runs));
    }

    /**
     * Compiles every {@code .sol} under {@code <projectDir>/contracts} in one solc run and writes
     * the build-info file and the artifacts of every contract.
     *
     * @param solcjs the solcjs executable (npm solc)
     * @param projectDir a Hardhat-layout project
     * @param optimizerRuns optimizer runs, or {@code null} for the optimizer off (Hardhat's default)
     * @return the build-info file written
     * @throws IllegalStateException if solc reports an error
     */
    public static Path write(Path solcjs, Path projectDir, Integer optimizerRuns) {
        try {
            ObjectNode input = input(projectDir, optimizerRuns);
            Path artifacts = projectDir.resolve("artifacts");
            Path inputFile = Files.createTempFile("hardhat-input", ".json");
            JSON.writeValue(inputFile.toFile(), input);
            String stdout = Processes.run(List.of(solcjs.toString(), "--standard-json"), Map.of(), inputFile.toFile());
            Files.delete(inputFile);
            // solcjs may print notes before the JSON
            JsonNode output = JSON.readTree(stdout.substring(stdout.indexOf('{')));
            for (JsonNode error : output.path("errors")) {
                if ("error".equals(error.path("severity").asText())) {
                    throw new IllegalStateException(
                            "solcjs failed: " + error.path("formattedMessage").asText());
                }
            }
            String longVersion = Processes.run(List.of(solcjs.toString(), "--version"), Map.of())
                    .replace(".Emscripten.clang", "");
            String shortVersion = longVersion.replaceFirst("\\+.*", "");

            ObjectNode identity = JSON.createObjectNode();
            identity.put("_format", "hh-sol-build-info-1");
            identity.put("solcVersion", shortVersion);
            identity.put("solcLongVersion", longVersion);
            identity.set("input", input);
            String id = md5(JSON.writeValueAsString(identity));
            ObjectNode buildInfo = JSON.createObjectNode();
            buildInfo.put("_format", "hh-sol-build-info-1");
            buildInfo.put("id", id);
            buildInfo.put("solcVersion", shortVersion);
            buildInfo.put("solcLongVersion", longVersion);
            buildInfo.set("input", input);
            buildInfo.set("output", output);
            Path buildInfoFile = artifacts.resolve("build-info").resolve(id + ".json");
            Files.createDirectories(buildInfoFile.getParent());
            JSON.writeValue(buildInfoFile.toFile(), buildInfo);

            for (var source : iterable(output.path("contracts"))) {
                for (var contract : iterable(source.getValue())) {
                    writeArtifact(artifacts, source.getKey(), contract.getKey(), contract.getValue(), buildInfoFile);
                }
            }
            return buildInfoFile;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode input(Path projectDir, Integer optimizerRuns) throws IOException {
        ObjectNode input = JSON.createObjectNode();
        input.put("language", "Solidity");
        ObjectNode sources = input.putObject("sources");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(projectDir.resolve("contracts"))) {
            files = walk.filter(p -> p.toString().endsWith(".sol")).sorted().toList();
        }
        for (Path file : files) {
            String name = projectDir.relativize(file).toString().replace('\\', '/');
            sources.putObject(name).put("content", Files.readString(file, StandardCharsets.UTF_8));
        }
        ObjectNode settings = input.putObject("settings");
        settings.putObject("optimizer")
                .put("enabled", optimizerRuns != null)
                .put("runs", optimizerRuns != null ? optimizerRuns : 200);
        settings.put("evmVersion", "paris");
        ObjectNode all = settings.putObject("outputSelection").putObject("*");
        ArrayNode perContract = all.putArray("*");
        for (String field :
                List.of("abi", "evm.bytecode", "evm.deployedBytecode", "evm.methodIdentifiers", "metadata")) {
            perContract.add(field);
        }
        all.putArray("").add("ast");
        return input;
    }

    private static void writeArtifact(Path artifacts, String sourceName, String name, JsonNode c, Path buildInfoFile)
            throws IOException {
        JsonNode evm = c.path("evm");
        ObjectNode artifact = JSON.createObjectNode();
        artifact.put("_format", "hh-sol-artifact-1");
        artifact.put("contractName", name);
        artifact.put("sourceName", sourceName);
        artifact.set("abi", c.path("abi"));
        artifact.put("bytecode", "0x" + evm.path("bytecode").path("object").asText());
        artifact.put(
                "deployedBytecode",
                "0x" + evm.path("deployedBytecode").path("object").asText());
        artifact.set("linkReferences", evm.path("bytecode").path("linkReferences"));
        artifact.set("deployedLinkReferences", evm.path("deployedBytecode").path("linkReferences"));
        Path dir = artifacts.resolve(sourceName);
        Files.createDirectories(dir);
        PRETTY.writeValue(dir.resolve(name + ".json").toFile(), artifact);
        ObjectNode dbg = JSON.createObjectNode();
        dbg.put("_format", "hh-sol-dbg-1");
        dbg.put("buildInfo", dir.relativize(buildInfoFile).toString().replace('\\', '/'));
        PRETTY.writeValue(dir.resolve(name + ".dbg.json").toFile(), dbg);
    }

    private static String md5(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        return node::fields;
    }
}
