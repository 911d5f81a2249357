package io.kmsethereum.core.safe;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.crypto.RecoverableSignature;
import io.kmsethereum.core.rpc.NodeClient;
import io.kmsethereum.core.rpc.RpcErrorException;
import io.kmsethereum.core.signer.KmsSigner;
import io.kmsethereum.core.signer.KmsSigners;
import io.kmsethereum.core.store.Records;
import io.kmsethereum.core.store.StateStore;
import io.kmsethereum.core.store.StateStore.StoredRecord;
import io.kmsethereum.core.store.StoreKeys;
import io.kmsethereum.core.tx.Receipt;
import io.kmsethereum.core.tx.StepRecord;
import io.kmsethereum.core.tx.TransactionRequest;
import io.kmsethereum.core.tx.TransactionSteps;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;
import org.web3j.crypto.Hash;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * One Safe transaction from configuration to execution, the work of {@code kms-safe}:
 *
 * <ol>
 *   <li>read the Safe ({@link SafeState}: code, version 1.3.0 or later, nonce, owners,
 *       threshold, singleton) and, for a batch, check that {@code MultiSendCallOnly} runs the
 *       code of {@code MultiSendCallOnly} 1.3.0 or 1.4.1 (else only with {@code allowDelegateCall});
 *   <li>fix the Safe nonce: {@code safeNonce}, or the one a proposal record of this step pinned
 *       ({@link SafeProposal}), or the Safe's current nonce; compute the {@code safeTxHash};
 *   <li>check that every configured key is an owner, and collect and check the signatures
 *       already given (location and files, {@link SafeSignatures#collect}): any unsafe state
 *       fails here, before anything is signed;
 *   <li>sign the hash with each configured owner key that has not signed it yet (one KMS
 *       {@code Sign} each, checked against the key) and write each signature to the location;
 *   <li>below the threshold, report who signed and who may still sign; at the threshold and
 *       with {@code execute}, send {@code execTransaction} through {@link TransactionSteps} (the
 *       step journal: a re-run waits for the recorded transaction and never sends a second one)
 *       and require the Safe's {@code ExecutionSuccess} for the hash in the receipt.
 * </ol>
 */
public final class SafeTransactions {
    /** keccak256 of {@code ExecutionSuccess(bytes32,uint256)}. */
    public static final String EXECUTION_SUCCESS =
            Numeric.toHexString(Hash.sha3("ExecutionSuccess(bytes32,uint256)".getBytes(StandardCharsets.US_ASCII)));

    private final NodeClient node;
    private final KmsSigners signers;
    private final SafeSignatures signatures;
    private final StateStore journal;
    private final Supplier<TransactionSteps> steps;
    private final Consumer<String> info;
    private final Consumer<String> warn;

    /**
     * @param node the node
     * @param signers the keys of this execution ({@code keyId} sends {@code execTransaction})
     * @param signatures the signatures location
     * @param journal the state store of the step journal (proposal records)
     * @param steps the transaction steps of {@code keyId}, made when execution is due
     * @param info progress lines
     * @param warn warnings
     */
    public SafeTransactions(
            NodeClient node,
            KmsSigners signers,
            SafeSignatures signatures,
            StateStore journal,
            Supplier<TransactionSteps> steps,
            Consumer<String> info,
            Consumer<String> warn) {
        this.node = node;
        this.signers = signers;
        this.signatures = signatures;
        this.journal = journal;
        this.steps = steps;
        this.info = info;
        this.warn = warn;
    }

    /**
     * What happened.
     *
     * @param safeTxHash the transaction's hash
     * @param transaction the transaction
     * @param signers the owners whose valid signatures are collected, in the Safe's order
     * @param pending the owners who may still sign
     * @param threshold the Safe's threshold
     * @param state {@code signed} (below the threshold, or not asked to execute),
     *     {@code executed}, or {@code done} (an earlier run's transaction, the nonce is used)
     * @param receipt the {@code execTransaction} receipt, or {@code null}
     */
    public record Result(
            String safeTxHash,
            SafeTransaction transaction,
            List<String> signers,
            List<String> pending,
            int threshold,
            String state,
            Receipt receipt) {}

    /**
     * @param request the parsed request
     * @param step the step name (proposal record, execution journal)
     * @param signatureFiles signature files handed over
     * @param execute whether to send {@code execTransaction} once the threshold is reached
     * @param template the user's transaction fields for {@code execTransaction} (fees, gas,
     *     nonce, type); {@code to} and {@code data} are replaced
     * @param repeat how a step without a proposal record looks for the same change executed
     *     before ({@link #executedBefore})
     * @return what happened
     * @throws InvalidInputException before anything is signed, naming the parameter, for an
     *     address that is not a Safe, a key that is not an owner, an unusable signature, a stale
     *     {@code safeNonce}, a batch library without code, a node that refuses the log search
     *     ({@code safeLogsFromBlock})
     * @throws SafeExecutionException if the Safe did not report the execution, also of a
     *     recorded execution of this step found by a re-run
     */
    public Result run(
            SafeRequest request,
            String step,
            List<Path> signatureFiles,
            boolean execute,
            TransactionRequest template,
            RepeatCheck repeat) {
        long chainId = node.chainId();
        SafeState state = SafeState.read(node, request.safe(), request.singleton());
        info.accept("Safe " + state.address() + " (version " + state.version() + ", chain " + chainId + "): nonce "
                + state.nonce() + ", threshold " + state.threshold() + " of "
                + state.owners().size() + " owners "
                + String.join(", ", state.owners()));
        String multiSend = null;
        if (request.isBatch()) {
            multiSend = request.multiSendCallOnly() != null
                    ? request.multiSendCallOnly()
                    : state.version().startsWith("1.3.") ? MultiSend.CALL_ONLY_1_3_0 : MultiSend.CALL_ONLY_1_4_1;
            checkBatchLibrary(node.code(multiSend), multiSend, chainId, request.allowDelegateCall());
        }
        Map<String, Object> configured = new LinkedHashMap<>(); // ordered: the intent is a hash of it
        configured.put("chainId", chainId);
        configured.put("safe", state.address());
        configured.put("transaction", request.transaction(multiSend, BigInteger.ZERO));
        String intent = TransactionSteps.intent(configured);
        String proposalKey = chainId + "/safe/" + state.address().toLowerCase(Locale.ROOT) + "/proposals/"
                + StoreKeys.name(step) + ".json";
        Optional<StoredRecord> stored = journal.read(proposalKey);
        SafeProposal proposal = stored.map(r -> Records.parse(journal, proposalKey, r.content(), SafeProposal.class))
                .filter(p -> p.intent().equals(intent))
                .orElse(null);
        BigInteger nonce;
        if (request.safeNonce() != null) {
            nonce = request.safeNonce();
            if (nonce.compareTo(state.nonce()) < 0) {
                throw new InvalidInputException(
                        "safeNonce",
                        "is " + nonce + ", but the Safe's nonce is already " + state.nonce() + ": the transaction of"
                                + " nonce " + nonce + " was executed or replaced, so a signature for it is stale."
                                + " Remove safeNonce to sign for the next nonce");
            }
        } else if (proposal != null) {
            nonce = proposal.nonce();
        } else {
            nonce = state.nonce();
            if (!repeat.allowRepeat()) {
                final String batchLibrary = multiSend;
                Optional<PriorExecution> prior = executedBefore(
                        node, chainId, state, n -> request.transaction(batchLibrary, n), repeat.fromBlock());
                if (prior.isPresent()) {
                    PriorExecution p = prior.get();
                    info.accept("Safe transaction " + p.safeTxHash() + " (the same change: to, value, data,"
                            + " operation, gas and refund fields) was already executed at Safe nonce " + p.nonce()
                            + " in transaction " + p.transactionHash() + " (block " + p.blockNumber() + "); nothing"
                            + " is signed or sent. Set allowRepeat to true to execute the same change again");
                    return new Result(
                            p.safeTxHash(),
                            request.transaction(multiSend, p.nonce()),
                            List.of(),
                            List.of(),
                            state.threshold(),
                            "done",
                            null);
                }
            }
        }
        SafeTransaction tx = request.transaction(multiSend, nonce);
        String safeTxHash = tx.hashHex(chainId, state.address());
        String execStep = "safe-" + safeTxHash.substring(2, 18);
        if (nonce.compareTo(state.nonce()) < 0) {
            // the step's transaction was pinned to a nonce the Safe has used since
            return done(state, tx, safeTxHash, execStep);
        }
        info.accept("Safe transaction " + safeTxHash + " (nonce " + nonce + ", "
                + (request.isBatch()
                        ? "a batch of " + request.calls().size() + " calls through MultiSendCallOnly " + multiSend
                        : (tx.operation() == SafeTransaction.CALL ? "call" : "DELEGATECALL") + " to " + tx.to())
                + ")");

        List<KmsSigner> owners = new ArrayList<>();
        for (KmsSigner signer : signers.all()) {
            if (state.owner(signer.getAddress()).isEmpty()) {
                String parameter = signer == signers.primary() ? "keyId" : KmsSigners.PARAMETER;
                throw new InvalidInputException(
                        parameter,
                        "the key " + signer.getKey().requestedId() + " (" + signer.getAddress() + ") is not an owner of"
                                + " the Safe " + state.address() + " (owners: " + String.join(", ", state.owners())
                                + "); nothing was signed. Use an owner's key, or add this account as an owner first");
            }
            owners.add(signer);
        }
        Map<String, SafeSignature> collected =
                new LinkedHashMap<>(signatures.collect(state, chainId, safeTxHash, signatureFiles));

        if (proposal == null || proposal.nonce().compareTo(nonce) != 0) {
            // pinned before anything is signed: a re-run after the nonce is used signs nothing new
            propose(proposalKey, stored, step, intent, chainId, state.address(), nonce, safeTxHash);
        }
        byte[] digest = Numeric.hexStringToByteArray(safeTxHash);
        for (KmsSigner signer : owners) {
            String owner = state.owner(signer.getAddress()).orElseThrow();
            if (collected.containsKey(owner)) {
                info.accept("Owner " + owner + " has signed " + safeTxHash + " already; not signed again");
                continue;
            }
            RecoverableSignature signature = signer.signDigest(digest);
            SafeSignature record = SafeSignature.of(owner, chainId, state.address(), tx, signature);
            String where = signatures.write(record);
            collected.put(owner, record);
            info.accept("Owner " + owner + " signed " + safeTxHash + " (KMS key "
                    + signer.getKey().requestedId() + "): " + where);
        }
        Map<String, SafeSignature> ordered = new LinkedHashMap<>();
        state.owners().stream().filter(collected::containsKey).forEach(o -> ordered.put(o, collected.get(o)));
        List<String> signed = List.copyOf(ordered.keySet());
        List<String> pending =
                state.owners().stream().filter(o -> !ordered.containsKey(o)).toList();
        info.accept("Signatures: " + signed.size() + " of the threshold " + state.threshold() + " (signed: "
                + (signed.isEmpty() ? "none" : String.join(", ", signed)) + "; may still sign: "
                + (pending.isEmpty() ? "none" : String.join(", ", pending)) + ")");
        if (signed.size() < state.threshold()) {
            info.accept("Below the threshold: nothing is sent. " + (state.threshold() - signed.size())
                    + " more owner(s) must sign the same transaction (same parameters, signatures location "
                    + signatures.describe() + ")");
            return new Result(safeTxHash, tx, signed, pending, state.threshold(), "signed", null);
        }
        if (!execute) {
            info.accept("The threshold is reached; set execute to true to send execTransaction");
            return new Result(safeTxHash, tx, signed, pending, state.threshold(), "signed", null);
        }
        if (nonce.compareTo(state.nonce()) > 0) {
            info.accept("The threshold is reached, but the Safe's nonce is " + state.nonce() + ": the transactions"
                    + " of the nonces before " + nonce + " must be executed first; nothing is sent");
            return new Result(safeTxHash, tx, signed, pending, state.threshold(), "signed", null);
        }
        Receipt receipt = execute(state, tx, safeTxHash, ordered, execStep, template);
        return new Result(safeTxHash, tx, signed, pending, state.threshold(), "executed", receipt);
    }

    private Result done(SafeState state, SafeTransaction tx, String safeTxHash, String execStep) {
        TransactionSteps s = steps.get();
        Optional<StepRecord> ours = s.recordOf(new TransactionSteps.Step(
                node.chainId(), signers.primary().getAddress(), execStep, TransactionSteps.intent(safeTxHash)));
        if (ours.isPresent()) {
            String sent = ours.get().transaction().hash();
            checkRecordedExecution(
                    node.receipt(sent), state.address(), safeTxHash, tx.nonce(), state.nonce(), execStep, sent);
            info.accept("Safe transaction " + safeTxHash + " (nonce " + tx.nonce() + ") was executed by this step"
                    + " already (journal step '" + execStep + "', transaction " + sent + "); nothing is signed or"
                    + " sent");
        } else {
            warn.accept("Safe transaction " + safeTxHash + " was signed for Safe nonce " + tx.nonce() + " by this step,"
                    + " and the Safe's nonce is now " + state.nonce() + ": it was executed by another pipeline, or"
                    + " replaced. Nothing is signed or sent. To propose the change again, give the step a new"
                    + " journalKey");
        }
        return new Result(safeTxHash, tx, List.of(), List.of(), state.threshold(), "done", null);
    }

    /**
     * Checks, for a re-run, the {@code execTransaction} this step recorded once the Safe's nonce
     * has moved past the transaction's: it must be mined with the Safe's {@code ExecutionSuccess}
     * for the hash.
     *
     * @param receipt the recorded transaction's receipt, empty if it is not mined
     * @param safe the Safe
     * @param safeTxHash the Safe transaction's hash
     * @param safeNonce the Safe nonce it was signed for
     * @param current the Safe's nonce now
     * @param execStep the journal step
     * @param sent the recorded transaction's hash
     * @throws SafeExecutionException if it is not mined (another Safe transaction used the
     *     nonce) or the Safe did not report executing the hash (the inner call failed)
     */
    static void checkRecordedExecution(
            Optional<TransactionReceipt> receipt,
            String safe,
            String safeTxHash,
            BigInteger safeNonce,
            BigInteger current,
            String execStep,
            String sent) {
        if (receipt.isEmpty()) {
            throw new SafeExecutionException("This step's execTransaction " + sent + " (journal step '" + execStep
                    + "') of Safe transaction " + safeTxHash + " is not mined, and the Safe's nonce is now " + current
                    + ": Safe nonce " + safeNonce + " was used by another Safe transaction, so this change was not"
                    + " executed. Check the Safe's history; to propose the change again, give the step a new"
                    + " journalKey");
        }
        try {
            requireExecutionSuccess(receipt.get(), safe, safeTxHash);
        } catch (SafeExecutionException e) {
            throw new SafeExecutionException("This step's execTransaction " + sent + " (journal step '" + execStep
                    + "') used Safe nonce " + safeNonce + " but the Safe did not report executing " + safeTxHash
                    + " (no ExecutionSuccess): the execution failed (ExecutionFailure, e.g. the inner call reverted"
                    + " with safeTxGas above 0) or the transaction reverted. The change was not executed. Check the"
                    + " call with eth_call from the Safe; to propose it again, give the step a new journalKey");
        }
    }

    /**
     * Checks the library a batch DELEGATECALLs.
     *
     * @param code its runtime code ({@code eth_getCode})
     * @param multiSend its address
     * @param chainId the chain id
     * @param allowDelegateCall whether other code than {@code MultiSendCallOnly}'s is allowed
     * @throws InvalidInputException ({@code multiSendCallOnly}) if it has no code, or code other
     *     than {@code MultiSendCallOnly} 1.3.0's or 1.4.1's ({@link MultiSend#isCallOnly}) without
     *     {@code allowDelegateCall}
     */
    static void checkBatchLibrary(byte[] code, String multiSend, long chainId, boolean allowDelegateCall) {
        if (code.length == 0) {
            throw new InvalidInputException(
                    "multiSendCallOnly",
                    multiSend + " has no code on chain " + chainId + ": the batch library MultiSendCallOnly is not"
                            + " deployed there. Set multiSendCallOnly to its address on this chain");
        }
        if (!MultiSend.isCallOnly(code) && !allowDelegateCall) {
            throw new InvalidInputException(
                    "multiSendCallOnly",
                    multiSend + " on chain " + chainId + " does not run the code of MultiSendCallOnly 1.3.0 or"
                            + " 1.4.1 (keccak256 of its eth_getCode differs), and a batch is a DELEGATECALL to it:"
                            + " other code would run with the Safe's storage and funds. Nothing was signed. Set"
                            + " multiSendCallOnly to MultiSendCallOnly's address on this chain, or set"
                            + " allowDelegateCall to true only for a library you have reviewed");
        }
    }

    /**
     * How a step without a proposal record looks for the same change executed before.
     *
     * @param allowRepeat {@code true}: do not look, sign the change for the Safe's current nonce
     *     even if it was executed before
     * @param fromBlock the first block whose {@code ExecutionSuccess} logs are searched
     */
    public record RepeatCheck(boolean allowRepeat, long fromBlock) {}

    /**
     * The same change executed before.
     *
     * @param nonce the Safe nonce it was executed at
     * @param safeTxHash its hash
     * @param transactionHash the transaction that executed it
     * @param blockNumber that transaction's block
     */
    public record PriorExecution(BigInteger nonce, String safeTxHash, String transactionHash, BigInteger blockNumber) {}

    /**
     * How many Safe nonces before the current one {@link #executedBefore} checks: 64.
     */
    public static final int REPEAT_WINDOW = 64;

    /**
     * Looks for the same change executed before: the {@code safeTxHash} of the transaction at
     * each of the {@link #REPEAT_WINDOW} Safe nonces below the current one, among the Safe's
     * {@code ExecutionSuccess} logs ({@code eth_getLogs}; the hash is indexed in 1.4.1, the first
     * data word in 1.3.0). Used when no proposal record pins the step's nonce, e.g. a re-run on a
     * fresh checkout with a local state store.
     *
     * @param node the node
     * @param chainId the chain id
     * @param state the Safe
     * @param at the change at a Safe nonce
     * @param fromBlock the first block searched
     * @return the latest such execution, if any
     * @throws InvalidInputException ({@code safeLogsFromBlock}) if the node refuses the search
     */
    public static Optional<PriorExecution> executedBefore(
            NodeClient node,
            long chainId,
            SafeState state,
            java.util.function.Function<BigInteger, SafeTransaction> at,
            long fromBlock) {
        if (state.nonce().signum() == 0) {
            return Optional.empty();
        }
        Map<String, BigInteger> hashes = new LinkedHashMap<>();
        BigInteger first =
                state.nonce().subtract(BigInteger.valueOf(REPEAT_WINDOW)).max(BigInteger.ZERO);
        for (BigInteger n = first; n.compareTo(state.nonce()) < 0; n = n.add(BigInteger.ONE)) {
            hashes.put(at.apply(n).hashHex(chainId, state.address()).toLowerCase(Locale.ROOT), n);
        }
        List<Log> logs;
        try {
            logs = node.logs(state.address(), EXECUTION_SUCCESS, fromBlock);
        } catch (RpcErrorException e) {
            throw new InvalidInputException(
                    "safeLogsFromBlock",
                    "the node refused eth_getLogs of the Safe " + state.address() + "'s ExecutionSuccess events"
                            + " from block " + fromBlock + " (" + e.getMessage() + "). kms-safe searches them for"
                            + " the same change executed before. Set safeLogsFromBlock to the block the Safe was"
                            + " created in, or use a node that serves the range");
        }
        PriorExecution found = null;
        for (Log log : logs) {
            if (!state.address().equalsIgnoreCase(log.getAddress())
                    || log.getTopics().isEmpty()
                    || !EXECUTION_SUCCESS.equalsIgnoreCase(log.getTopics().get(0))) {
                continue;
            }
            String data = log.getData() == null ? "" : Numeric.cleanHexPrefix(log.getData());
            String hash = log.getTopics().size() > 1
                    ? log.getTopics().get(1)
                    : data.length() >= 64 ? "0x" + data.substring(0, 64) : "";
            BigInteger nonce = hashes.get(hash.toLowerCase(Locale.ROOT));
            if (nonce != null) {
                found = new PriorExecution(nonce, hash, log.getTransactionHash(), log.getBlockNumber());
            }
        }
        return Optional.ofNullable(found);
    }

    private void propose(
            String key,
            Optional<StoredRecord> stored,
            String step,
            String intent,
            long chainId,
            String safe,
            BigInteger nonce,
            String safeTxHash) {
        byte[] content =
                Records.toBytes(new SafeProposal(Records.SCHEMA, step, intent, chainId, safe, nonce, safeTxHash));
        if (stored.isEmpty()) {
            journal.create(key, content);
        } else {
            SafeProposal old = Records.parse(journal, key, stored.get().content(), SafeProposal.class);
            if (!old.safeTxHash().equals(safeTxHash)) {
                info.accept("Step '" + step + "' proposed " + old.safeTxHash() + " (nonce " + old.nonce()
                        + ") before, with other parameters; it now proposes " + safeTxHash);
            }
            journal.replace(key, content, stored.get().version());
        }
    }

    private Receipt execute(
            SafeState state,
            SafeTransaction tx,
            String safeTxHash,
            Map<String, SafeSignature> collected,
            String execStep,
            TransactionRequest template) {
        byte[] data = execTransactionData(tx, SafeSignatures.forExecution(collected, state.threshold()));
        TransactionRequest request = new TransactionRequest(
                template.type(),
                template.chainId(),
                template.nonce(),
                state.address(),
                BigInteger.ZERO,
                data,
                template.gasLimit(),
                template.gasPriceWei(),
                template.maxFeePerGasWei(),
                template.maxPriorityFeePerGasWei(),
                template.accessList());
        TransactionSteps s = steps.get();
        info.accept("Executing " + safeTxHash + " with the signatures of "
                + String.join(
                        ", ",
                        collected.keySet().stream()
                                .sorted(String.CASE_INSENSITIVE_ORDER)
                                .limit(state.threshold())
                                .toList())
                + " (sorted by address), sent by " + signers.primary().getAddress());
        TransactionSteps.Lookup lookup = s.lookup(
                new TransactionSteps.Step(
                        node.chainId(), signers.primary().getAddress(), execStep, TransactionSteps.intent(safeTxHash)),
                false,
                "journalKey");
        TransactionSteps.Outcome outcome = s.run(lookup, request, signed -> {});
        Receipt receipt = outcome.receipt();
        TransactionReceipt full = node.receipt(receipt.transactionHash()).orElseThrow();
        requireExecutionSuccess(full, state.address(), safeTxHash);
        info.accept("The Safe executed " + safeTxHash + " in transaction " + receipt.transactionHash() + " (block "
                + receipt.blockNumber() + ", gas used " + receipt.gasUsed() + ")");
        return receipt;
    }

    /**
     * @param tx the Safe transaction
     * @param signatures the concatenated signatures, sorted by owner
     * @return the calldata of {@code execTransaction}
     */
    public static byte[] execTransactionData(SafeTransaction tx, byte[] signatures) {
        Function exec = new Function(
                "execTransaction",
                List.of(
                        new Address(tx.to()),
                        new Uint256(tx.value()),
                        new DynamicBytes(tx.dataBytes()),
                        new Uint8(tx.operation()),
                        new Uint256(tx.safeTxGas()),
                        new Uint256(tx.baseGas()),
                        new Uint256(tx.gasPrice()),
                        new Address(tx.gasToken()),
                        new Address(tx.refundReceiver()),
                        new DynamicBytes(signatures)),
                List.of());
        return Numeric.hexStringToByteArray(FunctionEncoder.encode(exec));
    }

    /**
     * @param receipt the {@code execTransaction} receipt
     * @param safe the Safe
     * @param safeTxHash the transaction's hash
     * @throws SafeExecutionException unless the Safe logged {@code ExecutionSuccess} for the
     *     hash (indexed in 1.4.1, in the data in 1.3.0)
     */
    public static void requireExecutionSuccess(TransactionReceipt receipt, String safe, String safeTxHash) {
        for (Log log : receipt.getLogs()) {
            if (!safe.equalsIgnoreCase(log.getAddress()) || log.getTopics().isEmpty()) {
                continue;
            }
            if (!EXECUTION_SUCCESS.equalsIgnoreCase(log.getTopics().get(0))) {
                continue;
            }
            String data = log.getData() == null ? "" : Numeric.cleanHexPrefix(log.getData());
            boolean indexed =
                    log.getTopics().size() > 1 && log.getTopics().get(1).equalsIgnoreCase(safeTxHash);
            boolean inData = data.length() >= 64 && ("0x" + data.substring(0, 64)).equalsIgnoreCase(safeTxHash);
            if (indexed || inData) {
                return;
            }
        }
        throw new SafeExecutionException("The Safe " + safe + " did not report executing " + safeTxHash
                + " (no ExecutionSuccess in transaction " + receipt.getTransactionHash()
                + "): the inner call failed (ExecutionFailure) or the transaction did something else. Check the"
                + " call with eth_call from the Safe, and safeTxGas");
    }
}
