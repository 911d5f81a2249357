package io.kmsethereum.core.safe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.crypto.RecoverableSignature;
import io.kmsethereum.core.store.Records;
import io.kmsethereum.testing.InMemoryStateStore;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/** Owner signatures: recovery, the checks of collected signatures, and the order execTransaction needs. */
class SafeSignatureTest {
    private static final long CHAIN = 31337;
    private static final String SAFE = "0x5afe0000000000000000000000000000000005AF".toLowerCase();
    private static final ECKeyPair A = ECKeyPair.create(BigInteger.valueOf(0xA11CE));
    private static final ECKeyPair B = ECKeyPair.create(BigInteger.valueOf(0xB0B));
    private static final ECKeyPair C = ECKeyPair.create(BigInteger.valueOf(0xCA201));
    private static final ECKeyPair STRANGER = ECKeyPair.create(BigInteger.valueOf(0x5712));

    @TempDir
    Path dir;

    private static SafeTransaction tx(long nonce) {
        return new SafeTransaction(
                "0x1111111111111111111111111111111111111111",
                BigInteger.ZERO,
                "0xd09de08a",
                SafeTransaction.CALL,
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.ZERO,
                SafeTransaction.ZERO_ADDRESS,
                SafeTransaction.ZERO_ADDRESS,
                BigInteger.valueOf(nonce));
    }

    private static String address(ECKeyPair key) {
        return Keys.toChecksumAddress(Keys.getAddress(key));
    }

    /** A signature of the hash itself (no prefix), as KMS makes it, in the plugin's record. */
    private static SafeSignature sign(ECKeyPair key, long chain, SafeTransaction tx) {
        byte[] hash = tx.hash(chain, SAFE);
        Sign.SignatureData data = Sign.signMessage(hash, key, false);
        RecoverableSignature signature = new RecoverableSignature(
                new BigInteger(1, data.getR()), new BigInteger(1, data.getS()), data.getV()[0] - 27);
        return SafeSignature.of(address(key), chain, SAFE, tx, signature);
    }

    private static SafeState state(long nonce) {
        return new SafeState(
                io.kmsethereum.core.crypto.Addresses.parse(SAFE, "safe"),
                "1.4.1",
                BigInteger.valueOf(nonce),
                List.of(address(A), address(B), address(C)),
                2,
                SafeTransaction.ZERO_ADDRESS);
    }

    @Test
    void aSignatureOfTheHashRecoversToItsSignerWithV27Or28() {
        SafeSignature s = sign(A, CHAIN, tx(0));
        assertEquals(address(A), s.recover());
        int v = Numeric.hexStringToByteArray(s.signature())[64];
        assertTrue(v == 27 || v == 28);
        assertNull(s.problem(CHAIN, SAFE, s.safeTxHash(), BigInteger.ZERO));
    }

    @Test
    void eachUnusableSignatureSaysWhy() {
        SafeSignature s = sign(A, CHAIN, tx(3));
        String hash = s.safeTxHash();
        assertTrue(
                s.problem(1, SAFE, hash, BigInteger.ZERO).startsWith("is for chain 31337, but the Safe is on chain 1"));
        assertTrue(s.problem(CHAIN, "0x2222222222222222222222222222222222222222", hash, BigInteger.ZERO)
                .startsWith("is for the Safe "));
        assertTrue(s.problem(CHAIN, SAFE, hash, BigInteger.valueOf(4))
                .startsWith("is for Safe nonce 3, but the Safe's nonce is 4"));
        String other = tx(4).hashHex(CHAIN, SAFE);
        assertTrue(s.problem(CHAIN, SAFE, other, BigInteger.ZERO).startsWith("is for the Safe transaction " + hash));
        SafeSignature changed = new SafeSignature(
                1,
                s.signer(),
                hash,
                CHAIN,
                SAFE,
                s.nonce(),
                s.signature(),
                tx(3).withNonce(BigInteger.valueOf(3)).withNonce(BigInteger.valueOf(3)));
        assertNull(changed.problem(CHAIN, SAFE, hash, BigInteger.ZERO));
        SafeSignature otherFields = new SafeSignature(
                1,
                s.signer(),
                hash,
                CHAIN,
                SAFE,
                s.nonce(),
                s.signature(),
                new SafeTransaction(
                        "0x1111111111111111111111111111111111111111",
                        BigInteger.ONE,
                        "0xd09de08a",
                        0,
                        BigInteger.ZERO,
                        BigInteger.ZERO,
                        BigInteger.ZERO,
                        SafeTransaction.ZERO_ADDRESS,
                        SafeTransaction.ZERO_ADDRESS,
                        BigInteger.valueOf(3)));
        assertTrue(otherFields.problem(CHAIN, SAFE, hash, BigInteger.ZERO).contains("do not hash to its safeTxHash"));
        SafeSignature forged =
                new SafeSignature(1, address(B), hash, CHAIN, SAFE, s.nonce(), s.signature(), s.transaction());
        assertTrue(forged.problem(CHAIN, SAFE, hash, BigInteger.ZERO).startsWith("has a signature that recovers to "));
        String ethSign = s.signature().substring(0, 130) + "1f"; // v 31: an eth_sign signature
        SafeSignature prefixed =
                new SafeSignature(1, s.signer(), hash, CHAIN, SAFE, s.nonce(), ethSign, s.transaction());
        assertTrue(prefixed.problem(CHAIN, SAFE, hash, BigInteger.ZERO).startsWith("holds no 65-byte ECDSA signature"));
    }

