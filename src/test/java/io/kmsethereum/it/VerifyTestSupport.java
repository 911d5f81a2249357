package io.kmsethereum.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * Helpers for the source verification ITs' scripts: the test project
 * ({@code src/test/resources/verification}) as a Foundry project built by forge with build-info,
 * or as a Hardhat-layout project with Hardhat build-info ({@link HardhatBuildInfo}), inside the
 * IT's directory; and the loopback verifier's request log.
 */
public final class VerifyTestSupport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private VerifyTestSupport() {}

    /**
     * Copies the Foundry project to {@code <basedir>/project} (replacing an earlier copy) and
     * builds it with {@code forge build --offline --use <solc wrapper> --build-info}.
     *
     * @param support the IT support
     * @param basedir the IT project
     * @return the Foundry project
     */
    public static Path foundryProject(ItSupport support, File basedir) {
        Path project = copyProject(basedir);
        support.forge().build(project);
        return project;
    }

    /**
     * Makes {@code <basedir>/project} a Hardhat-layout project ({@code contracts/Vault.sol}) and
     * writes what {@code npx hardhat compile} writes: artifacts, {@code .dbg.json} files and
     * {@code artifacts/build-info/<id>.json}.
     *
     * @param support the IT support (for solcjs)
     * @param basedir the IT project
     * @return the Hardhat project
     */
    public static Path hardhatProject(ItSupport support, File basedir) {
        Path project = basedir.toPath().resolve("project");
        try {
            delete(project);
            Files.createDirectories(project.resolve("contracts"));
            Files.copy(resource().resolve("src/Vault.sol"), project.resolve("contracts/Vault.sol"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HardhatBuildInfo.write(Path.of(support.service("kms.it.solcjs")), project, null);
        return project;
    }

    /**
     * Writes the standard-JSON input of a Hardhat build-info as a file of its own.
     *
     * @param project the Hardhat project
     * @param target the file to write
     */
    public static void standardJsonInput(Path project, Path target) {
        try (Stream<Path> files = Files.list(project.resolve("artifacts/build-info"))) {
            Path buildInfo = files.findFirst().orElseThrow();
            JsonNode input = JSON.readTree(buildInfo.toFile()).get("input");
            JSON.writeValue(target.toFile(), input);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param support the IT support
     * @param scenario the scenario the IT's verifier URLs use
     * @return the requests the loopback verifier received under it
     */
    public static List<JsonNode> requests(ItSupport support, String scenario) {
        return support.verifier().requests(scenario);
    }

    private static Path copyProject(File basedir) {
        Path project = basedir.toPath().resolve("project");
        try {
            delete(project);
            Path from = resource();
            try (Stream<Path> walk = Files.walk(from)) {
                for (Path p : walk.toList()) {
                    Path target = project.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            return project;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path resource() {
        try {
            return Path.of(VerifyTestSupport.class
                    .getClassLoader()
                    .getResource("verification/foundry")
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p :
                    walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
