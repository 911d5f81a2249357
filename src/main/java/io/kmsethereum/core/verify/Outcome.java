package io.kmsethereum.core.verify;

import io.kmsethereum.core.deploy.Verification;

/**
 * What one verifier answered about one contract.
 *
 * @param status {@link Verification#VERIFIED}, {@link Verification#ALREADY_VERIFIED} or
 *     {@link Verification#FAILED}
 * @param match {@code full}, {@code partial} or {@code null} where the verifier does not say
 * @param message the verifier's own words (its reason for a failure)
 * @param reference the verifier's id of the request, or {@code null}
 * @param refused for a failure: whether the verifier refused the contract (wrong input, version,
 *     arguments: the user's to fix) rather than being unreachable or too slow
 */
public record Outcome(String status, String match, String message, String reference, boolean refused) {

    static Outcome verified(String match, String message, String reference) {
        return new Outcome(Verification.VERIFIED, match, message, reference, false);
    }

    static Outcome already(String match, String message) {
        return new Outcome(Verification.ALREADY_VERIFIED, match, message, null, false);
    }

    static Outcome refused(String message, String reference) {
        return new Outcome(Verification.FAILED, null, message, reference, true);
    }

    static Outcome unavailable(String message) {
        return new Outcome(Verification.FAILED, null, message, null, false);
    }
}
