package io.kmsethereum.core.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.web3j.utils.Numeric;

/** Known answers computed with Foundry's {@code cast calldata} 1.7.1 (an independent ABI encoder). */
class FunctionCallTest {
    private static final String A35 = "0x3535353535353535353535353535353535353535";

    @Test
    void encodesErc20Transfer() {
        // cast calldata "transfer(address,uint256)" 0x3535…35 1000000000000000000
        byte[] data = FunctionCall.parse("transfer(address,uint256)", "function")
                .encode(List.of(A35, "1000000000000000000"), "arguments");
        assertEquals(
                "0xa9059cbb0000000000000000000000003535353535353535353535353535353535353535"
                        + "0000000000000000000000000000000000000000000000000de0b6b3a7640000",
                Numeric.toHexString(data));
    }

    @Test
    void encodesEveryKindOfType() {
        // cast calldata -- "record(string,uint256[],bytes32,bool,int8,address[2],uint8[][],bytes)" "hello, world"
        //   "[1,2,3]" 0x0102…32 true -5 "[0x3535…35,0x00…01]" "[[1,2],[],[3]]" 0xdeadbeef
        FunctionCall call = FunctionCall.parse(
                "function record(string note, uint[] values, bytes32 tag, bool flag, int8 delta, address[2] pair, uint8[][] nested, bytes blob)",
                "function");
        assertEquals(
                "record(string,uint256[],bytes32,bool,int8,address[2],uint8[][],bytes)", call.canonicalSignature());
        byte[] data = call.encode(
                List.of(
                        "hello, world",
                        "[1, 2, 3]",
                        "0x0102030405060708091011121314151617181920212223242526272829303132",
                        "true",
                        "-5",
                        "[" + A35 + ", 0x0000000000000000000000000000000000000001]",
                        "[[1,2],[],[3]]",
                        "0xdeadbeef"),
                "arguments");
        assertEquals(
                "0x2f059be1"
                        + "0000000000000000000000000000000000000000000000000000000000000120"
                        + "0000000000000000000000000000000000000000000000000000000000000160"
                        + "0102030405060708091011121314151617181920212223242526272829303132"
                        + "0000000000000000000000000000000000000000000000000000000000000001"
                        + "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffb"
                        + "0000000000000000000000003535353535353535353535353535353535353535"
                        + "0000000000000000000000000000000000000000000000000000000000000001"
                        + "00000000000000000000000000000000000000000000000000000000000001e0"
                        + "0000000000000000000000000000000000000000000000000000000000000320"
                        + "000000000000000000000000000000000000000000000000000000000000000c"
                        + "68656c6c6f2c20776f726c640000000000000000000000000000000000000000"
                        + "0000000000000000000000000000000000000000000000000000000000000003"
                        + "0000000000000000000000000000000000000000000000000000000000000001"
                        + "0000000000000000000000000000000000000000000000000000000000000002"
                        + "0000000000000000000000000000000000000000000000000000000000000003"
                        + "0000000000000000000000000000000000000000000000000000000000000003"
                        + "0000000000000000000000000000000000000000000000000000000000000060"
                        + "00000000000000000000000000000000000000000000000000000000000000c0"
                        + "00000000000000000000000000000000000000000000000000000000000000e0"
                        + "0000000000000000000000000000000000000000000000000000000000000002"
                        + "0000000000000000000000000000000000000000000000000000000000000001"
                        + "0000000000000000000000000000000000000000000000000000000000000002"
                        + "0000000000000000000000000000000000000000000000000000000000000000"
                        + "0000000000000000000000000000000000000000000000000000000000000001"
                        + "0000000000000000000000000000000000000000000000000000000000000003"
                        + "0000000000000000000000000000000000000000000000000000000000000004"
                        + "deadbeef00000000000000000000000000000000000000000000000000000000",
                Numeric.toHexString(data));
    }

    @Test
    void quotedArrayElementsKeepCommasAndBrackets() {
        // cast calldata "names(string[])" '["a, b","c]"]'
        byte[] data =
                FunctionCall.parse("names(string[])", "function").encode(List.of("[\"a, b\", \"c]\"]"), "arguments");
        String hex = Numeric.toHexString(data);
        assertTrue(hex.startsWith("0x4628c1a0"), hex);
        assertTrue(hex.contains("612c2062"), hex);
        assertTrue(hex.contains("635d"), hex);
    }

