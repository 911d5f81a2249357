package io.kmsethereum.core.tx;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.input.Amounts;
import io.kmsethereum.core.rpc.BlockHeader;
import io.kmsethereum.core.rpc.CallRequest;
import io.kmsethereum.core.rpc.NodeClient;
import io.kmsethereum.core.rpc.RpcErrorException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Completes a {@link TransactionRequest} from a JSON-RPC node, before anything is signed:
 * <ul>
 *   <li>chain id: {@code eth_chainId}; an explicit chain id that differs fails
 *       ({@link InvalidInputException} on {@code chainId})</li>
 *   <li>nonce: {@code eth_getTransactionCount(from, "pending")}</li>
 *   <li>gas limit: {@code eth_estimateGas} × the gas limit margin, rounded up, at most the latest
 *       block's gas limit; a call that would revert fails with its reason. For EIP-7702 the call
 *       object carries the signed {@code authorizationList}, so the node applies the delegations
 *       while it estimates and counts their intrinsic gas ({@code PER_EMPTY_ACCOUNT_COST} each;
 *       Anvil 1.7.1 does both)</li>
 *   <li>EIP-1559 fees (EIP-1559 "Specification"; EIP-7702 transactions alike): max priority fee per gas from
 *       {@code eth_maxPriorityFeePerGas}, or the median of the 50th-percentile rewards of the
 *       last {@value #FEE_HISTORY_BLOCKS} blocks from {@code eth_feeHistory}; max fee per gas =
 *       2 × the latest base fee + the max priority fee (room for six full blocks of base fee
 *       increases of 12.5 %)</li>
 *   <li>gas price (legacy, EIP-2930): {@code eth_gasPrice}</li>
 * </ul>
 * Fields that are set are kept; each filled one is reported in {@link FilledTransaction#fromNode()}.
 */
public final class TransactionFiller {
    /** The default gas limit margin: 20 % above the node's estimate. */
    public static final BigDecimal DEFAULT_GAS_LIMIT_MARGIN = new BigDecimal("1.2");
    /** Blocks asked from {@code eth_feeHistory} when {@code eth_maxPriorityFeePerGas} is missing. */
    public static final int FEE_HISTORY_BLOCKS = 10;

    private static final BigDecimal MAX_MARGIN = BigDecimal.valueOf(10);

    private final NodeClient node;
    private final BigDecimal gasLimitMargin;
    private final NonceAllocator nonces;

    /**
     * @param node the node
     * @param gasLimitMargin factor applied to {@code eth_estimateGas}, from 1.0 to 10
     * @throws InvalidInputException on {@code gasLimitMargin} outside that range
     */
    public TransactionFiller(NodeClient node, BigDecimal gasLimitMargin) {
        this(node, gasLimitMargin, null);
    }

    /**
     * @param node the node
     * @param gasLimitMargin factor applied to {@code eth_estimateGas}, from 1.0 to 10
     * @param nonces the build's allocator for this node, so parallel executions get distinct
     *     nonces; {@code null} takes the node's pending nonce as it is
     * @throws InvalidInputException on {@code gasLimitMargin} outside that range
     */
    public TransactionFiller(NodeClient node, BigDecimal gasLimitMargin, NonceAllocator nonces) {
        this.nonces = nonces;
        this.node = Objects.requireNonNull(node, "node");
        if (gasLimitMargin == null
                || gasLimitMargin.compareTo(BigDecimal.ONE) < 0
                || gasLimitMargin.compareTo(MAX_MARGIN) > 0) {
            throw new InvalidInputException(
                    "gasLimitMargin",
                    "must be between 1.0 (the estimate as it is) and 10, was " + gasLimitMargin + "; the default is "
                            + DEFAULT_GAS_LIMIT_MARGIN);
        }
        this.gasLimitMargin = gasLimitMargin;
    }

    /**
     * @param request the parsed request; {@code null} fields are filled
     * @param from the sending account (EIP-55), for the nonce and the gas estimate
     * @return the complete request and the notes on what the node supplied
     * @throws InvalidInputException if {@code chainId} differs from the node's, or the node's
     *     chain has no base fee and {@code txType} is EIP-1559
     * @throws TransactionRevertedException if the gas estimate finds that the call reverts
     * @throws TransactionRejectedException if the node cannot estimate gas for another reason
     *     (e.g. insufficient funds)
     */
    public FilledTransaction fill(TransactionRequest request, String from) {
        List<FilledTransaction.Field> notes = new ArrayList<>();
        long nodeChainId = checkChainId(request);
        Long chainId = request.chainId();
        if (chainId == null) {
            chainId = nodeChainId;
            notes.add(new FilledTransaction.Field("chainId", Long.toString(nodeChainId), "eth_chainId"));
        }
        BigInteger nonce = request.nonce();
        if (nonce == null) {
            nonce = allocateNonce(from, 1, notes);
        }
        BigInteger gasPrice = request.gasPriceWei();
        BigInteger maxFee = request.maxFeePerGasWei();
        BigInteger maxPriority = request.maxPriorityFeePerGasWei();
        BlockHeader latest = null;
        if (request.type().feeMarket()) {
            if (maxFee == null || maxPriority == null) {
                latest = node.latestBlock();
                if (latest.baseFeePerGas() == null) {
                    throw new InvalidInputException(
                            "txType",
                            "is " + request.type().id() + " but the chain at " + node.describe()
                                    + " has no base fee (its blocks predate EIP-1559); use txType legacy or eip2930");
                }
            }
            if (maxPriority == null) {
                PriorityFee fee = priorityFee();
                maxPriority = fee.wei();
                String source = fee.source();
                if (maxFee != null && maxPriority.compareTo(maxFee) > 0) {
                    maxPriority = maxFee;
                    source += ", capped at maxFeePerGas";
                }
                notes.add(new FilledTransaction.Field("maxPriorityFeePerGas", Amounts.format(maxPriority), source));
            }
            if (maxFee == null) {
                BigInteger base = latest.baseFeePerGas();
                maxFee = base.shiftLeft(1).add(maxPriority);
                notes.add(new FilledTransaction.Field(
                        "maxFeePerGas",
                        Amounts.format(maxFee),
                        "2 × base fee " + Amounts.format(base) + " of block " + latest.number()
                                + " + max priority fee"));
            }
        } else if (gasPrice == null) {
            gasPrice = node.gasPrice();
            notes.add(new FilledTransaction.Field("gasPrice", Amounts.format(gasPrice), "eth_gasPrice"));
        }
        BigInteger gasLimit = request.gasLimit();
        if (gasLimit == null) {
            BigInteger estimate = estimateGas(request, from);
            gasLimit = new BigDecimal(estimate)
                    .multiply(gasLimitMargin)
                    .setScale(0, RoundingMode.CEILING)
                    .toBigIntegerExact();
            String source = "eth_estimateGas " + estimate + " × "
                    + gasLimitMargin.stripTrailingZeros().toPlainString();
            if (latest == null) {
                latest = node.latestBlock();
            }
            if (latest.gasLimit() != null
                    && gasLimit.compareTo(latest.gasLimit()) > 0
                    && estimate.compareTo(latest.gasLimit()) <= 0) {
                gasLimit = latest.gasLimit();
                source += ", capped at the block gas limit";
            }
            notes.add(new FilledTransaction.Field("gasLimit", gasLimit.toString(), source));
        }
        TransactionRequest filled = request.withFields(chainId, nonce, gasLimit, gasPrice, maxFee, maxPriority);
        return new FilledTransaction(filled, notes);
    }

    /**
     * Fills only the nonce, for a transaction that needs it before the rest: a self-sponsored
     * EIP-7702 transaction, whose sender signs an authorization for the nonce after it before the
     * gas can be estimated. {@link #fill} then keeps it.
     *
     * @param request the parsed request; a set nonce is kept
     * @param from the sending account
     * @param count how many consecutive nonces of {@code from} the transaction uses (2 when its
     *     sender authorizes too), so that parallel executions skip them all
     * @return the request with its nonce, and the note on it when it came from the node
     */
    public FilledTransaction fillNonce(TransactionRequest request, String from, int count) {
        if (request.nonce() != null) {
            return new FilledTransaction(request, List.of());
        }
        List<FilledTransaction.Field> notes = new ArrayList<>();
        return new FilledTransaction(request.withNonce(allocateNonce(from, count, notes)), notes);
    }

    private BigInteger allocateNonce(String from, int count, List<FilledTransaction.Field> notes) {
        BigInteger pending = node.transactionCount(from, "pending");
        BigInteger nonce = nonces == null ? pending : nonces.allocate(from, pending, count);
        notes.add(new FilledTransaction.Field(
                "nonce",
                nonce.toString(),
                nonce.equals(pending)
                        ? "eth_getTransactionCount, pending"
                        : "eth_getTransactionCount, pending, was " + pending + "; " + nonce.subtract(pending)
                                + " taken by earlier executions of this build"));
        return nonce;
    }

    /**
     * Asks the node for its chain id ({@code eth_chainId}) and compares it with the request's.
     * Needs no account, so callers can run it before the key is resolved.
     *
     * @param request the parsed request
     * @return the node's chain id
     * @throws InvalidInputException if the request has a chain id and it differs
     */
    public long checkChainId(TransactionRequest request) {
        return checkChainId(request.chainId(), node);
    }

    /**
     * The one chain id rule of every goal that talks to a node: a configured chain id must be
     * the node's ({@code eth_chainId}, EIP-695).
     *
     * @param chainId the configured chain id, or {@code null}
     * @param node the node
     * @return the node's chain id
     * @throws InvalidInputException ({@code chainId}) if they differ
     */
    public static long checkChainId(Long chainId, NodeClient node) {
        long nodeChainId = node.chainId();
        if (chainId != null && chainId != nodeChainId) {
            throw new InvalidInputException(
                    "chainId",
                    "is " + chainId + " but the node at " + node.describe()
                            + " is on chain id " + nodeChainId + " (eth_chainId). Nothing was signed. Set chainId to "
                            + nodeChainId
                            + " (or remove it to take it from the node), or point rpcUrl at a node of chain "
                            + chainId);
        }
        return nodeChainId;
    }

    private record PriorityFee(BigInteger wei, String source) {}

    private PriorityFee priorityFee() {
        try {
            return new PriorityFee(node.maxPriorityFeePerGas(), "eth_maxPriorityFeePerGas");
        } catch (RpcErrorException e) {
            if (!e.isMethodUnsupported()) {
                throw e;
            }
        }
        List<BigInteger> rewards;
        try {
            rewards = new ArrayList<>(node.priorityFeeHistory(FEE_HISTORY_BLOCKS, 50));
        } catch (RpcErrorException e) {
            if (!e.isMethodUnsupported()) {
                throw e;
            }
            rewards = new ArrayList<>();
        }
        if (rewards.isEmpty()) {
            throw new InvalidInputException(
                    "maxPriorityFeePerGas",
                    "is not set and the node at " + node.describe()
                            + " answers neither eth_maxPriorityFeePerGas nor eth_feeHistory with rewards; set maxPriorityFeePerGas, e.g. 1.5 gwei");
        }
        Collections.sort(rewards);
        BigInteger median = rewards.get(rewards.size() / 2);
        return new PriorityFee(
                median, "median of eth_feeHistory 50th-percentile rewards, last " + FEE_HISTORY_BLOCKS + " blocks");
    }

    private BigInteger estimateGas(TransactionRequest request, String from) {
        CallRequest call = new CallRequest(
                from,
                request.to(),
                request.valueWei(),
                request.data(),
                null,
                request.accessList(),
                request.authorizationList().stream()
                        .map(a -> {
                            Map<String, String> json = new LinkedHashMap<>(a.toJson());
                            json.remove("authority"); // the node's object: the tuple only
                            return json;
                        })
                        .toList());
        try {
            return node.estimateGas(call);
        } catch (RpcErrorException e) {
            if (RevertReasons.isRevert(e)) {
                String reason = RevertReasons.reason(e);
                throw new TransactionRevertedException(
                        "The transaction would revert"
                                + (reason == null ? " (the node gave no reason)" : ": " + reason)
                                + ". The node found this while estimating gas (eth_estimateGas at " + node.describe()
                                + "); nothing was signed or sent. Check to, data or function/arguments, value and the state of "
                                + from + "; to send it anyway, set gasLimit",
                        reason,
                        null,
                        e);
            }
            throw NodeErrors.forEstimate(e, request, from, node);
        }
    }
}
