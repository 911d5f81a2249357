package io.kmsethereum.core.deploy;

import io.kmsethereum.core.tx.Receipt;

/**
 * What a deployment did.
 *
 * @param record the ledger entry (written to {@code ledgerFile})
 * @param ledgerFile the ledger file
 * @param sent whether a transaction was sent by this run (or an interrupted earlier one that this
 *     run waited for); {@code false} when the contract was already there
 * @param receipt the creating transaction's receipt when one was awaited, else {@code null}
 */
public record DeploymentResult(DeploymentRecord record, String ledgerFile, boolean sent, Receipt receipt) {

    /** @return the contract address, EIP-55 */
    public String address() {
        return record.address();
    }
}
