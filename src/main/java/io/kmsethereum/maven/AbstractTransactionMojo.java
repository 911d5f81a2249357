package io.kmsethereum.maven;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.kms.KmsConnection;
import io.kmsethereum.core.kms.KmsEndpoints;
import io.kmsethereum.core.rpc.NodeClient;
import io.kmsethereum.core.signer.KmsSigner;
import io.kmsethereum.core.store.LocalStateStore;
import io.kmsethereum.core.store.S3StateStore;
import io.kmsethereum.core.store.StateStore;
import io.kmsethereum.core.tx.FilledTransaction;
import io.kmsethereum.core.tx.NonceAllocator;
import io.kmsethereum.core.tx.NonceLeases;
import io.kmsethereum.core.tx.RawTransactions;
import io.kmsethereum.core.tx.SetCodeTransactions;
import io.kmsethereum.core.tx.SignedTransaction;
import io.kmsethereum.core.tx.TransactionFiller;
import io.kmsethereum.core.tx.TransactionInput;
import io.kmsethereum.core.tx.TransactionRequest;
import io.kmsethereum.core.tx.TransactionSender;
import io.kmsethereum.core.tx.TransactionSteps;
import io.kmsethereum.core.tx.TransactionType;
import java.io.File;
import java.math.BigDecimal;
import java.net.URI;
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
     * Transaction type: {@code eip1559} (default), {@code eip2930}, {@code legacy} (EIP-155) or,
     * in {@code kms-sign}, {@code eip7702} (a set-code transaction: see {@code delegate}).
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
     * nonce, gas limit, fees) come from the node. Logged only as scheme, host and port, since
     * hosted nodes put API keys in the path. Keep an API key out of the configuration, which
     * Maven prints under {@code -X}: write {@code {server:<id>}} where the key goes (e.g.
     * {@code https://eth-sepolia.g.alchemy.com/v2/{server:alchemy}}) and put the key into that
     * {@code settings.xml} server's {@code <password>} (encrypted or plain), or write
     * {@code env:NAME} to read the whole URL from an environment variable. A key written into
     * the URL itself draws a warning.
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
     * Where the records that make re-runs safe are kept: the journal of broadcast steps, nonce
     * claims and the deployment ledger. Empty (the default): local files ({@code journalDirectory}
     * and the deployments directory), which only this machine sees. {@code s3://bucket[/prefix]}:
     * Amazon S3 with conditional writes, shared by every runner that uses the same bucket and
     * prefix, so a re-run on a fresh checkout and parallel jobs with one key stay safe. S3 uses
     * the same credentials, region and endpoint as KMS unless {@code stateStoreRegion} or
     * {@code stateStoreEndpoint} say otherwise.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.stateStore")
    protected String stateStore;

    /**
     * AWS region of the {@code stateStore} bucket. Default: {@code region}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.stateStoreRegion")
    protected String stateStoreRegion;

    /**
     * S3 endpoint override for the {@code stateStore} (path-style addressing), e.g. LocalStack's
     * {@code http://localhost:4566}. Default: {@code endpoint}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.stateStoreEndpoint")
    protected String stateStoreEndpoint;

    /**
     * Directory of the local state store (journal of broadcast steps and nonce claims) when
     * {@code stateStore} is empty: records go to
     * {@code <chainId>/<address>/steps/<step>.json} and {@code <chainId>/<address>/nonces/…}
     * below it. Keep it outside {@code target/} so that {@code mvn clean} does not forget a
     * transaction in flight.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.journalDirectory", defaultValue = "${project.basedir}/.kms-ethereum/journal")
    protected File journalDirectory;

    /**
     * Seconds a claimed nonce stays reserved for this run before it has recorded its signed
     * transaction. A run that dies before signing blocks that nonce this long; then another run
     * takes it over, so no gap is left.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.nonceLeaseSeconds", defaultValue = "60")
    protected int nonceLeaseSeconds = 60;

    /**
     * Sign although the node holds pending transactions of this account that the state store
     * does not know (another run's, on a machine whose records this store does not see, or
     * another wallet's). Off by default: such a build stops before signing, since it may be a
     * re-run paying a second time.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.ignoreUnknownPending", defaultValue = "false")
    protected boolean ignoreUnknownPending;

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
        return openNode(rpcUrl, rpcTimeout);
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
            if (request.type() == TransactionType.EIP7702) {
                RawTransactions.checkComplete(request); // the authorizations are signed later
            } else {
                RawTransactions.build(request);
            }
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
        SignedTransaction signed;
        if (request.type() == TransactionType.EIP7702) {
            signed = SetCodeTransactions.sign(request, signer.getAddress(), signer::signDigest);
        } else {
            RawTransaction unsigned = RawTransactions.build(request);
            byte[] raw = signer.sign(unsigned, request.chainId());
            signed = SignedTransaction.of(request.type(), request.chainId(), signer.getAddress(), unsigned, raw);
        }
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
     * The state store of {@code stateStore}, one per build and location.
     *
     * @param deploymentsDirectory ledger root of the local store
     * @return the store
     * @throws InvalidInputException if {@code stateStore} or its endpoint is malformed
     */
    protected StateStore stateStore(File deploymentsDirectory) {
        String location = blankToNull(stateStore);
        if (location == null) {
            return new LocalStateStore(journalDirectory.toPath(), deploymentsDirectory.toPath());
        }
        S3StateStore.Location parsed = S3StateStore.Location.parse(location, "stateStore");
        KmsConnection kms = connection();
        String storeRegion = blankToNull(stateStoreRegion) != null ? stateStoreRegion.trim() : kms.region();
        URI storeEndpoint = kms.endpoint();
        if (blankToNull(stateStoreEndpoint) != null) {
            storeEndpoint = KmsEndpoints.parse(stateStoreEndpoint, "stateStoreEndpoint");
        }
        URI finalEndpoint = storeEndpoint;
        return buildContext()
                .shared(
                        "stateStore|" + location + "|" + storeRegion + "|" + storeEndpoint,
                        k -> S3StateStore.connect(
                                parsed,
                                storeRegion,
                                finalEndpoint,
                                kms.credentials().toProvider(),
                                kms.apiCallAttemptTimeout(),
                                kms.maxAttempts()));
    }

    /**
     * @return the default step name of this execution:
     *     {@code <groupId>_<artifactId>_<version>_<execution id>}, so each release version of the
     *     project is a step of its own
     */
    protected String executionName() {
        String execution = mojoExecution == null ? "default-cli" : mojoExecution.getExecutionId();
        return project.getGroupId() + "_" + project.getArtifactId() + "_" + project.getVersion() + "_" + execution;
    }

    /**
     * @return this build's run id, written into nonce claims and step records: host, process id
     *     and a random part
     */
    protected String runId() {
        return buildContext().shared("runId", k -> {
            String host;
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "host";
            }
            return host + "-" + ProcessHandle.current().pid() + "-"
                    + Long.toHexString(new java.security.SecureRandom().nextLong() & 0xffffffL);
        });
    }

    /**
     * The resume mechanism of a goal that sends transactions, on {@code stateStore}.
     *
     * @param store the state store
     * @param node the node
     * @param filler from {@link #checkBeforeKms}
     * @param signer the KMS signer
     * @param sender the sender to broadcast and wait with
     * @return the steps
     */
    protected TransactionSteps transactionSteps(
            StateStore store, NodeClient node, TransactionFiller filler, KmsSigner signer, TransactionSender sender) {
        return transactionSteps(store, node, signer, sender, tx -> fillFromNode(filler, node, tx, signer.getAddress()));
    }

    /**
     * As {@link #transactionSteps(StateStore, NodeClient, TransactionFiller, KmsSigner,
     * TransactionSender)} with a fill function of the goal's own (for a transaction that needs more
     * than the node's fields before it is signed, such as EIP-7702 authorizations).
     *
     * @param store the state store
     * @param node the node
     * @param signer the KMS signer
     * @param sender the sender to broadcast and wait with
     * @param fill completes a request whose nonce is set
     * @return the steps
     */
    protected TransactionSteps transactionSteps(
            StateStore store,
            NodeClient node,
            KmsSigner signer,
            TransactionSender sender,
            java.util.function.UnaryOperator<TransactionRequest> fill) {
        getLog().info("State store: " + store.describe());
        NonceLeases leases = new NonceLeases(
                        store, node, runId(), Duration.ofSeconds(Math.max(1, nonceLeaseSeconds)), getLog()::info)
                .withinBuild(buildContext().shared("nonces|" + rpcUrl.trim(), k -> new NonceAllocator()));
        if (nonceLeaseSeconds < 1) {
            throw new InvalidInputException("nonceLeaseSeconds", "must be at least 1 second, was " + nonceLeaseSeconds);
        }
        return new TransactionSteps(
                store,
                node,
                leases,
                sender,
                fill,
                tx -> sign(signer, tx),
                runId(),
                getLog()::info,
                !ignoreUnknownPending);
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
