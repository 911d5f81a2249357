package io.kmsethereum.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.io.File;
import java.util.List;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentMatchers;

/** kms-generate-wrappers through the plugin testing harness: wrappers written, source root added, no KMS. */
@MojoTest
class KmsGenerateWrappersMojoTest extends MojoTestSupport {
    private static final String POM = "<project><build><plugins><plugin>"
            + "<artifactId>kms-ethereum-maven-plugin</artifactId><configuration>"
            + "<artifacts><artifact>src/test/resources/artifacts/combined.json</artifact></artifacts>"
            + "<contractNames><name>Holder</name><name>IHolder</name></contractNames>"
            + "<packageName>com.example.contracts</packageName>"
            + "<outputDirectory>target/harness-tests/web3j</outputDirectory>"
            + "</configuration></plugin></plugins></build></project>";

    @Test
    @InjectMojo(goal = "kms-generate-wrappers", pom = POM)
    void writesWrappersAndAddsTheSourceRoot(KmsGenerateWrappersMojo mojo) throws Exception {
        run(mojo);
        File out = new File(MojoExtension.getBasedir(), "target/harness-tests/web3j");
        assertTrue(new File(out, "com/example/contracts/Holder.java").isFile());
        assertTrue(new File(out, "com/example/contracts/IHolder.java").isFile());
        verify(project).addCompileSourceRoot(out.getAbsolutePath());
        assertEquals(List.of(), kms.operations(), "no key needed");
        assertTrue(infos.contains("Generated 2 web3j wrappers in " + out), infos.toString());
    }

    @Test
    @InjectMojo(goal = "kms-generate-wrappers", pom = POM)
    @MojoParameter(name = "packageName", value = "com.example-contracts")
    void badPackageName(KmsGenerateWrappersMojo mojo) {
        assertRejectedBeforeKms(mojo, "packageName");
        verify(project, never()).addCompileSourceRoot(ArgumentMatchers.anyString());
    }

    @Test
    @InjectMojo(goal = "kms-generate-wrappers", pom = POM)
    @UserProperties("kms.generateWrappers.skip=true")
    void skipProperty(KmsGenerateWrappersMojo mojo) throws Exception {
        assertSkipped(mojo, "kms.generateWrappers.skip");
    }
}
