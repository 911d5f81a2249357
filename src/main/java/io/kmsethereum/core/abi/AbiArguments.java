package io.kmsethereum.core.abi;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.crypto.Addresses;
import io.kmsethereum.core.input.HexData;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.abi.TypeDecoder;
import org.web3j.abi.datatypes.Type;

/**
 * Turns arguments written as strings into ABI values of declared Solidity types, for function
 * calls ({@code function} + {@code arguments}) and constructor arguments. The encoding itself is
 * web3j's ({@link TypeDecoder#instantiateType(String, Object)}, then {@code FunctionEncoder});
 * this class only parses and checks the text, so that a bad value fails with a message naming
 * the argument before anything is signed.
 *
 * <p>Accepted text per type (Solidity ABI specification, "Types"):
 * <ul>
 *   <li>{@code address}: {@code 0x} + 40 hex digits; mixed case must be a valid EIP-55 checksum</li>
 *   <li>{@code uintN} / {@code intN} (N = 8…256, step 8; {@code uint}/{@code int} mean 256):
 *       decimal ({@code -} allowed for {@code intN}) or {@code 0x} hex, within N bits</li>
 *   <li>{@code bool}: {@code true} or {@code false}</li>
 *   <li>{@code bytesN} (N = 1…32): {@code 0x} + exactly 2N hex digits</li>
 *   <li>{@code bytes}: {@code 0x} + an even number of hex digits</li>
 *   <li>{@code string}: the text as it is (UTF-8)</li>
 *   <li>arrays {@code T[]} and {@code T[k]}, nested too: {@code [e1, e2, …]}; an element that
 *       contains {@code ,} {@code [} {@code ]} or {@code "} is written as a JSON string
 *       ({@code "a, b"})</li>
 * </ul>
 * Tuples (structs) are not supported.
 */
public final class AbiArguments {
    private static final Pattern ARRAY = Pattern.compile("^(.*)\\[([0-9]*)]$");
    private static final Pattern INTEGER = Pattern.compile("^(u?)int([0-9]*)$");
    private static final Pattern FIXED_BYTES = Pattern.compile("^bytes([0-9]+)$");

    private AbiArguments() {}

