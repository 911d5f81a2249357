package io.kmsethereum.core.deploy;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.KmsEthereumException;
import io.kmsethereum.core.rpc.CallRequest;
import io.kmsethereum.core.rpc.NodeClient;
import io.kmsethereum.core.rpc.RpcErrorException;
import io.kmsethereum.core.tx.Receipt;
import io.kmsethereum.core.tx.ReceiptTimeoutException;
import io.kmsethereum.core.tx.RevertReasons;
import io.kmsethereum.core.tx.SignedTransaction;
import io.kmsethereum.core.tx.TransactionFiller;
import io.kmsethereum.core.tx.TransactionRequest;
import io.kmsethereum.core.tx.TransactionRevertedException;
import io.kmsethereum.core.tx.TransactionSteps;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.web3j.utils.Numeric;

/**
 * Deploys a contract and keeps the deployment ledger, so that running the same build again (on
 * this machine or, with a shared state store, on any runner) is safe:
 * <ol>
 *   <li>A ledger record of the same bytecode, arguments, value and salt whose address has code
 *       ({@code eth_getCode}) means the contract is there: nothing is sent.</li>
 *   <li>A record that differs (or whose address has no code any more) is a change, and the
 *       request's {@link OnChange} decides, for every request of a list before anything is
 *       signed: {@code fail} (the default except on local development chains) refuses,
 *       {@code keep} uses the recorded contract with a warning, {@code redeploy} deploys the
 *       next generation, and the ledger keeps the earlier one in its history. A transaction an
 *       earlier run already recorded for that next generation is finished whatever the policy.</li>
 *   <li>With a salt, the deterministic deployment proxy must have code; the CREATE2 address is
 *       computed before sending. Code already there means the same init code was deployed with
 *       the same salt: reported and recorded, nothing sent.</li>
 *   <li>Otherwise the deployment is a step of {@link TransactionSteps}, one per generation
 *       ({@link #stepName}): a transaction an earlier (or a concurrent) run recorded for it is
 *       resumed, nothing new is signed; else a nonce is claimed, the transaction filled, the
 *       balance checked against what every transaction of the list can cost, then signed,
 *       recorded, sent and awaited. The receipt must succeed and the address must have code; then
 *       the ledger record is written.</li>
 * </ol>
 * A constructor that reverts is caught by the node's gas estimate before anything is signed, and
 * the nonces claimed for the list are given back.
 */
public final class ContractDeployer {
    private final NodeClient node;
    private final TransactionSteps steps;
    private final DeploymentLedger ledger;
    private final Consumer<String> log;
    private final Consumer<String> warn;

    /**
     * @param node the node (chain id, code, receipts)
     * @param steps the resume mechanism on the state store: nonces, filling (a gas estimate that
     *     reverts throws {@link TransactionRevertedException}), the balance check, signing (one
     *     KMS {@code Sign}), the step records, broadcasting and waiting
     * @param ledger the deployment ledger on the same store
     * @param log progress lines, also used for warnings
     */
    public ContractDeployer(NodeClient node, TransactionSteps steps, DeploymentLedger ledger, Consumer<String> log) {
        this(node, steps, ledger, log, log);
    }

