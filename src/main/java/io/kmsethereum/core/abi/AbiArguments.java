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
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicStruct;
import org.web3j.abi.datatypes.StaticStruct;
import org.web3j.abi.datatypes.Type;
import org.web3j.protocol.core.methods.response.AbiDefinition;

/**
 * Turns arguments written as strings into ABI values of declared Solidity types, for function
 * calls ({@code function} + {@code arguments}) and constructor arguments. The values are web3j's
 * ABI types (elementary ones from {@link TypeDecoder#instantiateType(String, Object)}; arrays
 * {@code T[]} as {@link DynamicArray}; tuples, and fixed-size arrays {@code T[k]}, which the ABI
 * encodes exactly as a tuple of k elements, as {@link StaticStruct} or {@link DynamicStruct}),
 * encoded by web3j's {@code FunctionEncoder}. This class only parses and checks the text, so that
 * a bad value fails with a message naming the argument and its type before anything is signed.
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
 *   <li>arrays {@code T[]} and {@code T[k]} (k = 1…32): {@code [e1, e2, …]}</li>
 *   <li>tuples (structs) {@code (T1,…,Tn)}: {@code (e1, …, en)}, one element per component</li>
 * </ul>
 * Arrays and tuples nest ({@code [(1, true), (2, false)]}). Inside them commas separate the
 * elements; an element that contains {@code ,} {@code [} {@code ]} {@code (} {@code )} or
 * {@code "} is written in double quotes as a JSON string ({@code "a, b"}, {@code "say \"hi\""}).
 * A list of arguments written as one text ({@link #splitArguments}) follows the same rules.
 */
public final class AbiArguments {
    private static final Pattern INTEGER = Pattern.compile("^(u?)int([0-9]+)$");
    private static final Pattern FIXED_BYTES = Pattern.compile("^bytes([0-9]+)$");

    private AbiArguments() {}

    /**
     * Splits an argument list written as one text, e.g. {@code -Dkms.constructorArgs=0x…,[1,2,3]}:
     * at the commas outside brackets, parentheses and double quotes. A top-level argument in
     * double quotes is a JSON string and is unquoted; others are trimmed. An argument whose
     * brackets do not balance takes the rest of the text, and its conversion reports it with its
     * type.
     *
     * @param text the list as one string; {@code null} or blank for none
     * @param parameter the parameter, e.g. {@code constructorArgs}; errors name {@code parameter[i]}
     * @return one string per argument
     * @throws InvalidInputException for a quoted argument that is not a valid JSON string
     */
    public static List<String> splitArguments(String text, String parameter) {
        return ArgumentText.splitList(text, parameter);
    }

