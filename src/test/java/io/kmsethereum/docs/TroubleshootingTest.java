package io.kmsethereum.docs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/troubleshooting.md} is keyed by the messages the plugin prints: every failure message
 * in {@code src/main/java} (the text of each {@code new ...Exception(...)} that reaches the user)
 * must be quoted there, so a user can search the page for the line in the build log. A new
 * message without an entry fails this test.
 */
class TroubleshootingTest {
    private static final Path PAGE = Path.of("docs", "troubleshooting.md");

    /**
     * Every constructor call of an exception; {@link #reachesTheUser} keeps those whose message
     * Maven prints after "Failed to execute goal …:" (derived from the type, not a hand-kept list).
     */
    private static final Pattern THROWN = Pattern.compile("new ([A-Z]\\w*Exception)\\(");

    private static final Pattern LITERAL = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Test
    void everyFailureMessageOfThePluginIsOnThePage() throws IOException {
        String page = normalise(Files.readString(PAGE, StandardCharsets.UTF_8));
        List<String[]> messages = messages(Path.of("src", "main", "java"));
        assertFalse(messages.isEmpty(), "no failure messages found in src/main/java");
        List<String> missing = new ArrayList<>();
        for (String[] message : messages) {
            if (!page.contains(normalise(message[1]))) {
                missing.add(message[0] + ": " + message[1]);
            }
        }
        assertTrue(
                missing.isEmpty(),
                PAGE + " lacks an entry for these messages (quote each as the build log"
                        + " shows it, with what it means and what to do):\n  " + String.join("\n  ", missing));
    }

    /**
     * For each thrown plugin exception, its most telling piece of text: the longest string
     * literal of the constructor call (the parts around it are values such as the key id).
     *
     * @return pairs of source file name and message text
     */
    static List<String[]> messages(Path sources) throws IOException {
        List<String[]> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                String java = Files.readString(file, StandardCharsets.UTF_8);
                Matcher m = THROWN.matcher(java);
                while (m.find()) {
                    if (!reachesTheUser(m.group(1), java)) {
                        continue;
                    }
                    int end = statementEnd(java, m.end());
                    String best = "";
                    Matcher literal = LITERAL.matcher(java.substring(m.end(), end));
                    while (literal.find()) {
                        String text = literal.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
                        if (text.length() > best.length()) {
                            best = text;
                        }
                    }
                    if (best.strip().length() >= 12) {
                        out.add(new String[] {file.getFileName().toString(), best.strip()});
                    }
                }
            }
        }
        return out;
    }

    /**
     * @param simpleName an exception's simple name as written after {@code new}
     * @param java the source that constructs it (for its imports and package)
     * @return whether it is a core exception (any subclass of {@code KmsEthereumException}) or
     *     a Maven one, i.e. its message reaches the build log as the error
     */
    static boolean reachesTheUser(String simpleName, String java) {
        if (simpleName.equals("MojoExecutionException") || simpleName.equals("MojoFailureException")) {
            return true;
        }
        List<String> candidates = new ArrayList<>();
        Matcher imported =
                Pattern.compile("import ([\\w.]+\\." + simpleName + ");").matcher(java);
        if (imported.find()) {
            candidates.add(imported.group(1));
        }
        Matcher pkg = Pattern.compile("package ([\\w.]+);").matcher(java);
        if (pkg.find()) {
            candidates.add(pkg.group(1) + "." + simpleName);
        }
        candidates.add("io.kmsethereum.core." + simpleName);
        for (String name : candidates) {
            try {
                return io.kmsethereum.core.KmsEthereumException.class.isAssignableFrom(Class.forName(name));
            } catch (ClassNotFoundException e) {
                // try the next place the name may come from
            }
        }
        return false;
    }

    /** The index of the {@code ;} that ends the statement, skipping string and char literals. */
    private static int statementEnd(String java, int from) {
        char quote = 0;
        for (int i = from; i < java.length(); i++) {
            char c = java.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == ';') {
                return i;
            }
        }
        return java.length();
    }

    private static String normalise(String text) {
        return text.replaceAll("\\s+", " ");
    }
}
