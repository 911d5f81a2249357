package io.kmsethereum.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * For the invoker ITs that run the sample projects under {@code examples/} unchanged
 * ({@code src/it/example-<name>/}): their {@code prebuild.groovy} copies the example next to
 * itself, and {@code invoker.project = example} builds the copy, so the example's own tree is
 * never written to. Nothing here is part of the plugin.
 */
public final class Examples {
    private Examples() {}

    /**
     * Copies {@code examplesDir/<name>} to {@code itDir/example}, leaving out build output
     * ({@code target/}) a developer may have there.
     *
     * @param examplesDir the repository's {@code examples} directory (script variable
     *     {@code examplesDir})
     * @param name the example, e.g. {@code quickstart}
     * @param itDir the IT's base directory (script variable {@code basedir})
     * @return the copy's directory
     * @throws IllegalStateException if the example has no {@code pom.xml}
     */
    public static File copy(String examplesDir, String name, File itDir) {
        Path source = Path.of(examplesDir, name);
        if (!Files.isRegularFile(source.resolve("pom.xml"))) {
            throw new IllegalStateException("no example " + source + "/pom.xml");
        }
        Path target = itDir.toPath().resolve("example");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path relative = source.relativize(file);
                if (relative.startsWith("target")) {
                    continue;
                }
                Path copy = target.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + source + " to " + target, e);
        }
        return target.toFile();
    }
}
