package io.kmsethereum.core.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.rpc.NodeClient;
import io.kmsethereum.core.store.StateStoreException;
import io.kmsethereum.testing.InMemoryStateStore;
import io.kmsethereum.testing.ManualClock;
import java.lang.reflect.Proxy;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The nonce lease protocol against an in-memory store, a node that answers only the nonce
 * questions, and a clock the test moves.
 */
class NonceLeasesTest {
    private static final long CHAIN = 31337;
    private static final String ACCOUNT = "0xa267e4f15c979289993a95e22ca9cdf077b708ba";

    private final InMemoryStateStore store = new InMemoryStateStore(true);
    private final AtomicReference<BigInteger> latest = new AtomicReference<>(BigInteger.ZERO);
    private final AtomicReference<BigInteger> pending = new AtomicReference<>(BigInteger.ZERO);
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final Set<String> mined = ConcurrentHashMap.newKeySet();
    private final List<String> sent = new ArrayList<>();
    private final List<String> log = new ArrayList<>();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T12:00:00Z"));

    private final NodeClient node = (NodeClient) Proxy.newProxyInstance(
            NodeClient.class.getClassLoader(), new Class<?>[] {NodeClient.class}, (proxy, method, args) -> {
                switch (method.getName()) {
                    case "transactionCount":
                        return "latest".equals(args[1]) ? latest.get() : pending.get();
                    case "knowsTransaction":
                        return known.contains((String) args[0]);
                    case "receipt":
                        return mined.contains((String) args[0])
                                ? java.util.Optional.of(
                                        new org.web3j.protocol.core.methods.response.TransactionReceipt())
                                : java.util.Optional.empty();
                    case "sendRawTransaction":
                        synchronized (sent) {
                            sent.add((String) args[0]);
                        }
                        return null;
                    case "describe":
                        return "test node";
                    default:
                        throw new UnsupportedOperationException(method.getName());
                }
            });

    private NonceLeases leases(String runId) {
        return new NonceLeases(
                store,
                node,
                runId,
                Duration.ofSeconds(60),
                log::add,
                clock,
                millis -> clock.advance(Duration.ofMillis(millis)));
    }

    private static SignedTransaction tx(BigInteger nonce, String hash) {
        return new SignedTransaction(
                "eip1559",
                CHAIN,
                nonce.toString(),
                ACCOUNT,
                ACCOUNT,
                "0",
                "21000",
                null,
                "1",
                "1",
                "0x",
                null,
                hash,
                "0x02" + hash.substring(2));
    }

    @Test
    void runsGetConsecutiveNoncesAboveTheNodesPendingOne() {
        pending.set(BigInteger.valueOf(5));
        NonceLeases a = leases("a");
        NonceLeases.Claim first = a.claim(CHAIN, ACCOUNT, "s1");
        assertEquals(BigInteger.valueOf(5), first.nonce());
        a.recordSigned(first, tx(first.nonce(), "0x" + "dd".repeat(32)));
        known.add("0x" + "dd".repeat(32));
        assertEquals(
                BigInteger.valueOf(6), leases("b").claim(CHAIN, ACCOUNT, "s2").nonce());
        assertTrue(
                store.keys().contains(CHAIN + "/" + ACCOUNT + "/nonces/next.json"),
                store.keys().toString());
    }

    private NonceClaim claimAt(long nonce) {
        String key = CHAIN + "/" + ACCOUNT + "/nonces/" + nonce + ".json";
        return io.kmsethereum.core.store.Records.parse(
                store, key, store.read(key).orElseThrow().content(), NonceClaim.class);
    }

