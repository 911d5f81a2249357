package io.kmsethereum.core.verify;

import java.util.Map;
import java.util.Objects;

/**
 * One deployed contract to verify: the input to recompile and what the deployment added to it.
 *
 * @param input the standard-JSON input, compiler version and fully qualified name
 * @param chainId the chain id
 * @param address the contract address
 * @param constructorArguments the ABI-encoded constructor arguments as hex without {@code 0x}
 *     (empty when there are none), as the ledger records them
 * @param creationTransactionHash the transaction that created the contract (for a CREATE2
 *     deployment the call to the deterministic deployment proxy), or {@code null} when unknown
 * @param libraries the linked libraries by fully qualified name ({@code path:Name}) → address
 */
public record VerificationRequest(
        VerificationInput input,
        long chainId,
        String address,
        String constructorArguments,
        String creationTransactionHash,
        Map<String, String> libraries) {

    /** Copies the map; {@code null} arguments become empty. */
    public VerificationRequest {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(address, "address");
        constructorArguments = constructorArguments == null
                ? ""
                : constructorArguments.startsWith("0x") ? constructorArguments.substring(2) : constructorArguments;
        libraries = libraries == null ? Map.of() : Map.copyOf(libraries);
    }
}
