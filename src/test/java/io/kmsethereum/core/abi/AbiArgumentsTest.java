package io.kmsethereum.core.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.InvalidInputException;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Type;

/**
 * The argument text syntax (arrays in brackets, tuples in parentheses, double quotes around
 * text with separators) and the encoding of arrays and tuples. The expected encodings were
 * computed with Foundry's {@code cast abi-encode} 1.7.1, an ABI encoder independent of web3j;
 * each case gives its command ({@code 0x3535…35} is {@code 0x} and 40 times {@code 35},
 * {@code 0x00…01} the 32-byte word 1).
 */
class AbiArgumentsTest {
    private static final String A35 = "0x3535353535353535353535353535353535353535";

    static Stream<Arguments> lists() {
        return Stream.of(
                Arguments.of("0xabc,[1,2,3]", List.of("0xabc", "[1,2,3]")),
                Arguments.of(" a , b ,c ", List.of("a", "b", "c")),
                Arguments.of("\"a, b\",c", List.of("a, b", "c")),
                Arguments.of("\"say \\\"hi\\\"\", \"back\\\\slash\"", List.of("say \"hi\"", "back\\slash")),
                Arguments.of("(1,[2,3]),\"x\"", List.of("(1,[2,3])", "x")),
                Arguments.of("[(1,\"a, (b\"),(2,c)],5", List.of("[(1,\"a, (b\"),(2,c)]", "5")),
                Arguments.of("a,,b", List.of("a", "", "b")),
                Arguments.of("it's,\"ok\",say \"x, y\"", List.of("it's", "ok", "say \"x, y\"")),
                // unbalanced: the argument takes the rest, and its type reports it
                Arguments.of("0xabc,[1,2", List.of("0xabc", "[1,2")),
                Arguments.of("[1,2),3", List.of("[1,2),3")),
                Arguments.of("x],y", List.of("x]", "y")),
                Arguments.of("", List.of()),
                Arguments.of("   ", List.of()));
    }

