package io.kmsethereum.core.crypto;

import io.kmsethereum.core.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * Ethereum addresses: derivation from a public key (Yellow Paper, appendix F: the last 20 bytes
 * of Keccak-256 of the 64-byte x‖y point) and the mixed-case checksum of
 * <a href="https://eips.ethereum.org/EIPS/eip-55">EIP-55</a>.
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
        byte[] hash = Hash.sha3(publicKey64);
        return Keys.toChecksumAddress(Numeric.toHexString(Arrays.copyOfRange(hash, 12, 32)));
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
                problem = "'" + trimmed.substring(2).replaceAll("[0-9a-fA-F]", "").charAt(0) + "' is not a hex digit";
            }
            throw new InvalidInputException(parameter,
                    "'" + trimmed + "' is not an address; expected 0x followed by 40 hex digits (20 bytes), but " + problem);
        }
        String digits = trimmed.substring(2);
        String checksummed = Keys.toChecksumAddress(trimmed);
        boolean mixed = !digits.equals(digits.toLowerCase(Locale.ROOT))
                && !digits.equals(digits.toUpperCase(Locale.ROOT));
        if (mixed && !checksummed.equals(trimmed)) {
            throw new InvalidInputException(parameter,
                    "'" + trimmed + "' has an invalid EIP-55 checksum (a typo?). The checksummed form of these"
                            + " digits is " + checksummed + "; check the address, or write it all in lower case to skip the check");
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
