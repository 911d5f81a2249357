package io.kmsethereum.core.input;

import io.kmsethereum.core.InvalidInputException;
import java.math.BigInteger;

/** Parses non-negative integers (nonce, gas limit, chain id) written in decimal or {@code 0x} hex. */
public final class Quantities {
    private Quantities() {}

    /**
     * @param value decimal digits or {@code 0x} hex, or {@code null}
     * @param parameter the parameter name, for errors
     * @return the value, or {@code null} when {@code value} is null or blank
     * @throws InvalidInputException if not a non-negative integer below 2²⁵⁶
     */
    public static BigInteger parse(String value, String parameter) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim().replace("_", "");
        BigInteger result;
        try {
            result = trimmed.startsWith("0x") || trimmed.startsWith("0X")
                    ? new BigInteger(trimmed.substring(2), 16)
                    : new BigInteger(trimmed);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(
                    parameter, "'" + value + "' is not a whole number; use decimal digits or 0x hex");
        }
        if (result.signum() < 0) {
            throw new InvalidInputException(parameter, "'" + value + "' is negative; it must be 0 or more");
        }
        if (result.bitLength() > 256) {
            throw new InvalidInputException(parameter, "'" + value + "' does not fit in 256 bits");
        }
        return result;
    }

    /**
     * @param value as {@link #parse}
     * @param parameter the parameter name
     * @param max the largest allowed value
     * @return the value, or {@code null}
     * @throws InvalidInputException if invalid or above {@code max}
     */
    public static BigInteger parse(String value, String parameter, BigInteger max) {
        BigInteger result = parse(value, parameter);
        if (result != null && result.compareTo(max) > 0) {
            throw new InvalidInputException(parameter, "'" + value + "' is larger than " + max);
        }
        return result;
    }
}
