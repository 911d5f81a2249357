package io.kmsethereum.core.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.Json;
import io.kmsethereum.core.crypto.Addresses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.web3j.crypto.AccessListObject;
import org.web3j.utils.Numeric;

/**
 * Access lists of EIP-2930 (also carried by EIP-1559 transactions), written as the JSON that
 * {@code eth_createAccessList} returns and JSON-RPC transaction objects carry:
 * {@code [{"address": "0x…", "storageKeys": ["0x…32 bytes…"]}]}.
 */
public final class AccessLists {
    private AccessLists() {}

    /**
     * @param json the access list as JSON, or {@code null}/blank for none
     * @param parameter the parameter name, for errors
     * @return the entries with EIP-55 addresses and 32-byte storage keys as {@code 0x} hex
     *     (lower case, 64 digits); empty for none
     * @throws InvalidInputException if the JSON is malformed, an address is invalid or a storage
     *     key is not 32 bytes
     */
    public static List<AccessListObject> parse(String json, String parameter) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(
                    parameter,
                    "is not valid JSON (" + e.getOriginalMessage()
                            + "); write [{\"address\": \"0x…\", \"storageKeys\": [\"0x…\"]}]");
        }
        if (!root.isArray()) {
            throw new InvalidInputException(
                    parameter, "must be a JSON array: [{\"address\": \"0x…\", \"storageKeys\": [\"0x…\"]}]");
        }
        List<AccessListObject> result = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode entry = root.get(i);
            String where = parameter + "[" + i + "]";
            if (!entry.isObject() || !entry.path("address").isTextual()) {
                throw new InvalidInputException(where, "needs an \"address\" (and optionally \"storageKeys\")");
            }
            String address = Addresses.parse(entry.get("address").asText(), where + ".address");
            List<String> keys = new ArrayList<>();
            JsonNode storageKeys = entry.path("storageKeys");
            if (!storageKeys.isMissingNode() && !storageKeys.isNull() && !storageKeys.isArray()) {
                throw new InvalidInputException(where + ".storageKeys", "must be an array of 32-byte hex strings");
            }
            for (int k = 0; k < storageKeys.size(); k++) {
                String keyWhere = where + ".storageKeys[" + k + "]";
                byte[] key = HexData.parse(
                        storageKeys.get(k).isTextual() ? storageKeys.get(k).asText() : "-", keyWhere);
                if (key.length != 32) {
                    throw new InvalidInputException(
                            keyWhere, "is " + key.length + " bytes; a storage key is 32 bytes (0x + 64 hex digits)");
                }
                keys.add(Numeric.toHexString(key));
            }
            result.add(new AccessListObject(address, keys));
        }
        return List.copyOf(result);
    }

    /**
     * @param accessList entries
     * @return the JSON-RPC form: a list of {@code {address, storageKeys}} maps
     */
    public static List<Map<String, Object>> toJson(List<AccessListObject> accessList) {
        List<Map<String, Object>> result = new ArrayList<>();
        for (AccessListObject entry : accessList) {
            result.add(Map.of("address", entry.getAddress(), "storageKeys", List.copyOf(entry.getStorageKeys())));
        }
        return result;
    }
}
