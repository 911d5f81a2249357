package io.kmsethereum.core.signer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.SignatureCheckException;
import io.kmsethereum.core.crypto.DerSignature;
import io.kmsethereum.core.crypto.Secp256k1;
import io.kmsethereum.testing.FakeKms;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.rlp.RlpDecoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.utils.Convert;
import org.web3j.utils.Numeric;

class KmsSignerTest {
    private static final BigInteger KEY =
            new BigInteger("4646464646464646464646464646464646464646464646464646464646464646", 16);
    private static final String SENDER = "0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F";

    private static KmsSigner signer(FakeKms kms) {
        return new KmsSigner(kms, kms.key());
    }

    private static RawTransaction eip155Example() {
        return RawTransaction.createEtherTransaction(
                BigInteger.valueOf(9),
                Convert.toWei("20", Convert.Unit.GWEI).toBigIntegerExact(),
                BigInteger.valueOf(21000),
                "0x3535353535353535353535353535353535353535",
                Convert.toWei("1", Convert.Unit.ETHER).toBigIntegerExact());
    }

    @Test
    void eip155ExampleComesOutByteForByte() {
        // https://eips.ethereum.org/EIPS/eip-155 "Example"
        String expected =
                "0xf86c098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a76400008025a028ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276a067cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83";
        FakeKms kms = new FakeKms(KEY, true);
        byte[] raw = signer(kms).sign(eip155Example(), 1);
        assertEquals(expected, Numeric.toHexString(raw));
        assertEquals(1, kms.calls(), "one KMS Sign per signature");
    }

