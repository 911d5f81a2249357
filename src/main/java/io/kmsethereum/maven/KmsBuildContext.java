package io.kmsethereum.maven;

import io.kmsethereum.core.kms.KmsCallCounter;
import io.kmsethereum.core.kms.KmsClientFactory;
import io.kmsethereum.core.kms.KmsConnection;
import io.kmsethereum.core.kms.KmsKey;
import io.kmsethereum.core.kms.KmsKeys;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.maven.execution.MavenSession;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Per-build state shared by every goal execution of one Maven session: one KMS client per
 * connection (with the source of its credentials, announced once per build), each key's
 * metadata and public key fetched once per connection and key id, and a count of the KMS calls
 * made (logged at debug level after each goal).
 * Stored in the repository session's data map, so it lives exactly as long as the build and is
 * safe under {@code -T}.
 */
public final class KmsBuildContext {
    private static final String DATA_KEY = KmsBuildContext.class.getName();

    private final Map<KmsConnection, Connected> clients = new ConcurrentHashMap<>();
    private final Set<String> announcedCredentials = ConcurrentHashMap.newKeySet();
    private final Map<List<Object>, KmsKey> keys = new ConcurrentHashMap<>();
    private final Map<String, Object> shared = new ConcurrentHashMap<>();
    private final KmsCallCounter calls = new KmsCallCounter();

    /**
     * @param session the Maven session
     * @return the context of this build, created on first use
     */
    public static KmsBuildContext of(MavenSession session) {
        if (session == null || session.getRepositorySession() == null) {
            return new KmsBuildContext();
        }
        return (KmsBuildContext)
                session.getRepositorySession().getData().computeIfAbsent(DATA_KEY, KmsBuildContext::new);
    }

    /** A client and the source its credentials actually came from. */
    private record Connected(KmsClient client, String credentials) {}

    /**
     * @param connection region, endpoint and credentials
     * @return the build's client for this connection, created on first use
     * @throws io.kmsethereum.core.InvalidInputException naming {@code region} if no region is
     *     configured anywhere
     * @throws io.kmsethereum.core.KeyRejectedException if the credentials source has none
     */
    public KmsClient client(KmsConnection connection) {
        return connected(connection).client();
    }

    /**
     * Where this connection's credentials came from (resolving them and creating the client on
     * first use), but only the first time this build asks about that source: four goals that
     * use the same credentials log one line.
     *
     * @param connection region, endpoint and credentials
     * @return e.g. {@code environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY}, or
     *     {@code null} when this build already announced the same source
     * @throws io.kmsethereum.core.InvalidInputException naming {@code region} if no region is
     *     configured anywhere
     * @throws io.kmsethereum.core.KeyRejectedException if the credentials source has none
     */
    public String credentialsToAnnounce(KmsConnection connection) {
        String source = connected(connection).credentials();
        return announcedCredentials.add(source) ? source : null;
    }

    private Connected connected(KmsConnection connection) {
        return clients.computeIfAbsent(connection, c -> {
            // one provider for the description and the client, so the credentials are fetched once
            AwsCredentialsProvider provider = c.credentials().toProvider();
            KmsClient client = KmsClientFactory.create(c, provider, calls);
            return new Connected(client, c.credentials().resolve(provider));
        });
    }

    /**
     * @return the KMS calls that this build's clients made so far, by operation
     */
    public KmsCallCounter calls() {
        return calls;
    }

    /**
     * @param connection region, endpoint and credentials
     * @param keyId key id, key ARN, alias or alias ARN
     * @param where where the client points, for messages
     * @return the checked key; DescribeKey and GetPublicKey run once per build and key
     */
    public KmsKey key(KmsConnection connection, String keyId, String where) {
        List<Object> cacheKey = List.of(connection, keyId);
        KmsKey cached = keys.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        synchronized (this) {
            return keys.computeIfAbsent(cacheKey, k -> KmsKeys.resolve(client(connection), keyId, where));
        }
    }

    /**
     * Other per-build singletons (e.g. the nonce allocator), created on first use.
     *
     * @param name a unique name
     * @param factory creates the value
     * @param <T> its type
     * @return the build's instance
     */
    @SuppressWarnings("unchecked")
    public <T> T shared(String name, Function<String, T> factory) {
        return (T) shared.computeIfAbsent(name, factory);
    }
}
