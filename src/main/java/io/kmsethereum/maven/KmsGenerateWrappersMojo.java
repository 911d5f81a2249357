package io.kmsethereum.maven;

import io.kmsethereum.core.codegen.Wrappers;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Generates web3j Java wrappers (web3j's {@code org.web3j:codegen}) for compiled contracts and
 * adds them to the compile sources, so that project code and tests deploy and call contracts
 * with the KMS key: {@code Counter.deploy(web3j, new RawTransactionManager(web3j, kmsSigner, chainId),
 * gasProvider, …)}. Reads the same artifacts as {@code kms-deploy-contract}. Needs no key.
 *
 * @since 0.1.0
 */
@Mojo(name = "kms-generate-wrappers", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class KmsGenerateWrappersMojo extends AbstractPluginMojo {

    /**
     * Compiled contracts: Foundry artifacts ({@code out/X.sol/X.json}), Hardhat artifacts, solc
     * {@code --combined-json abi,bin} or standard-JSON output, {@code .bin} files with a sibling
     * {@code .abi}; or directories searched for them (e.g. Foundry's {@code out}; then
     * {@code contractNames} picks the ones wanted).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.artifacts", required = true)
    private List<File> artifacts;

    /**
     * The contracts to generate wrappers for, by name ({@code Counter}) or fully qualified name
     * ({@code src/Counter.sol:Counter}). Empty: every contract the artifacts hold.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.contractNames")
    private List<String> contractNames;

    /**
     * Java package of the generated wrappers.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.packageName", required = true)
    private String packageName;

    /**
     * Source root the wrappers are written to; it is added to the project's compile sources.
     *
     * @since 0.1.0
     */
    @Parameter(
            property = "kms.generateWrappers.outputDirectory",
            defaultValue = "${project.build.directory}/generated-sources/web3j")
    private File outputDirectory;

    /**
     * Java types in the wrappers' method signatures ({@code String}, {@code BigInteger},
     * {@code List}, {@code byte[]}) instead of web3j's ABI types ({@code Utf8String},
     * {@code Uint256}, …).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.generateWrappers.useNativeJavaTypes", defaultValue = "true")
    private boolean useNativeJavaTypes = true;

    /**
     * Java primitive types ({@code int}, {@code long}, {@code boolean}) where a Solidity type fits
     * them; needs {@code useNativeJavaTypes}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.generateWrappers.useJavaPrimitiveTypes", defaultValue = "false")
    private boolean useJavaPrimitiveTypes;

    /**
     * For functions that change state, also generate a {@code call_} method that runs them with
     * {@code eth_call} (no transaction) and returns their result.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.generateWrappers.generateBothCallAndSend", defaultValue = "false")
    private boolean generateBothCallAndSend;

    /**
     * Skip this goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.generateWrappers.skip", defaultValue = "false")
    private boolean skipGenerateWrappers;

    /** Maven instantiates the goal; it needs no components. */
    public KmsGenerateWrappersMojo() {}

    @Override
    protected boolean isGoalSkipped() {
        return skipGenerateWrappers;
    }

    @Override
    protected void process() {
        List<Path> inputs = artifacts == null
                ? List.of()
                : artifacts.stream().map(File::toPath).toList();
        List<Path> written = Wrappers.generate(
                inputs,
                contractNames,
                packageName,
                outputDirectory.toPath(),
                new Wrappers.Options(useNativeJavaTypes, useJavaPrimitiveTypes, generateBothCallAndSend));
        written.forEach(file -> getLog().info("Generated " + file));
        getLog().info("Generated " + written.size() + " web3j wrapper" + (written.size() == 1 ? "" : "s") + " in "
                + outputDirectory);
        if (project != null) {
            project.addCompileSourceRoot(outputDirectory.getAbsolutePath());
        }
    }
}
