package io.kmsethereum.core.safe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.utils.Numeric;

/**
 * The MultiSendCallOnly batch encoding against {@code encodeMultiSendData} of
 * {@code @safe-global/protocol-kit} 8.0.7 ({@code protocol-kit-check.cjs}, mode
 * {@code multisend}).
 */
class MultiSendTest {
    private static final List<MultiSend.Call> CALLS = List.of(
            new MultiSend.Call(
                    "0x1111111111111111111111111111111111111111",
                    BigInteger.ZERO,
                    Numeric.hexStringToByteArray("0xd09de08a")),
            new MultiSend.Call("0x2222222222222222222222222222222222222222", BigInteger.valueOf(1000), new byte[0]),
            new MultiSend.Call(
                    "0x3333333333333333333333333333333333333333",
                    BigInteger.ZERO,
                    Numeric.hexStringToByteArray(
                            "0x552410770000000000000000000000000000000000000000000000000000000000000007")));

    private static final String PACKED = "0x"
            + "00" + "1111111111111111111111111111111111111111"
            + "0000000000000000000000000000000000000000000000000000000000000000"
            + "0000000000000000000000000000000000000000000000000000000000000004" + "d09de08a"
            + "00" + "2222222222222222222222222222222222222222"
            + "00000000000000000000000000000000000000000000000000000000000003e8"
            + "0000000000000000000000000000000000000000000000000000000000000000"
            + "00" + "3333333333333333333333333333333333333333"
            + "0000000000000000000000000000000000000000000000000000000000000000"
            + "0000000000000000000000000000000000000000000000000000000000000024"
            + "552410770000000000000000000000000000000000000000000000000000000000000007";

    @Test
    void packsEachCallAsOperationToValueLengthDataLikeProtocolKit() {
        assertEquals(PACKED, Numeric.toHexString(MultiSend.pack(CALLS)));
    }

    @Test
    void theCalldataIsMultiSendOfThePackedBytes() {
        String packed = Numeric.cleanHexPrefix(PACKED);
        int length = packed.length() / 2;
        String padded = packed + "0".repeat((64 - packed.length() % 64) % 64);
        // selector of multiSend(bytes), offset 0x20, length, the bytes padded to 32
        assertEquals(
                "0x8d80ff0a"
                        + "0000000000000000000000000000000000000000000000000000000000000020"
                        + Numeric.toHexStringNoPrefixZeroPadded(BigInteger.valueOf(length), 64)
                        + padded,
                Numeric.toHexString(MultiSend.encode(CALLS)));
    }
}
