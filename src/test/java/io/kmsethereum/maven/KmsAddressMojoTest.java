package io.kmsethereum.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.KeyRejectedException;
import io.kmsethereum.core.ServiceUnavailableException;
import io.kmsethereum.testing.LocalKms;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

/**
 * kms-address through the plugin testing harness: the shared key and connection parameters
 * (keyId, serverId, profile, endpoint, expectedAddress), the skip flags, and how KMS errors become
 * Maven exceptions. The values of endpoint, timeouts, attempts and addresses are checked in the
 * core's tests ({@code KmsEndpointsTest}, {@code KmsConnectionTest}, {@code AddressesTest}).
 */
@MojoTest
class KmsAddressMojoTest extends MojoTestSupport {

    @Test
    @InjectMojo(goal = "kms-address")
    @MojoParameter(name = "keyId", value = ALIAS)
    void resolvesTheAddressOnceAndSetsTheProperty(KmsAddressMojo mojo) throws Exception {
        run(mojo);
        run(mojo);
        assertEquals(List.of("DescribeKey", "GetPublicKey"), kms.operations(), "key resolved once per build");
        assertEquals(kms.address(), project.getProperties().getProperty("kms.address"));
    }

    @Test
    @InjectMojo(goal = "kms-address")
    void missingKeyIdFails(KmsAddressMojo mojo) {
        MojoFailureException e = assertRejectedBeforeKms(mojo, "keyId");
        assertTrue(e.getMessage().endsWith(" (Maven property: kms.keyId)"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "kms-address")
    @MojoParameter(name = "keyId", value = ALIAS)
    @MojoParameter(name = "serverId", value = "no-such-server")
    void serverIdNotInSettingsFails(KmsAddressMojo mojo) {
        MojoFailureException e = assertRejectedBeforeKms(mojo, "serverId");
        assertTrue(e.getMessage().contains("no-such-server"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "kms-address")
    @MojoParameter(name = "keyId", value = ALIAS)
    @MojoParameter(name = "profile", value = "release")
    void serverIdAndProfileTogetherFail(KmsAddressMojo mojo) {
        MojoFailureException e = assertRejectedBeforeKms(mojo, "serverId");
        assertTrue(e.getMessage().contains("'profile'") && e.getMessage().contains("choose one"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "kms-address")
    @MojoParameter(name = "keyId", value = ALIAS)
    @MojoParameter(name = "expectedAddress", value = "0x3535353535353535353535353535353535353535")
    void otherExpectedAddressFailsWithoutSettingTheProperty(KmsAddressMojo mojo) {
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> run(mojo));
        assertTrue(
                e.getMessage().contains("'expectedAddress'") && e.getMessage().contains(kms.address()), e.getMessage());
        assertNull(project.getProperties().getProperty("kms.address"));
    }

    @Test
    @InjectMojo(goal = "kms-address")
    @MojoParameter(name = "keyId", value = "alias/unknown")
    void unknownKeyIsAFailureNotAnError(KmsAddressMojo mojo) {
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> run(mojo));
        assertInstanceOf(KeyRejectedException.class, e.getCause());
        assertTrue(e.getMessage().contains("alias/unknown") && e.getMessage().contains("not found"), e.getMessage());
        assertEquals(List.of("DescribeKey"), kms.operations());
    }

    @Test
    @InjectMojo(goal = "kms-address")
    @MojoParameter(name = "keyId", value = ALIAS)
    void unreachableKmsIsAnExecutionError(KmsAddressMojo mojo) throws Exception {
        String closed = "http://127.0.0.1:" + LocalKms.closedPort();
        setEndpoint(mojo, closed);
        long start = System.nanoTime();
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> run(mojo));
        assertEquals(MojoExecutionException.class, e.getClass(), "environment problem, not a build failure");
        assertInstanceOf(ServiceUnavailableException.class, e.getCause());
        assertTrue(
                e.getMessage().contains("KMS could not be reached")
                        && e.getMessage().contains(closed)
                        && e.getMessage().contains("1 attempt"),
                e.getMessage());
        assertTrue(System.nanoTime() - start < 10_000_000_000L, "maxAttempts=1 gives up at once");
        assertNull(project.getProperties().getProperty("kms.address"));
    }

    @Test
    @InjectMojo(goal = "kms-address")
    @MojoParameter(name = "keyId", value = ALIAS)
    @MojoParameter(name = "skip", value = "true")
    void skipParameterSkips(KmsAddressMojo mojo) throws Exception {
        assertSkipped(mojo, "kms.skip");
    }

    @Test
    @InjectMojo(goal = "kms-address")
    @MojoParameter(name = "keyId", value = ALIAS)
    @UserProperties("kms.skip=true")
    void kmsSkipPropertySkips(KmsAddressMojo mojo) throws Exception {
        assertSkipped(mojo, "kms.skip");
    }

    @Test
    @InjectMojo(goal = "kms-address")
    @MojoParameter(name = "keyId", value = ALIAS)
    @UserProperties("kms.address.skip=true")
    void goalSkipPropertySkips(KmsAddressMojo mojo) throws Exception {
        assertSkipped(mojo, "kms.address.skip");
        assertNull(project.getProperties().getProperty("kms.address"));
    }

    @Test
    @InjectMojo(goal = "kms-address")
    @MojoParameter(name = "keyId", value = ALIAS)
    void noRegionAnywhereNamesTheRegionParameter(KmsAddressMojo mojo) throws Exception {
        assertNull(System.getenv("AWS_REGION"), "the surefire configuration removes AWS_REGION for unit tests");
        MojoExtension.setVariableValueToObject(mojo, "region", null);
        Map<String, String> none = Map.of(
                "aws.configFile", "target/no-such-aws-config",
                "aws.ec2MetadataDisabled", "true");
        Properties saved = (Properties) System.getProperties().clone();
        try {
            System.clearProperty("aws.region");
            none.forEach(System::setProperty);
            MojoFailureException e = assertThrows(MojoFailureException.class, () -> run(mojo));
            assertEquals(
                    "Invalid 'region': No AWS region is configured: set 'region' (e.g. eu-west-1), export AWS_REGION,"
                            + " or give the AWS profile a region (Maven property: kms.region)",
                    e.getMessage());
        } finally {
            System.setProperties(saved);
        }
        assertEquals(List.of(), kms.operations());
    }

    @Test
    @InjectMojo(goal = "kms-address")
    @MojoParameter(name = "keyId", value = ALIAS)
    void credentialsSourceIsLoggedOncePerBuild(KmsAddressMojo mojo) throws Exception {
        run(mojo);
        run(mojo);
        assertEquals(
                List.of("AWS credentials: settings.xml server 'kms-test'"),
                infos.stream().filter(l -> l.startsWith("AWS credentials")).toList());
    }

    @Test
    @InjectMojo(goal = "kms-address")
    @MojoParameter(name = "keyId", value = ALIAS)
    void credentialsFromTheDefaultChainNameTheirActualSource(KmsAddressMojo mojo) throws Exception {
        MojoExtension.setVariableValueToObject(mojo, "serverId", null);
        Properties saved = (Properties) System.getProperties().clone();
        try {
            // the first provider of the SDK's default chain
            System.setProperty("aws.accessKeyId", "AKIAHARNESSTEST");
            System.setProperty("aws.secretAccessKey", "harness-secret-DoNotLog");
            run(mojo);
            run(mojo);
        } finally {
            System.setProperties(saved);
        }
        assertEquals(
                List.of("AWS credentials: Java system properties aws.accessKeyId and aws.secretAccessKey"),
                infos.stream().filter(l -> l.startsWith("AWS credentials")).toList());
        assertTrue(
                infos.stream().noneMatch(l -> l.contains("DoNotLog") || l.contains("AKIAHARNESSTEST")),
                infos.toString());
        assertEquals(kms.address(), project.getProperties().getProperty("kms.address"));
    }
}
