package io.kmsethereum.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.settings.Server;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An RPC URL's API key from a settings.xml server ({@code {server:<id>}}), and the warning for a
 * key written into the URL. The node is a closed port: what matters is what the build says, and
 * that it never says the key.
 */
@MojoTest
class RpcUrlSecretsMojoTest extends MojoTestSupport {
    private static final String KEY = "NodeApiKey0123456789-DoNotLog";
    private static final String POM = "<project><build><plugins><plugin>"
            + "<artifactId>kms-ethereum-maven-plugin</artifactId><configuration>"
            + "<keyId>" + ALIAS + "</keyId><to>0x3535353535353535353535353535353535353535</to>"
            + "</configuration></plugin></plugins></build></project>";

    @BeforeEach
    void nodeKeyServer() {
        Server server = new Server();
        server.setId("node");
        server.setPassword(KEY);
        session.getSettings().addServer(server);
    }

    private void assertKeyNeverShown(Exception e) {
        assertFalse(e.getMessage().contains(KEY), e.getMessage());
        assertTrue(infos.stream().noneMatch(l -> l.contains(KEY)), infos.toString());
        assertTrue(warnings.stream().noneMatch(l -> l.contains(KEY)), warnings.toString());
    }

    @Test
    @InjectMojo(goal = "kms-sign", pom = POM)
    @UserProperties("kms.rpcUrl=http://127.0.0.1:9/v2/{server:node}")
    void theKeyComesFromTheServerWithoutAWarning(KmsSignMojo mojo) throws Exception {
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> run(mojo));
        assertTrue(e.getMessage().contains("http://127.0.0.1:9/…"), e.getMessage());
        assertKeyNeverShown(e);
        assertEquals(List.of(), warnings);
    }

    @Test
    @InjectMojo(goal = "kms-sign", pom = POM)
    @UserProperties("kms.rpcUrl=http://127.0.0.1:9/v2/{server:missing}")
    void anUnknownServerFailsBeforeKms(KmsSignMojo mojo) {
        MojoFailureException e = assertRejectedBeforeKms(mojo, "rpcUrl");
        assertEquals(
                "Invalid 'rpcUrl': no <server> with id 'missing' in settings.xml; add one with the API key as"
                        + " <password> (Maven property: kms.rpcUrl)",
                e.getMessage());
    }

    @Test
    @InjectMojo(goal = "kms-sign", pom = POM)
    @MojoParameter(name = "rpcUrl", value = "http://127.0.0.1:9/v3/" + KEY)
    void aKeyWrittenIntoTheUrlIsWarnedAboutOnceWithoutShowingIt(KmsSignMojo mojo) throws Exception {
        assertThrows(MojoExecutionException.class, () -> run(mojo));
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> run(mojo));
        assertKeyNeverShown(e);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(
                warnings.get(0).startsWith("rpcUrl http://127.0.0.1:9/… carries what looks like a secret")
                        && warnings.get(0).contains("a key-like path segment")
                        && warnings.get(0).contains("{server:<id>}"),
                warnings.get(0));
    }
}
