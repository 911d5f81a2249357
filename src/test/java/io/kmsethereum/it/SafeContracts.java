package io.kmsethereum.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Safe contracts 1.4.1 on the test Anvil node, from the build artifacts of the npm package
 * {@code @safe-global/safe-contracts} that {@code scripts/services.sh} installs (its
 * {@code kms.it.safeArtifacts}): the singleton ({@code Safe.sol}), {@code SafeProxyFactory},
 * {@code MultiSendCallOnly} and {@code CompatibilityFallbackHandler}, each deployed as the
 * artifact holds it by Anvil's first dev account through {@code cast send --create}; and Safes
 * created through the factory ({@code createProxyWithNonce} with a {@code setup} initializer), as
 * the Safe's own deployment scripts and protocol-kit create them.
 */
public final class SafeContracts {
    /** The no-address of {@code setup}'s optional arguments. */
    public static final String ZERO = "0x0000000000000000000000000000000000000000";

    private final Path artifacts;
    private final Cast cast;

    /**
     * @param artifacts the directory {@code build/artifacts/contracts} of the npm package
     * @param cast {@code cast}, to deploy and call
     */
    public SafeContracts(Path artifacts, Cast cast) {
        this.artifacts = artifacts;
        this.cast = cast;
    }

    /**
     * Where the Safe contracts of one deployment are.
     *
     * @param singleton the {@code Safe} singleton (the proxies' implementation)
     * @param proxyFactory the {@code SafeProxyFactory}
     * @param multiSendCallOnly the {@code MultiSendCallOnly} library
     * @param fallbackHandler the {@code CompatibilityFallbackHandler}
     */
    public record Deployment(String singleton, String proxyFactory, String multiSendCallOnly, String fallbackHandler) {
        /** @return the addresses by name, e.g. for an IT's properties file */
        public Map<String, String> asMap() {
            return Map.of(
                    "singleton", singleton,
                    "proxyFactory", proxyFactory,
                    "multiSendCallOnly", multiSendCallOnly,
                    "fallbackHandler", fallbackHandler);
        }
    }

    /**
     * @param relative an artifact below {@code contracts/}, e.g. {@code Safe.sol/Safe.json}
     * @return its creation bytecode, {@code 0x} hex
     */
    public String bytecode(String relative) {
        try {
            JsonNode artifact =
                    new ObjectMapper().readTree(artifacts.resolve(relative).toFile());
            return artifact.get("bytecode").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Safe artifact " + artifacts.resolve(relative), e);
        }
    }

    /**
     * Deploys the singleton, the proxy factory, MultiSendCallOnly and the fallback handler.
     *
     * @param rpcUrl the node
     * @return their addresses
     */
    public Deployment deploy(String rpcUrl) {
        return new Deployment(
                create(rpcUrl, bytecode("Safe.sol/Safe.json")),
                create(rpcUrl, bytecode("proxies/SafeProxyFactory.sol/SafeProxyFactory.json")),
                create(rpcUrl, bytecode("libraries/MultiSendCallOnly.sol/MultiSendCallOnly.json")),
                create(rpcUrl, bytecode("handler/CompatibilityFallbackHandler.sol/CompatibilityFallbackHandler.json")));
    }

    /**
     * Creates a Safe proxy through the factory: {@code createProxyWithNonce(singleton,
     * setup(owners, threshold, 0, 0x, fallbackHandler, 0, 0, 0), saltNonce)}.
     *
     * @param rpcUrl the node
     * @param deployment the contracts
     * @param owners the owners' addresses
     * @param threshold how many owners must sign
     * @param saltNonce the factory's salt nonce (another value gives another Safe)
     * @return the new Safe's address
     */
    public String createSafe(
            String rpcUrl, Deployment deployment, List<String> owners, int threshold, BigInteger saltNonce) {
        String initializer = cast.run(
                "calldata",
                "setup(address[],uint256,address,bytes,address,address,uint256,address)",
                "[" + String.join(",", owners) + "]",
                Integer.toString(threshold),
                ZERO,
                "0x",
                deployment.fallbackHandler(),
                ZERO,
                "0",
                ZERO);
        String signature = "createProxyWithNonce(address,bytes,uint256)";
        String[] args = {deployment.singleton(), initializer, saltNonce.toString()};
        // the address the factory will return, asked first with eth_call on the same state
        String safe = cast.run(
                concat(List.of("call", "--rpc-url", rpcUrl, deployment.proxyFactory(), signature + "(address)"), args));
        send(rpcUrl, deployment.proxyFactory(), signature, args);
        String code = cast.run("code", "--rpc-url", rpcUrl, safe);
        if (code.length() <= 2) {
            throw new IllegalStateException("the factory created no Safe at " + safe);
        }
        return cast.run("to-check-sum-address", safe);
    }

