package io.kmsethereum.core.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.Json;
import io.kmsethereum.core.artifact.ContractArtifact;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds the verification input of a compiled contract in what the build already has:
 * <ul>
 *   <li>Foundry build-info ({@code out/build-info/*.json}, written by {@code forge build
 *       --build-info} or {@code build_info = true} in {@code foundry.toml}): {@code input} and
 *       {@code solcLongVersion}, format {@code ethers-rs-sol-build-info-1};</li>
 *   <li>Hardhat build-info ({@code artifacts/build-info/*.json}, format
 *       {@code hh-sol-build-info-1}), named by the artifact's {@code <Name>.dbg.json} or found by
 *       search;</li>
 *   <li>a solc standard-JSON input file with the compiler version given beside it.</li>
 * </ul>
 * Without an explicit file, the {@code build-info} directory is looked for beside the artifact's
 * directory and up to three levels above it. Of several build-info files, the one whose output
 * holds the artifact's creation bytecode for the same source and name wins (the newest when
 * several do); a build-info without output is taken when its input holds the source.
 */
public final class VerificationInputs {
    private static final String BUILD_INFO = "buildInfo";
    private static final Pattern LONG_VERSION =
            Pattern.compile("v?\\d+\\.\\d+\\.\\d+(-[0-9A-Za-z.]+)?\\+commit\\.[0-9a-f]{8}.*");
    private static final int LEVELS_UP = 4;

    private VerificationInputs() {}

    /**
     * The input of a contract from build-info.
     *
     * @param contract the deployed contract's artifact (its source path and name, its bytecode)
     * @param buildInfo a build-info file or a directory of them, or {@code null} to look beside
     *     the artifact
     * @return the input
     * @throws InvalidInputException ({@code buildInfo}) when no build-info holds the contract,
     *     saying how Foundry and Hardhat write it; ({@code contractName}) when the artifact does
     *     not say the contract's source file
     */
    public static VerificationInput fromBuildInfo(ContractArtifact contract, Path buildInfo) {
        String source = requireSource(contract);
        List<Path> candidates = new ArrayList<>();
        List<Path> searched = new ArrayList<>();
        if (buildInfo != null) {
            if (Files.isRegularFile(buildInfo)) {
                candidates.add(buildInfo);
            } else if (Files.isDirectory(buildInfo)) {
                candidates.addAll(jsonFiles(buildInfo));
            } else {
                throw new InvalidInputException(
                        BUILD_INFO, "file or directory " + buildInfo + " does not exist; build with build-info first");
            }
            searched.add(buildInfo);
        } else {
            Path named = hardhatDebugFile(contract);
            if (named != null) {
                candidates.add(named);
            }
            Path dir = contract.file().toAbsolutePath().getParent();
            for (int i = 0; i < LEVELS_UP && dir != null; i++, dir = dir.getParent()) {
                Path candidate = dir.resolve("build-info");
                if (Files.isDirectory(candidate)) {
                    candidates.addAll(jsonFiles(candidate));
                    searched.add(candidate);
                }
            }
        }
        JsonNode byInput = null;
        Path byInputFile = null;
        for (Path file : candidates) {
            JsonNode root = readBuildInfo(file);
            if (root == null) {
                continue;
            }
            JsonNode output = root.path("output").path("contracts").path(source).path(contract.name());
            if (!output.isMissingNode()) {
                String compiled =
                        strip(output.path("evm").path("bytecode").path("object").asText(""));
                if (compiled.isEmpty() || compiled.equalsIgnoreCase(contract.bytecode())) {
                    return input(root, file, source, contract.name());
                }
                continue; // the same contract compiled otherwise (another profile or an older build)
            }
            if (byInput == null
                    && root.path("output").path("contracts").isMissingNode()
                    && root.path("input").path("sources").has(source)) {
                byInput = root;
                byInputFile = file;
            }
        }
        if (byInput != null) {
            return input(byInput, byInputFile, source, contract.name());
        }
        throw new InvalidInputException(
                BUILD_INFO,
                "no build-info holds " + source + ":" + contract.name() + " as compiled into " + contract.file()
                        + (searched.isEmpty()
                                ? " (there is no build-info directory beside it)"
                                : " (searched " + searched + ")")
                        + ". Source verification needs the compiler's standard-JSON input: with Foundry build with"
                        + " 'forge build --build-info' (or build_info = true in foundry.toml), which writes"
                        + " out/build-info/; Hardhat writes artifacts/build-info/ on every compile (run 'npx hardhat"
                        + " compile --force' if it is missing). Or set buildInfo to the file, or standardJsonInput"
                        + " and compilerVersion");
    }

    /**
     * The input of a contract from a solc standard-JSON input file.
     *
     * @param contract the deployed contract's artifact (its source path and name)
     * @param file the standard-JSON input file ({@code language}, {@code sources}, {@code settings})
     * @param compilerVersion the full compiler version, e.g. {@code 0.8.28+commit.7893614a} (a
     *     leading {@code v} is dropped)
     * @return the input
     * @throws InvalidInputException ({@code standardJsonInput}) if the file is missing, not JSON,
     *     not a standard-JSON input or lacks the contract's source; ({@code compilerVersion}) if
     *     the version is missing or lacks the commit
     */
    public static VerificationInput fromStandardJson(ContractArtifact contract, Path file, String compilerVersion) {
        String version = checkVersion(compilerVersion);
        String source = requireSource(contract);
        if (file == null || !Files.isRegularFile(file)) {
            throw new InvalidInputException(
                    "standardJsonInput", "file " + file + " does not exist; point it at the solc standard-JSON input");
        }
        JsonNode root = parse(file, "standardJsonInput");
        if (!root.path("sources").isObject() || !root.has("language")) {
            throw new InvalidInputException(
                    "standardJsonInput",
                    file + " is not a solc standard-JSON input (it needs language and sources); a Foundry or"
                            + " Hardhat build-info goes into buildInfo instead");
        }
        if (!root.path("sources").has(source)) {
            throw new InvalidInputException(
                    "standardJsonInput", file + " has no source " + source + ", where " + contract.name() + " is");
        }
        return new VerificationInput(compilerInput(root), version, source + ":" + contract.name(), file.toString());
    }

    /**
     * @param compilerVersion as configured: {@code 0.8.28+commit.7893614a} or
     *     {@code v0.8.28+commit.7893614a}
     * @return the version without {@code v}
     * @throws InvalidInputException ({@code compilerVersion}) unless it is a full version with
     *     the commit
     */
    public static String checkVersion(String compilerVersion) {
        String trimmed = compilerVersion == null ? "" : compilerVersion.trim();
        if (!LONG_VERSION.matcher(trimmed).matches()) {
            throw new InvalidInputException(
                    "compilerVersion",
                    "'" + trimmed + "' is not a full solc version; write it with the commit, as 'solc --version'"
                            + " prints it, e.g. 0.8.28+commit.7893614a");
        }
        return trimmed.startsWith("v") ? trimmed.substring(1) : trimmed;
    }

    private static VerificationInput input(JsonNode root, Path file, String source, String name) {
        String version = root.path("solcLongVersion").asText("");
        if (!version.contains("+commit.")) {
            // forge writes solcLongVersion without the commit; the contract's metadata has it
            version = metadataVersion(
                    root.path("output").path("contracts").path(source).path(name));
        }
        if (version.isEmpty()) {
            throw new InvalidInputException(
                    BUILD_INFO,
                    file + " has no full compiler version (solcLongVersion with the commit, or the contract's"
                            + " metadata); build again with a current Foundry or Hardhat");
        }
        return new VerificationInput(
                compilerInput(root.get("input")), checkVersion(version), source + ":" + name, file.toString());
    }

    /**
     * The standard-JSON input as solc takes it: {@code language}, {@code sources} and
     * {@code settings}. Build tools add keys of their own (forge: {@code version},
     * {@code allowPaths}, {@code basePath}, {@code includePaths}), which solc refuses
     * ({@code Unknown key "allowPaths"}), so a verifier that recompiles would fail on them.
     */
    static JsonNode compilerInput(JsonNode input) {
        com.fasterxml.jackson.databind.node.ObjectNode clean = Json.MAPPER.createObjectNode();
        for (String key : List.of("language", "sources", "settings")) {
            if (input.has(key)) {
                clean.set(key, input.get(key));
            }
        }
        return clean;
    }

    private static String metadataVersion(JsonNode contract) {
        JsonNode metadata = contract.path("metadata");
        if (metadata.isTextual()) {
            try {
                metadata = Json.MAPPER.readTree(metadata.asText());
            } catch (JsonProcessingException e) {
                return "";
            }
        }
        String version = metadata.path("compiler").path("version").asText("");
        return version.contains("+commit.") ? version : "";
    }

    private static String requireSource(ContractArtifact contract) {
        if (contract.sourceName() == null || contract.sourceName().isBlank()) {
            throw new InvalidInputException(
                    "contractName",
                    contract.describe() + " does not say which source file holds " + contract.name()
                            + ", which verification needs; deploy from a Foundry or Hardhat artifact or solc"
                            + " standard-JSON output, or write contractName fully qualified (path:Name)");
        }
        return contract.sourceName();
    }

    private static Path hardhatDebugFile(ContractArtifact contract) {
        Path file = contract.file();
        String name = file.getFileName().toString();
        if (!name.toLowerCase(Locale.ROOT).endsWith(".json")) {
            return null;
        }
        Path dbg = file.resolveSibling(name.substring(0, name.length() - 5) + ".dbg.json");
        if (!Files.isRegularFile(dbg)) {
            return null;
        }
        JsonNode root = parse(dbg, BUILD_INFO);
        String relative = root.path("buildInfo").asText("");
        if (relative.isEmpty()) {
            return null;
        }
        Path target = dbg.getParent().resolve(relative).normalize();
        return Files.isRegularFile(target) ? target : null;
    }

    /** A build-info file, or {@code null} when the JSON file is something else. */
    private static JsonNode readBuildInfo(Path file) {
        JsonNode root = parse(file, BUILD_INFO);
        if (!root.path("input").path("sources").isObject()) {
            return null;
        }
        return root;
    }

    private static List<Path> jsonFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .filter(f -> !f.getFileName().toString().endsWith(".output.json"))
                    .sorted(Comparator.comparing(VerificationInputs::modified).reversed())
                    .toList();
        } catch (IOException e) {
            throw new InvalidInputException(BUILD_INFO, "cannot list " + dir + ": " + e.getMessage());
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static JsonNode parse(Path file, String parameter) {
        try {
            return Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(parameter, file + " is not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new InvalidInputException(parameter, "cannot read " + file + ": " + e.getMessage());
        }
    }

    private static String strip(String hex) {
        return hex.startsWith("0x") ? hex.substring(2) : hex;
    }
}
