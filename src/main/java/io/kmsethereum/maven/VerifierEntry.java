package io.kmsethereum.maven;

/**
 * One entry of the {@code verifiers} list: a source verifier. Maven fills it from
 * {@code <verifiers><verifier>…</verifier></verifiers>}.
 *
 * @since 0.1.0
 */
public class VerifierEntry {
    /**
     * {@code sourcify} (Sourcify API v2), {@code etherscan} (the Etherscan API V2, one endpoint
     * and key for every chain) or {@code blockscout} (the Etherscan-compatible {@code /api} of
     * Blockscout and other explorers, one endpoint per chain; {@code etherscan-v1} means the
     * same). Required.
     */
    String type;

    /**
     * The API URL: Sourcify's server root (default {@code https://sourcify.dev/server}), the
     * Etherscan V2 endpoint (default {@code https://api.etherscan.io/v2/api}) or the explorer's
     * {@code …/api} endpoint (required for {@code blockscout}).
     */
    String url;

    /**
     * The API key, as a reference: {@code server:<id>} (the password of that
     * {@code settings.xml} server) or {@code env:NAME} (an environment variable); never the key
     * itself. Required for {@code etherscan}, optional for {@code blockscout}, not used by
     * {@code sourcify}.
     */
    String apiKey;

    /** The name in the log and in the ledger's {@code verifications}; default the type. */
    String name;
}
