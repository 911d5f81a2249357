package io.kmsethereum.core.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * What a verifier recompiles: the Solidity standard-JSON input the contract was compiled from,
 * the exact compiler version, and which contract of it is meant.
 *
 * @param standardJsonInput the compiler's standard-JSON input ({@code language}, {@code sources},
 *     {@code settings}), as the build wrote it
 * @param compilerVersion the full compiler version without a leading {@code v}, e.g.
 *     {@code 0.8.28+commit.7893614a} (both Sourcify and Etherscan need the commit)
 * @param contractIdentifier the fully qualified name {@code <source path>:<Name>}, e.g.
 *     {@code src/Counter.sol:Counter}; the source path is a key of the input's {@code sources}
 * @param origin where the input came from, for messages (a build-info file, or the input file)
 */
public record VerificationInput(
        JsonNode standardJsonInput, String compilerVersion, String contractIdentifier, String origin) {

    /** Checks that nothing is missing. */
    public VerificationInput {
        Objects.requireNonNull(standardJsonInput, "standardJsonInput");
        Objects.requireNonNull(compilerVersion, "compilerVersion");
        Objects.requireNonNull(contractIdentifier, "contractIdentifier");
    }

    /**
     * @return the source path of {@link #contractIdentifier}
     */
    public String sourcePath() {
        return contractIdentifier.substring(0, contractIdentifier.lastIndexOf(':'));
    }
}
