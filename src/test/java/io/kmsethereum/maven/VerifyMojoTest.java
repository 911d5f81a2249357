package io.kmsethereum.maven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.Json;
import io.kmsethereum.core.deploy.DeploymentLedger;
import io.kmsethereum.core.deploy.DeploymentRecord;
import io.kmsethereum.core.store.LocalStateStore;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/**
 * The verification parameters of kms-deploy-contract and kms-verify through the harness: an API
 * key written as a value, a missing build-info and an empty verifier list fail naming the
 * parameter, before any KMS request and before the node (there is none here). The key never
 * appears in the message.
 */
@MojoTest
class VerifyMojoTest extends MojoTestSupport {
    private static final String HEAD = "<project><build><plugins><plugin>"
            + "<artifactId>kms-ethereum-maven-plugin</artifactId><configuration>"
            + "<keyId>" + ALIAS + "</keyId><rpcUrl>http://127.0.0.1:1</rpcUrl>"
            + "<artifact>src/test/resources/artifacts/foundry/out/MathLib.sol/MathLib.json</artifact>";
    private static final String START =
            HEAD + "<deploymentsDirectory>target/harness-tests/deployments</deploymentsDirectory>";
    private static final String CHANGED_LEDGER = "target/harness-tests/verify-changed/deployments";
    private static final String END = "</configuration></plugin></plugins></build></project>";

    static final String PLAIN_KEY = START
            + "<verifiers><verifier><type>sourcify</type></verifier>"
            + "<verifier><type>etherscan</type><apiKey>PLAINKEY1234567890ABCDEFG</apiKey></verifier></verifiers>" + END;
    static final String NO_BUILD_INFO =
            START + "<verifiers><verifier><type>sourcify</type></verifier></verifiers>" + END;
    static final String NO_VERIFIERS = START + "<chainId>31337</chainId>" + END;
    /** The verifier's port: nothing listens there; the check comes before any request. */
    static final String CHANGED_ARTIFACT = HEAD + "<deploymentsDirectory>" + CHANGED_LEDGER + "</deploymentsDirectory>"
            + "<chainId>31337</chainId><verifiers><verifier><type>sourcify</type><url>http://127.0.0.1:1/sourcify</url>"
            + "</verifier></verifiers>" + END;

    @Test
    @InjectMojo(goal = "kms-deploy-contract", pom = PLAIN_KEY)
    void anApiKeyWrittenIntoThePomIsRefusedWithoutShowingIt(KmsDeployContractMojo mojo) {
        MojoFailureException e = assertRejectedBeforeKms(mojo, "verifiers[2].apiKey");
        assertTrue(e.getMessage().contains("must be a reference, server:<id> or env:NAME"), e.getMessage());
        assertFalse(e.getMessage().contains("PLAINKEY"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "kms-deploy-contract", pom = NO_BUILD_INFO)
    void deployingWithoutBuildInfoFailsBeforeSigning(KmsDeployContractMojo mojo) {
        MojoFailureException e = assertRejectedBeforeKms(mojo, "buildInfo");
        assertTrue(e.getMessage().contains("'forge build --build-info'"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "kms-verify", pom = NO_VERIFIERS)
    void kmsVerifyNeedsAVerifier(KmsVerifyMojo mojo) {
        assertRejectedBeforeKms(mojo, "verifiers");
    }

    @Test
    @InjectMojo(goal = "kms-verify", pom = CHANGED_ARTIFACT)
    void kmsVerifyRefusesAnArtifactThatChangedSinceTheDeployment(KmsVerifyMojo mojo) {
        Path base = Path.of(MojoExtension.getBasedir());
        DeploymentLedger ledger = new DeploymentLedger(new LocalStateStore(
                base.resolve("target/harness-tests/verify-changed/journal"), base.resolve(CHANGED_LEDGER)));
        ledger.write(new DeploymentRecord(
                "MathLib",
                "MathLib",
                31337,
                "0x5FbDB2315678afecb367f032d93F642f64180aa3",
                "0x" + "ab".repeat(32),
                BigInteger.ZERO,
                "0x9d8A62f656a8d1615C1294fd71e9CFb3E4855A4F",
                "0x" + "cd".repeat(32), // not the artifact's bytecode
                List.of(),
                "0x",
                "0",
                null,
                null,
                null,
                "src/test/resources/artifacts/foundry/out/MathLib.sol/MathLib.json",
                Json.MAPPER.createArrayNode(),
                1,
                "2026-01-01T00:00:00Z",
                List.of()));

        MojoFailureException e = assertRejectedBeforeKms(mojo, "artifact");

        assertTrue(e.getMessage().contains("The artifact changed since deployment"), e.getMessage());
        assertTrue(e.getMessage().contains("MathLib at 0x5FbDB2315678afecb367f032d93F642f64180aa3"), e.getMessage());
        assertTrue(infos.stream().noneMatch(l -> l.contains("verifying")), "nothing sent: " + infos);
    }
}
