package io.kmsethereum.core.verify;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.KmsEthereumException.Fault;
import io.kmsethereum.core.artifact.ContractArtifact;
import io.kmsethereum.core.artifact.LinkReference;
import io.kmsethereum.core.deploy.DeploymentLedger;
import io.kmsethereum.core.deploy.DeploymentRecord;
import io.kmsethereum.core.deploy.InitCode;
import io.kmsethereum.core.deploy.Linker;
import io.kmsethereum.core.deploy.Verification;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.web3j.utils.Numeric;

/**
 * Verifies what the deployment ledger records on every configured verifier, and writes each
 * verifier's result into the record's {@code verifications}:
 * <ul>
 *   <li>a verifier whose entry says {@code verified} or {@code already-verified} (same name, same
 *       URL) is skipped: nothing is sent to it;</li>
 *   <li>every other verifier is asked, one after the other, each with {@code verifyTimeout} to
 *       wait out rate limits, indexing and its queue ({@link Patience}); one that fails or cannot
 *       be reached does not stop the others, and its failure is recorded with its reason, so a
 *       later build asks it again.</li>
 * </ul>
 * The constructor arguments, the creating transaction (for CREATE2 the call to the proxy) and
 * the linked libraries come from the record; the standard-JSON input from
 * {@link VerificationInputs}.
 */
public final class ContractVerifier {
    private final List<Verifier> verifiers;
    private final ExplorerHttp http;
    private final Duration timeout;
    private final Clock clock;
    private final Patience.Sleeper sleeper;
    private final Consumer<String> log;
    private Consumer<String> warn;

    /**
     * What verification did for one deployment.
     *
     * @param record the ledger record after the verification
     * @param verifications one entry per configured verifier, in configuration order
     * @param failed the entries of this run that failed
     * @param refused whether any failure was a verifier's refusal (rather than unreachable)
     */
    public record Report(
            DeploymentRecord record, List<Verification> verifications, List<Verification> failed, boolean refused) {}

