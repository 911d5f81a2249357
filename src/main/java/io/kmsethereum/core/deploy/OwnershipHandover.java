package io.kmsethereum.core.deploy;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.KmsEthereumException;
import io.kmsethereum.core.abi.FunctionCall;
import io.kmsethereum.core.artifact.ContractArtifact;
import io.kmsethereum.core.crypto.Addresses;
import io.kmsethereum.core.rpc.CallRequest;
import io.kmsethereum.core.rpc.NodeClient;
import io.kmsethereum.core.tx.Receipt;
import io.kmsethereum.core.tx.TransactionRequest;
import io.kmsethereum.core.tx.TransactionSteps;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.Utils;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Type;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.AbiDefinition;
import org.web3j.utils.Numeric;

/**
 * Hands a deployed contract's ownership to another address (typically a Safe) right after the
 * deployment, once across re-runs and runners, and checks that it happened.
 *
 * <ol>
 *   <li>{@link #parse}: before anything else, the new owner must be an address other than the
 *       zero address, and the function ({@code transferOwnership(address)} by default) must take
 *       exactly one {@code address} and be in the contract's ABI, which must also have
 *       {@code owner()} to check the result with.</li>
 *   <li>{@link #check}: before anything is signed (before the deployment too), the new owner must
 *       not be the deployer and must have code on the chain (a Safe, a timelock), unless an
 *       account without code was asked for; a Safe is recognised ({@code getThreshold()},
 *       {@code getOwners()}) and described in the log.</li>
 *   <li>{@link #handOver}: after the deployment, the call is a step of {@link TransactionSteps}
 *       ({@link #stepName}: a nonce claim, the balance check, one KMS {@code Sign}, the record
 *       before the broadcast), so a re-run resumes it instead of signing again. Afterwards
 *       {@code owner()} must be the new owner; for two-step ownership (OpenZeppelin's
 *       {@code Ownable2Step}) {@code pendingOwner()} must be, and the log says that the new owner
 *       has to call {@code acceptOwnership()} (for a Safe: a Safe transaction). The result is
 *       written into the ledger record ({@link DeploymentRecord#ownershipTransfer()}); a run that
 *       finds it there sends nothing and only checks the chain again (a pending acceptance that
 *       has happened since becomes {@value OwnershipTransfer#ACCEPTED}).</li>
 * </ol>
 */
public final class OwnershipHandover {
    /** The function called when none is configured (OpenZeppelin {@code Ownable}, ERC-173). */
    public static final String DEFAULT_FUNCTION = "transferOwnership(address)";

    /** The parameter naming the new owner. */
    public static final String TO = "transferOwnershipTo";

    /** The parameter naming the function. */
    public static final String FUNCTION = "transferOwnershipFunction";

    /** The parameter allowing a new owner without code. */
    public static final String TO_EOA = "transferOwnershipToEoa";

    private static final String ZERO = "0x0000000000000000000000000000000000000000";

    private final NodeClient node;
    private final TransactionSteps steps;
    private final DeploymentLedger ledger;
    private final Consumer<String> log;
    private final Consumer<String> warn;

    /**
     * A checked hand-over of one contract.
     *
     * @param newOwner the new owner, EIP-55
     * @param function the one-address function to call
     * @param allowNoCode whether the new owner may be an address without code
     * @param twoStep whether the ABI has {@code pendingOwner()} and {@code acceptOwnership()}
     *     (two-step ownership)
     * @param contractName the contract's name, for messages
     */
    public record Request(
            String newOwner, FunctionCall function, boolean allowNoCode, boolean twoStep, String contractName) {}

    /**
     * What the hand-over did.
     *
     * @param transfer the transfer as the ledger now records it
     * @param sent whether a transaction was sent by this run (or resumed from an earlier one)
     * @param receipt its receipt, or {@code null} when nothing was sent
     */
    public record Result(OwnershipTransfer transfer, boolean sent, Receipt receipt) {}

