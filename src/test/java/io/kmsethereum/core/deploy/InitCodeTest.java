package io.kmsethereum.core.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.abi.AbiArguments;
import io.kmsethereum.core.artifact.ArtifactFormat;
import io.kmsethereum.core.artifact.Artifacts;
import io.kmsethereum.core.artifact.ArtifactsTest;
import io.kmsethereum.core.artifact.ContractArtifact;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Int64;
import org.web3j.abi.datatypes.generated.StaticArray2;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;
import org.web3j.utils.Numeric;

class InitCodeTest {
    static final List<String> HOLDER_ARGS = List.of(
            "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
            "1000000000000000000",
            "true",
            "0x" + "ab".repeat(32),
            "hello, \"world\"",
            "[1, 0x2, 3]",
            "-42",
            "0xdeadbeef",
            "[0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC, 0x90F79bf6EB2c4f870365E785982E1f101E93b906]");

    /**
     * The constructor of {@code src/test/resources/contracts/Registry.sol} as solcjs 0.8.28 writes
     * it in the ABI: structs as {@code tuple} / {@code tuple[]} with {@code components}.
     */
    private static final String REGISTRY_ABI =
            "[{\"type\":\"constructor\",\"stateMutability\":\"nonpayable\",\"inputs\":["
                    + "{\"name\":\"owner_\",\"type\":\"address\",\"internalType\":\"address\"},"
                    + "{\"name\":\"numbers_\",\"type\":\"uint256[]\",\"internalType\":\"uint256[]\"},"
                    + "{\"name\":\"config_\",\"type\":\"tuple\",\"internalType\":\"struct Registry.Config\",\"components\":["
                    + "{\"name\":\"admin\",\"type\":\"address\"},{\"name\":\"limits\",\"type\":\"uint256[]\"},"
                    + "{\"name\":\"name\",\"type\":\"string\"}]},"
                    + "{\"name\":\"entries_\",\"type\":\"tuple[]\",\"internalType\":\"struct Registry.Entry[]\",\"components\":["
                    + "{\"name\":\"id\",\"type\":\"uint256\"},{\"name\":\"active\",\"type\":\"bool\"}]}]}]";

    static final List<String> REGISTRY_ARGS = List.of(
            "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
            "[1, 2, 3]",
            "(0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC, [10, 20], \"hello, (world)\")",
            "[(1, true), (2, false)]");

    private static ContractArtifact registry(Path dir) throws IOException {
        Path file = dir.resolve("Registry.json");
        Files.writeString(file, "{\"contractName\":\"Registry\",\"abi\":" + REGISTRY_ABI + ",\"bytecode\":\"0x6080\"}");
        return Artifacts.read(file, null);
    }

    @Test
    void tupleAndArrayArgumentsEncodeAsCastDoes(@TempDir Path dir) throws IOException {
        // cast abi-encode "constructor(address,uint256[],(address,uint256[],string),(uint256,bool)[])"
        //   0x70997970C51812dc3A010C7d01b50e0d17dc79C8 '[1,2,3]'
        //   '(0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC,[10,20],"hello, (world)")' '[(1,true),(2,false)]'
        String expected = "0x"
                + "00000000000000000000000070997970c51812dc3a010c7d01b50e0d17dc79c8"
                + "0000000000000000000000000000000000000000000000000000000000000080"
                + "0000000000000000000000000000000000000000000000000000000000000100"
                + "0000000000000000000000000000000000000000000000000000000000000200"
                + "0000000000000000000000000000000000000000000000000000000000000003"
                + "0000000000000000000000000000000000000000000000000000000000000001"
                + "0000000000000000000000000000000000000000000000000000000000000002"
                + "0000000000000000000000000000000000000000000000000000000000000003"
                + "0000000000000000000000003c44cdddb6a900fa2b585dd299e03d12fa4293bc"
                + "0000000000000000000000000000000000000000000000000000000000000060"
                + "00000000000000000000000000000000000000000000000000000000000000c0"
                + "0000000000000000000000000000000000000000000000000000000000000002"
                + "000000000000000000000000000000000000000000000000000000000000000a"
                + "0000000000000000000000000000000000000000000000000000000000000014"
                + "000000000000000000000000000000000000000000000000000000000000000e"
                + "68656c6c6f2c2028776f726c6429000000000000000000000000000000000000"
                + "0000000000000000000000000000000000000000000000000000000000000002"
                + "0000000000000000000000000000000000000000000000000000000000000001"
                + "0000000000000000000000000000000000000000000000000000000000000001"
                + "0000000000000000000000000000000000000000000000000000000000000002"
                + "0000000000000000000000000000000000000000000000000000000000000000";
        InitCode init = InitCode.of(registry(dir), Map.of(), REGISTRY_ARGS, null);
        assertEquals(expected, init.encodedArgumentsHex());
        // the same arguments written as one text, as -Dkms.constructorArgs=... gives them
        List<String> split = AbiArguments.splitArguments(String.join(",", REGISTRY_ARGS), "constructorArgs");
        assertEquals(REGISTRY_ARGS, split);
        assertEquals(expected, InitCode.of(registry(dir), Map.of(), split, null).encodedArgumentsHex());
    }

