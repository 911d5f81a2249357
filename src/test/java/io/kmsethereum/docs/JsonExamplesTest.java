package io.kmsethereum.docs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Every JSON example in the documentation is JSON: fenced {@code ```json} blocks, and inline code
 * that starts like a JSON object or array of objects ({@code `{"…`}, {@code `[{…`}), as the
 * {@code accessList} examples do. Placeholders such as {@code "0x…"} are strings, so they parse.
 * An annotated example (comments, {@code [ … ]}) is fenced as {@code ```jsonc} and not checked.
 * Covers README.md, docs/ (also the generated reference.md, so the Mojo Javadoc too) and
 * examples/, whose {@code .json} files (such as the IAM policies the guide includes by path) are
 * checked whole.
 */
class JsonExamplesTest {
    private static final Pattern FENCED = Pattern.compile("(?ms)^```json\\s*\\n(.*?)^```");
    private static final Pattern INLINE = Pattern.compile("`((?:\\[\\s*\\{|\\{\\s*\")[^`]*)`");

    @Test
    void everyJsonExampleInTheDocsParses() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path page : pages()) {
            String text = Files.readString(page, StandardCharsets.UTF_8);
            for (Pattern pattern : List.of(FENCED, INLINE)) {
                Matcher m = pattern.matcher(text);
                while (m.find()) {
                    checked++;
                    try {
                        json.readTree(m.group(1));
                    } catch (JsonProcessingException e) {
                        int line = text.substring(0, m.start()).split("\n", -1).length;
                        broken.add(page + ":" + line + ": " + m.group(1).strip().replace('\n', ' ') + "\n    "
                                + e.getOriginalMessage());
                    }
                }
            }
        }
        for (Path file : files("examples", ".json")) {
            checked++;
            try {
                json.readTree(file.toFile());
            } catch (JsonProcessingException e) {
                broken.add(file + ": " + e.getOriginalMessage());
            }
        }
        assertTrue(checked >= 5, "found only " + checked + " JSON examples: is the pattern still right?");
        assertTrue(broken.isEmpty(), "JSON examples that do not parse:\n  " + String.join("\n  ", broken));
    }

    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md")));
        for (String dir : List.of("docs", "examples")) {
            pages.addAll(files(dir, ".md"));
        }
        assertFalse(pages.isEmpty());
        return pages;
    }

    private static List<Path> files(String dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(Path.of(dir))) {
            return files.filter(f -> f.toString().endsWith(suffix))
                    .filter(f -> !f.toString().contains("node_modules"))
                    .sorted()
                    .toList();
        }
    }
}
