package io.kmsethereum.it;

import io.kmsethereum.core.crypto.Secp256k1;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.AliasListEntry;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;
import software.amazon.awssdk.services.kms.model.Tag;

/**
 * Helpers for the invoker ITs' {@code prebuild.groovy} / {@code verify.groovy} (on their class
 * path through {@code addTestClassPath}) and for JUnit tests that talk to the real servers
 * started by {@code scripts/services.sh}. Nothing here is part of the plugin.
 */
public final class ItSupport {
    private final KmsClient kms;
    private final Properties services;

    /**
     * @param servicesDir the services state directory ({@code target/services}) whose
     *     {@code services.properties} scripts/services.sh wrote
     */
    public ItSupport(String servicesDir) {
        this(servicesDir, "test");
    }

    /**
     * @param servicesDir the services state directory
     * @param accessKeyId the access key id to call LocalStack with; a 12-digit number selects
     *     that LocalStack account, so keys made here are invisible to other credentials
     */
    public ItSupport(String servicesDir, String accessKeyId) {
        this.services = new Properties();
        Path props = Path.of(servicesDir, "services.properties");
        try (InputStream in = Files.newInputStream(props)) {
            services.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "services are not running: " + props + " is missing (run scripts/services.sh start)", e);
        }
        this.kms = KmsClient.builder()
                .endpointOverride(URI.create(services.getProperty("kms.it.endpoint")))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build();
    }

    /** @return the KMS client pointed at LocalStack */
    public KmsClient kms() {
        return kms;
    }

    /** @param name a key of services.properties, e.g. {@code kms.it.rpcUrl} @return its value */
    public String service(String name) {
        return services.getProperty(name);
    }

    /**
     * Creates (or, when LocalStack already has it, reuses) a key with a fixed key id, so that
     * IT POMs can name it by key ARN: {@code arn:aws:kms:us-east-1:000000000000:key/<keyId>}.
     *
     * @param keyId a UUID to use as the key id ({@code _custom_id_} tag)
     * @param privateKeyHex secp256k1 secret scalar as hex, or {@code null} for random material
     * @param alias alias or {@code null}
     * @param spec key spec
     * @param usage key usage
     * @return the key ARN
     */
    public String ensureKey(String keyId, String privateKeyHex, String alias, KeySpec spec, KeyUsageType usage) {
        String arn;
        try {
            arn = kms.describeKey(b -> b.keyId(keyId)).keyMetadata().arn();
        } catch (software.amazon.awssdk.services.kms.model.NotFoundException e) {
            List<Tag> tags = new ArrayList<>();
            tags.add(Tag.builder().tagKey("_custom_id_").tagValue(keyId).build());
            if (privateKeyHex != null) {
                tags.add(Tag.builder()
                        .tagKey("_custom_key_material_")
                        .tagValue(pkcs8Base64(privateKeyHex))
                        .build());
            }
            arn = kms.createKey(b -> b.keySpec(spec).keyUsage(usage).tags(tags))
                    .keyMetadata()
                    .arn();
        }
        if (alias != null) {
            pointAlias(alias, arn);
        }
        return arn;
    }

    /**
     * Creates {@code alias} or moves it to the key.
     *
     * @param alias {@code alias/<name>}
     * @param keyArn the key ARN
     */
    public void pointAlias(String alias, String keyArn) {
        // LocalStack resolves an alias only when its target is a key id, not a key ARN
        String target = keyArn.substring(keyArn.lastIndexOf('/') + 1);
        boolean exists = kms.listAliasesPaginator(b -> b.limit(100)).aliases().stream()
                .map(AliasListEntry::aliasName)
                .anyMatch(alias::equals);
        if (exists) {
            kms.updateAlias(b -> b.aliasName(alias).targetKeyId(target));
        } else {
            kms.createAlias(b -> b.aliasName(alias).targetKeyId(target));
        }
    }

    /**
     * @param keyId a UUID
     * @param privateKeyHex secp256k1 secret scalar
     * @param alias alias or {@code null}
     * @return the key ARN of a secp256k1 SIGN_VERIFY key
     */
    public String ensureKey(String keyId, String privateKeyHex, String alias) {
        return ensureKey(keyId, privateKeyHex, alias, KeySpec.ECC_SECG_P256_K1, KeyUsageType.SIGN_VERIFY);
    }

    /**
     * Decodes a signed raw transaction with {@code cast decode-tx} (independent of web3j).
     *
     * @param rawHex the raw transaction
     * @return the decoded fields; {@code signer} is the recovered sender
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> castDecodeTx(String rawHex) {
        String out = cast("decode-tx", rawHex);
        try {
            com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            Object value = mapper.readValue(out, Object.class);
            if (value instanceof String s) {
                value = mapper.readValue(s, Object.class);
            }
            return (Map<String, Object>) value;
        } catch (IOException e) {
            throw new IllegalStateException("cannot parse cast decode-tx output: " + out, e);
        }
    }

    /**
     * @param privateKeyHex a secp256k1 secret scalar
     * @return base64 of its PKCS#8 DER encoding (RFC 5208 with an RFC 5915 ECPrivateKey)
     */
    public static String pkcs8Base64(String privateKeyHex) {
        BigInteger d = new BigInteger(privateKeyHex.replaceFirst("^0x", ""), 16);
        byte[] publicKey = Secp256k1.G.multiply(d).normalize().getEncoded(false);
        try {
            PrivateKeyInfo info = new PrivateKeyInfo(
                    new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256k1),
                    new ECPrivateKey(256, d, new DERBitString(publicKey), null));
            return Base64.getEncoder().encodeToString(info.getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs Foundry's {@code cast} (an implementation independent of ours).
     *
     * @param args the arguments after {@code cast}
     * @return standard output, trimmed
     * @throws IllegalStateException if cast exits non-zero (with its stderr)
     */
    public String cast(String... args) {
        List<String> command = new ArrayList<>();
        command.add(services.getProperty("kms.it.cast"));
        command.addAll(List.of(args));
        return run(command, Map.of());
    }

    /**
     * @param env extra environment (e.g. {@code AWS_KMS_KEY_ID})
     * @param args the arguments after {@code cast}
     * @return standard output, trimmed
     */
    public String castWithEnv(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(services.getProperty("kms.it.cast"));
        command.addAll(List.of(args));
        return run(command, env);
    }

    /**
     * @param command a command line
     * @param env extra environment
     * @return standard output, trimmed
     */
    public static String run(List<String> command, Map<String, String> env) {
        return run(command, env, null);
    }

    /**
     * @param command a command line
     * @param env extra environment
     * @param stdin file to feed to standard input, or {@code null}
     * @return standard output, trimmed
     */
    public static String run(List<String> command, Map<String, String> env, File stdin) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command);
            pb.environment().putAll(env);
            if (stdin != null) {
                pb.redirectInput(stdin);
            }
            File err = File.createTempFile("it-cmd", ".err");
            pb.redirectError(err);
            Process p = pb.start();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            p.getInputStream().transferTo(out);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            String stderr = Files.readString(err.toPath());
            err.delete();
            if (p.exitValue() != 0) {
                throw new IllegalStateException(command + " exited " + p.exitValue() + ": " + stderr);
            }
            return out.toString(StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param privateKeyHex a secret scalar
     * @return its address per {@code cast wallet address} (independent of our code)
     */
    public String castAddressOf(String privateKeyHex) {
        return cast(
                "wallet",
                "address",
                "--private-key",
                privateKeyHex.startsWith("0x") ? privateKeyHex : "0x" + privateKeyHex);
    }

    /**
     * @param buildLog a build.log
     * @param prefix text before the value on its line
     * @return the first whitespace-delimited token after {@code prefix}
     */
    public static String grep(File buildLog, String prefix) throws IOException {
        for (String line : Files.readAllLines(buildLog.toPath())) {
            int i = line.indexOf(prefix);
            if (i >= 0) {
                return line.substring(i + prefix.length()).trim().split("\\s+")[0];
            }
        }
        throw new AssertionError("'" + prefix + "' not found in " + buildLog);
    }

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

    /**
     * Fails unless the build log has no {@code [WARNING]} line but those Maven prints for itself
     * ({@link #MAVEN_OWN_WARNINGS}): no deprecation warning of the logging setup, no plugin
     * validation warning, no warning of the plugin's own, under Maven 3.9 and Maven 4 alike.
     *
     * @param basedir the IT's directory (holds build.log)
     * @param expected fragments of the warnings the IT provokes on purpose: each must be in a
     *     {@code [WARNING]} line, and those lines are not counted
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

    // ---------------------------------------------------------------- node helpers

    /** Private key of Anvil's first dev account (public test mnemonic), used to deploy test contracts. */
    public static final String ANVIL_DEV_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    /** @return the JSON-RPC URL of the Anvil node started by scripts/services.sh */
    public String rpcUrl() {
        return services.getProperty("kms.it.rpcUrl");
    }

    /**
     * Sets an account's balance on Anvil ({@code anvil_setBalance}).
     *
     * @param rpcUrl the node
     * @param address the account
     * @param wei the new balance
     */
    public void fund(String rpcUrl, String address, BigInteger wei) {
        cast("rpc", "--rpc-url", rpcUrl, "anvil_setBalance", address, "0x" + wei.toString(16));
    }

    /**
     * Prepares a KMS account for an IT: the key (by fixed key id, with known private key and an
     * alias), a known balance and nonce 0 on the node, also when the node is reused between runs.
     *
     * @param keyId a UUID
     * @param privateKeyHex the key's secret scalar
     * @param alias the alias
     * @param rpcUrl the node
     * @param wei the balance to set
     * @return the account's address (per {@code cast wallet address})
     */
    public String prepareAccount(String keyId, String privateKeyHex, String alias, String rpcUrl, BigInteger wei) {
        ensureKey(keyId, privateKeyHex, alias);
        String address = castAddressOf(privateKeyHex);
        fund(rpcUrl, address, wei);
        cast("rpc", "--rpc-url", rpcUrl, "anvil_setNonce", address, "0x0");
        return address;
    }

    /**
     * @param rpcUrl the node
     * @param address an account
     * @return its balance in wei, per {@code cast balance}
     */
    public BigInteger balance(String rpcUrl, String address) {
        return new BigInteger(cast("balance", "--rpc-url", rpcUrl, address));
    }

    /**
     * @param rpcUrl the node
     * @param address an account
     * @return its mined nonce, per {@code cast nonce}
     */
    public BigInteger nonce(String rpcUrl, String address) {
        return new BigInteger(cast("nonce", "--rpc-url", rpcUrl, address));
    }

    /**
     * Compiles a test contract from the test resources with {@code solcjs} (path in
     * services.properties).
     *
     * @param resource class path resource of the source, e.g. {@code contracts/TestToken.sol}
     * @param contractName the contract in it
     * @return the creation bytecode as {@code 0x} hex
     */
    public String compile(String resource, String contractName) {
        try {
            Path dir = Files.createTempDirectory("solc");
            String file = resource.substring(resource.lastIndexOf('/') + 1);
            try (InputStream in = ItSupport.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("no test resource " + resource);
                }
                Files.copy(in, dir.resolve(file));
            }
            ProcessBuilder pb = new ProcessBuilder(services.getProperty("kms.it.solcjs"), "--bin", "-o", "out", file)
                    .directory(dir.toFile())
                    .redirectErrorStream(true);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("solcjs failed on " + resource + ": " + out);
            }
            String base = file.replace('.', '_') + "_" + contractName;
            return "0x"
                    + Files.readString(dir.resolve("out").resolve(base + ".bin"))
                            .trim();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Compiles and deploys a test contract with Anvil's first dev account, through {@code cast send --create}.
     *
     * @param rpcUrl the node
     * @param resource class path resource of the source
     * @param contractName the contract
     * @param constructorSignature e.g. {@code constructor(address,uint256)}, or {@code null}
     * @param args constructor arguments
     * @return the contract address
     */
    @SuppressWarnings("unchecked")
    public String deploy(
            String rpcUrl, String resource, String contractName, String constructorSignature, String... args) {
        List<String> command = new ArrayList<>(List.of(
                "send",
                "--rpc-url",
                rpcUrl,
                "--private-key",
                ANVIL_DEV_KEY,
                "--json",
                "--create",
                compile(resource, contractName)));
        if (constructorSignature != null) {
            command.add(constructorSignature);
            command.addAll(List.of(args));
        }
        String out = cast(command.toArray(new String[0]));
        try {
            Map<String, Object> receipt = new com.fasterxml.jackson.databind.ObjectMapper().readValue(out, Map.class);
            if (!"0x1".equals(receipt.get("status"))) {
                throw new IllegalStateException("deployment of " + contractName + " failed: " + out);
            }
            return (String) receipt.get("contractAddress");
        } catch (IOException e) {
            throw new IllegalStateException("cannot parse cast send output: " + out, e);
        }
    }

    /**
     * Starts an extra Anvil (e.g. {@code --no-mining}, another chain id) on 127.0.0.1, wrapped in
     * {@code timeout} so that it ends by itself even if a test never stops it, and waits until it
     * listens. Stop it with {@link #stopProcess(String)}.
     *
     * @param port a free port (the range given by {@code kms.it.spareAnvilPort})
     * @param logFile where its output goes
     * @param maxSeconds the most it may live
     * @param extraArgs more Anvil options
     * @return the pid of the process to stop
     */
    public long startAnvil(int port, File logFile, int maxSeconds, String... extraArgs) {
        List<String> command = new ArrayList<>(List.of(
                "timeout",
                Integer.toString(maxSeconds),
                services.getProperty("kms.it.anvil"),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port)));
        command.addAll(List.of(extraArgs));
        try {
            Process p = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(logFile))
                    .start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.readString(logFile.toPath()).contains("Listening on")) {
                if (!p.isAlive()) {
                    throw new IllegalStateException(
                            "anvil on port " + port + " exited: " + Files.readString(logFile.toPath()));
                }
                if (System.nanoTime() > deadline) {
                    p.destroy();
                    throw new IllegalStateException("anvil on port " + port + " not ready after 30 s");
                }
                Thread.sleep(100);
            }
            return p.pid();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Ends a process started by {@link #startAnvil} (SIGTERM, which {@code timeout} passes on)
     * and waits up to 10 s for it.
     *
     * @param pid its pid as text (e.g. read from a file)
     */
    public static void stopProcess(String pid) {
        ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(h -> {
            h.destroy();
            try {
                h.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        });
    }
}