    /**
     * Converts a list of arguments by their declared types.
     *
     * @param types Solidity types, e.g. {@code [address, uint256]}
     * @param values one string per type
     * @param parameter the parameter holding the values, e.g. {@code arguments}; errors name
     *     {@code parameter[i]}
     * @param what what the types belong to, for the count error, e.g. {@code transfer(address,uint256)}
     * @return the ABI values, in order
     * @throws InvalidInputException if the count differs (naming instead the first array or tuple
     *     argument whose brackets do not balance, which explains the count) or a value does not
     *     fit its type
     */
    public static List<Type> convert(List<String> types, List<String> values, String parameter, String what) {
        List<String> given = values == null ? List.of() : values;
        if (given.size() != types.size()) {
            for (int i = 0; i < Math.min(given.size(), types.size()); i++) {
                requireBalanced(types.get(i), given.get(i), parameter + "[" + i + "]");
            }
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
     * @param type a Solidity type, e.g. {@code uint256}, {@code address[]}, {@code bytes32[2]},
     *     {@code (address,uint256[],string)}, {@code (uint256,bool)[]}
     * @param value the argument as text
     * @param parameter the name used in errors, e.g. {@code arguments[1]}
     * @return the ABI value
     * @throws InvalidInputException if the type is unknown or the value does not fit it
     */
    public static Type convert(String type, String value, String parameter) {
        return convert(AbiType.parse(type, parameter), value, parameter);
    }

    /**
     * Fails when an argument of an array or tuple type has brackets, parentheses or quotes that
     * do not balance: on the command line such an argument swallows the ones after it, so a count
     * error is better explained by this one. Does nothing for other types, whose text is free.
     *
     * @param type the argument's Solidity type
     * @param value the argument as text ({@code null} passes)
     * @param parameter the name used in errors, e.g. {@code constructorArgs[1] (numbers)}
     * @throws InvalidInputException naming the parameter, the expected type and what is unbalanced
     */
    public static void requireBalanced(String type, String value, String parameter) {
        AbiType t = AbiType.parse(type, parameter);
        if (value != null && !(t instanceof AbiType.Elementary)) {
            ArgumentText.elements(value, t instanceof AbiType.Tuple, t.canonical(), parameter);
        }
    }

    /**
     * The type of an ABI JSON parameter, with tuples spelled out from their {@code components}
     * (an ABI file writes a struct as {@code "type": "tuple"} or {@code "tuple[]"}).
     *
     * @param input a parameter of an ABI entry
     * @return its type, e.g. {@code (address,uint256[],string)[]}, with component names kept
     *     ({@code (address admin,uint256[] limits)}) for error messages
     */
    public static String typeOf(AbiDefinition.NamedType input) {
        String type = input.getType() == null ? "" : input.getType();
        if (!type.startsWith("tuple")) {
            return type;
        }
        List<String> components = new ArrayList<>();
        for (AbiDefinition.NamedType component : input.getComponents()) {
            String name = component.getName() == null ? "" : component.getName().strip();
            components.add(typeOf(component) + (name.isEmpty() ? "" : " " + name));
        }
        return "(" + String.join(",", components) + ")" + type.substring("tuple".length());
    }

    /**
     * @param type a Solidity type as written, e.g. {@code uint}, {@code address []},
     *     {@code tuple(uint256 id, bool ok)[]}
     * @param parameter the name used in errors
     * @return the canonical form used in function selectors, e.g. {@code uint256},
     *     {@code address[]}, {@code (uint256,bool)[]}
     * @throws InvalidInputException for unknown types
     */
    public static String canonicalType(String type, String parameter) {
        return AbiType.parse(type, parameter).canonical();
    }

    static Type convert(AbiType type, String value, String parameter) {
        if (value == null) {
            throw new InvalidInputException(parameter, "is missing; a " + type.canonical() + " value is required");
        }
        if (type instanceof AbiType.Array array) {
            List<String> elements = ArgumentText.elements(value, false, array.canonical(), parameter);
            if (array.length() >= 0 && elements.size() != array.length()) {
                throw new InvalidInputException(
                        parameter,
                        array.canonical() + " needs exactly " + array.length() + " elements, " + elements.size()
                                + " given");
            }
            List<Type> values = new ArrayList<>(elements.size());
            for (int i = 0; i < elements.size(); i++) {
                values.add(convert(array.element(), elements.get(i), parameter + "[" + i + "]"));
            }
            return array.length() < 0 ? dynamicArray(values) : struct(values, array, value, parameter);
        }
        if (type instanceof AbiType.Tuple tuple) {
            List<String> elements = ArgumentText.elements(value, true, tuple.canonical(), parameter);
            if (elements.size() != tuple.components().size()) {
                throw new InvalidInputException(
                        parameter,
                        "'" + abbreviate(value.strip()) + "' has " + elements.size() + " element"
                                + (elements.size() == 1 ? "" : "s") + " but the tuple " + tuple.canonical()
                                + " has " + tuple.components().size() + " components; give one per component,"
                                + " in this order: (" + describe(tuple) + ")");
            }
            List<Type> values = new ArrayList<>(elements.size());
            for (int i = 0; i < elements.size(); i++) {
                String name = tuple.names().get(i);
                values.add(convert(
                        tuple.components().get(i),
                        elements.get(i),
                        parameter + (name.isEmpty() ? "[" + i + "]" : "." + name)));
            }
            return struct(values, tuple, value, parameter);
        }
        String canonical = type.canonical();
        Object javaValue = parse(canonical, value, parameter);
        try {
            return TypeDecoder.instantiateType(canonical, javaValue);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw notEncodable(value, type, e, parameter);
        }
    }

    private static InvalidInputException notEncodable(String value, AbiType type, Exception e, String parameter) {
        return new InvalidInputException(
                parameter,
                "'" + abbreviate(value) + "' cannot be encoded as " + type.canonical() + ": " + e.getMessage());
    }

    private static String describe(AbiType.Tuple tuple) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < tuple.components().size(); i++) {
            String name = tuple.names().get(i);
            parts.add(tuple.components().get(i).declared() + (name.isEmpty() ? "" : " " + name));
        }
        return String.join(", ", parts);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Type dynamicArray(List<Type> values) {
        Class elementClass = values.isEmpty() ? Type.class : values.get(0).getClass();
        return new DynamicArray(elementClass, values);
    }

    /**
     * A tuple, or a fixed-size array: the ABI encodes {@code T[k]} exactly as the tuple of its k
     * elements, and web3j's static arrays are not encoded as dynamic when their elements are.
     */
    private static Type struct(List<Type> values, AbiType type, String value, String parameter) {
        try {
            return type.isDynamic() ? new DynamicStruct(values) : new StaticStruct(values);
        } catch (RuntimeException e) { // web3j's static arrays and structs hold at most 32 elements
            throw notEncodable(value, type, e, parameter);
        }
    }

    private static Object parse(String type, String value, String parameter) {
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
