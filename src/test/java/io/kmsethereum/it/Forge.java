package io.kmsethereum.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Foundry's {@code forge} 1.7.1 from npm, building offline: {@code forge build --offline --use
 * <solc wrapper> --build-info}, where the wrapper ({@code scripts/services/solc-wrapper.js})
 * answers {@code --version} and {@code --standard-json} through npm solc. The result is what a
 * Foundry project has after {@code forge build --build-info}: {@code out/<File>.sol/<Name>.json}
 * and {@code out/build-info/<id>.json} with {@code input}, {@code output} and
 * {@code solcLongVersion}.
 *
 * <p>Note: forge 1.7.1 writes {@code solcLongVersion} as {@code 0.8.28} (without the commit);
 * the full version ({@code 0.8.28+commit.7893614a}) is in each contract's {@code metadata}
 * ({@code compiler.version}). Its build-info {@code input} also carries keys solc itself
 * rejects ({@code version}, {@code allowPaths}, {@code basePath}, {@code includePaths}): a
 * verifier that recompiles answers {@code Unknown key "allowPaths"} unless they are removed.
 */
public final class Forge {
    private final String forge;
    private final String solcWrapper;

    /**
     * @param forge the path of {@code forge}
     * @param solcWrapper the path of the solc wrapper
     */
    public Forge(String forge, String solcWrapper) {
        this.forge = forge;
        this.solcWrapper = solcWrapper;
    }

    /** @return the path of {@code forge} */
    public String executable() {
        return forge;
    }

    /** @return the solc wrapper, for {@code --use} */
    public String solcWrapper() {
        return solcWrapper;
    }

    /**
     * Builds a Foundry project (its {@code foundry.toml} decides sources and settings).
     *
     * @param root the project directory
     * @return the build-info files written ({@code out/build-info/*.json}), sorted
     * @throws IllegalStateException if forge fails
     */
    public List<Path> build(Path root) {
        Processes.run(
                List.of(forge, "build", "--root", root.toString(), "--offline", "--use", solcWrapper, "--build-info"),
                Map.of());
        try (Stream<Path> files = Files.list(root.resolve("out/build-info"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
