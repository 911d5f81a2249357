package io.kmsethereum.it;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What {@code scripts/services.sh} started, as it wrote it into {@code services.properties} of
 * its state directory: the LocalStack endpoint ({@code kms.it.endpoint}), Anvil's JSON-RPC URL
 * ({@code kms.it.rpcUrl}), the paths of {@code anvil}, {@code cast}, {@code solcjs}, {@code forge}
 * and the solc wrapper for {@code forge build --use} ({@code forge}, {@code solc.wrapper}), and the
 * loopback verifier's base URL ({@code verifier.url}).
 */
public final class Services {
    private final Properties properties;

    private Services(Properties properties) {
        this.properties = properties;
    }

    /**
     * @param servicesDir the services state directory ({@code target/services})
     * @return its {@code services.properties}
     * @throws IllegalStateException if the file is missing: the services are not running
     */
    public static Services load(String servicesDir) {
        Properties properties = new Properties();
        Path file = Path.of(servicesDir, "services.properties");
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "services are not running: " + file + " is missing (run scripts/services.sh start)", e);
        }
        return new Services(properties);
    }

    /**
     * @param name a key of services.properties, e.g. {@code kms.it.rpcUrl}
     * @return its value, or {@code null}
     */
    public String get(String name) {
        return properties.getProperty(name);
    }

    /** @return the LocalStack endpoint (KMS, S3, STS and IAM, all on one port) */
    public String kmsEndpoint() {
        return get("kms.it.endpoint");
    }

    /** @return the JSON-RPC URL of the Anvil node */
    public String rpcUrl() {
        return get("kms.it.rpcUrl");
    }

    /** @return Foundry's {@code cast} */
    public Cast cast() {
        return new Cast(get("kms.it.cast"));
    }

    /** @return the Safe contracts 1.4.1 from the npm package's build artifacts */
    public SafeContracts safeContracts() {
        return new SafeContracts(Path.of(required("kms.it.safeArtifacts")), cast());
    }

    /** @return {@code node_modules} of the Safe tools (protocol-kit, ethers 6, the Safe contracts) */
    public Path safeTools() {
        return Path.of(required("kms.it.safeTools"));
    }

    /**
     * @return the loopback verifier started by scripts/services.sh
     * @throws IllegalStateException if it was not started
     */
    public LoopbackVerifier verifier() {
        return new LoopbackVerifier(required("verifier.url"));
    }

    /** @return Foundry's {@code forge}, building offline with npm solc through the solc wrapper */
    public Forge forge() {
        return new Forge(required("forge"), required("solc.wrapper"));
    }

    private String required(String name) {
        String value = get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException(name + " is not in services.properties: run scripts/services.sh start");
        }
        return value;
    }

    /** @return the Anvil node and the tools to use it */
    public AnvilNode anvil() {
        return new AnvilNode(get("kms.it.anvil"), get("kms.it.solcjs"), cast());
    }
}