    /**
     * @param node the node (code, calls)
     * @param steps the resume mechanism on the state store (the same as the deployment's)
     * @param ledger the deployment ledger on the same store
     * @param log progress lines
     * @param warn warnings: the recorded owner has changed since
     */
    public OwnershipHandover(
            NodeClient node,
            TransactionSteps steps,
            DeploymentLedger ledger,
            Consumer<String> log,
            Consumer<String> warn) {
        this.node = Objects.requireNonNull(node, "node");
        this.steps = Objects.requireNonNull(steps, "steps");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.log = Objects.requireNonNull(log, "log");
        this.warn = Objects.requireNonNull(warn, "warn");
    }

    /**
     * Checks a hand-over as configured; needs neither the node nor the key.
     *
     * @param newOwner {@value #TO} as configured, or blank for no hand-over
     * @param function {@value #FUNCTION} as configured, or blank for {@value #DEFAULT_FUNCTION}
     * @param allowNoCode {@value #TO_EOA}
     * @param contract the contract to be handed over (its ABI)
     * @return the request, or empty when {@code newOwner} is blank
     * @throws InvalidInputException ({@value #TO}) if it is not an address (EIP-55 checked) or is
     *     the zero address, or the ABI has no {@code owner()}; ({@value #FUNCTION}) if the function
     *     is not a signature of one {@code address} parameter or is not in the ABI
     */
    public static Optional<Request> parse(
            String newOwner, String function, boolean allowNoCode, ContractArtifact contract) {
        if (newOwner == null || newOwner.isBlank()) {
            return Optional.empty();
        }
        String owner = Addresses.parse(newOwner, TO);
        if (owner.equalsIgnoreCase(ZERO)) {
            throw new InvalidInputException(
                    TO,
                    "is the zero address: ownership handed to it is renounced for ever. Nothing was signed. To"
                            + " renounce ownership on purpose, call renounceOwnership() with kms-sign; else give the"
                            + " new owner's address (the Safe's)");
        }
        String text = function == null || function.isBlank() ? DEFAULT_FUNCTION : function.trim();
        FunctionCall call = FunctionCall.parse(text, FUNCTION);
        if (!call.types().equals(List.of("address"))) {
            throw new InvalidInputException(
                    FUNCTION,
                    "'" + text + "' takes (" + String.join(",", call.types()) + "), but the hand-over calls a"
                            + " function of exactly one address argument, the new owner: e.g. transferOwnership(address)"
                            + " or setOwner(address). Nothing was signed");
        }
        if (!hasFunction(contract, call.name(), List.of("address"), null)) {
            throw new InvalidInputException(
                    FUNCTION,
                    "'" + call.canonicalSignature() + "' is not a function of " + contract.describe()
                            + "; its functions of one address argument are " + oneAddressFunctions(contract)
                            + ". Nothing was signed. Name the contract's ownership transfer function, or remove "
                            + TO + " if the contract has no owner");
        }
        if (!hasFunction(contract, "owner", List.of(), "address")) {
            throw new InvalidInputException(
                    TO,
                    "is set, but " + contract.describe() + " has no owner() view returning an address, by which"
                            + " the hand-over is checked after the transfer (Ownable, Ownable2Step, ERC-173 have it)."
                            + " Nothing was signed. Remove " + TO + " for this contract, or deploy one with owner()");
        }
        boolean twoStep = hasFunction(contract, "pendingOwner", List.of(), "address")
                && hasFunction(contract, "acceptOwnership", List.of(), null);
        return Optional.of(new Request(owner, call, allowNoCode, twoStep, contract.name()));
    }

