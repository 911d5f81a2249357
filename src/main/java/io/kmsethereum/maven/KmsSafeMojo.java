package io.kmsethereum.maven;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.Json;
import io.kmsethereum.core.rpc.NodeClient;
import io.kmsethereum.core.safe.SafeRequest;
import io.kmsethereum.core.safe.SafeSignatures;
import io.kmsethereum.core.safe.SafeTransactions;
import io.kmsethereum.core.signer.KmsSigners;
import io.kmsethereum.core.store.LocalStateStore;
import io.kmsethereum.core.store.StateStore;
import io.kmsethereum.core.tx.TransactionFiller;
import io.kmsethereum.core.tx.TransactionRequest;
import io.kmsethereum.core.tx.TransactionSteps;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * A Safe (multisig) transaction signed by KMS keys that are owners of the Safe, and executed once
 * enough owners have signed. The transaction is one call ({@code to}, {@code value},
 * {@code data} or {@code function} + {@code arguments}) or a batch ({@code calls}, executed
 * atomically through {@code MultiSendCallOnly}). The goal reads the Safe's nonce, owners and
 * threshold from the node, computes the {@code safeTxHash} (EIP-712, Safe 1.3.0 and later),
 * signs it with {@code keyId} and each key of {@code additionalKeyIds} (every one must be an
 * owner) and writes each signature to the signatures location, where the builds of the other
 * owners, with other keys and in other pipelines, add theirs. Below the threshold it reports who
 * has signed and who may still sign, and sends nothing; with {@code execute} and enough
 * signatures it sends {@code execTransaction} from {@code keyId}'s account and fails unless the
 * Safe reports {@code ExecutionSuccess}. Sets {@code kms.safeTxHash}.
 *
 * @since 0.1.0
 */
