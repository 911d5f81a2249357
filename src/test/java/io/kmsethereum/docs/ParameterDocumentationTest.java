package io.kmsethereum.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every goal and parameter of the built plugin is documented (Javadoc, {@code @since}, property). */
class ParameterDocumentationTest {

    @Test
    void everyGoalAndParameterOfThePluginIsDocumented() {
        PluginDescriptor descriptor = PluginDescriptor.read(PluginDescriptor.PLAIN);
        assertFalse(descriptor.pluginGoals().isEmpty(), "no goals in " + PluginDescriptor.PLAIN);
        List<String> problems = ParameterDocumentation.problems(descriptor);
        assertTrue(
                problems.isEmpty(),
                "Undocumented goals or parameters (add Javadoc with @since to the Mojo" + " class or field):\n  "
                        + String.join("\n  ", problems));
    }

    @Test
    void theCheckReportsAParameterWithoutJavadocOrSince() throws URISyntaxException {
        // a descriptor as maven-plugin-plugin writes it for a Mojo with an undocumented field
        Path fixture =
                Path.of(getClass().getResource("/docs/undocumented-plugin.xml").toURI());
        List<String> problems = ParameterDocumentation.problems(PluginDescriptor.read(fixture));
        assertEquals(
                List.of(
                        "kms-example (io.kmsethereum.maven.ExampleMojo): the Mojo class Javadoc has no @since",
                        "kms-example (io.kmsethereum.maven.ExampleMojo) parameter 'noJavadoc': no Javadoc",
                        "kms-example (io.kmsethereum.maven.ExampleMojo) parameter 'noJavadoc': no @since in its Javadoc",
                        "kms-example (io.kmsethereum.maven.ExampleMojo) parameter 'noSince': no @since in its Javadoc",
                        "kms-example (io.kmsethereum.maven.ExampleMojo) parameter 'noProperty': no user property"
                                + " (@Parameter(property = \"kms.noProperty\"))",
                        "kms-example (io.kmsethereum.maven.ExampleMojo) parameter 'otherNamespace': user property"
                                + " 'example.other' is not namespaced under kms."),
                problems);
    }
}
