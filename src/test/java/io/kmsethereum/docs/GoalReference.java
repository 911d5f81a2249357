package io.kmsethereum.docs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders {@code docs/reference.md}, the goal reference, from the plugin descriptor with HTML
 * descriptions ({@code target/plugin-enhanced.xml}): one section per goal with its default
 * phase and a parameter table (type, user property, default, {@code @since}, description), the
 * parameters all goals share in one table of their own. The Javadoc's HTML becomes Markdown; a
 * tag this renderer does not know fails the rendering, so a description never shows up garbled.
 */
public final class GoalReference {
    /** The command that rewrites the checked-in file; printed in it and in the test's failure. */
    static final String UPDATE_COMMAND =
            "./mvnw -B test -Dtest=GoalReferenceTest -Dkms.docs.update=true -Dinvoker.skip=true";

    private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>");
    private static final Pattern HREF = Pattern.compile("href\\s*=\\s*\"([^\"]*)\"");

    private GoalReference() {}

    /**
     * @param descriptor the descriptor read from {@link PluginDescriptor#ENHANCED}
     * @return the whole Markdown page, ending with a newline
     */
    static String render(PluginDescriptor descriptor) {
        List<PluginDescriptor.Goal> goals = descriptor.goals();
        // the goals that use the key share the key and connection parameters; the others (help,
        // kms-generate-wrappers) list their own
        List<PluginDescriptor.Goal> keyGoals = descriptor.pluginGoals().stream()
                .filter(g -> g.editable().stream().anyMatch(p -> p.name().equals("keyId")))
                .toList();
        Map<String, PluginDescriptor.Parameter> shared = shared(keyGoals);
        List<String> others = goals.stream()
                .filter(g -> !keyGoals.contains(g))
                .map(g -> "`" + g.name() + "`")
                .toList();
        StringBuilder md = new StringBuilder();
        md.append("# Goal reference\n\n");
        md.append("<!-- Generated from the Mojo Javadoc by GoalReferenceTest; do not edit. After changing a Mojo,"
                        + " regenerate with\n     ")
                .append(UPDATE_COMMAND)
                .append(" -->\n\n");
        md.append("The goals of `io.kmsethereum:kms-ethereum-maven-plugin` (prefix `")
                .append(descriptor.goalPrefix())
                .append("`; Java ")
                .append(descriptor.requiredJavaVersion())
                .append("+, Maven ")
                .append(descriptor.requiredMavenVersion())
                .append("+), generated from the Mojo Javadoc, so this page" + " always matches the code. `mvn ")
                .append(descriptor.goalPrefix())
                .append(":help -Ddetail` prints the same descriptions in the terminal (`-Dgoal=<goal>` for one"
                        + " goal).\n\n");
        md.append("Set a parameter in the plugin's or an execution's `<configuration>`, or, where it has a user"
                + " property, with `-D<property>=<value>` on the command line or a `<properties>` entry of the"
                + " POM. A parameter without a default is unset unless configured.\n\n");
        md.append("| goal | default phase | needs a project | since | what it does |\n|---|---|---|---|---|\n");
        for (PluginDescriptor.Goal goal : goals) {
            md.append("| [`")
                    .append(goal.name())
                    .append("`](#")
                    .append(goal.name())
                    .append(") | ")
                    .append(goal.phase() == null ? "none" : "`" + goal.phase() + "`")
                    .append(" | ")
                    .append(goal.requiresProject() ? "yes" : "no")
                    .append(" | ")
                    .append(orDash(goal.since()))
                    .append(" | ")
                    .append(cell(firstSentence(markdown(goal.description(), goal.name()))))
                    .append(" |\n");
        }
        md.append("\n## Parameters of the goals that use the key\n\n");
        md.append("Every goal that uses the key takes these, for the key and the connection to AWS KMS (all but ")
                .append(String.join(" and ", others))
                .append(", which need no key).\n\n");
        table(md, new ArrayList<>(shared.values()), "shared");
        for (PluginDescriptor.Goal goal : goals) {
            md.append("\n## `").append(goal.name()).append("`\n\n");
            md.append(markdown(goal.description(), goal.name()).strip()).append("\n\n");
            md.append("Default phase: ")
                    .append(
                            goal.phase() == null
                                    ? "none (run it from the command line or bind it" + " to a phase in an execution)"
                                    : "`" + goal.phase() + "`")
                    .append(" · needs a project: ")
                    .append(goal.requiresProject() ? "yes" : "no")
                    .append(goal.threadSafe() ? " · thread-safe" : "")
                    .append(goal.since() == null ? "" : " · since " + goal.since())
                    .append("\n\n");
            md.append("`mvn ")
                    .append(descriptor.goalPrefix())
                    .append(':')
                    .append(goal.name())
                    .append("`\n\n");
            List<PluginDescriptor.Parameter> own = new ArrayList<>();
            boolean hasShared = !shared.isEmpty()
                    && goal.editable().stream()
                                    .filter(p -> shared.containsKey(p.name()))
                                    .count()
                            == shared.size();
            for (PluginDescriptor.Parameter p : goal.editable()) {
                if (!(hasShared && shared.containsKey(p.name()))) {
                    own.add(p);
                }
            }
            if (hasShared) {
                md.append("Takes the [shared parameters](#parameters-of-the-goals-that-use-the-key)")
                        .append(own.isEmpty() ? ".\n" : " and these:\n\n");
            }
            if (!own.isEmpty()) {
                table(md, own, goal.name());
            }
        }
        return md.toString();
    }

