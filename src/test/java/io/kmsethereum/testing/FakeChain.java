package io.kmsethereum.testing;

import io.kmsethereum.core.deploy.Create2;
import io.kmsethereum.core.rpc.BlockHeader;
import io.kmsethereum.core.rpc.CallRequest;
import io.kmsethereum.core.rpc.NodeClient;
import io.kmsethereum.core.rpc.RpcErrorException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Keys;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * An in-memory chain behind the {@link NodeClient} interface, for testing deployments without a
 * node: each raw transaction is decoded, "mined" at once into its own block and, when it creates
 * a contract (plainly or through the CREATE2 proxy), leaves code at the address the real rules
 * give (nonce-based, EIP-1014). Methods a deployment does not need throw.
 */
public final class FakeChain implements NodeClient {
    private static final byte[] RUNTIME = Numeric.hexStringToByteArray("0x6080604052");

    private final long chainId;
    private final Map<String, byte[]> code = new HashMap<>();
    private final Map<String, BigInteger> nonces = new HashMap<>();
    private final Map<String, TransactionReceipt> receipts = new HashMap<>();
    private final List<SignedRawTransaction> mined = new ArrayList<>();
    private long block = 1;
    private String revertReason;
    private boolean crashAfterBroadcast;
    private boolean loseBroadcast;
    private boolean holding;
    private final Map<String, String> held = new java.util.LinkedHashMap<>();
    private final Map<String, BigInteger> balances = new HashMap<>();
    private final List<String> balanceQueries = new ArrayList<>();

    /** The balance of every account unless {@link #setBalance} says otherwise: 1000 ether. */
    public static final BigInteger DEFAULT_BALANCE = BigInteger.TEN.pow(21);

    /**
     * @param chainId the chain id
     * @param withProxy whether the deterministic deployment proxy has code
     */
    public FakeChain(long chainId, boolean withProxy) {
        this.chainId = chainId;
        if (withProxy) {
            code.put(key(Create2.PROXY), Numeric.hexStringToByteArray("0x7fffffffffffffff"));
        }
    }

    /** @param reason constructors revert with {@code Error(reason)} from now on (null: they do not) */
    public void revertConstructors(String reason) {
        this.revertReason = reason;
    }

    /** The next broadcast reaches the node, then the caller "dies" (an exception). */
    public void crashAfterNextBroadcast() {
        this.crashAfterBroadcast = true;
    }

    /** The next broadcast is lost on the way (an exception; the node never sees it). */
    public void loseNextBroadcast() {
        this.loseBroadcast = true;
    }

    /** From now on transactions are accepted but not mined, until {@link #mineHeld()}. */
    public void hold() {
        this.holding = true;
    }

    /** Mines the transactions held so far and mines at once again from now on. */
    public void mineHeld() {
        holding = false;
        held.forEach((hash, raw) -> mine((SignedRawTransaction) TransactionDecoder.decode(raw), hash));
        held.clear();
    }

    /** @return the transactions mined so far */
    public List<SignedRawTransaction> mined() {
        return mined;
    }

    /** @param address an address whose code to remove (a chain reset) */
    public void wipe(String address) {
        code.remove(key(address));
    }

    @Override
    public String describe() {
        return "fake chain " + chainId;
    }

    @Override
    public long chainId() {
        return chainId;
    }

    @Override
    public BigInteger transactionCount(String address, String blockTag) {
        return nonces.getOrDefault(key(address), BigInteger.ZERO);
    }

    @Override
    public byte[] code(String address) {
        return code.getOrDefault(key(address), new byte[0]);
    }

    @Override
    public byte[] call(CallRequest call, BigInteger blockNumber) {
        if (call.to() == null && revertReason != null) {
            throw revert();
        }
        return new byte[0];
    }

    @Override
    public BigInteger estimateGas(CallRequest call) {
        if (revertReason != null) {
            // the proxy reverts without data when the constructor reverts
            throw call.to() == null
                    ? revert()
                    : new RpcErrorException(describe(), "eth_estimateGas", 3, "execution reverted", "0x");
        }
        return BigInteger.valueOf(500_000);
    }

    @Override
    public String sendRawTransaction(String rawTransactionHex) {
        if (loseBroadcast) {
            loseBroadcast = false;
            throw new IllegalStateException("connection reset (the node never saw the transaction)");
        }
        String hash = Numeric.toHexString(Hash.sha3(Numeric.hexStringToByteArray(rawTransactionHex)));
        if (holding) {
            held.put(hash, rawTransactionHex);
        } else if (!receipts.containsKey(hash)) {
            mine((SignedRawTransaction) TransactionDecoder.decode(rawTransactionHex), hash);
        }
        if (crashAfterBroadcast) {
            crashAfterBroadcast = false;
            throw new IllegalStateException("the build was killed after the broadcast");
        }
        return hash;
    }

