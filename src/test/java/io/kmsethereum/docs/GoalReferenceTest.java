package io.kmsethereum.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/reference.md} is exactly what {@link GoalReference} renders from the current Mojo
 * Javadoc; the test fails when a Mojo changed and the page was not regenerated. With
 * {@code -Dkms.docs.update=true} it rewrites the page instead.
 */
class GoalReferenceTest {
    private static final Path PAGE = Path.of("docs", "reference.md");

    @Test
    void docsReferenceMatchesTheMojoJavadoc() throws IOException {
        String rendered = GoalReference.render(PluginDescriptor.read(PluginDescriptor.ENHANCED));
        if (Boolean.getBoolean("kms.docs.update")) {
            Files.createDirectories(PAGE.getParent());
            Files.writeString(PAGE, rendered, StandardCharsets.UTF_8);
        }
        String checkedIn = Files.exists(PAGE) ? Files.readString(PAGE, StandardCharsets.UTF_8) : "";
        if (!checkedIn.equals(rendered)) {
            fail(PAGE + " does not match the Mojo Javadoc (" + firstDifference(checkedIn, rendered)
                    + "). Regenerate it with\n  " + GoalReference.UPDATE_COMMAND + "\nand commit it.");
        }
    }

    @Test
    void everyGoalAndEditableParameterIsOnThePage() {
        PluginDescriptor descriptor = PluginDescriptor.read(PluginDescriptor.ENHANCED);
        String page = GoalReference.render(descriptor);
        for (PluginDescriptor.Goal goal : descriptor.goals()) {
            assertTrue(page.contains("\n## `" + goal.name() + "`\n"), goal.name());
            for (PluginDescriptor.Parameter p : goal.editable()) {
                assertTrue(page.contains("| `" + p.name() + "` | "), goal.name() + " " + p.name());
            }
        }
    }

    @Test
    void thePageSaysWhatHelpSays() {
        // help prints plugin.xml's plain text; the page renders plugin-enhanced.xml's HTML: same words
        PluginDescriptor plain = PluginDescriptor.read(PluginDescriptor.PLAIN);
        PluginDescriptor enhanced = PluginDescriptor.read(PluginDescriptor.ENHANCED);
        assertEquals(plain.goals().size(), enhanced.goals().size());
        for (int g = 0; g < plain.goals().size(); g++) {
            PluginDescriptor.Goal p = plain.goals().get(g);
            PluginDescriptor.Goal e = enhanced.goals().get(g);
            assertEquals(p.name(), e.name());
            assertEquals(p.editable().size(), e.editable().size(), p.name());
            for (int i = 0; i < p.editable().size(); i++) {
                PluginDescriptor.Parameter pp = p.editable().get(i);
                PluginDescriptor.Parameter ep = e.editable().get(i);
                assertEquals(
                        List.of(pp.name(), String.valueOf(pp.property()), String.valueOf(pp.defaultValue())),
                        List.of(ep.name(), String.valueOf(ep.property()), String.valueOf(ep.defaultValue())));
                assertEquals(
                        pp.description().replaceAll("\\s+", " "),
                        GoalReference.plainText(GoalReference.markdown(ep.description(), ep.name())),
                        p.name() + " parameter " + pp.name());
            }
        }
    }

    @Test
    void javadocHtmlBecomesMarkdown() {
        assertEquals(
                "Alias `alias/<name>`, see [CreateAlias](https://docs.aws.amazon.com/kms/x.html) and"
                        + " &lt;server&gt; in \\*settings\\*.\n\n- one\n- **two**",
                GoalReference.markdown(
                        "Alias <code>alias/&lt;name&gt;</code>, see <a href=\"https://docs.aws.amazon"
                                + ".com/kms/x.html\">CreateAlias</a> and\n   &lt;server&gt; in *settings*.<ul><li>one</li>"
                                + "<li><b>two</b></li></ul>",
                        "test"));
        assertEquals(
                "Use\n\n```\n  <tags>\n    <team>release</team>\n  </tags>\n```\n\nthen run.",
                GoalReference.markdown(
                        "Use <pre>\n  &lt;tags&gt;\n    &lt;team&gt;release&lt;/team&gt;\n  "
                                + "&lt;/tags&gt;\n</pre> then run.",
                        "test"));
        // relative links point into a Javadoc site this page does not have: the text stays
        assertEquals(
                "see `KmsKeys`",
                GoalReference.markdown("see <a href=\"../core/KmsKeys.html\"><code>KmsKeys" + "</code></a>", "test"));
    }

    @Test
    void anUnknownTagFailsTheRenderingNamingThePlace() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> GoalReference.markdown("a <table><tr><td>x</td></tr></table>", "kms-address parameter x"));
        assertTrue(
                e.getMessage().contains("unsupported HTML tag <table> in the Javadoc of kms-address parameter x"),
                e.getMessage());
    }

    private static String firstDifference(String a, String b) {
        List<String> x = a.lines().toList();
        List<String> y = b.lines().toList();
        for (int i = 0; i < Math.max(x.size(), y.size()); i++) {
            String l = i < x.size() ? x.get(i) : "<end of file>";
            String r = i < y.size() ? y.get(i) : "<end of file>";
            if (!l.equals(r)) {
                return "first difference at line " + (i + 1) + ":\n  checked in: " + l + "\n  from Javadoc: " + r;
            }
        }
        return "they differ only in line endings";
    }
}
