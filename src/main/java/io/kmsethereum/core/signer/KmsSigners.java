package io.kmsethereum.core.signer;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.KeyRejectedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The KMS keys that sign in one goal execution: the primary key ({@code keyId}) and the keys of
 * {@code additionalKeyIds}, all in the same region, endpoint and credentials. Each key is
 * resolved and checked like the primary one (key spec {@code ECC_SECG_P256K1}, key usage
 * {@code SIGN_VERIFY}, state {@code Enabled}; DescribeKey and GetPublicKey once per build through
 * the resolver), and the set holds no key twice: neither the same key under two names (an alias
 * and its key id) nor two keys with the same address. Signers are found by address.
 *
 * <p>Used by {@code kms-sign} with {@code txType=eip7702} (each key authorizes the delegate) and
 * meant for every goal that needs several keys' signatures in one build.
 */
public final class KmsSigners {
    /** The parameter that lists the additional keys, named in messages. */
    public static final String PARAMETER = "additionalKeyIds";

    private final KmsSigner primary;
    private final List<KmsSigner> additional;
    private final Map<String, KmsSigner> byAddress;

    private KmsSigners(KmsSigner primary, List<KmsSigner> additional) {
        this.primary = primary;
        this.additional = List.copyOf(additional);
        Map<String, KmsSigner> index = new java.util.LinkedHashMap<>();
        index.put(primary.getAddress().toLowerCase(Locale.ROOT), primary);
        additional.forEach(s -> index.put(s.getAddress().toLowerCase(Locale.ROOT), s));
        this.byAddress = Collections.unmodifiableMap(index);
    }

    /**
     * Resolves the additional keys and checks that no key is there twice. Blank entries are
     * ignored (as Maven passes {@code -Dkms.additionalKeyIds=} on the command line).
     *
     * @param primary the signer of {@code keyId}, already resolved
     * @param additionalKeyIds key ids, key ARNs, aliases or alias ARNs, or {@code null}
     * @param resolve resolves and checks one key (DescribeKey and GetPublicKey, cached per build),
     *     in the primary key's region, endpoint and credentials
     * @return the signers, in the order configured (primary first)
     * @throws InvalidInputException ({@value #PARAMETER}) if an entry names {@code keyId}'s key
     *     or another entry's key again, or two keys have the same address
     * @throws KeyRejectedException if a key cannot sign for Ethereum (the message names
     *     {@value #PARAMETER})
     */
    public static KmsSigners resolve(
            KmsSigner primary, List<String> additionalKeyIds, Function<String, KmsSigner> resolve) {
        Objects.requireNonNull(primary, "primary");
        List<String> ids = new ArrayList<>();
        if (additionalKeyIds != null) {
            for (String id : additionalKeyIds) {
                if (id != null && !id.isBlank()) {
                    ids.add(id.trim());
                }
            }
        }
        String primaryId = primary.getKey().requestedId();
        for (int i = 0; i < ids.size(); i++) {
            if (ids.get(i).equals(primaryId)) {
                throw new InvalidInputException(
                        PARAMETER,
                        "entry " + i + " '" + ids.get(i) + "' is keyId itself; list only the keys besides keyId");
            }
            if (ids.subList(0, i).contains(ids.get(i))) {
                throw new InvalidInputException(PARAMETER, "lists '" + ids.get(i) + "' twice; list each key once");
            }
        }
        List<KmsSigner> signers = new ArrayList<>();
        List<KmsSigner> seen = new ArrayList<>(List.of(primary));
        for (int i = 0; i < ids.size(); i++) {
            KmsSigner signer;
            try {
                signer = resolve.apply(ids.get(i));
            } catch (KeyRejectedException e) {
                throw new KeyRejectedException(
                        "In additionalKeyIds (entry " + i + "): "
                                + e.getMessage().replace("'keyId'", "'additionalKeyIds'"),
                        e);
            }
            for (KmsSigner other : seen) {
                String otherName = other == primary
                        ? "keyId '" + primaryId + "'"
                        : "'" + other.getKey().requestedId() + "'";
                if (other.getKey().keyArn().equals(signer.getKey().keyArn())) {
                    throw new InvalidInputException(
                            PARAMETER,
                            "'" + ids.get(i) + "' is the same KMS key as " + otherName + " ("
                                    + signer.getKey().keyArn() + "); list each key once, and not keyId's");
                }
                if (other.getAddress().equalsIgnoreCase(signer.getAddress())) {
                    throw new InvalidInputException(
                            PARAMETER,
                            "'" + ids.get(i) + "' has the same address " + signer.getAddress() + " as " + otherName
                                    + " (the same key material imported twice); one account signs once, so list one of them");
                }
            }
            seen.add(signer);
            signers.add(signer);
        }
        return new KmsSigners(primary, signers);
    }

    /**
     * @return the signer of {@code keyId}
     */
    public KmsSigner primary() {
        return primary;
    }

    /**
     * @return the signers of {@code additionalKeyIds}, in the order configured (may be empty)
     */
    public List<KmsSigner> additional() {
        return additional;
    }

    /**
     * @return every signer, the primary first
     */
    public List<KmsSigner> all() {
        List<KmsSigner> all = new ArrayList<>();
        all.add(primary);
        all.addAll(additional);
        return all;
    }

    /**
     * @param address an account, any case
     * @return the signer whose key has this address
     */
    public Optional<KmsSigner> byAddress(String address) {
        return address == null
                ? Optional.empty()
                : Optional.ofNullable(byAddress.get(address.toLowerCase(Locale.ROOT)));
    }
}
