package io.kmsethereum.maven;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.artifact.Artifacts;
import io.kmsethereum.core.artifact.ContractArtifact;
import io.kmsethereum.core.deploy.DeploymentLedger;
import io.kmsethereum.core.deploy.DeploymentRecord;
import io.kmsethereum.core.input.Quantities;
import io.kmsethereum.core.rpc.NodeClient;
import io.kmsethereum.core.verify.ContractVerifier;
import io.kmsethereum.core.verify.Verifier;
import java.io.File;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Verifies the source of contracts the deployment ledger records, on every configured verifier
 * (Sourcify API v2, the Etherscan API V2, the Etherscan-compatible {@code /api} of Blockscout),
 * also deployments made by an earlier build: {@code deploymentName} (or the contract of
 * {@code artifact}), or every entry of {@code contracts}. The standard-JSON input comes from the
 * build-info beside the artifact the ledger names (or {@code buildInfo},
 * {@code standardJsonInput}); the constructor arguments, creating transaction and libraries from
 * the ledger record, which then records each verifier's result: a re-run asks only the
 * verifiers that did not verify. Signs and sends nothing; needs no KMS key.
 *
 * @since 0.1.0
 */
@Mojo(name = "kms-verify", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class KmsVerifyMojo extends AbstractVerifyingMojo {

    /**
     * The ledger name of the deployment to verify. Default: the name of the contract in
     * {@code artifact}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.deploymentName")
    private String deploymentName;

    /**
     * The compiled contract, as given to {@code kms-deploy-contract}; its contract name is the
     * default {@code deploymentName}, and its build-info is searched beside it. Default: the
     * artifact the ledger record names (relative to the project directory).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.artifact")
    private File artifact;

    /**
     * The contract in {@code artifact} when it holds several.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.contractName")
    private String contractName;

    /**
     * The deployments to verify, as {@code kms-deploy-contract}'s {@code contracts} list (so one
     * plugin-level configuration serves both goals): each entry's {@code deploymentName}, or the
     * name of the contract in its {@code artifact}. The other fields are not used here.
     *
     * @since 0.1.0
     */
    @Parameter
    private List<ContractEntry> contracts;

    /**
     * Root of the deployment ledger, as for {@code kms-deploy-contract}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.deploymentsDirectory", defaultValue = "${project.basedir}/deployments")
    private File deploymentsDirectory;

    /**
     * Skip this goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.verify.skip", defaultValue = "false")
    private boolean skipVerify;

    /**
     * @param settingsDecrypter decrypts settings.xml passwords (API keys, S3 credentials)
     */
    @Inject
    public KmsVerifyMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected boolean isGoalSkipped() {
        return skipVerify;
    }

    @Override
    protected void process() {
        List<Verifier> list = verifierList();
        if (list.isEmpty()) {
            throw new InvalidInputException(
                    "verifiers",
                    "is empty: kms-verify needs at least one <verifier> (type sourcify, etherscan or blockscout)");
        }
        long chain = chainId();
        DeploymentLedger ledger = new DeploymentLedger(stateStore(deploymentsDirectory));
        List<Target> targets = new ArrayList<>();
        if (contracts != null && !contracts.isEmpty()) {
            for (int i = 0; i < contracts.size(); i++) {
                ContractEntry c = contracts.get(i);
                try {
                    targets.add(target(
                            ledger,
                            chain,
                            c == null ? null : c.deploymentName,
                            c == null ? null : c.artifact,
                            c == null ? null : c.contractName));
                } catch (InvalidInputException e) {
                    throw e.renamed("contracts[" + (i + 1) + "]." + e.getParameter());
                }
            }
        } else {
            targets.add(target(ledger, chain, deploymentName, artifact, contractName));
        }
        verifyAll(
                list,
                ledger,
                targets,
                ledger.location(chain, targets.get(0).record().deploymentName()));
    }

    private long chainId() {
        if (blankToNull(chainId) != null) {
            return Quantities.parse(chainId, "chainId", BigInteger.valueOf(Long.MAX_VALUE))
                    .longValueExact();
        }
        if (blankToNull(rpcUrl) == null) {
            throw new InvalidInputException(
                    "chainId",
                    "is required: kms-verify reads the ledger of one chain; set chainId, or rpcUrl to take it from the node");
        }
        try (NodeClient node = openNode()) {
            return node.chainId();
        }
    }

    private Target target(DeploymentLedger ledger, long chain, String name, File file, String contract) {
        ContractArtifact configured = file == null ? null : Artifacts.read(file.toPath(), contract);
        String ledgerName = blankToNull(name) != null ? name.trim() : configured == null ? null : configured.name();
        if (ledgerName == null) {
            throw new InvalidInputException(
                    "deploymentName",
                    "is required: the ledger name of the deployment to verify (or set artifact, whose contract"
                            + " name is the default, or a contracts list)");
        }
        DeploymentRecord record = ledger.read(chain, ledgerName)
                .orElseThrow(() -> new InvalidInputException(
                        "deploymentName",
                        "the ledger has no deployment named " + ledgerName + " on chain id " + chain + " ("
                                + ledger.location(chain, ledgerName)
                                + " does not exist); deploy it first with kms-deploy-contract, or check deploymentName,"
                                + " deploymentsDirectory and stateStore"));
        ContractArtifact compiled = configured != null ? configured : recordedArtifact(record);
        ContractVerifier.checkUnchanged(record, compiled, "artifact");
        return new Target(record, verificationInput(compiled), compiled);
    }

    private ContractArtifact recordedArtifact(DeploymentRecord record) {
        if (record.artifact() == null) {
            throw new InvalidInputException(
                    "artifact", "is required: the ledger record of " + record.deploymentName() + " names no artifact");
        }
        Path path = Path.of(record.artifact());
        if (!path.isAbsolute() && project != null && project.getBasedir() != null) {
            path = project.getBasedir().toPath().resolve(path);
        }
        return Artifacts.read(path, record.contractName());
    }
}