    /**
     * Checks the new owner on the chain before anything is signed, and describes it in the log.
     *
     * @param request the hand-over
     * @param deployer the deploying account, EIP-55
     * @param deploymentName the ledger name, for messages
     * @throws InvalidInputException ({@value #TO}) if the new owner is the deployer, or has no code
     *     and {@code allowNoCode} is not set
     * @throws KmsEthereumException for node errors
     */
    public void check(Request request, String deployer, String deploymentName) {
        String owner = request.newOwner();
        if (Addresses.same(owner, deployer)) {
            throw new InvalidInputException(
                    TO,
                    "is " + owner + ", the deploying key's own address: " + deploymentName + " is owned by it"
                            + " already, there is nothing to hand over. Nothing was signed. Give the new owner's address"
                            + " (the Safe's), or remove " + TO);
        }
        if (node.code(owner).length == 0) {
            if (!request.allowNoCode()) {
                throw new InvalidInputException(
                        TO,
                        owner + " has no code on chain id " + node.chainId() + " (eth_getCode at " + node.describe()
                                + "), so it is no Safe or other contract here: a Safe created on another chain exists"
                                + " on this one only once it is created here too, and a mistyped address has no code"
                                + " either. Nothing was signed. Create the Safe on this chain first, or set " + TO_EOA
                                + " to true to hand " + deploymentName
                                + " to an account without code (an EOA) on purpose");
            }
            log.accept(deploymentName + "'s owner after the hand-over: " + owner + ", an account without code ("
                    + TO_EOA + " is set)");
            return;
        }
        log.accept(deploymentName + "'s owner after the hand-over: " + owner + ", " + describeContract(owner));
    }

    /**
     * Hands a deployed contract over, or finds it handed over, and records that in the ledger.
     *
     * @param deployment the deployment as the ledger records it now
     * @param request the hand-over
     * @param deployer the deploying account (the owner before the transfer), EIP-55
     * @param template the deployment's transaction as configured, for the type, chain id and fees
     *     (its nonce, gas limit, recipient and data are not used)
     * @return what was recorded and whether anything was sent
     * @throws InvalidInputException ({@value #TO}) if the ledger records the contract handed to
     *     another address, or this step's transaction was mined for other parameters
     * @throws OwnershipTransferException if the deployer is not the owner before the transfer, or
     *     the new owner is neither {@code owner()} nor {@code pendingOwner()} after it
     * @throws io.kmsethereum.core.tx.InsufficientFundsException if the account cannot pay for the
     *     call (nothing is signed)
     * @throws io.kmsethereum.core.tx.TransactionRevertedException if the call reverts
     * @throws KmsEthereumException for node, KMS and store errors as raised by the parts
     */
    public Result handOver(DeploymentRecord deployment, Request request, String deployer, TransactionRequest template) {
        String name = deployment.deploymentName();
        String contract = deployment.address();
        long chainId = deployment.chainId();
        String location = ledger.location(chainId, name);
        String newOwner = request.newOwner();
        String signature = request.function().canonicalSignature();
        OwnershipTransfer recorded = deployment.ownershipTransfer();
        if (recorded != null) {
            if (!Addresses.same(recorded.to(), newOwner)) {
                throw new InvalidInputException(
                        TO,
                        "is " + newOwner + ", but the ledger " + location + " records " + name + " at " + contract
                                + " handed to " + recorded.to() + " (" + recorded.status() + ", transaction "
                                + recorded.transactionHash() + "), so its ownership is no longer the deployer's to"
                                + " give. Nothing was signed. A further change of owner is a transaction of "
                                + recorded.to() + " (for a Safe: a Safe transaction calling " + signature
                                + "); set " + TO + " back to " + recorded.to() + ", or deploy anew under another"
                                + " deploymentName");
            }
            return recheck(deployment, recorded, request, location);
        }

        TransactionSteps.Step step = new TransactionSteps.Step(
                chainId,
                deployer,
                stepName(name, deployment.generation()),
                TransactionSteps.intent(List.of(contract, signature, newOwner)));
        TransactionSteps.Lookup lookup = steps.lookup(
                step,
                false,
                TO,
                "deploy the contract anew under another deploymentName; the ledger " + location + " does not"
                        + " record that transaction's hand-over");
        TransactionSteps.Outcome outcome;
        if (lookup.resumes()) {
            log.accept("Resuming the hand-over of " + name + " that an earlier or another run sent: transaction "
                    + lookup.recorded().transaction().hash() + " (" + steps.location(step)
                    + "); nothing new is signed");
            Receipt receipt = steps.awaitAndFinish(
                    new TransactionSteps.Recorded(step, lookup.recorded(), lookup.version(), false), true);
            outcome = new TransactionSteps.Outcome(lookup.recorded().transaction(), receipt, true);
        } else {
            String owner = owner(contract, name);
            Optional<String> pending = request.twoStep() ? Optional.of(pendingOwner(contract, name)) : Optional.empty();
            if (Addresses.same(owner, newOwner)
                    || pending.filter(p -> Addresses.same(p, newOwner)).isPresent()) {
                OwnershipTransfer found = new OwnershipTransfer(
                        newOwner,
                        signature,
                        null,
                        null,
                        Addresses.same(owner, newOwner)
                                ? OwnershipTransfer.TRANSFERRED
                                : OwnershipTransfer.PENDING_ACCEPTANCE);
                log.accept(name + " at " + contract + " is handed to " + newOwner + " already ("
                        + (found.done() ? "owner()" : "pendingOwner()") + " is " + newOwner
                        + "); nothing was sent");
                return new Result(record(chainId, name, contract, found), false, null);
            }
            if (!Addresses.same(owner, deployer)) {
                throw new OwnershipTransferException("Cannot hand " + name + " at " + contract + " to " + newOwner
                        + ": its owner() is " + owner + ", not the deploying account " + deployer
                        + ", so a transfer from the deployer would revert. Nothing was signed. The owner " + owner
                        + " has to hand it over (for a Safe: a Safe transaction calling " + signature + ")");
            }
            log.accept("Handing " + name + " at " + contract + " to " + newOwner + ": "
                    + request.function().name() + "(" + newOwner + ")");
            outcome = steps.run(lookup, call(template, contract, request), tx -> {});
        }
        Receipt receipt = outcome.receipt();
        OwnershipTransfer transfer = verify(
                new OwnershipTransfer(
                        newOwner,
                        signature,
                        receipt.transactionHash(),
                        BigInteger.valueOf(receipt.blockNumber()),
                        OwnershipTransfer.TRANSFERRED),
                request,
                name,
                contract,
                deployer);
        return new Result(record(chainId, name, contract, transfer), true, receipt);
    }

