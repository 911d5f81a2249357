package io.kmsethereum.core.safe;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.utils.Numeric;

/**
 * A batch of calls as one Safe transaction through the Safe library {@code MultiSendCallOnly}:
 * the Safe DELEGATECALLs {@code multiSend(bytes transactions)}, which makes each call in turn
 * from the Safe and reverts them all if one fails. {@code transactions} is the packed
 * concatenation, per call, of {@code operation} (uint8, always 0: {@code MultiSendCallOnly}
 * refuses delegate calls), {@code to} (20 bytes), {@code value} (uint256), the data's length
 * (uint256) and the data (the encoding {@code MultiSendCallOnly.sol} of the Safe contracts 1.3.0
 * and 1.4.1 decodes).
 */
public final class MultiSend {
    /** The canonical {@code MultiSendCallOnly} of the Safe contracts 1.4.1 (safe-deployments). */
    public static final String CALL_ONLY_1_4_1 = "0x9641d764fc13c8B624c04430C7356C1C7C8102e2";

    /** The canonical {@code MultiSendCallOnly} of the Safe contracts 1.3.0 (safe-deployments). */
    public static final String CALL_ONLY_1_3_0 = "0x40A2aCCbd92BCA938b02010E17A5b8929b49130D";

    private MultiSend() {}

    /**
     * One call of a batch.
     *
     * @param to the target, 20 bytes as {@code 0x} hex
     * @param value wei sent with the call
     * @param data the calldata
     */
    public record Call(String to, BigInteger value, byte[] data) {}

    /**
     * @param calls the calls, in order
     * @return the packed {@code transactions} argument
     */
    public static byte[] pack(List<Call> calls) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Call call : calls) {
            out.write(SafeTransaction.CALL);
            out.writeBytes(Numeric.hexStringToByteArray(call.to()));
            out.writeBytes(Numeric.toBytesPadded(call.value(), 32));
            out.writeBytes(Numeric.toBytesPadded(BigInteger.valueOf(call.data().length), 32));
            out.writeBytes(call.data());
        }
        return out.toByteArray();
    }

    /**
     * @param calls the calls, in order
     * @return the calldata of {@code multiSend(bytes)} with the packed calls
     */
    public static byte[] encode(List<Call> calls) {
        Function multiSend = new Function("multiSend", List.of(new DynamicBytes(pack(calls))), List.of());
        return Numeric.hexStringToByteArray(FunctionEncoder.encode(multiSend));
    }
}
