package io.kmsethereum.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.testing.LocalKms;
import java.util.List;
import java.util.Set;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.junit.jupiter.api.Test;

/**
 * kms-create-key through the plugin testing harness: a missing alias fails before any KMS call
 * (the values an alias may take are checked in {@code KeyProvisionerTest}), the skip flags, and
 * (as the control that the setup does reach KMS) creating and then reusing a key.
 */
@MojoTest
class KmsCreateKeyMojoTest extends MojoTestSupport {

    @Test
    @InjectMojo(goal = "kms-create-key")
    @MojoParameter(name = "alias", value = "alias/new-account")
    void createsTheKeyOnceThenReusesIt(KmsCreateKeyMojo mojo) throws Exception {
        kms.close();
        kms = LocalKms.start(KEY, false);
        setEndpoint(mojo, kms.url());
        run(mojo);
        assertEquals(
                List.of("DescribeKey", "CreateKey", "CreateAlias", "DescribeKey", "GetPublicKey"), kms.operations());
        assertEquals(Set.of("alias/new-account"), kms.aliases());
        assertEquals(kms.address(), project.getProperties().getProperty("kms.address"));
        assertEquals(LocalKms.KEY_ARN, project.getProperties().getProperty("kms.keyArn"));
        run(mojo);
        assertEquals(1, kms.operations().stream().filter("CreateKey"::equals).count(), "no second key");
        assertTrue(infos.stream().anyMatch(l -> l.startsWith("Reusing KMS key " + LocalKms.KEY_ARN)), infos.toString());
    }

    @Test
    @InjectMojo(goal = "kms-create-key")
    void missingAlias(KmsCreateKeyMojo mojo) {
        assertRejectedBeforeKms(mojo, "alias");
    }

    @Test
    @InjectMojo(goal = "kms-create-key")
    @MojoParameter(name = "alias", value = "alias/new-account")
    @UserProperties("kms.createKey.skip=true")
    void goalSkipProperty(KmsCreateKeyMojo mojo) throws Exception {
        assertSkipped(mojo, "kms.createKey.skip");
    }

    @Test
    @InjectMojo(goal = "kms-create-key")
    @MojoParameter(name = "alias", value = "alias/new-account")
    @UserProperties("kms.skip=true")
    void kmsSkipProperty(KmsCreateKeyMojo mojo) throws Exception {
        assertSkipped(mojo, "kms.skip");
    }
}
