package io.kmsethereum.core.artifact;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.web3j.crypto.Hash;
import org.web3j.protocol.ObjectMapperFactory;
import org.web3j.protocol.core.methods.response.AbiDefinition;
import org.web3j.utils.Numeric;

/**
 * Reads contracts (ABI and creation bytecode) from the usual compiler outputs; see
 * {@link ArtifactFormat} for the shapes. The format is recognised from the file name and the
 * JSON fields, never configured.
 *
 * <p>Library placeholders are reported as {@link LinkReference}s: from the artifact's
 * {@code linkReferences} where it has them (Foundry, Hardhat, standard JSON), otherwise by
 * scanning the bytecode for solc's placeholders and matching their hashes against the contract
 * names the file (or, for {@code .bin}, its directory) holds.
 */
public final class Artifacts {
    private static final String PARAMETER = "artifact";
    private static final Pattern PLACEHOLDER = Pattern.compile("__\\$([0-9a-fA-F]{34})\\$__");
    private static final Pattern LINKER_COMMENT =
            Pattern.compile("//\\s*(__\\$[0-9a-fA-F]{34}\\$__|\\$[0-9a-fA-F]{34}\\$)\\s*->\\s*(\\S+)");
    private static final int PLACEHOLDER_LENGTH = 40;

    private Artifacts() {}

    /**
     * Reads one contract.
     *
     * @param file the artifact file
     * @param contractName the contract to take: its name ({@code Holder}) or fully qualified
     *     name ({@code src/Holder.sol:Holder}); may be {@code null} when the file holds one
     * @return the contract
     * @throws InvalidInputException if the file is missing or not an artifact ({@code artifact}),
     *     or the name is missing, unknown or ambiguous ({@code contractName}; the message lists
     *     the contracts the file holds)
     */
    public static ContractArtifact read(Path file, String contractName) {
        return select(readAll(file), contractName, file);
    }

    /**
     * Reads every contract a file holds.
     *
     * @param file the artifact file
     * @return the contracts, in file order (at least one)
     * @throws InvalidInputException if the file is missing, unreadable or not an artifact
     */
    public static List<ContractArtifact> readAll(Path file) {
        if (file == null) {
            throw new InvalidInputException(
                    PARAMETER, "is required: the compiled contract, e.g. out/Holder.sol/Holder.json (Foundry)");
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(
                    PARAMETER,
                    "file " + file + " does not exist"
                            + (Files.isDirectory(file)
                                    ? " (it is a directory; name the artifact file inside it)"
                                    : "; compile the contracts first or fix the path"));
        }
        String fileName = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (fileName.endsWith(".bin")) {
            return List.of(readBin(file, sibling(file, ".abi")));
        }
        if (fileName.endsWith(".abi") && Files.isRegularFile(sibling(file, ".bin"))) {
            return List.of(readBin(sibling(file, ".bin"), file));
        }
        List<ContractArtifact> contracts = readJson(file, parse(file));
        if (contracts.isEmpty()) {
            throw new InvalidInputException(PARAMETER, file + " holds no contracts");
        }
        return contracts;
    }

    /**
     * Picks one contract by name.
     *
     * @param contracts what a file holds
     * @param contractName simple or fully qualified name, or {@code null}
     * @param file the file, for messages
     * @return the one contract
     * @throws InvalidInputException ({@code contractName}) listing the available names when the
     *     name is missing, unknown or ambiguous
     */
    public static ContractArtifact select(List<ContractArtifact> contracts, String contractName, Path file) {
        String wanted = contractName == null || contractName.isBlank() ? null : contractName.trim();
        if (wanted == null) {
            if (contracts.size() == 1) {
                return contracts.get(0);
            }
            throw new InvalidInputException(
                    "contractName",
                    "is required: " + file + " holds " + contracts.size() + " contracts: " + names(contracts)
                            + ". Set contractName to one of them");
        }
        List<ContractArtifact> matches =
                contracts.stream().filter(c -> c.qualifiedName().equals(wanted)).collect(Collectors.toList());
        if (matches.isEmpty()) {
            matches = contracts.stream().filter(c -> c.name().equals(wanted)).collect(Collectors.toList());
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.isEmpty()) {
            throw new InvalidInputException(
                    "contractName", "'" + wanted + "' is not in " + file + "; it holds: " + names(contracts));
        }
        throw new InvalidInputException(
                "contractName",
                "'" + wanted + "' is ambiguous in " + file + ": " + names(matches)
                        + ". Write the fully qualified name (source path, colon, name)");
    }

