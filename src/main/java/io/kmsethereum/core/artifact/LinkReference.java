package io.kmsethereum.core.artifact;

import java.util.List;

/**
 * A place in unlinked creation bytecode where a library's 20-byte address must be written
 * before deployment. solc leaves a 40-character placeholder there: since solc 0.5
 * {@code __$<34 hex>$__}, the hex being the first 17 bytes of Keccak-256 of the library's fully
 * qualified name {@code <source path>:<Name>}; before that {@code __<path>:<Name>___…}
 * (see the Solidity documentation, "Library Linking").
 *
 * @param sourceName the library's source path as the compiler saw it, or {@code null} if unknown
 * @param libraryName the library's name, or {@code null} if the artifact does not say (a bare
 *     {@code .bin} whose placeholder hash matches no name we know)
 * @param placeholder the 40-character placeholder as it stands in the bytecode, or {@code null}
 *     when only byte offsets are known
 * @param offsets byte offsets of the 20-byte slots in the creation bytecode (empty when only the
 *     placeholder is known; then every occurrence of it is replaced)
 */
public record LinkReference(String sourceName, String libraryName, String placeholder, List<Integer> offsets) {

    /** Copies the offsets. */
    public LinkReference {
        offsets = offsets == null ? List.of() : List.copyOf(offsets);
    }

    /**
     * @return {@code <source>:<Name>} when both are known, else the name, else the placeholder
     */
    public String qualifiedName() {
        if (libraryName == null) {
            return placeholder;
        }
        return sourceName == null ? libraryName : sourceName + ":" + libraryName;
    }
}
