package io.kmsethereum.core.rpc;

import io.kmsethereum.core.input.AccessLists;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.crypto.AccessListObject;
import org.web3j.utils.Numeric;

/**
 * A message call as {@code eth_call} and {@code eth_estimateGas} take it (execution-apis
 * {@code GenericTransaction}).
 *
 * @param from sender address
 * @param to recipient, or {@code null} for contract creation
 * @param valueWei amount in wei
 * @param data calldata or init code (never {@code null})
 * @param gasLimit gas limit, or {@code null} to let the node choose
 * @param accessList EIP-2930 access list (never {@code null})
 */
public record CallRequest(
        String from,
        String to,
        BigInteger valueWei,
        byte[] data,
        BigInteger gasLimit,
        List<AccessListObject> accessList) {

    /** Normalises {@code null} value, data and access list. */
    public CallRequest {
        valueWei = valueWei == null ? BigInteger.ZERO : valueWei;
        data = data == null ? new byte[0] : data;
        accessList = accessList == null ? List.of() : List.copyOf(accessList);
    }

    /**
     * @return the JSON-RPC call object (quantities as {@code 0x} hex; {@code accessList} only
     *     when non-empty)
     */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("from", from);
        if (to != null) {
            json.put("to", to);
        }
        json.put("value", Numeric.encodeQuantity(valueWei));
        json.put("data", Numeric.toHexString(data));
        if (gasLimit != null) {
            json.put("gas", Numeric.encodeQuantity(gasLimit));
        }
        if (!accessList.isEmpty()) {
            json.put("accessList", AccessLists.toJson(accessList));
        }
        return json;
    }
}