    private static String names(List<ContractArtifact> contracts) {
        long distinct =
                contracts.stream().map(ContractArtifact::name).distinct().count();
        return contracts.stream()
                .map(c -> distinct == contracts.size() ? c.name() : c.qualifiedName())
                .collect(Collectors.joining(", "));
    }

    // ------------------------------------------------------------------ JSON formats

    private static JsonNode parse(Path file) {
        String text = readText(file);
        try {
            return Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(
                    PARAMETER,
                    file + " is not JSON (" + e.getOriginalMessage()
                            + "); expected a Foundry or Hardhat artifact, solc JSON output, or a .bin file");
        }
    }

    private static List<ContractArtifact> readJson(Path file, JsonNode root) {
        if (root != null
                && root.isObject()
                && root.path("output").path("contracts").isObject()) {
            root = root.get("output"); // Hardhat build-info: {_format, input, output}
        }
        if (root == null || root.isArray()) {
            throw new InvalidInputException(
                    PARAMETER,
                    file + " holds only an ABI, without bytecode; point artifact at the"
                            + " .bin file next to it (with this file as <name>.abi) or at the full compiler artifact");
        }
        if (root.path("contracts").isObject()) {
            return isCombinedJson(root.get("contracts")) ? readCombined(file, root) : readStandard(file, root);
        }
        if (root.has("abi") && root.has("bytecode")) {
            JsonNode bytecode = root.get("bytecode");
            if (bytecode.isObject()) {
                return List.of(readFoundry(file, root));
            }
            return List.of(readHardhat(file, root));
        }
        if (root.has("language") && root.has("sources")) {
            throw new InvalidInputException(
                    PARAMETER, file + " is solc standard-JSON input; compile it and point artifact at the output");
        }
        throw new InvalidInputException(
                PARAMETER,
                file + " is not a contract artifact: expected a Foundry artifact"
                        + " (out/X.sol/X.json), a Hardhat artifact, solc --combined-json abi,bin output, solc standard-JSON"
                        + " output, or a .bin file with a sibling .abi");
    }

