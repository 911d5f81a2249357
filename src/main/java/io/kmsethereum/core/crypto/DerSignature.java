package io.kmsethereum.core.crypto;

import io.kmsethereum.core.SignatureCheckException;
import java.io.IOException;
import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;

/**
 * An ECDSA signature as AWS KMS returns it from
 * <a href="https://docs.aws.amazon.com/kms/latest/APIReference/API_Sign.html">Sign</a> for
 * {@code ECDSA_SHA_256}: the DER encoding of {@code SEQUENCE { r INTEGER, s INTEGER }}
 * (RFC 3279, section 2.2.3; ANSI X9.62). Parsing uses BouncyCastle's ASN.1 reader, so integers
 * of any length (31, 32 or 33 bytes with a leading {@code 0x00}) and long-form lengths are
 * accepted while trailing data and non-positive values are rejected.
 *
 * @param r the {@code r} value, 1 ≤ r &lt; n
 * @param s the {@code s} value, 1 ≤ s &lt; n (not yet normalised to low-s)
 */
public record DerSignature(BigInteger r, BigInteger s) {

    /**
     * Parses a DER signature.
     *
     * @param der the bytes from KMS {@code Sign} (normally 70–72 bytes)
     * @return the integers {@code r} and {@code s}
     * @throws SignatureCheckException if the bytes are not one DER sequence of two integers in
     *     the range [1, n−1] of secp256k1
     */
    public static DerSignature parse(byte[] der) {
        if (der == null || der.length < 8) {
            throw new SignatureCheckException("KMS returned a signature of " + (der == null ? 0 : der.length)
                    + " bytes; a DER ECDSA signature has 8 to 72");
        }
        ASN1Sequence sequence;
        try {
            ASN1Primitive primitive = ASN1Primitive.fromByteArray(der);
            if (!(primitive instanceof ASN1Sequence)) {
                throw new SignatureCheckException("KMS signature is not a DER SEQUENCE");
            }
            sequence = (ASN1Sequence) primitive;
            // fromByteArray rejects trailing bytes; re-encoding catches BER-only encodings
        } catch (IOException | IllegalArgumentException e) {
            throw new SignatureCheckException("KMS signature is not valid DER: " + e.getMessage(), e);
        }
        if (sequence.size() != 2
                || !(sequence.getObjectAt(0) instanceof ASN1Integer)
                || !(sequence.getObjectAt(1) instanceof ASN1Integer)) {
            throw new SignatureCheckException("KMS signature is not a SEQUENCE of two INTEGERs");
        }
        BigInteger r = ((ASN1Integer) sequence.getObjectAt(0)).getValue();
        BigInteger s = ((ASN1Integer) sequence.getObjectAt(1)).getValue();
        checkRange("r", r);
        checkRange("s", s);
        return new DerSignature(r, s);
    }

    /**
     * @return the DER encoding of this signature (minimal, definite lengths)
     */
    public byte[] toDer() {
        try {
            return new DERSequence(new ASN1Integer[] {new ASN1Integer(r), new ASN1Integer(s)})
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void checkRange(String name, BigInteger value) {
        if (value.signum() <= 0 || value.compareTo(Secp256k1.N) >= 0) {
            throw new SignatureCheckException("KMS signature value " + name + " is outside [1, n-1] of secp256k1");
        }
    }
}
