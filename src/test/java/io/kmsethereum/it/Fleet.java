package io.kmsethereum.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kmsethereum.testing.FaultProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the fleet ITs ({@link FleetIT}) share: one KMS key, Anvils on {@code kms.it.spareAnvilPort +
 * 20..29}, fresh buckets on LocalStack's S3, scratch projects under {@code target/fleet-it}, Maven
 * builds as separate processes (offline, on the ITs' local repository), a {@link FaultProxy} in
 * front of KMS, and a few JSON-RPC reads. {@link #close} stops everything it started.
 */
final class Fleet implements AutoCloseable {
    static final String KEY_ID = "f1ee7000-0000-4000-8000-000000000001";
    static final String PRIVATE_KEY = "f1ee7000f1ee7000f1ee7000f1ee7000f1ee7000f1ee7000f1ee7000f1ee7001";
    static final String ALIAS = "alias/it-fleet";

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    final ItSupport it = new ItSupport(System.getProperty("kms.it.stateDir", "target/services"));
    final String localstack = it.service("kms.it.endpoint");
    final Path work = Path.of("target/fleet-it").toAbsolutePath();
    private final int firstPort = Integer.getInteger("kms.it.spareAnvilPort", 8560) + 20;
    private final List<Long> anvils = new ArrayList<>();
    private final List<MavenRun> builds = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private S3Client s3;

    /**
     * @param name the story
     * @return {@code target/fleet-it/<name>}, emptied
     */
    Path fresh(String name) throws IOException {
        Path dir = work.resolve(name);
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(dir);
        return dir;
    }

    /**
     * @param offset 0..9: the Anvil's port is {@code kms.it.spareAnvilPort + 20 + offset}
     * @param story the story's directory (for the Anvil's log)
     * @param args more Anvil options
     * @return its JSON-RPC URL
     */
    String anvil(int offset, Path story, String... args) {
        int port = firstPort + offset;
        anvils.add(it.startAnvil(port, story.resolve("anvil.log").toFile(), 900, args));
        return "http://127.0.0.1:" + port;
    }

    /**
     * @param rpc the node
     * @return the fleet key's address, with 10 ether and nonce 0 on that node
     */
    String account(String rpc) {
        return it.prepareAccount(KEY_ID, PRIVATE_KEY, ALIAS, rpc, BigInteger.TEN.pow(19));
    }

    private S3Client s3() {
        if (s3 == null) {
            s3 = S3Client.builder()
                    .endpointOverride(URI.create(localstack))
                    .forcePathStyle(true)
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .httpClientBuilder(UrlConnectionHttpClient.builder())
                    .build();
            closeables.add(s3);
        }
        return s3;
    }

    /** @return the name of a new, empty bucket */
    String bucket() {
        String name = "fleet-it-" + UUID.randomUUID();
        s3().createBucket(b -> b.bucket(name));
        return name;
    }

    /** Writes an object as it is (a record planted by a test). */
    void put(String bucket, String key, String content) {
        s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content));
    }

    /** @return a proxy in front of LocalStack's KMS, closed with the fleet */
    FaultProxy proxy() throws IOException {
        FaultProxy proxy = new FaultProxy(URI.create(localstack));
        closeables.add(proxy);
        return proxy;
    }

    /**
     * Starts {@code mvn -o <args>} in {@code project}, output to {@code <project>/build.log}.
     *
     * @return the running build (killed at {@link #close} if still running)
     */
    MavenRun mvn(Path project, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(
                "-o", "-e", "-Daether.offline.protocols=file", "-s", settings().toString()));
        all.addAll(List.of(args));
        MavenRun run = MavenRun.start(project, project.resolve("build.log"), all.toArray(new String[0]));
        builds.add(run);
        return run;
    }

    /**
     * Settings for offline builds: what invoker:install did not put into the ITs' local repository
     * (the AWS SDK BOM, say) comes from the user's local repository ({@code kms.it.userRepo}, the
     * outer build's), through a {@code file:} mirror that {@code -o} lets through. Nothing is
     * downloaded.
     */
    private Path settings() throws IOException {
        Path settings = work.resolve("settings.xml");
        String repo = Path.of(
                        System.getProperty("kms.it.userRepo", System.getProperty("user.home") + "/.m2/repository"))
                .toAbsolutePath()
                .toUri()
                .toString();
        Files.createDirectories(work);
        Files.writeString(settings, """
                <settings>
                  <mirrors>
                    <mirror><id>user-local-repository</id><mirrorOf>*</mirrorOf><url>%s</url></mirror>
                  </mirrors>
                </settings>
                """.formatted(repo));
        return settings;
    }

    /** @return {@code <name>value</name>} */
    static String xml(String name, String value) {
        return "<" + name + ">" + value + "</" + name + ">";
    }

    /** @return the configuration of a kms-sign broadcast paying {@code value} to {@code to} */
    static String payment(String kmsEndpoint, String rpc, String to, String value) {
        return xml("endpoint", kmsEndpoint)
                + xml("region", "us-east-1")
                + xml("keyId", ALIAS)
                + xml("rpcUrl", rpc)
                + xml("to", to)
                + xml("value", value)
                + xml("broadcast", "true")
                + xml("receiptTimeout", "300");
    }

    /**
     * Writes a project with the plugin and {@code configuration}; the same arguments give the same
     * POM byte for byte (a second checkout of one repository).
     *
     * @return the project directory
     */
    static Path project(Path dir, String artifactId, String configuration) throws IOException {
        return project(dir, artifactId, configuration, "");
    }

    /**
     * As {@link #project(Path, String, String)}, with {@code <executions>} content (empty for
     * none).
     *
     * @return the project directory
     */
    static Path project(Path dir, String artifactId, String configuration, String executions) throws IOException {
        Files.createDirectories(dir);
        String pom = """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>io.kmsethereum.it</groupId>
                  <artifactId>%s</artifactId>
                  <version>1.0</version>
                  <packaging>pom</packaging>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>io.kmsethereum</groupId>
                        <artifactId>kms-ethereum-maven-plugin</artifactId>
                        <version>%s</version>
                        <configuration>%s</configuration>
                        <executions>%s</executions>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(
                artifactId, System.getProperty("kms.it.pluginVersion", "0.1.0-SNAPSHOT"), configuration, executions);
        Files.writeString(dir.resolve("pom.xml"), pom);
        return dir;
    }

    /** @return {@code ether} (a decimal) in wei */
    static BigInteger ether(String ether) {
        return new BigDecimal(ether).movePointRight(18).toBigIntegerExact();
    }

    /**
     * @return the JSON-RPC result
     * @throws AssertionError on a JSON-RPC error
     */
    static JsonNode rpc(String url, String method, Object... params) {
        try {
            String body = JSON.writeValueAsString(
                    Map.of("jsonrpc", "2.0", "id", 1, "method", method, "params", List.of(params)));
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode answer = JSON.readTree(response.body());
            if (answer.has("error")) {
                throw new AssertionError(method + " failed: " + answer.get("error"));
            }
            return answer.get("result");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static BigInteger quantity(JsonNode hex) {
        return new BigInteger(hex.asText().substring(2), 16);
    }

    /** @return the account's transaction count at {@code tag} ({@code latest}, {@code pending}) */
    static BigInteger nonce(String rpc, String address, String tag) {
        return quantity(rpc(rpc, "eth_getTransactionCount", address, tag));
    }

    /** @return every mined transaction from {@code address}, in block order */
    static List<JsonNode> transactionsFrom(String rpc, String address) {
        long latest = quantity(rpc(rpc, "eth_blockNumber")).longValueExact();
        List<JsonNode> found = new ArrayList<>();
        for (long n = 0; n <= latest; n++) {
            JsonNode block = rpc(rpc, "eth_getBlockByNumber", "0x" + Long.toHexString(n), true);
            for (JsonNode tx : block.path("transactions")) {
                if (tx.path("from").asText().equalsIgnoreCase(address.toLowerCase(Locale.ROOT))) {
                    found.add(tx);
                }
            }
        }
        return found;
    }

    /** @return block number to how many of the transactions it holds */
    static Map<Long, Integer> perBlock(List<JsonNode> txs) {
        Map<Long, Integer> blocks = new TreeMap<>();
        for (JsonNode tx : txs) {
            blocks.merge(quantity(tx.path("blockNumber")).longValueExact(), 1, Integer::sum);
        }
        return blocks;
    }

    @Override
    public void close() {
        for (MavenRun run : builds) {
            try {
                run.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (long pid : anvils) {
            Processes.stop(Long.toString(pid));
        }
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                // best effort
            }
        }
    }
}
