package io.kmsethereum.core.crypto;

import io.kmsethereum.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.util.encoders.Hex;

/**
 * Ethereum addresses: derivation from a public key (Yellow Paper, appendix F: the last 20 bytes
 * of Keccak-256 of the 64-byte x‖y point) and the mixed-case checksum of
 * <a href="https://eips.ethereum.org/EIPS/eip-55">EIP-55</a>.
 *
 * <p>Keccak-256 is BouncyCastle's lightweight {@link KeccakDigest}, and the checksum is the
 * EIP's few lines, rather than web3j's {@code Keys.toChecksumAddress}: loading web3j's
 * {@code Keys} creates a whole {@code BouncyCastleProvider} (about 600 classes, 0.1–0.3 s in a
 * cold JVM), which {@code kms-address} would otherwise pay for nothing (docs/performance.md).
 */
public final class Addresses {
    private static final Pattern HEX40 = Pattern.compile("0x[0-9a-fA-F]{40}");

    private Addresses() {}

    /**
     * @param publicKey64 the 64-byte x‖y encoding of the public point
     * @return the address, EIP-55 checksummed, with {@code 0x}
     * @throws IllegalArgumentException if the key is not 64 bytes
     */
    public static String fromPublicKey(byte[] publicKey64) {
        if (publicKey64.length != 64) {
            throw new IllegalArgumentException("public key must be 64 bytes (x||y), was " + publicKey64.length);
        }
        byte[] hash = keccak256(publicKey64);
        return checksummed(Hex.toHexString(hash, 12, 20));
    }

    /**
     * The EIP-55 checksum: hex digit {@code i} of the address is upper case when nibble {@code i}
     * of Keccak-256 of the lower-case hex (ASCII, without {@code 0x}) is 8 or more.
     *
     * @param hex40 the 40 hex digits of an address, any case, without {@code 0x}
     * @return {@code 0x} followed by the checksummed digits
     */
    static String checksummed(String hex40) {
        String lower = hex40.toLowerCase(Locale.ROOT);
        byte[] hash = keccak256(lower.getBytes(StandardCharsets.US_ASCII));
        StringBuilder out = new StringBuilder(42).append("0x");
        for (int i = 0; i < lower.length(); i++) {
            int nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0x0f;
            char c = lower.charAt(i);
            out.append(nibble >= 8 ? Character.toUpperCase(c) : c);
        }
        return out.toString();
    }

    private static byte[] keccak256(byte[] input) {
        KeccakDigest digest = new KeccakDigest(256);
        digest.update(input, 0, input.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    /**
     * Checks an address typed by a user. All-lowercase and all-uppercase hex are accepted as
     * they are; mixed case must be a valid EIP-55 checksum, because a wrong checksum usually
     * means a typo.
     *
     * @param value the address as configured, {@code 0x} followed by 40 hex digits
     * @param parameter the parameter name, for the error message
     * @return the address in EIP-55 form
     * @throws InvalidInputException if the length, prefix, digits or checksum are wrong
     */
    public static String parse(String value, String parameter) {
        if (value == null || value.isBlank()) {
            throw new InvalidInputException(parameter, "an address is required: 0x followed by 40 hex digits");
        }
        String trimmed = value.trim();
        if (!HEX40.matcher(trimmed).matches()) {
            String problem;
            if (!trimmed.startsWith("0x")) {
                problem = "it does not start with 0x";
            } else if (trimmed.length() != 42) {
                problem = "got " + (trimmed.length() - 2) + " characters after 0x";
            } else {
                problem =
                        "'" + trimmed.substring(2).replaceAll("[0-9a-fA-F]", "").charAt(0) + "' is not a hex digit";
            }
            throw new InvalidInputException(
                    parameter,
                    "'" + trimmed + "' is not an address; expected 0x followed by 40 hex digits (20 bytes), but "
                            + problem);
        }
        String digits = trimmed.substring(2);
        String checksummed = checksummed(digits);
        boolean mixed =
                !digits.equals(digits.toLowerCase(Locale.ROOT)) && !digits.equals(digits.toUpperCase(Locale.ROOT));
        if (mixed && !checksummed.equals(trimmed)) {
            throw new InvalidInputException(
                    parameter,
                    "'" + trimmed + "' has an invalid EIP-55 checksum (a typo?). The checksummed form of these"
                            + " digits is " + checksummed
                            + "; check the address, or write it all in lower case to skip the check");
        }
        return checksummed;
    }

    /**
     * @param a an address in any case
     * @param b an address in any case
     * @return whether both denote the same 20 bytes
     */
    public static boolean same(String a, String b) {
        return a != null && b != null && a.equalsIgnoreCase(b);
    }
}
