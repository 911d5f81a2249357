package io.kmsethereum.core.crypto;

import java.math.BigInteger;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECCurve;
import org.bouncycastle.math.ec.ECPoint;

/**
 * The secp256k1 curve (SEC 2, section 2.4.1) as BouncyCastle's optimised custom curve.
 * Immutable constants only.
 */
public final class Secp256k1 {
    /** The curve parameters from BouncyCastle. */
    public static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");

    /** The curve. */
    public static final ECCurve CURVE = PARAMS.getCurve();

    /** The generator point G. */
    public static final ECPoint G = PARAMS.getG();

    /** The group order n. */
    public static final BigInteger N = PARAMS.getN();

    /** n / 2 (integer division): the largest {@code s} that EIP-2 allows. */
    public static final BigInteger HALF_N = N.shiftRight(1);

    private Secp256k1() {}

    /**
     * Decodes a public key.
     *
     * @param publicKey 64 bytes (x‖y, as Ethereum hashes it) or 65 bytes (SEC 1 uncompressed,
     *     {@code 0x04}‖x‖y) or 33 bytes (compressed)
     * @return the point, checked to be on the curve
     * @throws IllegalArgumentException if the bytes are not a valid point
     */
    public static ECPoint decodePoint(byte[] publicKey) {
        byte[] encoded = publicKey;
        if (publicKey.length == 64) {
            encoded = new byte[65];
            encoded[0] = 0x04;
            System.arraycopy(publicKey, 0, encoded, 1, 64);
        }
        ECPoint point = CURVE.decodePoint(encoded).normalize();
        if (point.isInfinity() || !point.isValid()) {
            throw new IllegalArgumentException("not a point on secp256k1");
        }
        return point;
    }

    /**
     * @param point a normalised point
     * @return the 64-byte x‖y encoding that Ethereum hashes to form the address
     */
    public static byte[] toRaw64(ECPoint point) {
        byte[] uncompressed = point.normalize().getEncoded(false);
        byte[] raw = new byte[64];
        System.arraycopy(uncompressed, 1, raw, 0, 64);
        return raw;
    }
}
