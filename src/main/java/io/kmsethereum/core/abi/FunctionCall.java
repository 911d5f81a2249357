package io.kmsethereum.core.abi;

import io.kmsethereum.core.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

/**
 * Calldata for a contract function given by its signature and string arguments: the 4-byte
 * selector (first 4 bytes of Keccak-256 of the canonical signature) followed by the ABI-encoded
 * arguments (Solidity ABI specification, "Function Selector and Argument Encoding"), the
 * arguments encoded by web3j's {@link FunctionEncoder}.
 *
 * @param name the function name
 * @param types the canonical parameter types, e.g. {@code [address, uint256]}
 * @param declared the parameter types with the names of tuple components, for error messages,
 *     e.g. {@code [address, (address admin,uint256 limit)]}
 */
public record FunctionCall(String name, List<String> types, List<String> declared) {
    private static final Pattern SIGNATURE =
            Pattern.compile("^\\s*(?:function\\s+)?([A-Za-z_$][A-Za-z0-9_$]*)\\s*\\((.*)\\)\\s*$", Pattern.DOTALL);

    /** Copies the type lists. */
    public FunctionCall {
        types = List.copyOf(types);
        declared = List.copyOf(declared);
    }

    /**
     * Parses a function signature such as {@code transfer(address,uint256)}. Parameter names and
     * a leading {@code function} are allowed ({@code function transfer(address to, uint256 amount)});
     * {@code uint}/{@code int} become {@code uint256}/{@code int256}. A tuple (struct) parameter
     * is written {@code (type1,type2,...)} or {@code tuple(type1 name1, ...)}:
     * {@code register((address,uint256[],string) config, (uint256,bool)[] entries)}.
     *
     * @param signature the signature as configured
     * @param parameter the parameter name, for errors (e.g. {@code function})
     * @return the parsed function
     * @throws InvalidInputException if the signature is malformed or uses unsupported types
     */
    public static FunctionCall parse(String signature, String parameter) {
        Matcher m = SIGNATURE.matcher(signature == null ? "" : signature);
        if (!m.matches()) {
            throw new InvalidInputException(
                    parameter,
                    "'" + signature
                            + "' is not a function signature; write name(type1,type2,...), e.g. transfer(address,uint256)");
        }
        String params = m.group(2).trim();
        List<String> types = new ArrayList<>();
        List<String> declared = new ArrayList<>();
        if (!params.isEmpty()) {
            // the parameters are separated by the commas outside parentheses: tuples hold commas
            List<String> entries = ArgumentText.splitList(params, parameter);
            for (int i = 0; i < entries.size(); i++) {
                String p = entries.get(i);
                if (p.isEmpty()) {
                    throw new InvalidInputException(
                            parameter,
                            "'" + signature + "': parameter " + i + " ('" + p + "') is not 'type' or 'type name'");
                }
                AbiType type = AbiType.parseParameter(p, parameter);
                types.add(type.canonical());
                declared.add(type.declared());
            }
        }
        return new FunctionCall(m.group(1), types, declared);
    }

    /**
     * @return the canonical signature hashed for the selector, e.g. {@code transfer(address,uint256)}
     */
    public String canonicalSignature() {
        return name + "(" + String.join(",", types) + ")";
    }

    /**
     * Encodes a call.
     *
     * @param arguments one string per parameter (see {@link AbiArguments} for the accepted text)
     * @param parameter the parameter holding the arguments, for errors (e.g. {@code arguments})
     * @return the calldata: 4-byte selector ‖ ABI-encoded arguments
     * @throws InvalidInputException if the count differs or an argument does not fit its type
     */
    public byte[] encode(List<String> arguments, String parameter) {
        List<Type> values = AbiArguments.convert(declared, arguments, parameter, canonicalSignature());
        // The selector comes from our canonical signature: web3j derives it from its own type
        // names, which are wrong for nested and fixed-size arrays.
        byte[] selector = Arrays.copyOf(Hash.sha3(canonicalSignature().getBytes(StandardCharsets.UTF_8)), 4);
        byte[] encoded = Numeric.hexStringToByteArray(FunctionEncoder.encodeConstructor(values));
        byte[] data = Arrays.copyOf(selector, 4 + encoded.length);
        System.arraycopy(encoded, 0, data, 4, encoded.length);
        return data;
    }
}