    /**
     * Converts a list of arguments by their declared types.
     *
     * @param types Solidity types, e.g. {@code [address, uint256]}
     * @param values one string per type
     * @param parameter the parameter holding the values, e.g. {@code arguments}; errors name
     *     {@code parameter[i]}
     * @param what what the types belong to, for the count error, e.g. {@code transfer(address,uint256)}
     * @return the ABI values, in order
     * @throws InvalidInputException if the count differs or a value does not fit its type
     */
    public static List<Type> convert(List<String> types, List<String> values, String parameter, String what) {
        List<String> given = values == null ? List.of() : values;
        if (given.size() != types.size()) {
            throw new InvalidInputException(
                    parameter,
                    what + " takes " + types.size() + " argument"
                            + (types.size() == 1 ? "" : "s") + " (" + String.join(", ", types) + "), " + given.size()
                            + " given");
        }
        List<Type> result = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) {
            result.add(convert(types.get(i), given.get(i), parameter + "[" + i + "]"));
        }
        return result;
    }

    /**
     * Converts one argument.
     *
     * @param type a Solidity type, e.g. {@code uint256}, {@code address[]}, {@code bytes32[2]}
     * @param value the argument as text
     * @param parameter the name used in errors, e.g. {@code arguments[1]}
     * @return the ABI value
     * @throws InvalidInputException if the type is unknown or the value does not fit it
     */
    public static Type convert(String type, String value, String parameter) {
        String canonical = canonicalType(type, parameter);
        Object javaValue = parse(canonical, value, parameter);
        try {
            return TypeDecoder.instantiateType(canonical, javaValue);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new InvalidInputException(
                    parameter, "'" + abbreviate(value) + "' cannot be encoded as " + canonical + ": " + e.getMessage());
        }
    }

    /**
     * @param type a Solidity type as written, e.g. {@code uint}, {@code address []}
     * @param parameter the name used in errors
     * @return the canonical form used in function selectors, e.g. {@code uint256},
     *     {@code address[]}
     * @throws InvalidInputException for tuples and unknown types
     */
    public static String canonicalType(String type, String parameter) {
        String t = type == null ? "" : type.replaceAll("\\s+", "");
        Matcher array = ARRAY.matcher(t);
        if (array.matches()) {
            String length = array.group(2);
            if (!length.isEmpty() && (Integer.parseInt(length) < 1 || Integer.parseInt(length) > 32)) {
                throw new InvalidInputException(
                        parameter, "fixed-size array type '" + type + "' is not supported; lengths 1 to 32 are");
            }
            return canonicalType(array.group(1), parameter) + "[" + length + "]";
        }
        if (t.startsWith("(") || t.startsWith("tuple")) {
            throw new InvalidInputException(
                    parameter,
                    "tuple (struct) type '" + type + "' is not supported;" + " pass the calldata as 'data' instead");
        }
        Matcher integer = INTEGER.matcher(t);
        if (integer.matches()) {
            int bits = integer.group(2).isEmpty() ? 256 : Integer.parseInt(integer.group(2));
            if (bits < 8 || bits > 256 || bits % 8 != 0) {
                throw new InvalidInputException(
                        parameter,
                        "'" + type + "' is not a Solidity type; intN/uintN need N from 8 to 256 in steps of 8");
            }
            return integer.group(1) + "int" + bits;
        }
        Matcher fixed = FIXED_BYTES.matcher(t);
        if (fixed.matches()) {
            int n = Integer.parseInt(fixed.group(1));
            if (n < 1 || n > 32) {
                throw new InvalidInputException(
                        parameter, "'" + type + "' is not a Solidity type; bytesN needs N from 1 to 32");
            }
            return t;
        }
        return switch (t) {
            case "address", "bool", "string", "bytes" -> t;
            default ->
                throw new InvalidInputException(
                        parameter,
                        "'" + type
                                + "' is not a supported Solidity type; use address, bool, string, bytes, bytesN, uintN, intN or arrays of them");
        };
    }

    private static Object parse(String type, String value, String parameter) {
        if (value == null) {
            throw new InvalidInputException(parameter, "is missing; a " + type + " value is required");
        }
        Matcher array = ARRAY.matcher(type);
        if (array.matches()) {
            List<String> elements = ArrayText.split(value, parameter);
            String length = array.group(2);
            if (!length.isEmpty() && elements.size() != Integer.parseInt(length)) {
                throw new InvalidInputException(
                        parameter, type + " needs exactly " + length + " elements, " + elements.size() + " given");
            }
            List<Object> result = new ArrayList<>(elements.size());
            for (int i = 0; i < elements.size(); i++) {
                result.add(parse(array.group(1), elements.get(i), parameter + "[" + i + "]"));
            }
            return result;
        }
        String v = value.trim();
        Matcher integer = INTEGER.matcher(type);
        if (integer.matches()) {
            return integer(v, integer.group(1).isEmpty(), Integer.parseInt(integer.group(2)), type, parameter);
        }
        Matcher fixed = FIXED_BYTES.matcher(type);
        if (fixed.matches()) {
            int n = Integer.parseInt(fixed.group(1));
            byte[] bytes = HexData.parse(v, parameter);
            if (bytes.length != n) {
                throw new InvalidInputException(
                        parameter,
                        "'" + abbreviate(v) + "' has " + bytes.length + " bytes; " + type + " needs exactly " + n
                                + " (0x followed by " + (2 * n) + " hex digits)");
            }
            return bytes;
        }
        return switch (type) {
            case "address" -> Addresses.parse(v, parameter);
            case "bool" ->
                switch (v.toLowerCase(Locale.ROOT)) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default ->
                        throw new InvalidInputException(
                                parameter, "'" + abbreviate(v) + "' is not a bool; write true or false");
                };
            case "bytes" -> {
                if (!v.startsWith("0x") && !v.startsWith("0X")) {
                    throw new InvalidInputException(
                            parameter,
                            "'" + abbreviate(v)
                                    + "' is not hex bytes; write 0x followed by an even number of hex digits");
                }
                yield HexData.parse(v, parameter);
            }
            default -> value; // string: as written, not trimmed
        };
    }

    private static BigInteger integer(String v, boolean signed, int bits, String type, String parameter) {
        BigInteger n;
        try {
            if (v.startsWith("0x") || v.startsWith("0X")) {
                n = new BigInteger(v.substring(2), 16);
            } else {
                n = new BigInteger(v.replace("_", ""));
            }
        } catch (NumberFormatException e) {
            throw new InvalidInputException(
                    parameter,
                    "'" + abbreviate(v) + "' is not an integer; " + type + " takes decimal digits"
                            + (signed ? " (with an optional -)" : "") + " or 0x hex");
        }
        BigInteger min = signed ? BigInteger.ONE.shiftLeft(bits - 1).negate() : BigInteger.ZERO;
        BigInteger max = signed
                ? BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        if (n.compareTo(min) < 0 || n.compareTo(max) > 0) {
            throw new InvalidInputException(
                    parameter, "'" + abbreviate(v) + "' is out of range for " + type + " (" + min + " to " + max + ")");
        }
        return n;
    }

    static String abbreviate(String s) {
        return s.length() > 66 ? s.substring(0, 64) + "…" : s;
    }
}
