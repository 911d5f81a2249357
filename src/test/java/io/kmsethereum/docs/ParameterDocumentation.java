package io.kmsethereum.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The documentation rules every goal and parameter must meet, checked on the generated plugin
 * descriptor (so they hold for what users see in {@code mvn kms-ethereum:help -Ddetail} and in
 * {@code docs/reference.md}): class and field Javadoc, {@code @since}, thread safety, and a
 * namespaced user property ({@code kms.*}) for every parameter that can be set on the command
 * line.
 */
final class ParameterDocumentation {
    /** Types Maven cannot fill from a single {@code -D} string, so they need no user property. */
    private static final Set<String> STRUCTURED =
            Set.of("java.util.Map", "java.util.List", "java.util.Set", "java.util.Properties", "java.util.Collection");

    private ParameterDocumentation() {}

    /**
     * @param descriptor a plugin descriptor
     * @return one line per violation, naming the goal and parameter; empty when all is documented
     */
    static List<String> problems(PluginDescriptor descriptor) {
        List<String> problems = new ArrayList<>();
        for (PluginDescriptor.Goal goal : descriptor.pluginGoals()) {
            String where = goal.name() + " (" + goal.implementation() + ")";
            if (goal.description() == null) {
                problems.add(where + ": the Mojo class has no Javadoc");
            }
            if (goal.since() == null) {
                problems.add(where + ": the Mojo class Javadoc has no @since");
            }
            if (!goal.threadSafe()) {
                problems.add(where + ": @Mojo(threadSafe = true) is missing");
            }
            for (PluginDescriptor.Parameter p : goal.editable()) {
                String at = where + " parameter '" + p.name() + "'";
                if (p.description() == null) {
                    problems.add(at + ": no Javadoc");
                }
                if (p.since() == null) {
                    problems.add(at + ": no @since in its Javadoc");
                }
                boolean structured = STRUCTURED.contains(p.type().replaceAll("<.*", ""))
                        || p.type().endsWith("[]");
                if (p.property() == null && !structured) {
                    problems.add(at + ": no user property (@Parameter(property = \"kms." + p.name() + "\"))");
                }
                if (p.property() != null && !p.property().startsWith("kms.")) {
                    problems.add(at + ": user property '" + p.property() + "' is not namespaced under kms.");
                }
            }
        }
        return problems;
    }
}
