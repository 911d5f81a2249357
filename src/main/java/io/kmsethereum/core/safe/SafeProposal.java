package io.kmsethereum.core.safe;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigInteger;

/**
 * The state record that pins a configured Safe transaction to the Safe nonce it was first
 * signed for, so that a re-run of the same step (the same {@code journalKey}) signs nothing new
 * once that nonce is used, instead of proposing the same change again at the next nonce. Key:
 * {@code <chainId>/safe/<safe>/proposals/<step>.json} in the state store.
 *
 * @param schema the record format
 * @param step the step name
 * @param intent SHA-256 of the transaction as configured, without the nonce
 * @param chainId the chain
 * @param safe the Safe
 * @param nonce the Safe nonce the transaction was signed for
 * @param safeTxHash its hash
 */
public record SafeProposal(
        int schema,
        String step,
        String intent,
        long chainId,
        String safe,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger nonce,
        String safeTxHash) {}
