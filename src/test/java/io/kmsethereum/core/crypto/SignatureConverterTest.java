package io.kmsethereum.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.SignatureCheckException;
import io.kmsethereum.testing.FakeKms;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/** DER parsing, low-s, recovery id and the self-check, against an independent recovery (web3j). */
class SignatureConverterTest {
    private static final BigInteger KEY =
            new BigInteger("4646464646464646464646464646464646464646464646464646464646464646", 16);
    private final FakeKms kms = new FakeKms(KEY, false);
    private final ECPoint publicKey = kms.publicKey();
    private final String address = Keys.toChecksumAddress(Keys.getAddress(Sign.publicKeyFromPrivate(KEY)));

    private static byte[] digest(int i) {
        return Hash.sha3(("message " + i).getBytes());
    }

    private void assertRecoversToKey(byte[] digest, RecoverableSignature sig) {
        Sign.SignatureData data = sig.toMessageSignatureData();
        BigInteger recovered;
        try {
            recovered = Sign.signedMessageHashToKey(digest, data);
        } catch (java.security.SignatureException e) {
            throw new AssertionError(e);
        }
        assertEquals(address, Keys.toChecksumAddress(Keys.getAddress(recovered)));
        assertTrue(sig.s().compareTo(Secp256k1.HALF_N) <= 0, "low-s");
    }

    @Test
    void randomSignaturesCoverBothRecoveryIdsAndHighS() {
        int highS = 0;
        int[] recIds = new int[2];
        for (int i = 0; i < 200; i++) {
            byte[] digest = digest(i);
            DerSignature raw = kms.rawSign(digest);
            if (raw.s().compareTo(Secp256k1.HALF_N) > 0) {
                highS++;
            }
            RecoverableSignature sig = SignatureConverter.toEthereum(digest, raw.toDer(), publicKey);
            recIds[sig.recoveryId()]++;
            assertRecoversToKey(digest, sig);
        }
        assertTrue(highS > 50, "random ECDSA gives high-s about half the time: " + highS);
        assertTrue(recIds[0] > 50 && recIds[1] > 50, "both recovery ids: " + recIds[0] + "/" + recIds[1]);
    }

    @Test
    void highSIsNormalisedAndRecoveryIdFlipped() {
        byte[] digest = digest(1);
        DerSignature raw = kms.rawSign(digest);
        DerSignature low = raw.s().compareTo(Secp256k1.HALF_N) > 0
                ? new DerSignature(raw.r(), Secp256k1.N.subtract(raw.s()))
                : raw;
        DerSignature high = new DerSignature(low.r(), Secp256k1.N.subtract(low.s()));
        RecoverableSignature fromLow = SignatureConverter.toEthereum(digest, low.toDer(), publicKey);
        RecoverableSignature fromHigh = SignatureConverter.toEthereum(digest, high.toDer(), publicKey);
        assertEquals(fromLow, fromHigh);
        assertRecoversToKey(digest, fromHigh);
    }

    /** Crafts a valid signature with a chosen s: pick k, then solve z = s·k − r·d (mod n). */
    private Object[] craft(BigInteger s, BigInteger k) {
        BigInteger n = Secp256k1.N;
        BigInteger r = Secp256k1.G
                .multiply(k)
                .normalize()
                .getAffineXCoord()
                .toBigInteger()
                .mod(n);
        BigInteger z = s.multiply(k).subtract(r.multiply(KEY)).mod(n);
        return new Object[] {Numeric.toBytesPadded(z, 32), new DerSignature(r, s)};
    }

    @Test
    void sExactlyAtHalfOrderStaysAndHalfPlusOneFlips() {
        BigInteger k = new BigInteger("123456789abcdef", 16);
        Object[] atHalf = craft(Secp256k1.HALF_N, k);
        RecoverableSignature a = SignatureConverter.toEthereum((byte[]) atHalf[0], (DerSignature) atHalf[1], publicKey);
        assertEquals(Secp256k1.HALF_N, a.s());
        assertRecoversToKey((byte[]) atHalf[0], a);

        Object[] above = craft(Secp256k1.HALF_N.add(BigInteger.ONE), k);
        RecoverableSignature b = SignatureConverter.toEthereum((byte[]) above[0], (DerSignature) above[1], publicKey);
        assertEquals(Secp256k1.N.subtract(Secp256k1.HALF_N.add(BigInteger.ONE)), b.s());
        assertEquals(Secp256k1.HALF_N, b.s(), "n - (n/2 + 1) = n/2 for odd n");
        assertRecoversToKey((byte[]) above[0], b);
    }