    /**
     * Converts Javadoc HTML to Markdown: {@code code}, {@code a href}, {@code p}, {@code br},
     * {@code ul}/{@code ol}/{@code li}, {@code em}/{@code i}, {@code strong}/{@code b},
     * {@code pre}.
     *
     * @param html a description from the enhanced descriptor (may be {@code null})
     * @param where the goal or parameter, for the error message
     * @return Markdown, paragraphs separated by blank lines
     * @throws IllegalArgumentException on any other tag
     */
    static String markdown(String html, String where) {
        if (html == null) {
            return "";
        }
        StringBuilder done = new StringBuilder();
        StringBuilder out = new StringBuilder();
        Matcher m = TAG.matcher(html);
        int at = 0;
        boolean code = false;
        boolean pre = false;
        List<String> links = new ArrayList<>();
        while (m.find()) {
            out.append(text(html.substring(at, m.start()), code || pre, pre));
            at = m.end();
            boolean close = !m.group(1).isEmpty();
            String tag = m.group(2).toLowerCase(Locale.ROOT);
            switch (tag) {
                case "code", "tt" -> {
                    if (!pre) {
                        out.append('`');
                        code = !close;
                    }
                }
                case "a" -> {
                    if (close) {
                        String href = links.isEmpty() ? null : links.remove(links.size() - 1);
                        out.append(href == null ? "" : "](" + href + ")");
                    } else {
                        Matcher h = HREF.matcher(m.group(3));
                        // only absolute links make sense outside the Javadoc site
                        String href = h.find() && h.group(1).matches("https?://.*") ? h.group(1) : null;
                        links.add(href);
                        out.append(href == null ? "" : "[");
                    }
                }
                case "p" -> out.append(close ? "" : "\n\n");
                case "br" -> out.append("\n");
                case "ul", "ol" -> out.append(close ? "\n\n" : "\n");
                case "li" -> out.append(close ? "" : "\n- ");
                case "em", "i" -> out.append('*');
                case "strong", "b" -> out.append("**");
                case "pre" -> {
                    // a pre block is kept as written; only the prose around it is tidied
                    done.append(
                            close
                                    ? "```\n"
                                            + out.toString()
                                                    .replaceAll("^\\n+", "")
                                                    .stripTrailing() + "\n```\n\n"
                                    : tidy(out) + "\n\n");
                    out.setLength(0);
                    pre = !close;
                }
                default ->
                    throw new IllegalArgumentException("unsupported HTML tag <" + m.group(1) + m.group(2)
                            + "> in the Javadoc of " + where + "; GoalReference renders code, a, p, br, ul, ol, li, em,"
                            + " i, strong, b and pre");
            }
        }
        out.append(text(html.substring(at), code || pre, pre));
        return (done + tidy(out)).strip();
    }

