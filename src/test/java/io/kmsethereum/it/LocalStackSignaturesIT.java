package io.kmsethereum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.crypto.DerSignature;
import io.kmsethereum.core.crypto.RecoverableSignature;
import io.kmsethereum.core.crypto.Secp256k1;
import io.kmsethereum.core.kms.KmsKey;
import io.kmsethereum.core.kms.KmsKeys;
import io.kmsethereum.core.signer.KmsSigner;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;

/**
 * Real KMS signatures (LocalStack, random k like AWS): across well over 100 of them both recovery
 * ids and high-s answers occur, and every output is low-s and recovers (web3j's independent
 * recovery) to the address that cast derives from the private key.
 */
class LocalStackSignaturesIT {
    private static final String PRIVATE_KEY = "5c0e6b5f4b0c8d4e3a2f1e0d9c8b7a6f5e4d3c2b1a09f8e7d6c5b4a39281706f";

    @Test
    void manySignaturesCoverHighSAndBothRecoveryIds() {
        ItSupport it = new ItSupport(System.getProperty("kms.it.stateDir", "target/services"));
        it.ensureKey("44444444-4444-4444-8444-444444444444", PRIVATE_KEY, "alias/it-many-signatures");
        String where = "at LocalStack";
        KmsKey key = KmsKeys.resolve(it.kms(), "alias/it-many-signatures", where);
        String expected = it.castAddressOf(PRIVATE_KEY);
        assertEquals(expected, key.address(), "address from GetPublicKey equals cast's address from the private key");

        List<DerSignature> kmsAnswers = new ArrayList<>();
        KmsSigner signer = new KmsSigner(
                digest -> {
                    byte[] der = KmsKeys.signDigest(it.kms(), key, digest, where);
                    kmsAnswers.add(DerSignature.parse(der));
                    return der;
                },
                key);

        int[] recoveryIds = new int[2];
        int total = 120;
        for (int i = 0; i < total; i++) {
            byte[] digest = Hash.sha3(("localstack signature " + i).getBytes());
            RecoverableSignature sig = signer.signDigest(digest);
            assertTrue(sig.s().compareTo(Secp256k1.HALF_N) <= 0, "output is low-s");
            recoveryIds[sig.recoveryId()]++;
            BigInteger recovered;
            try {
                recovered = Sign.signedMessageHashToKey(digest, sig.toMessageSignatureData());
            } catch (java.security.SignatureException e) {
                throw new AssertionError(e);
            }
            assertEquals(expected, Keys.toChecksumAddress(Keys.getAddress(recovered)));
        }
        long highS = kmsAnswers.stream()
                .filter(d -> d.s().compareTo(Secp256k1.HALF_N) > 0)
                .count();
        assertEquals(total, kmsAnswers.size(), "one KMS Sign per signature");
        assertTrue(highS > 0 && highS < total, "KMS returned high-s answers (" + highS + " of " + total + ")");
        assertTrue(
                recoveryIds[0] > 0 && recoveryIds[1] > 0,
                "both recovery ids occur: " + recoveryIds[0] + " / " + recoveryIds[1]);
        System.out.printf(
                "LocalStack signatures: %d, high-s answers from KMS: %d, recovery ids 0/1: %d/%d%n",
                total, highS, recoveryIds[0], recoveryIds[1]);
    }
}
