package io.kmsethereum.core.verify;

import io.kmsethereum.core.InvalidInputException;
import java.net.URI;
import java.util.Locale;

/**
 * The verification APIs this plugin speaks.
 */
public enum VerifierType {
    /**
     * Sourcify API v2: {@code POST /v2/verify/{chainId}/{address}} with the standard-JSON input,
     * then {@code GET /v2/verify/{verificationId}} until the job completes; {@code GET
     * /v2/contract/{chainId}/{address}} first, to skip a verified contract. No API key.
     */
    SOURCIFY("sourcify", "https://sourcify.dev/server", false),
    /**
     * The Etherscan API V2: {@code module=contract}, {@code action=verifysourcecode}, then
     * {@code checkverifystatus}, on one endpoint for every chain with {@code chainid} in the
     * query; one API key for every chain.
     */
    ETHERSCAN("etherscan", "https://api.etherscan.io/v2/api", true),
    /**
     * The older Etherscan-compatible {@code /api} form (the same actions, no {@code chainid}: one
     * endpoint per chain), which Blockscout serves; the API key is optional.
     */
    BLOCKSCOUT("blockscout", null, false);

    private final String id;
    private final String defaultUrl;
    private final boolean keyRequired;

    VerifierType(String id, String defaultUrl, boolean keyRequired) {
        this.id = id;
        this.defaultUrl = defaultUrl;
        this.keyRequired = keyRequired;
    }

    /**
     * @return the name in the configuration and the ledger: {@code sourcify}, {@code etherscan},
     *     {@code blockscout}
     */
    public String id() {
        return id;
    }

    /**
     * @return the public service's API URL, or {@code null} when there is none for every chain
     */
    public URI defaultUrl() {
        return defaultUrl == null ? null : URI.create(defaultUrl);
    }

    /**
     * @return whether the API refuses requests without a key
     */
    public boolean keyRequired() {
        return keyRequired;
    }

    /**
     * @param text {@code sourcify}, {@code etherscan} or {@code blockscout} ({@code etherscan-v1}
     *     is accepted for the latter)
     * @param parameter the parameter, for messages
     * @return the type
     * @throws InvalidInputException if it is none of them
     */
    public static VerifierType parse(String text, String parameter) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (value) {
            case "sourcify":
                return SOURCIFY;
            case "etherscan":
            case "etherscan-v2":
                return ETHERSCAN;
            case "blockscout":
            case "etherscan-v1":
                return BLOCKSCOUT;
            default:
                throw new InvalidInputException(
                        parameter,
                        "'" + (text == null ? "" : text.trim()) + "' is not a verifier type; use sourcify (Sourcify API"
                                + " v2), etherscan (Etherscan API V2) or blockscout (the Etherscan-compatible /api"
                                + " of Blockscout and other explorers)");
        }
    }
}