    @Test
    void execTransactionGetsTheSignaturesSortedByOwnerAddress() {
        SafeTransaction t = tx(0);
        List<SafeSignature> all = new ArrayList<>(List.of(sign(A, CHAIN, t), sign(B, CHAIN, t), sign(C, CHAIN, t)));
        List<SafeSignature> sorted = new ArrayList<>(all);
        sorted.sort((x, y) -> new BigInteger(Numeric.cleanHexPrefix(x.signer()), 16)
                .compareTo(new BigInteger(Numeric.cleanHexPrefix(y.signer()), 16)));
        java.util.Collections.reverse(all);
        byte[] concatenated = SafeSignature.concatenate(all);
        assertEquals(65 * 3, concatenated.length);
        for (int i = 0; i < 3; i++) {
            assertEquals(
                    sorted.get(i).signature(),
                    Numeric.toHexString(java.util.Arrays.copyOfRange(concatenated, 65 * i, 65 * (i + 1))));
        }
        Map<String, SafeSignature> byOwner = new java.util.LinkedHashMap<>();
        all.forEach(s -> byOwner.put(s.signer(), s));
        byte[] two = SafeSignatures.forExecution(byOwner, 2);
        assertEquals(130, two.length, "exactly the threshold's signatures");
        assertEquals(sorted.get(0).signature(), Numeric.toHexString(java.util.Arrays.copyOfRange(two, 0, 65)));
    }

    @Test
    void collectTakesOwnersFromTheLocationIgnoresStrangersAndRefusesOtherTransactions() throws Exception {
        SafeTransaction t = tx(2);
        String hash = t.hashHex(CHAIN, SAFE);
        InMemoryStateStore store = new InMemoryStateStore();
        List<String> warnings = new ArrayList<>();
        SafeSignatures location = new SafeSignatures(store, "stateStore", warnings::add);
        location.write(sign(A, CHAIN, t));
        Path stranger = dir.resolve("stranger.json");
        Files.write(stranger, Records.toBytes(sign(STRANGER, CHAIN, t)));
        Path fromC = dir.resolve("c.json");
        Files.write(fromC, Records.toBytes(sign(C, CHAIN, t)));
        Map<String, SafeSignature> collected = location.collect(state(2), CHAIN, hash, List.of(stranger, fromC));
        assertEquals(List.of(address(A), address(C)), List.copyOf(collected.keySet()));
        assertEquals(1, warnings.size());
        assertTrue(warnings.get(0).contains(address(STRANGER) + " is not an owner"), warnings.get(0));

        Path stale = dir.resolve("stale.json");
        Files.write(stale, Records.toBytes(sign(B, CHAIN, tx(1))));
        InvalidInputException e = assertThrows(
                InvalidInputException.class, () -> location.collect(state(2), CHAIN, hash, List.of(stale)));
        assertEquals("signatureFiles", e.getParameter());
        assertTrue(e.getMessage().contains("is for Safe nonce 1, but the Safe's nonce is 2"), e.getMessage());
        Path otherChain = dir.resolve("chain.json");
        Files.write(otherChain, Records.toBytes(sign(B, 1, t)));
        e = assertThrows(
                InvalidInputException.class, () -> location.collect(state(2), CHAIN, hash, List.of(otherChain)));
        assertTrue(e.getMessage().contains("is for chain 1, but the Safe is on chain 31337"), e.getMessage());
    }
}
