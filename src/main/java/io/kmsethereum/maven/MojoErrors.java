package io.kmsethereum.maven;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.KmsEthereumException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;

/**
 * The one place where core exceptions become Maven exceptions, decided by the
 * {@linkplain KmsEthereumException#fault() fault} each exception carries and nothing else: an
 * error the user can fix (bad input, an unusable key, a transaction the chain rejects or reverts,
 * no receipt in time) becomes a {@link MojoFailureException}; an error of the environment (KMS,
 * the node or the state store unreachable, a file that cannot be read or written, an interrupted
 * wait) a {@link MojoExecutionException}. The message is the core's sentence, which names the
 * parameter or key and says what to change; the core exception stays the cause.
 *
 * <p>The core names parameters only as parameters ({@code 'keyId'}), since it is also used
 * without Maven. For an {@link InvalidInputException} this layer adds the user property of each
 * named parameter, as the goal's descriptor declares it, e.g.
 * {@code (Maven property: kms.keyId)}.
 */
public final class MojoErrors {
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    private MojoErrors() {}

    /**
     * @param e a core exception
     * @param goal the descriptor of the goal that failed, for the user properties of its
     *     parameters, or {@code null}
     * @return the Maven exception to throw: {@link MojoFailureException} for
     *     {@link KmsEthereumException.Fault#USER}, {@link MojoExecutionException} for
     *     {@link KmsEthereumException.Fault#ENVIRONMENT}
     */
    public static Exception toMojoException(KmsEthereumException e, MojoDescriptor goal) {
        String message = e.getMessage() + propertyHint(e, goal);
        return switch (e.fault()) {
            case USER -> new MojoFailureException(message, e);
            case ENVIRONMENT -> new MojoExecutionException(message, e);
        };
    }

    /**
     * @param e a core exception
     * @param goal the goal's descriptor, or {@code null}
     * @return {@code " (Maven property: kms.x)"} (or {@code properties}, for an error naming
     *     several parameters as {@code "a, b"}) for an {@link InvalidInputException} whose
     *     parameters the goal reads from user properties; else the empty string
     */
    static String propertyHint(KmsEthereumException e, MojoDescriptor goal) {
        if (!(e instanceof InvalidInputException input) || goal == null || input.getParameter() == null) {
            return "";
        }
        List<String> properties = new ArrayList<>();
        for (String name : input.getParameter().split(",\\s*")) {
            Parameter parameter = goal.getParameterMap().get(name);
            Matcher m = PROPERTY.matcher(
                    parameter == null || parameter.getExpression() == null ? "" : parameter.getExpression());
            if (m.matches()) {
                properties.add(m.group(1));
            }
        }
        if (properties.isEmpty()) {
            return "";
        }
        return " (Maven propert" + (properties.size() == 1 ? "y: " : "ies: ") + String.join(", ", properties) + ")";
    }
}
