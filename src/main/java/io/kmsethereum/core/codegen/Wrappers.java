package io.kmsethereum.core.codegen;

import io.kmsethereum.core.FileAccessException;
import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.artifact.Artifacts;
import io.kmsethereum.core.artifact.ContractArtifact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.web3j.abi.datatypes.Address;
import org.web3j.codegen.SolidityFunctionWrapper;
import org.web3j.tx.Contract;
import org.web3j.utils.Strings;

/**
 * Generates web3j Java contract wrappers (web3j's code generator, {@code org.web3j:codegen}) from
 * the artifacts {@link Artifacts} reads. A wrapper deploys and calls its contract through any
 * web3j {@code TransactionManager}; with {@code new RawTransactionManager(web3j, kmsSigner, chainId)}
 * the KMS key signs. Contracts without bytecode (interfaces) get wrappers without
 * {@code deploy} methods; bytecode with library placeholders keeps them for the wrapper's
 * {@code linkLibraries}.
 */
public final class Wrappers {
    private static final Pattern JAVA_IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    private static final Set<String> KEYWORDS = Set.of(
            "abstract",
            "assert",
            "boolean",
            "break",
            "byte",
            "case",
            "catch",
            "char",
            "class",
            "const",
            "continue",
            "default",
            "do",
            "double",
            "else",
            "enum",
            "extends",
            "final",
            "finally",
            "float",
            "for",
            "goto",
            "if",
            "implements",
            "import",
            "instanceof",
            "int",
            "interface",
            "long",
            "native",
            "new",
            "package",
            "private",
            "protected",
            "public",
            "return",
            "short",
            "static",
            "strictfp",
            "super",
            "switch",
            "synchronized",
            "this",
            "throw",
            "throws",
            "transient",
            "try",
            "void",
            "volatile",
            "while",
            "true",
            "false",
            "null");

    /**
     * Options of web3j's generator.
     *
     * @param useNativeJavaTypes {@code String}, {@code BigInteger}, {@code List} in method
     *     signatures instead of web3j's ABI types ({@code Utf8String}, {@code Uint256}, …)
     * @param useJavaPrimitiveTypes {@code int}, {@code long}, … where a type fits them
     * @param generateBothCallAndSend for functions that change state, also a {@code call_}
     *     method that only simulates
     */
    public record Options(boolean useNativeJavaTypes, boolean useJavaPrimitiveTypes, boolean generateBothCallAndSend) {}

    private Wrappers() {}

