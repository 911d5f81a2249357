package io.kmsethereum.maven;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.Json;
import io.kmsethereum.core.rpc.NodeClient;
import io.kmsethereum.core.signer.KmsSigner;
import io.kmsethereum.core.tx.Amounts;
import io.kmsethereum.core.tx.Receipt;
import io.kmsethereum.core.tx.SignedTransaction;
import io.kmsethereum.core.tx.TransactionFiller;
import io.kmsethereum.core.tx.TransactionJournal;
import io.kmsethereum.core.tx.TransactionRequest;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecution;
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
     * names allowed: {@code transfer(address to, uint256 amount)}). The calldata is the selector
     * and the ABI-encoded {@code arguments}. Not together with {@code data}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.function")
    private String function;

    /**
     * Arguments of {@code function}, one string each, typed by the signature: addresses as
     * {@code 0x} hex, integers decimal or {@code 0x} hex, {@code true}/{@code false},
     * {@code bytes}/{@code bytesN} as {@code 0x} hex, strings as they are, arrays as
     * {@code [a, b]}. On the command line, {@code -Dkms.arguments=a,b} (commas separate).
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
     * Directory of the pending-transaction journal. With {@code broadcast}, the signed
     * transaction is recorded here before it is sent, one file per step
     * ({@code <chainId>/<step>.json}); a re-run after a crash finds it and waits for (or
     * re-broadcasts) that same transaction instead of signing a new one. Keep it outside
     * {@code target/} so that {@code mvn clean} does not forget a transaction in flight.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.sign.journalDirectory", defaultValue = "${project.basedir}/.kms-ethereum/journal")
    private File journalDirectory;

    /**
     * Name of this broadcast step in the journal. Default:
     * {@code <groupId>_<artifactId>_<execution id>}. A step that already has a transaction for
     * the same parameters sends nothing; give a new name (e.g. with the release version) to send
     * another transaction with the same parameters.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.journalKey")
    private String journalKey;

    /** The running goal execution, for the default journal step name. */
    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    private MojoExecution mojoExecution;

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
    protected String goalName() {
        return "kms-sign";
    }

    @Override
    protected boolean isGoalSkipped() {
        return skipSign;
    }

    @Override
    protected void process() throws MojoExecutionException {
        TransactionRequest request = transactionRequest(to, value, data, function, arguments);
        String intent = TransactionJournal.intent(request);
        if (broadcast && blankToNull(rpcUrl) == null) {
            throw new InvalidInputException(
                    "rpcUrl", "is required with broadcast=true: set it to the JSON-RPC endpoint to send to");
        }
        try (NodeClient node = openNode()) {
            TransactionFiller filler = checkBeforeKms(node, request);
            TransactionJournal journal = null;
            String step = null;
            long chain = 0;
            if (broadcast) {
                journal = new TransactionJournal(journalDirectory.toPath());
                step = journalStep();
                chain = node.chainId();
                Optional<TransactionJournal.Entry> recorded = journal.read(chain, step);
                if (recorded.isPresent() && resumeRecorded(node, journal, chain, recorded.get(), intent)) {
                    return;
                }
            }
            KmsSigner signer = signer();
            if (node != null) {
                request = fillFromNode(filler, node, request, signer.getAddress());
            }
            SignedTransaction signed = sign(signer, request);
            setProperty(signedTransactionProperty, signed.raw());
            setProperty(transactionHashProperty, signed.hash());
            write(signed, null);
            if (broadcast) {
                TransactionJournal.Entry entry = new TransactionJournal.Entry(step, intent, signed, null);
                getLog().info("Recorded the signed transaction in " + journal.write(chain, entry)
                        + " before sending it");
                Receipt receipt = sender(node).send(signed);
                finish(journal, chain, entry, receipt);
            }
        }
    }

    /**
     * A re-run of a step whose transaction an earlier run recorded: wait for, or re-broadcast,
     * that transaction; sign nothing new.
     *
     * @return {@code true} when the recorded transaction finished the step
     */
    private boolean resumeRecorded(
            NodeClient node, TransactionJournal journal, long chain, TransactionJournal.Entry entry, String intent)
            throws MojoExecutionException {
        Path file = journal.file(chain, entry.step());
        if (!entry.intent().equals(intent)) {
            String hash = entry.transaction().hash();
            if (node.receipt(hash).isEmpty() && node.knowsTransaction(hash)) {
                throw new InvalidInputException(
                        "journalKey",
                        "step '" + entry.step() + "' has a different transaction recorded in "
                                + file + " (" + entry.transaction().hash()
                                + ") that is still pending. Wait until it is mined, or give this"
                                + " transaction its own step with kms.journalKey");
            }
            getLog().info("The transaction recorded for step '" + entry.step() + "' in " + file
                    + " was for other parameters; signing a new one");
            return false;
        }
        SignedTransaction signed = entry.transaction();
        getLog().info("Step '" + entry.step() + "' already has transaction " + signed.hash() + " (recorded in " + file
                + "); nothing new is signed. To send another transaction, set kms.journalKey or delete that file");
        setProperty(signedTransactionProperty, signed.raw());
        setProperty(transactionHashProperty, signed.hash());
        Receipt receipt = sender(node).resume(signed);
        finish(journal, chain, entry, receipt);
        return true;
    }

    private void finish(TransactionJournal journal, long chain, TransactionJournal.Entry entry, Receipt receipt)
            throws MojoExecutionException {
        journal.write(chain, entry.mined(receipt));
        getLog().info("Receipt: transaction " + receipt.transactionHash() + " succeeded in block "
                + receipt.blockNumber()
                + " (" + receipt.blockHash() + "), gas used " + receipt.gasUsed()
                + (receipt.fee() == null ? "" : ", fee " + Amounts.format(receipt.fee()))
                + ", confirmations " + receipt.confirmations());
        write(entry.transaction(), receipt);
    }

    private String journalStep() {
        if (blankToNull(journalKey) != null) {
            return journalKey.trim();
        }
        String execution = mojoExecution == null ? "default-cli" : mojoExecution.getExecutionId();
        return project.getGroupId() + "_" + project.getArtifactId() + "_" + execution;
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