    @Test
    void eip155ExampleIsTheSameWhenKmsReturnsHighS() {
        FakeKms kms = new FakeKms(KEY, true);
        kms.rewrite(sig -> sig.s().compareTo(Secp256k1.HALF_N) <= 0
                ? new DerSignature(sig.r(), Secp256k1.N.subtract(sig.s()))
                : sig);
        byte[] raw = signer(kms).sign(eip155Example(), 1);
        assertTrue(
                Numeric.toHexString(raw).endsWith("67cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83"));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 255, 256, 31337, 11155111, 4294967296L, 4294967295L * 1000})
    void legacyVIsEip155ForLargeChainIds(long chainId) throws Exception {
        FakeKms kms = new FakeKms(KEY, false);
        for (int i = 0; i < 6; i++) {
            RawTransaction tx = RawTransaction.createEtherTransaction(
                    BigInteger.valueOf(i),
                    BigInteger.TEN,
                    BigInteger.valueOf(21000),
                    "0x3535353535353535353535353535353535353535",
                    BigInteger.ONE);
            byte[] raw = signer(kms).sign(tx, chainId);
            RlpList fields = (RlpList) RlpDecoder.decode(raw).getValues().get(0);
            BigInteger v = ((RlpString) fields.getValues().get(6)).asPositiveBigInteger();
            BigInteger base =
                    BigInteger.valueOf(chainId).multiply(BigInteger.TWO).add(BigInteger.valueOf(35));
            assertTrue(v.equals(base) || v.equals(base.add(BigInteger.ONE)), "v = chainId*2+35+y, was " + v);
            SignedRawTransaction decoded = (SignedRawTransaction) TransactionDecoder.decode(Numeric.toHexString(raw));
            assertEquals(SENDER.toLowerCase(), decoded.getFrom().toLowerCase());
            assertEquals(chainId, decoded.getChainId());
        }
    }

    @Test
    void eip1559AndEip2930DecodeToTheKmsAddressWithYParity() throws Exception {
        FakeKms kms = new FakeKms(KEY, false);
        int[] parities = new int[2];
        for (int i = 0; i < 40; i++) {
            RawTransaction tx1559 = RawTransaction.createTransaction(
                    11155111L,
                    BigInteger.valueOf(i),
                    BigInteger.valueOf(21000),
                    "0x3535353535353535353535353535353535353535",
                    BigInteger.valueOf(i),
                    "0x",
                    BigInteger.valueOf(1_000_000_000L),
                    BigInteger.valueOf(30_000_000_000L));
            RawTransaction tx2930 = RawTransaction.createTransaction(
                    31337L,
                    BigInteger.valueOf(i),
                    BigInteger.TEN,
                    BigInteger.valueOf(30000),
                    "0x3535353535353535353535353535353535353535",
                    BigInteger.ONE,
                    "0xabcdef",
                    List.of());
            for (RawTransaction tx : List.of(tx1559, tx2930)) {
                long chainId = tx == tx1559 ? 11155111L : 31337L;
                byte[] raw = signer(kms).sign(tx, chainId);
                SignedRawTransaction decoded =
                        (SignedRawTransaction) TransactionDecoder.decode(Numeric.toHexString(raw));
                assertEquals(SENDER.toLowerCase(), decoded.getFrom().toLowerCase());
                RlpList fields = (RlpList) RlpDecoder.decode(java.util.Arrays.copyOfRange(raw, 1, raw.length))
                        .getValues()
                        .get(0);
                int n = fields.getValues().size();
                BigInteger yParity = ((RlpString) fields.getValues().get(n - 3)).asPositiveBigInteger();
                assertTrue(yParity.intValue() == 0 || yParity.intValue() == 1, "y-parity 0/1, was " + yParity);
                parities[yParity.intValue()]++;
                // r and s are RLP integers: no leading zero bytes
                for (int j = n - 2; j < n; j++) {
                    byte[] bytes = ((RlpString) fields.getValues().get(j)).getBytes();
                    assertTrue(bytes.length == 0 || bytes[0] != 0, "no leading zero in r/s");
                }
            }
        }
        assertTrue(parities[0] > 0 && parities[1] > 0, "both y-parities seen");
    }

    @Test
    void matchesWeb3jLocalSigningForDeterministicNonces() {
        // RFC 6979 on both sides: our KMS path must produce exactly web3j's local signature
        FakeKms kms = new FakeKms(KEY, true);
        Credentials credentials = Credentials.create(Numeric.toHexStringWithPrefixZeroPadded(KEY, 64));
        RawTransaction tx = RawTransaction.createTransaction(
                1L,
                BigInteger.ONE,
                BigInteger.valueOf(21000),
                "0x3535353535353535353535353535353535353535",
                BigInteger.ONE,
                "0x",
                BigInteger.valueOf(1_000_000_000L),
                BigInteger.valueOf(30_000_000_000L));
        assertEquals(
                Numeric.toHexString(TransactionEncoder.signMessage(tx, 1L, credentials)),
                Numeric.toHexString(signer(kms).sign(tx, 1L)));
    }

    @Test
    void personalSignRecoversAndHasV27Or28() throws Exception {
        FakeKms kms = new FakeKms(KEY, false);
        byte[] message = "hello".getBytes();
        var sig = signer(kms).signPersonalMessage(message);
        byte[] bytes = sig.toBytes65();
        assertTrue(bytes[64] == 27 || bytes[64] == 28);
        BigInteger recovered = Sign.signedPrefixedMessageToKey(message, sig.toMessageSignatureData());
        assertEquals(Sign.publicKeyFromPrivate(KEY), recovered);
    }

    @Test
    void aSignatureFromAnotherKeyIsNeverOutput() {
        FakeKms other = new FakeKms(BigInteger.valueOf(777), false);
        FakeKms kms = new FakeKms(KEY, false);
        KmsSigner signer = new KmsSigner(other, kms.key());
        assertThrows(SignatureCheckException.class, () -> signer.sign(eip155Example(), 1));
    }

    @Test
    void chainIdMismatchForTypedTransactionIsRejected() {
        FakeKms kms = new FakeKms(KEY, false);
        RawTransaction tx = RawTransaction.createTransaction(
                5L,
                BigInteger.ONE,
                BigInteger.valueOf(21000),
                "0x3535353535353535353535353535353535353535",
                BigInteger.ONE,
                "0x",
                BigInteger.ONE,
                BigInteger.TEN);
        assertInstanceOf(
                IllegalArgumentException.class,
                assertThrows(IllegalArgumentException.class, () -> signer(kms).sign(tx, 1L)));
        assertEquals(0, kms.calls(), "nothing signed");
    }
}
