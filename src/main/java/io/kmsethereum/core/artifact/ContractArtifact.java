package io.kmsethereum.core.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.web3j.protocol.core.methods.response.AbiDefinition;

/**
 * One contract read from a compiler artifact: its ABI and its creation bytecode (the code whose
 * execution returns the runtime code; the constructor arguments are appended to it).
 *
 * @param name the contract name, e.g. {@code Holder}
 * @param sourceName the source path the compiler saw, e.g. {@code src/Holder.sol}, or
 *     {@code null} when the artifact does not say
 * @param format the artifact's format
 * @param file the artifact file it was read from
 * @param abi the ABI entries (web3j's model, as web3j's code generator takes them)
 * @param abiJson the ABI as it stands in the artifact (a JSON array), for the deployment ledger
 * @param bytecode creation bytecode as hex without {@code 0x}; may still hold library link
 *     placeholders; empty for interfaces and abstract contracts
 * @param linkReferences the library slots in {@code bytecode}; empty when it needs no linking
 */
public record ContractArtifact(
        String name,
        String sourceName,
        ArtifactFormat format,
        Path file,
        List<AbiDefinition> abi,
        JsonNode abiJson,
        String bytecode,
        List<LinkReference> linkReferences) {

    /** Copies the lists; {@code null} bytecode becomes empty. */
    public ContractArtifact {
        abi = List.copyOf(abi);
        bytecode = bytecode == null ? "" : bytecode;
        linkReferences = linkReferences == null ? List.of() : List.copyOf(linkReferences);
    }

    /**
     * @return {@code <source>:<Name>} when the source is known, else the name
     */
    public String qualifiedName() {
        return sourceName == null ? name : sourceName + ":" + name;
    }

    /**
     * @return whether there is creation bytecode (interfaces and abstract contracts have none)
     */
    public boolean hasBytecode() {
        return !bytecode.isEmpty();
    }

    /**
     * @return the ABI's constructor entry, if it declares one (no entry means a constructor
     *     without arguments that is not payable)
     */
    public Optional<AbiDefinition> constructor() {
        return abi.stream()
                .filter(entry -> "constructor".equals(entry.getType()))
                .findFirst();
    }

    /**
     * @return where it came from, for messages: {@code Holder (Foundry artifact out/Holder.sol/Holder.json)}
     */
    public String describe() {
        return name + " (" + format.description() + " " + file + ")";
    }
}
