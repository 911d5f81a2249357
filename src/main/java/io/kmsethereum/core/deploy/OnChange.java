package io.kmsethereum.core.deploy;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.rpc.Chains;
import java.util.Locale;

/**
 * What a deployment does when the ledger records a deployment under its name that differs from
 * the configured one (other bytecode, constructor arguments, value or salt) or whose address has
 * no code any more. Decided before anything is signed.
 */
public enum OnChange {
    /** Fail before signing, naming what changed and how to go on. The default on paid chains. */
    FAIL,
    /**
     * Deploy the configured contract; the ledger record points at the new one and keeps the
     * earlier deployment in its {@code history}. The default on local development chains.
     */
    REDEPLOY,
    /** Send nothing: use the recorded contract and warn that it differs from the configured one. */
    KEEP;

    /**
     * @param text {@code fail}, {@code redeploy} or {@code keep} (any case), or blank
     * @param parameter the parameter's name, for the message
     * @return the policy, or {@code null} when blank (the chain's default applies)
     * @throws InvalidInputException ({@code parameter}) for any other value
     */
    public static OnChange parse(String text, String parameter) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(
                    parameter,
                    "'" + text.trim() + "' is not a choice; use fail (stop before signing), redeploy (deploy the"
                            + " new version, the ledger keeps the old one in its history) or keep (use the recorded"
                            + " contract)");
        }
    }

    /**
     * @param chainId the node's chain id
     * @return {@link #REDEPLOY} on a local development chain ({@link Chains#isLocalDevelopment}:
     *     31337, 1337), where deploying again costs nothing; else {@link #FAIL}, so that a chain
     *     whose ether costs money never gets a second contract without being asked
     */
    public static OnChange defaultFor(long chainId) {
        return Chains.isLocalDevelopment(chainId) ? REDEPLOY : FAIL;
    }

    /** @return the value as the parameter takes it: {@code fail}, {@code redeploy}, {@code keep} */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
