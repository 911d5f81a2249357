package io.kmsethereum.maven;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.rpc.JsonRpcNodeClient;
import io.kmsethereum.core.rpc.NodeClient;
import io.kmsethereum.core.rpc.RpcUrls;
import io.kmsethereum.core.signer.KmsSigner;
import io.kmsethereum.core.tx.FilledTransaction;
import io.kmsethereum.core.tx.NonceAllocator;
import io.kmsethereum.core.tx.OfflineTransactions;
import io.kmsethereum.core.tx.SignedTransaction;
import io.kmsethereum.core.tx.TransactionFiller;
import io.kmsethereum.core.tx.TransactionInput;
import io.kmsethereum.core.tx.TransactionRequest;
import io.kmsethereum.core.tx.TransactionSender;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.web3j.crypto.RawTransaction;

/**
 * Base of the goals that sign and send transactions: the fee, gas and nonce parameters, the
 * node ({@code rpcUrl}) and how to wait for receipts. Subclasses add what the transaction does
 * ({@code to}, {@code value}, calldata) and call, in this order, {@link #transactionRequest},
 * {@link #openNode}, {@link #checkBeforeKms} (all before the key is touched), {@code signer()},
 * {@link #fillFromNode}, {@link #sign} and {@link #sender}.
 */
public abstract class AbstractTransactionMojo extends AbstractKmsMojo {
    /** Raw transactions up to this many bytes are logged in full at info level. */
    private static final int RAW_LOG_LIMIT = 1024;

    /**
     * Transaction type: {@code eip1559} (default), {@code eip2930} or {@code legacy} (EIP-155).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.txType", defaultValue = "eip1559")
    protected String txType;

    /**
     * Chain id (EIP-155), decimal or {@code 0x} hex. Required offline; with {@code rpcUrl} taken
     * from {@code eth_chainId}, and when set it must equal the node's.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.chainId")
    protected String chainId;

    /**
     * Account nonce. Required offline; with {@code rpcUrl} the pending nonce of the key's address.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.nonce")
    protected String nonce;

    /**
     * Gas limit. Required offline; with {@code rpcUrl} the node's {@code eth_estimateGas} times
     * {@code gasLimitMargin}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.gasLimit")
    protected String gasLimit;

    /**
     * EIP-1559 max fee per gas, with a unit ({@code 30 gwei}); bare integers are wei. With
     * {@code rpcUrl}: 2 × the latest base fee + the max priority fee.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.maxFeePerGas")
    protected String maxFeePerGas;

    /**
     * EIP-1559 max priority fee per gas, with a unit ({@code 1.5 gwei}); bare integers are wei.
     * With {@code rpcUrl}: {@code eth_maxPriorityFeePerGas}, else the median reward of
     * {@code eth_feeHistory}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.maxPriorityFeePerGas")
    protected String maxPriorityFeePerGas;

    /**
     * Gas price for legacy and EIP-2930 transactions, with a unit; bare integers are wei. With
     * {@code rpcUrl}: {@code eth_gasPrice}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.gasPrice")
    protected String gasPrice;

    /**
     * EIP-2930 access list for {@code eip2930} and {@code eip1559} transactions, as JSON:
     * <code>[&#123;"address": "0x…", "storageKeys": ["0x…"]&#125;]</code> (the form
     * {@code eth_createAccessList} returns). Storage keys are 32 bytes.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.accessList")
    protected String accessList;

    /**
     * JSON-RPC endpoint of an Ethereum node, http or https. With it, missing fields (chain id,
     * nonce, gas limit, fees) come from the node. {@code env:NAME} reads the URL from the
     * environment variable {@code NAME} when the goal runs, so a URL with an API key stays out of
     * the POM and out of {@code mvn -X} logs (they print every parameter as configured, also a
     * value interpolated from <code>$&#123;env.NAME&#125;</code>). Logged only as scheme, host and
     * port, since hosted nodes put API keys in the path.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.rpcUrl")
    protected String rpcUrl;

    /**
     * Factor applied to the node's gas estimate when {@code gasLimit} is not set, from 1.0 to 10.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.gasLimitMargin", defaultValue = "1.2")
    protected String gasLimitMargin = "1.2";

    /**
     * Time limit for one JSON-RPC request, in seconds.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.rpcTimeout", defaultValue = "30")
    protected int rpcTimeout = 30;

    /**
     * Blocks to wait for after sending, counting the block that includes the transaction: 1
     * means the receipt is enough.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.confirmations", defaultValue = "1")
    protected int confirmations = 1;

    /**
     * The longest wait for the receipt and the confirmations, in seconds. On timeout the build
     * fails; the transaction may still be mined later.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.receiptTimeout", defaultValue = "300")
    protected int receiptTimeout = 300;

    /**
     * @param settingsDecrypter decrypts settings.xml passwords
     */
    protected AbstractTransactionMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    /**
     * Parses the shared parameters together with the goal's own; nothing is signed when this
     * throws.
     *
     * @param to recipient or {@code null}
     * @param value amount with unit or {@code null}
     * @param data calldata or init code as hex, or {@code null}
     * @param function function signature or {@code null}
     * @param arguments function arguments or {@code null}
     * @return the typed request
     * @throws InvalidInputException naming the first bad parameter
     */
    protected TransactionRequest transactionRequest(
            String to, String value, String data, String function, List<String> arguments) {
        return new TransactionInput(
                        txType,
                        to,
                        value,
                        data,
                        function,
                        arguments,
                        chainId,
                        nonce,
                        gasLimit,
                        gasPrice,
                        maxFeePerGas,
                        maxPriorityFeePerGas,
                        accessList)
                .toRequest();
    }

