package io.kmsethereum.core.abi;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the text of an array argument, {@code [e1, e2, …]}, into its top-level elements.
 * Nested arrays stay as text for the element type to split again; elements written as JSON
 * strings ({@code "a, b"}) are unquoted; other elements are trimmed.
 */
final class ArrayText {
    private ArrayText() {}

    /**
     * @param text the array as written
     * @param parameter the name used in errors
     * @return the elements, empty for {@code []}
     * @throws InvalidInputException if the brackets or quotes do not balance
     */
    static List<String> split(String text, String parameter) {
        String t = text.trim();
        if (!t.startsWith("[") || !t.endsWith("]")) {
            throw new InvalidInputException(
                    parameter,
                    "'" + AbiArguments.abbreviate(t)
                            + "' is not an array; write [e1, e2, ...] (an element with , or ] inside as a JSON string: \"a, b\")");
        }
        String body = t.substring(1, t.length() - 1);
        List<String> elements = new ArrayList<>();
        if (body.isBlank()) {
            return elements;
        }
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (quoted) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    quoted = false;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
                if (depth < 0) {
                    throw unbalanced(t, parameter);
                }
            } else if (c == ',' && depth == 0) {
                elements.add(element(body.substring(start, i), parameter));
                start = i + 1;
            }
        }
        if (quoted || depth != 0) {
            throw unbalanced(t, parameter);
        }
        elements.add(element(body.substring(start), parameter));
        return elements;
    }

    private static String element(String raw, String parameter) {
        String e = raw.trim();
        if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
            try {
                return Json.MAPPER.readValue(e, String.class);
            } catch (JsonProcessingException ex) {
                throw new InvalidInputException(
                        parameter,
                        "element " + AbiArguments.abbreviate(e) + " is not a valid JSON string: "
                                + ex.getOriginalMessage());
            }
        }
        return e;
    }

    private static InvalidInputException unbalanced(String t, String parameter) {
        return new InvalidInputException(
                parameter,
                "'" + AbiArguments.abbreviate(t)
                        + "' has unbalanced brackets or quotes; write [e1, e2, ...], nested arrays as [[1, 2], [3]]");
    }
}
