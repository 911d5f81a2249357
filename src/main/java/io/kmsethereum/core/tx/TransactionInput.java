package io.kmsethereum.core.tx;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.abi.FunctionCall;
import io.kmsethereum.core.crypto.Addresses;
import io.kmsethereum.core.input.AccessLists;
import io.kmsethereum.core.input.Amounts;
import io.kmsethereum.core.input.HexData;
import io.kmsethereum.core.input.Quantities;
import java.math.BigInteger;
import java.util.List;
import org.web3j.crypto.AccessListObject;

/**
 * The transaction parameters of a goal exactly as configured (strings, {@code null} when not
 * set), turned into a typed {@link TransactionRequest} by {@link #toRequest()}. All checks that
 * need no node happen here (the parsers of {@code core.input}, then {@link TransactionRules}), so
 * bad input fails before anything is signed or sent, with a message naming the parameter.
 *
 * @param txType {@code eip1559} (default), {@code eip2930}, {@code legacy} or {@code eip7702}
 * @param to recipient address, or {@code null} for contract creation
 * @param value amount with unit ({@link Amounts})
 * @param data calldata or init code as {@code 0x} hex
 * @param function a function signature such as {@code transfer(address,uint256)}; excludes {@code data}
 * @param arguments the function's arguments as strings ({@link io.kmsethereum.core.abi.AbiArguments})
 * @param chainId decimal or {@code 0x} hex
 * @param nonce decimal or {@code 0x} hex
 * @param gasLimit decimal or {@code 0x} hex
 * @param gasPrice amount with unit (legacy, EIP-2930)
 * @param maxFeePerGas amount with unit (EIP-1559, EIP-7702)
 * @param maxPriorityFeePerGas amount with unit (EIP-1559, EIP-7702)
 * @param accessList JSON access list ({@link AccessLists}) (EIP-2930, EIP-1559)
 */
public record TransactionInput(
        String txType,
        String to,
        String value,
        String data,
        String function,
        List<String> arguments,
        String chainId,
        String nonce,
        String gasLimit,
        String gasPrice,
        String maxFeePerGas,
        String maxPriorityFeePerGas,
        String accessList) {

    private static final BigInteger MAX_NONCE = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.TWO);
    private static final BigInteger MAX_GAS = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /**
     * Parses and checks every parameter; nothing is signed when this throws.
     *
     * @return the typed request; fields not configured are {@code null}
     * @throws InvalidInputException naming the first bad parameter
     */
    public TransactionRequest toRequest() {
        TransactionType type = TransactionType.parse(txType, "txType");
        String recipient = blank(to) ? null : Addresses.parse(to, "to");
        BigInteger chain = Quantities.parse(chainId, "chainId", BigInteger.valueOf(Long.MAX_VALUE));
        BigInteger gasPriceWei = Amounts.parseWei(gasPrice, "gasPrice");
        BigInteger maxFee = Amounts.parseWei(maxFeePerGas, "maxFeePerGas");
        BigInteger maxPriority = Amounts.parseWei(maxPriorityFeePerGas, "maxPriorityFeePerGas");
        List<AccessListObject> entries = AccessLists.parse(accessList, "accessList");
        byte[] calldata = calldata();
        if (recipient == null && type == TransactionType.EIP7702) {
            throw new InvalidInputException(
                    "to",
                    "is missing, but an eip7702 (set-code) transaction cannot create a contract (EIP-7702). Set"
                            + " 'to', e.g. to the sending account itself to run the delegate's code on it");
        }
        if (recipient == null && calldata.length == 0) {
            throw new InvalidInputException(
                    "to",
                    "is missing and there is no data: a transaction without a recipient"
                            + " creates a contract and needs its init code in 'data'. Set 'to' for a transfer");
        }
        if (recipient == null && !blank(function)) {
            throw new InvalidInputException(
                    "to", "is missing: 'function' calls a contract, so set 'to' to its address");
        }
        return TransactionRules.check(new TransactionRequest(
                type,
                chain == null ? null : chain.longValueExact(),
                Quantities.parse(nonce, "nonce", MAX_NONCE),
                recipient,
                Amounts.parseWei(value, "value"),
                calldata,
                Quantities.parse(gasLimit, "gasLimit", MAX_GAS),
                gasPriceWei,
                maxFee,
                maxPriority,
                entries));
    }

    private byte[] calldata() {
        return calldata(data, function, arguments, "");
    }

    /**
     * The calldata of {@code data}, or of {@code function} + {@code arguments}, as
     * {@code kms-sign} takes them (also for the entries of a list of calls).
     *
     * @param data raw calldata as {@code 0x} hex, or {@code null}
     * @param function a function signature, or {@code null}
     * @param arguments its arguments, or {@code null}
     * @param prefix put before the parameter names in messages: {@code ""}, or e.g.
     *     {@code calls[1].} for an entry of a list
     * @return the calldata (empty when neither is set)
     * @throws InvalidInputException if both are set, arguments come without a function, or the
     *     arguments do not fit the function
     */
    public static byte[] calldata(String data, String function, List<String> arguments, String prefix) {
        boolean hasArguments = arguments != null && !arguments.isEmpty();
        if (blank(function)) {
            if (hasArguments) {
                throw new InvalidInputException(
                        prefix + "arguments",
                        "are set but 'function' is not; set function to the signature"
                                + " they belong to, e.g. transfer(address,uint256)");
            }
            return HexData.parse(data, prefix + "data");
        }
        if (!blank(data)) {
            throw new InvalidInputException(
                    prefix + "data",
                    "and 'function' are both set; use one: data for raw calldata, or"
                            + " function + arguments to have the calldata ABI-encoded");
        }
        return FunctionCall.parse(function, prefix + "function")
                .encode(arguments == null ? List.of() : arguments, prefix + "arguments");
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
