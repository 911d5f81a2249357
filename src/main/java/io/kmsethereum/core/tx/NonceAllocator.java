package io.kmsethereum.core.tx;

import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out consecutive nonces for accounts on one node within one build, so that goal
 * executions running at the same time ({@code mvn -T 4}) never take the same nonce from
 * {@code eth_getTransactionCount(pending)} before either transaction reaches the node. The
 * nonce given is the larger of the node's pending count and the one after the last nonce this
 * allocator gave for the account. Thread-safe; one instance per node (chain id and RPC URL) per
 * build.
 */
public final class NonceAllocator {
    private final Map<String, BigInteger> next = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();
    private final java.util.Set<String> claimed = ConcurrentHashMap.newKeySet();

    /**
     * @param from the account (any case)
     * @return a lock that the build's executions hold while they claim a nonce of the account in
     *     a state store ({@link NonceLeases}), so that executions whose stores differ (each
     *     module's local files) still take distinct nonces
     */
    public Object lock(String from) {
        return locks.computeIfAbsent(from.toLowerCase(java.util.Locale.ROOT), k -> new Object());
    }

    /**
     * @param from the account (any case)
     * @return the lowest nonce this allocator has not given out yet (zero when none)
     */
    public BigInteger peek(String from) {
        return next.getOrDefault(from.toLowerCase(java.util.Locale.ROOT), BigInteger.ZERO);
    }

    /**
     * Records that {@code nonce} was taken (claimed in a state store) by this build.
     *
     * @param from the account (any case)
     * @param nonce the nonce taken
     */
    public void taken(String from, BigInteger nonce) {
        next.merge(from.toLowerCase(java.util.Locale.ROOT), nonce.add(BigInteger.ONE), BigInteger::max);
        claimed.add(from.toLowerCase(java.util.Locale.ROOT) + "/" + nonce);
    }

    /**
     * @param from the account (any case)
     * @param nonce a nonce
     * @return whether an execution of this build claimed it ({@link #taken})
     */
    public boolean tookByThisBuild(String from, BigInteger nonce) {
        return claimed.contains(from.toLowerCase(java.util.Locale.ROOT) + "/" + nonce);
    }

    /**
     * @param from the account (any case)
     * @param nodePending {@code eth_getTransactionCount(from, "pending")}
     * @return the nonce to use: at least {@code nodePending}, and never one given before
     */
    public BigInteger allocate(String from, BigInteger nodePending) {
        return allocate(from, nodePending, 1);
    }

    /**
     * Allocates consecutive nonces: a self-sponsored EIP-7702 transaction uses its own nonce
     * {@code n} and {@code n + 1} for the sender's authorization, which the node checks after it
     * has incremented the sender's nonce.
     *
     * @param from the account (any case)
     * @param nodePending {@code eth_getTransactionCount(from, "pending")}
     * @param count how many consecutive nonces, at least 1
     * @return the first of them: at least {@code nodePending}, and never one given before
     */
    public BigInteger allocate(String from, BigInteger nodePending, int count) {
        Objects.requireNonNull(nodePending, "nodePending");
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + count);
        }
        BigInteger[] given = new BigInteger[1];
        next.compute(from.toLowerCase(java.util.Locale.ROOT), (account, stored) -> {
            BigInteger nonce = stored == null || stored.compareTo(nodePending) < 0 ? nodePending : stored;
            given[0] = nonce;
            return nonce.add(BigInteger.valueOf(count));
        });
        return given[0];
    }
}
