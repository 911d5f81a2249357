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
}
