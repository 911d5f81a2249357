package io.kmsethereum.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The plugin descriptor that maven-plugin-plugin generates from the Mojo annotations and Javadoc,
 * read into plain records. Two files hold it: {@code target/classes/META-INF/maven/plugin.xml}
 * (descriptions as plain text; {@code helpmojo} builds {@code mvn kms-ethereum:help} from it) and
 * {@code target/plugin-enhanced.xml} (the same with the Javadoc's HTML kept, for rendered
 * documentation). Both exist after {@code process-classes}, so tests can read them.
 *
 * @param goalPrefix the plugin's goal prefix, e.g. {@code kms-ethereum}
 * @param requiredJavaVersion e.g. {@code 17}
 * @param requiredMavenVersion e.g. {@code 3.9.0}
 * @param goals the goals in descriptor order (alphabetical), {@code help} included
 */
public record PluginDescriptor(
        String goalPrefix, String requiredJavaVersion, String requiredMavenVersion, List<Goal> goals) {

    /** The descriptor with plain-text descriptions, as in the plugin JAR. */
    public static final Path PLAIN = Path.of("target", "classes", "META-INF", "maven", "plugin.xml");

    /** The descriptor with HTML descriptions (not packaged). */
    public static final Path ENHANCED = Path.of("target", "plugin-enhanced.xml");

    /**
     * One goal (Mojo).
     *
     * @param name e.g. {@code kms-address}
     * @param description the Mojo's class Javadoc (plain text or HTML, depending on the file)
     * @param since the class Javadoc's {@code @since}, or {@code null}
     * @param phase the default phase, or {@code null}
     * @param requiresProject whether it needs a {@code pom.xml}
     * @param threadSafe whether it is marked thread-safe
     * @param implementation the Mojo class
     * @param parameters every parameter, read-only ones included, in descriptor order
     */
    public record Goal(
            String name,
            String description,
            String since,
            String phase,
            boolean requiresProject,
            boolean threadSafe,
            String implementation,
            List<Parameter> parameters) {

        /** @return the parameters a user can set (not {@code readonly}) */
        public List<Parameter> editable() {
            return parameters.stream().filter(Parameter::editable).toList();
        }
    }

    /**
     * One Mojo parameter.
     *
     * @param name the field name, used as the POM element
     * @param type the Java type, e.g. {@code java.lang.String}
     * @param description the field Javadoc, or {@code null}
     * @param since the field Javadoc's {@code @since}, or {@code null}
     * @param required whether Maven requires a value
     * @param editable {@code false} for {@code readonly} parameters (session, project)
     * @param property the user property ({@code -D}), or {@code null}
     * @param defaultValue the default value expression, or {@code null}
     * @param deprecated the deprecation note, or {@code null}
     */
    public record Parameter(
            String name,
            String type,
            String description,
            String since,
            boolean required,
            boolean editable,
            String property,
            String defaultValue,
            String deprecated) {}

    /**
     * @param file {@link #PLAIN} or {@link #ENHANCED}, relative to the project directory
     * @return the parsed descriptor
     * @throws IllegalStateException if the file is missing (run {@code process-classes} first) or
     *     not a descriptor
     */
    public static PluginDescriptor read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: it is generated in process-classes"
                    + " (run ./mvnw test, not the test class alone from a clean tree)");
        }
        Document doc;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            doc = factory.newDocumentBuilder().parse(file.toFile());
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Element plugin = doc.getDocumentElement();
        List<Goal> goals = new ArrayList<>();
        for (Element mojo : children(child(plugin, "mojos"), "mojo")) {
            Map<String, String[]> configuration = new HashMap<>();
            Element config = child(mojo, "configuration");
            if (config != null) {
                for (Element c : children(config, null)) {
                    String def = c.hasAttribute("default-value") ? c.getAttribute("default-value") : null;
                    String expression = c.getTextContent().trim();
                    String property = expression.startsWith("${") && expression.endsWith("}")
                            ? expression.substring(2, expression.length() - 1)
                            : null;
                    configuration.put(c.getTagName(), new String[] {property, def});
                }
            }
            List<Parameter> parameters = new ArrayList<>();
            Element params = child(mojo, "parameters");
            if (params != null) {
                for (Element p : children(params, "parameter")) {
                    String name = text(p, "name");
                    String[] c = configuration.getOrDefault(name, new String[2]);
                    parameters.add(new Parameter(
                            name,
                            text(p, "type"),
                            text(p, "description"),
                            text(p, "since"),
                            Boolean.parseBoolean(text(p, "required")),
                            Boolean.parseBoolean(text(p, "editable")),
                            c[0],
                            c[1],
                            text(p, "deprecated")));
                }
            }
            goals.add(new Goal(
                    text(mojo, "goal"),
                    text(mojo, "description"),
                    text(mojo, "since"),
                    text(mojo, "phase"),
                    Boolean.parseBoolean(text(mojo, "requiresProject")),
                    Boolean.parseBoolean(text(mojo, "threadSafe")),
                    text(mojo, "implementation"),
                    List.copyOf(parameters)));
        }
        return new PluginDescriptor(
                text(plugin, "goalPrefix"),
                text(plugin, "requiredJavaVersion"),
                text(plugin, "requiredMavenVersion"),
                List.copyOf(goals));
    }

    /** @return the plugin's own goals, without the generated {@code help} goal */
    public List<Goal> pluginGoals() {
        return goals.stream().filter(g -> !g.name().equals("help")).toList();
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent == null) {
            return out;
        }
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && (name == null || e.getTagName().equals(name))) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        if (e == null) {
            return null;
        }
        String t = e.getTextContent().trim();
        return t.isEmpty() ? null : t;
    }
}