    /**
     * @return a client for {@code rpcUrl}, or {@code null} when it is not set; close it after use
     * @throws InvalidInputException if {@code rpcUrl} or {@code rpcTimeout} is malformed
     */
    protected NodeClient openNode() {
        if (blankToNull(rpcUrl) == null) {
            return null;
        }
        if (rpcTimeout < 1) {
            throw new InvalidInputException("rpcTimeout", "must be at least 1 second, was " + rpcTimeout);
        }
        return new JsonRpcNodeClient(RpcUrls.parse(rpcUrl, "rpcUrl"), Duration.ofSeconds(rpcTimeout));
    }

    /**
     * The checks that need the node but not the key, so that bad input fails before any KMS
     * request: offline, that every field is set; with a node, {@code gasLimitMargin} and that
     * {@code chainId} (when set) is the node's.
     *
     * @param node the node, or {@code null} offline
     * @param request the parsed request
     * @return the filler to pass to {@link #fillFromNode}, or {@code null} offline
     * @throws InvalidInputException on a missing field, a bad margin or another chain id
     */
    protected TransactionFiller checkBeforeKms(NodeClient node, TransactionRequest request) {
        if (node == null) {
            OfflineTransactions.build(request);
            return null;
        }
        BigDecimal margin;
        try {
            margin = new BigDecimal(gasLimitMargin.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new InvalidInputException("gasLimitMargin", "'" + gasLimitMargin + "' is not a number; use e.g. 1.2");
        }
        // one nonce allocator per node in the build: parallel executions (-T) get distinct nonces
        NonceAllocator nonces = buildContext().shared("nonces|" + rpcUrl.trim(), k -> new NonceAllocator());
        TransactionFiller filler = new TransactionFiller(node, margin, nonces);
        filler.checkChainId(request);
        return filler;
    }

    /**
     * Fills the missing fields from the node and logs each one.
     *
     * @param filler from {@link #checkBeforeKms}
     * @param node the node
     * @param request the parsed request
     * @param from the sender
     * @return the complete request
     */
    protected TransactionRequest fillFromNode(
            TransactionFiller filler, NodeClient node, TransactionRequest request, String from) {
        FilledTransaction filled = filler.fill(request, from);
        if (filled.fromNode().isEmpty()) {
            getLog().info("Every field was set; the node at " + node.describe() + " confirmed chain id "
                    + filled.request().chainId());
        } else {
            getLog().info("From the node at " + node.describe() + ":");
            filled.fromNode().forEach(field -> getLog().info("  " + field));
        }
        return filled.request();
    }

    /**
     * Builds, signs (one KMS {@code Sign} call) and logs the transaction.
     *
     * @param signer the KMS signer
     * @param request a complete request
     * @return the signed transaction
     * @throws InvalidInputException if a required field is missing
     */
    protected SignedTransaction sign(KmsSigner signer, TransactionRequest request) {
        RawTransaction unsigned = OfflineTransactions.build(request);
        byte[] raw = signer.sign(unsigned, request.chainId());
        SignedTransaction signed =
                SignedTransaction.of(request.type(), request.chainId(), signer.getAddress(), unsigned, raw);
        getLog().info("Signed " + signed.type() + " transaction " + signed.hash() + " from " + signed.from()
                + " (chain id " + signed.chainId() + ", nonce " + signed.nonce() + ")");
        if (signed.raw().length() <= 2 + 2 * RAW_LOG_LIMIT) {
            getLog().info("Raw transaction: " + signed.raw());
        } else {
            // contract creations carry kilobytes of init code: the full hex only with -X
            getLog().info("Raw transaction: " + (signed.raw().length() - 2) / 2 + " bytes (shown with -X)");
            getLog().debug("Raw transaction: " + signed.raw());
        }
        return signed;
    }

    /**
     * @param node the node
     * @return a sender that waits for {@code confirmations} within {@code receiptTimeout} and
     *     logs progress
     */
    protected TransactionSender sender(NodeClient node) {
        return new TransactionSender(node, TransactionSender.Options.of(confirmations, receiptTimeout), getLog()::info);
    }
}
