package io.kmsethereum.core.signer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.KeyRejectedException;
import io.kmsethereum.testing.FakeKms;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The keys of one execution: resolved once each, none twice, found by address. */
class KmsSignersTest {
    private final Map<String, KmsSigner> keys = new HashMap<>();
    private final List<String> resolved = new ArrayList<>();

    private KmsSigner key(String id, String arn, long secret) {
        FakeKms kms = new FakeKms(BigInteger.valueOf(secret), true);
        KmsSigner signer = new KmsSigner(kms, kms.key(id, arn));
        keys.put(id, signer);
        return signer;
    }

    private final Function<String, KmsSigner> resolve = id -> {
        resolved.add(id);
        KmsSigner signer = keys.get(id);
        if (signer == null) {
            throw new KeyRejectedException(
                    "KMS key '" + id
                            + "' does not exist in region us-east-1. Check the key id, or configure another 'keyId'.",
                    null);
        }
        return signer;
    };

    private final KmsSigner primary = key("alias/deployer", "arn:aws:kms:us-east-1:1:key/a", 11);

    @Test
    void resolvesEachAdditionalKeyAndFindsSignersByAddress() {
        KmsSigner second = key("alias/second", "arn:aws:kms:us-east-1:1:key/b", 22);
        KmsSigner third = key("arn:aws:kms:us-east-1:1:key/c", "arn:aws:kms:us-east-1:1:key/c", 33);
        KmsSigners ring = KmsSigners.resolve(
                primary, Arrays.asList(" alias/second ", "", null, "arn:aws:kms:us-east-1:1:key/c"), resolve);
        assertEquals(List.of("alias/second", "arn:aws:kms:us-east-1:1:key/c"), resolved, "blank entries ignored");
        assertSame(primary, ring.primary());
        assertEquals(List.of(second, third), ring.additional());
        assertEquals(List.of(primary, second, third), ring.all());
        assertSame(third, ring.byAddress(third.getAddress().toLowerCase()).orElseThrow());
        assertSame(primary, ring.byAddress(primary.getAddress()).orElseThrow());
        assertTrue(ring.byAddress("0x3535353535353535353535353535353535353535").isEmpty());
    }

    @Test
    void noAdditionalKeysIsTheOneKey() {
        KmsSigners ring = KmsSigners.resolve(primary, null, resolve);
        assertEquals(List.of(primary), ring.all());
        assertTrue(resolved.isEmpty());
    }

    @Test
    void theSameKeyTwiceIsRefusedNamingAdditionalKeyIds() {
        key("alias/second", "arn:aws:kms:us-east-1:1:key/b", 22);
        InvalidInputException itself = assertThrows(
                InvalidInputException.class, () -> KmsSigners.resolve(primary, List.of("alias/deployer"), resolve));
        assertEquals("additionalKeyIds", itself.getParameter());
        assertTrue(itself.getMessage().contains("is keyId itself"), itself.getMessage());

        InvalidInputException twice = assertThrows(
                InvalidInputException.class,
                () -> KmsSigners.resolve(primary, List.of("alias/second", "alias/second"), resolve));
        assertTrue(twice.getMessage().contains("lists 'alias/second' twice"), twice.getMessage());
        assertTrue(resolved.isEmpty(), "refused before any KMS call");

        // an alias of keyId's key under another name: found by the key ARN
        key("alias/deployer-too", "arn:aws:kms:us-east-1:1:key/a", 11);
        InvalidInputException sameArn = assertThrows(
                InvalidInputException.class, () -> KmsSigners.resolve(primary, List.of("alias/deployer-too"), resolve));
        assertTrue(
                sameArn.getMessage().contains("is the same KMS key as keyId 'alias/deployer'"), sameArn.getMessage());

        // two keys, one key material (imported twice): found by the address
        key("alias/copy", "arn:aws:kms:us-east-1:1:key/d", 22);
        InvalidInputException sameAddress = assertThrows(
                InvalidInputException.class,
                () -> KmsSigners.resolve(primary, List.of("alias/second", "alias/copy"), resolve));
        assertEquals("additionalKeyIds", sameAddress.getParameter());
        assertTrue(sameAddress.getMessage().contains("has the same address"), sameAddress.getMessage());
    }

    @Test
    void aRejectedAdditionalKeySaysSo() {
        KeyRejectedException e = assertThrows(
                KeyRejectedException.class, () -> KmsSigners.resolve(primary, List.of("alias/missing"), resolve));
        assertTrue(e.getMessage().startsWith("In additionalKeyIds (entry 0): KMS key 'alias/missing'"), e.getMessage());
        assertTrue(e.getMessage().contains("configure another 'additionalKeyIds'"), e.getMessage());
    }
}
