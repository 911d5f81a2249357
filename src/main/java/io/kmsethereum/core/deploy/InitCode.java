package io.kmsethereum.core.deploy;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.abi.AbiArguments;
import io.kmsethereum.core.artifact.ContractArtifact;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.AbiDefinition;
import org.web3j.utils.Numeric;

/**
 * What a contract creation executes: the linked creation bytecode followed by the ABI-encoded
 * constructor arguments (Solidity ABI specification, "Contract creation").
 *
 * @param contract the contract
 * @param bytecode the linked creation bytecode (no placeholders left)
 * @param arguments the constructor arguments as configured
 * @param encodedArguments their ABI encoding (empty without arguments)
 */
public record InitCode(ContractArtifact contract, byte[] bytecode, List<String> arguments, byte[] encodedArguments) {

    /** Copies the arguments. */
    public InitCode {
        arguments = arguments == null ? List.of() : List.copyOf(arguments);
    }

    /**
     * Links the bytecode, checks and encodes the constructor arguments and checks that a value
     * goes only to a payable constructor.
     *
     * @param contract the contract read from its artifact
     * @param libraries library name → address, for link placeholders (may be empty)
     * @param arguments constructor arguments as strings, typed by the ABI constructor (see
     *     {@link AbiArguments} for the accepted text); {@code null} means none
     * @param valueWei the value sent with the creation, in wei ({@code null} or 0 for none)
     * @return the init code
     * @throws InvalidInputException ({@code artifact}) for a contract without bytecode (an
     *     interface or abstract contract), ({@code libraries}) for missing library addresses,
     *     ({@code constructorArgs}) for a wrong count (listing the declared parameters) or a value that
     *     does not fit its type, ({@code value})
     *     for value sent to a constructor that is not payable
     */
    public static InitCode of(
            ContractArtifact contract, Map<String, String> libraries, List<String> arguments, BigInteger valueWei) {
        if (!contract.hasBytecode()) {
            throw new InvalidInputException(
                    "artifact",
                    contract.describe() + " has no creation bytecode: it is an interface"
                            + " or an abstract contract, which cannot be deployed. Choose a concrete contract with contractName");
        }
        byte[] code = Numeric.hexStringToByteArray(Linker.link(contract, libraries));
        AbiDefinition constructor = contract.constructor().orElse(null);
        List<AbiDefinition.NamedType> inputs =
                constructor == null || constructor.getInputs() == null ? List.of() : constructor.getInputs();
        List<Type> values = constructorArguments(contract, inputs, arguments);
        byte[] encoded = values.isEmpty()
                ? new byte[0]
                : Numeric.hexStringToByteArray(FunctionEncoder.encodeConstructor(values));
        if (valueWei != null && valueWei.signum() > 0 && !payable(constructor)) {
            throw new InvalidInputException(
                    "value",
                    "the " + contract.name() + " constructor is not payable, so the creation" + " cannot carry "
                            + valueWei + " wei; remove value or make the constructor payable");
        }
        return new InitCode(contract, code, arguments, encoded);
    }

    /**
     * Checks the count against the ABI constructor, then converts each argument by its type
     * with {@link AbiArguments} (tuple types spelled out from the ABI's {@code components}); an
     * error names the argument by position and name, e.g. {@code constructorArgs[0] (owner)}.
     */
    private static List<Type> constructorArguments(
            ContractArtifact contract, List<AbiDefinition.NamedType> inputs, List<String> arguments) {
        List<String> given = arguments == null ? List.of() : arguments;
        List<String> types = new ArrayList<>();
        List<String> parameters = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            AbiDefinition.NamedType input = inputs.get(i);
            types.add(AbiArguments.typeOf(input));
            String name = input.getName() == null || input.getName().isEmpty() ? "" : " (" + input.getName() + ")";
            parameters.add("constructorArgs[" + i + "]" + name);
        }
        if (given.size() != inputs.size()) {
            // an array or tuple with an unclosed bracket swallows the arguments after it on the
            // command line: name that one rather than the count
            for (int i = 0; i < Math.min(given.size(), inputs.size()); i++) {
                AbiArguments.requireBalanced(types.get(i), given.get(i), parameters.get(i));
            }
            List<String> declared = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                String name = inputs.get(i).getName();
                declared.add(listed(types.get(i)) + (name == null || name.isEmpty() ? "" : " " + name));
            }
            throw new InvalidInputException(
                    "constructorArgs",
                    "the " + contract.name() + " constructor takes "
                            + inputs.size() + " argument" + (inputs.size() == 1 ? "" : "s")
                            + (inputs.isEmpty() ? "" : " (" + String.join(", ", declared) + ")") + ", but "
                            + given.size()
                            + (given.size() == 1 ? " was" : " were") + " given"
                            + (inputs.isEmpty()
                                    ? "; remove constructorArgs"
                                    : "; give one value per parameter, in this order"));
        }
        List<Type> values = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            // Maven turns an empty <arg></arg> into null; for a string that means ""
            String value = given.get(i) == null ? "" : given.get(i);
            values.add(AbiArguments.convert(types.get(i), value, parameters.get(i)));
        }
        return values;
    }

    /** A type for the count message: canonical, or as the ABI writes it when it is not supported. */
    private static String listed(String type) {
        try {
            return AbiArguments.canonicalType(type, "artifact");
        } catch (InvalidInputException unsupported) {
            return type; // its own argument fails with the reason once the count is right
        }
    }

    private static boolean payable(AbiDefinition constructor) {
        return constructor != null && ("payable".equals(constructor.getStateMutability()) || constructor.isPayable());
    }

    /**
     * @return bytecode followed by the encoded arguments: the creation transaction's data
     */
    public byte[] bytes() {
        byte[] result = new byte[bytecode.length + encodedArguments.length];
        System.arraycopy(bytecode, 0, result, 0, bytecode.length);
        System.arraycopy(encodedArguments, 0, result, bytecode.length, encodedArguments.length);
        return result;
    }

    /**
     * @return Keccak-256 of the linked creation bytecode (arguments excluded), {@code 0x} hex:
     *     what the deployment ledger compares to tell whether the contract changed
     */
    public String bytecodeHash() {
        return Numeric.toHexString(Hash.sha3(bytecode));
    }

    /**
     * @return the encoded constructor arguments as {@code 0x} hex ({@code 0x} when none)
     */
    public String encodedArgumentsHex() {
        return Numeric.toHexString(encodedArguments);
    }
}
