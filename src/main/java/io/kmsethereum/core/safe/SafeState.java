package io.kmsethereum.core.safe;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.crypto.Addresses;
import io.kmsethereum.core.rpc.CallRequest;
import io.kmsethereum.core.rpc.NodeClient;
import io.kmsethereum.core.rpc.RpcErrorException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.utils.Numeric;

/**
 * What a Safe is on the chain now, read with {@code eth_call} of its own view functions
 * ({@code VERSION()}, {@code nonce()}, {@code getOwners()}, {@code getThreshold()}, and
 * {@code getStorageAt(0, 1)} for the singleton behind the proxy), ABI-decoded by web3j.
 *
 * @param address the Safe, EIP-55
 * @param version its {@code VERSION()}, e.g. {@code 1.4.1}
 * @param nonce the nonce of the next Safe transaction it will execute
 * @param owners its owners, EIP-55, in the Safe's order
 * @param threshold how many owners' signatures a transaction needs
 * @param singleton the implementation the proxy delegates to (storage slot 0), EIP-55
 */
public record SafeState(
        String address, String version, BigInteger nonce, List<String> owners, int threshold, String singleton) {

    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)(?:[+-].*)?");

    /**
     * Reads a Safe and checks that it is one this plugin can sign for.
     *
     * @param node the node
     * @param safe the Safe's address, EIP-55
     * @param expectedSingleton the singleton the Safe must use, or {@code null} for any
     * @return its state
     * @throws InvalidInputException ({@code safe}) if the address has no code, does not answer
     *     as a Safe, or is a Safe older than 1.3.0 (whose transaction hash has no chain id);
     *     ({@code safeSingleton}) if it uses another singleton
     */
    public static SafeState read(NodeClient node, String safe, String expectedSingleton) {
        if (node.code(safe).length == 0) {
            throw new InvalidInputException(
                    "safe",
                    safe + " has no code on chain " + node.chainId() + " (" + node.describe()
                            + "): no Safe is deployed there. Check the address and that rpcUrl is the Safe's chain");
        }
        String version;
        BigInteger nonce;
        List<String> owners;
        BigInteger threshold;
        String singleton;
        try {
            version = ((Utf8String) call(node, safe, "VERSION", List.of(), new TypeReference<Utf8String>() {}))
                    .getValue();
            nonce = ((Uint256) call(node, safe, "nonce", List.of(), new TypeReference<Uint256>() {})).getValue();
            threshold =
                    ((Uint256) call(node, safe, "getThreshold", List.of(), new TypeReference<Uint256>() {})).getValue();
            @SuppressWarnings("unchecked")
            DynamicArray<Address> list = (DynamicArray<Address>)
                    call(node, safe, "getOwners", List.of(), new TypeReference<DynamicArray<Address>>() {});
            owners = list.getValue().stream()
                    .map(a -> Addresses.parse(a.getValue(), "safe"))
                    .toList();
            byte[] slot0 = ((DynamicBytes) call(
                            node,
                            safe,
                            "getStorageAt",
                            List.of(new Uint256(BigInteger.ZERO), new Uint256(BigInteger.ONE)),
                            new TypeReference<DynamicBytes>() {}))
                    .getValue();
            singleton = Addresses.parse(Numeric.toHexStringWithPrefixZeroPadded(new BigInteger(1, slot0), 40), "safe");
        } catch (NotASafe | RpcErrorException | ClassCastException | IndexOutOfBoundsException e) {
            throw new InvalidInputException(
                    "safe",
                    safe + " has code but does not answer as a Safe (VERSION, nonce, getThreshold, getOwners,"
                            + " getStorageAt): it is another contract. Set safe to the address of the Safe (its proxy)");
        }
        Matcher m = VERSION.matcher(version);
        if (!m.matches()
                || Integer.parseInt(m.group(1)) < 1
                || Integer.parseInt(m.group(1)) == 1 && Integer.parseInt(m.group(2)) < 3) {
            throw new InvalidInputException(
                    "safe",
                    safe + " is a Safe of version '" + version + "'; this plugin signs for Safe 1.3.0 and later"
                            + " (whose transaction hash includes the chain id). Upgrade the Safe, or sign with the Safe's own tools");
        }
        if (expectedSingleton != null && !Addresses.same(expectedSingleton, singleton)) {
            throw new InvalidInputException(
                    "safeSingleton",
                    safe + " runs the singleton " + singleton + ", not " + expectedSingleton
                            + ": check that safe is the right Safe, or correct safeSingleton");
        }
        if (threshold.signum() <= 0 || owners.isEmpty()) {
            throw new InvalidInputException(
                    "safe", safe + " has no owners or threshold 0: it is not set up. Set safe to a Safe that is");
        }
        return new SafeState(
                Addresses.parse(safe, "safe"), version, nonce, owners, threshold.intValueExact(), singleton);
    }

    /**
     * @param address an account, any case
     * @return the owner with that address, EIP-55, if it is one
     */
    public Optional<String> owner(String address) {
        return owners.stream().filter(o -> Addresses.same(o, address)).findFirst();
    }

    /**
     * Asks the Safe for the hash of a transaction ({@code getTransactionHash}), the Safe's own
     * computation of {@link SafeTransaction#hash}.
     *
     * @param node the node
     * @param safe the Safe
     * @param tx the transaction
     * @return the hash, {@code 0x} hex
     */
    public static String transactionHashOnChain(NodeClient node, String safe, SafeTransaction tx) {
        @SuppressWarnings("rawtypes")
        List<Type> args = List.of(
                new Address(tx.to()),
                new Uint256(tx.value()),
                new DynamicBytes(tx.dataBytes()),
                new org.web3j.abi.datatypes.generated.Uint8(tx.operation()),
                new Uint256(tx.safeTxGas()),
                new Uint256(tx.baseGas()),
                new Uint256(tx.gasPrice()),
                new Address(tx.gasToken()),
                new Address(tx.refundReceiver()),
                new Uint256(tx.nonce()));
        return Numeric.toHexString(((org.web3j.abi.datatypes.generated.Bytes32) call(
                        node,
                        safe,
                        "getTransactionHash",
                        args,
                        new TypeReference<org.web3j.abi.datatypes.generated.Bytes32>() {}))
                .getValue());
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Type call(NodeClient node, String to, String name, List<Type> args, TypeReference<?> out) {
        Function function = new Function(name, args, List.of(out));
        byte[] result = node.call(
                new CallRequest(
                        SafeTransaction.ZERO_ADDRESS,
                        to,
                        BigInteger.ZERO,
                        Numeric.hexStringToByteArray(FunctionEncoder.encode(function)),
                        null,
                        null),
                null);
        List<Type> decoded = FunctionReturnDecoder.decode(Numeric.toHexString(result), function.getOutputParameters());
        if (decoded.isEmpty()) {
            throw new NotASafe();
        }
        return decoded.get(0);
    }

    /** An answer that does not decode as the Safe's. */
    private static final class NotASafe extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotASafe() {
            super(null, null, false, false);
        }
    }
}