    @Test
    void aTupleConstructorListsItsComponentsAndNamesTheBadOne(@TempDir Path dir) throws IOException {
        ContractArtifact registry = registry(dir);
        InvalidInputException e = assertThrows(
                InvalidInputException.class, () -> InitCode.of(registry, Map.of(), REGISTRY_ARGS.subList(0, 3), null));
        assertEquals(
                "Invalid 'constructorArgs': the Registry constructor takes 4 arguments (address owner_, uint256[] numbers_,"
                        + " (address,uint256[],string) config_, (uint256,bool)[] entries_), but 3 were given; give one"
                        + " value per parameter, in this order",
                e.getMessage());

        List<String> args = new ArrayList<>(REGISTRY_ARGS);
        args.set(2, "(0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC, [10, 20])");
        e = assertThrows(InvalidInputException.class, () -> InitCode.of(registry, Map.of(), args, null));
        assertEquals(
                "Invalid 'constructorArgs[2] (config_)': '(0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC, [10, 20])' has 2"
                        + " elements but the tuple (address,uint256[],string) has 3 components; give one per component,"
                        + " in this order: (address admin, uint256[] limits, string name)",
                e.getMessage());

        args.set(2, "(0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC, [10, -1], x)");
        e = assertThrows(InvalidInputException.class, () -> InitCode.of(registry, Map.of(), args, null));
        assertEquals("constructorArgs[2] (config_).limits[1]", e.getParameter());
        assertTrue(e.getMessage().contains("'-1' is out of range for uint256"), e.getMessage());
    }