    @Test
    void aSelfSponsoredSetCodeStepClaimsTwoNoncesAndTheNextRunGoesAboveBoth() {
        pending.set(BigInteger.valueOf(5));
        NonceLeases a = leases("a");
        NonceLeases.Claim claim = a.claim(CHAIN, ACCOUNT, "delegate", 2);
        assertEquals(BigInteger.valueOf(5), claim.nonce());
        assertEquals(BigInteger.valueOf(6), claim.companion().nonce());
        assertEquals(NonceClaim.CLAIMED, claimAt(6).state());
        assertEquals("delegate", claimAt(6).step());

        String hash = "0x" + "d7".repeat(32);
        NonceLeases.Claim signed = a.recordSigned(claim, tx(claim.nonce(), hash));
        assertEquals(NonceClaim.SIGNED, signed.companion().record().state());
        assertEquals(hash, claimAt(5).transaction().hash());
        assertEquals(hash, claimAt(6).transaction().hash(), "the companion records the same transaction");
        known.add(hash);

        pending.set(BigInteger.valueOf(6)); // the node counts the pending transaction, not its authorization
        assertEquals(
                BigInteger.valueOf(7), leases("b").claim(CHAIN, ACCOUNT, "next").nonce());
        assertTrue(sent.isEmpty(), "nothing re-broadcast: the node knows the transaction");
    }

    @Test
    void releasingATwoNonceClaimReleasesBothForTheNextRun() {
        NonceLeases a = leases("a");
        NonceLeases.Claim claim = a.claim(CHAIN, ACCOUNT, "delegate", 2);
        a.release(claim);
        assertEquals(NonceClaim.RELEASED, claimAt(0).state());
        assertEquals(NonceClaim.RELEASED, claimAt(1).state());
        NonceLeases b = leases("b");
        NonceLeases.Claim zero = b.claim(CHAIN, ACCOUNT, "pay");
        assertEquals(BigInteger.ZERO, zero.nonce());
        b.recordSigned(zero, tx(BigInteger.ZERO, "0x" + "b0".repeat(32)));
        known.add("0x" + "b0".repeat(32));
        assertEquals(BigInteger.ONE, leases("c").claim(CHAIN, ACCOUNT, "pay2").nonce(), "no gap at 1");
    }

    @Test
    void aTwoNonceClaimLostToATakeoverGivesItsCompanionBackAndSendsNothing() {
        NonceLeases a = leases("a");
        NonceLeases.Claim claim = a.claim(CHAIN, ACCOUNT, "delegate", 2);
        clock.advance(Duration.ofSeconds(120)); // a was too slow: b takes nonce 0 over
        assertEquals(BigInteger.ZERO, leases("b").claim(CHAIN, ACCOUNT, "pay").nonce());
        StateStoreException e = assertThrows(
                StateStoreException.class, () -> a.recordSigned(claim, tx(BigInteger.ZERO, "0x" + "ee".repeat(32))));
        assertTrue(e.getMessage().contains("was taken over by another run"), e.getMessage());
        assertEquals(NonceClaim.RELEASED, claimAt(1).state(), "no signed transaction left at nonce 1");
        assertEquals(null, claimAt(1).transaction());
    }

    @Test
    void aSenderAuthorizationNonceTheNodeSkippedIsFilledByTheRunWaitingAboveIt() {
        NonceLeases a = leases("a");
        NonceLeases.Claim claim = a.claim(CHAIN, ACCOUNT, "delegate", 2);
        String hash = "0x" + "5c".repeat(32);
        a.recordSigned(claim, tx(BigInteger.ZERO, hash));
        // mined, but the node skipped the authorization: the account's nonce is 1, not 2
        mined.add(hash);
        known.add(hash);
        latest.set(BigInteger.ONE);
        pending.set(BigInteger.ONE);
        NonceLeases b = leases("b");
        NonceLeases.Claim mine = b.claim(CHAIN, ACCOUNT, "pay");
        assertEquals(BigInteger.TWO, mine.nonce(), "above the companion, as the counter says");
        int filled = b.fillGaps(CHAIN, ACCOUNT, mine.nonce(), c -> tx(c.nonce(), "0x" + "f1".repeat(32)));
        assertEquals(1, filled, "nonce 1 is filled, so nonce 2 can be mined");
        assertEquals(NonceClaim.SIGNED, claimAt(1).state());
        assertEquals("0x" + "f1".repeat(32), claimAt(1).transaction().hash());
    }

