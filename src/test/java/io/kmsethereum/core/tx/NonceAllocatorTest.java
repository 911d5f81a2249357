package io.kmsethereum.core.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NonceAllocatorTest {
    private static final String A = "0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F";

    @Test
    void consecutiveNoncesWhenTheNodeHasNotSeenTheEarlierOnes() {
        NonceAllocator nonces = new NonceAllocator();
        assertEquals(BigInteger.valueOf(5), nonces.allocate(A, BigInteger.valueOf(5)));
        assertEquals(
                BigInteger.valueOf(6),
                nonces.allocate(A.toLowerCase(), BigInteger.valueOf(5)),
                "same account in any case");
        assertEquals(BigInteger.valueOf(9), nonces.allocate(A, BigInteger.valueOf(9)), "the node moved on: follow it");
        assertEquals(BigInteger.ZERO, nonces.allocate("0x3535353535353535353535353535353535353535", BigInteger.ZERO));
    }

    @Test
    void aSelfSponsoredSetCodeTransactionTakesTwoNonces() {
        NonceAllocator nonces = new NonceAllocator();
        assertEquals(BigInteger.valueOf(5), nonces.allocate(A, BigInteger.valueOf(5), 2));
        assertEquals(
                BigInteger.valueOf(7),
                nonces.allocate(A, BigInteger.valueOf(5)),
                "6 is the sender's authorization nonce: the next execution skips it");
        assertEquals(BigInteger.valueOf(8), nonces.peek(A));
    }

    @Test
    void parallelExecutionsGetDistinctNonces() throws Exception {
        NonceAllocator nonces = new NonceAllocator();
        Set<BigInteger> given = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < 64; i++) {
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                given.add(nonces.allocate(A, BigInteger.TEN)); // every thread saw pending = 10
            });
        }
        start.countDown();
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        assertEquals(64, given.size());
        assertEquals(BigInteger.TEN, given.stream().min(BigInteger::compareTo).orElseThrow());
        assertEquals(
                BigInteger.valueOf(73),
                given.stream().max(BigInteger::compareTo).orElseThrow());
    }
}
