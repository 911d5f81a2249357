package io.kmsethereum.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** Assertions on the {@code build.log} of an invoker IT. */
public final class BuildLogs {
    /**
     * Warnings Maven prints for itself, whatever the plugin does: Maven 4's resolver asks every
     * remote repository it meets (Maven Central, and repositories declared in dependency POMs)
     * for a {@code /.meta/prefixes.txt} file and warns when the repository cannot be reached;
     * whether it can is the machine's network, not the build. Maven 4 also warns about a
     * settings.xml password encrypted the Maven 3 way (creds-server-encrypted uses one on purpose,
     * since Maven 3.9 users have them).
     */
    static final List<String> MAVEN_OWN_WARNINGS =
            List.of("Could not transfer metadata /.meta/prefixes.txt", "pre-Maven 4 legacy encrypted password(s)");

    private BuildLogs() {}

    /**
     * Fails unless the build log has no {@code [WARNING]} line but those Maven prints for itself
     * ({@link #MAVEN_OWN_WARNINGS}): no deprecation warning of the logging setup, no plugin
     * validation warning, no warning of the plugin's own, under Maven 3.9 and Maven 4 alike.
     *
     * @param basedir the IT's directory (holds build.log)
     * @param expected fragments of the warnings the IT provokes on purpose: each must be in a
     *     {@code [WARNING]} line, and those lines are not counted
     * @throws IOException if build.log cannot be read
     */
    public static void assertNoWarnings(File basedir, String... expected) throws IOException {
        List<String> warnings = new ArrayList<>();
        List<String> missing = new ArrayList<>(List.of(expected));
        for (String line : Files.readAllLines(new File(basedir, "build.log").toPath())) {
            if (!line.startsWith("[WARNING]") || MAVEN_OWN_WARNINGS.stream().anyMatch(line::contains)) {
                continue;
            }
            List<String> provoked =
                    List.of(expected).stream().filter(line::contains).toList();
            if (provoked.isEmpty()) {
                warnings.add(line);
            }
            missing.removeAll(provoked);
        }
        if (!missing.isEmpty()) {
            throw new AssertionError("no [WARNING] line in " + basedir + "/build.log contains " + missing);
        }
        if (!warnings.isEmpty()) {
            throw new AssertionError(warnings.size() + " warning(s) in " + basedir + "/build.log:\n  "
                    + String.join("\n  ", warnings.subList(0, Math.min(warnings.size(), 20))));
        }
    }
}
