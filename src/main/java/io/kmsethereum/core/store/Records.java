package io.kmsethereum.core.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kmsethereum.core.Json;
import io.kmsethereum.core.KmsEthereumException.Fault;
import java.io.IOException;

/**
 * Reads and writes the JSON records of a {@link StateStore}. Every record carries
 * {@code "schema": }{@value #SCHEMA}; a record with a higher schema was written by a newer version
 * of the plugin and is refused (its meaning may have changed), a record that does not parse is
 * refused too. Unknown fields of the same schema are ignored, so a record may gain optional
 * fields without a new schema number; a new schema is for fields that an older reader must not
 * drop (a ledger record with {@code history} is schema 2, every other record schema 1).
 */
public final class Records {
    /** The record format this version writes and reads. */
    public static final int SCHEMA = 1;

    private static final ObjectMapper READER =
            Json.MAPPER.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Records() {}

    /**
     * @param record a record object (a Java record with a {@code schema} component)
     * @return pretty JSON bytes
     */
    public static byte[] toBytes(Object record) {
        return Json.toBytes(record);
    }

    /**
     * @param store the store it came from, for messages
     * @param key its key, for messages
     * @param content its bytes
     * @param type the record type
     * @param <T> the record type
     * @return the parsed record
     * @throws StateStoreException ({@link Fault#USER}) if a newer plugin wrote it,
     *     ({@link Fault#ENVIRONMENT}) if it does not parse
     */
    public static <T> T parse(StateStore store, String key, byte[] content, Class<T> type) {
        return parse(store, key, content, type, SCHEMA);
    }

    /**
     * As {@link #parse(StateStore, String, byte[], Class)} for a record type that has a newer
     * format of its own (the deployment ledger's records with history are schema 2).
     *
     * @param store the store it came from, for messages
     * @param key its key, for messages
     * @param content its bytes
     * @param type the record type
     * @param readable the highest schema this version reads for {@code type}; every lower one
     *     is read too
     * @param <T> the record type
     * @return the parsed record
     * @throws StateStoreException ({@link Fault#USER}) if a newer plugin wrote it,
     *     ({@link Fault#ENVIRONMENT}) if it does not parse
     */
    public static <T> T parse(StateStore store, String key, byte[] content, Class<T> type, int readable) {
        JsonNode tree;
        try {
            tree = READER.readTree(content);
        } catch (IOException e) {
            throw unreadable(store, key, e);
        }
        if (tree == null || !tree.isObject()) {
            throw unreadable(store, key, null);
        }
        int schema = tree.path("schema").asInt(SCHEMA);
        if (schema > readable) {
            throw new StateStoreException(
                    Fault.USER,
                    "The state record " + store.location(key) + " was written by a newer version of the plugin"
                            + " (record schema " + schema + "; this version reads schema " + readable
                            + "). Use that plugin version or newer for every build that shares this store;"
                            + " nothing was signed",
                    null);
        }
        try {
            return READER.treeToValue(tree, type);
        } catch (IOException e) {
            throw unreadable(store, key, e);
        }
    }

    private static StateStoreException unreadable(StateStore store, String key, Exception e) {
        return new StateStoreException(
                Fault.ENVIRONMENT,
                "The state record " + store.location(key) + " does not parse as a record of this plugin"
                        + (e == null
                                ? ""
                                : " (" + e.getMessage().lines().findFirst().orElse("") + ")")
                        + ". It may describe a transaction in flight: look at it, repair it from the store's"
                        + " version history (S3 versioning) or remove it knowing what it held; nothing was signed",
                e);
    }
}
