package io.kmsethereum.maven;

import io.kmsethereum.core.abi.AbiArguments;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecution;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * ABI argument lists ({@code constructorArgs}, {@code arguments}) that Maven cut at every comma.
 *
 * <p>Maven fills a {@code List<String>} parameter from one text, such as
 * {@code -Dkms.constructorArgs=0x…,[1,2,3]}, a project property, or
 * {@code <constructorArgs>a,b</constructorArgs>}, by splitting the text at every comma (Sisu's
 * collection converter, {@code String.split(",", -1)}): {@code 0x…,[1,2,3]} arrives as the four
 * pieces {@code 0x…}, {@code [1}, {@code 2}, {@code 3]}. Maven has no switch for that, and the
 * parameter must stay a list so that {@code <arg>} elements in the POM keep working, so the
 * plugin undoes it here: when the execution's configuration gives the parameter as text (no
 * child elements), the pieces are joined again with the commas Maven removed (nothing else is
 * lost: the converter neither trims nor drops pieces) and split where brackets, parentheses and
 * double quotes allow ({@link AbiArguments#splitArguments}). A list given as elements,
 * {@code <constructorArgs><arg>[1,2,3]</arg></constructorArgs>}, is one argument per element,
 * taken as written.
 */
final class ArgumentLists {
    private ArgumentLists() {}

    /**
     * @param execution the running execution (its configuration says how the list was given)
     * @param parameter the list parameter, e.g. {@code constructorArgs}
     * @param injected the list Maven injected
     * @return the arguments, one per ABI parameter
     */
    static List<String> of(MojoExecution execution, String parameter, List<String> injected) {
        Xpp3Dom configuration = execution == null ? null : execution.getConfiguration();
        return of(configuration == null ? null : configuration.getChild(parameter), parameter, injected);
    }

    /**
     * @param execution the running execution
     * @param list the parameter holding the entries, e.g. {@code contracts}
     * @param index the entry's position in it, from 0
     * @param parameter the list parameter of the entry, e.g. {@code constructorArgs}
     * @param injected the list Maven injected into the entry
     * @return the entry's arguments, one per ABI parameter
     */
    static List<String> ofEntry(
            MojoExecution execution, String list, int index, String parameter, List<String> injected) {
        Xpp3Dom configuration = execution == null ? null : execution.getConfiguration();
        Xpp3Dom entries = configuration == null ? null : configuration.getChild(list);
        Xpp3Dom entry = entries == null || index >= entries.getChildCount() ? null : entries.getChild(index);
        return of(entry == null ? null : entry.getChild(parameter), parameter, injected);
    }

    /**
     * @param node the parameter's configuration, or {@code null} when unknown (then the injected
     *     list is taken as it is)
     * @param parameter the parameter, for errors
     * @param injected the list Maven injected
     * @return the arguments
     */
    static List<String> of(Xpp3Dom node, String parameter, List<String> injected) {
        if (injected == null || node == null || node.getChildCount() > 0) {
            return injected;
        }
        // Maven turns an empty piece ("a,,b") into null
        String text = injected.stream().map(s -> s == null ? "" : s).collect(Collectors.joining(","));
        return AbiArguments.splitArguments(text, parameter);
    }
}
