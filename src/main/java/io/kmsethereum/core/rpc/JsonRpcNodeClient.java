package io.kmsethereum.core.rpc;

import io.kmsethereum.core.ServiceUnavailableException;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthBlockNumber;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthChainId;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthFeeHistory;
import org.web3j.protocol.core.methods.response.EthGasPrice;
import org.web3j.protocol.core.methods.response.EthGetBalance;
import org.web3j.protocol.core.methods.response.EthGetCode;
import org.web3j.protocol.core.methods.response.EthGetTransactionCount;
import org.web3j.protocol.core.methods.response.EthGetTransactionReceipt;
import org.web3j.protocol.core.methods.response.EthMaxPriorityFeePerGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.EthTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * {@link NodeClient} over HTTP(S) with web3j's {@link HttpService} and response types. The
 * OkHttp client is built here without web3j's logging interceptor, so not even debug logging
 * prints the URL or request bodies. User info in the URL ({@code https://user:secret@host/})
 * becomes an HTTP Basic {@code Authorization} header.
 */
public final class JsonRpcNodeClient implements NodeClient {
    private final String url;
    private final String described;
    private final HttpService service;
    private volatile Long chainId;

    /**
     * @param uri the endpoint, checked by {@link RpcUrls#parse}
     * @param timeout time limit for one HTTP request (connect, read and write each)
     */
    public JsonRpcNodeClient(URI uri, Duration timeout) {
        this.url = uri.toString();
        this.described = RpcUrls.redact(uri);
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .build();
        this.service = new HttpService(url, http);
        if (uri.getRawUserInfo() != null) {
            String userInfo = URLDecoder.decode(uri.getRawUserInfo(), StandardCharsets.UTF_8);
            service.addHeader(
                    "Authorization",
                    "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Override
    public String describe() {
        return described;
    }

    @Override
    public long chainId() {
        // a node's chain id does not change while a goal runs: ask once per client
        Long known = chainId;
        if (known == null) {
            known = send("eth_chainId", List.of(), EthChainId.class)
                    .getChainId()
                    .longValueExact();
            chainId = known;
        }
        return known;
    }

    @Override
    public BigInteger transactionCount(String address, String blockTag) {
        return send("eth_getTransactionCount", List.of(address, blockTag), EthGetTransactionCount.class)
                .getTransactionCount();
    }

    @Override
    public BigInteger balance(String address, String blockTag) {
        return send("eth_getBalance", List.of(address, blockTag), EthGetBalance.class)
                .getBalance();
    }

    @Override
    public BigInteger estimateGas(CallRequest call) {
        return send("eth_estimateGas", List.of(call.toJson()), EthEstimateGas.class)
                .getAmountUsed();
    }

    @Override
    public byte[] call(CallRequest call, BigInteger blockNumber) {
        String block = blockNumber == null ? "latest" : Numeric.encodeQuantity(blockNumber);
        String value =
                send("eth_call", List.of(call.toJson(), block), EthCall.class).getValue();
        return value == null ? new byte[0] : Numeric.hexStringToByteArray(value);
    }

    @Override
    public byte[] code(String address) {
        String code = send("eth_getCode", List.of(address, "latest"), EthGetCode.class)
                .getCode();
        return code == null ? new byte[0] : Numeric.hexStringToByteArray(code);
    }

    @Override
    public BlockHeader latestBlock() {
        EthBlock.Block block = send("eth_getBlockByNumber", List.of("latest", false), EthBlock.class)
                .getBlock();
        if (block == null) {
            throw new ServiceUnavailableException("The node at " + described + " returned no latest block", null);
        }
        BigInteger baseFee = block.getBaseFeePerGasRaw() == null ? null : block.getBaseFeePerGas();
        return new BlockHeader(block.getNumber(), block.getHash(), baseFee, block.getGasLimit());
    }

    @Override
    public BigInteger blockNumber() {
        return send("eth_blockNumber", List.of(), EthBlockNumber.class).getBlockNumber();
    }

    @Override
    public BigInteger maxPriorityFeePerGas() {
        return send("eth_maxPriorityFeePerGas", List.of(), EthMaxPriorityFeePerGas.class)
                .getMaxPriorityFeePerGas();
    }

    @Override
    public List<BigInteger> priorityFeeHistory(int blocks, double percentile) {
        EthFeeHistory.FeeHistory history = send(
                        "eth_feeHistory",
                        List.of(
                                Numeric.encodeQuantity(BigInteger.valueOf(blocks)),
                                "latest",
                                List.of(BigDecimal.valueOf(percentile))),
                        EthFeeHistory.class)
                .getFeeHistory();
        List<BigInteger> fees = new ArrayList<>();
        if (history != null && history.getReward() != null) {
            for (List<BigInteger> perBlock : history.getReward()) {
                if (perBlock != null && !perBlock.isEmpty() && perBlock.get(0) != null) {
                    fees.add(perBlock.get(0));
                }
            }
        }
        return fees;
    }

    @Override
    public BigInteger gasPrice() {
        return send("eth_gasPrice", List.of(), EthGasPrice.class).getGasPrice();
    }

    @Override
    public String sendRawTransaction(String rawTransactionHex) {
        return send("eth_sendRawTransaction", List.of(rawTransactionHex), EthSendTransaction.class)
                .getTransactionHash();
    }

    @Override
    public Optional<TransactionReceipt> receipt(String transactionHash) {
        return send("eth_getTransactionReceipt", List.of(transactionHash), EthGetTransactionReceipt.class)
                .getTransactionReceipt();
    }

    @Override
    public boolean knowsTransaction(String transactionHash) {
        return send("eth_getTransactionByHash", List.of(transactionHash), EthTransaction.class)
                .getTransaction()
                .isPresent();
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            // nothing to do: connections are released anyway
        }
    }

    @Override
    public List<org.web3j.protocol.core.methods.response.Log> logs(String address, String topic0, long fromBlock) {
        java.util.Map<String, Object> filter = new java.util.LinkedHashMap<>();
        filter.put("address", address);
        filter.put("topics", List.of(topic0));
        filter.put("fromBlock", org.web3j.utils.Numeric.encodeQuantity(BigInteger.valueOf(fromBlock)));
        filter.put("toBlock", "latest");
        List<org.web3j.protocol.core.methods.response.EthLog.LogResult> results = send(
                        "eth_getLogs", List.of(filter), org.web3j.protocol.core.methods.response.EthLog.class)
                .getLogs();
        return results.stream()
                .map(r -> (org.web3j.protocol.core.methods.response.Log) r.get())
                .toList();
    }

    private <T extends Response<?>> T send(String method, List<?> params, Class<T> type) {
        T response;
        try {
            response = new Request<>(method, params, service, type).send();
        } catch (IOException | RuntimeException e) {
            String detail = e.getMessage() == null
                    ? e.getClass().getSimpleName()
                    : e.getMessage().replace(url, described);
            throw new ServiceUnavailableException(
                    "The Ethereum node at " + described + " did not answer " + method + " (" + detail
                            + "). Check rpcUrl and that the node is running and reachable",
                    e);
        }
        if (response == null) {
            throw new ServiceUnavailableException(
                    "The Ethereum node at " + described + " sent no answer to " + method, null);
        }
        if (response.hasError()) {
            Response.Error error = response.getError();
            throw new RpcErrorException(described, method, error.getCode(), error.getMessage(), error.getData());
        }
        return response;
    }
}
