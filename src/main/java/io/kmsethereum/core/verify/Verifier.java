package io.kmsethereum.core.verify;

import java.net.URI;
import java.util.Objects;

/**
 * One configured verifier.
 *
 * @param name its name in the log and the ledger (unique in one configuration; default the type)
 * @param type which API it speaks
 * @param url the API URL: Sourcify's server root (the {@code /v2/...} paths are appended), the
 *     Etherscan V2 endpoint ({@code …/v2/api}) or the {@code …/api} endpoint of the older form
 * @param apiKey the API key, resolved from its reference; {@code null} when none. Sent only in
 *     request bodies, never in a URL, and never printed ({@link #toString} leaves it out)
 */
public record Verifier(String name, VerifierType type, URI url, String apiKey) {

    /** Checks that nothing is missing. */
    public Verifier {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(url, "url");
    }

    /**
     * @return {@code name (type at url)}, without the key
     */
    @Override
    public String toString() {
        return name + " (" + type.id() + " at " + url + ")";
    }
}
