package io.kmsethereum.maven;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.artifact.Artifacts;
import io.kmsethereum.core.artifact.ContractArtifact;
import io.kmsethereum.core.deploy.ContractDeployer;
import io.kmsethereum.core.deploy.Create2;
import io.kmsethereum.core.deploy.DeploymentLedger;
import io.kmsethereum.core.deploy.DeploymentRequest;
import io.kmsethereum.core.deploy.DeploymentResult;
import io.kmsethereum.core.deploy.InitCode;
import io.kmsethereum.core.deploy.OnChange;
import io.kmsethereum.core.deploy.OwnershipHandover;
import io.kmsethereum.core.input.Amounts;
import io.kmsethereum.core.rpc.NodeClient;
import io.kmsethereum.core.signer.KmsSigner;
import io.kmsethereum.core.store.StateStore;
import io.kmsethereum.core.tx.TransactionFiller;
import io.kmsethereum.core.tx.TransactionRequest;
import io.kmsethereum.core.tx.TransactionSender;
import io.kmsethereum.core.tx.TransactionSteps;
import io.kmsethereum.core.tx.TransactionType;
import io.kmsethereum.core.verify.VerificationInput;
import io.kmsethereum.core.verify.Verifier;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.web3j.utils.Numeric;

/**
 * Deploys a compiled contract with the KMS account and waits for it: the receipt must succeed
 * and the new address must have code. Records the deployment in the ledger
 * {@code <deploymentsDirectory>/<chainId>/<deploymentName>.json}; a later run with the same
 * bytecode and arguments, whose address still has code, sends nothing, and a changed contract
 * fails, redeploys or keeps the recorded one as {@code onChange} says (the ledger keeps every
 * earlier deployment in its history). The account's balance must cover what the transactions
 * can cost before anything is signed. With {@code verifiers}, each contract's source is then
 * verified (Sourcify, Etherscan, Blockscout) and the results recorded in the ledger. With {@code salt} the
 * contract is created with CREATE2 through the deterministic deployment proxy
 * {@code 0x4e59b44847b379578588920cA78FbF26c0B4956C}, at an address known before sending. With
 * {@code transferOwnershipTo} the contract's ownership is handed to that address (a Safe) after
 * the deployment, once across re-runs, and {@code owner()} is checked afterwards. Sets
 * {@code kms.contractAddress} (name configurable).
 *
 * @since 0.1.0
 */
