package io.kmsethereum.core.tx;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.KmsEthereumException.Fault;
import io.kmsethereum.core.input.Amounts;
import io.kmsethereum.core.rpc.Chains;
import io.kmsethereum.core.rpc.NodeClient;
import io.kmsethereum.core.store.Records;
import io.kmsethereum.core.store.StateStore;
import io.kmsethereum.core.store.StateStore.StoredRecord;
import io.kmsethereum.core.store.StateStoreException;
import io.kmsethereum.core.store.StoreKeys;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The one resume mechanism of every goal that sends transactions ({@code kms-sign} with
 * {@code broadcast}, {@code kms-deploy-contract}): a <em>step</em> is a named unit of work that
 * sends one transaction, recorded in the {@link StateStore} as a {@link StepRecord}.
 *
 * <ol>
 *   <li>{@link #lookup}: the step's record decides. None: a fresh step. The same intent: the
 *       recorded transaction is resumed ({@link #awaitAndFinish}: waited for, or re-broadcast with the
 *       same bytes), nothing is signed. Another intent: if the recorded transaction is pending,
 *       fail; if it was mined, fail unless a new transaction was asked for on purpose; if it was
 *       never mined, sign anew.
 *   <li>{@link #checkUnknownPending}: the node's pending transactions of the account must all be
 *       known to the store (else another run, on a machine whose records this store does not see,
 *       may be paying the same thing).
 *   <li>{@link #claim}: a nonce through {@link NonceLeases}; then the caller fills, checks
 *       that the account can pay ({@link #checkFunds}) and signs.
 *   <li>{@link #record}: the signed transaction goes into the step record (create-only, or
 *       compare-and-swap over a record for other parameters) and into the nonce claim, before
 *       anything is broadcast. A run that loses the step record to another run releases its
 *       nonce and resumes the winner's transaction.
 *   <li>{@link #send} / {@link #awaitAndFinish}: broadcast, wait (filling nonce gaps below
 *       while waiting), then mark the record mined.
 * </ol>
 *
 * Thread-safe as far as the store and node are; one instance per goal execution.
 */
public final class TransactionSteps {
    private final StateStore store;
    private final NodeClient node;
    private final NonceLeases leases;
    private final TransactionSender sender;
    private final Function<TransactionRequest, TransactionRequest> fill;
    private final Function<TransactionRequest, SignedTransaction> sign;
    private final String runId;
    private final Consumer<String> log;
    private final boolean checkUnknownPending;

    /**
     * @param store the state store
     * @param node the node
     * @param leases nonce leases on the same store
     * @param sender broadcasts and waits
     * @param fill completes a request from the node (fees, gas; the nonce is always set)
     * @param sign signs a complete request (one KMS {@code Sign})
     * @param runId this run's id
     * @param log progress lines
     * @param checkUnknownPending whether {@link #run} stops on pending transactions the store
     *     does not know ({@link #checkUnknownPending})
     */
    public TransactionSteps(
            StateStore store,
            NodeClient node,
            NonceLeases leases,
            TransactionSender sender,
            Function<TransactionRequest, TransactionRequest> fill,
            Function<TransactionRequest, SignedTransaction> sign,
            String runId,
            Consumer<String> log,
            boolean checkUnknownPending) {
        this.checkUnknownPending = checkUnknownPending;
        this.store = Objects.requireNonNull(store, "store");
        this.node = Objects.requireNonNull(node, "node");
        this.leases = Objects.requireNonNull(leases, "leases");
        this.fill = Objects.requireNonNull(fill, "fill");
        this.sign = Objects.requireNonNull(sign, "sign");
        this.runId = Objects.requireNonNull(runId, "runId");
        this.log = Objects.requireNonNull(log, "log");
        this.sender = sender.whileWaiting(this::fillGapsBelow);
    }

    /**
     * A step, identified in the store.
     *
     * @param chainId chain id
     * @param from the sending account
     * @param name the step name
     * @param intent SHA-256 hex of what was asked for (see {@link #intent})
     */
    public record Step(long chainId, String from, String name, String intent) {
        /**
         * @return the step record's key
         */
        public String key() {
            return StoreKeys.step(chainId, from, name);
        }
    }

    /**
     * What the store says about a step before anything is signed.
     *
     * @param step the step
     * @param recorded its record, when it has one for the same intent (resume it), else
     *     {@code null} (sign a new transaction)
     * @param version the version of the record found (same intent, or one to replace), or
     *     {@code null} when the step has no record
     */
    public record Lookup(Step step, StepRecord recorded, String version) {
        /**
         * @return whether the recorded transaction is to be resumed
         */
        public boolean resumes() {
            return recorded != null;
        }
    }

    /**
     * A nonce for a fresh step.
     *
     * @param lookup the step's lookup
     * @param claim the nonce claim, or {@code null} for a nonce the user set
     * @param nonce the nonce to sign with
     */
    public record Prepared(Lookup lookup, NonceLeases.Claim claim, BigInteger nonce) {}

    /**
     * A step whose signed transaction is recorded.
     *
     * @param step the step
     * @param record the record
     * @param version its version
     * @param ours whether this run signed it (else another run's, found while recording)
     */
    public record Recorded(Step step, StepRecord record, String version, boolean ours) {}

    /**
     * @param step the step
     * @param newTransaction whether a new transaction may replace a mined one for other
     *     parameters
     * @param stepParameter the parameter that names the step, for messages ({@code journalKey},
     *     {@code deploymentName})
     * @return what to do
     * @throws InvalidInputException ({@code stepParameter}) if the step's recorded transaction is
     *     for other parameters and pending, or mined and {@code newTransaction} is not set
     * @throws StateStoreException if the record cannot be read
     */
    public Lookup lookup(Step step, boolean newTransaction, String stepParameter) {
        return lookup(
                step,
                newTransaction,
                stepParameter,
                "give it a step of its own (a new " + stepParameter + ", e.g. with the release version) or set"
                        + " newTransaction to true");
    }

    /**
     * As {@link #lookup(Step, boolean, String)}, with the goal's own advice for a step whose
     * transaction was mined with other parameters.
     *
     * @param step the step
     * @param newTransaction whether a new transaction may replace a mined one for other
     *     parameters
     * @param stepParameter the parameter that names the step, for messages
     * @param sendAnew how to send a new transaction on purpose, completing the sentence "To send
     *     a new transaction on purpose, …"
     * @return what to do
     * @throws InvalidInputException ({@code stepParameter}) as {@link #lookup(Step, boolean, String)}
     * @throws StateStoreException if the record cannot be read
     */
    public Lookup lookup(Step step, boolean newTransaction, String stepParameter, String sendAnew) {
        Optional<StoredRecord> found = store.read(step.key());
        if (found.isEmpty()) {
            return new Lookup(step, null, null);
        }
        StepRecord record = Records.parse(store, step.key(), found.get().content(), StepRecord.class);
        String where = store.location(step.key());
        if (StepRecord.ABANDONED.equals(record.state())) {
            return new Lookup(step, null, found.get().version()); // never sent: as if absent
        }
        if (record.intent().equals(step.intent())) {
            return new Lookup(step, record, found.get().version());
        }
        String hash = record.transaction().hash();
        Optional<org.web3j.protocol.core.methods.response.TransactionReceipt> receipt =
                record.isMined() ? Optional.empty() : node.receipt(hash);
        boolean reverted = receipt.isPresent() && !receipt.get().isStatusOK();
        boolean mined = record.isMined() || receipt.isPresent() && !reverted;
        if (reverted) {
            log.accept("The transaction recorded for step '" + step.name() + "' in " + where + " (" + hash
                    + ") reverted, so the step did not happen; the step's new parameters get a new transaction");
        } else if (mined) {
            if (!newTransaction) {
                throw new InvalidInputException(
                        stepParameter,
                        "step '" + step.name() + "' already sent transaction " + hash + " (recorded in " + where
                                + ", mined) with other parameters, and a finished step sends nothing again."
                                + " Nothing was signed. To send a new transaction on purpose, " + sendAnew);
            }
            log.accept("Step '" + step.name() + "' sent " + hash + " with other parameters; newTransaction is set,"
                    + " so a new transaction replaces that record");
        } else if (!reverted && node.knowsTransaction(hash)) {
            throw new InvalidInputException(
                    stepParameter,
                    "step '" + step.name() + "' has a different transaction recorded in " + where + " (" + hash
                            + ") that is still pending. Wait until it is mined, or give this transaction its own step"
                            + " with " + stepParameter);
        } else if (!reverted) {
            log.accept("The transaction recorded for step '" + step.name() + "' in " + where + " (" + hash
                    + ") was for other parameters and never mined; signing a new one");
        }
        return new Lookup(step, null, found.get().version());
    }

    /**
     * Reads the step's record without deciding anything (no node call, no log line).
     *
     * @param step a step
     * @return whether the store holds a transaction of this step for the same intent, signed or
     *     mined (not abandoned): an earlier or concurrent run decided to send it, and
     *     {@link #lookup} resumes it
     * @throws StateStoreException if the record cannot be read
     */
    public boolean recorded(Step step) {
        return recordOf(step).isPresent();
    }

    /**
     * @param step a step
     * @return the step's record when {@link #recorded} holds, else empty
     * @throws StateStoreException if the record cannot be read
     */
    public Optional<StepRecord> recordOf(Step step) {
        Optional<StoredRecord> found = store.read(step.key());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        StepRecord record = Records.parse(store, step.key(), found.get().content(), StepRecord.class);
        return !StepRecord.ABANDONED.equals(record.state()) && record.intent().equals(step.intent())
                ? Optional.of(record)
                : Optional.empty();
    }

    /**
     * Fails before anything is signed when the node holds pending transactions of the account
     * ({@code eth_getTransactionCount} pending above latest) that no nonce claim in the store
     * records: another run, one this store does not see, may be sending the same thing.
     *
     * @param chainId the chain id
     * @param from the account
     * @throws InvalidInputException ({@code stateStore}) naming the unknown nonces and how to go on
     */
    public void checkUnknownPending(long chainId, String from) {
        BigInteger latest = node.transactionCount(from, "latest");
        BigInteger pending = node.transactionCount(from, "pending");
        List<BigInteger> unknown = new ArrayList<>();
        for (BigInteger n = latest; n.compareTo(pending) < 0; n = n.add(BigInteger.ONE)) {
            String key = StoreKeys.nonceClaim(chainId, from, n);
            Optional<StoredRecord> claim = store.read(key);
            boolean known = leases.claimedByThisBuild(from, n)
                    || claim.isPresent()
                            && Records.parse(store, key, claim.get().content(), NonceClaim.class)
                                            .transaction()
                                    != null;
            if (!known) {
                unknown.add(n);
            }
        }
        if (!unknown.isEmpty()) {
            throw new InvalidInputException(
                    "stateStore",
                    "the node has " + unknown.size() + " pending transaction(s) of " + from + " (nonce "
                            + unknown + ") that " + store.describe() + " does not know: an earlier run on another"
                            + " machine or checkout, or another wallet with this key, sent them and they are not mined"
                            + " yet. Nothing was signed. Share the records between runs with stateStore=s3://bucket/prefix,"
                            + " wait until they are mined, or set ignoreUnknownPending=true to"
                            + " sign after them on purpose");
        }
    }

    /**
     * Fails before anything is signed when the account cannot pay for the transactions this
     * execution is about to sign: its balance must be at least the sum of their
     * {@link TransactionRequest#maxCostWei() gasLimit × maxFeePerGas (or gasPrice) + value}, the
     * amount a node checks before it accepts a transaction. Else the node would refuse the
     * transaction only after the KMS {@code Sign}.
     *
     * <p>The balance is {@code eth_getBalance} at {@code pending}: the account's transactions
     * that the node already holds (a resumed step, an earlier execution of this build) are
     * mined before these, so what they spend is not available to these. A node without a
     * pending state answers with the latest balance.
     *
     * @param chainId the chain id, for the message
     * @param from the sending account
     * @param complete the filled requests about to be signed (nothing is asked when empty); each
     *     needs its gas limit and the fee field of its type ({@link TransactionRequest#maxCostWei})
     * @throws InsufficientFundsException naming the account, what is needed, the balance, what
     *     is missing and how to fund it
     * @throws io.kmsethereum.core.KmsEthereumException for node errors of {@code eth_getBalance}
     *     (nothing is signed then either)
     * @throws IllegalStateException if a request lacks its gas limit or fee
     */
    public void checkFunds(long chainId, String from, List<TransactionRequest> complete) {
        if (complete.isEmpty()) {
            return;
        }
        BigInteger needed = BigInteger.ZERO;
        for (TransactionRequest request : complete) {
            needed = needed.add(request.maxCostWei());
        }
        BigInteger balance = node.balance(from, "pending");
        if (balance.compareTo(needed) >= 0) {
            return;
        }
        BigInteger missing = needed.subtract(balance);
        String fee = complete.get(0).type().feeMarket() ? "maxFeePerGas" : "gasPrice";
        String what = complete.size() == 1 ? "its transaction" : "its " + complete.size() + " transactions";
        throw new InsufficientFundsException("Insufficient funds: " + from + " on chain id " + chainId
                + " has a balance of " + Amounts.formatEtherAndWei(balance) + " (eth_getBalance, pending, at "
                + node.describe() + "), but " + what + " in this execution can cost up to "
                + Amounts.formatEtherAndWei(needed) + " (gasLimit × " + fee + " + value"
                + (complete.size() == 1 ? "" : ", summed") + "): " + Amounts.formatEtherAndWei(missing)
                + " is missing. Nothing was signed. Send at least the missing amount to " + from
                + " and run the build again"
                + (Chains.isLocalDevelopment(chainId)
                        ? " (on a local Anvil node: cast send " + from + " --value " + missing
                                + " --private-key <a funded account's key> --rpc-url " + node.describe()
                                + ", or cast rpc anvil_setBalance " + from + " 0x8ac7230489e80000 --rpc-url "
                                + node.describe() + " for 10 ether)"
                        : "")
                + ", or lower value, gasLimit or " + fee);
    }

    /**
     * @param prepared a step with its nonce
     * @param request the request as configured
     * @return the request with that nonce, completed from the node
     */
    public TransactionRequest fill(Prepared prepared, TransactionRequest request) {
        return fill.apply(request.withNonce(prepared.nonce()));
    }

    /**
     * @param complete a complete request
     * @return it signed (one KMS {@code Sign})
     */
    public SignedTransaction sign(TransactionRequest complete) {
        return sign.apply(complete);
    }

    /**
     * @param step a step
     * @return where its record lives, for messages
     */
    public String location(Step step) {
        return store.location(step.key());
    }

    /**
     * @param lookup a fresh step's lookup
     * @param configured the nonce the user set, or {@code null} to claim the next one
     * @return the step with its nonce: claimed through the leases, or the configured one (not
     *     claimed: the user has taken the nonce into their own hands)
     */
    public Prepared claim(Lookup lookup, BigInteger configured) {
        return claim(lookup, configured, 1);
    }

    /**
     * @param lookup a fresh step's lookup
     * @param configured the nonce the user set, or {@code null} to claim the next ones
     * @param senderNonces how many consecutive nonces of the sender the transaction uses: 2 for
     *     a self-sponsored EIP-7702 transaction (its sender's authorization takes the next one),
     *     else 1
     * @return the step with its (first) nonce
     */
    public Prepared claim(Lookup lookup, BigInteger configured, int senderNonces) {
        if (lookup.resumes()) {
            throw new IllegalStateException("step " + lookup.step().name() + " resumes; it needs no nonce");
        }
        Step step = lookup.step();
        if (configured != null) {
            log.accept("nonce " + configured + " is set: it is used as it is, without a claim in the state store");
            return new Prepared(lookup, null, configured);
        }
        NonceLeases.Claim claim = leases.claim(step.chainId(), step.from(), step.name(), senderNonces);
        return new Prepared(lookup, claim, claim.nonce());
    }

    /**
     * Gives back the nonce of a step that will not be signed or recorded (an error while
     * filling), so it leaves no gap.
     *
     * @param prepared the step
     */
    public void release(Prepared prepared) {
        if (prepared.claim() != null) {
            leases.release(prepared.claim());
        }
    }

    /**
     * Records the signed transaction before it is broadcast: the step record first (create-only,
     * or compare-and-swap over a record for other parameters), then the nonce claim. If another
     * run recorded the same step first, this run's nonce is released and the other run's record
     * is returned (resume it; send nothing of this run's).
     *
     * @param prepared the step and its nonce
     * @param tx the transaction signed with the claim's nonce
     * @return the record to send (ours) or to resume (another run's)
     * @throws StateStoreException if the nonce claim was taken over (nothing is sent then)
     */
    public Recorded record(Prepared prepared, SignedTransaction tx) {
        Step step = prepared.lookup().step();
        StepRecord record =
                new StepRecord(Records.SCHEMA, step.name(), step.intent(), StepRecord.SIGNED, runId, tx, null);
        String previous = prepared.lookup().version();
        Optional<String> version = previous == null
                ? store.create(step.key(), Records.toBytes(record))
                : store.replace(step.key(), Records.toBytes(record), previous);
        if (version.isEmpty()) {
            release(prepared);
            Optional<StoredRecord> winner = store.read(step.key());
            if (winner.isEmpty()) {
                throw new StateStoreException(
                        Fault.ENVIRONMENT,
                        "The step record " + store.location(step.key()) + " changed while this run wrote it and is now"
                                + " gone; nothing was sent. Run again",
                        null);
            }
            StepRecord theirs = Records.parse(store, step.key(), winner.get().content(), StepRecord.class);
            if (!theirs.intent().equals(step.intent())) {
                throw new InvalidInputException(
                        "journalKey",
                        "another run recorded a transaction for other parameters under step '" + step.name() + "' ("
                                + theirs.transaction().hash() + ") while this run signed; nothing was sent. Give"
                                + " each transaction its own step");
            }
            log.accept(
                    "Another run (" + theirs.runId() + ") recorded step '" + step.name() + "' first, with transaction "
                            + theirs.transaction().hash() + "; this run's signature is discarded unsent and its nonce "
                            + prepared.nonce() + " released");
            return new Recorded(step, theirs, winner.get().version(), false);
        }
        if (prepared.claim() != null) {
            try {
                leases.recordSigned(prepared.claim(), tx);
            } catch (StateStoreException lost) {
                // the nonce went to another run: this transaction is never sent, so the step
                // record must not make a re-run wait for it
                StepRecord abandoned = new StepRecord(
                        Records.SCHEMA, step.name(), step.intent(), StepRecord.ABANDONED, runId, tx, null);
                store.replace(step.key(), Records.toBytes(abandoned), version.get());
                throw lost;
            }
        }
        log.accept("Recorded the signed transaction in " + store.location(step.key()) + " before sending it");
        return new Recorded(step, record, version.get(), true);
    }

    /**
     * @param recorded a step's recorded transaction (this run's)
     */
    public void broadcast(Recorded recorded) {
        sender.broadcast(recorded.record().transaction());
    }

    /**
     * Waits for a broadcast transaction (or, for {@code resume}, first checks it and
     * re-broadcasts it if the node lost it), then marks the step record mined.
     *
     * @param recorded the step's record
     * @param resume {@code true} for a transaction this run did not broadcast itself
     * @return its successful receipt
     * @throws TransactionRevertedException if it reverted
     * @throws ReceiptTimeoutException if no receipt in time
     */
    public Receipt awaitAndFinish(Recorded recorded, boolean resume) {
        SignedTransaction tx = recorded.record().transaction();
        Receipt receipt = resume ? sender.resume(tx) : sender.awaitReceipt(tx);
        if (!recorded.record().isMined()) {
            StepRecord mined = recorded.record().mined(receipt);
            if (store.replace(recorded.step().key(), Records.toBytes(mined), recorded.version())
                    .isEmpty()) {
                log.accept("The step record " + store.location(recorded.step().key())
                        + " was updated by another run meanwhile; left as it is");
            }
        }
        return receipt;
    }

    /**
     * Broadcast and wait for one recorded transaction of this run.
     *
     * @param recorded the step's record
     * @return its successful receipt
     */
    public Receipt send(Recorded recorded) {
        broadcast(recorded);
        return awaitAndFinish(recorded, false);
    }

    /**
     * The whole life of one step: resume it, or claim a nonce, fill and sign, record, send.
     *
     * @param lookup the step's lookup
     * @param request the request as configured (the nonce, when {@code null}, is claimed)
     * @param onSigned called with the transaction to be sent before it is broadcast (properties,
     *     output files)
     * @return the transaction and its receipt
     */
    public Outcome run(Lookup lookup, TransactionRequest request, Consumer<SignedTransaction> onSigned) {
        return run(lookup, request, 1, onSigned);
    }

    /**
     * As {@link #run(Lookup, TransactionRequest, Consumer)} for a transaction that uses
     * {@code senderNonces} consecutive nonces of its sender (2: a self-sponsored EIP-7702
     * transaction, see {@link #claim(Lookup, BigInteger, int)}).
     *
     * @param lookup the step's lookup
     * @param request the request as configured
     * @param senderNonces 1 or 2
     * @param onSigned called with the transaction to be sent before it is broadcast
     * @return the transaction and its receipt
     */
    public Outcome run(
            Lookup lookup, TransactionRequest request, int senderNonces, Consumer<SignedTransaction> onSigned) {
        if (lookup.resumes()) {
            StepRecord r = lookup.recorded();
            log.accept("Step '" + lookup.step().name() + "' already has transaction "
                    + r.transaction().hash()
                    + " (recorded in " + store.location(lookup.step().key()) + "); nothing new is signed. To send"
                    + " another transaction, give the step a new name (journalKey)");
            onSigned.accept(r.transaction());
            Recorded recorded = new Recorded(lookup.step(), r, lookup.version(), false);
            return new Outcome(r.transaction(), awaitAndFinish(recorded, true), true);
        }
        if (checkUnknownPending) {
            checkUnknownPending(lookup.step().chainId(), lookup.step().from());
        }
        Prepared prepared = claim(lookup, request.nonce(), senderNonces);
        SignedTransaction tx;
        try {
            TransactionRequest complete = fill.apply(request.withNonce(prepared.nonce()));
            checkFunds(lookup.step().chainId(), lookup.step().from(), List.of(complete));
            tx = sign.apply(complete);
        } catch (RuntimeException e) {
            release(prepared);
            throw e;
        }
        Recorded recorded = record(prepared, tx);
        onSigned.accept(recorded.record().transaction());
        if (!recorded.ours()) {
            return new Outcome(recorded.record().transaction(), awaitAndFinish(recorded, true), true);
        }
        return new Outcome(tx, send(recorded), false);
    }

    /**
     * @param transaction the step's transaction
     * @param receipt its receipt
     * @param resumed whether it was signed by an earlier (or another) run
     */
    public record Outcome(SignedTransaction transaction, Receipt receipt, boolean resumed) {}

    /**
     * @param request the request as configured, before the node filled anything
     * @return 64 hex digits: SHA-256 of its canonical JSON, the step's intent
     */
    public static String intent(Object request) {
        try {
            byte[] json = io.kmsethereum.core.Json.MAPPER
                    .writeValueAsString(request)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return java.util.HexFormat.of()
                    .formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(json));
        } catch (java.io.IOException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void fillGapsBelow(SignedTransaction waiting) {
        leases.fillGaps(waiting.chainId(), waiting.from(), new BigInteger(waiting.nonce()), claim -> {
            TransactionType type = TransactionType.parse(waiting.type(), "txType");
            TransactionRequest selfTransfer = new TransactionRequest(
                    type == TransactionType.EIP7702 ? TransactionType.EIP1559 : type, // no authorization to repeat
                    waiting.chainId(),
                    claim.nonce(),
                    waiting.from(),
                    BigInteger.ZERO,
                    new byte[0],
                    BigInteger.valueOf(21_000),
                    null,
                    null,
                    null);
            return sign.apply(fill.apply(selfTransfer));
        });
    }
}