    /** No spaces around line breaks, at most one blank line. */
    private static String tidy(CharSequence prose) {
        return prose.toString()
                .replaceAll("[ \\t]*\\n[ \\t]*", "\n")
                .replaceAll("\\n{3,}", "\n\n")
                .strip();
    }

    /**
     * The plain text that maven-plugin-plugin writes into {@code plugin.xml} (and {@code help}
     * prints) for the same Javadoc: Markdown markers dropped, links as {@code text <url>},
     * whitespace collapsed. Used to check that the page and {@code help} say the same.
     *
     * @param markdown the output of {@link #markdown}, or a table cell of the page
     * @return one line of plain text
     */
    public static String plainText(String markdown) {
        return markdown.replace("\\|", "|")
                .replace("<br><br>", " ")
                .replace("<br>• ", " ")
                .replaceAll("\\[([^\\]]*)\\]\\(([^)]*)\\)", "$1 <$2>")
                .replace("`", "")
                .replace("**", "")
                .replaceAll("(?<!\\\\)\\*", "")
                .replace("\\*", "*")
                .replace("\\[", "[")
                .replace("\\]", "]")
                .replace("\\\\", "\\")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&")
                .replaceAll("\\s+", " ")
                .strip();
    }

    private static String text(String s, boolean literal, boolean keepWhitespace) {
        String t = keepWhitespace ? s : s.replaceAll("\\s+", " ");
        if (literal) {
            return t.replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&apos;", "'")
                    .replace("&#39;", "'")
                    .replace("&amp;", "&");
        }
        // entities stay entities (Markdown renders them); Markdown's own markers are escaped
        return t.replace("\\", "\\\\").replace("*", "\\*").replace("[", "\\[").replace("]", "\\]");
    }

    private static void table(StringBuilder md, List<PluginDescriptor.Parameter> params, String where) {
        md.append("| parameter | type | user property | default | since | description |\n")
                .append("|---|---|---|---|---|---|\n");
        for (PluginDescriptor.Parameter p : params) {
            String description = markdown(p.description(), where + " parameter " + p.name());
            if (p.deprecated() != null) {
                description = "**Deprecated:** " + markdown(p.deprecated(), p.name()) + " " + description;
            }
            md.append("| `")
                    .append(p.name())
                    .append("` | `")
                    .append(simpleType(p.type()))
                    .append("` | ")
                    .append(p.property() == null ? "—" : "`" + p.property() + "`")
                    .append(" | ")
                    .append(
                            p.required()
                                    ? "required"
                                    : p.defaultValue() == null ? "—" : "`" + cell(p.defaultValue()) + "`")
                    .append(" | ")
                    .append(orDash(p.since()))
                    .append(" | ")
                    .append(cell(description))
                    .append(" |\n");
        }
    }

    private static Map<String, PluginDescriptor.Parameter> shared(List<PluginDescriptor.Goal> goals) {
        Map<String, PluginDescriptor.Parameter> shared = new LinkedHashMap<>();
        if (goals.isEmpty()) {
            return shared;
        }
        for (PluginDescriptor.Parameter p : goals.get(0).editable()) {
            if (goals.stream().allMatch(g -> g.editable().contains(p))) {
                shared.put(p.name(), p);
            }
        }
        return shared;
    }

    private static String simpleType(String type) {
        return type.replaceAll("\\b(java\\.lang|java\\.io|java\\.util|java\\.nio\\.file)\\.", "");
    }

    private static String firstSentence(String markdown) {
        String oneLine = markdown.replaceAll("\\s+", " ").strip();
        Matcher end = Pattern.compile("\\.(?=\\s+[A-Z]|$)").matcher(oneLine);
        return end.find() ? oneLine.substring(0, end.start() + 1) : oneLine;
    }

    private static String cell(String markdown) {
        return markdown.strip()
                .replace("|", "\\|")
                .replace("\n\n", "<br><br>")
                .replace("\n- ", "<br>• ")
                .replace("\n", " ");
    }

    private static String orDash(String s) {
        return s == null ? "—" : s;
    }
}
