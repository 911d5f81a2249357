package io.kmsethereum.it;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Helpers for the deployment ITs' scripts: the test contracts compiled once per build in every
 * artifact format ({@link TestContracts}) and copied into the IT project, a clean ledger, and a
 * free port for an extra Anvil.
 */
public final class DeployTestSupport {
    private DeployTestSupport() {}

    /**
     * The usual start of a deployment IT: the deployer's key in LocalStack, 10 ether for it on
     * the node, the artifacts copied in and an empty ledger ({@link #prepare}).
     *
     * @param support the IT support
     * @param basedir the IT project
     * @param rpcUrl the node
     * @param keyId the key's fixed id (a UUID), distinct per IT
     * @param privateKeyHex the key material, distinct per IT
     * @param alias the key's alias
     * @return {@code <basedir>/artifacts}
     */
    public static Path setUp(
            ItSupport support, File basedir, String rpcUrl, String keyId, String privateKeyHex, String alias) {
        support.ensureKey(keyId, privateKeyHex, alias);
        support.fund(rpcUrl, support.castAddressOf(privateKeyHex), BigInteger.TEN.pow(19));
        return prepare(support, basedir);
    }

    /**
     * Compiles {@code src/test/resources/contracts} (once per build, into
     * {@code target/it-contracts}), copies the artifacts to {@code <basedir>/artifacts} and
     * deletes {@code <basedir>/deployments} (a ledger left by an earlier run of the IT).
     *
     * @param support the IT support (for solcjs and the services directory)
     * @param basedir the IT project
     * @return {@code <basedir>/artifacts}
     */
    public static Path prepare(ItSupport support, File basedir) {
        try {
            Path sources =
                    Path.of(DeployTestSupport.class.getResource("/contracts").toURI());
            Path compiled =
                    Path.of(support.service("kms.it.stateDir")).getParent().resolve("it-contracts");
            TestContracts.compile(Path.of(support.service("kms.it.solcjs")), sources, compiled, null);
            Path target = basedir.toPath().resolve("artifacts");
            delete(target);
            delete(basedir.toPath().resolve("deployments"));
            try (Stream<Path> files = Files.walk(compiled)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    Path copy = target.resolve(compiled.relativize(file).toString());
                    Files.createDirectories(copy.getParent());
                    Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param from first port to try
     * @param to last port to try
     * @return a port in that range nothing listens on (on 127.0.0.1)
     */
    public static int freePort(int from, int to) {
        for (int port = from; port <= to; port++) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // try the next one
            }
        }
        throw new IllegalStateException("no free port in " + from + "-" + to + " for an extra Anvil");
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
