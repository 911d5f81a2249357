package io.kmsethereum.maven;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.Json;
import io.kmsethereum.core.input.Amounts;
import io.kmsethereum.core.rpc.NodeClient;
import io.kmsethereum.core.signer.KmsSigner;
import io.kmsethereum.core.store.StateStore;
import io.kmsethereum.core.tx.Receipt;
import io.kmsethereum.core.tx.SignedTransaction;
import io.kmsethereum.core.tx.TransactionFiller;
import io.kmsethereum.core.tx.TransactionRequest;
import io.kmsethereum.core.tx.TransactionSteps;
import java.io.File;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Builds and signs one transaction with the KMS key: EIP-1559 (default), EIP-2930 or legacy
 * with EIP-155 replay protection. Offline every field must be set; with {@code rpcUrl} the
 * missing ones come from the node, and {@code broadcast} sends the transaction and waits for its
 * receipt. Sets {@code kms.signedTransaction} (raw transaction hex) and
 * {@code kms.transactionHash}, and optionally writes the decoded fields (and the receipt) as
 * JSON. It does what the {@code sign} operation of the sample Lambda function does in the AWS
 * Database Blog series
 * <a href="https://aws.amazon.com/blogs/database/part1-use-aws-kms-to-securely-manage-ethereum-accounts/">Use
 * AWS KMS to securely manage Ethereum accounts</a>.
 *
 * @since 0.1.0
 */
