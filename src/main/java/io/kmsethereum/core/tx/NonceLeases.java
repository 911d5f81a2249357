package io.kmsethereum.core.tx;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.KmsEthereumException.Fault;
import io.kmsethereum.core.rpc.NodeClient;
import io.kmsethereum.core.rpc.RpcErrorException;
import io.kmsethereum.core.store.Records;
import io.kmsethereum.core.store.StateStore;
import io.kmsethereum.core.store.StateStore.StoredRecord;
import io.kmsethereum.core.store.StateStoreException;
import io.kmsethereum.core.store.StoreKeys;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Nonces shared by every run that signs for one account, through a {@link StateStore} (the
 * protocol of {@code docs/failure-model.md}):
 *
 * <ol>
 *   <li><b>Reserve</b>: {@code n = max(node's pending nonce, the counter's next)}, then the
 *       counter ({@link NonceCounter}) is advanced to {@code n + 1} by compare-and-swap.
 *   <li><b>Claim</b>: {@code n} is claimed with a create-only {@link NonceClaim} holding the run
 *       id and a lease expiry.
 *   <li><b>Sign, then record</b>: the signed transaction goes into the claim by compare-and-swap
 *       ({@link #recordSigned}) before it is broadcast; if the lease was lost meanwhile, nothing is
 *       sent.
 * </ol>
 *
 * Before reserving a new nonce, the claims between the node's pending nonce and the counter are
 * looked at: one {@code released}, or {@code claimed} with an expired lease and no transaction
 * (its run died before signing), is taken over by compare-and-swap; one still within its lease is
 * waited for (at most until the lease ends), so that a dead run leaves no gap. A claim with a
 * signed transaction is never replaced: if the node does not know its transaction, the same raw
 * bytes are broadcast again. A run that waits for its receipt behind a nonce nobody will use
 * fills it ({@link #fillGaps}) with a zero-value transfer to the account itself.
 *
 * <p>Thread-safe: all coordination is in the store. Lease expiries are wall-clock instants, so
 * runners' clocks must agree to within a fraction of the lease.
 */
public final class NonceLeases {
    /** Default lease: time from claiming a nonce to recording the signed transaction. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(60);

    private static final int MAX_ROUNDS = 200;

    private final StateStore store;
    private final NodeClient node;
    private final String runId;
    private final Duration lease;
    private final Clock clock;
    private final Consumer<String> log;
    private final Sleeper sleeper;
    private NonceAllocator build;

    /** Pauses between rounds; replaceable in tests. */
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    /**
     * A nonce this run holds.
     *
     * @param chainId chain id
     * @param address the account, lower case
     * @param nonce the nonce
     * @param key the claim's store key
     * @param version the claim's version after this run's last write
     * @param record the claim as last written
     * @param companion the claim of {@code nonce + 1} that the same transaction uses (the
     *     sender's own EIP-7702 authorization, checked after the transaction's nonce is
     *     incremented), or {@code null}
     */
    public record Claim(
            long chainId,
            String address,
            BigInteger nonce,
            String key,
            String version,
            NonceClaim record,
            Claim companion) {
        /**
         * A claim of one nonce.
         *
         * @param chainId chain id
         * @param address the account, lower case
         * @param nonce the nonce
         * @param key the claim's store key
         * @param version the claim's version
         * @param record the claim as last written
         */
        public Claim(long chainId, String address, BigInteger nonce, String key, String version, NonceClaim record) {
            this(chainId, address, nonce, key, version, record, null);
        }
    }

    /**
     * @param store the state store
     * @param node the node ({@code eth_getTransactionCount}, re-broadcasts)
     * @param runId this run's id (unique per build; written into claims)
     * @param lease how long a claim without a signed transaction is reserved, at least 1 s
     * @param log receives one line per claim, takeover and wait
     * @throws InvalidInputException ({@code nonceLeaseSeconds}) for a lease under 1 s
     */
    public NonceLeases(StateStore store, NodeClient node, String runId, Duration lease, Consumer<String> log) {
        this(store, node, runId, lease, log, Clock.systemUTC(), Thread::sleep);
    }

    NonceLeases(
            StateStore store,
            NodeClient node,
            String runId,
            Duration lease,
            Consumer<String> log,
            Clock clock,
            Sleeper sleeper) {
        if (lease == null || lease.toMillis() < 1000) {
            throw new InvalidInputException(
                    "nonceLeaseSeconds", "must be at least 1 second, was " + (lease == null ? "empty" : lease));
        }
        this.store = Objects.requireNonNull(store, "store");
        this.node = Objects.requireNonNull(node, "node");
        this.runId = Objects.requireNonNull(runId, "runId");
        this.lease = lease;
        this.log = Objects.requireNonNull(log, "log");
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * @param allocator the build's allocator for this node: claims of this build are made one at
     *     a time and never below a nonce the build already took, so executions whose stores differ
     *     (each module of a multi-module build has its own local files) still get distinct nonces
     * @return this
     */
    public NonceLeases withinBuild(NonceAllocator allocator) {
        this.build = allocator;
        return this;
    }

    /**
     * @param address the account
     * @param nonce a nonce
     * @return whether an execution of this build claimed it (possibly in another module's store)
     */
    public boolean claimedByThisBuild(String address, BigInteger nonce) {
        return build != null && build.tookByThisBuild(address, nonce);
    }

    /**
     * Reserves and claims the next nonce of the account for a step.
     *
     * @param chainId the chain id
     * @param address the account (any case)
     * @param step the step the nonce is for (written into the claim)
     * @return the claim
     * @throws StateStoreException if the store fails or no nonce could be claimed in
     *     {@value #MAX_ROUNDS} rounds of contention
     */
    public Claim claim(long chainId, String address, String step) {
        return claim(chainId, address, step, 1);
    }

    /**
     * Reserves and claims the next {@code count} consecutive nonces of the account for one step:
     * 2 for a self-sponsored EIP-7702 transaction, whose sender authorization takes the nonce
     * after the transaction's. The counter advances by {@code count} in one compare-and-swap, and
     * each nonce gets its claim; the second is the first's {@link Claim#companion()}. A claim of
     * two nonces does not take over a single released or expired nonce below the counter: the
     * run that waits above it fills it ({@link #fillGaps}).
     *
     * @param chainId the chain id
     * @param address the account (any case)
     * @param step the step the nonces are for
     * @param count 1 or 2
     * @return the claim of the first nonce, with the second as its companion
     * @throws StateStoreException as {@link #claim(long, String, String)}
     */
    public Claim claim(long chainId, String address, String step, int count) {
        if (count != 1 && count != 2) {
            throw new IllegalArgumentException("a step claims 1 or 2 nonces, not " + count);
        }
        if (build == null) {
            return claimUnlocked(chainId, address, step, count);
        }
        synchronized (build.lock(address)) {
            Claim claim = claimUnlocked(chainId, address, step, count);
            for (Claim c = claim; c != null; c = c.companion()) {
                build.taken(address, c.nonce());
            }
            return claim;
        }
    }

    private Claim claimUnlocked(long chainId, String address, String step, int count) {
        String account = address.toLowerCase(Locale.ROOT);
        String counterKey = StoreKeys.nonceCounter(chainId, account);
        for (int round = 0; round < MAX_ROUNDS; round++) {
            BigInteger pending = node.transactionCount(account, "pending");
            if (build != null) {
                pending = pending.max(build.peek(account)); // nonces this build already took
            }
            Optional<StoredRecord> counterRecord = store.read(counterKey);
            BigInteger next = counterRecord
                    .map(r -> new BigInteger(Records.parse(store, counterKey, r.content(), NonceCounter.class)
                            .next()))
                    .orElse(BigInteger.ZERO);
            // claims the node has not seen yet: take over the abandoned ones, wait for live ones
            // (a claim of two consecutive nonces goes above them; gaps are filled by the waiting run)
            boolean waited = false;
            for (BigInteger n = pending; count == 1 && n.compareTo(next) < 0; n = n.add(BigInteger.ONE)) {
                Reuse reuse = reuse(chainId, account, n, step);
                if (reuse.claim() != null) {
                    return reuse.claim();
                }
                if (reuse.waitMillis() > 0) {
                    pause(Math.min(reuse.waitMillis(), 1000));
                    waited = true;
                    break;
                }
            }
            if (waited) {
                continue;
            }
            BigInteger n = pending.max(next);
            byte[] counter = Records.toBytes(new NonceCounter(
                    Records.SCHEMA,
                    chainId,
                    account,
                    n.add(BigInteger.valueOf(count)).toString()));
            Optional<String> advanced = counterRecord.isEmpty()
                    ? store.create(counterKey, counter)
                    : store.replace(counterKey, counter, counterRecord.get().version());
            if (advanced.isEmpty()) {
                pause(5 + (long) (Math.random() * 20 * Math.min(round + 1, 10))); // another run won; again
                continue;
            }
            NonceClaim claim = claimed(chainId, account, n, step);
            String key = StoreKeys.nonceClaim(chainId, account, n);
            Optional<String> version = store.create(key, Records.toBytes(claim));
            if (version.isPresent() && count == 2) {
                Claim first = new Claim(chainId, account, n, key, version.get(), claim);
                BigInteger m = n.add(BigInteger.ONE);
                NonceClaim second = claimed(chainId, account, m, step);
                String secondKey = StoreKeys.nonceClaim(chainId, account, m);
                Optional<String> secondVersion = store.create(secondKey, Records.toBytes(second));
                if (secondVersion.isEmpty()) {
                    release(first); // n + 1 is someone's: both again, above it
                    continue;
                }
                log.accept("Claimed nonces " + n + " and " + m + " of " + account + " for step '" + step
                        + "' in " + store.describe() + " (the transaction and the sender's own EIP-7702"
                        + " authorization; node pending " + pending + ", store's next " + next + ")");
                return new Claim(
                        chainId,
                        account,
                        n,
                        key,
                        version.get(),
                        claim,
                        new Claim(chainId, account, m, secondKey, secondVersion.get(), second));
            }
            if (version.isPresent()) {
                log.accept("Claimed nonce " + n + " of " + account + " for step '" + step + "' in " + store.describe()
                        + " (node pending " + pending + ", store's next " + next + ")");
                return new Claim(chainId, account, n, key, version.get(), claim);
            }
            // a claim already exists at n (left by a run that reset the counter): looked at next round
        }
        throw new StateStoreException(
                Fault.ENVIRONMENT,
                "Could not claim a nonce of " + account + " in " + store.describe() + " after " + MAX_ROUNDS
                        + " rounds: too many runs are signing for this account at once. Nothing was signed; run"
                        + " again",
                null);
    }

    /** The result of looking at one claim: taken over, wait for it, or move on. */
    private record Reuse(Claim claim, long waitMillis) {}

    private Reuse reuse(long chainId, String account, BigInteger n, String step) {
        String key = StoreKeys.nonceClaim(chainId, account, n);
        Optional<StoredRecord> found = store.read(key);
        NonceClaim mine = claimed(chainId, account, n, step);
        if (found.isEmpty()) {
            // the counter passed n but no claim was written (its run died in between)
            return store.create(key, Records.toBytes(mine))
                    .map(v -> took(key, v, mine, "was reserved but never claimed"))
                    .orElse(new Reuse(null, 0));
        }
        NonceClaim other = Records.parse(store, key, found.get().content(), NonceClaim.class);
        switch (other.state()) {
            case NonceClaim.RELEASED -> {
                return store.replace(key, Records.toBytes(mine), found.get().version())
                        .map(v -> took(key, v, mine, "was released by run " + other.runId()))
                        .orElse(new Reuse(null, 0));
            }
            case NonceClaim.CLAIMED -> {
                if (runId.equals(other.runId())) {
                    return new Reuse(null, 0); // this build's own claim, in use by another execution of it
                }
                long left = Instant.parse(other.leaseExpiresAt()).toEpochMilli()
                        - clock.instant().toEpochMilli();
                if (left > 0) {
                    log.accept("Nonce " + n + " is claimed by run " + other.runId() + " (step '" + other.step()
                            + "') until " + other.leaseExpiresAt() + " without a signed transaction yet; waiting");
                    return new Reuse(null, left);
                }
                return store.replace(key, Records.toBytes(mine), found.get().version())
                        .map(v -> took(
                                key,
                                v,
                                mine,
                                "was claimed by run " + other.runId() + " (step '" + other.step()
                                        + "'), whose lease ended at " + other.leaseExpiresAt()
                                        + " before it signed anything"))
                        .orElse(new Reuse(null, 0));
            }
            default -> {
                rebroadcastIfUnknown(other);
                return new Reuse(null, 0);
            }
        }
    }

    private Reuse took(String key, String version, NonceClaim mine, String why) {
        log.accept("Took over nonce " + mine.nonce() + " of " + mine.address() + " for step '" + mine.step() + "': it "
                + why);
        return new Reuse(
                new Claim(mine.chainId(), mine.address(), new BigInteger(mine.nonce()), key, version, mine), 0);
    }

    private NonceClaim claimed(long chainId, String account, BigInteger n, String step) {
        return new NonceClaim(
                Records.SCHEMA,
                chainId,
                account,
                n.toString(),
                NonceClaim.CLAIMED,
                runId,
                step,
                clock.instant().plus(lease).toString(),
                null);
    }

    /**
     * Records the signed transaction in the claim (compare-and-swap) before it is broadcast.
     *
     * @param claim this run's claim
     * @param tx the transaction signed with the claim's nonce
     * @return the claim in state {@code signed}
     * @throws StateStoreException ({@link Fault#ENVIRONMENT}) if the claim was taken over because
     *     its lease ended before this: the transaction must not be sent, and was not
     */
    public Claim recordSigned(Claim claim, SignedTransaction tx) {
        if (!new BigInteger(tx.nonce()).equals(claim.nonce())) {
            throw new IllegalArgumentException(
                    "transaction nonce " + tx.nonce() + " is not the claim's " + claim.nonce());
        }
        if (claim.companion() == null) {
            return writeSigned(claim, tx);
        }
        // the companion first: a claim with a signed transaction may be broadcast by anyone, so
        // the transaction's own nonce is recorded last, once both are this run's
        Claim companion = writeSigned(claim.companion(), tx);
        try {
            Claim signed = writeSigned(claim, tx);
            return new Claim(
                    signed.chainId(),
                    signed.address(),
                    signed.nonce(),
                    signed.key(),
                    signed.version(),
                    signed.record(),
                    companion);
        } catch (StateStoreException lost) {
            // the transaction is never sent: its nonce + 1 is free again
            store.replace(
                    companion.key(),
                    Records.toBytes(withState(companion.record(), NonceClaim.RELEASED, null)),
                    companion.version());
            throw lost;
        }
    }

    /** The claim in another state, by this run (its claims are always its own). */
    private NonceClaim withState(NonceClaim claim, String state, SignedTransaction tx) {
        return new NonceClaim(
                Records.SCHEMA,
                claim.chainId(),
                claim.address(),
                claim.nonce(),
                state,
                runId,
                claim.step(),
                claim.leaseExpiresAt(),
                tx);
    }

    private Claim writeSigned(Claim claim, SignedTransaction tx) {
        NonceClaim signed = withState(claim.record(), NonceClaim.SIGNED, tx);
        Optional<String> version = store.replace(claim.key(), Records.toBytes(signed), claim.version());
        if (version.isEmpty()) {
            throw new StateStoreException(
                    Fault.ENVIRONMENT,
                    "The claim of nonce " + claim.nonce() + " (" + store.location(claim.key())
                            + ") was taken over by another run after its lease ended at "
                            + claim.record().leaseExpiresAt() + ", before this run recorded transaction " + tx.hash()
                            + ". That transaction was not sent. Run again; raise nonceLeaseSeconds if signing is slow",
                    null);
        }
        return new Claim(claim.chainId(), claim.address(), claim.nonce(), claim.key(), version.get(), signed);
    }

    /**
     * Gives an unused nonce back (compare-and-swap to {@code released}), so the next run takes it
     * instead of leaving a gap. Does nothing if the claim has changed since (taken over).
     *
     * @param claim this run's claim, not yet {@code signed}
     */
    public void release(Claim claim) {
        if (claim.companion() != null) {
            release(claim.companion());
        }
        if (NonceClaim.SIGNED.equals(claim.record().state())) {
            throw new IllegalStateException("a claim with a signed transaction is never released");
        }
        NonceClaim released = withState(claim.record(), NonceClaim.RELEASED, null);
        if (store.replace(claim.key(), Records.toBytes(released), claim.version())
                .isPresent()) {
            log.accept("Released nonce " + claim.nonce() + " of " + claim.address() + " unused");
        }
    }

    /**
     * Called while this run waits for the receipt of a transaction with nonce {@code waitingFor}:
     * for each lower nonce the node has not mined ({@code eth_getTransactionCount(latest)} up
     * to it), a released claim, or an expired claim without a transaction, is taken over and
     * filled by {@code filler} (a zero-value transfer to the account itself); a claim whose
     * transaction the node does not know is broadcast again.
     *
     * @param chainId the chain id
     * @param address the account
     * @param waitingFor this run's own nonce
     * @param filler signs a zero-value transfer to the account with the given claim's nonce
     * @return how many gaps were filled
     */
    public int fillGaps(
            long chainId,
            String address,
            BigInteger waitingFor,
            java.util.function.Function<Claim, SignedTransaction> filler) {
        String account = address.toLowerCase(Locale.ROOT);
        BigInteger latest = node.transactionCount(account, "latest");
        int filled = 0;
        for (BigInteger n = latest; n.compareTo(waitingFor) < 0; n = n.add(BigInteger.ONE)) {
            String key = StoreKeys.nonceClaim(chainId, account, n);
            Optional<StoredRecord> found = store.read(key);
            NonceClaim other = found.map(r -> Records.parse(store, key, r.content(), NonceClaim.class))
                    .orElse(null);
            if (other != null && NonceClaim.SIGNED.equals(other.state()) && !authorizationNonceUnused(other, n)) {
                rebroadcastIfUnknown(other);
                continue;
            }
            if (other != null
                    && NonceClaim.CLAIMED.equals(other.state())
                    && Instant.parse(other.leaseExpiresAt()).isAfter(clock.instant())) {
                continue; // its run may still sign it
            }
            NonceClaim mine = claimed(chainId, account, n, "gap-filler");
            Optional<String> version = found.isEmpty()
                    ? store.create(key, Records.toBytes(mine))
                    : store.replace(key, Records.toBytes(mine), found.get().version());
            if (version.isEmpty()) {
                continue; // someone else is on it
            }
            Claim claim = new Claim(chainId, account, n, key, version.get(), mine);
            log.accept("Nonce " + n + " of " + account + " holds up transaction nonce " + waitingFor
                    + (other == null
                            ? " and was never claimed"
                            : " and was " + other.state() + " by run " + other.runId())
                    + "; filling it with a zero-value transfer to the account itself");
            SignedTransaction tx = filler.apply(claim);
            Claim signed = recordSigned(claim, tx);
            try {
                node.sendRawTransaction(tx.raw());
            } catch (RpcErrorException e) {
                log.accept("The node refused the gap filler " + tx.hash() + " (\"" + e.rpcMessage() + "\")");
            }
            filled++;
            Objects.requireNonNull(signed);
        }
        return filled;
    }

    /**
     * @param claim a {@code signed} claim of nonce {@code n}
     * @param n the nonce
     * @return whether it is the companion of a self-sponsored EIP-7702 transaction (its
     *     transaction has another nonce) that was mined without using {@code n}: the node skipped
     *     the sender's authorization, so {@code n} is still the account's next nonce
     */
    private boolean authorizationNonceUnused(NonceClaim claim, BigInteger n) {
        SignedTransaction tx = claim.transaction();
        return tx != null
                && !new BigInteger(tx.nonce()).equals(n)
                && node.receipt(tx.hash()).isPresent()
                && node.transactionCount(claim.address(), "latest").compareTo(n) <= 0;
    }

    private void rebroadcastIfUnknown(NonceClaim claim) {
        SignedTransaction tx = claim.transaction();
        if (tx == null
                || node.knowsTransaction(tx.hash())
                || node.receipt(tx.hash()).isPresent()) {
            return;
        }
        BigInteger used = node.transactionCount(claim.address(), "latest");
        if (used.compareTo(new BigInteger(tx.nonce())) > 0) {
            return; // the nonce is spent
        }
        log.accept("Transaction " + tx.hash() + " (nonce " + tx.nonce() + ", run " + claim.runId()
                + ") is recorded but unknown to the node; broadcasting the same signed transaction again");
        try {
            node.sendRawTransaction(tx.raw());
        } catch (RpcErrorException e) {
            log.accept("The node refused the re-broadcast of " + tx.hash() + " (\"" + e.rpcMessage() + "\")");
        }
    }

    private void pause(long millis) {
        try {
            sleeper.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateStoreException(
                    Fault.ENVIRONMENT, "Interrupted while claiming a nonce; nothing was signed", e);
        }
    }
}
