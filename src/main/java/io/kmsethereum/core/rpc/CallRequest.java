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
 * @param authorizationList EIP-7702 signed authorizations as JSON-RPC objects ({@code chainId},
 *     {@code address}, {@code nonce}, {@code yParity}, {@code r}, {@code s}); never {@code null}
 */
public record CallRequest(
        String from,
        String to,
        BigInteger valueWei,
        byte[] data,
        BigInteger gasLimit,
        List<AccessListObject> accessList,
        List<Map<String, String>> authorizationList) {

    /** Normalises {@code null} value, data, access list and authorization list. */
    public CallRequest {
        valueWei = valueWei == null ? BigInteger.ZERO : valueWei;
        data = data == null ? new byte[0] : data;
        accessList = accessList == null ? List.of() : List.copyOf(accessList);
        authorizationList = authorizationList == null ? List.of() : List.copyOf(authorizationList);
    }

    /**
     * A call without authorizations.
     *
     * @param from sender address
     * @param to recipient, or {@code null} for contract creation
     * @param valueWei amount in wei
     * @param data calldata or init code
     * @param gasLimit gas limit, or {@code null}
     * @param accessList EIP-2930 access list
     */
    public CallRequest(
            String from,
            String to,
            BigInteger valueWei,
            byte[] data,
            BigInteger gasLimit,
            List<AccessListObject> accessList) {
        this(from, to, valueWei, data, gasLimit, accessList, List.of());
    }

    /**
     * @return the JSON-RPC call object (quantities as {@code 0x} hex; {@code accessList} and
     *     {@code authorizationList} only when non-empty)
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
        if (!authorizationList.isEmpty()) {
            json.put("authorizationList", authorizationList);
        }
        return json;
    }
}
