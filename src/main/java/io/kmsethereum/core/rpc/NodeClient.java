package io.kmsethereum.core.rpc;

import io.kmsethereum.core.ServiceUnavailableException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * The Ethereum JSON-RPC methods the plugin needs (execution-apis specification), one method per
 * call. Implemented over HTTP by {@link JsonRpcNodeClient}; tests substitute fakes.
 *
 * <p>Every method throws {@link ServiceUnavailableException} when the node cannot be reached or
 * answers with something that is not JSON-RPC, and {@link RpcErrorException} when it answers
 * with a JSON-RPC error.
 */
public interface NodeClient extends AutoCloseable {

    /** @return the node's URL, redacted for logs and messages ({@link RpcUrls#redact}) */
    String describe();

    /** @return {@code eth_chainId} */
    long chainId();

    /**
     * @param address an account
     * @param blockTag {@code pending} or {@code latest}
     * @return {@code eth_getTransactionCount}: the next nonce
     */
    BigInteger transactionCount(String address, String blockTag);

    /**
     * @param address an account
     * @param blockTag {@code pending} or {@code latest}
     * @return {@code eth_getBalance} at that block, in wei (a node without a pending state
     *     answers {@code pending} with the latest block's balance)
     */
    BigInteger balance(String address, String blockTag);

    /**
     * @param call the call, {@code gasLimit} usually {@code null}
     * @return {@code eth_estimateGas} at {@code latest}
     * @throws RpcErrorException when the call reverts (code 3 with the revert data) or cannot
     *     be paid
     */
    BigInteger estimateGas(CallRequest call);

    /**
     * @param call the call
     * @param blockNumber the block whose state to run against, or {@code null} for {@code latest}
     * @return {@code eth_call}: the return data
     * @throws RpcErrorException when the call reverts (with the revert data where the node
     *     gives it)
     */
    byte[] call(CallRequest call, BigInteger blockNumber);

    /**
     * @param address an account
     * @return {@code eth_getCode} at {@code latest}: the account's runtime code, empty for an
     *     account without code
     */
    byte[] code(String address);

    /** @return {@code eth_getBlockByNumber("latest", false)} */
    BlockHeader latestBlock();

    /** @return {@code eth_blockNumber} */
    BigInteger blockNumber();

    /** @return {@code eth_maxPriorityFeePerGas} in wei (not every node has it) */
    BigInteger maxPriorityFeePerGas();

    /**
     * @param blocks how many recent blocks
     * @param percentile the reward percentile, 0 to 100
     * @return {@code eth_feeHistory(blocks, latest, [percentile])}: one priority fee per block,
     *     in wei (empty when the node reports none)
     */
    List<BigInteger> priorityFeeHistory(int blocks, double percentile);

    /** @return {@code eth_gasPrice} in wei */
    BigInteger gasPrice();

    /**
     * @param rawTransactionHex the signed raw transaction, {@code 0x} hex
     * @return {@code eth_sendRawTransaction}: the transaction hash
     */
    String sendRawTransaction(String rawTransactionHex);

    /**
     * @param transactionHash a transaction hash
     * @return {@code eth_getTransactionReceipt}, empty while the transaction is not mined
     */
    Optional<TransactionReceipt> receipt(String transactionHash);

    /**
     * @param transactionHash a transaction hash
     * @return whether {@code eth_getTransactionByHash} finds it (pending in the node's pool, or
     *     mined); {@code false} means the node has never seen it or has dropped it
     */
    boolean knowsTransaction(String transactionHash);

    /**
     * {@code eth_getLogs} of one contract's event from a block to the latest block.
     *
     * @param address the contract, {@code 0x} hex
     * @param topic0 the event's signature hash (keccak256 of its signature), {@code 0x} hex
     * @param fromBlock the first block to search (0: the genesis block)
     * @return the logs, in chain order
     * @throws RpcErrorException if the node refuses, e.g. a block range larger than it serves
     * @throws ServiceUnavailableException if the node cannot be reached
     * @since 0.1.0
     */
    List<org.web3j.protocol.core.methods.response.Log> logs(String address, String topic0, long fromBlock);

    /** Releases HTTP connections; the client must not be used afterwards. */
    @Override
    void close();
}
