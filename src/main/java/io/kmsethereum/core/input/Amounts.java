package io.kmsethereum.core.input;

import io.kmsethereum.core.InvalidInputException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.utils.Convert;

/**
 * Parses amounts of ether written with a unit: {@code 0.01 ether}, {@code 21 gwei},
 * {@code 1000 wei}; a bare integer is wei. Units are web3j's {@link Convert.Unit} (wei, kwei,
 * mwei, gwei, szabo, finney, ether, kether, mether, gether). {@code 0x} hex is wei.
 */
public final class Amounts {
    private static final Pattern AMOUNT = Pattern.compile("\\s*([0-9][0-9_]*(?:\\.[0-9]+)?)\\s*([a-zA-Z]+)?\\s*");
    private static final BigInteger UINT256_MAX = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

    private Amounts() {}

    /**
     * @param value the amount as configured, or {@code null}
     * @param parameter the parameter name, for errors
     * @return the amount in wei, or {@code null} when {@code value} is null or blank
     * @throws InvalidInputException if the number, the unit or the result (fractional wei,
     *     above 2²⁵⁶−1) is not valid
     */
    public static BigInteger parseWei(String value, String parameter) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.startsWith("0x") || trimmed.startsWith("0X")) {
            return Quantities.parse(trimmed, parameter);
        }
        Matcher m = AMOUNT.matcher(trimmed);
        if (!m.matches()) {
            throw new InvalidInputException(
                    parameter,
                    "'" + value
                            + "' is not an amount; write a non-negative number with an optional unit, e.g. '0.01 ether', '21 gwei' or '1000' (wei)");
        }
        BigDecimal number = new BigDecimal(m.group(1).replace("_", ""));
        Convert.Unit unit = Convert.Unit.WEI;
        if (m.group(2) != null) {
            unit = unit(m.group(2), value, parameter);
        }
        BigDecimal wei = Convert.toWei(number, unit);
        try {
            BigInteger result = wei.toBigIntegerExact();
            if (result.compareTo(UINT256_MAX) > 0) {
                throw new InvalidInputException(parameter, "'" + value + "' is more than 2^256-1 wei");
            }
            return result;
        } catch (ArithmeticException e) {
            throw new InvalidInputException(
                    parameter, "'" + value + "' is a fraction of a wei; use fewer decimal places");
        }
    }

    /**
     * Formats an amount exactly, for messages: in ether from 0.001 ether up, in gwei from 0.001
     * gwei up, else in wei; trailing zeros removed.
     *
     * @param wei an amount in wei
     * @return e.g. {@code 0.01 ether}, {@code 1.5 gwei}, {@code 7 wei}
     */
    public static String format(BigInteger wei) {
        Convert.Unit unit = wei.compareTo(BigInteger.TEN.pow(15)) >= 0
                ? Convert.Unit.ETHER
                : wei.compareTo(BigInteger.TEN.pow(6)) >= 0 ? Convert.Unit.GWEI : Convert.Unit.WEI;
        BigDecimal amount = Convert.fromWei(new BigDecimal(wei), unit).stripTrailingZeros();
        return amount.toPlainString() + " " + unit;
    }

    /**
     * @param wei an amount in wei
     * @return it in ether and, exactly, in wei: {@code 0.0012 ether (1200000000000000 wei)}
     */
    public static String formatEtherAndWei(BigInteger wei) {
        BigDecimal ether =
                Convert.fromWei(new BigDecimal(wei), Convert.Unit.ETHER).stripTrailingZeros();
        return ether.toPlainString() + " ether (" + wei + " wei)";
    }

    private static Convert.Unit unit(String name, String value, String parameter) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (Convert.Unit unit : Convert.Unit.values()) {
            if (unit.toString().equalsIgnoreCase(lower) || unit.name().equalsIgnoreCase(lower)) {
                return unit;
            }
        }
        if (lower.equals("eth")) {
            return Convert.Unit.ETHER;
        }
        throw new InvalidInputException(
                parameter,
                "'" + value + "' has an unknown unit '" + name
                        + "'; use wei, gwei or ether (also kwei, mwei, szabo, finney)");
    }
}
