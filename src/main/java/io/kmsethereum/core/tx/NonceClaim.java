package io.kmsethereum.core.tx;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.kmsethereum.core.store.Records;

/**
 * The claim of one nonce of one account by one run, at {@code <chainId>/<address>/nonces/<nonce>.json}.
 * Created only if absent; changed only by compare-and-swap. States:
 *
 * <ul>
 *   <li>{@code claimed}: the run holds the nonce until {@code leaseExpiresAt} and has signed
 *       nothing yet. After the lease another run may take it over.
 *   <li>{@code signed}: {@code transaction} was signed with this nonce and is (about to be)
 *       broadcast. Never replaced; anyone may broadcast the same raw transaction again.
 *   <li>{@code released}: given back unused (a failed or lost step); the next run takes it.
 * </ul>
 *
 * @param schema record format ({@link Records#SCHEMA})
 * @param chainId chain id
 * @param address the account, lower case
 * @param nonce the nonce, decimal
 * @param state {@code claimed}, {@code signed} or {@code released}
 * @param runId the run that holds (or held) it
 * @param step the step it is for
 * @param leaseExpiresAt ISO-8601 instant after which a {@code claimed} record may be taken over
 * @param transaction the signed transaction ({@code signed} only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schema", "chainId", "address", "nonce", "state", "runId", "step", "leaseExpiresAt", "transaction"})
public record NonceClaim(
        int schema,
        long chainId,
        String address,
        String nonce,
        String state,
        String runId,
        String step,
        String leaseExpiresAt,
        SignedTransaction transaction) {
    /** State of a claim whose run has signed nothing yet. */
    public static final String CLAIMED = "claimed";
    /** State of a claim with a signed transaction. */
    public static final String SIGNED = "signed";
    /** State of a claim given back unused. */
    public static final String RELEASED = "released";
}
