package io.kmsethereum.core.deploy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One verifier's source verification of the current deployment, kept in the ledger record's
 * {@code verifications} so that a later build skips what is done and retries what is not.
 *
 * @param verifier the verifier's name as configured (default: its type)
 * @param type {@code sourcify}, {@code etherscan} (the Etherscan API V2) or {@code blockscout}
 *     (the Etherscan-compatible {@code /api} form)
 * @param url the verifier's API URL (never carries a key: keys are sent in request bodies)
 * @param status {@value #VERIFIED}, {@value #ALREADY_VERIFIED} or {@value #FAILED}
 * @param match {@code full} or {@code partial} where the verifier says (Sourcify: exact match or
 *     match), else {@code null}
 * @param message the verifier's answer in its own words: its reason for a failure
 * @param reference the verifier's id of the request (Sourcify verification job id, Etherscan
 *     GUID), or {@code null}
 * @param at when this build got the answer (ISO-8601 UTC)
 * @param seconds how long the verification took, in seconds
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"verifier", "type", "url", "status", "match", "message", "reference", "at", "seconds"})
public record Verification(
        String verifier,
        String type,
        String url,
        String status,
        String match,
        String message,
        String reference,
        String at,
        Long seconds) {
    /** The verifier verified the source in this or an earlier build. */
    public static final String VERIFIED = "verified";
    /** The verifier had the source already (verified by someone else, or earlier). */
    public static final String ALREADY_VERIFIED = "already-verified";
    /** The verifier refused, or could not be reached; a later build tries again. */
    public static final String FAILED = "failed";

    /**
     * @return whether nothing is left to do for this verifier
     */
    @JsonIgnore
    public boolean done() {
        return VERIFIED.equals(status) || ALREADY_VERIFIED.equals(status);
    }
}
