package io.kmsethereum.core.abi;

import io.kmsethereum.core.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Solidity ABI type as a tree (Solidity ABI specification, "Types"): an elementary type
 * ({@code address}, {@code bool}, {@code string}, {@code bytes}, {@code bytesN}, {@code uintN},
 * {@code intN}), an array {@code T[]} or {@code T[k]}, or a tuple {@code (T1,…,Tn)}. Parsed from
 * the text of a signature, where a tuple may be written {@code tuple(…)} and its components may
 * carry names ({@code (address owner, uint256[] limits)}).
 */
sealed interface AbiType {
    /**
     * Largest {@code k} of {@code T[k]}: web3j's static arrays, which also carry static tuples,
     * hold at most 32 elements.
     */
    int MAX_FIXED_LENGTH = 32;

    /**
     * @return the canonical form hashed in selectors: {@code uint256}, {@code (address,uint256[])[2]}
     */
    String canonical();

    /**
     * @return the type with the names of tuple components, in the form {@link #parse} reads:
     *     {@code (address admin,uint256[] limits)[]}; {@link #canonical()} when there are none
     */
    default String declared() {
        return canonical();
    }

    /**
     * @return whether the encoding has a length or offsets (ABI "dynamic"): {@code string},
     *     {@code bytes}, {@code T[]}, and {@code T[k]} and tuples that contain one
     */
    boolean isDynamic();

    /**
     * An elementary type.
     *
     * @param canonical its canonical name, {@code uint} already widened to {@code uint256}
     */
    record Elementary(String canonical) implements AbiType {
        @Override
        public boolean isDynamic() {
            return canonical.equals("string") || canonical.equals("bytes");
        }
    }

    /**
     * {@code T[]} or {@code T[k]}.
     *
     * @param element {@code T}
     * @param length {@code k}, or {@code -1} for {@code T[]}
     */
    record Array(AbiType element, int length) implements AbiType {
        @Override
        public String canonical() {
            return element.canonical() + "[" + (length < 0 ? "" : length) + "]";
        }

        @Override
        public String declared() {
            return element.declared() + "[" + (length < 0 ? "" : length) + "]";
        }

        @Override
        public boolean isDynamic() {
            return length < 0 || element.isDynamic();
        }
    }

    /**
     * {@code (T1,…,Tn)}.
     *
     * @param components the component types
     * @param names their names as declared, {@code ""} where none
     */
    record Tuple(List<AbiType> components, List<String> names) implements AbiType {
        /** Copies the lists. */
        public Tuple {
            components = List.copyOf(components);
            names = List.copyOf(names);
        }

        @Override
        public String canonical() {
            List<String> types = new ArrayList<>();
            components.forEach(c -> types.add(c.canonical()));
            return "(" + String.join(",", types) + ")";
        }

        @Override
        public String declared() {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < components.size(); i++) {
                parts.add(components.get(i).declared() + (names.get(i).isEmpty() ? "" : " " + names.get(i)));
            }
            return "(" + String.join(",", parts) + ")";
        }