    /**
     * The step of one contract's hand-over: {@code ownership-<name>} for the first deployment under
     * the name, {@code ownership<n>-<name>} for the n-th (each deployed contract is handed over
     * in its own step).
     *
     * @param deploymentName the ledger name
     * @param generation the deployment's generation
     * @return the step name
     */
    public static String stepName(String deploymentName, int generation) {
        return generation <= 1 ? "ownership-" + deploymentName : "ownership" + generation + "-" + deploymentName;
    }

    /** After the transfer: owner(), or for two-step ownership pendingOwner(), must be the new owner. */
    private OwnershipTransfer verify(
            OwnershipTransfer transfer, Request request, String name, String contract, String deployer) {
        String newOwner = request.newOwner();
        String owner = owner(contract, name);
        if (Addresses.same(owner, newOwner)) {
            log.accept("Handed " + name + " at " + contract + " to " + newOwner + " (transaction "
                    + transfer.transactionHash() + ", block " + transfer.block() + "); owner() is " + newOwner);
            return transfer;
        }
        if (request.twoStep()) {
            String pending = pendingOwner(contract, name);
            if (Addresses.same(pending, newOwner)) {
                log.accept(pendingMessage(name, contract, newOwner, owner, transfer.transactionHash()));
                return transfer.withStatus(OwnershipTransfer.PENDING_ACCEPTANCE);
            }
        }
        throw new OwnershipTransferException("The hand-over of " + name + " at " + contract + " did not take effect:"
                + " transaction " + transfer.transactionHash() + " (" + transfer.function() + " with " + newOwner
                + ") succeeded in block " + transfer.block() + ", yet owner() is " + owner
                + (request.twoStep() ? " and pendingOwner() is not " + newOwner : "") + ". The ledger does not"
                + " record a hand-over. Check that " + FUNCTION + " names the function that changes owner() (the"
                + " deployer " + deployer + " may still own the contract)");
    }

