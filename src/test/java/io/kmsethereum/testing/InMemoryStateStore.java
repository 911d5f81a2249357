package io.kmsethereum.testing;

import io.kmsethereum.core.KmsEthereumException.Fault;
import io.kmsethereum.core.store.StateStore;
import io.kmsethereum.core.store.StateStoreException;
import io.kmsethereum.core.store.StoreKeys;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link StateStore} in memory for unit tests of the protocol on top of the store: the same
 * semantics as {@code LocalStateStore} and {@code S3StateStore} (create-only, compare-and-swap,
 * no overwrite, no delete, keys checked by {@link StoreKeys#check}), thread-safe, with versions
 * that are counters ({@code "1"}, {@code "2"}, …, one per successful write, store-wide, so a
 * version is never reused).
 *
 * <p>For tests it also
 *
 * <ul>
 *   <li>counts requests per {@link Operation} ({@link #requests}), including the ones that fail
 *       or lose their condition;
 *   <li>fails the next call ({@link #failNext}), before it has any effect, or after its write
 *       has been applied ({@link #failNextAfterApplying}: the write landed but the caller never
 *       heard, like a timed-out S3 request that S3 did carry out);
 *   <li>runs an action just before the next call of an operation ({@link #beforeNext}), e.g.
 *       another runner's write between a read and a replace;
 *   <li>lets a test seed and inspect records without counting ({@link #put}, {@link #text},
 *       {@link #keys}).
 * </ul>
 */
public final class InMemoryStateStore implements StateStore {

    /** The store's operations, for {@link #requests} and the fault hooks. */
    public enum Operation {
        READ,
        CREATE,
        REPLACE
    }

    private record Entry(byte[] content, String version) {}

    private record Injected(Operation operation, RuntimeException failure, boolean afterApplying) {}

    private record Hook(Operation operation, Runnable action) {}

    private final boolean shared;
    private final Map<String, Entry> records = new TreeMap<>();
    private final Map<Operation, AtomicLong> requests = new EnumMap<>(Operation.class);
    private final AtomicLong versions = new AtomicLong();
    private final List<Injected> failures = new ArrayList<>();
    private final List<Hook> hooks = new ArrayList<>();

    /** A store that says it is {@linkplain #shared() shared}, like S3. */
    public InMemoryStateStore() {
        this(true);
    }

    /** @param shared what {@link #shared()} answers ({@code false} to stand for local files) */
    public InMemoryStateStore(boolean shared) {
        this.shared = shared;
        for (Operation op : Operation.values()) {
            requests.put(op, new AtomicLong());
        }
    }

    // ---------------------------------------------------------------- StateStore

    @Override
    public Optional<StoredRecord> read(String key) {
        begin(Operation.READ, key);
        Injected failure = takeFailure(Operation.READ);
        if (failure != null) {
            throw failure.failure(); // a read has no effect to apply
        }
        synchronized (this) {
            Entry e = records.get(key);
            return e == null
                    ? Optional.empty()
                    : Optional.of(new StoredRecord(e.content().clone(), e.version()));
        }
    }

    @Override
    public Optional<String> create(String key, byte[] content) {
        begin(Operation.CREATE, key);
        Injected failure = takeFailure(Operation.CREATE);
        if (failure != null && !failure.afterApplying()) {
            throw failure.failure();
        }
        Optional<String> result;
        synchronized (this) {
            if (records.containsKey(key)) {
                result = Optional.empty();
            } else {
                String version = nextVersion();
                records.put(key, new Entry(content.clone(), version));
                result = Optional.of(version);
            }
        }
        if (failure != null) {
            throw failure.failure();
        }
        return result;
    }

    @Override
    public Optional<String> replace(String key, byte[] content, String expectedVersion) {
        begin(Operation.REPLACE, key);
        Injected failure = takeFailure(Operation.REPLACE);
        if (failure != null && !failure.afterApplying()) {
            throw failure.failure();
        }
        Optional<String> result;
        synchronized (this) {
            Entry e = records.get(key);
            if (e == null || !e.version().equals(expectedVersion)) {
                result = Optional.empty();
            } else {
                String version = nextVersion();
                records.put(key, new Entry(content.clone(), version));
                result = Optional.of(version);
            }
        }
        if (failure != null) {
            throw failure.failure();
        }
        return result;
    }

    @Override
    public String location(String key) {
        StoreKeys.check(key);
        return "memory:" + key;
    }

    @Override
    public String describe() {
        return "in-memory store";
    }

    @Override
    public boolean shared() {
        return shared;
    }

    // ---------------------------------------------------------------- test controls

    /**
     * @param operation an operation
     * @return how many times it was called (successful, lost, failed), hooks' own calls included
     */
    public long requests(Operation operation) {
        return requests.get(operation).get();
    }

    /** @return calls of every operation together */
    public long requests() {
        return requests.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** Sets every request counter back to zero. */
    public void resetRequests() {
        requests.values().forEach(c -> c.set(0));
    }

    /**
     * The next call of {@code operation} throws {@code failure} without any effect. Several
     * injected failures are used in the order given.
     *
     * @param operation the operation to fail
     * @param failure what it throws
     * @return this store
     */
    public synchronized InMemoryStateStore failNext(Operation operation, RuntimeException failure) {
        failures.add(new Injected(operation, failure, false));
        return this;
    }

    /**
     * The next call of any operation throws {@code failure} without any effect.
     *
     * @param failure what it throws
     * @return this store
     */
    public synchronized InMemoryStateStore failNext(RuntimeException failure) {
        failures.add(new Injected(null, failure, false));
        return this;
    }

    /**
     * The next call of {@code operation} ({@link Operation#CREATE} or {@link Operation#REPLACE})
     * carries out its write as usual (if its condition holds) and then throws {@code failure}: the
     * caller cannot tell whether it wrote.
     *
     * @param operation the operation
     * @param failure what it throws after the write
     * @return this store
     */
    public synchronized InMemoryStateStore failNextAfterApplying(Operation operation, RuntimeException failure) {
        if (operation == Operation.READ) {
            throw new IllegalArgumentException("a read has nothing to apply: use failNext");
        }
        failures.add(new Injected(operation, failure, true));
        return this;
    }

    /**
     * Runs {@code action} once, just before the next call of {@code operation} is carried out (in
     * the caller's thread, outside the store's lock, so it may use the store; the hook is removed
     * before it runs, so its own calls are counted but do not run it again).
     *
     * @param operation the operation
     * @param action e.g. another runner's {@code replace} of the same record
     * @return this store
     */
    public synchronized InMemoryStateStore beforeNext(Operation operation, Runnable action) {
        hooks.add(new Hook(operation, action));
        return this;
    }

    /**
     * @return an environment failure like the one an unreachable store gives, for {@link
     *     #failNext}
     */
    public static StateStoreException unreachable() {
        return new StateStoreException(
                Fault.ENVIRONMENT, "The in-memory state store was told to fail (test); nothing was signed", null);
    }

    /**
     * Writes a record unconditionally, without counting: for setting up a test.
     *
     * @param key the key
     * @param content the content (UTF-8)
     * @return its new version
     */
    public synchronized String put(String key, String content) {
        StoreKeys.check(key);
        String version = nextVersion();
        records.put(key, new Entry(content.getBytes(StandardCharsets.UTF_8), version));
        return version;
    }

    /**
     * @param key the key
     * @return the record's content as UTF-8, or {@code null} if there is none (not counted)
     */
    public synchronized String text(String key) {
        Entry e = records.get(key);
        return e == null ? null : new String(e.content(), StandardCharsets.UTF_8);
    }

    /**
     * @param key the key
     * @return the record's current version, or {@code null} if there is none (not counted)
     */
    public synchronized String version(String key) {
        Entry e = records.get(key);
        return e == null ? null : e.version();
    }

    /** @return every key, sorted (not counted) */
    public synchronized List<String> keys() {
        return List.copyOf(records.keySet());
    }

    // ---------------------------------------------------------------- internals

    private void begin(Operation operation, String key) {
        requests.get(operation).incrementAndGet();
        StoreKeys.check(key);
        Runnable action = takeHook(operation);
        if (action != null) {
            action.run();
        }
    }

    private synchronized Runnable takeHook(Operation operation) {
        for (int i = 0; i < hooks.size(); i++) {
            if (hooks.get(i).operation() == operation) {
                return hooks.remove(i).action();
            }
        }
        return null;
    }

    private synchronized Injected takeFailure(Operation operation) {
        for (int i = 0; i < failures.size(); i++) {
            Operation target = failures.get(i).operation();
            if (target == null || target == operation) {
                return failures.remove(i);
            }
        }
        return null;
    }

    private String nextVersion() {
        return Long.toString(versions.incrementAndGet());
    }
}
