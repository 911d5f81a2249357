package io.kmsethereum.core.deploy;

import io.kmsethereum.core.InvalidInputException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.utils.Numeric;

/**
 * Deterministic deployment with CREATE2 (<a href="https://eips.ethereum.org/EIPS/eip-1014">EIP-1014</a>)
 * through the deterministic deployment proxy at {@value #PROXY} (Arachnid's
 * deterministic-deployment-proxy, present on most chains and on Anvil by default). The proxy
 * takes calldata {@code salt ‖ initCode} and creates the contract at
 * {@code keccak256(0xff ‖ proxy ‖ salt ‖ keccak256(initCode))[12:]}: the same address on every
 * chain, whoever sends the transaction.
 */
public final class Create2 {
    /** The deterministic deployment proxy, EIP-55. */
    public static final String PROXY = "0x4e59b44847b379578588920cA78FbF26c0B4956C";

    private static final Pattern HEX = Pattern.compile("0x[0-9a-fA-F]{1,64}");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+");

    private Create2() {}

    /**
     * @param value {@code 0x} hex of at most 32 bytes (left-padded with zeros to 32 bytes, as a
     *     number would be), or a non-negative decimal integer below 2²⁵⁶
     * @param parameter the parameter name, for errors
     * @return the 32-byte salt
     * @throws InvalidInputException if not one of those forms
     */
    public static byte[] parseSalt(String value, String parameter) {
        String v = value == null ? "" : value.trim().replace("_", "");
        BigInteger number;
        if (HEX.matcher(v).matches()) {
            number = new BigInteger(v.substring(2), 16);
        } else if (DECIMAL.matcher(v).matches()) {
            number = new BigInteger(v);
        } else {
            throw new InvalidInputException(
                    parameter,
                    "'" + value + "' is not a CREATE2 salt; write 0x and up to 64 hex digits"
                            + " (32 bytes, padded on the left) or a decimal number");
        }
        if (number.bitLength() > 256) {
            throw new InvalidInputException(parameter, "'" + value + "' is more than 32 bytes");
        }
        return Numeric.toBytesPadded(number, 32);
    }

    /**
     * @param deployer the creating contract's address (the proxy)
     * @param salt 32 bytes
     * @param initCode creation bytecode with the constructor arguments
     * @return {@code keccak256(0xff ‖ deployer ‖ salt ‖ keccak256(initCode))[12:]}, EIP-55
     */
    public static String address(String deployer, byte[] salt, byte[] initCode) {
        if (salt.length != 32) {
            throw new IllegalArgumentException("salt must be 32 bytes, was " + salt.length);
        }
        byte[] preimage = new byte[1 + 20 + 32 + 32];
        preimage[0] = (byte) 0xff;
        System.arraycopy(Numeric.hexStringToByteArray(deployer), 0, preimage, 1, 20);
        System.arraycopy(salt, 0, preimage, 21, 32);
        System.arraycopy(Hash.sha3(initCode), 0, preimage, 53, 32);
        return Keys.toChecksumAddress(Numeric.toHexString(Arrays.copyOfRange(Hash.sha3(preimage), 12, 32)));
    }

    /**
     * @param salt 32 bytes
     * @param initCode creation bytecode with the constructor arguments
     * @return the address {@link #PROXY} creates for them
     */
    public static String address(byte[] salt, byte[] initCode) {
        return address(PROXY, salt, initCode);
    }

    /**
     * @param salt 32 bytes
     * @param initCode creation bytecode with the constructor arguments
     * @return the proxy's calldata: {@code salt ‖ initCode}
     */
    public static byte[] proxyCalldata(byte[] salt, byte[] initCode) {
        byte[] data = new byte[32 + initCode.length];
        System.arraycopy(salt, 0, data, 0, 32);
        System.arraycopy(initCode, 0, data, 32, initCode.length);
        return data;
    }
}