        @Override
        public boolean isDynamic() {
            return components.stream().anyMatch(AbiType::isDynamic);
        }
    }

    /**
     * Parses one type.
     *
     * @param text the type as written: {@code uint}, {@code address []}, {@code (uint256 id, bool)[]},
     *     {@code tuple(address,string)}
     * @param parameter the name used in errors
     * @return the type
     * @throws InvalidInputException for text that is not a supported Solidity type
     */
    static AbiType parse(String text, String parameter) {
        Parser parser = new Parser(text == null ? "" : text, parameter);
        AbiType type = parser.type();
        parser.end();
        return type;
    }

    /**
     * Parses one parameter of a signature: a type optionally followed by a data location and a
     * name, {@code (uint256 id, bool ok)[] memory items}.
     *
     * @param text the parameter as written
     * @param parameter the name used in errors
     * @return the type
     * @throws InvalidInputException for text that is not {@code type [location] [name]}
     */
    static AbiType parseParameter(String text, String parameter) {
        Parser parser = new Parser(text, parameter);
        AbiType type = parser.type();
        parser.names();
        parser.end();
        return type;
    }

    /** Recursive descent over the text of a type or a parameter list. */
    final class Parser {
        private static final Pattern WORD = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
        private static final Pattern INTEGER = Pattern.compile("^(u?)int([0-9]*)$");
        private static final Pattern FIXED_BYTES = Pattern.compile("^bytes([0-9]+)$");

        private final String text;
        private final String parameter;
        private int pos;

        Parser(String text, String parameter) {
            this.text = text;
            this.parameter = parameter;
        }

        AbiType type() {
            skipSpace();
            int start = pos;
            AbiType type;
            if (text.startsWith("(", pos) || text.startsWith("tuple(", pos)) {
                pos = text.indexOf('(', pos) + 1;
                type = tuple(start);
            } else {
                String word = word();
                if (word == null) {
                    throw fail("'" + text.strip() + "' is not a Solidity type"
                            + (pos < text.length()
                                    ? " (at '" + text.substring(pos).strip() + "')"
                                    : ""));
                }
                type = elementary(word);
            }
            skipSpace();
            while (text.startsWith("[", pos)) {
                int close = text.indexOf(']', pos);
                String length = close < 0 ? "?" : text.substring(pos + 1, close).strip();
                if (close < 0 || !length.matches("[0-9]*")) {
                    throw fail("'" + text.strip() + "' has a malformed array suffix; write T[] or T[k]");
                }
                int k = length.isEmpty() ? -1 : Integer.parseInt(length);
                if (k == 0 || k > MAX_FIXED_LENGTH) {
                    throw fail("fixed-size array type '" + type.canonical() + "[" + length
                            + "]' is not supported; lengths 1 to " + MAX_FIXED_LENGTH + " are");
                }
                type = new Array(type, k);
                pos = close + 1;
                skipSpace();
            }
            return type;
        }

        private Tuple tuple(int start) {
            List<AbiType> components = new ArrayList<>();
            List<String> names = new ArrayList<>();
            skipSpace();
            if (text.startsWith(")", pos)) {
                throw fail("'" + text.substring(start).strip() + "' is an empty tuple, which Solidity does not have");
            }
            do {
                components.add(type());
                names.add(names());
            } while (comma());
            if (!text.startsWith(")", pos)) {
                throw fail("tuple type '" + text.substring(start).strip() + "' is not closed; write (type1,type2,...)");
            }
            pos++;
            return new Tuple(components, names);
        }

        /** A data location and a name after a type, both optional; returns the name or "". */
        String names() {
            String name = "";
            for (int words = 0; ; words++) {
                skipSpace();
                String word = word();
                if (word == null) {
                    return name;
                }
                if (words == 2) {
                    throw fail(
                            "'" + text.strip() + "' has more than a type, a data location and a name in one parameter");
                }
                name = word.equals("memory") || word.equals("calldata") || word.equals("storage") ? name : word;
            }
        }

        boolean comma() {
            skipSpace();
            if (text.startsWith(",", pos)) {
                pos++;
                return true;
            }
            return false;
        }

        void end() {
            skipSpace();
            if (pos != text.length()) {
                throw fail("'" + text.strip() + "' is not a Solidity type; unexpected '" + text.substring(pos) + "'");
            }
        }

        private String word() {
            Matcher m = WORD.matcher(text).region(pos, text.length());
            if (!m.lookingAt()) {
                return null;
            }
            pos = m.end();
            return m.group();
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private AbiType elementary(String word) {
            Matcher integer = INTEGER.matcher(word);
            if (integer.matches()) {
                int bits = integer.group(2).isEmpty() ? 256 : Integer.parseInt(integer.group(2));
                if (bits < 8 || bits > 256 || bits % 8 != 0) {
                    throw fail("'" + word + "' is not a Solidity type; intN/uintN need N from 8 to 256 in steps of 8");
                }
                return new Elementary(integer.group(1) + "int" + bits);
            }
            Matcher fixed = FIXED_BYTES.matcher(word);
            if (fixed.matches()) {
                int n = Integer.parseInt(fixed.group(1));
                if (n < 1 || n > 32) {
                    throw fail("'" + word + "' is not a Solidity type; bytesN needs N from 1 to 32");
                }
                return new Elementary(word);
            }
            return switch (word) {
                case "address", "bool", "string", "bytes" -> new Elementary(word);
                default ->
                    throw fail("'" + word
                            + "' is not a supported Solidity type; use address, bool, string, bytes, bytesN, uintN, intN,"
                            + " arrays T[] and T[k], or tuples (T1,T2,...)");
            };
        }

        private InvalidInputException fail(String message) {
            return new InvalidInputException(parameter, message);
        }
    }
}
