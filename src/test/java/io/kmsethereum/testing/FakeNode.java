package io.kmsethereum.testing;

import io.kmsethereum.core.rpc.BlockHeader;
import io.kmsethereum.core.rpc.CallRequest;
import io.kmsethereum.core.rpc.NodeClient;
import io.kmsethereum.core.rpc.RpcErrorException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

/**
 * A scriptable {@link NodeClient} for unit tests: each method answers from a field that a test
 * sets (a value, or a function that may throw), and every call is recorded in {@link #calls}.
 */
public final class FakeNode implements NodeClient {
    /** Methods called, in order, e.g. {@code eth_chainId}. */
    public final List<String> calls = new ArrayList<>();

    public long chainId = 31337;
    public BigInteger pendingNonce = BigInteger.valueOf(7);
    public BigInteger balance = BigInteger.TEN.pow(18);
    public Function<CallRequest, BigInteger> estimateGas = call -> BigInteger.valueOf(21000);
    public Function<CallRequest, byte[]> call = c -> new byte[0];
    public Function<String, byte[]> code = address -> new byte[0];
    public BlockHeader latestBlock = new BlockHeader(
            BigInteger.valueOf(100), "0xb100", BigInteger.valueOf(1_000_000_000L), BigInteger.valueOf(30_000_000));
    public Supplier<BigInteger> blockNumber = () -> BigInteger.valueOf(100);
    public Supplier<BigInteger> maxPriorityFeePerGas = () -> BigInteger.valueOf(1_500_000_000L);
    public List<BigInteger> priorityFeeHistory = List.of();
    public BigInteger gasPrice = BigInteger.valueOf(2_000_000_000L);
    public Function<String, String> sendRawTransaction = raw -> null;
    public Function<String, Optional<TransactionReceipt>> receipt = hash -> Optional.empty();
    public java.util.function.Predicate<String> knowsTransaction = hash -> true;
    /** Nonce of the latest block for {@code eth_getTransactionCount latest}; the pending nonce when null. */
    public BigInteger latestNonce;
    /** The last call object given to eth_call. */
    public CallRequest lastCall;
    /** The block given to the last eth_call. */
    public BigInteger lastCallBlock;

    /**
     * @param method a JSON-RPC method
     * @param message the error message
     * @return an error as the node would answer
     */
    public static RpcErrorException error(String method, int code, String message, String data) {
        return new RpcErrorException("http://fake:8545", method, code, message, data);
    }

    @Override
    public String describe() {
        return "http://fake:8545";
    }

    @Override
    public long chainId() {
        calls.add("eth_chainId");
        return chainId;
    }

    @Override
    public BigInteger transactionCount(String address, String blockTag) {
        calls.add("eth_getTransactionCount " + blockTag);
        return "latest".equals(blockTag) && latestNonce != null ? latestNonce : pendingNonce;
    }

    @Override
    public BigInteger balance(String address, String blockTag) {
        calls.add("eth_getBalance " + blockTag);
        return balance;
    }

    @Override
    public BigInteger estimateGas(CallRequest c) {
        calls.add("eth_estimateGas");
        return estimateGas.apply(c);
    }

    @Override
    public byte[] call(CallRequest c, BigInteger block) {
        calls.add("eth_call");
        lastCall = c;
        lastCallBlock = block;
        return call.apply(c);
    }

    @Override
    public byte[] code(String address) {
        calls.add("eth_getCode");
        return code.apply(address);
    }

    @Override
    public BlockHeader latestBlock() {
        calls.add("eth_getBlockByNumber");
        return latestBlock;
    }

    @Override
    public BigInteger blockNumber() {
        calls.add("eth_blockNumber");
        return blockNumber.get();
    }

    @Override
    public BigInteger maxPriorityFeePerGas() {
        calls.add("eth_maxPriorityFeePerGas");
        return maxPriorityFeePerGas.get();
    }

    @Override
    public List<BigInteger> priorityFeeHistory(int blocks, double percentile) {
        calls.add("eth_feeHistory");
        return priorityFeeHistory;
    }

    @Override
    public BigInteger gasPrice() {
        calls.add("eth_gasPrice");
        return gasPrice;
    }

    @Override
    public String sendRawTransaction(String raw) {
        calls.add("eth_sendRawTransaction");
        return sendRawTransaction.apply(raw);
    }

    @Override
    public Optional<TransactionReceipt> receipt(String hash) {
        calls.add("eth_getTransactionReceipt");
        return receipt.apply(hash);
    }

    @Override
    public boolean knowsTransaction(String hash) {
        calls.add("eth_getTransactionByHash");
        return knowsTransaction.test(hash);
    }

    @Override
    public java.util.List<org.web3j.protocol.core.methods.response.Log> logs(
            String address, String topic0, long fromBlock) {
        return java.util.List.of(); // this fake models no events
    }

    @Override
    public void close() {
        calls.add("close");
    }

    /**
     * @param hash transaction hash
     * @param block block number
     * @param blockHash block hash
     * @param status {@code 0x1} or {@code 0x0}
     * @param gasUsed gas used
     * @return a receipt as web3j parses it
     */
    public static TransactionReceipt receipt(String hash, long block, String blockHash, String status, long gasUsed) {
        TransactionReceipt r = new TransactionReceipt();
        r.setTransactionHash(hash);
        r.setBlockNumber("0x" + Long.toHexString(block));
        r.setBlockHash(blockHash);
        r.setStatus(status);
        r.setGasUsed("0x" + Long.toHexString(gasUsed));
        r.setEffectiveGasPrice("0x3b9aca00");
        r.setFrom("0x1111111111111111111111111111111111111111");
        r.setTo("0x2222222222222222222222222222222222222222");
        return r;
    }
}
