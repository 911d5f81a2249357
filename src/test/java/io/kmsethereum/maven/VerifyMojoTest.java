package io.kmsethereum.maven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.maven.api.plugin.testing.InjectMojo;
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
    private static final String START = "<project><build><plugins><plugin>"
            + "<artifactId>kms-ethereum-maven-plugin</artifactId><configuration>"
            + "<keyId>" + ALIAS + "</keyId><rpcUrl>http://127.0.0.1:1</rpcUrl>"
            + "<deploymentsDirectory>target/harness-tests/deployments</deploymentsDirectory>"
            + "<artifact>src/test/resources/artifacts/foundry/out/MathLib.sol/MathLib.json</artifact>";
    private static final String END = "</configuration></plugin></plugins></build></project>";

    static final String PLAIN_KEY = START
            + "<verifiers><verifier><type>sourcify</type></verifier>"
            + "<verifier><type>etherscan</type><apiKey>PLAINKEY1234567890ABCDEFG</apiKey></verifier></verifiers>" + END;
    static final String NO_BUILD_INFO =
            START + "<verifiers><verifier><type>sourcify</type></verifier></verifiers>" + END;
    static final String NO_VERIFIERS = START + "<chainId>31337</chainId>" + END;

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
}
