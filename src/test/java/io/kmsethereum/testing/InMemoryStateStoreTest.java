package io.kmsethereum.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.store.StateStoreException;
import io.kmsethereum.testing.InMemoryStateStore.Operation;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InMemoryStateStoreTest {
    private static final String KEY = "1/0xabc/nonces/next.json";

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void createOnlyAndCompareAndSwap() {
        InMemoryStateStore store = new InMemoryStateStore();
        assertEquals(Optional.empty(), store.read(KEY));
        String v1 = store.create(KEY, bytes("a")).orElseThrow();
        assertEquals(Optional.empty(), store.create(KEY, bytes("b")));
        assertEquals("a", store.text(KEY));
        String v2 = store.replace(KEY, bytes("c"), v1).orElseThrow();
        assertNotEquals(v1, v2);
        assertEquals(Optional.empty(), store.replace(KEY, bytes("d"), v1), "stale version");
        assertEquals(Optional.empty(), store.replace("1/missing.json", bytes("d"), v2), "missing key");
        assertEquals("c", new String(store.read(KEY).orElseThrow().content(), StandardCharsets.UTF_8));
        assertEquals(v2, store.read(KEY).orElseThrow().version());
        assertEquals(3, store.requests(Operation.READ));
        assertEquals(2, store.requests(Operation.CREATE));
        assertEquals(3, store.requests(Operation.REPLACE));
        assertThrows(IllegalArgumentException.class, () -> store.read("1/../x.json"));
    }

    @Test
    void injectedFailuresAndHooks() {
        InMemoryStateStore store = new InMemoryStateStore();
        StateStoreException boom = InMemoryStateStore.unreachable();
        store.failNext(Operation.CREATE, boom);
        assertSame(boom, assertThrows(StateStoreException.class, () -> store.create(KEY, bytes("a"))));
        assertEquals(null, store.text(KEY), "a failure before applying has no effect");

        store.failNextAfterApplying(Operation.CREATE, boom);
        assertThrows(StateStoreException.class, () -> store.create(KEY, bytes("a")));
        assertEquals("a", store.text(KEY), "applied, then failed");

        String v = store.version(KEY);
        store.beforeNext(Operation.REPLACE, () -> store.replace(KEY, bytes("other"), v));
        assertEquals(Optional.empty(), store.replace(KEY, bytes("mine"), v), "the hook's write came first");
        assertEquals("other", store.text(KEY));

        store.failNext(boom);
        assertThrows(StateStoreException.class, () -> store.read(KEY));
        assertTrue(store.read(KEY).isPresent());
    }
}
