package io.kmsethereum.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/**
 * kms-deploy-contract through the plugin testing harness: a bad parameter fails with a
 * {@link MojoFailureException} that names it before any KMS request (and before the node, which
 * does not exist here), and no address is exported. The rules of the Mojo itself (a list or one
 * artifact, entries named by position) are here; the values of artifacts, arguments, libraries,
 * salts and ledger names are checked in the core's tests ({@code ArtifactsTest},
 * {@code InitCodeTest}, {@code LinkerTest}, {@code Create2Test}, {@code DeploymentLedgerTest}).
 */
@MojoTest
class KmsDeployContractMojoTest extends MojoTestSupport {
    private static final String PLUGIN = "<project><build><plugins><plugin>"
            + "<artifactId>kms-ethereum-maven-plugin</artifactId><configuration>"
            + "<keyId>" + ALIAS
            + "</keyId><deploymentsDirectory>target/harness-tests/deployments</deploymentsDirectory>";
    private static final String START = PLUGIN + "<rpcUrl>http://127.0.0.1:1</rpcUrl>";
    private static final String END = "</configuration></plugin></plugins></build></project>";
    private static final String HOLDER =
            "<artifact>src/test/resources/artifacts/foundry/out/Holder.sol/Holder.json</artifact>"
                    + "<constructorArgs><a>0x70997970C51812dc3A010C7d01b50e0d17dc79C8</a><a>1</a><a>true</a>"
                    + "<a>0x0000000000000000000000000000000000000000000000000000000000000000</a><a>label</a><a>[1, 2]</a><a>-1</a><a>0x</a>"
                    + "<a>[0x70997970C51812dc3A010C7d01b50e0d17dc79C8, 0x70997970C51812dc3A010C7d01b50e0d17dc79C8]</a></constructorArgs>";

    /** Holder with nine valid arguments. */
    static final String DEPLOYABLE = START + HOLDER + END;
    /** As {@link #DEPLOYABLE} without a node. */
    static final String NO_NODE = PLUGIN + HOLDER + END;
    /** Holder with one argument. */
    static final String ONE_ARGUMENT = START
            + "<artifact>src/test/resources/artifacts/combined.json</artifact><contractName>Holder</contractName>"
            + "<constructorArgs><a>0x70997970C51812dc3A010C7d01b50e0d17dc79C8</a></constructorArgs>" + END;

    /** Holder without constructorArgs in the POM: they come from the kms.constructorArgs property. */
    static final String HOLDER_ONLY =
            START + "<artifact>src/test/resources/artifacts/foundry/out/Holder.sol/Holder.json</artifact>" + END;

    private static final String HOLDER_ENTRY = "<contract>" + HOLDER + "</contract>";
    /** A list whose second entry has one constructor argument. */
    static final String LIST_BAD_SECOND = START + "<contracts>" + HOLDER_ENTRY
            + "<contract><artifact>src/test/resources/artifacts/combined.json</artifact><contractName>Holder</contractName>"
            + "<deploymentName>second</deploymentName>"
            + "<constructorArgs><a>0x70997970C51812dc3A010C7d01b50e0d17dc79C8</a></constructorArgs></contract></contracts>"
            + END;
    /** A list and a single artifact. */
    static final String LIST_AND_ARTIFACT = START + HOLDER + "<contracts>" + HOLDER_ENTRY + "</contracts>" + END;

    /** A list whose first entry is to be handed over, but Holder has no transferOwnership(address). */
    static final String LIST_HANDOVER_NOT_IN_ABI = START + "<contracts><contract>" + HOLDER
            + "<transferOwnershipTo>0x3535353535353535353535353535353535353535</transferOwnershipTo></contract>"
            + "</contracts>" + END;

    private MojoFailureException assertNothingDeployed(KmsDeployContractMojo mojo, String parameter) {
        MojoFailureException e = assertRejectedBeforeKms(mojo, parameter);
        assertNull(project.getProperties().getProperty("kms.contractAddress"));
        return e;
    }

    @Test
    @InjectMojo(goal = "kms-deploy-contract", pom = NO_NODE)
    void rpcUrlIsRequired(KmsDeployContractMojo mojo) {
        assertNothingDeployed(mojo, "rpcUrl");
    }

