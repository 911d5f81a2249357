package io.kmsethereum.core.safe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;

/**
 * Known answers of the SafeTx EIP-712 hash, computed independently with
 * {@code calculateSafeTransactionHash} of {@code @safe-global/protocol-kit} 8.0.7
 * ({@code src/test/resources/safe/protocol-kit-check.cjs}, mode {@code hash}); the on-chain
 * {@code getTransactionHash} of a Safe 1.4.1 is compared in {@code SafeIT}.
 */
class SafeTransactionTest {
    private static final String ZERO = SafeTransaction.ZERO_ADDRESS;

    @Test
    void typeHashesAreThoseOfTheSafeContracts() {
        // the constants SAFE_TX_TYPEHASH and DOMAIN_SEPARATOR_TYPEHASH of Safe.sol 1.3.0 and 1.4.1
        assertEquals(
                "0xbb8310d486368db6bd6f849402fdd73ad53d316b5a4b2644ad6efe0f941286d8",
                Numeric.toHexString(SafeTransaction.SAFE_TX_TYPEHASH));
        assertEquals(
                "0x47e79534a245952e8b16893a336b85a3d9ea9fa8c573f3d803afb92a79469218",
                Numeric.toHexString(SafeTransaction.DOMAIN_SEPARATOR_TYPEHASH));
    }

    @Test
    void aCallWithValueAndDataHashesAsProtocolKitComputesIt() {
        SafeTransaction tx = new SafeTransaction(
                "0x1111111111111111111111111111111111111111",
                new BigInteger("1000000000000000000"),
                "0x552410770000000000000000000000000000000000000000000000000000000000000007",
                SafeTransaction.CALL,
                BigInteger.ZERO,
                BigInteger.ZERO,
                BigInteger.ZERO,
                ZERO,
                ZERO,
                BigInteger.valueOf(5));
        assertEquals(
                "0x3db5d28e2412e53ccf85fa253a1c2492a11fbe3a36ad8bc58d316513e64addbd",
                tx.hashHex(31337, "0x5afe0000000000000000000000000000000005af"));
    }

    @Test
    void everyFieldCountsDelegatecallRefundFieldsLargeChainIdAndMaximalNonce() {
        SafeTransaction tx = new SafeTransaction(
                "0x40A2aCCbd92BCA938b02010E17A5b8929b49130D",
                BigInteger.ZERO,
                "0x",
                SafeTransaction.DELEGATECALL,
                BigInteger.valueOf(50000),
                BigInteger.valueOf(21000),
                BigInteger.valueOf(1000000000),
                "0x2222222222222222222222222222222222222222",
                "0x3333333333333333333333333333333333333333",
                BigInteger.TWO.pow(256).subtract(BigInteger.ONE));
        assertEquals(
                "0xdc0eaf4a5ec146b60ec32e903f36d85a1c568fa8310829109832f1a78f16404a",
                tx.hashHex(11155111, "0xa0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9"));
    }
}
