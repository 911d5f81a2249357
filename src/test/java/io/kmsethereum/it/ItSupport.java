package io.kmsethereum.it;

import java.io.File;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.KeySpec;
import software.amazon.awssdk.services.kms.model.KeyUsageType;

/**
 * The one object the invoker ITs' {@code prebuild.groovy} / {@code verify.groovy} (on their class
 * path through {@code addTestClassPath}) and the JUnit ITs create to reach the real servers that
 * {@code scripts/services.sh} started. It only ties the parts together, each of which does one
 * thing: {@link Services} (what was started, where), {@link LocalStackKeys} (keys with known
 * material), {@link Cast} (the independent decoder), {@link AnvilNode} (balances, nonces, test
 * contracts, extra nodes), {@link LoopbackVerifier} (source verification), {@link Forge},
 * {@link Processes} and {@link BuildLogs}. Nothing here is part of the
 * plugin.
 */
public final class ItSupport {
    private final Services services;
    private final LocalStackKeys keys;
    private final Cast cast;
    private final AnvilNode anvil;

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
        this.services = Services.load(servicesDir);
        this.keys = new LocalStackKeys(services.kmsEndpoint(), accessKeyId);
        this.cast = services.cast();
        this.anvil = services.anvil();
    }

    /** @return the KMS client pointed at LocalStack */
    public KmsClient kms() {
        return keys.kms();
    }

    /**
     * @param name a key of services.properties, e.g. {@code kms.it.rpcUrl}
     * @return its value
     */
    public String service(String name) {
        return services.get(name);
    }

    /** @return the JSON-RPC URL of the Anvil node started by scripts/services.sh */
    public String rpcUrl() {
        return services.rpcUrl();
    }

    /** @return the loopback verifier (Sourcify v2 and Etherscan API) scripts/services.sh started */
    public LoopbackVerifier verifier() {
        return services.verifier();
    }

    /** @return {@code forge}, building offline through the npm solc wrapper */
    public Forge forge() {
        return services.forge();
    }

    /** {@link LocalStackKeys#ensureKey(String, String, String, KeySpec, KeyUsageType)} */
    public String ensureKey(String keyId, String privateKeyHex, String alias, KeySpec spec, KeyUsageType usage) {
        return keys.ensureKey(keyId, privateKeyHex, alias, spec, usage);
    }

    /** {@link LocalStackKeys#ensureKey(String, String, String)} */
    public String ensureKey(String keyId, String privateKeyHex, String alias) {
        return keys.ensureKey(keyId, privateKeyHex, alias);
    }

    /** {@link Cast#run(String...)} */
    public String cast(String... args) {
        return cast.run(args);
    }

    /** {@link Cast#decodeTx(String)} */
    public Map<String, Object> castDecodeTx(String rawHex) {
        return cast.decodeTx(rawHex);
    }

    /** {@link Cast#addressOf(String)} */
    public String castAddressOf(String privateKeyHex) {
        return cast.addressOf(privateKeyHex);
    }

    /** {@link AnvilNode#fund(String, String, BigInteger)} */
    public void fund(String rpcUrl, String address, BigInteger wei) {
        anvil.fund(rpcUrl, address, wei);
    }

    /** {@link AnvilNode#balance(String, String)} */
    public BigInteger balance(String rpcUrl, String address) {
        return anvil.balance(rpcUrl, address);
    }

    /** {@link AnvilNode#nonce(String, String)} */
    public BigInteger nonce(String rpcUrl, String address) {
        return anvil.nonce(rpcUrl, address);
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
        keys.ensureKey(keyId, privateKeyHex, alias);
        String address = cast.addressOf(privateKeyHex);
        anvil.fund(rpcUrl, address, wei);
        anvil.setNonce(rpcUrl, address, BigInteger.ZERO);
        return address;
    }

    /** {@link AnvilNode#deploy(String, String, String, String, String...)} */
    public String deploy(
            String rpcUrl, String resource, String contractName, String constructorSignature, String... args) {
        return anvil.deploy(rpcUrl, resource, contractName, constructorSignature, args);
    }

    /** The three owner keys of {@link #prepareSafe}: key id, private key. */
    private static final String[][] SAFE_OWNER_KEYS = {
        {"5afe0000-0000-4000-8000-000000000001", "5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe0001"},
        {"5afe0000-0000-4000-8000-000000000002", "5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe0002"},
        {"5afe0000-0000-4000-8000-000000000003", "5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe5afe0003"},
    };

    /**
     * @param owner 1, 2 or 3
     * @return the private key of {@link #prepareSafe}'s owner key (for cast, as another wallet)
     */
    public static String safeOwnerKey(int owner) {
        return "0x" + SAFE_OWNER_KEYS[owner - 1][1];
    }

    /** @return the Safe contracts 1.4.1 on the node ({@link SafeContracts}) */
    public SafeContracts safeContracts() {
        return services.safeContracts();
    }

    /**
     * A two-of-three Safe whose owners are KMS keys, for an IT: three LocalStack keys with known
     * material under the aliases {@code alias/<prefix>-owner-1} … {@code -3} (each funded with 10
     * ether, nonce 0), the Safe contracts 1.4.1 freshly deployed (singleton, proxy factory,
     * MultiSendCallOnly, fallback handler), a Safe created through the factory with the three
     * addresses as owners and threshold 2, and two contracts to call through it: a
     * {@code SafeTarget} owned by the Safe ({@code setValue(uint256)} only from the owner) and a
     * {@code Counter} ({@code increment()}).
     *
     * @param rpcUrl the node
     * @param aliasPrefix e.g. {@code it-safe}: the owners' aliases are {@code alias/it-safe-owner-1} …
     * @return {@code owner1}, {@code owner2}, {@code owner3} (addresses), {@code singleton},
     *     {@code proxyFactory}, {@code multiSendCallOnly}, {@code fallbackHandler}, {@code safe},
     *     {@code target}, {@code counter}
     */
    public Map<String, String> prepareSafe(String rpcUrl, String aliasPrefix) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> owners = new ArrayList<>();
        for (int i = 0; i < SAFE_OWNER_KEYS.length; i++) {
            String owner = prepareAccount(
                    SAFE_OWNER_KEYS[i][0],
                    SAFE_OWNER_KEYS[i][1],
                    "alias/" + aliasPrefix + "-owner-" + (i + 1),
                    rpcUrl,
                    BigInteger.TEN.pow(19));
            owners.add(owner);
            out.put("owner" + (i + 1), owner);
        }
        SafeContracts safes = services.safeContracts();
        SafeContracts.Deployment deployment = safes.deploy(rpcUrl);
        out.putAll(new TreeMap<>(deployment.asMap()));
        String safe = safes.createSafe(rpcUrl, deployment, owners, 2, BigInteger.valueOf(System.nanoTime()));
        out.put("safe", safe);
        out.put("target", anvil.deploy(rpcUrl, "contracts/SafeTarget.sol", "SafeTarget", "constructor(address)", safe));
        out.put("counter", anvil.deploy(rpcUrl, "contracts/Counter.sol", "Counter", "constructor(uint256)", "0"));
        return out;
    }

    /**
     * Writes {@link #prepareSafe}'s addresses as a properties file (an IT's
     * {@code invoker.userPropertiesFile}).
     *
     * @param values the addresses
     * @param file the file to write
     * @throws IOException if it cannot be written
     */
    public static void writeProperties(Map<String, String> values, File file) throws IOException {
        StringBuilder text = new StringBuilder();
        values.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        Files.writeString(file.toPath(), text.toString());
    }

    /** @return protocol-kit, the independent Safe check ({@link ProtocolKit}) */
    public ProtocolKit protocolKit() {
        return new ProtocolKit(services.safeTools());
    }

    /** {@link SafeContracts#nonce(String, String)} */
    public BigInteger safeNonce(String rpcUrl, String safe) {
        return services.safeContracts().nonce(rpcUrl, safe);
    }

    /** {@link AnvilNode#start(int, File, int, String...)}; stop it with {@link #stopProcess(String)} */
    public long startAnvil(int port, File logFile, int maxSeconds, String... extraArgs) {
        return anvil.start(port, logFile, maxSeconds, extraArgs);
    }

    /** {@link Processes#stop(String)} */
    public static void stopProcess(String pid) {
        Processes.stop(pid);
    }

    /** {@link BuildLogs#assertNoWarnings(File, String...)} */
    public static void assertNoWarnings(File basedir, String... expected) throws IOException {
        BuildLogs.assertNoWarnings(basedir, expected);
    }
}
