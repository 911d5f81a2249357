package io.kmsethereum.core.rpc;

import io.kmsethereum.core.KmsEthereumException;

/**
 * The node answered a JSON-RPC request with an error object (JSON-RPC 2.0, section 5.1). Callers
 * that know what the request meant turn this into a message that says what to change
 * (see {@code io.kmsethereum.core.tx.NodeErrors}).
 */
public class RpcErrorException extends KmsEthereumException {
    private static final long serialVersionUID = 1L;

    private final String method;
    private final int code;
    private final String rpcMessage;
    private final String data;

    /**
     * @param node the node, redacted
     * @param method the JSON-RPC method, e.g. {@code eth_sendRawTransaction}
     * @param code the error code (e.g. -32000; 3 for reverts in geth and Anvil)
     * @param rpcMessage the node's message
     * @param data the error's {@code data} as text (for reverts: the revert data as hex), or
     *     {@code null}
     */
    public RpcErrorException(String node, String method, int code, String rpcMessage, String data) {
        super(
                Fault.ENVIRONMENT,
                "The node at " + node + " answered " + method + " with error " + code + ": " + rpcMessage);
        this.method = method;
        this.code = code;
        this.rpcMessage = rpcMessage == null ? "" : rpcMessage;
        this.data = data;
    }

    /** @return the JSON-RPC method */
    public String method() {
        return method;
    }

    /** @return the JSON-RPC error code */
    public int code() {
        return code;
    }

    /** @return the node's error message (never {@code null}) */
    public String rpcMessage() {
        return rpcMessage;
    }

    /** @return the error data as text, or {@code null} */
    public String data() {
        return data;
    }

    /**
     * @return whether the node says the method does not exist or is not supported (code
     *     -32601, or a message saying so)
     */
    public boolean isMethodUnsupported() {
        String m = rpcMessage.toLowerCase(java.util.Locale.ROOT);
        return code == -32601
                || m.contains("not found")
                || m.contains("not supported")
                || m.contains("unsupported")
                || m.contains("does not exist")
                || m.contains("not available");
    }
}