    private static String pendingMessage(String name, String contract, String newOwner, String owner, String tx) {
        return "Ownership of " + name + " at " + contract + " is pending"
                + (tx == null ? "" : " after transaction " + tx) + ": pendingOwner() is " + newOwner
                + " and owner() is still " + owner + " (two-step ownership, Ownable2Step). " + newOwner
                + " must accept it by calling acceptOwnership() on " + contract
                + "; for a Safe that is a Safe transaction (kms-safe with to " + contract
                + " and function acceptOwnership()). The ledger records the status pending-acceptance; running"
                + " this build again checks it and records accepted once owner() is " + newOwner;
    }

    /** A recorded hand-over: nothing is sent; the chain is checked again. */
    private Result recheck(DeploymentRecord deployment, OwnershipTransfer recorded, Request request, String location) {
        String name = deployment.deploymentName();
        String contract = deployment.address();
        String owner = owner(contract, name);
        String newOwner = recorded.to();
        if (OwnershipTransfer.PENDING_ACCEPTANCE.equals(recorded.status())) {
            if (Addresses.same(owner, newOwner)) {
                log.accept(newOwner + " has accepted the ownership of " + name + " at " + contract
                        + ": owner() is " + newOwner + "; recording the status accepted in " + location
                        + ". Nothing was sent");
                OwnershipTransfer accepted = recorded.withStatus(OwnershipTransfer.ACCEPTED);
                return new Result(record(deployment.chainId(), name, contract, accepted), false, null);
            }
            String pending = request.twoStep() ? pendingOwner(contract, name) : null;
            if (Addresses.same(pending, newOwner)) {
                log.accept("The ledger " + location + " records the hand-over of " + name + " (transaction "
                        + recorded.transactionHash() + "); nothing was sent. "
                        + pendingMessage(name, contract, newOwner, owner, null));
            } else {
                warn.accept("The ledger " + location + " records " + name + " at " + contract + " as pending"
                        + " acceptance by " + newOwner + ", but owner() is " + owner + " and pendingOwner() is "
                        + pending + ": its owner has changed it since. Nothing was sent");
            }
            return new Result(recorded, false, null);
        }
        if (Addresses.same(owner, newOwner)) {
            log.accept(name + " at " + contract + " was handed to " + newOwner + " (" + recorded.status()
                    + (recorded.transactionHash() == null ? "" : ", transaction " + recorded.transactionHash())
                    + ", in " + location + "); owner() is " + newOwner + ". Nothing was sent");
        } else {
            warn.accept("The ledger " + location + " records " + name + " at " + contract + " handed to " + newOwner
                    + ", but owner() is now " + owner + ": its owner has handed it on since. Nothing was sent");
        }
        return new Result(recorded, false, null);
    }

    private OwnershipTransfer record(long chainId, String name, String contract, OwnershipTransfer transfer) {
        return ledger.update(chainId, name, current -> {
                    if (!Addresses.same(current.address(), contract)) {
                        throw new OwnershipTransferException("The ledger record " + ledger.location(chainId, name)
                                + " names " + current.address() + " now, not " + contract
                                + ", whose hand-over this run made: another run deployed anew meanwhile. The"
                                + " hand-over of " + contract + " is not recorded in the ledger; its transaction is "
                                + transfer.transactionHash());
                    }
                    return current.withOwnershipTransfer(transfer);
                })
                .orElseThrow(() -> new OwnershipTransferException("The ledger record " + ledger.location(chainId, name)
                        + " is gone, so the hand-over of " + contract + " to " + transfer.to()
                        + " cannot be recorded; run the build again to record the deployment and its hand-over"))
                .ownershipTransfer();
    }

    private static TransactionRequest call(TransactionRequest template, String contract, Request request) {
        return new TransactionRequest(
                template.type(),
                template.chainId(),
                null, // a nonce of its own, claimed
                contract,
                BigInteger.ZERO,
                request.function().encode(List.of(request.newOwner()), TO),
                null, // estimated: the deployment's gas limit is not this call's
                template.gasPriceWei(),
                template.maxFeePerGasWei(),
                template.maxPriorityFeePerGasWei(),
                template.accessList());
    }