    @Test
    void aClaimWithoutATransactionIsTakenOverOnlyAfterItsLease() {
        NonceLeases.Claim dead = leases("a").claim(CHAIN, ACCOUNT, "pay");
        assertEquals(BigInteger.ZERO, dead.nonce());
        // run b finds nonce 0 claimed and unsigned: it waits for the lease (the sleeper moves the clock)
        NonceLeases.Claim taken = leases("b").claim(CHAIN, ACCOUNT, "pay");
        assertEquals(BigInteger.ZERO, taken.nonce(), "no gap: b uses the dead run's nonce");
        assertTrue(log.stream().anyMatch(l -> l.contains("whose lease ended")), log.toString());
        // the dead run, were it only slow, may not send with it any more
        StateStoreException e = assertThrows(
                StateStoreException.class,
                () -> leases("a").recordSigned(dead, tx(BigInteger.ZERO, "0x" + "aa".repeat(32))));
        assertTrue(e.getMessage().contains("was taken over by another run"), e.getMessage());
    }

    @Test
    void aClaimWithASignedTransactionIsNeverReplaced() {
        NonceLeases a = leases("a");
        NonceLeases.Claim claim = a.claim(CHAIN, ACCOUNT, "pay");
        a.recordSigned(claim, tx(BigInteger.ZERO, "0x" + "bb".repeat(32)));
        clock.advance(Duration.ofSeconds(3600));
        NonceLeases.Claim next = leases("b").claim(CHAIN, ACCOUNT, "other");
        assertEquals(BigInteger.ONE, next.nonce());
        assertEquals(1, sent.size(), "the recorded transaction the node did not know was broadcast again");
    }

    @Test
    void aReleasedNonceIsTheNextRunsAtOnce() {
        NonceLeases a = leases("a");
        NonceLeases.Claim claim = a.claim(CHAIN, ACCOUNT, "deploy");
        a.release(claim);
        assertEquals(BigInteger.ZERO, leases("b").claim(CHAIN, ACCOUNT, "pay").nonce());
    }

    @Test
    void aGapBelowAWaitingTransactionIsFilledWithATransferToItself() {
        NonceLeases a = leases("a");
        NonceLeases.Claim zero = a.claim(CHAIN, ACCOUNT, "lost");
        a.release(zero);
        // b holds nonce 1 (signed, sent), the node sits at 0: nobody will use 0
        NonceLeases b = leases("b");
        store.put(
                CHAIN + "/" + ACCOUNT + "/nonces/next.json",
                "{\"schema\":1,\"chainId\":31337,\"address\":\"" + ACCOUNT + "\",\"next\":\"2\"}");
        int filled = b.fillGaps(CHAIN, ACCOUNT, BigInteger.ONE, claim -> tx(claim.nonce(), "0x" + "cc".repeat(32)));
        assertEquals(1, filled);
        assertEquals(1, sent.size());
        assertTrue(log.stream().anyMatch(l -> l.contains("filling it with a zero-value transfer")), log.toString());
    }

    @Test
    void thirtyTwoThreadsClaimThirtyTwoDistinctNonces() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<BigInteger>> claims = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String run = "run-" + i;
                claims.add(pool.submit(() -> {
                    NonceLeases l = new NonceLeases(store, node, run, Duration.ofSeconds(60), s -> {});
                    NonceLeases.Claim c = l.claim(CHAIN, ACCOUNT, run);
                    l.recordSigned(c, tx(c.nonce(), String.format("0x%064x", c.nonce())));
                    return c.nonce();
                }));
            }
            Set<BigInteger> nonces = new HashSet<>();
            for (Future<BigInteger> f : claims) {
                nonces.add(f.get());
            }
            assertEquals(32, nonces.size());
            assertEquals(
                    BigInteger.valueOf(31),
                    nonces.stream().max(BigInteger::compareTo).orElseThrow(),
                    "no gap");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLeaseUnderOneSecondIsRefused() {
        InvalidInputException e = assertThrows(
                InvalidInputException.class, () -> new NonceLeases(store, node, "a", Duration.ofMillis(10), log::add));
        assertEquals("nonceLeaseSeconds", e.getParameter());
    }
}