    @Test
    void encodesTupleParameters() {
        // cast calldata "register((address,uint256[],string),(uint256,bool)[])" '(0x3535…35,[1,2],"a, b")' '[(7,true)]'
        FunctionCall call = FunctionCall.parse(
                "register((address admin, uint256[] limits, string name) config, tuple(uint256 id, bool active)[] entries)",
                "function");
        assertEquals("register((address,uint256[],string),(uint256,bool)[])", call.canonicalSignature());
        byte[] data = call.encode(List.of("(" + A35 + ", [1, 2], \"a, b\")", "[(7, true)]"), "arguments");
        assertEquals(
                "0x5402562e"
                        + "0000000000000000000000000000000000000000000000000000000000000040"
                        + "0000000000000000000000000000000000000000000000000000000000000140"
                        + "0000000000000000000000003535353535353535353535353535353535353535"
                        + "0000000000000000000000000000000000000000000000000000000000000060"
                        + "00000000000000000000000000000000000000000000000000000000000000c0"
                        + "0000000000000000000000000000000000000000000000000000000000000002"
                        + "0000000000000000000000000000000000000000000000000000000000000001"
                        + "0000000000000000000000000000000000000000000000000000000000000002"
                        + "0000000000000000000000000000000000000000000000000000000000000004"
                        + "612c206200000000000000000000000000000000000000000000000000000000"
                        + "0000000000000000000000000000000000000000000000000000000000000001"
                        + "0000000000000000000000000000000000000000000000000000000000000007"
                        + "0000000000000000000000000000000000000000000000000000000000000001",
                Numeric.toHexString(data));
    }

    @Test
    void noArguments() {
        // cast sig "increment()" = 0xd09de08a
        assertEquals(
                "0xd09de08a",
                Numeric.toHexString(
                        FunctionCall.parse(" increment ( ) ", "function").encode(List.of(), "arguments")));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "transfer(address,uint256)|0x35;1|arguments[0]|is not an address",
                "transfer(address,uint256)|0x3535353535353535353535353535353535353535;-1|arguments[1]|out of range for uint256",
                "f(uint8)|256|arguments[0]|out of range for uint8 (0 to 255)",
                "f(int8)|-129|arguments[0]|out of range for int8 (-128 to 127)",
                "f(bool)|yes|arguments[0]|write true or false",
                "f(bytes32)|0x0102|arguments[0]|has 2 bytes; bytes32 needs exactly 32",
                "f(bytes)|hello|arguments[0]|is not hex bytes",
                "f(uint256)|12abc|arguments[0]|is not an integer",
                "f(uint256[2])|[1]|arguments[0]|needs exactly 2 elements, 1 given",
                "f(uint256[])|[1,x]|arguments[0][1]|is not an integer",
                "f(uint256[])|1,2|arguments[0]|is not an array",
                "f(uint256[][])|[[1,2]|arguments[0]|'[[1,2]' is not a complete uint256[][]: a '[' is not closed",
                "transfer(address,uint256)|0x3535353535353535353535353535353535353535|arguments|takes 2 arguments (address, uint256), 1 given"
            })
    void rejectsBadArguments(String signature, String args, String parameter, String message) {
        assertRejected(signature, List.of(args.split(";")), "arguments", parameter, message);
    }

    /**
     * Asserts that encoding a call fails naming {@code parameter}, with {@code message} in the text.
     *
     * @param signature the function
     * @param arguments its arguments
     * @param list the name of the argument list
     * @param parameter the name the error must give
     * @param message a part of the error message
     */
    static void assertRejected(
            String signature, List<String> arguments, String list, String parameter, String message) {
        FunctionCall call = FunctionCall.parse(signature, "function");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> call.encode(arguments, list));
        assertEquals(parameter, e.getParameter());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "transfer|is not a function signature",
                "f(uint7)|intN/uintN need N from 8 to 256",
                "f(bytes33)|bytesN needs N from 1 to 32",
                "f((uint256,address)|tuple type '(uint256,address' is not closed; write (type1,type2,...)",
                "f(tuple(uint256 x, bool)[3, string)|malformed array suffix; write T[] or T[k]",
                "f(())|is an empty tuple, which Solidity does not have",
                "f((uint256,bool x y z))|has more than a type, a data location and a name in one parameter",
                "f((uint256, foo))|'foo' is not a supported Solidity type",
                "f(foo)|not a supported Solidity type",
                "f(uint256,)|is not 'type' or 'type name'"
            })
    void rejectsBadSignatures(String signature, String message) {
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> FunctionCall.parse(signature, "function"));
        assertEquals("function", e.getParameter());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