    @Test
    void anUnclosedBracketOnTheCommandLineIsNamedInsteadOfTheCount(@TempDir Path dir) throws IOException {
        // -Dkms.constructorArgs=0x7099...,[1,2,3,(0x3C44...,[10,20],x),[(1,true)] : the ] after 3 is missing
        List<String> split = AbiArguments.splitArguments(
                "0x70997970C51812dc3A010C7d01b50e0d17dc79C8,[1,2,3,(0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC,[10,20],x),"
                        + "[(1,true)]",
                "constructorArgs");
        assertEquals(2, split.size());
        ContractArtifact registry = registry(dir);
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> InitCode.of(registry, Map.of(), split, null));
        assertEquals("constructorArgs[1] (numbers_)", e.getParameter());
        assertTrue(
                e.getMessage()
                        .contains("is not a complete uint256[]: a '[' is not closed; write arrays as [e1, e2, ...]"),
                e.getMessage());
    }

    private static ContractArtifact holder() {
        return ArtifactsTest.read(ArtifactFormat.FOUNDRY, "Holder");
    }

    @Test
    void initCodeIsTheBytecodeFollowedByTheEncodedArgumentsWhichDecodeBack() {
        InitCode init = InitCode.of(holder(), Map.of(), HOLDER_ARGS, BigInteger.ONE);
        byte[] bytecode = Numeric.hexStringToByteArray(holder().bytecode());
        assertArrayEquals(bytecode, init.bytecode());
        byte[] all = init.bytes();
        assertArrayEquals(bytecode, Arrays.copyOf(all, bytecode.length));
        assertEquals(Numeric.toHexString(Hash.sha3(bytecode)), init.bytecodeHash());

        // decode with web3j's decoder, the other direction of the ABI
        @SuppressWarnings({"rawtypes", "unchecked"})
        List<TypeReference<Type>> types = new ArrayList(List.of(
                new TypeReference<Address>() {},
                new TypeReference<Uint256>() {},
                new TypeReference<Bool>() {},
                new TypeReference<Bytes32>() {},
                new TypeReference<Utf8String>() {},
                new TypeReference<DynamicArray<Uint256>>() {},
                new TypeReference<Int64>() {},
                new TypeReference<DynamicBytes>() {},
                new TypeReference<StaticArray2<Address>>() {}));
        List<Type> decoded = FunctionReturnDecoder.decode(init.encodedArgumentsHex(), types);
        assertEquals(
                "0x70997970c51812dc3a010c7d01b50e0d17dc79c8",
                decoded.get(0).getValue().toString());
        assertEquals(new BigInteger("1000000000000000000"), decoded.get(1).getValue());
        assertEquals(true, decoded.get(2).getValue());
        assertArrayEquals(Numeric.hexStringToByteArray("ab".repeat(32)), (byte[])
                decoded.get(3).getValue());
        assertEquals("hello, \"world\"", decoded.get(4).getValue());
        assertEquals(
                List.of(new Uint256(1), new Uint256(2), new Uint256(3)),
                decoded.get(5).getValue());
        assertEquals(BigInteger.valueOf(-42), decoded.get(6).getValue());
        assertArrayEquals(Numeric.hexStringToByteArray("deadbeef"), (byte[])
                decoded.get(7).getValue());
        assertEquals(2, ((List<?>) decoded.get(8).getValue()).size());
        assertEquals(HOLDER_ARGS, init.arguments());
    }

    @Test
    void aWrongCountListsTheConstructorParameters() {
        InvalidInputException e = assertThrows(
                InvalidInputException.class, () -> InitCode.of(holder(), Map.of(), HOLDER_ARGS.subList(0, 8), null));
        assertEquals(
                "Invalid 'constructorArgs': the Holder constructor takes 9 arguments (address owner_, uint256 amount_,"
                        + " bool flag_, bytes32 tag_, string label_, uint256[] numbers_, int64 delta_, bytes blob_, address[2] pair_),"
                        + " but 8 were given; give one value per parameter, in this order",
                e.getMessage());
    }

    @Test
    void argumentsForAConstructorWithoutParametersAreRefused() {
        ContractArtifact mathLib = ArtifactsTest.read(ArtifactFormat.FOUNDRY, "MathLib");
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> InitCode.of(mathLib, Map.of(), List.of("1"), null));
        assertEquals(
                "Invalid 'constructorArgs': the MathLib constructor takes 0 arguments, but 1 was given; remove constructorArgs",
                e.getMessage());
        assertEquals(0, InitCode.of(mathLib, Map.of(), null, null).encodedArguments().length);
    }

    @Test
    void aValueThatDoesNotFitNamesTheArgument() {
        List<String> args = new ArrayList<>(HOLDER_ARGS);
        args.set(0, "alice");
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> InitCode.of(holder(), Map.of(), args, null));
        assertEquals("constructorArgs[0] (owner_)", e.getParameter());
        assertTrue(
                e.getMessage().startsWith("Invalid 'constructorArgs[0] (owner_)': 'alice' is not an address"),
                e.getMessage());

        args.set(0, HOLDER_ARGS.get(0));
        args.set(6, "9223372036854775808");
        e = assertThrows(InvalidInputException.class, () -> InitCode.of(holder(), Map.of(), args, null));
        assertEquals("constructorArgs[6] (delta_)", e.getParameter());
        assertTrue(e.getMessage().contains("out of range for int64"), e.getMessage());

        args.set(6, "1");
        args.set(8, "[0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC]");
        e = assertThrows(InvalidInputException.class, () -> InitCode.of(holder(), Map.of(), args, null));
        assertTrue(e.getMessage().contains("address[2] needs exactly 2 elements, 1 given"), e.getMessage());
    }

    @Test
    void anInterfaceCannotBeDeployed() {
        ContractArtifact iface = ArtifactsTest.read(ArtifactFormat.HARDHAT, "IHolder");
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> InitCode.of(iface, Map.of(), List.of(), null));
        assertEquals(
                "Invalid 'artifact': IHolder (Hardhat artifact " + iface.file() + ") has no creation bytecode: it is an"
                        + " interface or an abstract contract, which cannot be deployed. Choose a concrete contract with contractName",
                e.getMessage());
    }

    @Test
    void valueGoesOnlyToPayableConstructors() {
        ContractArtifact mathLib = ArtifactsTest.read(ArtifactFormat.FOUNDRY, "MathLib");
        InvalidInputException e = assertThrows(
                InvalidInputException.class, () -> InitCode.of(mathLib, Map.of(), List.of(), BigInteger.TEN));
        assertEquals("value", e.getParameter());
        assertEquals(
                0, InitCode.of(mathLib, Map.of(), List.of(), BigInteger.ZERO).encodedArguments().length);
    }

    @Test
    void librariesAreLinkedIntoTheInitCode() {
        ContractArtifact doubler = ArtifactsTest.read(ArtifactFormat.SOLC_STANDARD_JSON, "Doubler");
        InitCode init =
                InitCode.of(doubler, Map.of("MathLib", "0x5FbDB2315678afecb367f032d93F642f64180aa3"), List.of(), null);
        assertTrue(Numeric.toHexString(init.bytes()).contains("5fbdb2315678afecb367f032d93f642f64180aa3"));
    }
}
