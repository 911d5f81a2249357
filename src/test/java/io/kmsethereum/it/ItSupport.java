package io.kmsethereum.it;

import java.io.File;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Map;
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
