package io.kmsethereum.core.input;

import io.kmsethereum.core.InvalidInputException;
import java.util.regex.Pattern;
import org.web3j.utils.Numeric;

/** Parses {@code 0x}-prefixed hex byte strings (calldata, init code, message bytes). */
public final class HexData {
    private static final Pattern HEX = Pattern.compile("0x([0-9a-fA-F]{2})*");

    private HexData() {}

    /**
     * @param value {@code 0x} followed by an even number of hex digits (whitespace ignored), or
     *     {@code null}
     * @param parameter the parameter name, for errors
     * @return the bytes, empty for {@code null}, blank or {@code 0x}
     * @throws InvalidInputException if not even-length hex with {@code 0x}
     */
    public static byte[] parse(String value, String parameter) {
        if (value == null || value.isBlank()) {
            return new byte[0];
        }
        String compact = value.replaceAll("\\s+", "");
        if (!HEX.matcher(compact).matches()) {
            throw new InvalidInputException(
                    parameter,
                    "'" + abbreviate(compact)
                            + "' is not hex bytes; write 0x followed by an even number of hex digits");
        }
        return Numeric.hexStringToByteArray(compact);
    }

    private static String abbreviate(String s) {
        return s.length() > 42 ? s.substring(0, 40) + "…" : s;
    }
}
