package io.kmsethereum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the layering honest (architecture.md): the core is plain Java and never sees Maven or
 * the Mojo layer.
 */
class LayeringTest {
    private static final Path CORE = Path.of("src/main/java/io/kmsethereum/core");

    @Test
    void coreImportsNothingFromMavenOrTheMojoLayer() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.walk(CORE)) {
            sources = files.filter(p -> p.toString().endsWith(".java")).collect(Collectors.toList());
        }
        assertTrue(sources.size() > 10, "found the core sources: " + sources.size());
        List<String> offenders = sources.stream()
                .filter(p -> {
                    try {
                        String text = Files.readString(p);
                        return text.contains("org.apache.maven")
                                || text.contains("org.codehaus.plexus")
                                || text.contains("io.kmsethereum.maven");
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .map(Path::toString)
                .collect(Collectors.toList());
        assertEquals(List.of(), offenders, "core must not depend on Maven or on io.kmsethereum.maven");
    }

    /**
     * The core's packages depend on each other without cycles (a cycle means two packages are
     * really one, or a small helper sits in the wrong place): dependencies are read from the
     * imports and fully qualified {@code io.kmsethereum.core.<package>.} references in code
     * (not in comments).
     */
    @Test
    void corePackagesFormNoCycle() throws IOException {
        java.util.Map<String, java.util.Set<String>> uses = new java.util.TreeMap<>();
        java.util.regex.Pattern reference = java.util.regex.Pattern.compile("io\\.kmsethereum\\.core\\.([a-z]+)\\.");
        try (Stream<Path> files = Files.walk(CORE)) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                Path relative = CORE.relativize(file);
                String pkg = relative.getNameCount() > 1 ? relative.getName(0).toString() : "(core)";
                // code only: Javadoc may mention any class
                String code = Files.readString(file)
                        .lines()
                        .filter(l -> !l.strip().startsWith("*") && !l.strip().startsWith("/"))
                        .collect(Collectors.joining("\n"));
                java.util.regex.Matcher m = reference.matcher(code);
                while (m.find()) {
                    if (!m.group(1).equals(pkg)) {
                        uses.computeIfAbsent(pkg, k -> new java.util.TreeSet<>())
                                .add(m.group(1));
                    }
                }
            }
        }
        List<String> cycles = new java.util.ArrayList<>();
        for (String from : uses.keySet()) {
            // depth-first search from each package back to itself
            java.util.Deque<List<String>> paths = new java.util.ArrayDeque<>();
            paths.push(List.of(from));
            java.util.Set<String> seen = new java.util.HashSet<>();
            while (!paths.isEmpty()) {
                List<String> path = paths.pop();
                for (String next : uses.getOrDefault(path.get(path.size() - 1), java.util.Set.of())) {
                    if (next.equals(from)) {
                        List<String> cycle = new java.util.ArrayList<>(path);
                        cycle.add(from);
                        cycles.add(String.join(" -> ", cycle));
                    } else if (seen.add(next)) {
                        List<String> longer = new java.util.ArrayList<>(path);
                        longer.add(next);
                        paths.push(longer);
                    }
                }
            }
        }
        assertEquals(List.of(), cycles, "package cycles in the core: " + uses);
    }
}
