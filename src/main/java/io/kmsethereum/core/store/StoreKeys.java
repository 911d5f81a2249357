package io.kmsethereum.core.store;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The keys of the records in a {@link StateStore}, relative to the store's root (the local state
 * directory, or the S3 bucket and prefix):
 *
 * <pre>
 * &lt;chainId&gt;/&lt;address&gt;/steps/&lt;step&gt;.json      journal: one broadcast step's signed transaction and receipt
 * &lt;chainId&gt;/&lt;address&gt;/nonces/next.json        the account's next unreserved nonce (compare-and-swap counter)
 * &lt;chainId&gt;/&lt;address&gt;/nonces/&lt;nonce&gt;.json     the claim of one nonce by one run (create-only, then compare-and-swap)
 * &lt;chainId&gt;/deployments/&lt;name&gt;.json          the deployment ledger, per chain and name (outlives the deployer key)
 * </pre>
 *
 * The address is lower-case {@code 0x} hex; step and deployment names keep letters, digits,
 * {@code .}, {@code _} and {@code -}, and every other character becomes {@code _} (so does a
 * leading or trailing {@code .} and each {@code .} followed by another, so a key never holds
 * {@code ..}).
 */
public final class StoreKeys {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]+(/[A-Za-z0-9._-]+)*");

    private StoreKeys() {}

    /**
     * @param chainId the chain id
     * @param address the account, any case
     * @param step the step name
     * @return the key of the step's journal record
     */
    public static String step(long chainId, String address, String step) {
        return account(chainId, address) + "/steps/" + name(step) + ".json";
    }

    /**
     * @param chainId the chain id
     * @param address the account, any case
     * @return the key of the account's nonce counter
     */
    public static String nonceCounter(long chainId, String address) {
        return account(chainId, address) + "/nonces/next.json";
    }

    /**
     * @param chainId the chain id
     * @param address the account, any case
     * @param nonce the nonce
     * @return the key of the claim of that nonce
     */
    public static String nonceClaim(long chainId, String address, BigInteger nonce) {
        return account(chainId, address) + "/nonces/" + nonce + ".json";
    }

    /**
     * @param chainId the chain id
     * @param deploymentName the deployment's name
     * @return the key of its ledger record
     */
    public static String deployment(long chainId, String deploymentName) {
        return chainId + "/deployments/" + name(deploymentName) + ".json";
    }

    /**
     * @param name a step or deployment name
     * @return the name with every character outside {@code [A-Za-z0-9._-]} replaced by {@code _}
     */
    public static String name(String name) {
        // no ".." either (check refuses it), also not with the ".json" that follows: every '.'
        // followed by another, and a trailing '.', becomes '_'
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("\\.(?=\\.|$)", "_");
        return safe.startsWith(".") ? "_" + safe.substring(1) : safe;
    }

    private static String account(long chainId, String address) {
        return chainId + "/" + address.toLowerCase(Locale.ROOT);
    }

    /**
     * @param key a key built by this class
     * @throws IllegalArgumentException if it could escape the store's root
     */
    public static void check(String key) {
        if (!SAFE.matcher(key).matches() || key.contains("..")) {
            throw new IllegalArgumentException("not a state store key: " + key);
        }
    }
}