@Mojo(name = "kms-safe", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class KmsSafeMojo extends AbstractTransactionMojo {

    /**
     * The Safe's address (its proxy). It must have code and answer as a Safe of version 1.3.0
     * or later on the chain of {@code rpcUrl}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.safe", required = true)
    private String safe;

    /**
     * The address the Safe calls (one call; for several use {@code calls}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.to")
    private String to;

    /**
     * Wei the Safe sends with the call, with a unit: {@code 0.01 ether}, {@code 21 gwei}; a
     * bare integer is wei. Default 0.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.value")
    private String value;

    /**
     * Calldata of the call as {@code 0x} hex. Not together with {@code function}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.data")
    private String data;

    /**
     * Function the Safe calls, as a signature such as {@code setValue(uint256)}; the calldata is
     * the selector and the ABI-encoded {@code arguments}, as for {@code kms-sign}. Not together
     * with {@code data}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.function")
    private String function;

    /**
     * Arguments of {@code function}, one per parameter, written as for {@code kms-sign}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.arguments")
    private List<String> arguments;

    /**
     * The Safe transaction's operation: {@code call} (default) or {@code delegatecall}. A
     * DELEGATECALL runs the target's code with the Safe's own storage and funds, so it is refused
     * unless {@code allowDelegateCall} is set.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.operation", defaultValue = "call")
    private String operation = "call";

    /**
     * Allow {@code operation=delegatecall}. Only for a library you have reviewed; a batch through
     * {@code calls} (a DELEGATECALL to {@code MultiSendCallOnly}) needs no flag when
     * {@code multiSendCallOnly} runs the code of {@code MultiSendCallOnly} 1.3.0 or 1.4.1, and this
     * flag otherwise.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.allowDelegateCall", defaultValue = "false")
    private boolean allowDelegateCall;

    /**
     * Several calls made by the Safe in one transaction, atomically (all or none), through
     * {@code MultiSendCallOnly}: each {@code <call>} has {@code to} (required), {@code value},
     * and {@code data} or {@code function} + {@code arguments}, meaning what the single-call
     * parameters of the same names mean. Not together with {@code to}.
     *
     * @since 0.1.0
     */
    @Parameter
    private List<SafeCallEntry> calls;

    /**
     * The address of {@code MultiSendCallOnly} for {@code calls}. Default: the canonical
     * deployment of the Safe's version ({@code 0x9641d764fc13c8B624c04430C7356C1C7C8102e2} for
     * 1.4.x, {@code 0x40A2aCCbd92BCA938b02010E17A5b8929b49130D} for 1.3.0); set it on chains
     * without the canonical deployments (e.g. a local Anvil). Its runtime code must be that of
     * {@code MultiSendCallOnly} 1.3.0 or 1.4.1 (keccak256 compared with the code hashes
     * safe-deployments lists), unless {@code allowDelegateCall} is set.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.multiSendCallOnly")
    private String multiSendCallOnly;

    /**
     * The singleton (implementation) the Safe's proxy must delegate to; the build fails before
     * signing if it runs another one. Default: not checked.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.safeSingleton")
    private String safeSingleton;

    /**
     * The SafeTx field {@code safeTxGas}: gas for the inner call. Default 0: all the gas left,
     * and a failing inner call makes the whole transaction revert.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.safeTxGas")
    private String safeTxGas;

    /**
     * The SafeTx field {@code baseGas}: gas paid for outside the inner call, for a refund.
     * Default 0 (no refund).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.baseGas")
    private String baseGas;

    /**
     * The SafeTx field {@code gasPrice}: the refund's gas price, in {@code gasToken} units (wei
     * for ether; units as for {@code value}). Default 0 (no refund). Not the gas price of the
     * {@code execTransaction} transaction, which is {@code gasPrice}/{@code maxFeePerGas}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.safeGasPrice")
    private String safeGasPrice;

    /**
     * The SafeTx field {@code gasToken}: the refund's token. Default the zero address (ether).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.gasToken")
    private String gasToken;

    /**
     * The SafeTx field {@code refundReceiver}: who gets the refund. Default the zero address
     * ({@code tx.origin}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.refundReceiver")
    private String refundReceiver;

    /**
     * The Safe nonce to sign for. Default: the nonce this step signed for before (a re-run), else
     * the Safe's current nonce. A nonce above the current one queues the transaction; one below
     * it is refused (its transaction was executed or replaced).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.safeNonce")
    private String safeNonce;

    /**
     * Where signatures are written and collected: one JSON file per owner under
     * {@code <chainId>/safe/<safe>/<safeTxHash>/<owner>.json}. Give every owner's build the same
     * directory (a shared file system, or files passed between pipelines). Default: the S3
     * state store when {@code stateStore} is set, else {@code .kms-ethereum/safe-signatures} in
     * the project's base directory.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.signaturesDirectory")
    private File signaturesDirectory;

    /**
     * Signature files handed over by other owners (as this goal writes them), added to those in
     * the signatures location. Each must be for this chain, Safe, nonce and {@code safeTxHash};
     * the build fails before signing otherwise. A signature of an account that is not an owner
     * is ignored with a warning.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.signatureFiles")
    private List<File> signatureFiles;

    /**
     * Send {@code execTransaction} when the valid signatures reach the Safe's threshold, from
     * {@code keyId}'s account, and wait for it (a re-run waits for the recorded transaction).
     * Default false: sign only.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.execute", defaultValue = "false")
    private boolean execute;

    /**
     * Sign and execute a change even if the Safe executed the same change before. Without it, a
     * step with no proposal record (e.g. a re-run on a fresh checkout with a local
     * {@code stateStore}) first computes the {@code safeTxHash} of the same change (to, value,
     * data, operation, gas and refund fields) at each of the 64 Safe nonces below the current one
     * and searches the Safe's {@code ExecutionSuccess} logs ({@code eth_getLogs}) for them; when one
     * is found it signs and sends nothing and sets {@code kms.safeTxHash} to that hash. Default
     * false.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.allowRepeat", defaultValue = "false")
    private boolean allowRepeat;

    /**
     * The first block whose Safe {@code ExecutionSuccess} logs are searched for the same change
     * executed before (see {@code allowRepeat}). Default 0, the whole chain; set it to the block
     * the Safe was created in when the node limits the block range of {@code eth_getLogs}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.safeLogsFromBlock", defaultValue = "0")
    private long safeLogsFromBlock;

    /**
     * Name of this step in the state store: the Safe nonce a step signed for is recorded under
     * it, so a re-run after that nonce was used signs nothing new. Default:
     * {@code <groupId>_<artifactId>_<version>_<execution id>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.journalKey")
    private String journalKey;

    /**
     * Optional JSON file with the {@code safeTxHash}, the transaction, who signed, who may
     * still sign, and the execution's receipt.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.safe.outputFile")
    private File outputFile;

    /**
     * Project property that receives the {@code safeTxHash}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.safe.safeTxHashProperty", defaultValue = "kms.safeTxHash")
    private String safeTxHashProperty = "kms.safeTxHash";

    /**
     * Skip this goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.safe.skip", defaultValue = "false")
    private boolean skipSafe;

    /**
     * @param settingsDecrypter decrypts settings.xml passwords
     */
    @Inject
    public KmsSafeMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected boolean isGoalSkipped() {
        return skipSafe;
    }

    @Override
    protected void process() throws MojoExecutionException {
        SafeRequest request = input().parse();
        TransactionRequest template = transactionRequest(request.safe(), null, null, null, null);
        if (safeLogsFromBlock < 0) {
            throw new InvalidInputException(
                    "safeLogsFromBlock", "is " + safeLogsFromBlock + "; it must be a block number, 0 or more");
        }
        if (blankToNull(rpcUrl) == null) {
            throw new InvalidInputException(
                    "rpcUrl", "is required: kms-safe reads the Safe's nonce, owners and threshold from the node");
        }
        List<java.nio.file.Path> files = signatureFiles == null
                ? List.of()
                : signatureFiles.stream().map(File::toPath).toList();
        try (NodeClient node = openNode()) {
            TransactionFiller filler = checkBeforeKms(node, template);
            StateStore journal = stateStore(new File(project.getBasedir(), "deployments"));
            KmsSigners signers = signers();
            TransactionSteps[] steps = new TransactionSteps[1];
            SafeTransactions safes = new SafeTransactions(
                    node,
                    signers,
                    signatures(journal),
                    journal,
                    () -> steps[0] != null
                            ? steps[0]
                            : (steps[0] = transactionSteps(journal, node, filler, signers.primary(), sender(node))),
                    getLog()::info,
                    getLog()::warn);
            String step = blankToNull(journalKey) != null ? journalKey.trim() : executionName();
            SafeTransactions.Result result = safes.run(
                    request,
                    step,
                    files,
                    execute,
                    template,
                    new SafeTransactions.RepeatCheck(allowRepeat, safeLogsFromBlock));
            setProperty(safeTxHashProperty, result.safeTxHash());
            if (outputFile != null) {
                writeAtomically(outputFile, Json.toBytes(result));
                getLog().info("Wrote " + outputFile);
            }
        }
    }

    private SafeRequest.Input input() {
        List<SafeRequest.CallInput> entries = new ArrayList<>();
        if (calls != null) {
            for (int i = 0; i < calls.size(); i++) {
                SafeCallEntry c = calls.get(i);
                entries.add(
                        c == null
                                ? null
                                : new SafeRequest.CallInput(
                                        c.to,
                                        c.value,
                                        c.data,
                                        c.function,
                                        ArgumentLists.ofEntry(mojoExecution, "calls", i, "arguments", c.arguments)));
            }
        }
        return new SafeRequest.Input(
                safe,
                to,
                value,
                data,
                function,
                ArgumentLists.of(mojoExecution, "arguments", arguments),
                operation,
                allowDelegateCall,
                entries,
                safeTxGas,
                baseGas,
                safeGasPrice,
                gasToken,
                refundReceiver,
                safeNonce,
                multiSendCallOnly,
                safeSingleton);
    }

    /** The signatures location: the directory, else the S3 state store, else the default directory. */
    private SafeSignatures signatures(StateStore journal) {
        if (signaturesDirectory == null && blankToNull(stateStore) != null) {
            return new SafeSignatures(journal, "stateStore", getLog()::warn);
        }
        File directory = signaturesDirectory != null
                ? signaturesDirectory
                : new File(project.getBasedir(), ".kms-ethereum/safe-signatures");
        getLog().info("Safe signatures: " + directory);
        return new SafeSignatures(
                new LocalStateStore(directory.toPath(), directory.toPath()), "signaturesDirectory", getLog()::warn);
    }
}