    /**
     * Sends a transaction from Anvil's first dev account.
     *
     * @param rpcUrl the node
     * @param to the contract
     * @param signature the function, e.g. {@code setValue(uint256)}
     * @param args its arguments as cast takes them
     */
    public void send(String rpcUrl, String to, String signature, String... args) {
        String out = cast.run(concat(
                List.of("send", "--rpc-url", rpcUrl, "--private-key", AnvilNode.DEV_KEY, "--json", to, signature),
                args));
        requireSuccess(out, signature);
    }

    /** The SafeTx fields in {@code getTransactionHash} order, as cast takes the signature. */
    private static final String SAFE_TX_FIELDS = "address,uint256,bytes,uint8,uint256,uint256,uint256,address,address";

    /**
     * Asks the Safe for a call's {@code safeTxHash} ({@code getTransactionHash}), no refund.
     *
     * @param rpcUrl the node
     * @param safe the Safe
     * @param to the call's target
     * @param data its data
     * @param nonce the Safe nonce
     * @return the hash, {@code 0x} hex
     */
    public String transactionHash(String rpcUrl, String safe, String to, String data, BigInteger nonce) {
        return cast.run(
                "call",
                "--rpc-url",
                rpcUrl,
                safe,
                "getTransactionHash(" + SAFE_TX_FIELDS + ",uint256)(bytes32)",
                to,
                "0",
                data,
                "0",
                "0",
                "0",
                "0",
                ZERO,
                ZERO,
                nonce.toString());
    }

    /**
     * Executes a call through the Safe without the plugin: the owners' private keys sign the
     * Safe's own hash with {@code cast wallet sign --no-hash}, sorted by address, and Anvil's
     * first dev account sends {@code execTransaction}.
     *
     * @param rpcUrl the node
     * @param safe the Safe
     * @param to the call's target
     * @param data its data
     * @param ownerKeys as many owners' private keys as the threshold
     */
    public void execute(String rpcUrl, String safe, String to, String data, List<String> ownerKeys) {
        String hash = transactionHash(rpcUrl, safe, to, data, nonce(rpcUrl, safe));
        java.util.TreeMap<String, String> byOwner = new java.util.TreeMap<>();
        for (String key : ownerKeys) {
            String address = cast.run("wallet", "address", "--private-key", key).toLowerCase();
            byOwner.put(address, cast.run("wallet", "sign", "--no-hash", "--private-key", key, hash));
        }
        StringBuilder signatures = new StringBuilder("0x");
        byOwner.values().forEach(sig -> signatures.append(sig.substring(2)));
        send(
                rpcUrl,
                safe,
                "execTransaction(" + SAFE_TX_FIELDS + ",bytes)",
                to,
                "0",
                data,
                "0",
                "0",
                "0",
                "0",
                ZERO,
                ZERO,
                signatures.toString());
    }

    /**
     * @param rpcUrl the node
     * @param safe a Safe
     * @return its nonce ({@code nonce()})
     */
    public BigInteger nonce(String rpcUrl, String safe) {
        return new BigInteger(
                cast.run("call", "--rpc-url", rpcUrl, safe, "nonce()(uint256)").split(" ")[0]);
    }

    private String create(String rpcUrl, String bytecode) {
        String out = cast.run(
                "send", "--rpc-url", rpcUrl, "--private-key", AnvilNode.DEV_KEY, "--json", "--create", bytecode);
        return requireSuccess(out, "deployment").get("contractAddress").asText();
    }

    private static JsonNode requireSuccess(String out, String what) {
        try {
            JsonNode receipt = new ObjectMapper().readTree(out);
            if (!"0x1".equals(receipt.path("status").asText())) {
                throw new IllegalStateException(what + " failed: " + out);
            }
            return receipt;
        } catch (IOException e) {
            throw new IllegalStateException("cannot parse cast send output: " + out, e);
        }
    }

    private static String[] concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all.toArray(new String[0]);
    }
}