    private String owner(String contract, String name) {
        return address(contract, "owner()", name);
    }

    private String pendingOwner(String contract, String name) {
        return address(contract, "pendingOwner()", name);
    }

    /** A view of no arguments returning an address, by eth_call at latest. */
    private String address(String contract, String view, String name) {
        byte[] out = node.call(
                new CallRequest(
                        null,
                        contract,
                        BigInteger.ZERO,
                        FunctionCall.parse(view, "view").encode(List.of(), "view"),
                        null,
                        List.of()),
                null);
        if (out.length < 32) {
            throw new OwnershipTransferException(view + " of " + name + " at " + contract + " returned "
                    + Numeric.toHexString(out) + ", not an address (eth_call at " + node.describe()
                    + "); the hand-over cannot be checked. Is the contract at that address the one deployed?");
        }
        return Keys.toChecksumAddress(Numeric.toHexString(Arrays.copyOfRange(out, 12, 32)));
    }

    /** "a Safe (threshold 2 of 3 owners: …)" or "a contract (not a Safe: …)". */
    private String describeContract(String address) {
        try {
            byte[] threshold = node.call(
                    new CallRequest(
                            null,
                            address,
                            BigInteger.ZERO,
                            FunctionCall.parse("getThreshold()", "view").encode(List.of(), "view"),
                            null,
                            List.of()),
                    null);
            byte[] owners = node.call(
                    new CallRequest(
                            null,
                            address,
                            BigInteger.ZERO,
                            FunctionCall.parse("getOwners()", "view").encode(List.of(), "view"),
                            null,
                            List.of()),
                    null);
            if (threshold.length == 32 && owners.length >= 64) {
                @SuppressWarnings("unchecked")
                List<Type> decoded = FunctionReturnDecoder.decode(
                        Numeric.toHexString(owners),
                        Utils.convert(List.of(new TypeReference<DynamicArray<Address>>() {})));
                @SuppressWarnings("unchecked")
                List<Address> list = ((DynamicArray<Address>) decoded.get(0)).getValue();
                return "a Safe (threshold " + new BigInteger(1, threshold) + " of " + list.size() + " owners: "
                        + list.stream()
                                .map(a -> Keys.toChecksumAddress(a.getValue()))
                                .toList() + ")";
            }
        } catch (RuntimeException notASafe) {
            // a contract that is not a Safe: getThreshold() or getOwners() reverts or is absent
        }
        return "a contract (it has code; not a Safe: getThreshold() and getOwners() do not answer as a Safe's)";
    }

    private static boolean hasFunction(ContractArtifact contract, String name, List<String> inputs, String output) {
        for (AbiDefinition entry : contract.abi()) {
            if (!"function".equals(entry.getType()) || !name.equals(entry.getName())) {
                continue;
            }
            List<String> types = entry.getInputs() == null
                    ? List.of()
                    : entry.getInputs().stream()
                            .map(AbiDefinition.NamedType::getType)
                            .toList();
            if (!types.equals(inputs)) {
                continue;
            }
            if (output == null) {
                return true;
            }
            List<AbiDefinition.NamedType> outputs = entry.getOutputs() == null ? List.of() : entry.getOutputs();
            if (outputs.size() == 1 && output.equals(outputs.get(0).getType())) {
                return true;
            }
        }
        return false;
    }

    private static String oneAddressFunctions(ContractArtifact contract) {
        List<String> found = contract.abi().stream()
                .filter(e -> "function".equals(e.getType()))
                .filter(e -> e.getInputs() != null
                        && e.getInputs().size() == 1
                        && "address".equals(e.getInputs().get(0).getType()))
                .map(e -> e.getName() + "(address)")
                .distinct()
                .toList();
        return found.isEmpty() ? "none" : String.join(", ", found);
    }
}
