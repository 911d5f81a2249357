package io.kmsethereum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.kmsethereum.core.kms.CredentialsSource;
import io.kmsethereum.core.kms.KmsCallCounter;
import io.kmsethereum.core.kms.KmsClientFactory;
import io.kmsethereum.core.kms.KmsConnection;
import io.kmsethereum.core.kms.KmsKey;
import io.kmsethereum.core.kms.KmsKeys;
import io.kmsethereum.core.signer.KmsSigner;
import io.kmsethereum.maven.KmsBuildContext;
import java.math.BigInteger;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.RawTransaction;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * KMS calls per signature, counted by an SDK execution interceptor ({@link KmsCallCounter})
 * against LocalStack: every signature is exactly one {@code Sign}, and DescribeKey and
 * GetPublicKey run once per key per build however many goal executions use the key.
 */
class KmsCallCountIT {
    private static final String PRIVATE_KEY = "7e57ca11c0c0a0a0b0b0d0d0e0e0f0f00102030405060708090a0b0c0d0e0f10";
    private static final String ALIAS = "alias/it-call-count";
    private static final String TYPED_DATA = """
            {"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"chainId","type":"uint256"}],
             "Mail":[{"name":"contents","type":"string"}]},
             "primaryType":"Mail","domain":{"name":"calls","chainId":31337},"message":{"contents":"one Sign"}}""";

    private final ItSupport it = new ItSupport(System.getProperty("kms.it.stateDir", "target/services"));

    private KmsConnection connection() {
        it.ensureKey("c0de0006-0000-4000-8000-000000000001", PRIVATE_KEY, ALIAS);
        return KmsConnection.of(
                "us-east-1",
                URI.create(it.service("kms.it.endpoint")),
                CredentialsSource.explicit("test", "test", "test", null));
    }

    @Test
    void everySignatureIsExactlyOneSignCall() {
        KmsCallCounter counter = new KmsCallCounter();
        try (KmsClient client = KmsClientFactory.create(connection(), counter)) {
            KmsKey key = KmsKeys.resolve(client, ALIAS, "at LocalStack");
            KmsSigner signer = new KmsSigner(client, key, "at LocalStack");
            int signatures = 0;
            for (int nonce = 0; nonce < 5; nonce++) {
                signer.sign(
                        RawTransaction.createTransaction(
                                31337,
                                BigInteger.valueOf(nonce),
                                BigInteger.valueOf(21000),
                                "0x3535353535353535353535353535353535353535",
                                BigInteger.ONE,
                                "0x",
                                BigInteger.ONE,
                                BigInteger.TEN),
                        31337);
                signer.sign(
                        RawTransaction.createEtherTransaction(
                                BigInteger.valueOf(nonce),
                                BigInteger.TEN,
                                BigInteger.valueOf(21000),
                                "0x3535353535353535353535353535353535353535",
                                BigInteger.ONE),
                        11155111);
                signer.signPersonalMessage("message " + nonce);
                signer.signTypedData(TYPED_DATA);
                signatures += 4;
            }
            assertEquals(
                    Map.of("DescribeKey", 1L, "GetPublicKey", 1L, "Sign", (long) signatures),
                    counter.calls(),
                    "one DescribeKey and one GetPublicKey to resolve the key, then one Sign per signature: "
                            + counter.describe());
        }
    }

    @Test
    void aKeyIsDescribedAndReadOncePerBuild() {
        KmsBuildContext build = KmsBuildContext.of(null);
        KmsConnection connection = connection();
        // three goal executions of one build that use the same key
        KmsKey first = build.key(connection, ALIAS, "at LocalStack");
        KmsKey second = build.key(connection, ALIAS, "at LocalStack");
        KmsSigner signer =
                new KmsSigner(build.client(connection), build.key(connection, ALIAS, "at LocalStack"), "at LocalStack");
        signer.signPersonalMessage("after three resolutions");
        assertEquals(
                Map.of("DescribeKey", 1L, "GetPublicKey", 1L, "Sign", 1L),
                build.calls().calls(),
                build.calls().describe());
        assertSame(first, second);
        // an equal connection (same region, endpoint, credentials) shares the client and the cache
        build.key(connection(), ALIAS, "at LocalStack");
        assertSame(build.client(connection), build.client(connection()));
        assertEquals(1L, build.calls().calls("DescribeKey"));
        assertEquals(1L, build.calls().calls("GetPublicKey"));
    }
}
