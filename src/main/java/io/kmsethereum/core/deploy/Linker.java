package io.kmsethereum.core.deploy;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.artifact.Artifacts;
import io.kmsethereum.core.artifact.ContractArtifact;
import io.kmsethereum.core.artifact.LinkReference;
import io.kmsethereum.core.crypto.Addresses;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes library addresses into creation bytecode (the Solidity documentation's "Library
 * Linking"): each {@link LinkReference}'s 20-byte slot gets the address given for that library.
 */
public final class Linker {
    private static final String PARAMETER = "libraries";
    private static final Pattern HEX = Pattern.compile("([0-9a-fA-F]{2})*");

    private Linker() {}

    /**
     * @param contract the contract read from its artifact
     * @param libraries library name → address; a key is the library's name ({@code MathLib}) or
     *     its fully qualified name ({@code src/MathLib.sol:MathLib}); may be empty
     * @return the linked creation bytecode as hex without {@code 0x}, nothing but hex digits
     * @throws InvalidInputException ({@code libraries}) naming every library whose address is
     *     missing, an address that is not valid, or bytecode that is not hex after linking
     */
    public static String link(ContractArtifact contract, Map<String, String> libraries) {
        Map<String, String> given = libraries == null ? Map.of() : libraries;
        StringBuilder code = new StringBuilder(contract.bytecode());
        List<String> missing = new ArrayList<>();
        for (LinkReference ref : contract.linkReferences()) {
            Map.Entry<String, String> entry = find(ref, given);
            if (entry == null) {
                missing.add(
                        ref.libraryName() == null
                                ? "an unnamed library with placeholder " + ref.placeholder()
                                : ref.qualifiedName());
                continue;
            }
            String address = Addresses.parse(entry.getValue(), PARAMETER + "." + entry.getKey())
                    .substring(2)
                    .toLowerCase(Locale.ROOT);
            if (ref.offsets().isEmpty()) {
                replaceAll(code, ref.placeholder(), address);
            } else {
                for (int offset : ref.offsets()) {
                    code.replace(2 * offset, 2 * offset + 40, address);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new InvalidInputException(
                    PARAMETER,
                    contract.name() + " must be linked to " + String.join(", ", missing)
                            + " before it can be deployed: deploy the librar" + (missing.size() == 1 ? "y" : "ies")
                            + " first and give the address" + (missing.size() == 1 ? "" : "es")
                            + " by library name in 'libraries', e.g. " + example(contract) + " = 0x…");
        }
        String linked = code.toString();
        if (!HEX.matcher(linked).matches()) {
            int bad = firstNonHex(linked);
            throw new InvalidInputException(
                    PARAMETER,
                    "the bytecode of " + contract.describe()
                            + " still has non-hex text at character " + bad + " ('"
                            + linked.substring(bad, Math.min(linked.length(), bad + 40))
                            + "') after linking; it looks like a library placeholder the artifact does not describe. Recompile, or link it with solc --link");
        }
        return linked;
    }

    private static Map.Entry<String, String> find(LinkReference ref, Map<String, String> given) {
        Map<String, String> byKey = new LinkedHashMap<>(given);
        if (ref.libraryName() != null) {
            for (String key : List.of(ref.qualifiedName(), ref.libraryName())) {
                if (byKey.containsKey(key) && byKey.get(key) != null) {
                    return Map.entry(key, byKey.get(key));
                }
            }
            return null;
        }
        // Only the placeholder is known: match it against the hashes of the fully qualified keys.
        for (Map.Entry<String, String> entry : byKey.entrySet()) {
            if (entry.getValue() != null
                    && ref.placeholder() != null
                    && ref.placeholder().equalsIgnoreCase("__$" + Artifacts.placeholderHash(entry.getKey()) + "$__")) {
                return entry;
            }
        }
        return null;
    }

    private static String example(ContractArtifact contract) {
        for (LinkReference ref : contract.linkReferences()) {
            if (ref.libraryName() != null) {
                return ref.libraryName();
            }
        }
        return "File.sol:Library";
    }

    private static void replaceAll(StringBuilder code, String placeholder, String address) {
        for (int i = code.indexOf(placeholder); i >= 0; i = code.indexOf(placeholder, i + address.length())) {
            code.replace(i, i + placeholder.length(), address);
        }
    }

    private static int firstNonHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return i;
            }
        }
        return s.length() - 1;
    }
}