@Mojo(name = "kms-deploy-contract", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class KmsDeployContractMojo extends AbstractVerifyingMojo {
    /** Receipt poll interval for a {@code contracts} list, in milliseconds. */
    private static final long BATCH_POLL_MILLIS = 250;

    /**
     * The compiled contract: a Foundry artifact ({@code out/X.sol/X.json}), a Hardhat artifact,
     * {@code solc --combined-json abi,bin} output, solc standard-JSON output, or a {@code .bin}
     * file with a sibling {@code .abi}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.artifact")
    private File artifact;

    /**
     * Several contracts to deploy in this one execution, instead of {@code artifact}: each
     * {@code <contract>} has {@code artifact} (required), {@code contractName},
     * {@code constructorArgs}, {@code libraries}, {@code value}, {@code salt},
     * {@code deploymentName} (default the contract name; distinct within the list),
     * {@code contractAddressProperty} (default {@code kms.contractAddress.<deploymentName>}),
     * {@code transferOwnershipTo}, {@code transferOwnershipFunction} and
     * {@code transferOwnershipToEoa} (the last two default to the goal's), meaning what the
     * single-contract parameters of the same names mean. Every entry is checked
     * before anything is signed; the ones the ledger lacks are signed with consecutive nonces
     * and all broadcast before the receipts are awaited, so n deployments take about one block
     * instead of n. {@code onChange} and the fee, gas and wait parameters apply to every entry;
     * {@code nonce} cannot be set with a list.
     *
     * @since 0.1.0
     */
    @Parameter
    private List<ContractEntry> contracts;

    /**
     * The contract to deploy when the artifact holds several: its name ({@code Holder}) or fully
     * qualified name ({@code src/Holder.sol:Holder}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.contractName")
    private String contractName;

    /**
     * Constructor arguments, one per constructor parameter, typed by the ABI constructor:
     * addresses as {@code 0x} hex, {@code uintN}/{@code intN} decimal or {@code 0x} hex,
     * {@code true}/{@code false}, {@code bytesN}/{@code bytes} as {@code 0x} hex, strings as they
     * are, arrays as {@code [a, b]}, tuples (structs) as {@code (a, b)}, nested freely
     * ({@code [(1, true), (2, false)]}); inside them an element holding {@code , [ ] ( )} or
     * {@code "} goes in double quotes ({@code "a, b"}, {@code \"} for a quote). In the POM each
     * {@code <arg>} is one argument, as written. On the command line the list is one text,
     * split at the commas outside brackets, parentheses and quotes:
     * {@code -Dkms.constructorArgs='0x…,[1,2,3],(0x…,[10,20],"a, b")'}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.constructorArgs")
    private List<String> constructorArgs;

    /**
     * Library addresses for link placeholders in the bytecode, by library name:
     * {@code <libraries><MathLib>0x…</MathLib></libraries>}.
     *
     * @since 0.1.0
     */
    @Parameter
    private Map<String, String> libraries;

    /**
     * Wei sent to a payable constructor, with a unit: {@code 0.01 ether}, {@code 21 gwei}; a bare
     * integer is wei.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.value")
    private String value;

    /**
     * CREATE2 salt: {@code 0x} and up to 64 hex digits (padded on the left to 32 bytes) or a
     * decimal number. The contract is created through the deterministic deployment proxy
     * {@code 0x4e59b44847b379578588920cA78FbF26c0B4956C} at
     * {@code keccak256(0xff ‖ proxy ‖ salt ‖ keccak256(initCode))[12:]}, the same address on
     * every chain that has the proxy. Without it, a plain creation.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.salt")
    private String salt;

    /**
     * Name of the deployment in the ledger (the file name without {@code .json}). Default: the
     * contract name. Give each execution that deploys the same contract its own name.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.deploymentName")
    private String deploymentName;

    /**
     * Root of the deployment ledger; records go to {@code <chainId>/<deploymentName>.json} below
     * it. Commit it, so that every build knows what is deployed.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.deploymentsDirectory", defaultValue = "${project.basedir}/deployments")
    private File deploymentsDirectory;

    /**
     * What a change does: the ledger records a deployment under this {@code deploymentName} with
     * other bytecode, constructor arguments, value or salt, or the recorded address has no code
     * any more. {@code fail}: stop before anything is signed, naming the deployment and what
     * changed. {@code redeploy}: deploy the configured contract; the ledger record points at the
     * new one and keeps the earlier deployment in its {@code history}. {@code keep}: send
     * nothing, go on using the recorded contract (its address is exported) and warn that it
     * differs. Default: {@code redeploy} on a local development chain (chain id 31337: Anvil,
     * Hardhat; 1337: geth {@code --dev}, Ganache), {@code fail} on every other chain. Applies to
     * each entry of {@code contracts}; if it refuses one entry, nothing of the list is signed.
     * (Replaces the earlier {@code redeploy} flag: to deploy another copy of an unchanged contract, give
     * it a new {@code deploymentName}.)
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.onChange")
    private String onChange;

    /**
     * After the deployment, hand the contract's ownership to this address (typically a Safe):
     * {@code transferOwnershipFunction} is called with it as a transaction of its own, sent once
     * across re-runs like the deployment, and afterwards {@code owner()} must be this address (for
     * two-step ownership such as OpenZeppelin's {@code Ownable2Step}: {@code pendingOwner()}, and
     * the new owner then calls {@code acceptOwnership()}, for a Safe as a Safe transaction). The
     * result goes into the ledger record's {@code ownershipTransfer}. The address must have code
     * (a Safe, a timelock) unless {@code transferOwnershipToEoa} is set, and must not be the
     * deployer's; the ABI must have the function and {@code owner()}. All checked before anything
     * is signed. With a {@code contracts} list, set it on each entry instead.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.transferOwnershipTo")
    private String transferOwnershipTo;

    /**
     * The function that hands the ownership over: a signature of exactly one {@code address}
     * parameter that the contract's ABI has, e.g. {@code setOwner(address)}. Also the default of
     * every {@code contracts} entry.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.transferOwnershipFunction", defaultValue = OwnershipHandover.DEFAULT_FUNCTION)
    private String transferOwnershipFunction = OwnershipHandover.DEFAULT_FUNCTION;

    /**
     * Allow {@code transferOwnershipTo} to be an address without code on the chain (an externally
     * owned account: a hardware wallet, another KMS key). Without it, an address without code
     * fails before anything is signed, since a Safe that is meant there but exists only on
     * another chain, or a mistyped address, has no code either. Also the default of every
     * {@code contracts} entry.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.transferOwnershipToEoa", defaultValue = "false")
    private boolean transferOwnershipToEoa;

    /**
     * Project property that receives the contract address (EIP-55); give executions different
     * names to export several addresses.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.deployContract.contractAddressProperty", defaultValue = "kms.contractAddress")
    private String contractAddressProperty = "kms.contractAddress";

    /**
     * Skip this goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.deployContract.skip", defaultValue = "false")
    private boolean skipDeployContract;

    /**
     * @param settingsDecrypter decrypts settings.xml passwords
     */
    @Inject
    public KmsDeployContractMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected boolean isGoalSkipped() {
        return skipDeployContract;
    }

    @Override
    protected void process() {
        if (blankToNull(rpcUrl) == null) {
            throw new InvalidInputException(
                    "rpcUrl",
                    "is required: kms-deploy-contract sends the deployment and waits for"
                            + " it; set it to the JSON-RPC endpoint of the chain");
        }
        if (TransactionType.parse(txType, "txType") == TransactionType.EIP7702) {
            throw new InvalidInputException(
                    "txType",
                    "is eip7702, but a set-code transaction cannot create a contract (EIP-7702)."
                            + " Deploy with eip1559 (the default), eip2930 or legacy, then delegate with kms-sign");
        }
        OnChange policy = OnChange.parse(onChange, "onChange");
        List<Prepared> batch = contracts == null || contracts.isEmpty() ? List.of(single(policy)) : batch(policy);
        List<DeploymentRequest> requests = batch.stream().map(Prepared::request).toList();
        List<Verifier> verifierList = verifierList();
        List<VerificationInput> inputs = verifierList.isEmpty()
                ? List.of()
                : requests.stream()
                        .map(r -> verificationInput(r.initCode().contract()))
                        .toList();
        try (NodeClient node = openNode()) {
            TransactionFiller filler = checkBeforeKms(node, requests.get(0).transaction());
            StateStore store = stateStore(deploymentsDirectory);
            KmsSigner signer = signer();
            TransactionSteps steps =
                    transactionSteps(store, node, filler, signer, batch.size() > 1 ? batchSender(node) : sender(node));
            DeploymentLedger ledger = new DeploymentLedger(store);
            ContractDeployer deployer = new ContractDeployer(node, steps, ledger, getLog()::info, getLog()::warn);
            OwnershipHandover handover = new OwnershipHandover(node, steps, ledger, getLog()::info, getLog()::warn);
            for (Prepared p : batch) {
                if (p.handover() != null) {
                    checkHandover(handover, p, signer.getAddress());
                }
            }
            List<DeploymentResult> results = deployer.deployAll(requests, signer.getAddress());
            for (int i = 0; i < results.size(); i++) {
                DeploymentResult result = results.get(i);
                String property = batch.get(i).addressProperty();
                getLog().info((result.sent() ? "Deployed " : "Using ")
                        + result.record().contractName() + " at " + result.address()
                        + (result.record().transactionHash() == null
                                ? ""
                                : " (transaction " + result.record().transactionHash() + ", block "
                                        + result.record().blockNumber() + ")")
                        + "; ledger "
                        + result.ledgerFile());
                setProperty(property, result.address());
                getLog().info(property + " = " + result.address());
            }
            // ownership first: a verification that fails must not leave the contract with the deployer
            for (int i = 0; i < results.size(); i++) {
                Prepared p = batch.get(i);
                if (p.handover() != null) {
                    handover.handOver(
                            results.get(i).record(),
                            p.handover(),
                            signer.getAddress(),
                            p.request().transaction());
                }
            }
            if (!verifierList.isEmpty()) {
                verifyDeployed(verifierList, new DeploymentLedger(store), requests, inputs, results);
            }
        }
    }

    /** The new owner on the chain, before anything is signed; an entry's failure names the entry. */
    private void checkHandover(OwnershipHandover handover, Prepared p, String deployer) {
        try {
            handover.check(p.handover(), deployer, p.request().deploymentName());
        } catch (InvalidInputException e) {
            throw p.entry() == 0 ? e : e.renamed("contracts[" + p.entry() + "]." + e.getParameter());
        }
    }

    /** Verifies each deployed contract that is the one configured (not one kept by onChange=keep). */
    private void verifyDeployed(
            List<Verifier> verifierList,
            DeploymentLedger ledger,
            List<DeploymentRequest> requests,
            List<VerificationInput> inputs,
            List<DeploymentResult> results) {
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            DeploymentResult result = results.get(i);
            InitCode initCode = requests.get(i).initCode();
            if (!initCode.bytecodeHash().equalsIgnoreCase(result.record().bytecodeHash())) {
                getLog().warn("Not verifying " + result.record().deploymentName()
                        + ": the contract the ledger records at " + result.address() + " is not the one configured");
                continue;
            }
            targets.add(new Target(result.record(), inputs.get(i), initCode.contract()));
        }
        verifyAll(verifierList, ledger, targets, results.get(0).ledgerFile());
    }

    /**
     * The sender for a list: polls for receipts every {@value #BATCH_POLL_MILLIS} ms instead of
     * every second, since one wait covers every contract of the list (measured in
     * docs/performance.md, section 6).
     */
    private TransactionSender batchSender(NodeClient node) {
        TransactionSender.Options one = TransactionSender.Options.of(confirmations, receiptTimeout);
        return new TransactionSender(
                node,
                new TransactionSender.Options(
                        one.confirmations(),
                        one.receiptTimeout(),
                        Duration.ofMillis(BATCH_POLL_MILLIS),
                        one.progressInterval()),
                getLog()::info);
    }

    /**
     * A checked entry: the request, where its address goes, its hand-over (or {@code null}) and
     * its place in {@code contracts} (1-based; 0 for the single contract).
     */
    private record Prepared(
            DeploymentRequest request, String addressProperty, OwnershipHandover.Request handover, int entry) {}

    private Prepared single(OnChange policy) {
        return prepare(
                artifact,
                contractName,
                ArgumentLists.of(mojoExecution, "constructorArgs", constructorArgs),
                libraries,
                value,
                salt,
                deploymentName,
                null,
                policy,
                new Handover(transferOwnershipTo, transferOwnershipFunction, transferOwnershipToEoa),
                0);
    }

    /** The hand-over parameters of one contract, as configured. */
    private record Handover(String to, String function, boolean toEoa) {}

    private List<Prepared> batch(OnChange policy) {
        if (artifact != null) {
            throw new InvalidInputException(
                    "contracts",
                    "cannot be combined with artifact: give the single contract as one"
                            + " more <contract> entry of the list, or remove contracts");
        }
        if (blankToNull(nonce) != null) {
            throw new InvalidInputException(
                    "nonce",
                    "cannot be set with contracts: the entries take consecutive nonces from"
                            + " the node's pending nonce; remove nonce");
        }
        if (blankToNull(transferOwnershipTo) != null) {
            throw new InvalidInputException(
                    OwnershipHandover.TO,
                    "cannot be set for a whole contracts list (libraries and other entries have no owner):"
                            + " set transferOwnershipTo on each <contract> entry to be handed over, or remove contracts");
        }
        List<Prepared> prepared = new ArrayList<>();
        for (int i = 0; i < contracts.size(); i++) {
            ContractEntry c = contracts.get(i);
            if (c == null) {
                throw new InvalidInputException("contracts", "entry " + (i + 1) + " is empty; give it an artifact");
            }
            try {
                prepared.add(prepare(
                        c.artifact,
                        c.contractName,
                        ArgumentLists.ofEntry(mojoExecution, "contracts", i, "constructorArgs", c.constructorArgs),
                        c.libraries,
                        c.value,
                        c.salt,
                        c.deploymentName,
                        c.contractAddressProperty,
                        policy,
                        new Handover(
                                c.transferOwnershipTo,
                                blankToNull(c.transferOwnershipFunction) != null
                                        ? c.transferOwnershipFunction
                                        : transferOwnershipFunction,
                                c.transferOwnershipToEoa != null ? c.transferOwnershipToEoa : transferOwnershipToEoa),
                        i + 1));
            } catch (InvalidInputException e) {
                // name the entry: "contracts[2].constructorArgs"
                throw e.renamed("contracts[" + (i + 1) + "]." + e.getParameter());
            }
        }
        return prepared;
    }

    /**
     * Parses one contract's parameters; nothing is signed when this throws.
     *
     * @param property the address property, or {@code null}: {@code contractAddressProperty} for
     *     the single contract, {@code kms.contractAddress.<deploymentName>} in a list
     * @param policy {@code onChange}, or {@code null} for the chain's default
     * @param handover the hand-over parameters (no hand-over when its address is blank)
     * @param entry the place in {@code contracts}, 1-based, or 0 for the single contract
     */
    private Prepared prepare(
            File file,
            String name,
            List<String> args,
            Map<String, String> links,
            String wei,
            String saltText,
            String ledgerName,
            String property,
            OnChange policy,
            Handover handover,
            int entry) {
        ContractArtifact contract = Artifacts.read(file == null ? null : file.toPath(), name);
        InitCode initCode = InitCode.of(contract, links, args, Amounts.parseWei(wei, "value"));
        TransactionRequest transaction =
                transactionRequest(null, wei, Numeric.toHexString(initCode.bytes()), null, null);
        String checkedName = DeploymentLedger.checkName(ledgerName == null ? contract.name() : ledgerName);
        DeploymentRequest request = new DeploymentRequest(
                checkedName,
                initCode,
                blankToNull(saltText) == null ? null : Create2.parseSalt(saltText, "salt"),
                policy,
                transaction,
                links,
                relative(contract.file()));
        String addressProperty = blankToNull(property) != null
                ? property.trim()
                : contracts == null || contracts.isEmpty()
                        ? contractAddressProperty
                        : "kms.contractAddress." + checkedName;
        OwnershipHandover.Request transfer = OwnershipHandover.parse(
                        handover.to(), handover.function(), handover.toEoa(), contract)
                .orElse(null);
        return new Prepared(request, addressProperty, transfer, entry);
    }

    private String relative(Path file) {
        Path base = project == null || project.getBasedir() == null
                ? null
                : project.getBasedir().toPath().toAbsolutePath();
        Path absolute = file.toAbsolutePath();
        return (base != null && absolute.startsWith(base) ? base.relativize(absolute) : absolute)
                .toString()
                .replace('\\', '/');
    }
}