    private static boolean isCombinedJson(JsonNode contracts) {
        Iterator<Map.Entry<String, JsonNode>> it = contracts.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode value = entry.getValue();
            if (value.has("bin") || value.has("abi") && !value.get("abi").isObject()) {
                return true;
            }
        }
        return false;
    }

    private static ContractArtifact readFoundry(Path file, JsonNode root) {
        String name = baseName(file, ".json");
        String source = null;
        JsonNode target = root.path("metadata").path("settings").path("compilationTarget");
        if (target.isObject() && target.size() == 1) {
            Map.Entry<String, JsonNode> entry = target.fields().next();
            source = entry.getKey();
            name = entry.getValue().asText(name);
        }
        JsonNode bytecode = root.get("bytecode");
        String hex = hex(bytecode.path("object").asText(""));
        return contract(
                name,
                source,
                ArtifactFormat.FOUNDRY,
                file,
                root.get("abi"),
                hex,
                linkReferences(bytecode.get("linkReferences"), hex));
    }

    private static ContractArtifact readHardhat(Path file, JsonNode root) {
        String name = root.hasNonNull("contractName") ? root.get("contractName").asText() : baseName(file, ".json");
        String source = root.hasNonNull("sourceName") ? root.get("sourceName").asText() : null;
        String hex = hex(root.get("bytecode").asText(""));
        List<LinkReference> links = root.has("linkReferences")
                ? linkReferences(root.get("linkReferences"), hex)
                : scanPlaceholders(hex, Map.of());
        return contract(name, source, ArtifactFormat.HARDHAT, file, root.get("abi"), hex, links);
    }

    private static List<ContractArtifact> readCombined(Path file, JsonNode root) {
        Map<String, String> known = new LinkedHashMap<>();
        root.get("contracts").fieldNames().forEachRemaining(key -> known.put(placeholderHash(key), key));
        List<ContractArtifact> result = new ArrayList<>();
        root.get("contracts").fields().forEachRemaining(entry -> {
            String key = entry.getKey();
            int colon = key.lastIndexOf(':');
            String source = colon < 0 ? null : key.substring(0, colon);
            String name = key.substring(colon + 1);
            String hex = hex(entry.getValue().path("bin").asText(""));
            result.add(contract(
                    name,
                    source,
                    ArtifactFormat.SOLC_COMBINED_JSON,
                    file,
                    entry.getValue().get("abi"),
                    hex,
                    scanPlaceholders(hex, known)));
        });
        return result;
    }

    private static List<ContractArtifact> readStandard(Path file, JsonNode root) {
        List<ContractArtifact> result = new ArrayList<>();
        root.get("contracts")
                .fields()
                .forEachRemaining(sourceEntry -> sourceEntry.getValue().fields().forEachRemaining(entry -> {
                    JsonNode bytecode = entry.getValue().path("evm").path("bytecode");
                    String hex = hex(bytecode.path("object").asText(""));
                    result.add(contract(
                            entry.getKey(),
                            sourceEntry.getKey(),
                            ArtifactFormat.SOLC_STANDARD_JSON,
                            file,
                            entry.getValue().get("abi"),
                            hex,
                            linkReferences(bytecode.get("linkReferences"), hex)));
                }));
        if (result.isEmpty()) {
            String errors = compilerErrors(root);
            if (!errors.isEmpty()) {
                throw new InvalidInputException(
                        PARAMETER, file + " holds no contracts; the compiler reported: " + errors);
            }
        }
        return result;
    }

    private static String compilerErrors(JsonNode root) {
        List<String> messages = new ArrayList<>();
        for (JsonNode error : root.path("errors")) {
            if ("error".equalsIgnoreCase(error.path("severity").asText())) {
                messages.add(error.path("formattedMessage")
                        .asText(error.path("message").asText())
                        .trim());
            }
        }
        return String.join("; ", messages);
    }

    // ------------------------------------------------------------------ .bin + .abi

    private static ContractArtifact readBin(Path bin, Path abi) {
        if (!Files.isRegularFile(abi)) {
            throw new InvalidInputException(
                    PARAMETER,
                    bin + " needs its ABI next to it as " + abi.getFileName() + " (solc --bin --abi writes both)");
        }
        String text = readText(bin);
        Map<String, String> known = new LinkedHashMap<>();
        StringBuilder hex = new StringBuilder();
        for (String line : text.split("\\R")) {
            Matcher comment = LINKER_COMMENT.matcher(line);
            if (comment.find()) {
                String placeholder = comment.group(1).replace("__", "").replace("$", "");
                known.put(placeholder.toLowerCase(Locale.ROOT), comment.group(2));
            } else if (!line.trim().startsWith("//")) {
                hex.append(line.trim());
            }
        }
        siblingNames(bin).forEach(name -> known.putIfAbsent(placeholderHash(name), name));
        JsonNode abiJson;
        try {
            abiJson = Json.MAPPER.readTree(readText(abi));
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(PARAMETER, abi + " is not a JSON ABI (" + e.getOriginalMessage() + ")");
        }
        String name = baseName(bin, ".bin");
        int sol = name.lastIndexOf("_sol_");
        if (sol >= 0) {
            name = name.substring(sol + "_sol_".length()); // solcjs names files <path>_sol_<Name>.bin
        }
        String code = hex(hex.toString());
        return contract(name, null, ArtifactFormat.BIN_ABI, bin, abiJson, code, scanPlaceholders(code, known));
    }

    /**
     * Qualified names that may be the libraries a {@code .bin} links to: for solcjs output
     * ({@code dir_File_sol_Name.bin}) the guesses {@code dir/File.sol:Name} and
     * {@code dir_File.sol:Name}; for solc's {@code Name.bin}, nothing (solc writes linker
     * comments instead).
     */
    private static List<String> siblingNames(Path bin) {
        List<String> names = new ArrayList<>();
        Path dir = bin.toAbsolutePath().getParent();
        try (var files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".bin"))
                    .forEach(n -> {
                        String base = n.substring(0, n.length() - 4);
                        int sol = base.lastIndexOf("_sol_");
                        if (sol > 0) {
                            String source = base.substring(0, sol);
                            String contract = base.substring(sol + 5);
                            names.add(source + ".sol:" + contract);
                            names.add(source.replace('_', '/') + ".sol:" + contract);
                        }
                    });
        } catch (IOException e) {
            // no guesses; unknown placeholders are reported by hash
        }
        return names;
    }

    // ------------------------------------------------------------------ shared

    private static ContractArtifact contract(
            String name,
            String source,
            ArtifactFormat format,
            Path file,
            JsonNode abiNode,
            String hex,
            List<LinkReference> links) {
        JsonNode abi = abiNode;
        if (abi != null && abi.isTextual()) { // older solc --combined-json writes the ABI as a string
            try {
                abi = Json.MAPPER.readTree(abi.asText());
            } catch (JsonProcessingException e) {
                throw new InvalidInputException(PARAMETER, "the ABI of " + name + " in " + file + " is not JSON");
            }
        }
        if (abi == null || abi.isNull() || abi.isMissingNode()) {
            abi = Json.MAPPER.createArrayNode();
        }
        if (!abi.isArray()) {
            throw new InvalidInputException(PARAMETER, "the ABI of " + name + " in " + file + " is not a JSON array");
        }
        AbiDefinition[] entries;
        try {
            entries = ObjectMapperFactory.getObjectMapper().treeToValue(abi, AbiDefinition[].class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidInputException(
                    PARAMETER, "the ABI of " + name + " in " + file + " cannot be read: " + e.getMessage());
        }
        return new ContractArtifact(name, source, format, file, Arrays.asList(entries), abi, hex, links);
    }

    private static List<LinkReference> linkReferences(JsonNode node, String hex) {
        if (node == null || !node.isObject() || node.isEmpty()) {
            return scanPlaceholders(hex, Map.of());
        }
        List<LinkReference> refs = new ArrayList<>();
        node.fields()
                .forEachRemaining(source -> source.getValue().fields().forEachRemaining(library -> {
                    List<Integer> offsets = new ArrayList<>();
                    String placeholder = null;
                    for (JsonNode slot : library.getValue()) {
                        int start = slot.path("start").asInt(-1);
                        if (start < 0 || 2 * start + PLACEHOLDER_LENGTH > hex.length()) {
                            continue;
                        }
                        offsets.add(start);
                        placeholder = hex.substring(2 * start, 2 * start + PLACEHOLDER_LENGTH);
                    }
                    refs.add(new LinkReference(source.getKey(), library.getKey(), placeholder, offsets));
                }));
        return refs;
    }

    /**
     * Finds solc placeholders in bytecode that has no {@code linkReferences}.
     *
     * @param hex the bytecode
     * @param known placeholder hash (34 hex digits, lower case) → fully qualified name
     */
    static List<LinkReference> scanPlaceholders(String hex, Map<String, String> known) {
        Map<String, List<Integer>> found = new LinkedHashMap<>();
        for (int i = hex.indexOf("__"); i >= 0 && i + PLACEHOLDER_LENGTH <= hex.length(); i = hex.indexOf("__", i)) {
            found.computeIfAbsent(hex.substring(i, i + PLACEHOLDER_LENGTH), k -> new ArrayList<>())
                    .add(i / 2);
            i += PLACEHOLDER_LENGTH;
        }
        List<LinkReference> refs = new ArrayList<>();
        found.forEach((placeholder, offsets) -> {
            Matcher m = PLACEHOLDER.matcher(placeholder);
            String qualified = m.matches()
                    ? known.get(m.group(1).toLowerCase(Locale.ROOT))
                    : placeholder.substring(2).replaceAll("_+$", ""); // solc < 0.5: __<path>:<Name>___
            String source = null;
            String name = qualified;
            if (qualified != null && qualified.lastIndexOf(':') >= 0) {
                source = qualified.substring(0, qualified.lastIndexOf(':'));
                name = qualified.substring(qualified.lastIndexOf(':') + 1);
            }
            refs.add(new LinkReference(source, name, placeholder, offsets));
        });
        return refs;
    }

    /**
     * @param qualifiedName {@code <source path>:<Name>}
     * @return the 34 hex digits solc puts between {@code __$} and {@code $__}: the first 17
     *     bytes of Keccak-256 of the name
     */
    public static String placeholderHash(String qualifiedName) {
        byte[] hash = Hash.sha3(qualifiedName.getBytes(StandardCharsets.UTF_8));
        return Numeric.toHexStringNoPrefix(Arrays.copyOf(hash, 17));
    }

    private static String hex(String value) {
        String compact = value == null ? "" : value.replaceAll("\\s+", "");
        return compact.startsWith("0x") || compact.startsWith("0X") ? compact.substring(2) : compact;
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException(PARAMETER, "cannot read " + file + ": " + e.getMessage());
        }
    }

    private static Path sibling(Path file, String extension) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling(name.substring(0, dot) + extension);
    }

    private static String baseName(Path file, String extension) {
        String name = file.getFileName().toString();
        return name.toLowerCase(Locale.ROOT).endsWith(extension)
                ? name.substring(0, name.length() - extension.length())
                : name;
    }
}
