package io.kmsethereum.core.tx;

import io.kmsethereum.core.rpc.RpcErrorException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * Turns revert data into text: {@code Error(string)} (selector {@code 0x08c379a0}) gives its
 * message, {@code Panic(uint256)} ({@code 0x4e487b71}) its code and meaning (Solidity
 * documentation, "Panic via assert and Error via require"); other data is shown as a custom
 * error selector with the raw bytes.
 */
public final class RevertReasons {
    private static final String ERROR_SELECTOR = "0x08c379a0";
    private static final String PANIC_SELECTOR = "0x4e487b71";
    private static final Pattern HEX_DATA = Pattern.compile("\"?(0x[0-9a-fA-F]*)\"?");
    private static final Map<Integer, String> PANICS = Map.of(
            0x01, "assert failed",
            0x11, "arithmetic overflow or underflow",
            0x12, "division or modulo by zero",
            0x21, "invalid enum value",
            0x22, "invalid storage byte array",
            0x31, "pop() on an empty array",
            0x32, "array index out of bounds",
            0x41, "out of memory",
            0x51, "call to an uninitialised function");

    private RevertReasons() {}

    /**
     * @param data revert data as hex (with or without quotes), or {@code null}
     * @return the reason as text, or {@code null} when there is no data
     */
    public static String decode(String data) {
        if (data == null) {
            return null;
        }
        Matcher m = HEX_DATA.matcher(data.trim());
        if (!m.matches()) {
            return null;
        }
        String hex = m.group(1).toLowerCase(java.util.Locale.ROOT);
        if (hex.length() <= 2) {
            return null;
        }
        try {
            if (hex.startsWith(ERROR_SELECTOR)) {
                List<Type> values =
                        FunctionReturnDecoder.decode(hex.substring(10), List.<TypeReference<Type>>of((TypeReference)
                                TypeReference.create(Utf8String.class)));
                if (!values.isEmpty()) {
                    return (String) values.get(0).getValue();
                }
            }
            if (hex.startsWith(PANIC_SELECTOR)) {
                List<Type> values =
                        FunctionReturnDecoder.decode(hex.substring(10), List.<TypeReference<Type>>of((TypeReference)
                                TypeReference.create(Uint256.class)));
                if (!values.isEmpty()) {
                    BigInteger code = (BigInteger) values.get(0).getValue();
                    String meaning = code.bitLength() < 31 ? PANICS.get(code.intValue()) : null;
                    return "panic 0x" + code.toString(16) + (meaning == null ? "" : " (" + meaning + ")");
                }
            }
        } catch (RuntimeException e) {
            // malformed ABI: fall through to the raw form
        }
        if (hex.length() >= 10) {
            return "custom error " + hex.substring(0, 10) + " (revert data " + abbreviate(hex) + ")";
        }
        return "revert data " + hex;
    }

    /**
     * @param e an error from {@code eth_call} or {@code eth_estimateGas}
     * @return whether it says that execution reverted
     */
    public static boolean isRevert(RpcErrorException e) {
        return e.code() == 3
                || e.rpcMessage().toLowerCase(java.util.Locale.ROOT).contains("revert");
    }

    /**
     * @param e a revert error from {@code eth_call} or {@code eth_estimateGas}
     * @return the reason from its data, else from its message ({@code execution reverted: …}),
     *     or {@code null} when the node gave none
     */
    public static String reason(RpcErrorException e) {
        String decoded = decode(e.data());
        if (decoded != null) {
            return decoded;
        }
        String message = e.rpcMessage();
        int colon = message.indexOf("reverted:");
        if (colon >= 0) {
            String rest = message.substring(colon + "reverted:".length()).trim();
            return rest.isEmpty() ? null : rest;
        }
        return null;
    }

    private static String abbreviate(String hex) {
        return hex.length() > 138 ? hex.substring(0, 138) + "…" : hex;
    }
}
