package io.kmsethereum.maven;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/**
 * kms-safe through the plugin testing harness: bad parameters fail before any KMS request and
 * before the node is asked (the other values are checked in {@code SafeRequestTest}; the Safe's
 * own states in the IT {@code fail-safe-unsafe-states}).
 */
@MojoTest
class KmsSafeMojoTest extends MojoTestSupport {
    private static final String POM = "<project><build><plugins><plugin>"
            + "<artifactId>kms-ethereum-maven-plugin</artifactId><configuration>"
            + "<keyId>" + ALIAS + "</keyId><rpcUrl>http://127.0.0.1:9</rpcUrl>"
            + "<safe>0x5afe0000000000000000000000000000000005af</safe>"
            + "</configuration></plugin></plugins></build></project>";

    @Test
    @InjectMojo(goal = "kms-safe", pom = POM)
    @MojoParameter(name = "to", value = "0x1111111111111111111111111111111111111111")
    @MojoParameter(name = "operation", value = "delegatecall")
    void delegatecallWithoutTheFlag(KmsSafeMojo mojo) {
        MojoFailureException e = assertRejectedBeforeKms(mojo, "operation");
        assertTrue(e.getMessage().contains("Set allowDelegateCall to true"), e.getMessage());
        assertTrue(e.getMessage().contains("(Maven property: kms.operation)"), e.getMessage());
        assertNull(project.getProperties().getProperty("kms.safeTxHash"));
    }

    @Test
    @InjectMojo(goal = "kms-safe", pom = POM)
    void nothingToCall(KmsSafeMojo mojo) {
        MojoFailureException e = assertRejectedBeforeKms(mojo, "to");
        assertTrue(e.getMessage().contains("the address the Safe calls"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "kms-safe", pom = POM)
    @MojoParameter(name = "to", value = "0x1111111111111111111111111111111111111111")
    @MojoParameter(name = "safeNonce", value = "-1")
    void badSafeNonce(KmsSafeMojo mojo) {
        assertRejectedBeforeKms(mojo, "safeNonce");
    }

    @Test
    @InjectMojo(goal = "kms-safe", pom = POM)
    @MojoParameter(name = "to", value = "0x1111111111111111111111111111111111111111")
    @MojoParameter(name = "safeLogsFromBlock", value = "-1")
    void negativeSafeLogsFromBlock(KmsSafeMojo mojo) {
        MojoFailureException e = assertRejectedBeforeKms(mojo, "safeLogsFromBlock");
        assertTrue(e.getMessage().contains("it must be a block number, 0 or more"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "kms-safe", pom = POM)
    @MojoParameter(name = "to", value = "0x1111111111111111111111111111111111111111")
    @UserProperties("kms.safe.skip=true")
    void skipProperty(KmsSafeMojo mojo) throws Exception {
        assertSkipped(mojo, "kms.safe.skip");
    }
}
