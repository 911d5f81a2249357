package io.kmsethereum.core.tx;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.KmsEthereumException;
import io.kmsethereum.core.ServiceUnavailableException;
import io.kmsethereum.core.input.Amounts;
import io.kmsethereum.core.rpc.CallRequest;
import io.kmsethereum.core.rpc.NodeClient;
import io.kmsethereum.core.rpc.RpcErrorException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * Broadcasts signed transactions and waits for their receipts. Use {@link #send} for one
 * transaction, or {@link #broadcast} several and then {@link #awaitReceipt} each.
 *
 * <ul>
 *   <li>{@link #broadcast}: {@code eth_sendRawTransaction}. A node that already knows the
 *       transaction counts as success. Refusals (nonce too low, insufficient funds, underpriced,
 *       gas limit, chain id) throw {@link TransactionRejectedException} saying what to change.</li>
 *   <li>{@link #awaitReceipt}: polls {@code eth_getTransactionReceipt} every poll interval, then
 *       {@code eth_blockNumber} until the receipt's block has {@code confirmations} blocks
 *       (itself included), re-checking the receipt's block hash against reorganisations. A
 *       progress line goes to the listener every progress interval. Status 0 throws
 *       {@link TransactionRevertedException} with the reason found by replaying the call with
 *       {@code eth_call} at the receipt's block. No receipt in time throws
 *       {@link ReceiptTimeoutException}. A node that does not answer during the wait is asked
 *       again until the timeout.</li>
 *   <li>A transaction the node no longer knows ({@code eth_getTransactionByHash} is empty: dropped
 *       from the pool, or a node restarted without its pool) is broadcast again, the same raw
 *       bytes, so nothing new is signed. If the sender's nonce was meanwhile used by another
 *       transaction, the recorded one can never be mined: {@link TransactionRejectedException}.</li>
 *   <li>{@link #resume}: for a transaction recorded by an earlier, interrupted run; checks it at
 *       once (mined, pending, dropped or replaced) and then waits as above.</li>
 * </ul>
 * Thread-safe as far as the node client and the progress listener are; create one per goal
 * execution, since it writes progress lines to that execution's log.
 */
public final class TransactionSender {

    /**
     * How to wait.
     *
     * @param confirmations blocks including the receipt's block to wait for, at least 1
     * @param receiptTimeout the longest wait for the receipt and its confirmations
     * @param pollInterval pause between polls
     * @param progressInterval pause between progress lines
     */
    public record Options(
            int confirmations, Duration receiptTimeout, Duration pollInterval, Duration progressInterval) {
        /**
         * @throws InvalidInputException naming {@code confirmations} or {@code receiptTimeout}
         */
        public Options {
            if (confirmations < 1 || confirmations > 1000) {
                throw new InvalidInputException(
                        "confirmations", "must be between 1 (the receipt's own block) and 1000, was " + confirmations);
            }
            if (receiptTimeout == null || receiptTimeout.toMillis() < 1) {
                throw new InvalidInputException(
                        "receiptTimeout",
                        "must be at least 1 second, was "
                                + (receiptTimeout == null ? "empty" : receiptTimeout.toSeconds() + " s"));
            }
            Objects.requireNonNull(pollInterval, "pollInterval");
            Objects.requireNonNull(progressInterval, "progressInterval");
        }

        /**
         * @param confirmations blocks to wait for, at least 1
         * @param receiptTimeoutSeconds the longest wait, in seconds
         * @return options with a 1 s poll interval and a progress line every 5 s
         */
        public static Options of(int confirmations, long receiptTimeoutSeconds) {
            if (receiptTimeoutSeconds < 1) {
                throw new InvalidInputException(
                        "receiptTimeout", "must be at least 1 second, was " + receiptTimeoutSeconds);
            }
            return new Options(
                    confirmations,
                    Duration.ofSeconds(receiptTimeoutSeconds),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(5));
        }
    }

    /** Time source, replaceable in tests. */
    interface Clock {
        long millis();

        void sleep(long millis) throws InterruptedException;
    }

    private static final Clock SYSTEM = new Clock() {
        @Override
        public long millis() {
            return System.nanoTime() / 1_000_000;
        }

        @Override
        public void sleep(long millis) throws InterruptedException {
            Thread.sleep(millis);
        }
    };

    private final NodeClient node;
    private final Options options;
    private final Consumer<String> progress;
    private final Clock clock;
    private final Consumer<SignedTransaction> whileWaiting;

    /**
     * @param node the node to send to
     * @param options confirmations and timing
     * @param progress receives progress lines (e.g. a Maven {@code Log::info})
     */
    public TransactionSender(NodeClient node, Options options, Consumer<String> progress) {
        this(node, options, progress, SYSTEM);
    }

    TransactionSender(NodeClient node, Options options, Consumer<String> progress, Clock clock) {
        this.node = Objects.requireNonNull(node, "node");
        this.options = Objects.requireNonNull(options, "options");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.clock = clock;
        this.whileWaiting = tx -> {};
    }

    private TransactionSender(TransactionSender base, Consumer<SignedTransaction> whileWaiting) {
        this.node = base.node;
        this.options = base.options;
        this.progress = base.progress;
        this.clock = base.clock;
        this.whileWaiting = whileWaiting;
    }

    /**
     * @param hook called with the awaited transaction about every two progress intervals while
     *     it has no receipt (the nonce leases fill gaps below it from here); its exceptions end
     *     the wait
     * @return a sender like this one that calls {@code hook} while waiting
     */
    public TransactionSender whileWaiting(Consumer<SignedTransaction> hook) {
        return new TransactionSender(this, Objects.requireNonNull(hook, "hook"));
    }

    /**
     * Broadcasts and waits: {@link #broadcast} then {@link #awaitReceipt}.
     *
     * @param tx a signed transaction
     * @return its successful receipt with at least the configured confirmations
     * @throws TransactionRejectedException if the node refuses it
     * @throws TransactionRevertedException if it was mined with status 0
     * @throws ReceiptTimeoutException if no receipt (or not enough confirmations) in time
     * @throws ServiceUnavailableException if the node cannot be reached for the broadcast
     */
    public Receipt send(SignedTransaction tx) {
        broadcast(tx);
        return awaitReceipt(tx);
    }

    /**
     * Sends the raw transaction with {@code eth_sendRawTransaction}.
     *
     * @param tx a signed transaction
     * @return its hash ({@code 0x} hex, Keccak-256 of the raw bytes)
     * @throws TransactionRejectedException if the node refuses it
     * @throws ServiceUnavailableException if the node cannot be reached
     */
    public String broadcast(SignedTransaction tx) {
        try {
            String hash = node.sendRawTransaction(tx.raw());
            if (hash != null && !hash.equalsIgnoreCase(tx.hash())) {
                progress.accept("The node reported hash " + hash + " for transaction " + tx.hash() + "; waiting for "
                        + tx.hash());
            }
            progress.accept("Sent transaction " + tx.hash() + " to " + node.describe());
        } catch (RpcErrorException e) {
            if (NodeErrors.classify(e.rpcMessage()) != NodeErrors.Kind.ALREADY_KNOWN) {
                throw NodeErrors.forSend(e, tx, node);
            }
            progress.accept("The node at " + node.describe() + " already has transaction " + tx.hash() + " (\""
                    + e.rpcMessage() + "\"); waiting for it");
        }
        return tx.hash();
    }

    /**
     * Picks up a transaction that an earlier run signed and recorded (journal or deployment
     * ledger) but may not have seen mined: if the node has its receipt, waits for the
     * confirmations; if the node has it pending, waits; if the node does not know it and the
     * sender's nonce is still free, broadcasts the same raw bytes again. Nothing is signed.
     *
     * @param tx the recorded signed transaction
     * @return its successful receipt
     * @throws TransactionRejectedException if the nonce was used by another transaction
     * @throws TransactionRevertedException if it was mined with status 0
     * @throws ReceiptTimeoutException if no receipt in time
     */
    public Receipt resume(SignedTransaction tx) {
        if (node.receipt(tx.hash()).isEmpty() && !node.knowsTransaction(tx.hash())) {
            rebroadcastIfNonceFree(tx, "is not known to the node");
        } else {
            progress.accept("Transaction " + tx.hash() + " is known to " + node.describe() + "; waiting for it");
        }
        return awaitReceipt(tx);
    }

    private void rebroadcastIfNonceFree(SignedTransaction tx, String why) {
        BigInteger used = node.transactionCount(tx.from(), "latest");
        BigInteger nonce = new BigInteger(tx.nonce());
        if (used.compareTo(nonce) > 0) {
            if (node.receipt(tx.hash()).isPresent()) {
                return; // mined between the two questions
            }
            throw new TransactionRejectedException(
                    "Transaction " + tx.hash() + " (nonce " + nonce + " from " + tx.from()
                            + ") " + why + ", and nonce " + nonce
                            + " was used by another transaction (the account's nonce is now " + used
                            + "), so it can never be mined. Nothing was sent. Find out what used the nonce (another build or wallet"
                            + " with the same key?) before signing again",
                    null);
        }
        progress.accept("Transaction " + tx.hash() + " " + why + "; broadcasting the same signed transaction again"
                + " (nonce " + nonce + " is still free)");
        try {
            node.sendRawTransaction(tx.raw());
        } catch (RpcErrorException e) {
            if (NodeErrors.classify(e.rpcMessage()) != NodeErrors.Kind.ALREADY_KNOWN) {
                progress.accept("The node refused the re-broadcast of " + tx.hash() + " (\"" + e.rpcMessage()
                        + "\"); still waiting");
            }
        }
    }

    /**
     * Waits for the receipt and the configured confirmations.
     *
     * @param tx a transaction that was broadcast
     * @return its successful receipt
     * @throws TransactionRevertedException if it was mined with status 0
     * @throws ReceiptTimeoutException if no receipt (or not enough confirmations) in time
     */
    public Receipt awaitReceipt(SignedTransaction tx) {
        long start = clock.millis();
        long deadline = start + options.receiptTimeout().toMillis();
        long nextProgress = start + options.progressInterval().toMillis();
        long nextDropCheck = start + options.progressInterval().toMillis() * 2;
        Receipt mined = null;
        while (true) {
            try {
                Optional<TransactionReceipt> found = node.receipt(tx.hash());
                if (found.isEmpty()) {
                    mined = null;
                    long now = clock.millis();
                    if (now >= nextDropCheck) {
                        nextDropCheck = now + options.progressInterval().toMillis() * 2;
                        if (!node.knowsTransaction(tx.hash())) {
                            rebroadcastIfNonceFree(tx, "was dropped by the node");
                        }
                        whileWaiting.accept(tx);
                    }
                } else {
                    Receipt receipt = Receipt.of(found.get(), 1);
                    if (!receipt.success()) {
                        throw reverted(tx, receipt);
                    }
                    if (mined == null || !receipt.blockHash().equals(mined.blockHash())) {
                        if (mined != null) {
                            progress.accept("Transaction " + tx.hash() + " moved from block " + mined.blockNumber()
                                    + " to block " + receipt.blockNumber() + " (reorganisation)");
                        }
                        mined = receipt;
                        progress.accept("Transaction " + tx.hash() + " mined in block " + receipt.blockNumber());
                    }
                    long confirmations = options.confirmations() == 1
                            ? 1
                            : node.blockNumber()
                                            .subtract(BigInteger.valueOf(receipt.blockNumber()))
                                            .longValueExact()
                                    + 1;
                    if (confirmations >= options.confirmations()) {
                        return receipt.withConfirmations(confirmations);
                    }
                    mined = mined.withConfirmations(confirmations);
                }
            } catch (ServiceUnavailableException e) {
                progress.accept("The node did not answer while waiting for " + tx.hash() + " (" + e.getMessage()
                        + "); asking again");
            }
            long now = clock.millis();
            if (now >= deadline) {
                throw timeout(tx, mined, now - start);
            }
            if (now >= nextProgress) {
                progress.accept(
                        mined == null
                                ? "Waiting for the receipt of " + tx.hash() + " (" + seconds(now - start) + " of "
                                        + options.receiptTimeout().toSeconds() + " s)"
                                : "Waiting for confirmations of " + tx.hash() + ": " + mined.confirmations() + " of "
                                        + options.confirmations() + " (" + seconds(now - start) + " of "
                                        + options.receiptTimeout().toSeconds() + " s)");
                nextProgress = now + options.progressInterval().toMillis();
            }
            try {
                clock.sleep(Math.min(options.pollInterval().toMillis(), Math.max(1, deadline - now)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KmsEthereumException(
                        KmsEthereumException.Fault.ENVIRONMENT,
                        "Interrupted while waiting for the receipt of " + tx.hash()
                                + "; the transaction was sent and may still be mined",
                        e);
            }
        }
    }

    private TransactionRevertedException reverted(SignedTransaction tx, Receipt receipt) {
        String reason = null;
        String replay;
        BigInteger gasLimit = new BigInteger(tx.gasLimit());
        CallRequest call = new CallRequest(
                tx.from(),
                tx.to(),
                new BigInteger(tx.value()),
                Numeric.hexStringToByteArray(tx.data()),
                gasLimit,
                tx.accessList());
        try {
            node.call(call, BigInteger.valueOf(receipt.blockNumber()));
            replay = "the node gave no reason: replaying the call with eth_call at block " + receipt.blockNumber()
                    + " did not revert";
        } catch (RpcErrorException e) {
            reason = RevertReasons.isRevert(e) ? RevertReasons.reason(e) : e.rpcMessage();
            replay = reason == null ? "the node gave no reason" : "reason: " + reason;
        } catch (ServiceUnavailableException e) {
            replay = "the reason is unknown: replaying the call failed (" + e.getMessage() + ")";
        }
        String gas = receipt.gasUsed().equals(gasLimit)
                ? " It used all of its gas limit (" + gasLimit
                        + "): if it ran out of gas, raise gasLimit or gasLimitMargin."
                : "";
        return new TransactionRevertedException(
                "Transaction " + tx.hash() + " reverted in block " + receipt.blockNumber() + ", "
                        + replay + ". It was mined and its fee"
                        + (receipt.fee() == null ? "" : " of " + Amounts.format(receipt.fee()))
                        + " paid, but its effects were undone (gas used " + receipt.gasUsed() + " of " + gasLimit + ")."
                        + gas
                        + " Check to, data or function/arguments, value and the contract's state before sending again",
                reason,
                receipt,
                null);
    }

    private ReceiptTimeoutException timeout(SignedTransaction tx, Receipt mined, long waitedMillis) {
        String what = mined == null
                ? "No receipt for transaction " + tx.hash() + " (nonce " + tx.nonce() + " from " + tx.from()
                        + ") after "
                        + seconds(waitedMillis) + " s (receiptTimeout "
                        + options.receiptTimeout().toSeconds() + " s). It was sent to "
                        + node.describe()
                        + " and may still be mined. It is recorded: running the build again waits for this same"
                        + " transaction (or broadcasts it again if the node dropped it) and signs nothing new. If the node is slow"
                        + " to mine, raise receiptTimeout; if the fee is too low for the network, raise maxFeePerGas or gasPrice"
                : "Transaction " + tx.hash() + " was mined in block " + mined.blockNumber() + " but has only "
                        + mined.confirmations() + " of " + options.confirmations() + " confirmations after "
                        + seconds(waitedMillis)
                        + " s (receiptTimeout " + options.receiptTimeout().toSeconds()
                        + " s). Raise receiptTimeout or lower"
                        + " confirmations; do not send it again";
        return new ReceiptTimeoutException(what, tx.hash());
    }

    private static long seconds(long millis) {
        return Math.round(millis / 1000.0);
    }
}