    @Test
    void derIntegersOfEveryLength() {
        // r and s of 31 (or fewer), 32 and 33 bytes (leading 0x00 when the top bit is set)
        SecureRandom random = new SecureRandom();
        boolean[] seenR = new boolean[34];
        boolean[] seenS = new boolean[34];
        boolean[] seenTotal = new boolean[80];
        for (int i = 0;
                i < 20000
                        && !(seenR[31]
                                && seenR[32]
                                && seenR[33]
                                && seenS[31]
                                && seenS[32]
                                && seenS[33]
                                && seenTotal[70]
                                && seenTotal[71]
                                && seenTotal[72]);
                i++) {
            BigInteger k = new BigInteger(256, random)
                    .mod(Secp256k1.N.subtract(BigInteger.ONE))
                    .add(BigInteger.ONE);
            BigInteger s = new BigInteger(256, random)
                    .mod(Secp256k1.N.subtract(BigInteger.ONE))
                    .add(BigInteger.ONE);
            if (i % 3 == 0) {
                s = s.shiftRight(8 + random.nextInt(16)).add(BigInteger.ONE); // short s
            }
            Object[] crafted = craft(s, k);
            DerSignature sig = (DerSignature) crafted[1];
            byte[] der = sig.toDer();
            int rLen = der[3];
            int sLen = der[5 + rLen];
            seenR[Math.min(33, Math.max(31, rLen))] = true;
            seenS[Math.min(33, Math.max(31, sLen))] = true;
            seenTotal[der.length] = true;
            RecoverableSignature out = SignatureConverter.toEthereum((byte[]) crafted[0], der, publicKey);
            assertRecoversToKey((byte[]) crafted[0], out);
            assertEquals(sig.r(), out.r());
        }
        for (int len = 31; len <= 33; len++) {
            assertTrue(seenS[len], "s of " + len + " bytes");
        }
        assertTrue(seenR[32] && seenR[33], "r of 32 and 33 bytes");
        assertTrue(seenTotal[70] && seenTotal[71] && seenTotal[72], "DER sequences of 70-72 bytes");
    }

    @Test
    void shortRWithLeadingZeroBytes() {
        // search k whose r has at least one leading zero byte (about 1 in 256)
        BigInteger k = BigInteger.ONE;
        BigInteger r;
        do {
            k = k.add(BigInteger.ONE);
            r = Secp256k1.G.multiply(k).normalize().getAffineXCoord().toBigInteger();
        } while (r.bitLength() > 248);
        Object[] crafted = craft(new BigInteger("1000", 16), k);
        byte[] der = ((DerSignature) crafted[1]).toDer();
        assertTrue(der.length < 68, "r of 31 bytes or fewer and a 2-byte s make a short sequence: " + der.length);
        RecoverableSignature sig = SignatureConverter.toEthereum((byte[]) crafted[0], der, publicKey);
        assertEquals(32, Numeric.toBytesPadded(sig.r(), 32).length);
        assertRecoversToKey((byte[]) crafted[0], sig);
        // the 65-byte form pads r to 32 bytes
        assertEquals(0, sig.toBytes65()[0]);
    }

    @Test
    void longFormLengthIsAccepted() {
        byte[] digest = digest(7);
        byte[] der = kms.rawSign(digest).toDer();
        // re-encode the outer length in long form: 0x30 0x81 len ...
        byte[] longForm = new byte[der.length + 1];
        longForm[0] = 0x30;
        longForm[1] = (byte) 0x81;
        longForm[2] = der[1];
        System.arraycopy(der, 2, longForm, 3, der.length - 2);
        RecoverableSignature a = SignatureConverter.toEthereum(digest, der, publicKey);
        RecoverableSignature b = SignatureConverter.toEthereum(digest, longForm, publicKey);
        assertEquals(a, b);
    }

    @Test
    void malformedDerIsRejected() {
        byte[] digest = digest(8);
        byte[] der = kms.rawSign(digest).toDer();
        byte[] trailing = new byte[der.length + 1];
        System.arraycopy(der, 0, trailing, 0, der.length);
        assertThrows(SignatureCheckException.class, () -> SignatureConverter.toEthereum(digest, trailing, publicKey));
        assertThrows(
                SignatureCheckException.class, () -> SignatureConverter.toEthereum(digest, new byte[5], publicKey));
        assertThrows(
                SignatureCheckException.class,
                () -> SignatureConverter.toEthereum(digest, HexFormat.of().parseHex("3006020100020101"), publicKey),
                "r = 0");
        byte[] sTooBig = new DerSignature(BigInteger.ONE, BigInteger.ONE).toDer();
        assertThrows(
                SignatureCheckException.class,
                () -> SignatureConverter.toEthereum(
                        digest, new DerSignature(BigInteger.TEN, Secp256k1.N).toDer(), publicKey),
                "s = n");
        assertThrows(
                SignatureCheckException.class,
                () -> SignatureConverter.toEthereum(digest, sTooBig, publicKey),
                "does not verify");
    }

    @Test
    void signatureOfAnotherKeyOrDigestIsAnErrorNotAnOutput() {
        byte[] digest = digest(9);
        byte[] der = kms.rawSign(digest).toDer();
        ECPoint other = Secp256k1.G.multiply(BigInteger.valueOf(12345)).normalize();
        assertThrows(SignatureCheckException.class, () -> SignatureConverter.toEthereum(digest, der, other));
        assertThrows(SignatureCheckException.class, () -> SignatureConverter.toEthereum(digest(10), der, publicKey));
    }

    @Test
    void sixtyFiveByteFormHasV27Or28() {
        byte[] digest = digest(11);
        RecoverableSignature sig = SignatureConverter.toEthereum(digest, kms.sign(digest), publicKey);
        byte[] bytes = sig.toBytes65();
        assertEquals(65, bytes.length);
        assertEquals(27 + sig.recoveryId(), bytes[64]);
        assertArrayEquals(Numeric.toBytesPadded(sig.r(), 32), java.util.Arrays.copyOfRange(bytes, 0, 32));
    }
}
