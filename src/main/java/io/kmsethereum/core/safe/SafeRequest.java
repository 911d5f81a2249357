package io.kmsethereum.core.safe;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.crypto.Addresses;
import io.kmsethereum.core.input.Amounts;
import io.kmsethereum.core.input.Quantities;
import io.kmsethereum.core.tx.TransactionInput;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Safe transaction as configured, parsed and checked before the node or KMS is asked
 * anything: either one call ({@code to}, {@code value}, {@code data} or {@code function} +
 * {@code arguments}, {@code operation}) or a list of {@code calls}, which becomes one
 * {@link MultiSend} batch; the refund fields; the Safe nonce when pinned.
 *
 * @param safe the Safe, EIP-55
 * @param to the single call's target, or {@code null} for a batch
 * @param value the single call's value in wei
 * @param data the single call's data
 * @param operation {@link SafeTransaction#CALL} or {@link SafeTransaction#DELEGATECALL}
 * @param calls the batch, or empty for a single call
 * @param safeTxGas the SafeTx field {@code safeTxGas}
 * @param baseGas the SafeTx field {@code baseGas}
 * @param gasPrice the SafeTx field {@code gasPrice} (the refund's), in wei of {@code gasToken}
 * @param gasToken the SafeTx field {@code gasToken}
 * @param refundReceiver the SafeTx field {@code refundReceiver}
 * @param safeNonce the Safe nonce to sign for, or {@code null} for the Safe's current one
 * @param multiSendCallOnly the batch library's address, or {@code null} for the canonical one of
 *     the Safe's version
 * @param singleton the singleton the Safe must run, or {@code null}
 * @param allowDelegateCall whether a DELEGATECALL to code other than a known
 *     {@code MultiSendCallOnly} is allowed ({@code allowDelegateCall})
 */
public record SafeRequest(
        String safe,
        String to,
        BigInteger value,
        byte[] data,
        int operation,
        List<MultiSend.Call> calls,
        BigInteger safeTxGas,
        BigInteger baseGas,
        BigInteger gasPrice,
        String gasToken,
        String refundReceiver,
        BigInteger safeNonce,
        String multiSendCallOnly,
        String singleton,
        boolean allowDelegateCall) {

    /**
     * One entry of {@code calls}, as configured.
     *
     * @param to the target
     * @param value amount with unit, or {@code null}
     * @param data calldata hex, or {@code null}
     * @param function function signature, or {@code null}
     * @param arguments its arguments, or {@code null}
     */
    public record CallInput(String to, String value, String data, String function, List<String> arguments) {}

    /**
     * The parameters as configured (strings as Maven passes them).
     *
     * @param safe the Safe's address
     * @param to the single call's target
     * @param value its value with unit
     * @param data its data
     * @param function its function
     * @param arguments the function's arguments
     * @param operation {@code call} (default) or {@code delegatecall}
     * @param allowDelegateCall whether {@code delegatecall} is allowed
     * @param calls a batch
     * @param safeTxGas the SafeTx {@code safeTxGas}
     * @param baseGas the SafeTx {@code baseGas}
     * @param gasPrice the SafeTx {@code gasPrice} (parameter {@code safeGasPrice})
     * @param gasToken the SafeTx {@code gasToken}
     * @param refundReceiver the SafeTx {@code refundReceiver}
     * @param safeNonce the Safe nonce
     * @param multiSendCallOnly the batch library
     * @param singleton the singleton
     */
    public record Input(
            String safe,
            String to,
            String value,
            String data,
            String function,
            List<String> arguments,
            String operation,
            boolean allowDelegateCall,
            List<CallInput> calls,
            String safeTxGas,
            String baseGas,
            String gasPrice,
            String gasToken,
            String refundReceiver,
            String safeNonce,
            String multiSendCallOnly,
            String singleton) {

        /**
         * @return the request
         * @throws InvalidInputException naming the first bad parameter
         */
        public SafeRequest parse() {
            String safeAddress = Addresses.parse(safe, "safe");
            int op = parseOperation(operation, allowDelegateCall);
            List<MultiSend.Call> batch = new ArrayList<>();
            List<CallInput> entries = calls == null ? List.of() : calls;
            String single = blank(to) ? null : Addresses.parse(to, "to");
            byte[] singleData = new byte[0];
            BigInteger singleValue = BigInteger.ZERO;
            if (!entries.isEmpty()) {
                if (single != null
                        || !blank(value)
                        || !blank(data)
                        || !blank(function)
                        || arguments != null && !arguments.isEmpty()) {
                    throw new InvalidInputException(
                            "calls",
                            "and to/value/data/function are both set; use calls for a batch, or to with value,"
                                    + " data or function for one call");
                }
                if (op == SafeTransaction.DELEGATECALL) {
                    throw new InvalidInputException(
                            "operation",
                            "delegatecall cannot be combined with calls: a batch is a DELEGATECALL to"
                                    + " MultiSendCallOnly, whose calls are plain CALLs. Remove operation");
                }
                for (int i = 0; i < entries.size(); i++) {
                    CallInput c = entries.get(i);
                    String prefix = "calls[" + (i + 1) + "]."; // counted from 1, as contracts[n] and verifiers[n]
                    if (c == null || blank(c.to())) {
                        throw new InvalidInputException(prefix + "to", "is required: the contract or account to call");
                    }
                    batch.add(new MultiSend.Call(
                            Addresses.parse(c.to(), prefix + "to"),
                            wei(c.value(), prefix + "value"),
                            TransactionInput.calldata(c.data(), c.function(), c.arguments(), prefix)));
                }
            } else {
                if (single == null) {
                    throw new InvalidInputException(
                            "to", "is required: the address the Safe calls (or a list of calls, parameter calls)");
                }
                singleValue = wei(value, "value");
                singleData = TransactionInput.calldata(data, function, arguments, "");
            }
            return new SafeRequest(
                    safeAddress,
                    single,
                    singleValue,
                    singleData,
                    op,
                    List.copyOf(batch),
                    quantity(safeTxGas, "safeTxGas"),
                    quantity(baseGas, "baseGas"),
                    wei(gasPrice, "safeGasPrice"),
                    address(gasToken, "gasToken"),
                    address(refundReceiver, "refundReceiver"),
                    blank(safeNonce) ? null : Quantities.parse(safeNonce, "safeNonce"),
                    blank(multiSendCallOnly) ? null : Addresses.parse(multiSendCallOnly, "multiSendCallOnly"),
                    blank(singleton) ? null : Addresses.parse(singleton, "safeSingleton"),
                    allowDelegateCall);
        }
    }

    /**
     * @param multiSend the batch library's address (for a batch)
     * @param nonce the Safe nonce
     * @return the Safe transaction
     */
    public SafeTransaction transaction(String multiSend, BigInteger nonce) {
        boolean batch = !calls.isEmpty();
        return new SafeTransaction(
                batch ? multiSend : to,
                batch ? BigInteger.ZERO : value,
                org.web3j.utils.Numeric.toHexString(batch ? MultiSend.encode(calls) : data),
                batch ? SafeTransaction.DELEGATECALL : operation,
                safeTxGas,
                baseGas,
                gasPrice,
                gasToken,
                refundReceiver,
                nonce);
    }

    /** @return whether this is a {@link MultiSend} batch */
    public boolean isBatch() {
        return !calls.isEmpty();
    }

    private static int parseOperation(String operation, boolean allowDelegateCall) {
        String op = blank(operation) ? "call" : operation.trim().toLowerCase(Locale.ROOT);
        switch (op) {
            case "call", "0":
                return SafeTransaction.CALL;
            case "delegatecall", "1":
                if (!allowDelegateCall) {
                    throw new InvalidInputException(
                            "operation",
                            "delegatecall runs the target's code with the Safe's own storage and funds: it can change"
                                    + " the owners or move everything the Safe holds. Set allowDelegateCall to true only"
                                    + " for a library you have reviewed (a batch through calls needs no flag)");
                }
                return SafeTransaction.DELEGATECALL;
            default:
                throw new InvalidInputException(
                        "operation", "'" + operation + "' is not an operation; use call (the default) or delegatecall");
        }
    }

    private static BigInteger wei(String value, String parameter) {
        return blank(value) ? BigInteger.ZERO : Amounts.parseWei(value, parameter);
    }

    private static BigInteger quantity(String value, String parameter) {
        return blank(value) ? BigInteger.ZERO : Quantities.parse(value, parameter);
    }

    private static String address(String value, String parameter) {
        return blank(value) ? SafeTransaction.ZERO_ADDRESS : Addresses.parse(value, parameter);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
