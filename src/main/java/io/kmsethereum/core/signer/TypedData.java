package io.kmsethereum.core.signer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.Json;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * EIP-712 typed structured data, as {@code eth_signTypedData_v4} takes it: a JSON document with
 * {@code types}, {@code primaryType}, {@code domain} and {@code message}.
 *
 * <p>The digest is {@code keccak256(0x19 ‖ 0x01 ‖ hashStruct(EIP712Domain, domain) ‖
 * hashStruct(primaryType, message))} (EIP-712, "Specification"), with
 * {@code hashStruct(T, v) = keccak256(typeHash(T) ‖ encodeData(T, v))}, {@code encodeType} listing
 * the referenced struct types sorted by name, {@code string} and {@code bytes} encoded as their
 * Keccak-256, and arrays (fixed, dynamic, and arrays of arrays) as the Keccak-256 of their
 * elements' encodings concatenated, recursively.
 *
 * <p>This is our own encoder rather than web3j's {@code StructuredDataEncoder}, because web3j
 * 4.13 flattens arrays of arrays before hashing (a digest no wallet or contract computes) and
 * rejects ragged ones. It follows the reference implementation of {@code eth_signTypedData_v4}
 * (MetaMask's eth-sig-util) as alloy does: when {@code types} lacks {@code EIP712Domain}, it is
 * derived from the {@code domain} fields present, in the order name, version, chainId,
 * verifyingContract, salt; when {@code primaryType} is {@code EIP712Domain}, the message hash is
 * left out.
 */
public final class TypedData {
    private static final Pattern ARRAY = Pattern.compile("^(.*)\\[([0-9]*)]$");
    private static final Pattern INTEGER = Pattern.compile("^(u?)int([0-9]+)$");
    private static final Pattern FIXED_BYTES = Pattern.compile("^bytes([0-9]+)$");
    private static final Pattern NAME = Pattern.compile("^[A-Za-z_$][A-Za-z0-9_$]*$");
    private static final String DOMAIN = "EIP712Domain";
    private static final Map<String, String> DOMAIN_FIELDS = new LinkedHashMap<>();

    static {
        DOMAIN_FIELDS.put("name", "string");
        DOMAIN_FIELDS.put("version", "string");
        DOMAIN_FIELDS.put("chainId", "uint256");
        DOMAIN_FIELDS.put("verifyingContract", "address");
        DOMAIN_FIELDS.put("salt", "bytes32");
    }

    private record Field(String name, String type) {}

    private final Map<String, List<Field>> types = new LinkedHashMap<>();
    private final String primaryType;
    private final JsonNode domain;
    private final JsonNode message;
    private final String parameter;

    private TypedData(
            Map<String, List<Field>> types, String primaryType, JsonNode domain, JsonNode message, String parameter) {
        this.types.putAll(types);
        this.primaryType = primaryType;
        this.domain = domain;
        this.message = message;
        this.parameter = parameter;
    }

    /**
     * Parses and checks a typed data document.
     *
     * @param json the JSON text
     * @param parameter the parameter it came from, for errors (e.g. {@code typedDataFile})
     * @return the typed data
     * @throws InvalidInputException if the JSON or a type definition is malformed; the message
     *     says where
     */
    public static TypedData parse(String json, String parameter) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(parameter, "is not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(
                    parameter, "must be a JSON object with types, primaryType, domain and message");
        }
        JsonNode typesNode = root.path("types");
        if (!typesNode.isObject()) {
            throw new InvalidInputException(
                    parameter,
                    "has no \"types\" object; EIP-712 typed data needs types, primaryType, domain and message");
        }
        Map<String, List<Field>> types = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = typesNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String typeName = entry.getKey();
            if (!NAME.matcher(typeName).matches()) {
                throw new InvalidInputException(parameter, "types: '" + typeName + "' is not a valid struct name");
            }
            if (!entry.getValue().isArray()) {
                throw new InvalidInputException(parameter, "types." + typeName + " must be an array of {name, type}");
            }
            List<Field> fields = new ArrayList<>();
            for (JsonNode f : entry.getValue()) {
                if (!f.path("name").isTextual() || !f.path("type").isTextual()) {
                    throw new InvalidInputException(
                            parameter, "types." + typeName + ": every field needs a \"name\" and a \"type\"");
                }
                fields.add(
                        new Field(f.get("name").asText(), f.get("type").asText().trim()));
            }
            types.put(typeName, fields);
        }
        if (!root.path("primaryType").isTextual()) {
            throw new InvalidInputException(parameter, "has no \"primaryType\"; name the struct type of \"message\"");
        }
        String primaryType = root.get("primaryType").asText();
        JsonNode domain = root.path("domain");
        if (!domain.isObject()) {
            throw new InvalidInputException(parameter, "has no \"domain\" object");
        }
        if (!types.containsKey(DOMAIN)) {
            List<Field> derived = new ArrayList<>();
            DOMAIN_FIELDS.forEach((name, type) -> {
                if (domain.has(name) && !domain.get(name).isNull()) {
                    derived.add(new Field(name, type));
                }
            });
            types.put(DOMAIN, derived);
        }
        if (!types.containsKey(primaryType)) {
            throw new InvalidInputException(parameter, "primaryType '" + primaryType + "' is not defined in types");
        }
        JsonNode message = root.path("message");
        if (!DOMAIN.equals(primaryType) && !message.isObject()) {
            throw new InvalidInputException(parameter, "has no \"message\" object");
        }
        TypedData data = new TypedData(types, primaryType, domain, message, parameter);
        types.keySet().forEach(data::checkTypes);
        return data;
    }

    /** @return the primary type, e.g. {@code Mail} */
    public String primaryType() {
        return primaryType;
    }

    /**
     * @return the 32-byte digest to sign
     * @throws InvalidInputException if a value does not fit its declared type (the message
     *     names the path, e.g. {@code message.items[1].quantity})
     */
    public byte[] digest() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x19);
        out.write(0x01);
        out.writeBytes(hashStruct(DOMAIN, domain, "domain"));
        if (!DOMAIN.equals(primaryType)) {
            out.writeBytes(hashStruct(primaryType, message, "message"));
        }
        return Hash.sha3(out.toByteArray());
    }

    /**
     * @param type a struct type
     * @return its {@code encodeType}: {@code Type(t1 n1,…)} followed by the referenced struct
     *     types sorted by name
     */
    public String encodeType(String type) {
        TreeSet<String> deps = new TreeSet<>();
        dependencies(type, deps);
        deps.remove(type);
        StringBuilder sb = new StringBuilder(typeString(type));
        deps.forEach(d -> sb.append(typeString(d)));
        return sb.toString();
    }

    private String typeString(String type) {
        StringBuilder sb = new StringBuilder(type).append('(');
        List<Field> fields = types.get(type);
        for (int i = 0; i < fields.size(); i++) {
            sb.append(i == 0 ? "" : ",")
                    .append(fields.get(i).type())
                    .append(' ')
                    .append(fields.get(i).name());
        }
        return sb.append(')').toString();
    }

    private void dependencies(String type, TreeSet<String> found) {
        String base = baseType(type);
        if (!types.containsKey(base) || !found.add(base)) {
            return;
        }
        for (Field f : types.get(base)) {
            dependencies(f.type(), found);
        }
    }

    private void checkTypes(String type) {
        for (Field f : types.get(type)) {
            String base = baseType(f.type());
            if (!types.containsKey(base) && !isAtomic(base)) {
                throw new InvalidInputException(
                        parameter,
                        "types." + type + "." + f.name() + " has type '" + f.type()
                                + "', which is neither a Solidity type nor defined in types");
            }
        }
    }

    private static String baseType(String type) {
        String t = type;
        Matcher m = ARRAY.matcher(t);
        while (m.matches()) {
            t = m.group(1);
            m = ARRAY.matcher(t);
        }
        return t;
    }

    private static boolean isAtomic(String type) {
        Matcher integer = INTEGER.matcher(type);
        if (integer.matches()) {
            int bits = Integer.parseInt(integer.group(2));
            return bits >= 8 && bits <= 256 && bits % 8 == 0;
        }
        Matcher bytes = FIXED_BYTES.matcher(type);
        if (bytes.matches()) {
            int n = Integer.parseInt(bytes.group(1));
            return n >= 1 && n <= 32;
        }
        return type.equals("address") || type.equals("bool") || type.equals("string") || type.equals("bytes");
    }

    private byte[] hashStruct(String type, JsonNode value, String path) {
        if (!value.isObject()) {
            throw bad(path, "must be an object of type " + type);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Hash.sha3(encodeType(type).getBytes(StandardCharsets.UTF_8)));
        for (Field f : types.get(type)) {
            JsonNode v = value.get(f.name());
            if (v == null || v.isNull()) {
                throw bad(path + "." + f.name(), "is missing (type " + f.type() + ")");
            }
            out.writeBytes(encodeValue(f.type(), v, path + "." + f.name()));
        }
        return Hash.sha3(out.toByteArray());
    }

    private byte[] encodeValue(String type, JsonNode value, String path) {
        Matcher array = ARRAY.matcher(type);
        if (array.matches()) {
            if (!value.isArray()) {
                throw bad(path, "must be an array (" + type + ")");
            }
            if (!array.group(2).isEmpty() && value.size() != Integer.parseInt(array.group(2))) {
                throw bad(path, "has " + value.size() + " elements; " + type + " needs " + array.group(2));
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int i = 0; i < value.size(); i++) {
                out.writeBytes(encodeValue(array.group(1), value.get(i), path + "[" + i + "]"));
            }
            return Hash.sha3(out.toByteArray());
        }
        if (types.containsKey(type)) {
            return hashStruct(type, value, path);
        }
        if (type.equals("string")) {
            if (!value.isTextual()) {
                throw bad(path, "must be a string");
            }
            return Hash.sha3(value.asText().getBytes(StandardCharsets.UTF_8));
        }
        if (type.equals("bytes")) {
            return Hash.sha3(hex(value, path, "bytes"));
        }
        if (type.equals("bool")) {
            boolean b;
            if (value.isBoolean()) {
                b = value.asBoolean();
            } else if (value.isTextual()
                    && (value.asText().equals("true") || value.asText().equals("false"))) {
                b = value.asText().equals("true");
            } else {
                throw bad(path, "must be true or false");
            }
            return word(b ? BigInteger.ONE : BigInteger.ZERO);
        }
        if (type.equals("address")) {
            byte[] address = hex(value, path, "address");
            if (address.length != 20) {
                throw bad(path, "must be an address: 0x followed by 40 hex digits");
            }
            return word(new BigInteger(1, address));
        }
        Matcher fixed = FIXED_BYTES.matcher(type);
        if (fixed.matches()) {
            int n = Integer.parseInt(fixed.group(1));
            byte[] bytes = hex(value, path, type);
            if (bytes.length != n) {
                throw bad(path, "has " + bytes.length + " bytes; " + type + " needs exactly " + n);
            }
            byte[] word = new byte[32];
            System.arraycopy(bytes, 0, word, 0, n);
            return word;
        }
        Matcher integer = INTEGER.matcher(type);
        if (integer.matches()) {
            return integer(value, integer.group(1).isEmpty(), Integer.parseInt(integer.group(2)), type, path);
        }
        throw bad(path, "has unsupported type " + type);
    }

    private byte[] integer(JsonNode value, boolean signed, int bits, String type, String path) {
        BigInteger n;
        if (value.isIntegralNumber()) {
            n = value.bigIntegerValue();
        } else if (value.isTextual()) {
            String t = value.asText().trim();
            try {
                n = t.startsWith("0x") || t.startsWith("0X") ? new BigInteger(t.substring(2), 16) : new BigInteger(t);
            } catch (NumberFormatException e) {
                throw bad(path, "'" + t + "' is not an integer (" + type + ": decimal, or 0x hex)");
            }
        } else {
            throw bad(path, "must be an integer (" + type + "), as a JSON number or a string");
        }
        BigInteger min = signed ? BigInteger.ONE.shiftLeft(bits - 1).negate() : BigInteger.ZERO;
        BigInteger max = signed
                ? BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        if (n.compareTo(min) < 0 || n.compareTo(max) > 0) {
            throw bad(path, n + " is out of range for " + type);
        }
        return word(n.signum() < 0 ? BigInteger.ONE.shiftLeft(256).add(n) : n);
    }

    private byte[] hex(JsonNode value, String path, String type) {
        String t = value.isTextual() ? value.asText().trim() : "";
        if (!t.matches("0[xX]([0-9a-fA-F]{2})*")) {
            throw bad(path, "must be 0x hex bytes (" + type + ")");
        }
        return Numeric.hexStringToByteArray(t);
    }

    private static byte[] word(BigInteger n) {
        return Numeric.toBytesPadded(n, 32);
    }

    private InvalidInputException bad(String path, String what) {
        return new InvalidInputException(parameter, path + " " + what);
    }
}