    @Test
    @InjectMojo(goal = "kms-deploy-contract", pom = ONE_ARGUMENT)
    void wrongArgumentCount(KmsDeployContractMojo mojo) {
        MojoFailureException e = assertNothingDeployed(mojo, "constructorArgs");
        assertTrue(e.getMessage().contains("takes 9 arguments (address owner_, uint256 amount_"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "kms-deploy-contract", pom = HOLDER_ONLY)
    @UserProperties("kms.constructorArgs=0x70997970C51812dc3A010C7d01b50e0d17dc79C8,1,true,"
            + "0x0000000000000000000000000000000000000000000000000000000000000000,\"hello, (world)\",[1,2,3],-1,0x,"
            + "[0x70997970C51812dc3A010C7d01b50e0d17dc79C8]")
    void aCommandLineListIsSplitAtTheCommasOutsideBracketsAndQuotes(KmsDeployContractMojo mojo) throws Exception {
        List<String> injected = MojoExtension.getVariableValueFromObject(mojo, "constructorArgs");
        assertEquals(12, injected.size(), "Maven cuts the text at every comma: " + injected);
        setExecutionConfiguration(mojo, "<constructorArgs>${kms.constructorArgs}</constructorArgs>");
        // nine arguments again: the one that fails is the last, the array of one address for address[2]
        MojoFailureException e = assertNothingDeployed(mojo, "constructorArgs[8] (pair_)");
        assertTrue(e.getMessage().contains("address[2] needs exactly 2 elements, 1 given"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "kms-deploy-contract", pom = HOLDER_ONLY)
    @UserProperties("kms.constructorArgs=0x70997970C51812dc3A010C7d01b50e0d17dc79C8,1,true,0x00,label,[1,2,3,-1,0x,[]")
    void anUnclosedBracketOnTheCommandLineIsNamedWithItsType(KmsDeployContractMojo mojo) throws Exception {
        setExecutionConfiguration(mojo, "<constructorArgs>${kms.constructorArgs}</constructorArgs>");
        MojoFailureException e = assertNothingDeployed(mojo, "constructorArgs[5] (numbers_)");
        assertTrue(e.getMessage().contains("is not a complete uint256[]: a '[' is not closed"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "kms-deploy-contract", pom = DEPLOYABLE)
    @MojoParameter(name = "onChange", value = "overwrite")
    void badOnChange(KmsDeployContractMojo mojo) {
        MojoFailureException e = assertNothingDeployed(mojo, "onChange");
        assertTrue(e.getMessage().contains("'overwrite' is not a choice; use fail"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "kms-deploy-contract", pom = DEPLOYABLE)
    @MojoParameter(name = "skipDeployContract", value = "true")
    void skipParameter(KmsDeployContractMojo mojo) throws Exception {
        assertSkipped(mojo, "kms.deployContract.skip");
    }

    @Test
    @InjectMojo(goal = "kms-deploy-contract", pom = DEPLOYABLE)
    @UserProperties("kms.deployContract.skip=true")
    void skipProperty(KmsDeployContractMojo mojo) throws Exception {
        assertSkipped(mojo, "kms.deployContract.skip");
    }

    @Test
    @InjectMojo(goal = "kms-deploy-contract", pom = LIST_BAD_SECOND)
    void aBadEntryInTheListIsNamedByItsPosition(KmsDeployContractMojo mojo) {
        MojoFailureException e = assertNothingDeployed(mojo, "contracts[2].constructorArgs");
        assertTrue(e.getMessage().contains("takes 9 arguments"), e.getMessage());
        assertNull(project.getProperties().getProperty("kms.contractAddress.Holder"));
    }

    @Test
    @InjectMojo(goal = "kms-deploy-contract", pom = LIST_AND_ARTIFACT)
    void aListAndASingleArtifactAreExclusive(KmsDeployContractMojo mojo) {
        assertNothingDeployed(mojo, "contracts");
    }

    @Test
    @InjectMojo(goal = "kms-deploy-contract", pom = DEPLOYABLE)
    @UserProperties("kms.transferOwnershipTo=0x35353535")
    void aNewOwnerThatIsNoAddressIsNamed(KmsDeployContractMojo mojo) {
        MojoFailureException e = assertNothingDeployed(mojo, "transferOwnershipTo");
        assertTrue(e.getMessage().contains("'0x35353535' is not an address"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "kms-deploy-contract", pom = DEPLOYABLE)
    @UserProperties("kms.transferOwnershipTo=0x0000000000000000000000000000000000000000")
    void theZeroAddressIsNoNewOwner(KmsDeployContractMojo mojo) {
        MojoFailureException e = assertNothingDeployed(mojo, "transferOwnershipTo");
        assertTrue(e.getMessage().contains("is the zero address"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "kms-deploy-contract", pom = DEPLOYABLE)
    @UserProperties({
        "kms.transferOwnershipTo=0x3535353535353535353535353535353535353535",
        "kms.transferOwnershipFunction=setOwners(address,address)"
    })
    void aHandOverFunctionOfTwoArgumentsIsRefused(KmsDeployContractMojo mojo) {
        MojoFailureException e = assertNothingDeployed(mojo, "transferOwnershipFunction");
        assertTrue(e.getMessage().contains("exactly one address argument"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "kms-deploy-contract", pom = DEPLOYABLE)
    @UserProperties("kms.transferOwnershipTo=0x3535353535353535353535353535353535353535")
    void aHandOverFunctionOutsideTheAbiIsRefused(KmsDeployContractMojo mojo) {
        MojoFailureException e = assertNothingDeployed(mojo, "transferOwnershipFunction");
        assertTrue(e.getMessage().contains("'transferOwnership(address)' is not a function of Holder"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "kms-deploy-contract", pom = LIST_HANDOVER_NOT_IN_ABI)
    void aListEntrysHandOverIsNamedByItsPosition(KmsDeployContractMojo mojo) {
        assertNothingDeployed(mojo, "contracts[1].transferOwnershipFunction");
    }

    @Test
    @InjectMojo(goal = "kms-deploy-contract", pom = LIST_BAD_SECOND)
    @UserProperties("kms.transferOwnershipTo=0x3535353535353535353535353535353535353535")
    void aNewOwnerForAWholeListIsRefused(KmsDeployContractMojo mojo) {
        MojoFailureException e = assertNothingDeployed(mojo, "transferOwnershipTo");
        assertTrue(e.getMessage().contains("set transferOwnershipTo on each <contract> entry"), e.getMessage());
    }
}
