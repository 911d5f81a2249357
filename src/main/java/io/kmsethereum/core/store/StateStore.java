package io.kmsethereum.core.store;

import java.util.Optional;

/**
 * Where the records that outlive a build live: the journal of broadcast steps, nonce claims and
 * the deployment ledger. Two implementations, chosen by the {@code stateStore} parameter: local
 * files ({@link LocalStateStore}, the default) and Amazon S3 with conditional writes
 * ({@link S3StateStore}). No goal knows which one it has.
 *
 * <p>Keys are relative, {@code /}-separated paths such as
 * {@code 31337/0xAbC…/steps/release-1.json} (see {@link StoreKeys}). Each record has a
 * <em>version</em>, an opaque string that changes with every write (S3: the ETag; local files: a
 * digest of the content). Every write that another runner may race with is conditional:
 * {@link #create} succeeds only if the key does not exist ({@code If-None-Match: *}),
 * {@link #replace} only if the record still has the version that was read ({@code If-Match}).
 * There is no unconditional overwrite and no delete: a record is retired by replacing it with a
 * record that says so.
 *
 * <p>Implementations are thread-safe and safe across processes (and, for S3, across machines).
 * Failures are {@link StateStoreException}s that name the store and say what to check.
 */
public interface StateStore {

    /**
     * @param key the record's key
     * @return its content and version, or empty if there is no such record
     * @throws StateStoreException if the store cannot be read
     */
    Optional<StoredRecord> read(String key);

    /**
     * Creates a record only if none exists under the key (S3 {@code PutObject} with
     * {@code If-None-Match: *}).
     *
     * @param key the record's key
     * @param content the complete content (JSON)
     * @return the new version, or empty if a record already exists under the key (someone else
     *     created it first)
     * @throws StateStoreException if the store cannot be written
     */
    Optional<String> create(String key, byte[] content);

    /**
     * Replaces a record only if it still has the version the caller read (S3 {@code PutObject}
     * with {@code If-Match: <ETag>}): a compare-and-swap.
     *
     * @param key the record's key
     * @param content the complete new content (JSON)
     * @param expectedVersion the version returned by {@link #read}, {@link #create} or an earlier
     *     {@link #replace}
     * @return the new version, or empty if the record changed (or vanished) since it was read
     * @throws StateStoreException if the store cannot be written
     */
    Optional<String> replace(String key, byte[] content, String expectedVersion);

    /**
     * @param key a record's key
     * @return where the record lives, for messages: a file path or {@code s3://bucket/key}
     */
    String location(String key);

    /**
     * @return the store for the log: {@code local files under …} or {@code s3://bucket/prefix}
     */
    String describe();

    /**
     * @return {@code true} for a store that other machines see (S3); {@code false} for local
     *     files, which only this machine sees
     */
    boolean shared();

    /**
     * A record as read.
     *
     * @param content its bytes (JSON)
     * @param version its version, for {@link #replace}
     */
    record StoredRecord(byte[] content, String version) {}
}