    private void mine(SignedRawTransaction tx, String hash) {
        String from;
        try {
            from = tx.getFrom();
        } catch (java.security.SignatureException e) {
            throw new IllegalStateException(e);
        }
        BigInteger nonce = transactionCount(from, "latest");
        if (!tx.getNonce().equals(nonce)) {
            throw new RpcErrorException(describe(), "eth_sendRawTransaction", -32000, "nonce too low", null);
        }
        nonces.put(key(from), nonce.add(BigInteger.ONE));
        byte[] data = Numeric.hexStringToByteArray(tx.getData());
        String created = null;
        boolean ok = revertReason == null;
        if (tx.getTo() == null || tx.getTo().isEmpty() || tx.getTo().equals("0x")) {
            created = org.web3j.crypto.ContractUtils.generateContractAddress(from, nonce);
        } else if (Keys.toChecksumAddress(tx.getTo()).equals(Create2.PROXY)) {
            byte[] salt = java.util.Arrays.copyOf(data, 32);
            byte[] init = java.util.Arrays.copyOfRange(data, 32, data.length);
            String target = Create2.address(salt, init);
            ok = ok && code(target).length == 0;
            if (ok) {
                code.put(key(target), RUNTIME);
            }
        }
        if (created != null && ok) {
            code.put(key(created), RUNTIME);
        }
        block++;
        TransactionReceipt receipt = new TransactionReceipt();
        receipt.setTransactionHash(hash);
        receipt.setBlockNumber(Numeric.encodeQuantity(BigInteger.valueOf(block)));
        receipt.setBlockHash(
                Numeric.toHexString(Hash.sha3(BigInteger.valueOf(block).toByteArray())));
        receipt.setStatus(ok ? "0x1" : "0x0");
        receipt.setGasUsed("0x5208");
        receipt.setEffectiveGasPrice("0x3b9aca00");
        receipt.setFrom(from);
        receipt.setTo(created == null ? tx.getTo() : null);
        receipt.setContractAddress(created != null && ok ? created : null);
        receipts.put(hash, receipt);
        mined.add(tx);
    }

    @Override
    public Optional<TransactionReceipt> receipt(String transactionHash) {
        return Optional.ofNullable(receipts.get(transactionHash.toLowerCase(Locale.ROOT)));
    }

    @Override
    public boolean knowsTransaction(String transactionHash) {
        String hash = transactionHash.toLowerCase(Locale.ROOT);
        return receipts.containsKey(hash) || held.containsKey(hash);
    }

    @Override
    public BigInteger blockNumber() {
        return BigInteger.valueOf(block);
    }

    @Override
    public BlockHeader latestBlock() {
        return new BlockHeader(
                BigInteger.valueOf(block),
                "0x" + "00".repeat(32),
                BigInteger.valueOf(1_000_000_000L),
                BigInteger.valueOf(30_000_000));
    }

    @Override
    public BigInteger maxPriorityFeePerGas() {
        return BigInteger.valueOf(1_000_000_000L);
    }

    /**
     * @param address an account
     * @param wei its balance from now on (every account starts with {@link #DEFAULT_BALANCE});
     *     transactions do not change it
     */
    public void setBalance(String address, BigInteger wei) {
        balances.put(key(address), wei);
    }

    /** @return the block tags {@code eth_getBalance} was asked at, in order */
    public List<String> balanceQueries() {
        return balanceQueries;
    }

    @Override
    public BigInteger balance(String address, String blockTag) {
        balanceQueries.add(blockTag);
        return balances.getOrDefault(key(address), DEFAULT_BALANCE);
    }

    @Override
    public List<BigInteger> priorityFeeHistory(int blocks, double percentile) {
        throw new UnsupportedOperationException("priorityFeeHistory");
    }

    @Override
    public BigInteger gasPrice() {
        return BigInteger.valueOf(2_000_000_000L);
    }

    @Override
    public java.util.List<org.web3j.protocol.core.methods.response.Log> logs(
            String address, String topic0, long fromBlock) {
        return java.util.List.of(); // this fake models no events
    }

    @Override
    public void close() {
        // nothing to release
    }

    private RpcErrorException revert() {
        String data = org.web3j.abi.FunctionEncoder.encode(new org.web3j.abi.datatypes.Function(
                "Error", List.of(new org.web3j.abi.datatypes.Utf8String(revertReason)), List.of()));
        return new RpcErrorException(describe(), "eth_estimateGas", 3, "execution reverted: " + revertReason, data);
    }

    private static String key(String address) {
        return address.toLowerCase(Locale.ROOT);
    }
}
