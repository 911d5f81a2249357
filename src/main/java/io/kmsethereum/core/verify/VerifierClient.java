package io.kmsethereum.core.verify;

/** One verification API. */
public interface VerifierClient {
    /**
     * Verifies one contract, waiting (through {@code patience}) for rate limits, indexing and
     * the verifier's queue.
     *
     * @param request the contract and its input
     * @param patience the deadline and the waiting
     * @return the verifier's answer
     * @throws Patience.TimedOut if the deadline passes
     */
    Outcome verify(VerificationRequest request, Patience patience);

    /**
     * @param verifier the configured verifier
     * @param http the HTTP client
     * @return the client for its type
     */
    static VerifierClient of(Verifier verifier, ExplorerHttp http) {
        return verifier.type() == VerifierType.SOURCIFY
                ? new SourcifyClient(verifier, http)
                : new EtherscanClient(verifier, http);
    }
}
