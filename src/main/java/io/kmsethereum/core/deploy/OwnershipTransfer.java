package io.kmsethereum.core.deploy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigInteger;

/**
 * The ledger's record of a contract's ownership handed over after its deployment
 * ({@link OwnershipHandover}): the field {@code ownershipTransfer} of a {@link DeploymentRecord}.
 *
 * @param to the new owner, EIP-55 (a Safe, another contract, or an account without code)
 * @param function the canonical signature of the function called, e.g. {@code transferOwnership(address)}
 * @param transactionHash the transaction that called it, or {@code null} when the contract was
 *     found already handed over (nothing was sent)
 * @param block the block holding that transaction, or {@code null} with it
 * @param status {@value #TRANSFERRED} ({@code owner()} is {@code to}), {@value #PENDING_ACCEPTANCE}
 *     (two-step ownership such as OpenZeppelin's {@code Ownable2Step}: {@code pendingOwner()} is
 *     {@code to}, which has yet to call {@code acceptOwnership()}), or {@value #ACCEPTED} (a later
 *     run found {@code owner()} to be {@code to} after a pending acceptance)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"to", "function", "transactionHash", "block", "status"})
public record OwnershipTransfer(String to, String function, String transactionHash, BigInteger block, String status) {
    /** {@code owner()} is the new owner. */
    public static final String TRANSFERRED = "transferred";

    /** Two-step ownership: {@code pendingOwner()} is the new owner, which has not accepted yet. */
    public static final String PENDING_ACCEPTANCE = "pending-acceptance";

    /** Two-step ownership, accepted: {@code owner()} is the new owner. */
    public static final String ACCEPTED = "accepted";

    /**
     * @return whether the new owner owns the contract ({@value #TRANSFERRED} or {@value #ACCEPTED})
     */
    public boolean done() {
        return TRANSFERRED.equals(status) || ACCEPTED.equals(status);
    }

    /**
     * @param newStatus the status found now
     * @return this transfer with that status
     */
    public OwnershipTransfer withStatus(String newStatus) {
        return new OwnershipTransfer(to, function, transactionHash, block, newStatus);
    }
}