    /**
     * @param verifiers the verifiers, distinct names
     * @param http HTTP
     * @param timeout verifyTimeout: the time allowed per contract and verifier
     * @param log progress lines
     */
    public ContractVerifier(List<Verifier> verifiers, ExplorerHttp http, Duration timeout, Consumer<String> log) {
        this(verifiers, http, timeout, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()), log);
    }

    /**
     * @param verifiers the verifiers, distinct names
     * @param http HTTP
     * @param timeout the time allowed per contract and verifier
     * @param clock the clock
     * @param sleeper sleeps (tests: none)
     * @param log progress lines
     */
    public ContractVerifier(
            List<Verifier> verifiers,
            ExplorerHttp http,
            Duration timeout,
            Clock clock,
            Patience.Sleeper sleeper,
            Consumer<String> log) {
        this.verifiers = List.copyOf(verifiers);
        this.http = Objects.requireNonNull(http, "http");
        this.timeout = timeout;
        this.clock = clock;
        this.sleeper = sleeper;
        this.log = log;
        this.warn = log;
    }

    /**
     * @param warnings where a verifier's failure is reported (the build log's warnings); progress
     *     lines go to the log given to the constructor, and so do failures without this
     * @return this verifier
     */
    public ContractVerifier warnings(Consumer<String> warnings) {
        this.warn = Objects.requireNonNull(warnings, "warnings");
        return this;
    }

    /**
     * @param ledger the ledger holding the record
     * @param record the deployment to verify, as the ledger holds it
     * @param input the standard-JSON input of its contract
     * @param contract the contract's artifact (for the libraries' fully qualified names), or
     *     {@code null}
     * @return what was done, with the record as written back
     * @throws io.kmsethereum.core.store.StateStoreException if the ledger cannot be written
     */
    public Report verify(
            DeploymentLedger ledger, DeploymentRecord record, VerificationInput input, ContractArtifact contract) {
        VerificationRequest request = new VerificationRequest(
                input,
                record.chainId(),
                record.address(),
                record.encodedConstructorArguments(),
                record.transactionHash(),
                qualifiedLibraries(contract, record.libraries()));
        String what = record.deploymentName() + " (" + input.contractIdentifier() + " at " + record.address() + ")";
        List<Verification> results = new ArrayList<>();
        List<Verification> failed = new ArrayList<>();
        boolean refused = false;
        for (Verifier verifier : verifiers) {
            Optional<Verification> done = record.verifications().stream()
                    .filter(v -> v.verifier().equals(verifier.name())
                            && Objects.equals(v.url(), verifier.url().toString())
                            && v.done())
                    .findFirst();
            if (done.isPresent()) {
                log.accept(verifier.name() + ": " + what + " is "
                        + done.get().status().replace('-', ' ') + " (the ledger records it," + " "
                        + done.get().at() + "); nothing was sent");
                results.add(done.get());
                continue;
            }
            log.accept(verifier.name() + ": verifying " + what + " at " + verifier.url());
            Instant start = clock.instant();
            Outcome outcome;
            try {
                Patience patience = new Patience(verifier.name(), timeout, clock, sleeper, log);
                outcome = VerifierClient.of(verifier, http).verify(request, patience);
            } catch (Patience.TimedOut e) {
                outcome = Outcome.unavailable(e.getMessage());
            } catch (ExplorerHttp.Redirected e) {
                outcome = Outcome.refused(redirected(verifier, e), null);
            } catch (RuntimeException e) {
                outcome = Outcome.unavailable("unexpected answer: " + e);
            }
            Instant end = clock.instant();
            Verification entry = new Verification(
                    verifier.name(),
                    verifier.type().id(),
                    verifier.url().toString(),
                    outcome.status(),
                    outcome.match(),
                    outcome.message(),
                    outcome.reference(),
                    end.truncatedTo(ChronoUnit.SECONDS).toString(),
                    Duration.between(start, end).toSeconds());
            (entry.done() ? log : warn).accept(verifier.name() + ": " + what + " " + describe(entry));
            results.add(entry);
            if (!entry.done()) {
                failed.add(entry);
                refused |= outcome.refused();
            }
        }
        List<Verification> merged = new ArrayList<>(results);
        for (Verification earlier : record.verifications()) {
            if (results.stream().noneMatch(v -> v.verifier().equals(earlier.verifier()))) {
                merged.add(earlier); // a verifier not configured in this build keeps its entry
            }
        }
        DeploymentRecord written = merged.equals(record.verifications())
                ? record
                : ledger.update(
                                record.chainId(),
                                record.deploymentName(),
                                current -> current.address().equalsIgnoreCase(record.address())
                                        ? current.withVerifications(merged)
                                        : current)
                        .orElse(record);
        return new Report(written, results, failed, refused);
    }

    /**
     * @param verifier the verifier
     * @param e the redirect answer
     * @return the reason recorded: the configured url, where the server points, what to do
     */
    static String redirected(Verifier verifier, ExplorerHttp.Redirected e) {
        return "answered HTTP " + e.status() + " redirecting"
                + (e.location() == null ? "" : " to " + e.location())
                + "; redirects are not followed, since a POST would be sent again, its API key included, to"
                + " the new address. Set this verifier's url (now " + verifier.url() + ") to the final URL";
    }

    /**
     * Checks that an artifact is the contract a ledger record describes: the Keccak-256 of its
     * creation bytecode, linked with the record's libraries, is the record's {@code bytecodeHash}
     * (as {@code kms-deploy-contract} compares). Verifying another build would publish source
     * that is not the deployed contract, or fail at the verifier after the waiting.
     *
     * @param record the deployment
     * @param contract the artifact to verify with
     * @param parameter the parameter that named the artifact, for the message
     * @throws InvalidInputException ({@code parameter}) when the artifact changed since the
     *     deployment
     */
    public static void checkUnchanged(DeploymentRecord record, ContractArtifact contract, String parameter) {
        if (record.bytecodeHash() == null) {
            return;
        }
        String now;
        try {
            byte[] linked = Numeric.hexStringToByteArray(Linker.link(contract, record.libraries()));
            now = new InitCode(contract, linked, List.of(), new byte[0]).bytecodeHash();
        } catch (InvalidInputException e) {
            now = "(cannot be linked with the record's libraries: " + e.getMessage() + ")";
        }
        if (!now.equalsIgnoreCase(record.bytecodeHash())) {
            throw new InvalidInputException(
                    parameter,
                    contract.describe() + " is not what " + record.deploymentName() + " at " + record.address()
                            + " was deployed from: keccak256 of its linked creation bytecode is " + now
                            + ", the ledger records " + record.bytecodeHash()
                            + ". The artifact changed since deployment; nothing was sent to the verifiers."
                            + " Check out and build the sources of the deployment (same compiler and settings)"
                            + " and verify with that artifact and its build-info, or deploy the new version");
        }
    }

    /**
     * @param entry a result
     * @return e.g. {@code verified (full match)}, {@code failed: <reason>}
     */
    public static String describe(Verification entry) {
        String match = entry.match() == null ? "" : " (" + entry.match() + " match)";
        return switch (entry.status()) {
            case Verification.VERIFIED -> "verified" + match;
            case Verification.ALREADY_VERIFIED -> "already verified" + match;
            default -> "failed: " + entry.message();
        };
    }

    /**
     * The failure for the reports with failed verifications.
     *
     * @param reports what verification did, per deployment
     * @param ledgerWhere where the results are recorded, for the message
     * @param failing whether the build fails on it (failOnVerificationError), for the advice
     * @return the exception, or empty when nothing failed
     */
    public static Optional<VerificationFailedException> failure(
            List<Report> reports, String ledgerWhere, boolean failing) {
        List<String> lines = new ArrayList<>();
        boolean refused = false;
        for (Report report : reports) {
            for (Verification failed : report.failed()) {
                lines.add(report.record().deploymentName() + " at "
                        + report.record().address() + " on " + failed.verifier() + ": " + failed.message());
            }
            refused |= report.refused();
        }
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new VerificationFailedException(
                refused ? Fault.USER : Fault.ENVIRONMENT,
                "Source verification failed: " + withoutFinalStop(String.join("; ", lines))
                        + ". The deployment itself succeeded;"
                        + " the ledger (" + ledgerWhere + ") records each verifier's result, and running the build"
                        + " again asks only the verifiers that did not verify. Fix what the verifier says (build-info,"
                        + " compiler version, constructor arguments, libraries)"
                        + (failing
                                ? ", or set failOnVerificationError to false to let the build pass"
                                : " (failOnVerificationError is false: the build goes on)")));
    }

    /**
     * The libraries a record names, by fully qualified name, which the Etherscan API wants.
     *
     * @param contract the artifact with its link references, or {@code null}
     * @param libraries name (simple or fully qualified, as configured) → address
     * @return fully qualified name → address (names the artifact does not know are kept as they are)
     */
    static Map<String, String> qualifiedLibraries(ContractArtifact contract, Map<String, String> libraries) {
        Map<String, String> out = new LinkedHashMap<>();
        if (libraries == null) {
            return out;
        }
        libraries.forEach((name, address) -> {
            String qualified = name;
            if (contract != null && !name.contains(":")) {
                for (LinkReference ref : contract.linkReferences()) {
                    if (name.equals(ref.libraryName()) && ref.sourceName() != null) {
                        qualified = ref.sourceName() + ":" + ref.libraryName();
                    }
                }
            }
            out.put(qualified, address);
        });
        return out;
    }

    /**
     * Checks the verifiers of one configuration: distinct names.
     *
     * @param verifiers the verifiers
     * @param parameter the parameter, for messages
     * @throws InvalidInputException if two share a name
     */
    public static void checkDistinct(List<Verifier> verifiers, String parameter) {
        List<String> names = new ArrayList<>();
        for (Verifier verifier : verifiers) {
            if (names.contains(verifier.name())) {
                throw new InvalidInputException(
                        parameter,
                        "two entries are named '" + verifier.name() + "' (the name defaults to the type); give each"
                                + " <verifier> its own <name>, which the ledger records its result under");
            }
            names.add(verifier.name());
        }
    }

    /** An explorer's message may end with its own full stop; ours follows it. */
    private static String withoutFinalStop(String text) {
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }
}
