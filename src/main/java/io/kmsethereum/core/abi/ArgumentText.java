package io.kmsethereum.core.abi;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.Json;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Where one argument or element ends and the next begins, in the text syntax of
 * {@link AbiArguments}: arrays {@code [e1, e2, …]}, tuples {@code (e1, e2, …)}, nested freely;
 * commas separate only outside brackets, parentheses and double quotes; an element in double
 * quotes is a JSON string (the quotes go, backslash escapes such as {@code \"} and {@code \\}
 * are decoded); every other element is trimmed. Nested arrays and tuples stay text, for their
 * type to split again.
 */
final class ArgumentText {
    /** How to write what this class splits; appended to its error messages. */
    static final String SYNTAX = "write arrays as [e1, e2, ...], tuples as (e1, e2, ...), and an element that holds"
            + " , [ ] ( ) or \" in double quotes: \"a, b\"";

    private ArgumentText() {}

    /**
     * Splits a whole argument list written as one text, as {@code -Dkms.constructorArgs=…}
     * arrives. Lenient about brackets: an argument whose brackets or quotes do not balance
     * takes the rest of the text, so that its conversion, which knows the expected type, reports
     * it ({@link #imbalance}).
     *
     * @param text the list, e.g. {@code 0x…,[1,2,3],(0x…,"a, b")}; {@code null} or empty for none
     * @param parameter the list's parameter, e.g. {@code constructorArgs}; errors name
     *     {@code parameter[i]}
     * @return the arguments; a blank text gives none
     * @throws InvalidInputException for a quoted argument that is not a valid JSON string
     */
    static List<String> splitList(String text, String parameter) {
        List<String> arguments = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return arguments;
        }
        Deque<Character> open = new ArrayDeque<>();
        int[] start = {0};
        scan(text, (i, c) -> {
            if (c == '[' || c == '(') {
                open.push(c);
            } else if ((c == ']' || c == ')') && !open.isEmpty() && open.peek() == opening(c)) {
                open.pop();
            } else if (c == ',' && open.isEmpty()) {
                arguments.add(element(text.substring(start[0], i), parameter + "[" + arguments.size() + "]"));
                start[0] = i + 1;
            }
            return null;
        });
        arguments.add(element(text.substring(start[0]), parameter + "[" + arguments.size() + "]"));
        return arguments;
    }

    /**
     * Splits an array or tuple into its top-level elements.
     *
     * @param text the value as written, e.g. {@code [1, [2, 3]]} or {@code (0x…, "a, b")}
     * @param tuple {@code true} for a tuple in {@code (…)}, {@code false} for an array in {@code […]}
     * @param type the expected type, for errors, e.g. {@code uint256[][]}
     * @param parameter the name used in errors
     * @return the elements, empty for {@code []}
     * @throws InvalidInputException if the text is not enclosed as the type needs, or its
     *     brackets, parentheses or quotes do not balance
     */
    static List<String> elements(String text, boolean tuple, String type, String parameter) {
        String t = text.strip();
        String problem = imbalance(t);
        if (problem != null) {
            throw new InvalidInputException(
                    parameter,
                    "'" + AbiArguments.abbreviate(t) + "' is not a complete " + type + ": " + problem + "; " + SYNTAX);
        }
        char first = tuple ? '(' : '[';
        char last = tuple ? ')' : ']';
        if (t.length() < 2 || t.charAt(0) != first || t.charAt(t.length() - 1) != last || !enclosed(t)) {
            throw new InvalidInputException(
                    parameter,
                    "'" + AbiArguments.abbreviate(t) + "' is not " + (tuple ? "a tuple" : "an array") + " but " + type
                            + " needs one: " + SYNTAX);
        }
        String body = t.substring(1, t.length() - 1);
        return body.isBlank() ? new ArrayList<>() : splitList(body, parameter);
    }

    /**
     * Why the brackets, parentheses or double quotes of a text do not balance, or {@code null}
     * when they do. Characters inside quotes do not count; a backslash there escapes the next one.
     *
     * @param text the text
     * @return e.g. {@code a '[' is not closed}, or {@code null}
     */
    static String imbalance(String text) {
        Deque<Character> open = new ArrayDeque<>();
        String problem = scan(text, (i, c) -> {
            if (c == '[' || c == '(') {
                open.push(c);
            } else if (c == ']' || c == ')') {
                if (open.isEmpty()) {
                    return "a '" + c + "' has no '" + opening(c) + "' before it";
                }
                if (open.peek() != opening(c)) {
                    return "a '" + c + "' closes a '" + open.peek() + "'";
                }
                open.pop();
            }
            return null;
        });
        if (problem != null) {
            return problem;
        }
        return open.isEmpty() ? null : "a '" + open.peek() + "' is not closed";
    }

    /** Whether the bracket at the start of a balanced text closes at its very end. */
    private static boolean enclosed(String t) {
        int[] depth = {0};
        String end = scan(t, (i, c) -> {
            if (c == '[' || c == '(') {
                depth[0]++;
            } else if ((c == ']' || c == ')') && --depth[0] == 0) {
                return i == t.length() - 1 ? "end" : "early";
            }
            return null;
        });
        return "end".equals(end);
    }

    /** Sees one character outside double quotes; a non-null result ends the scan. */
    private interface Visitor {
        String visit(int index, char c);
    }

    /**
     * Walks a text, skipping what stands inside double quotes (a backslash there escapes the next
     * character), and shows every other character to the visitor.
     *
     * @return the visitor's first non-null result; else {@code a '"' is not closed} when the text
     *     ends inside quotes, else {@code null}
     */
    private static String scan(String text, Visitor visitor) {
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else {
                String result = visitor.visit(i, c);
                if (result != null) {
                    return result;
                }
            }
        }
        return quoted ? "a '\"' is not closed" : null;
    }

    private static char opening(char close) {
        return close == ']' ? '[' : '(';
    }

    /** Trims an element and decodes it when it is one JSON string. */
    private static String element(String raw, String parameter) {
        String e = raw.strip();
        if (e.length() < 2 || e.charAt(0) != '"' || !closesAtEnd(e)) {
            return e;
        }
        try {
            return Json.MAPPER.readValue(e, String.class);
        } catch (JsonProcessingException ex) {
            throw new InvalidInputException(
                    parameter,
                    "element " + AbiArguments.abbreviate(e) + " is not a valid JSON string: " + ex.getOriginalMessage()
                            + "; inside double quotes write \\\" for a quote and \\\\ for a backslash");
        }
    }

    /** Whether the quote that opens {@code e} closes at its last character. */
    private static boolean closesAtEnd(String e) {
        for (int i = 1; i < e.length(); i++) {
            char c = e.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i == e.length() - 1;
            }
        }
        return false;
    }
}
