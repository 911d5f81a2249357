package io.kmsethereum.core.tx;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.kmsethereum.core.store.Records;

/**
 * The journal record of one broadcast step, at {@code <chainId>/<address>/steps/<step>.json}:
 * written (create-only) with the signed transaction before {@code eth_sendRawTransaction}, then
 * marked {@code mined} with the receipt's block (compare-and-swap). A re-run of the step finds it
 * and waits for, or re-broadcasts, that same transaction instead of signing a new one.
 *
 * @param schema record format ({@link Records#SCHEMA})
 * @param step the step name
 * @param intent SHA-256 hex of what the user asked for, before the node filled any field
 * @param state {@code signed}, {@code mined} or {@code abandoned}
 * @param runId the run that signed it
 * @param transaction the signed transaction, as sent
 * @param blockNumber the block it was mined in ({@code mined} only)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"schema", "step", "intent", "state", "runId", "transaction", "blockNumber"})
public record StepRecord(
        int schema,
        String step,
        String intent,
        String state,
        String runId,
        SignedTransaction transaction,
        Long blockNumber) {
    /** Signed and (about to be) broadcast. */
    public static final String SIGNED = "signed";
    /** Mined with a successful receipt. */
    public static final String MINED = "mined";
    /**
     * Never sent: the run lost its nonce claim (lease taken over) after writing this record; the
     * step counts as not started.
     */
    public static final String ABANDONED = "abandoned";

    /**
     * @param receipt the transaction's receipt
     * @return this record marked as mined in the receipt's block
     */
    public StepRecord mined(Receipt receipt) {
        return new StepRecord(schema, step, intent, MINED, runId, transaction, receipt.blockNumber());
    }

    /**
     * @return whether a receipt was recorded
     */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean isMined() {
        return MINED.equals(state);
    }
}
