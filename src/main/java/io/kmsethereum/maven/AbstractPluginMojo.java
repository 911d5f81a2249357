package io.kmsethereum.maven;

import io.kmsethereum.core.AtomicFiles;
import io.kmsethereum.core.FileAccessException;
import io.kmsethereum.core.KmsEthereumException;
import java.io.File;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * The template every goal of the plugin follows, whether it needs a KMS key or not:
 * {@link #execute()} checks the skip flags ({@code kms.skip} and the goal's own), calls
 * {@link #process()}, and maps core exceptions to Maven ones in one place ({@link MojoErrors}).
 * Goals that use the key extend {@link AbstractKmsMojo}, which adds the key and AWS parameters;
 * {@code kms-generate-wrappers} extends this class directly and so takes none of them.
 */
public abstract class AbstractPluginMojo extends AbstractMojo {
    static {
        // before any AWS SDK or web3j class creates its logger: no secrets under -X
        SdkLogging.quietSecretBearingLoggers();
    }

    /**
     * Skip every goal of this plugin.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.skip", defaultValue = "false")
    protected boolean skip;

    /** The current build session. */
    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    /** The current project. */
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    /** This execution of the goal; its descriptor names the goal. */
    @Parameter(defaultValue = "${mojoExecution}", readonly = true, required = true)
    protected MojoExecution mojoExecution;

    /** For subclasses; Maven instantiates the concrete goals. */
    protected AbstractPluginMojo() {}

    /**
     * Checks the skip flags, then runs {@link #process()} and maps its core exceptions
     * ({@link KmsEthereumException}) to Maven's.
     *
     * @throws MojoFailureException on input or a key the user must change
     * @throws MojoExecutionException when KMS, the node or the file system fails
     */
    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        if (skip || isGoalSkipped()) {
            getLog().info("Skipping " + goalName() + " (" + (skip ? "kms.skip" : goalSkipProperty(goalName())) + ")");
            return;
        }
        try {
            process();
            if (getLog().isDebugEnabled()) {
                getLog().debug("KMS calls in this build so far: "
                        + buildContext().calls().describe());
            }
        } catch (KmsEthereumException e) {
            Exception mapped =
                    MojoErrors.toMojoException(e, mojoExecution == null ? null : mojoExecution.getMojoDescriptor());
            if (mapped instanceof MojoFailureException f) {
                throw f;
            }
            throw (MojoExecutionException) mapped;
        }
    }

    /**
     * The property of a goal's own skip flag, by the plugin's naming rule: {@code kms-address}
     * has {@code kms.address.skip}, {@code kms-create-key} has {@code kms.createKey.skip}.
     *
     * @param goal the goal name, {@code kms-} followed by dash-separated words
     * @return {@code kms.<goal in camel case without kms->.skip}
     */
    static String goalSkipProperty(String goal) {
        String[] words = goal.replaceFirst("^kms-", "").split("-");
        StringBuilder property = new StringBuilder("kms.").append(words[0]);
        for (int i = 1; i < words.length; i++) {
            property.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return property.append(".skip").toString();
    }

    /**
     * The goal's name as Maven runs it, taken from the execution's descriptor.
     *
     * @return the goal name, e.g. {@code kms-address}
     * @throws IllegalStateException if Maven did not inject the execution (never in a build)
     */
    protected final String goalName() {
        if (mojoExecution == null || mojoExecution.getMojoDescriptor() == null) {
            throw new IllegalStateException(
                    "no mojo execution injected into " + getClass().getName());
        }
        return mojoExecution.getMojoDescriptor().getGoal();
    }

    /**
     * @return whether the goal's own skip flag (e.g. {@code kms.address.skip}) is set
     */
    protected abstract boolean isGoalSkipped();

    /**
     * The goal's work; core exceptions it throws are mapped by {@link #execute()}.
     *
     * @throws MojoExecutionException on I/O and infrastructure failures
     * @throws MojoFailureException on user errors not raised as core exceptions
     */
    protected abstract void process() throws MojoExecutionException, MojoFailureException;

    /**
     * @return the build context: caches shared by every goal execution of this Maven session
     */
    protected KmsBuildContext buildContext() {
        return KmsBuildContext.of(session);
    }

    /**
     * Writes a file atomically (temp file in the same directory, then move), creating missing
     * parent directories.
     *
     * @param file the target
     * @param content the bytes
     * @throws MojoExecutionException on I/O errors
     */
    protected static void writeAtomically(File file, byte[] content) throws MojoExecutionException {
        try {
            AtomicFiles.write(file.toPath(), content);
        } catch (FileAccessException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        }
    }

    /**
     * Sets a property of the current project, so that later goals of the build see
     * {@code ${name}}. Session user properties ({@code -D}) are left as they are. Does nothing
     * for a blank name or without a project ({@code kms-create-key} runs without one).
     *
     * @param name the property name, e.g. {@code kms.address}
     * @param value the value
     */
    protected void setProperty(String name, String value) {
        if (name != null && !name.isBlank() && project != null) {
            project.getProperties().setProperty(name, value);
        }
    }

    /**
     * @param s a string
     * @return {@code null} for null or blank, else trimmed
     */
    protected static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
