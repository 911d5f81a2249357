package io.kmsethereum.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Anvil, Foundry's development node: balances and nonces of accounts (set with Anvil's
 * {@code anvil_*} methods, read with {@code cast}), test contracts deployed with Anvil's first
 * dev account, and extra Anvil processes (another chain id, {@code --no-mining}).
 */
public final class AnvilNode {
    /** Private key of Anvil's first dev account (public test mnemonic), used to deploy test contracts. */
    public static final String DEV_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    private final String anvil;
    private final String solcjs;
    private final Cast cast;

    /**
     * @param anvil the path of {@code anvil}
     * @param solcjs the path of {@code solcjs}
     * @param cast {@code cast}, to talk to the node
     */
    public AnvilNode(String anvil, String solcjs, Cast cast) {
        this.anvil = anvil;
        this.solcjs = solcjs;
        this.cast = cast;
    }

    /**
     * Sets an account's balance ({@code anvil_setBalance}).
     *
     * @param rpcUrl the node
     * @param address the account
     * @param wei the new balance
     */
    public void fund(String rpcUrl, String address, BigInteger wei) {
        cast.run("rpc", "--rpc-url", rpcUrl, "anvil_setBalance", address, "0x" + wei.toString(16));
    }

    /**
     * Sets an account's nonce ({@code anvil_setNonce}).
     *
     * @param rpcUrl the node
     * @param address the account
     * @param nonce the new nonce
     */
    public void setNonce(String rpcUrl, String address, BigInteger nonce) {
        cast.run("rpc", "--rpc-url", rpcUrl, "anvil_setNonce", address, "0x" + nonce.toString(16));
    }

    /**
     * @param rpcUrl the node
     * @param address an account
     * @return its balance in wei, per {@code cast balance}
     */
    public BigInteger balance(String rpcUrl, String address) {
        return new BigInteger(cast.run("balance", "--rpc-url", rpcUrl, address));
    }

    /**
     * @param rpcUrl the node
     * @param address an account
     * @return its mined nonce, per {@code cast nonce}
     */
    public BigInteger nonce(String rpcUrl, String address) {
        return new BigInteger(cast.run("nonce", "--rpc-url", rpcUrl, address));
    }

    /**
     * Compiles a test contract from the test resources with {@code solcjs --bin}.
     *
     * @param resource class path resource of the source, e.g. {@code contracts/TestToken.sol}
     * @param contractName the contract in it
     * @return the creation bytecode as {@code 0x} hex
     */
    public String compile(String resource, String contractName) {
        try {
            Path dir = Files.createTempDirectory("solc");
            String file = resource.substring(resource.lastIndexOf('/') + 1);
            try (InputStream in = AnvilNode.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("no test resource " + resource);
                }
                Files.copy(in, dir.resolve(file));
            }
            Process p = new ProcessBuilder(solcjs, "--bin", "-o", "out", file)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
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
     * Compiles and deploys a test contract with the first dev account ({@link #DEV_KEY}),
     * through {@code cast send --create}.
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
                DEV_KEY,
                "--json",
                "--create",
                compile(resource, contractName)));
        if (constructorSignature != null) {
            command.add(constructorSignature);
            command.addAll(List.of(args));
        }
        String out = cast.run(command.toArray(new String[0]));
        try {
            Map<String, Object> receipt = new ObjectMapper().readValue(out, Map.class);
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
     * listens. Stop it with {@link Processes#stop(String)}.
     *
     * @param port a free port (the range given by {@code kms.it.spareAnvilPort})
     * @param logFile where its output goes
     * @param maxSeconds the most it may live
     * @param extraArgs more Anvil options
     * @return the pid of the process to stop
     */
    public long start(int port, File logFile, int maxSeconds, String... extraArgs) {
        List<String> command = new ArrayList<>(List.of(
                "timeout",
                Integer.toString(maxSeconds),
                anvil,
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
}