@Mojo(name = "kms-sign", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class KmsSignMojo extends AbstractTransactionMojo {

    /**
     * Recipient address; mixed case must be a valid EIP-55 checksum. Omit for contract creation.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.to")
    private String to;

    /**
     * Amount to send, with a unit: {@code 0.01 ether}, {@code 21 gwei}, {@code 1000 wei}; a
     * bare integer is wei.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.value")
    private String value;

    /**
     * Calldata (or init code for contract creation) as {@code 0x} hex. Not together with
     * {@code function}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.data")
    private String data;

    /**
     * Contract function to call, as a signature: {@code transfer(address,uint256)} (parameter
     * names allowed: {@code transfer(address to, uint256 amount)}; a struct parameter as a tuple,
     * {@code register((address,uint256[]) config)}). The calldata is the selector and the
     * ABI-encoded {@code arguments}. Not together with {@code data}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.function")
    private String function;

    /**
     * Arguments of {@code function}, one per parameter, typed by the signature: addresses as
     * {@code 0x} hex, integers decimal or {@code 0x} hex, {@code true}/{@code false},
     * {@code bytes}/{@code bytesN} as {@code 0x} hex, strings as they are, arrays as
     * {@code [a, b]}, tuples (structs) as {@code (a, b)}, nested freely; inside them an element
     * holding {@code , [ ] ( )} or {@code "} goes in double quotes ({@code "a, b"}). In the POM
     * each {@code <argument>} is one argument, as written. On the command line the list is one
     * text, split at the commas outside brackets, parentheses and quotes:
     * {@code -Dkms.arguments='0x…,[1,2],(7,true)'}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.arguments")
    private List<String> arguments;

    /**
     * Send the signed transaction with {@code eth_sendRawTransaction} (needs {@code rpcUrl}) and
     * wait for its receipt and {@code confirmations}; the build fails if it reverts.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.broadcast", defaultValue = "false")
    private boolean broadcast;

    /**
     * Name of this broadcast step in the state store. A step sends one transaction, once: a
     * re-run (also on another machine, with a shared {@code stateStore}) finds the step's record
     * and waits for that transaction instead of signing again. Default:
     * {@code <groupId>_<artifactId>_<version>_<execution id>}, so each release version of the
     * project is a step of its own. A step that has a transaction for the same parameters sends
     * nothing; one whose mined transaction was for other parameters fails (see
     * {@code newTransaction}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.journalKey")
    private String journalKey;

    /**
     * Sign and send a new transaction for a step whose recorded transaction, for other
     * parameters, was already mined (e.g. a payment whose amount was changed after it was paid).
     * Off by default: such a build fails before signing, since it would pay a second time.
     *
     * @since 0.2.0
     */
    @Parameter(property = "kms.newTransaction", defaultValue = "false")
    private boolean newTransaction;

    /**
     * Optional JSON file for the decoded fields, {@code from}, {@code hash} and {@code raw} (and,
     * with {@code broadcast}, the {@code receipt}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.sign.outputFile")
    private File outputFile;

    /**
     * Project property that receives the raw signed transaction (hex).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.sign.signedTransactionProperty", defaultValue = "kms.signedTransaction")
    private String signedTransactionProperty = "kms.signedTransaction";

    /**
     * Project property that receives the transaction hash (hex).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.sign.transactionHashProperty", defaultValue = "kms.transactionHash")
    private String transactionHashProperty = "kms.transactionHash";

    /**
     * Skip this goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.sign.skip", defaultValue = "false")
    private boolean skipSign;

    /**
     * @param settingsDecrypter decrypts settings.xml passwords
     */
    @Inject
    public KmsSignMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected boolean isGoalSkipped() {
        return skipSign;
    }

    @Override
    protected void process() throws MojoExecutionException {
        TransactionRequest request =
                transactionRequest(to, value, data, function, ArgumentLists.of(mojoExecution, "arguments", arguments));
        String intent = TransactionSteps.intent(request);
        if (broadcast && blankToNull(rpcUrl) == null) {
            throw new InvalidInputException(
                    "rpcUrl", "is required with broadcast=true: set it to the JSON-RPC endpoint to send to");
        }
        try (NodeClient node = openNode()) {
            TransactionFiller filler = checkBeforeKms(node, request);
            if (!broadcast) {
                KmsSigner signer = signer();
                if (node != null) {
                    request = fillFromNode(filler, node, request, signer.getAddress());
                }
                SignedTransaction signed = sign(signer, request);
                setProperty(signedTransactionProperty, signed.raw());
                setProperty(transactionHashProperty, signed.hash());
                write(signed, null);
                return;
            }
            StateStore store = stateStore(new File(project.getBasedir(), "deployments"));
            KmsSigner signer = signer();
            TransactionSteps steps = transactionSteps(store, node, filler, signer, sender(node));
            TransactionSteps.Lookup lookup = steps.lookup(
                    new TransactionSteps.Step(node.chainId(), signer.getAddress(), journalStep(), intent),
                    newTransaction,
                    "journalKey");
            TransactionSteps.Outcome outcome = steps.run(lookup, request, signed -> {
                setProperty(signedTransactionProperty, signed.raw());
                setProperty(transactionHashProperty, signed.hash());
                writeOutput(signed, null); // before the broadcast, as without broadcast
            });
            Receipt receipt = outcome.receipt();
            getLog().info("Receipt: transaction " + receipt.transactionHash() + " succeeded in block "
                    + receipt.blockNumber()
                    + " (" + receipt.blockHash() + "), gas used " + receipt.gasUsed()
                    + (receipt.fee() == null ? "" : ", fee " + Amounts.format(receipt.fee()))
                    + ", confirmations " + receipt.confirmations());
            write(outcome.transaction(), receipt);
        }
    }

    private String journalStep() {
        if (blankToNull(journalKey) != null) {
            return journalKey.trim();
        }
        String execution = mojoExecution == null ? "default-cli" : mojoExecution.getExecutionId();
        return project.getGroupId() + "_" + project.getArtifactId() + "_" + project.getVersion() + "_" + execution;
    }

    private void writeOutput(SignedTransaction signed, Receipt receipt) {
        try {
            write(signed, receipt);
        } catch (MojoExecutionException e) {
            throw new io.kmsethereum.core.FileAccessException(e.getMessage(), e);
        }
    }

    private void write(SignedTransaction signed, Receipt receipt) throws MojoExecutionException {
        if (outputFile == null) {
            return;
        }
        Object json = signed;
        if (receipt != null) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = Json.MAPPER.convertValue(signed, Map.class);
            map.put("receipt", receipt);
            json = map;
        }
        writeAtomically(outputFile, Json.toBytes(json));
        getLog().info("Wrote " + outputFile + (receipt == null ? "" : " (with the receipt)"));
    }
}
