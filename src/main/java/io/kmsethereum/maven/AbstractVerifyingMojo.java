package io.kmsethereum.maven;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.artifact.ContractArtifact;
import io.kmsethereum.core.deploy.DeploymentLedger;
import io.kmsethereum.core.deploy.DeploymentRecord;
import io.kmsethereum.core.rpc.RpcUrls;
import io.kmsethereum.core.verify.ContractVerifier;
import io.kmsethereum.core.verify.ExplorerHttp;
import io.kmsethereum.core.verify.VerificationInput;
import io.kmsethereum.core.verify.VerificationInputs;
import io.kmsethereum.core.verify.Verifier;
import io.kmsethereum.core.verify.VerifierType;
import java.io.File;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Base of the goals that verify deployed contracts' source ({@code kms-deploy-contract},
 * {@code kms-verify}): the verifiers, where the standard-JSON input comes from, how long to wait
 * and whether a failed verification fails the build. The work is
 * {@link io.kmsethereum.core.verify.ContractVerifier}'s.
 */
public abstract class AbstractVerifyingMojo extends AbstractTransactionMojo {
    /**
     * The longest time one HTTP request to a verifier may take; each is bounded further by the
     * time left of {@code verifyTimeout} ({@link io.kmsethereum.core.verify.Patience}).
     */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Source verifiers to publish the deployed contracts' source on, each a {@code <verifier>}
     * with {@code type} ({@code sourcify}: Sourcify API v2; {@code etherscan}: the Etherscan API
     * V2, one key for every chain; {@code blockscout}: the Etherscan-compatible {@code /api} of
     * Blockscout and other explorers), {@code url} (default: the public Sourcify server, the
     * Etherscan V2 endpoint; required for {@code blockscout}), {@code apiKey} as
     * {@code server:<id>} (a {@code settings.xml} server's password) or {@code env:NAME}, never
     * the key itself (required for {@code etherscan}), and {@code name} (default the type).
     * Redirects are not followed (a POST would carry the key to the new address): give the final
     * URL. In
     * {@code kms-deploy-contract} they verify each contract after its receipt; empty (the
     * default) means no verification. Each verifier's result is recorded in the ledger record's
     * {@code verifications}; a re-run asks only the verifiers that did not verify.
     *
     * @since 0.1.0
     */
    @Parameter
    protected List<VerifierEntry> verifiers;

    /**
     * The longest time one verifier may take for one contract, in seconds: rate limits and "not
     * indexed yet" answers are waited out with backoff (1 s, 2 s, 4 s, … at most 16 s), a job
     * "pending in queue" is looked at again after 1 s, 2 s, then every 4 s, all within it and
     * each wait in the log; then that verifier's verification fails. Each HTTP request is given
     * at most the time left of it (at least 5 s, at most 60 s).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.verifyTimeout", defaultValue = "300")
    protected int verifyTimeout = 300;

    /**
     * Whether a verification that fails fails the build (with each verifier's reason). The
     * results are recorded in the ledger either way, and the other verifiers are asked anyway.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.failOnVerificationError", defaultValue = "true")
    protected boolean failOnVerificationError = true;

    /**
     * The build-info that holds the contract's standard-JSON input and compiler version: a file,
     * or a directory of them. Default: the {@code build-info} directory beside the artifacts
     * (Foundry: {@code out/build-info}, written with {@code forge build --build-info}; Hardhat:
     * {@code artifacts/build-info}, found through the artifact's {@code .dbg.json}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.buildInfo")
    protected File buildInfo;

    /**
     * A solc standard-JSON input file to verify with, instead of build-info; needs
     * {@code compilerVersion}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.standardJsonInput")
    protected File standardJsonInput;

    /**
     * The full compiler version for {@code standardJsonInput}, with its commit, as
     * {@code solc --version} prints it: {@code 0.8.28+commit.7893614a}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.compilerVersion")
    protected String compilerVersion;

    /**
     * @param settingsDecrypter decrypts settings.xml passwords
     */
    protected AbstractVerifyingMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    /**
     * The configured verifiers, checked and with their keys resolved (before anything is signed
     * or sent).
     *
     * @return the verifiers, empty when none is configured
     * @throws InvalidInputException naming {@code verifiers[n].<field>} for a bad entry
     */
    protected List<Verifier> verifierList() {
        List<Verifier> out = new ArrayList<>();
        if (verifiers == null) {
            return out;
        }
        if (verifyTimeout < 1) {
            throw new InvalidInputException("verifyTimeout", "must be at least 1 second, was " + verifyTimeout);
        }
        for (int i = 0; i < verifiers.size(); i++) {
            VerifierEntry entry = verifiers.get(i);
            String prefix = "verifiers[" + (i + 1) + "].";
            if (entry == null) {
                throw new InvalidInputException("verifiers", "entry " + (i + 1) + " is empty; give it a <type>");
            }
            VerifierType type = VerifierType.parse(entry.type, prefix + "type");
            URI url = url(entry, type, prefix + "url");
            String key = apiKey(entry.apiKey, prefix + "apiKey");
            if (type == VerifierType.SOURCIFY && key != null) {
                throw new InvalidInputException(prefix + "apiKey", "is set, but Sourcify takes no API key; remove it");
            }
            if (type.keyRequired() && key == null) {
                throw new InvalidInputException(
                        prefix + "apiKey",
                        "is required for " + type.id() + ": put the key into a settings.xml <server> as its"
                                + " <password> and write server:<id>, or export it and write env:NAME");
            }
            String name = blankToNull(entry.name) == null ? type.id() : entry.name.trim();
            out.add(new Verifier(name, type, url, key));
        }
        ContractVerifier.checkDistinct(out, "verifiers");
        if (blankToNull(compilerVersion) != null && standardJsonInput == null) {
            throw new InvalidInputException(
                    "compilerVersion", "is set without standardJsonInput; set both, or neither to use build-info");
        }
        return out;
    }

    private static URI url(VerifierEntry entry, VerifierType type, String parameter) {
        String text = blankToNull(entry.url);
        if (text == null) {
            if (type.defaultUrl() == null) {
                throw new InvalidInputException(
                        parameter,
                        "is required for " + type.id() + ": the explorer's Etherscan-compatible API endpoint,"
                                + " e.g. https://eth-sepolia.blockscout.com/api");
            }
            return type.defaultUrl();
        }
        if (!RpcUrls.inlineSecrets(text).isEmpty()) {
            throw new InvalidInputException(
                    parameter,
                    "carries what looks like an API key (" + String.join(", ", RpcUrls.inlineSecrets(text))
                            + "); Maven prints configured values under -X. Give the key as apiKey (server:<id> or"
                            + " env:NAME) and the URL without it");
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null
                || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new InvalidInputException(
                    parameter, "'" + text.trim() + "' is not an http(s) URL, e.g. https://sourcify.dev/server");
        }
        return uri;
    }

    private String apiKey(String reference, String parameter) {
        String text = blankToNull(reference);
        if (text == null) {
            return null;
        }
        text = text.trim();
        if (text.startsWith("server:") && text.length() > "server:".length()) {
            return settingsServers().password(text.substring("server:".length()).trim(), parameter);
        }
        if (text.startsWith("env:") && text.length() > "env:".length()) {
            String name = text.substring("env:".length()).trim();
            String value = System.getenv(name);
            if (value == null || value.isBlank()) {
                throw new InvalidInputException(
                        parameter,
                        "names the environment variable '" + name + "', which is not set; export it with the API key");
            }
            return value.trim();
        }
        throw new InvalidInputException(
                parameter,
                "must be a reference, server:<id> or env:NAME, not the key itself: Maven prints configured values"
                        + " under -X. Put the key into a settings.xml <server> as its <password> and write server:<id>,"
                        + " or export it and write env:NAME");
    }

    /**
     * The standard-JSON input of a contract: {@code standardJsonInput} with
     * {@code compilerVersion} when set, else its build-info.
     *
     * @param contract the contract's artifact
     * @return the input
     * @throws InvalidInputException when there is none, saying how to produce it
     */
    protected VerificationInput verificationInput(ContractArtifact contract) {
        if (standardJsonInput != null) {
            if (blankToNull(compilerVersion) == null) {
                throw new InvalidInputException(
                        "compilerVersion",
                        "is required with standardJsonInput: the full solc version, e.g. 0.8.28+commit.7893614a");
            }
            return VerificationInputs.fromStandardJson(contract, standardJsonInput.toPath(), compilerVersion);
        }
        return VerificationInputs.fromBuildInfo(contract, buildInfo == null ? null : buildInfo.toPath());
    }

    /** One deployment to verify: its record, its input and its artifact. */
    protected record Target(DeploymentRecord record, VerificationInput input, ContractArtifact contract) {}

    /**
     * Verifies the deployments on every verifier and records the results in the ledger; fails
     * the build afterwards when one failed and {@code failOnVerificationError} is on.
     *
     * @param list the verifiers
     * @param ledger the ledger
     * @param targets the deployments
     * @param ledgerWhere where the ledger lives, for messages
     * @throws io.kmsethereum.core.verify.VerificationFailedException when a verification failed
     *     and failOnVerificationError is on
     */
    protected void verifyAll(List<Verifier> list, DeploymentLedger ledger, List<Target> targets, String ledgerWhere) {
        ContractVerifier verifier = new ContractVerifier(
                        list, new ExplorerHttp(REQUEST_TIMEOUT), Duration.ofSeconds(verifyTimeout), getLog()::info)
                .warnings(getLog()::warn);
        List<ContractVerifier.Report> reports = new ArrayList<>();
        for (Target target : targets) {
            reports.add(verifier.verify(ledger, target.record(), target.input(), target.contract()));
        }
        Optional<io.kmsethereum.core.verify.VerificationFailedException> failure =
                ContractVerifier.failure(reports, ledgerWhere, failOnVerificationError);
        if (failure.isPresent()) {
            if (failOnVerificationError) {
                throw failure.get();
            }
            getLog().warn(failure.get().getMessage());
        }
    }
}