    /**
     * @param inputs artifact files, or directories searched recursively for {@code *.json} and
     *     {@code *.bin} artifacts (files there that are not artifacts, {@code build-info} and
     *     {@code *.dbg.json}, are skipped)
     * @param contractNames the contracts to generate wrappers for (simple or fully qualified
     *     names); empty for every contract found
     * @param packageName the Java package of the wrappers, e.g. {@code com.example.contracts}
     * @param outputDirectory the source root to write to ({@code <package path>/<Name>.java} below it)
     * @param options generator options
     * @return the files written, in order
     * @throws InvalidInputException for a missing or unreadable artifact ({@code artifacts}), an
     *     unknown contract name ({@code contractNames}, listing those found), two different
     *     contracts with the same name, or an invalid package name ({@code packageName})
     * @throws FileAccessException if the output cannot be written
     */
    public static List<Path> generate(
            Collection<Path> inputs,
            Collection<String> contractNames,
            String packageName,
            Path outputDirectory,
            Options options) {
        String pkg = checkPackage(packageName);
        if (inputs == null || inputs.isEmpty()) {
            throw new InvalidInputException(
                    "artifacts",
                    "is empty: list the compiled contracts (files or directories),"
                            + " e.g. out/Counter.sol/Counter.json");
        }
        Map<String, ContractArtifact> byName = new LinkedHashMap<>();
        List<ContractArtifact> all = new ArrayList<>();
        for (Path input : inputs) {
            all.addAll(read(input));
        }
        Set<String> wanted = contractNames == null
                ? Set.of()
                : contractNames.stream()
                        .filter(n -> n != null && !n.isBlank())
                        .map(String::trim)
                        .collect(Collectors.toCollection(LinkedHashSet::new));
        for (String name : wanted) {
            if (all.stream()
                    .noneMatch(c -> c.name().equals(name) || c.qualifiedName().equals(name))) {
                throw new InvalidInputException(
                        "contractNames",
                        "'" + name + "' is in none of the artifacts; they hold: "
                                + all.stream()
                                        .map(ContractArtifact::name)
                                        .distinct()
                                        .collect(Collectors.joining(", ")));
            }
        }
        for (ContractArtifact contract : all) {
            if (!wanted.isEmpty() && !wanted.contains(contract.name()) && !wanted.contains(contract.qualifiedName())) {
                continue;
            }
            ContractArtifact previous = byName.putIfAbsent(contract.name(), contract);
            if (previous != null
                    && !(previous.bytecode().equals(contract.bytecode())
                            && previous.abiJson().equals(contract.abiJson()))) {
                throw new InvalidInputException(
                        "contractNames",
                        "two different contracts are named " + contract.name() + " ("
                                + previous.qualifiedName() + " in " + previous.file() + " and "
                                + contract.qualifiedName() + " in "
                                + contract.file()
                                + "), and a wrapper class can have only one; list the one you want in contractNames");
            }
        }
        SolidityFunctionWrapper generator = new SolidityFunctionWrapper(
                options.useNativeJavaTypes(),
                options.useJavaPrimitiveTypes(),
                options.generateBothCallAndSend(),
                Address.DEFAULT_LENGTH);
        List<Path> written = new ArrayList<>();
        for (ContractArtifact contract : byName.values()) {
            if (!JAVA_IDENTIFIER.matcher(contract.name()).matches()) {
                throw new InvalidInputException(
                        "contractNames", "contract name '" + contract.name() + "' is not a Java class name");
            }
            String bin = contract.hasBytecode() ? contract.bytecode() : Contract.BIN_NOT_PROVIDED;
            try {
                generator.generateJavaFiles(
                        contract.name(), bin, contract.abi(), outputDirectory.toString(), pkg, null);
            } catch (IOException e) {
                throw new FileAccessException(
                        "Could not write the wrapper of " + contract.name() + " below " + outputDirectory + ": " + e,
                        e);
            } catch (ClassNotFoundException | RuntimeException e) {
                throw new InvalidInputException(
                        "artifacts", "web3j cannot generate a wrapper for " + contract.describe() + ": " + e);
            }
            written.add(outputDirectory
                    .resolve(pkg.replace('.', '/'))
                    .resolve(Strings.capitaliseFirstLetter(contract.name()) + ".java"));
        }
        return written;
    }

    private static List<ContractArtifact> read(Path input) {
        if (!Files.isDirectory(input)) {
            return Artifacts.readAll(input);
        }
        List<ContractArtifact> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(input)) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(Wrappers::candidate)
                    .sorted()
                    .toList()) {
                try {
                    found.addAll(Artifacts.readAll(file));
                } catch (InvalidInputException notAnArtifact) {
                    // a directory holds other JSON too (caches, metadata); only artifacts count,
                    // but a file that is not JSON at all is a corrupt artifact: say so
                    if (!parsesAsJson(file)) {
                        throw new InvalidInputException(
                                "artifacts",
                                file + " is not valid JSON (" + notAnArtifact.getDetail()
                                        + "): a corrupt or half-written artifact? Compile again, or remove the file");
                    }
                }
            }
        } catch (IOException e) {
            throw new FileAccessException("Could not list " + input + ": " + e, e);
        }
        if (found.isEmpty()) {
            throw new InvalidInputException(
                    "artifacts",
                    "directory " + input + " holds no contract artifacts; compile first or name the files");
        }
        return found;
    }

    private static boolean parsesAsJson(Path file) {
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            return true; // .bin/.abi pairs are not JSON documents
        }
        try {
            io.kmsethereum.core.Json.MAPPER.readTree(file.toFile());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean candidate(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        for (Path part : file) {
            if (part.toString().equals("build-info")) {
                return false;
            }
        }
        return name.endsWith(".bin")
                || name.endsWith(".json") && !name.endsWith(".dbg.json") && !name.endsWith(".metadata.json");
    }

    private static String checkPackage(String packageName) {
        String pkg = packageName == null ? "" : packageName.trim();
        for (String part : pkg.split("\\.", -1)) {
            if (!JAVA_IDENTIFIER.matcher(part).matches() || KEYWORDS.contains(part)) {
                throw new InvalidInputException(
                        "packageName",
                        "'" + packageName + "' is not a Java package name; use"
                                + " dot-separated identifiers such as com.example.contracts");
            }
        }
        return pkg;
    }
}
