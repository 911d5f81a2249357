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

    /**
     * keccak256 of the runtime code of {@code MultiSendCallOnly} 1.4.1: the Safe contracts 1.4.1
     * artifact's {@code deployedBytecode}, the {@code codeHash} safe-deployments gives for the
     * canonical address.
     */
    public static final String CALL_ONLY_1_4_1_CODE_HASH =
            "0xecd5bd14a08c5d2122379900b2f272bdf107a7e92423c10dd5fe3254386c9939";

    /**
     * keccak256 of the runtime code of {@code MultiSendCallOnly} 1.3.0: the {@code codeHash}
     * safe-deployments gives for its canonical and EIP-155 addresses.
     */
    public static final String CALL_ONLY_1_3_0_CODE_HASH =
            "0xa9865ac2d9c7a1591619b188c4d88167b50df6cc0c5327fcbd1c8c75f7c066ad";

    private MultiSend() {}

    /**
     * @param runtimeCode an address's runtime code ({@code eth_getCode})
     * @return whether it is the code of {@code MultiSendCallOnly} 1.3.0 or 1.4.1
     */
    public static boolean isCallOnly(byte[] runtimeCode) {
        String hash = Numeric.toHexString(org.web3j.crypto.Hash.sha3(runtimeCode));
        return hash.equals(CALL_ONLY_1_4_1_CODE_HASH) || hash.equals(CALL_ONLY_1_3_0_CODE_HASH);
    }

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
