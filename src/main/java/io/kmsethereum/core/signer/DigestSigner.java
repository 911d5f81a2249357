package io.kmsethereum.core.signer;

/**
 * The contract of KMS {@code Sign} with {@code MessageType=DIGEST} and {@code ECDSA_SHA_256}:
 * a 32-byte digest in, a DER-encoded ECDSA signature out. Implemented by the KMS client path and
 * by test doubles.
 */
@FunctionalInterface
public interface DigestSigner {
    /**
     * @param digest 32 bytes, signed as given (not hashed again)
     * @return the DER {@code SEQUENCE { r INTEGER, s INTEGER }}
     */
    byte[] sign(byte[] digest);
}