    /**
     * @param node the node (chain id, code, receipts)
     * @param steps the resume mechanism on the state store
     * @param ledger the deployment ledger on the same store
     * @param log progress lines
     * @param warn warnings: a recorded contract kept although it differs ({@link OnChange#KEEP})
     */
    public ContractDeployer(
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
     * @param request what to deploy and how
     * @param deployer the sending account (the signer's address), EIP-55
     * @return the ledger record and whether anything was sent
     * @throws InvalidInputException ({@code chainId}) if the configured chain id is not the
     *     node's, ({@code salt}) if the chain has no deterministic deployment proxy,
     *     ({@code onChange}) if the ledger records another deployment under the name and the
     *     policy refuses the change, ({@code deploymentName}) if this generation's step holds a
     *     transaction for other parameters
     * @throws io.kmsethereum.core.tx.InsufficientFundsException if the account cannot pay for the
     *     transaction (nothing is signed)
     * @throws TransactionRevertedException if the constructor reverts (in the gas estimate, or
     *     mined with status 0)
     * @throws DeploymentFailedException if the transaction succeeded but left no code
     * @throws KmsEthereumException for node, KMS and file errors as raised by the parts
     */
    public DeploymentResult deploy(DeploymentRequest request, String deployer) {
        return deployAll(List.of(request), deployer).get(0);
    }

    /**
     * Deploys several contracts without waiting for one block per contract: each request is
     * checked as {@link #deploy} does (resumed from its pending record, skipped when the ledger
     * and the chain have it), then every one still to send is filled (consecutive nonces from
     * the {@code fill} function's allocator) before any is signed, signed and recorded as
     * pending, and broadcast; only then are the receipts awaited, in order, and each ledger
     * record written. With a block time of T seconds, n deployments take about T rather than
     * n × T.
     *
     * @param requests what to deploy, in nonce order; distinct deployment names
     * @param deployer the sending account (the signer's address), EIP-55
     * @return one result per request, in the same order
     * @throws InvalidInputException ({@code contracts}) if two requests share a deployment name,
     *     ({@code onChange}) naming every request whose change the policy refuses, before any is
     *     signed, and as {@link #deploy}
     * @throws io.kmsethereum.core.tx.InsufficientFundsException if the account cannot pay for all
     *     the transactions to sign (nothing is signed)
     * @throws TransactionRevertedException if a constructor reverts in its gas estimate (nothing
     *     is signed then) or a deployment is mined with status 0 (the others stay sent; a re-run
     *     finishes them from their pending records)
     * @throws DeploymentFailedException if a transaction succeeded but left no code
     * @throws KmsEthereumException for node, KMS and file errors as raised by the parts
     */
    public List<DeploymentResult> deployAll(List<DeploymentRequest> requests, String deployer) {
        Set<String> names = new HashSet<>();
        for (DeploymentRequest request : requests) {
            if (!names.add(request.deploymentName())) {
                throw new InvalidInputException(
                        "contracts",
                        "names deployment " + request.deploymentName() + " twice; give each"
                                + " entry its own deploymentName. Nothing was sent");
            }
        }
        long chainId = node.chainId();
        for (DeploymentRequest request : requests) {
            TransactionFiller.checkChainId(request.transaction().chainId(), node);
        }
        List<Plan> plans = new ArrayList<>();
        for (DeploymentRequest request : requests) {
            plans.add(prepare(request, deployer, chainId));
        }
        if (plans.stream().anyMatch(p -> p.refusal() != null)) {
            throw refused(plans, requests, chainId);
        }
        List<TransactionSteps.Prepared> claimed = new ArrayList<>();
        List<TransactionSteps.Recorded> recorded = new ArrayList<>();
        boolean fresh =
                plans.stream().anyMatch(p -> p.lookup() != null && !p.lookup().resumes());
        if (fresh) {
            steps.checkUnknownPending(chainId, deployer);
        }
        // claim and fill every transaction before signing any: a reverting constructor stops the
        // batch unsigned, and its nonces are given back
        List<TransactionRequest> complete = new ArrayList<>();
        try {
            for (Plan plan : plans) {
                if (plan.lookup() == null || plan.lookup().resumes()) {
                    claimed.add(null);
                    complete.add(null);
                    continue;
                }
                TransactionSteps.Prepared prepared =
                        steps.claim(plan.lookup(), plan.transaction().nonce());
                claimed.add(prepared);
                try {
                    complete.add(steps.fill(prepared, plan.transaction()));
                } catch (TransactionRevertedException e) {
                    throw constructorReverted(
                            plan.request().initCode(),
                            deployer,
                            plan.request().transaction().valueWei(),
                            e);
                }
            }
            // the account must be able to pay for all of them before the first is signed
            steps.checkFunds(
                    chainId,
                    deployer,
                    complete.stream().filter(Objects::nonNull).toList());
            for (int i = 0; i < plans.size(); i++) {
                Plan plan = plans.get(i);
                if (plan.lookup() == null) {
                    recorded.add(null);
                } else if (plan.lookup().resumes()) {
                    recorded.add(new TransactionSteps.Recorded(
                            plan.lookup().step(),
                            plan.lookup().recorded(),
                            plan.lookup().version(),
                            false));
                } else {
                    SignedTransaction tx = steps.sign(complete.get(i));
                    recorded.add(steps.record(claimed.get(i), tx));
                    claimed.set(i, null); // recorded (or released when another run won): nothing to give back
                }
            }
        } catch (RuntimeException e) {
            for (TransactionSteps.Prepared prepared : claimed) {
                if (prepared != null) {
                    steps.release(prepared);
                }
            }
            throw e;
        }
        long toSend = recorded.stream().filter(r -> r != null && r.ours()).count();
        if (toSend > 1) {
            log.accept("Broadcasting " + toSend + " deployments before waiting for their receipts");
        }
        for (TransactionSteps.Recorded r : recorded) {
            if (r != null && r.ours()) {
                steps.broadcast(r);
            }
        }
        List<DeploymentResult> results = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            Plan plan = plans.get(i);
            DeploymentRequest request = plan.request();
            if (plan.done() != null) {
                results.add(plan.done());
                continue;
            }
            TransactionSteps.Recorded r = recorded.get(i);
            if (!r.ours()) {
                log.accept("Resuming the deployment of " + request.deploymentName() + " that an earlier or another run"
                        + " sent: transaction " + r.record().transaction().hash() + " ("
                        + steps.location(r.step()) + "); nothing new is signed");
            }
            Receipt receipt = await(r, request.initCode(), !r.ours());
            results.add(finish(request, deployer, chainId, plan.saltHex(), plan.predicted(), receipt));
        }
        return results;
    }

    /**
     * One request after the ledger and chain checks: either {@code done} (nothing to send),
     * {@code refusal} (the ledger records another deployment and {@code onChange} does not allow
     * this one: the sentence for the message), or the step's {@code lookup} (an earlier run's
     * transaction to resume, or a fresh one) with the {@code transaction} to fill, sign and send.
     */
    private record Plan(
            DeploymentRequest request,
            String saltHex,
            String predicted,
            TransactionRequest transaction,
            TransactionSteps.Lookup lookup,
            DeploymentResult done,
            String refusal) {
        static Plan done(DeploymentRequest request, DeploymentResult done) {
            return new Plan(request, null, null, null, null, done, null);
        }

        static Plan refused(DeploymentRequest request, String refusal) {
            return new Plan(request, null, null, null, null, null, refusal);
        }
    }

    /**
     * The step of one deployment under a ledger name: {@code deployment-<name>} for the first,
     * {@code deployment<n>-<name>} for the n-th (a redeployment), so that each deployment under
     * a name is a step of its own and the finished step of an earlier contract does not stand in
     * the way of the next. No deployment name can produce another's step name: every first
     * deployment's step starts with {@code deployment-}.
     *
     * @param deploymentName the ledger name
     * @param generation 1 for the first deployment under that name, 2 for the next, …
     * @return the step name
     */
    public static String stepName(String deploymentName, int generation) {
        return generation <= 1 ? "deployment-" + deploymentName : "deployment" + generation + "-" + deploymentName;
    }

    private Plan prepare(DeploymentRequest request, String deployer, long chainId) {
        String name = request.deploymentName();
        InitCode initCode = request.initCode();
        String saltHex = request.salt() == null ? null : Numeric.toHexString(request.salt());
        BigInteger value = request.transaction().valueWei();
        String location = ledger.location(chainId, name);

        Optional<DeploymentRecord> recorded = ledger.read(chainId, name);
        int generation = recorded.map(r -> r.generation() + 1).orElse(1);
        TransactionSteps.Step step = new TransactionSteps.Step(
                chainId,
                deployer,
                stepName(name, generation),
                TransactionSteps.intent(List.of(
                        initCode.bytecodeHash(),
                        initCode.encodedArgumentsHex(),
                        saltHex == null ? "" : saltHex,
                        value.toString())));
        if (recorded.isPresent()) {
            DeploymentRecord r = recorded.get();
            List<String> changes = new ArrayList<>(r.differences(initCode, saltHex, value));
            boolean hasCode = node.code(r.address()).length > 0;
            if (changes.isEmpty() && hasCode) {
                log.accept(name + " is up to date: the ledger " + location
                        + " records the same bytecode, arguments and value at " + r.address()
                        + ", which has code. Nothing was sent (to deploy another copy, give it a new deploymentName)");
                return Plan.done(request, new DeploymentResult(r, location, false, null));
            }
            if (!hasCode) {
                changes.add("the chain has no code at " + r.address() + " (a reset chain, or a contract that"
                        + " destroyed itself)");
            }
            String differs = name + " differs from the deployment the ledger records (generation " + r.generation()
                    + " at " + r.address() + ", in " + location + "): " + String.join(", ", changes) + ".";
            OnChange policy = request.onChange() != null ? request.onChange() : OnChange.defaultFor(chainId);
            if (steps.recorded(step)) {
                log.accept(differs + " An earlier run already signed " + name + " as generation " + generation
                        + " (step " + step.name() + "); finishing that deployment, whatever onChange says");
            } else if (policy == OnChange.FAIL) {
                return Plan.refused(request, differs);
            } else if (policy == OnChange.KEEP) {
                if (!hasCode) {
                    return Plan.refused(
                            request,
                            name + " has no contract to keep: the chain has no code at " + r.address()
                                    + ", where the ledger (" + location + ") records generation " + r.generation()
                                    + ".");
                }
                warn.accept(differs + " onChange is keep: using the recorded contract at " + r.address()
                        + "; nothing was sent, and the contract there is not the one configured");
                return Plan.done(request, new DeploymentResult(r, location, false, null));
            } else {
                log.accept(differs + " onChange is " + policy + ": deploying it as generation " + generation
                        + "; the ledger keeps generation " + r.generation() + " in its history");
            }
        }

        TransactionSteps.Lookup lookup = steps.lookup(
                step,
                false,
                "deploymentName",
                "deploy it under a new deploymentName. The ledger (" + location + ") does not record that"
                        + " transaction's contract: to record it as generation " + generation
                        + ", run the build once with the parameters that sent it, then with the new ones");
        if (request.salt() == null) {
            return new Plan(
                    request,
                    null,
                    null,
                    destination(request.transaction(), null, initCode.bytes()),
                    lookup,
                    null,
                    null);
        }
        if (node.code(Create2.PROXY).length == 0) {
            throw new InvalidInputException(
                    "salt",
                    "CREATE2 deployment needs the deterministic deployment proxy at "
                            + Create2.PROXY + ", but the chain at " + node.describe() + " (chain id " + chainId
                            + ") has no code"
                            + " there. Deploy the proxy first (its presigned transaction is published at"
                            + " github.com/Arachnid/deterministic-deployment-proxy), or remove salt for a plain deployment."
                            + " Nothing was sent");
        }
        String predicted = Create2.address(request.salt(), initCode.bytes());
        log.accept("CREATE2 address of " + name + " with salt " + saltHex + ": " + predicted);
        if (!lookup.resumes() && node.code(predicted).length > 0) {
            log.accept(name + " is already deployed at " + predicted + " (same salt and init code); nothing was sent");
            DeploymentRecord previous = recorded.filter(r -> predicted.equalsIgnoreCase(r.address()))
                    .orElse(null);
            DeploymentRecord record = record(
                    request,
                    chainId,
                    predicted,
                    previous == null ? null : previous.transactionHash(),
                    previous == null ? null : previous.blockNumber(),
                    previous == null ? null : previous.deployer(),
                    saltHex);
            return Plan.done(request, new DeploymentResult(ledger.write(record), location, false, null));
        }
        return new Plan(
                request,
                saltHex,
                predicted,
                destination(
                        request.transaction(), Create2.PROXY, Create2.proxyCalldata(request.salt(), initCode.bytes())),
                lookup,
                null,
                null);
    }

    /**
     * The one failure for every request of the list that {@code onChange} refuses, before
     * anything is signed.
     */
    private static InvalidInputException refused(List<Plan> plans, List<DeploymentRequest> requests, long chainId) {
        List<String> refusals =
                plans.stream().map(Plan::refusal).filter(Objects::nonNull).toList();
        // one policy for the whole execution: that of any refused request
        OnChange policy = plans.stream()
                .filter(p -> p.refusal() != null)
                .findFirst()
                .orElseThrow()
                .request()
                .onChange();
        OnChange effective = policy != null ? policy : OnChange.defaultFor(chainId);
        String how = effective == OnChange.KEEP
                ? "onChange is keep, but there is no contract to keep. To deploy it again: set onChange to redeploy"
                : "onChange is fail"
                        + (policy == null
                                ? " (the default on chain id " + chainId + "; only the local development chains"
                                        + " 31337 and 1337 redeploy by default)"
                                : "")
                        + ". To deploy the new version, with the old one kept in the ledger's history:"
                        + " set onChange to redeploy; to deploy it beside the old one: a new deploymentName;"
                        + " to go on using the recorded contract: set onChange to keep";
        return new InvalidInputException(
                "onChange",
                (requests.size() > 1
                                ? refusals.size() + " of the " + requests.size() + " deployments cannot go ahead. "
                                : "")
                        + String.join(" ", refusals)
                        + " Nothing was signed" + (requests.size() > 1 ? " for any of them. " : ". ") + how);
    }

    private Receipt await(TransactionSteps.Recorded recorded, InitCode initCode, boolean resume) {
        SignedTransaction signed = recorded.record().transaction();
        try {
            // resume: wait if the node has it, broadcast the same bytes again if it lost it and the nonce is free
            return steps.awaitAndFinish(recorded, resume);
        } catch (TransactionRevertedException e) {
            throw new TransactionRevertedException(
                    "The deployment of " + initCode.contract().name() + " reverted: " + e.getMessage(),
                    e.reason(),
                    e.receipt(),
                    e);
        } catch (ReceiptTimeoutException e) {
            // unlike a plain kms-sign, a re-run does not sign anew: it finds the step record
            throw new ReceiptTimeoutException(
                    "No receipt in time for the deployment of "
                            + initCode.contract().name()
                            + ": transaction " + signed.hash() + " (nonce " + signed.nonce() + " from " + signed.from()
                            + ") was sent"
                            + " and may still be mined. Running the build again waits for this same transaction (recorded in "
                            + steps.location(recorded.step())
                            + ") and signs nothing new; raise receiptTimeout if the chain is slow",
                    signed.hash());
        }
    }

    private DeploymentResult finish(
            DeploymentRequest request,
            String deployer,
            long chainId,
            String saltHex,
            String predicted,
            Receipt receipt) {
        String name = request.deploymentName();
        String address = predicted != null ? predicted : receipt.contractAddress();
        if (address == null) {
            throw new DeploymentFailedException("Transaction " + receipt.transactionHash() + " succeeded in block "
                    + receipt.blockNumber() + " but its receipt names no contract address; it did not create " + name
                    + ". Check the transaction in a block explorer");
        }
        if (node.code(address).length == 0) {
            throw new DeploymentFailedException("Transaction " + receipt.transactionHash() + " succeeded in block "
                    + receipt.blockNumber() + " but there is no code at " + address + ", where it should have created "
                    + name
                    + (predicted != null
                            ? " through the CREATE2 proxy (does " + Create2.PROXY
                                    + " on this chain behave like the deterministic deployment proxy?)"
                            : " (a constructor that returns no code?)"));
        }
        DeploymentRecord record = record(
                request,
                chainId,
                address,
                receipt.transactionHash(),
                BigInteger.valueOf(receipt.blockNumber()),
                deployer,
                saltHex);
        return new DeploymentResult(ledger.write(record), ledger.location(chainId, name), true, receipt);
    }

    private static DeploymentRecord record(
            DeploymentRequest request,
            long chainId,
            String address,
            String transactionHash,
            BigInteger blockNumber,
            String deployer,
            String saltHex) {
        InitCode initCode = request.initCode();
        return new DeploymentRecord(
                request.deploymentName(),
                initCode.contract().name(),
                chainId,
                address,
                transactionHash,
                blockNumber,
                deployer,
                initCode.bytecodeHash(),
                initCode.arguments(),
                initCode.encodedArgumentsHex(),
                request.transaction().valueWei().toString(),
                saltHex,
                saltHex == null ? null : Create2.PROXY,
                request.libraries().isEmpty() ? null : new TreeMap<>(request.libraries()),
                request.artifact(),
                initCode.contract().abiJson(),
                1, // the ledger places it after the record it finds (DeploymentRecord.after)
                java.time.Instant.now()
                        .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        .toString(),
                List.of());
    }

    private static TransactionRequest destination(TransactionRequest t, String to, byte[] data) {
        return new TransactionRequest(
                t.type(),
                t.chainId(),
                t.nonce(),
                to,
                t.valueWei(),
                data,
                t.gasLimit(),
                t.gasPriceWei(),
                t.maxFeePerGasWei(),
                t.maxPriorityFeePerGasWei(),
                t.accessList());
    }

    /**
     * The gas estimate reverted. Through the CREATE2 proxy the constructor's reason is lost (the
     * proxy reverts without data), so the plain creation is simulated with {@code eth_call} to
     * find it.
     */
    private TransactionRevertedException constructorReverted(
            InitCode initCode, String deployer, BigInteger value, TransactionRevertedException e) {
        String reason = e.reason();
        if (reason == null) {
            try {
                node.call(new CallRequest(deployer, null, value, initCode.bytes(), null, List.of()), null);
            } catch (RpcErrorException callError) {
                if (RevertReasons.isRevert(callError)) {
                    reason = RevertReasons.reason(callError);
                }
            } catch (KmsEthereumException ignored) {
                // keep the estimate's message
            }
        }
        return new TransactionRevertedException(
                "The " + initCode.contract().name() + " constructor reverts"
                        + (reason == null ? " (the node gave no reason)" : ": " + reason)
                        + ". The node found this while estimating"
                        + " gas at " + node.describe()
                        + "; nothing was signed or sent. Check constructorArgs, value and libraries",
                reason,
                null,
                e);
    }
}
