package io.kmsethereum.core.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.InvalidInputException;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.web3j.crypto.AccessListObject;
import org.web3j.crypto.RawTransaction;

/**
 * Offline, every field of the envelope must be given, and all missing ones are named at once;
 * a request built directly (as a library user does, without {@link TransactionInput}) meets the
 * same {@link TransactionRules} before it is encoded.
 */
class RawTransactionsTest {
    private static final String TO = "0x3535353535353535353535353535353535353535";
    private static final BigInteger GWEI = BigInteger.TEN.pow(9);
    private static final List<AccessListObject> ACCESS_LIST = List.of(new AccessListObject(TO, List.of()));

    private static TransactionRequest request(
            TransactionType type,
            Long chainId,
            Long nonce,
            Long gasLimit,
            BigInteger gasPrice,
            BigInteger maxFee,
            BigInteger maxPriority,
            List<AccessListObject> accessList) {
        return new TransactionRequest(
                type,
                chainId,
                nonce == null ? null : BigInteger.valueOf(nonce),
                TO,
                BigInteger.ONE,
                null,
                gasLimit == null ? null : BigInteger.valueOf(gasLimit),
                gasPrice,
                maxFee,
                maxPriority,
                accessList);
    }

    @Test
    void aCompleteRequestIsEncoded() {
        RawTransaction raw = RawTransactions.build(
                request(TransactionType.EIP1559, 1L, 7L, 21_000L, null, GWEI.multiply(BigInteger.TWO), GWEI, null));
        assertEquals(BigInteger.valueOf(7), raw.getNonce());
        assertEquals(TO, raw.getTo());
    }

    static Stream<Arguments> incomplete() {
        return Stream.of(
                Arguments.of(
                        request(TransactionType.EIP1559, 1L, null, null, null, GWEI, GWEI, null), "nonce, gasLimit"),
                Arguments.of(request(TransactionType.EIP1559, null, 7L, 21_000L, null, GWEI, GWEI, null), "chainId"),
                Arguments.of(
                        request(TransactionType.EIP1559, 1L, 7L, 21_000L, null, null, null, null),
                        "maxFeePerGas, maxPriorityFeePerGas"),
                Arguments.of(request(TransactionType.LEGACY, 1L, 7L, 21_000L, null, null, null, null), "gasPrice"),
                Arguments.of(
                        request(TransactionType.EIP2930, 1L, 7L, null, null, null, null, null), "gasLimit, gasPrice"));
    }

    @ParameterizedTest
    @MethodSource("incomplete")
    void everyMissingFieldIsNamedAtOnce(TransactionRequest request, String missing) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RawTransactions.build(request));
        assertEquals(missing, e.getParameter());
        assertTrue(
                e.getMessage().contains("required when signing offline (no 'rpcUrl'): set " + missing), e.getMessage());
    }

    static Stream<Arguments> inconsistent() {
        return Stream.of(
                Arguments.of(
                        request(TransactionType.EIP1559, 1L, 7L, 21_000L, null, GWEI, GWEI.add(BigInteger.ONE), null),
                        "maxPriorityFeePerGas"),
                Arguments.of(
                        request(TransactionType.LEGACY, 1L, 7L, 21_000L, GWEI, null, null, ACCESS_LIST), "accessList"),
                Arguments.of(request(TransactionType.LEGACY, 1L, 7L, 21_000L, GWEI, GWEI, null, null), "maxFeePerGas"),
                Arguments.of(request(TransactionType.EIP1559, 1L, 7L, 21_000L, GWEI, GWEI, GWEI, null), "gasPrice"),
                Arguments.of(request(TransactionType.EIP2930, 0L, 7L, 21_000L, GWEI, null, null, null), "chainId"));
    }

    @ParameterizedTest
    @MethodSource("inconsistent")
    void aRequestBuiltDirectlyMeetsTheSameRules(TransactionRequest request, String parameter) {
        assertEquals(
                parameter,
                assertThrows(InvalidInputException.class, () -> RawTransactions.toRawTransaction(request))
                        .getParameter());
    }
}
