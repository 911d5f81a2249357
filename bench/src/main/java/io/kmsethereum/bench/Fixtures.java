package io.kmsethereum.bench;

import io.kmsethereum.core.crypto.DerSignature;
import io.kmsethereum.core.crypto.Secp256k1;
import io.kmsethereum.core.kms.KmsKey;
import io.kmsethereum.core.signer.DigestSigner;
import java.io.IOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.function.Function;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.math.ec.ECPoint;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.utils.Convert;

/**
 * Inputs shared by the benchmarks: one secp256k1 key known to both web3j (as local
 * {@link Credentials}) and the plugin's core (as a {@link KmsKey}), the same two transactions
 * (EIP-1559 and legacy EIP-155), and for each of them a ring of DER signatures made the way KMS
 * makes them (random nonce, about half high-s, both recovery ids).
 */
public final class Fixtures {
    /** The private key of the local web3j credentials and of the fake KMS (benchmark only). */
    public static final String PRIVATE_KEY_HEX = "b7e151628aed2a6abf7158809cf4f3c762e7160f38b4da56a784d9045190cfef";

    /** Sepolia: a chain id above 255, so EIP-155 v needs more than one byte. */
    public static final long CHAIN_ID = 11_155_111L;

    /** Number of transactions, and of KMS-style signatures, in each ring (a power of two). */
    public static final int RING = 256;

    public final BigInteger privateKey = new BigInteger(PRIVATE_KEY_HEX, 16);
    public final Credentials credentials = Credentials.create(PRIVATE_KEY_HEX);
    public final ECPoint publicPoint = Secp256k1.G.multiply(privateKey).normalize();
    public final KmsKey key = kmsKey(publicPoint);

    /** The same public key as a separate point that {@link KmsKey#of} has not configured. */
    public final ECPoint plainPublicPoint = Secp256k1.decodePoint(Secp256k1.toRaw64(publicPoint));

    private static final String TO = "0x3535353535353535353535353535353535353535";

    /** EIP-1559 transfers with 4 bytes of data, nonces 0 to {@link #RING} − 1. */
    public final Ring eip1559;

    /** Legacy transfers signed with EIP-155, nonces 0 to {@link #RING} − 1. */
    public final Ring legacy;

    /** How many of the EIP-1559 ring's KMS-style signatures are high-s. */
    public final int highS1559;

    /**
     * Transactions that differ only in the nonce (so web3j's RFC 6979 nonces, and with them its
     * recovery ids, vary as in real use), their signing digests, and for each one a DER signature
     * made the way KMS makes it.
     *
     * @param transactions the unsigned transactions
     * @param digests Keccak-256 of each signing payload
     * @param der a KMS-style DER signature of each digest
     */
    public record Ring(RawTransaction[] transactions, byte[][] digests, byte[][] der) {
        /** @return a new cursor over this ring */
        public Cursor cursor() {
            return new Cursor(this);
        }
    }

    /**
     * Walks a ring; as a {@link DigestSigner} it is a fake KMS that answers with the pre-made DER
     * signature of the current transaction, in a few nanoseconds.
     */
    public static final class Cursor implements DigestSigner {
        private final Ring ring;
        private int index = -1;

        Cursor(Ring ring) {
            this.ring = ring;
        }

        /** @return the next transaction (and makes it the current one) */
        public RawTransaction next() {
            index = (index + 1) & (RING - 1);
            return ring.transactions()[index];
        }

        /** @return the current transaction's signing digest */
        public byte[] digest() {
            return ring.digests()[index];
        }

        /** @return the current transaction's KMS-style DER signature */
        public byte[] der() {
            return ring.der()[index];
        }

        @Override
        public byte[] sign(byte[] digest) {
            return ring.der()[index];
        }
    }

    public Fixtures() {
        SecureRandom random = new SecureRandom(new byte[] {42});
        RawTransaction[] typed = new RawTransaction[RING];
        RawTransaction[] plain = new RawTransaction[RING];
        BigInteger value = Convert.toWei("0.01", Convert.Unit.ETHER).toBigInteger();
        for (int i = 0; i < RING; i++) {
            BigInteger nonce = BigInteger.valueOf(i);
            typed[i] = RawTransaction.createTransaction(
                    CHAIN_ID,
                    nonce,
                    BigInteger.valueOf(21_064),
                    TO,
                    value,
                    "0xdeadbeef",
                    BigInteger.valueOf(1_500_000_000L),
                    BigInteger.valueOf(30_000_000_000L));
            plain[i] = RawTransaction.createTransaction(
                    nonce, BigInteger.valueOf(20_000_000_000L), BigInteger.valueOf(21_064), TO, value, "0xdeadbeef");
        }
        eip1559 = ring(typed, tx -> TransactionEncoder.encode(tx), random);
        legacy = ring(plain, tx -> TransactionEncoder.encode(tx, CHAIN_ID), random);
        int high = 0;
        for (byte[] der : eip1559.der()) {
            if (DerSignature.parse(der).s().compareTo(Secp256k1.HALF_N) > 0) {
                high++;
            }
        }
        highS1559 = high;
    }

    private Ring ring(RawTransaction[] transactions, Function<RawTransaction, byte[]> payload, SecureRandom random) {
        ECDomainParameters domain =
                new ECDomainParameters(Secp256k1.CURVE, Secp256k1.G, Secp256k1.N, Secp256k1.PARAMS.getH());
        byte[][] digests = new byte[RING][];
        byte[][] der = new byte[RING][];
        for (int i = 0; i < RING; i++) {
            digests[i] = Hash.sha3(payload.apply(transactions[i]));
            ECDSASigner signer = new ECDSASigner();
            signer.init(true, new ParametersWithRandom(new ECPrivateKeyParameters(privateKey, domain), random));
            BigInteger[] rs = signer.generateSignature(digests[i]);
            der[i] = new DerSignature(rs[0], rs[1]).toDer();
        }
        return new Ring(transactions, digests, der);
    }

    private static KmsKey kmsKey(ECPoint point) {
        try {
            byte[] spki = new SubjectPublicKeyInfo(
                            new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256k1),
                            point.getEncoded(false))
                    .getEncoded();
            return KmsKey.of(
                    "alias/bench", "arn:aws:kms:us-east-1:000000000000:key/bench", "ECC_SECG_P256K1", spki, point);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
