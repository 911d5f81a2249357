package io.kmsethereum.core.artifact;

/** The compiler output shapes {@link Artifacts} reads. */
public enum ArtifactFormat {
    /**
     * Foundry ({@code forge build}): {@code out/<File>.sol/<Name>.json} with {@code abi} and
     * {@code bytecode: {object, linkReferences}}.
     */
    FOUNDRY("Foundry artifact"),
    /**
     * Hardhat: {@code artifacts/<path>/<File>.sol/<Name>.json} with {@code _format},
     * {@code contractName}, {@code sourceName}, {@code abi}, {@code bytecode} (hex string) and
     * {@code linkReferences}; Truffle's {@code build/contracts/<Name>.json} has the same fields.
     */
    HARDHAT("Hardhat artifact"),
    /** {@code solc --combined-json abi,bin}: {@code contracts: {"<file>:<Name>": {abi, bin}}}. */
    SOLC_COMBINED_JSON("solc --combined-json output"),
    /**
     * solc standard-JSON output ({@code solc --standard-json}, also Hardhat's build-info
     * {@code output}): {@code contracts: {<file>: {<Name>: {abi, evm: {bytecode: {object,
     * linkReferences}}}}}}.
     */
    SOLC_STANDARD_JSON("solc standard-JSON output"),
    /** {@code solc --bin --abi -o dir}: {@code <Name>.bin} (hex) with a sibling {@code <Name>.abi}. */
    BIN_ABI(".bin file with its .abi");

    private final String description;

    ArtifactFormat(String description) {
        this.description = description;
    }

    /**
     * @return a short description for messages, e.g. {@code Foundry artifact}
     */
    public String description() {
        return description;
    }
}
