package io.kmsethereum.maven;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.Json;
import io.kmsethereum.core.input.Amounts;
import io.kmsethereum.core.rpc.NodeClient;
import io.kmsethereum.core.signer.KmsSigner;
import io.kmsethereum.core.signer.KmsSigners;
import io.kmsethereum.core.store.StateStore;
import io.kmsethereum.core.tx.FilledTransaction;
import io.kmsethereum.core.tx.Receipt;
import io.kmsethereum.core.tx.SetCodeAuthorizations;
import io.kmsethereum.core.tx.SignedTransaction;
import io.kmsethereum.core.tx.TransactionFiller;
import io.kmsethereum.core.tx.TransactionRequest;
import io.kmsethereum.core.tx.TransactionSteps;
import io.kmsethereum.core.tx.TransactionType;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Builds and signs one transaction with the KMS key: EIP-1559 (default), EIP-2930, legacy
 * with EIP-155 replay protection, or an EIP-7702 set-code transaction whose authorizations the
 * KMS keys sign too ({@code delegate}). Offline every field must be set; with {@code rpcUrl} the
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
     * With {@code txType=eip7702}: the contract the KMS keys' accounts delegate their code to
     * (EIP-7702), which must have code on the chain ({@code eth_getCode}) unless
     * {@code allowDelegateWithoutCode}. The zero address {@code 0x0000000000000000000000000000000000000000}
     * revokes a delegation. A delegate gets full control of the account: it can move every asset
     * the account holds, so delegate only to a contract you have reviewed.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.delegate")
    private String delegate;

    /**
     * With {@code txType=eip7702}: whether the sending key's own account ({@code keyId})
     * delegates to {@code delegate}. Its authorization takes the nonce after the transaction's
     * (the node increments the sender's nonce first), so the transaction uses two nonces of the
     * sender. {@code false}: only the accounts of {@code additionalKeyIds} and
     * {@code authorizationFiles} delegate, and {@code keyId} pays for the transaction.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.authorizeSender", defaultValue = "true")
    private boolean authorizeSender = true;

    /**
     * With {@code txType=eip7702}: the chain id the KMS keys' authorizations are valid on. Empty
     * (the default): the transaction's chain id. {@code any}: chain id 0, valid on every chain, so
     * the authorization can be replayed wherever the account has the same nonce; only when that
     * is meant. {@code 0} is refused in favour of the explicit {@code any}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.authorizationChainId")
    private String authorizationChainId;

    /**
     * With {@code txType=eip7702}: JSON files of authorizations signed elsewhere (by
     * {@code kms-sign-authorization}, or a node's {@code authorizationList} entries), one object or
     * an array per file, appended to the list. Each is checked before anything is signed: its
     * signature recovers to its {@code authority} with low s and y-parity 0 or 1, its chain id is
     * the transaction's or 0, and its nonce is the authority's pending nonce on the node (the
     * transaction's nonce + 1 when the authority is the sender). Needs {@code rpcUrl}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.authorizationFiles")
    private List<File> authorizationFiles;

    /**
     * With {@code txType=eip7702}: accept a delegate without code on the chain (one deployed
     * later on purpose, or when signing offline, where the code cannot be checked).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.allowDelegateWithoutCode", defaultValue = "false")
    private boolean allowDelegateWithoutCode;

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
     * @since 0.1.0
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
        List<String> additional = additionalKeyIds == null
                ? List.of()
                : additionalKeyIds.stream()
                        .filter(id -> id != null && !id.isBlank())
                        .map(String::trim)
                        .toList();
        SetCodeAuthorizations setCode = setCode(request.type(), additional);
        String intent = intent(request, setCode, additional);
        if (broadcast && blankToNull(rpcUrl) == null) {
            throw new InvalidInputException(
                    "rpcUrl", "is required with broadcast=true: set it to the JSON-RPC endpoint to send to");
        }
        try (NodeClient node = openNode()) {
            TransactionFiller filler = checkBeforeKms(node, request);
            if (setCode != null) {
                setCode.checkBeforeKms(node == null ? request.chainId() : node.chainId(), node);
            }
            if (!broadcast) {
                KmsSigners signers = keys(setCode);
                String from = signers.primary().getAddress();
                if (setCode != null && node != null) {
                    // the nonce first: the sender's authorization is for the one after it
                    FilledTransaction withNonce = filler.fillNonce(request, from, setCode.senderNonces(from));
                    withNonce.fromNode().forEach(f -> getLog().info("From the node at " + node.describe() + ": " + f));
                    request = withNonce.request();
                }
                SignedTransaction signed = sign(signers.primary(), fill(setCode, signers, filler, node, request));
                setProperty(signedTransactionProperty, signed.raw());
                setProperty(transactionHashProperty, signed.hash());
                write(signed, null);
                return;
            }
            StateStore store = stateStore(new File(project.getBasedir(), "deployments"));
            KmsSigners signers = keys(setCode);
            KmsSigner signer = signers.primary();
            TransactionSteps steps =
                    transactionSteps(store, node, signer, sender(node), tx -> fill(setCode, signers, filler, node, tx));
            TransactionSteps.Lookup lookup = steps.lookup(
                    new TransactionSteps.Step(node.chainId(), signer.getAddress(), journalStep(), intent),
                    newTransaction,
                    "journalKey");
            int senderNonces = setCode == null ? 1 : setCode.senderNonces(signer.getAddress());
            TransactionSteps.Outcome outcome = steps.run(lookup, request, senderNonces, signed -> {
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

    /** The set-code parameters, parsed for {@code eip7702} (else {@code null}, and refused when set). */
    private SetCodeAuthorizations setCode(TransactionType type, List<String> additional) {
        SetCodeAuthorizations.Input input = new SetCodeAuthorizations.Input(
                delegate,
                authorizationChainId,
                authorizeSender,
                authorizationFiles == null
                        ? List.of()
                        : authorizationFiles.stream().map(File::toPath).toList(),
                allowDelegateWithoutCode);
        input.checkUnused(type, additional.size());
        return type == TransactionType.EIP7702 ? SetCodeAuthorizations.parse(input, additional.size()) : null;
    }

    /** The step's intent: the request as configured, and for eip7702 who delegates to what. */
    private static String intent(TransactionRequest request, SetCodeAuthorizations setCode, List<String> additional) {
        if (setCode == null) {
            return TransactionSteps.intent(request);
        }
        Map<String, Object> intent = new LinkedHashMap<>(); // ordered: the intent is a hash of it
        intent.put("transaction", request);
        intent.put("setCode", setCode.intent());
        intent.put("additionalKeyIds", additional);
        return TransactionSteps.intent(intent);
    }

    /** The keys of this execution: keyId's, and for eip7702 those of additionalKeyIds too. */
    private KmsSigners keys(SetCodeAuthorizations setCode) {
        if (setCode == null) {
            return KmsSigners.resolve(signer(), List.of(), id -> {
                throw new IllegalStateException("no additional keys");
            });
        }
        KmsSigners signers = signers();
        setCode.checkAuthorities(signers);
        return signers;
    }

    /**
     * Completes a request whose nonce is set: for eip7702 the authorization list first (KMS
     * {@code Sign} once per key, files checked before), then, with a node, the node's fields
     * (the gas estimate sees the signed authorizations).
     */
    private TransactionRequest fill(
            SetCodeAuthorizations setCode,
            KmsSigners signers,
            TransactionFiller filler,
            NodeClient node,
            TransactionRequest request) {
        TransactionRequest complete = request;
        if (setCode != null && request.type() == TransactionType.EIP7702) {
            long chain = node == null ? request.chainId() : node.chainId();
            complete = request.withAuthorizationList(
                    setCode.authorize(chain, request.nonce(), signers, node, line -> getLog().info(line)));
        }
        return node == null
                ? complete
                : fillFromNode(filler, node, complete, signers.primary().getAddress());
    }

    private String journalStep() {
        if (blankToNull(journalKey) != null) {
            return journalKey.trim();
        }
        return executionName();
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