    @ParameterizedTest
    @MethodSource("lists")
    void splitsAListWrittenAsOneText(String text, List<String> expected) {
        assertEquals(expected, AbiArguments.splitArguments(text, "constructorArgs"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"a\\q\"|constructorArgs[0]|element \"a\\q\" is not a valid JSON string",
                "1,\"\\u12\"|constructorArgs[1]|is not a valid JSON string"
            })
    void aQuotedArgumentMustBeAJsonString(String text, String parameter, String message) {
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> AbiArguments.splitArguments(text, "constructorArgs"));
        assertEquals(parameter, e.getParameter());
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    static Stream<Arguments> vectors() {
        return Stream.of(
                // cast abi-encode "constructor((address,uint256[],string),uint256[])" '(0x3535…35,[1,2],"hello,
                // world")' '[1,2,3]'
                Arguments.of(
                        "constructor((address,uint256[],string),uint256[])",
                        "(0x3535353535353535353535353535353535353535, [1, 2], \"hello, world\"), [1,2,3]",
                        "0x"
                                + "0000000000000000000000000000000000000000000000000000000000000040"
                                + "0000000000000000000000000000000000000000000000000000000000000140"
                                + "0000000000000000000000003535353535353535353535353535353535353535"
                                + "0000000000000000000000000000000000000000000000000000000000000060"
                                + "00000000000000000000000000000000000000000000000000000000000000c0"
                                + "0000000000000000000000000000000000000000000000000000000000000002"
                                + "0000000000000000000000000000000000000000000000000000000000000001"
                                + "0000000000000000000000000000000000000000000000000000000000000002"
                                + "000000000000000000000000000000000000000000000000000000000000000c"
                                + "68656c6c6f2c20776f726c640000000000000000000000000000000000000000"
                                + "0000000000000000000000000000000000000000000000000000000000000003"
                                + "0000000000000000000000000000000000000000000000000000000000000001"
                                + "0000000000000000000000000000000000000000000000000000000000000002"
                                + "0000000000000000000000000000000000000000000000000000000000000003"),
                // cast abi-encode "constructor((uint256,bool)[])" '[(7,true),(8,false)]'
                Arguments.of(
                        "constructor((uint256,bool)[])",
                        "[(7,true),(8,false)]",
                        "0x"
                                + "0000000000000000000000000000000000000000000000000000000000000020"
                                + "0000000000000000000000000000000000000000000000000000000000000002"
                                + "0000000000000000000000000000000000000000000000000000000000000007"
                                + "0000000000000000000000000000000000000000000000000000000000000001"
                                + "0000000000000000000000000000000000000000000000000000000000000008"
                                + "0000000000000000000000000000000000000000000000000000000000000000"),
                // cast abi-encode "constructor(address,uint256[])" 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 '[1,2,3]'
                Arguments.of(
                        "constructor(address,uint256[])",
                        "0x70997970C51812dc3A010C7d01b50e0d17dc79C8,[1,2,3]",
                        "0x"
                                + "00000000000000000000000070997970c51812dc3a010c7d01b50e0d17dc79c8"
                                + "0000000000000000000000000000000000000000000000000000000000000040"
                                + "0000000000000000000000000000000000000000000000000000000000000003"
                                + "0000000000000000000000000000000000000000000000000000000000000001"
                                + "0000000000000000000000000000000000000000000000000000000000000002"
                                + "0000000000000000000000000000000000000000000000000000000000000003"),
                // cast abi-encode "constructor((uint256,bool)[2],string)" '[(7,true),(8,false)]' 'a, [b]'
                Arguments.of(
                        "constructor((uint256,bool)[2],string)",
                        "[(7, true), (8, false)], \"a, [b]\"",
                        "0x"
                                + "0000000000000000000000000000000000000000000000000000000000000007"
                                + "0000000000000000000000000000000000000000000000000000000000000001"
                                + "0000000000000000000000000000000000000000000000000000000000000008"
                                + "0000000000000000000000000000000000000000000000000000000000000000"
                                + "00000000000000000000000000000000000000000000000000000000000000a0"
                                + "0000000000000000000000000000000000000000000000000000000000000006"
                                + "612c205b625d0000000000000000000000000000000000000000000000000000"),
                // cast abi-encode "constructor(((uint256,bool),string)[],uint8)" '[((1,true),"x"),((2,false),"(y)")]'
                // 255
                Arguments.of(
                        "constructor(((uint256,bool),string)[],uint8)",
                        "[((1,true),x),((2,false),\"(y)\")],255",
                        "0x"
                                + "0000000000000000000000000000000000000000000000000000000000000040"
                                + "00000000000000000000000000000000000000000000000000000000000000ff"
                                + "0000000000000000000000000000000000000000000000000000000000000002"
                                + "0000000000000000000000000000000000000000000000000000000000000040"
                                + "00000000000000000000000000000000000000000000000000000000000000e0"
                                + "0000000000000000000000000000000000000000000000000000000000000001"
                                + "0000000000000000000000000000000000000000000000000000000000000001"
                                + "0000000000000000000000000000000000000000000000000000000000000060"
                                + "0000000000000000000000000000000000000000000000000000000000000001"
                                + "7800000000000000000000000000000000000000000000000000000000000000"
                                + "0000000000000000000000000000000000000000000000000000000000000002"
                                + "0000000000000000000000000000000000000000000000000000000000000000"
                                + "0000000000000000000000000000000000000000000000000000000000000060"
                                + "0000000000000000000000000000000000000000000000000000000000000003"
                                + "2879290000000000000000000000000000000000000000000000000000000000"),
                // cast abi-encode "constructor(string[2],bytes[],uint256[2][])" '["a","b"]' '[0x01,0x]' '[[1,2],[3,4]]'
                Arguments.of(
                        "constructor(string[2],bytes[],uint256[2][])",
                        "[a,b],[0x01,0x],[[1,2],[3,4]]",
                        "0x"
                                + "0000000000000000000000000000000000000000000000000000000000000060"
                                + "0000000000000000000000000000000000000000000000000000000000000120"
                                + "00000000000000000000000000000000000000000000000000000000000001e0"
                                + "0000000000000000000000000000000000000000000000000000000000000040"
                                + "0000000000000000000000000000000000000000000000000000000000000080"
                                + "0000000000000000000000000000000000000000000000000000000000000001"
                                + "6100000000000000000000000000000000000000000000000000000000000000"
                                + "0000000000000000000000000000000000000000000000000000000000000001"
                                + "6200000000000000000000000000000000000000000000000000000000000000"
                                + "0000000000000000000000000000000000000000000000000000000000000002"
                                + "0000000000000000000000000000000000000000000000000000000000000040"
                                + "0000000000000000000000000000000000000000000000000000000000000080"
                                + "0000000000000000000000000000000000000000000000000000000000000001"
                                + "0100000000000000000000000000000000000000000000000000000000000000"
                                + "0000000000000000000000000000000000000000000000000000000000000000"
                                + "0000000000000000000000000000000000000000000000000000000000000002"
                                + "0000000000000000000000000000000000000000000000000000000000000001"
                                + "0000000000000000000000000000000000000000000000000000000000000002"
                                + "0000000000000000000000000000000000000000000000000000000000000003"
                                + "0000000000000000000000000000000000000000000000000000000000000004"),
                // cast abi-encode "constructor(string,(address,bytes32)[])" 'say "hi"' '[(0x3535…35,0x00…01)]'
                Arguments.of(
                        "constructor(string,(address,bytes32)[])",
                        "\"say \\\"hi\\\"\",[(0x3535353535353535353535353535353535353535,0x0000000000000000000000000000000000000000000000000000000000000001)]",
                        "0x"
                                + "0000000000000000000000000000000000000000000000000000000000000040"
                                + "0000000000000000000000000000000000000000000000000000000000000080"
                                + "0000000000000000000000000000000000000000000000000000000000000008"
                                + "7361792022686922000000000000000000000000000000000000000000000000"
                                + "0000000000000000000000000000000000000000000000000000000000000001"
                                + "0000000000000000000000003535353535353535353535353535353535353535"
                                + "0000000000000000000000000000000000000000000000000000000000000001"),
                // cast abi-encode "constructor(int8[][2],bool)" '[[-1,2],[]]' true
                Arguments.of(
                        "constructor(int8[][2],bool)",
                        "[[-1,2],[]],true",
                        "0x"
                                + "0000000000000000000000000000000000000000000000000000000000000040"
                                + "0000000000000000000000000000000000000000000000000000000000000001"
                                + "0000000000000000000000000000000000000000000000000000000000000040"
                                + "00000000000000000000000000000000000000000000000000000000000000a0"
                                + "0000000000000000000000000000000000000000000000000000000000000002"
                                + "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
                                + "0000000000000000000000000000000000000000000000000000000000000002"
                                + "0000000000000000000000000000000000000000000000000000000000000000"),
                // cast abi-encode "constructor((uint256[2],uint256),uint256[][])" '([1,2],3)' '[[],[4]]'
                Arguments.of(
                        "constructor((uint256[2],uint256),uint256[][])",
                        "([1,2],3),[[],[4]]",
                        "0x"
                                + "0000000000000000000000000000000000000000000000000000000000000001"
                                + "0000000000000000000000000000000000000000000000000000000000000002"
                                + "0000000000000000000000000000000000000000000000000000000000000003"
                                + "0000000000000000000000000000000000000000000000000000000000000080"
                                + "0000000000000000000000000000000000000000000000000000000000000002"
                                + "0000000000000000000000000000000000000000000000000000000000000040"
                                + "0000000000000000000000000000000000000000000000000000000000000060"
                                + "0000000000000000000000000000000000000000000000000000000000000000"
                                + "0000000000000000000000000000000000000000000000000000000000000001"
                                + "0000000000000000000000000000000000000000000000000000000000000004"),
                // cast abi-encode "constructor((uint256,(string,address)[],bytes)[],(bool))"
                // '[(1,[("p",0x3535…35)],0xabcd),(2,[],0x)]' '(true)'
                Arguments.of(
                        "constructor((uint256,(string,address)[],bytes)[],(bool))",
                        "[(1,[(p,0x3535353535353535353535353535353535353535)],0xabcd),(2,[],0x)],(true)",
                        "0x"
                                + "0000000000000000000000000000000000000000000000000000000000000040"
                                + "0000000000000000000000000000000000000000000000000000000000000001"
                                + "0000000000000000000000000000000000000000000000000000000000000002"
                                + "0000000000000000000000000000000000000000000000000000000000000040"
                                + "00000000000000000000000000000000000000000000000000000000000001a0"
                                + "0000000000000000000000000000000000000000000000000000000000000001"
                                + "0000000000000000000000000000000000000000000000000000000000000060"
                                + "0000000000000000000000000000000000000000000000000000000000000120"
                                + "0000000000000000000000000000000000000000000000000000000000000001"
                                + "0000000000000000000000000000000000000000000000000000000000000020"
                                + "0000000000000000000000000000000000000000000000000000000000000040"
                                + "0000000000000000000000003535353535353535353535353535353535353535"
                                + "0000000000000000000000000000000000000000000000000000000000000001"
                                + "7000000000000000000000000000000000000000000000000000000000000000"
                                + "0000000000000000000000000000000000000000000000000000000000000002"
                                + "abcd000000000000000000000000000000000000000000000000000000000000"
                                + "0000000000000000000000000000000000000000000000000000000000000002"
                                + "0000000000000000000000000000000000000000000000000000000000000060"
                                + "0000000000000000000000000000000000000000000000000000000000000080"
                                + "0000000000000000000000000000000000000000000000000000000000000000"
                                + "0000000000000000000000000000000000000000000000000000000000000000"));
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void encodesArraysAndTuplesAsCastDoes(String signature, String text, String expected) {
        FunctionCall constructor = FunctionCall.parse(signature, "constructor");
        List<Type> values =
                AbiArguments.convert(constructor.types(), AbiArguments.splitArguments(text, "args"), "args", signature);
        assertEquals(expected, "0x" + FunctionEncoder.encodeConstructor(values));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "f((address,uint256[],string))|(" + A35 + ", [1, 2])|args[0]"
                        + "|has 2 elements but the tuple (address,uint256[],string) has 3 components; give one per"
                        + " component, in this order: (address, uint256[], string)",
                "f((address admin, uint256 limit) config)|(" + A35 + ")|args[0]"
                        + "|the tuple (address,uint256) has 2 components; give one per component, in this order:"
                        + " (address admin, uint256 limit)",
                "f(uint256[])|[1,2|args[0]|'[1,2' is not a complete uint256[]: a '[' is not closed; write arrays as",
                "f((uint256,bool)[])|[(1,true),(2,false]|args[0]|is not a complete (uint256,bool)[]: a ']' closes a '('",
                "f(string[])|[\"a]|args[0]|is not a complete string[]: a '\"' is not closed",
                "f(uint256[])|[1]]|args[0]|is not a complete uint256[]: a ']' has no '[' before it",
                "f((uint256,bool))|[1,true]|args[0]|'[1,true]' is not a tuple but (uint256,bool) needs one",
                "f(uint256[])|(1,2)|args[0]|'(1,2)' is not an array but uint256[] needs one",
                "f(uint256[])|[1][2]|args[0]|'[1][2]' is not an array but uint256[] needs one",
                // a bracket left open swallows the next argument: the count error names that argument instead
                "f(uint256[],address)|[1,2," + A35 + "|args[0]|is not a complete uint256[]: a '[' is not closed",
                "f((address a, uint256 b))|(" + A35 + ",x)|args[0].b|'x' is not an integer; uint256 takes",
                "f((uint256,bool)[])|[(1,maybe)]|args[0][0][1]|'maybe' is not a bool",
                "f((uint256,bool)[2])|[(1,true)]|args[0]|(uint256,bool)[2] needs exactly 2 elements, 1 given",
                "f(uint256,bool)|1|args|f(uint256,bool) takes 2 arguments (uint256, bool), 1 given"
            })
    void malformedArgumentsNameTheArgumentAndTheExpectedType(
            String signature, String text, String parameter, String message) {
        FunctionCallTest.assertRejected(
                signature, AbiArguments.splitArguments(text, "args"), "args", parameter, message);
    }

    @Test
    void aStaticTupleOfMoreThan32ComponentsIsRefusedWithTheReason() {
        String type = "(" + String.join(",", Collections.nCopies(33, "uint8")) + ")";
        String value = "(" + String.join(",", Collections.nCopies(33, "1")) + ")";
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> AbiArguments.convert(type, value, "args[0]"));
        assertEquals("args[0]", e.getParameter());
        assertTrue(
                e.getMessage()
                        .contains("cannot be encoded as " + type + ": Static arrays with a length greater than 32"),
                e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "uint|uint256",
                "address []|address[]",
                "(uint256,bool)[]|(uint256,bool)[]",
                "tuple(address owner, uint[] memory limits)[2]|(address,uint256[])[2]",
                "((uint8,bytes32),string)|((uint8,bytes32),string)"
            })
    void typesHaveACanonicalForm(String type, String canonical) {
        assertEquals(canonical, AbiArguments.canonicalType(type, "function"));
    }
}
