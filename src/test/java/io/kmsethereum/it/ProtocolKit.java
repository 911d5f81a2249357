package io.kmsethereum.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * {@code @safe-global/protocol-kit} (with ethers 6), the Safe's own TypeScript SDK, as the
 * independent check of the plugin's Safe transactions: runs
 * {@code src/test/resources/safe/protocol-kit-check.cjs} with Node.js against the safe-tools
 * folder that {@code scripts/services.sh} installed ({@code kms.it.safeTools}).
 */
public final class ProtocolKit {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path nodeModules;

    /** @param nodeModules the safe-tools folder's {@code node_modules} */
    public ProtocolKit(Path nodeModules) {
        this.nodeModules = nodeModules;
    }

    /**
     * @param request the request (see the script's header)
     * @return the script's answer
     * @throws IllegalStateException if the script fails
     */
    public JsonNode run(Map<String, Object> request) {
        try {
            Path dir = Files.createTempDirectory("protocol-kit");
            Path script = dir.resolve("protocol-kit-check.cjs");
            try (InputStream in = ProtocolKit.class.getResourceAsStream("/safe/protocol-kit-check.cjs")) {
                Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
            }
            Path input = dir.resolve("request.json");
            JSON.writeValue(input.toFile(), request);
            String out = Processes.run(
                    List.of("node", script.toString(), input.toString()), Map.of("NODE_PATH", nodeModules.toString()));
            return JSON.readTree(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
