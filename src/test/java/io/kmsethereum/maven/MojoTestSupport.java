package io.kmsethereum.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.when;

import io.kmsethereum.testing.LocalKms;
import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.inject.Inject;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptorBuilder;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.codehaus.plexus.configuration.PlexusConfigurationException;
import org.eclipse.aether.DefaultRepositorySystemSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * What every Mojo test shares (the concrete classes carry {@code @MojoTest}): a {@link LocalKms}
 * on loopback that records every request, a {@code settings.xml} server with test credentials,
 * and user properties that point the goals at that endpoint with one attempt per call. The key id
 * is not among them: each test's POM configuration or {@code @MojoParameter} sets it, so a test
 * can leave it out.
 */
abstract class MojoTestSupport {
    /** secp256k1 secret of the local key. */
    static final BigInteger KEY =
            new BigInteger("4646464646464646464646464646464646464646464646464646464646464646", 16);
    /** Alias of the local key. */
    static final String ALIAS = "alias/harness";
    /** Id of the {@code settings.xml} server with the test credentials. */
    static final String SERVER_ID = "kms-test";

    /** The harness's session (a mock); settings and user properties are set up here. */
    @Inject
    MavenSession session;

    /** The harness's project (a mock) with real {@link Properties}. */
    @Inject
    MavenProject project;

    LocalKms kms;

    final List<String> infos = new ArrayList<>();

    final List<String> warnings = new ArrayList<>();

    /** The goal of the test's {@code @InjectMojo}. */
    private String goal;

    @BeforeEach
    void startLocalKms(TestInfo test) throws IOException {
        kms = LocalKms.start(KEY, true, ALIAS);
        goal = test.getTestMethod()
                .map(m -> m.getAnnotation(InjectMojo.class))
                .map(InjectMojo::goal)
                .orElse(null);
        Server server = new Server();
        server.setId(SERVER_ID);
        server.setUsername("AKIAHARNESSTEST");
        server.setPassword("harness-secret");
        Settings settings = new Settings();
        settings.addServer(server);
        when(session.getSettings()).thenReturn(settings);
        when(session.getRepositorySession()).thenReturn(new DefaultRepositorySystemSession());
        Properties user = session.getUserProperties();
        user.setProperty("kms.endpoint", kms.url());
        user.setProperty("kms.region", "us-east-1");
        user.setProperty("kms.serverId", SERVER_ID);
        user.setProperty("kms.maxAttempts", "1");
        user.setProperty("kms.attemptTimeoutSeconds", "5");
        test.getTestMethod().map(m -> m.getAnnotation(UserProperties.class)).ifPresent(p -> {
            for (String pair : p.value()) {
                user.setProperty(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
            }
        });
    }

    @AfterEach
    void stopLocalKms() {
        kms.close();
    }

    /**
     * Runs the Mojo with a log that records info lines.
     *
     * @param mojo an injected Mojo
     * @throws Exception what {@code execute()} throws
     */
    void run(Mojo mojo) throws Exception {
        MojoExecution execution = MojoExtension.getVariableValueFromObject(mojo, "mojoExecution");
        if ((execution == null
                        || execution.getMojoDescriptor() == null
                        || execution.getMojoDescriptor().getParameters() == null)
                && goal != null) {
            // the harness injects a bare mock execution; Maven's has the goal's descriptor, with
            // the parameters and their user properties (MojoErrors names them)
            MojoExtension.setVariableValueToObject(mojo, "mojoExecution", new MojoExecution(descriptor(goal)));
        }
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                infos.add(content.toString());
                super.info(content);
            }

            @Override
            public void warn(CharSequence content) {
                warnings.add(content.toString());
                super.warn(content);
            }
        });
        mojo.execute();
    }

    /**
     * @param goal a goal of this plugin
     * @return its descriptor as Maven reads it from the plugin's {@code plugin.xml}
     */
    private static MojoDescriptor descriptor(String goal) throws IOException, PlexusConfigurationException {
        try (Reader xml = Files.newBufferedReader(Path.of("target", "classes", "META-INF", "maven", "plugin.xml"))) {
            return new PluginDescriptorBuilder().build(xml).getMojo(goal);
        }
    }

    /**
     * Asserts that the Mojo fails with a {@link MojoFailureException} naming {@code parameter},
     * and that nothing reached KMS.
     *
     * @param mojo an injected Mojo
     * @param parameter the parameter the message must name, as {@code 'parameter'}
     * @return the exception, for further checks
     */
    MojoFailureException assertRejectedBeforeKms(Mojo mojo, String parameter) {
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> run(mojo));
        assertTrue(
                e.getMessage().contains("'" + parameter + "'"), "message names " + parameter + ": " + e.getMessage());
        assertEquals(List.of(), kms.operations(), "no KMS call on bad input");
        return e;
    }

    /**
     * Asserts that the Mojo did nothing because of a skip flag, and logged which one.
     *
     * @param mojo an injected Mojo
     * @param flag the property the log line must name
     * @throws Exception unexpected failures
     */
    void assertSkipped(Mojo mojo, String flag) throws Exception {
        run(mojo);
        assertEquals(List.of(), kms.operations(), "a skipped goal calls no KMS");
        assertTrue(
                infos.stream().anyMatch(l -> l.startsWith("Skipping") && l.contains("(" + flag + ")")),
                "log names " + flag + ": " + infos);
    }

    /**
     * @param mojo an injected Mojo
     * @param endpoint the endpoint to point it at instead of the local KMS
     * @throws IllegalAccessException never for our Mojos
     */
    static void setEndpoint(Mojo mojo, String endpoint) throws IllegalAccessException {
        MojoExtension.setVariableValueToObject(mojo, "endpoint", endpoint);
    }
}
