package io.kmsethereum.core.safe;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kmsethereum.core.FileAccessException;
import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.Json;
import io.kmsethereum.core.crypto.Addresses;
import io.kmsethereum.core.store.LocalStateStore;
import io.kmsethereum.core.store.Records;
import io.kmsethereum.core.store.StateStore;
import io.kmsethereum.core.store.StateStore.StoredRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The signatures location: where owners' signatures of Safe transactions are written and
 * collected, one JSON record ({@link SafeSignature}) per owner and transaction under the key
 * {@code <chainId>/safe/<safe>/<safeTxHash>/<owner>.json} (addresses in lower case), in a
 * {@link StateStore}: a directory ({@link LocalStateStore} rooted there) or the S3 state store,
 * which every pipeline with access to the bucket sees. Records are created once
 * ({@code If-None-Match: *}) and never overwritten.
 *
 * <p>A store has no listing, so the owners' keys are read one by one; a directory is listed too,
 * so that a signature file of a non-owner placed there is reported.
 */
public final class SafeSignatures {
    private static final ObjectMapper READER =
            Json.MAPPER.copy().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final StateStore store;
    private final String parameter;
    private final Consumer<String> warn;

    /**
     * @param store where the signatures are
     * @param parameter the parameter that chose it, for messages ({@code signaturesDirectory} or
     *     {@code stateStore})
     * @param warn receives warnings (ignored signatures)
     */
    public SafeSignatures(StateStore store, String parameter, Consumer<String> warn) {
        this.store = store;
        this.parameter = parameter;
        this.warn = warn;
    }

    /**
     * @param chainId the chain
     * @param safe the Safe
     * @param safeTxHash the transaction's hash
     * @param owner the owner
     * @return the record's key
     */
    public static String key(long chainId, String safe, String safeTxHash, String owner) {
        return chainId + "/safe/" + safe.toLowerCase(Locale.ROOT) + "/" + safeTxHash.toLowerCase(Locale.ROOT) + "/"
                + owner.toLowerCase(Locale.ROOT) + ".json";
    }

    /** @return the location for the log */
    public String describe() {
        return store.describe();
    }

    /**
     * @param signature a signature to keep
     * @return where it is; when a record already exists for that owner and hash, the existing
     *     one stays (both sign the same hash)
     */
    public String write(SafeSignature signature) {
        String key = key(signature.chainId(), signature.safe(), signature.safeTxHash(), signature.signer());
        store.create(key, Records.toBytes(signature));
        return store.location(key);
    }

    /**
     * Collects the valid signatures of a transaction: each current owner's record in the
     * location, then the files given. Everything is checked before anything is signed.
     *
     * @param state the Safe now
     * @param chainId the chain
     * @param safeTxHash the transaction's hash
     * @param files signature files handed over (e.g. by another pipeline), parameter
     *     {@code signatureFiles}
     * @return the valid signatures by owner (EIP-55), in the Safe's owner order
     * @throws InvalidInputException ({@code signatureFiles} or the location's parameter) for a
     *     signature of another chain, Safe or transaction, a stale nonce, or a changed file
     */
    public Map<String, SafeSignature> collect(SafeState state, long chainId, String safeTxHash, List<Path> files) {
        Map<String, SafeSignature> valid = new LinkedHashMap<>();
        for (String owner : state.owners()) {
            String key = key(chainId, state.address(), safeTxHash, owner);
            Optional<StoredRecord> found = store.read(key);
            if (found.isEmpty()) {
                continue;
            }
            SafeSignature signature = parse(found.get().content(), store.location(key), parameter);
            String problem = signature.problem(chainId, state.address(), safeTxHash, state.nonce());
            if (problem == null && !Addresses.same(signature.signer(), owner)) {
                problem = "is signed by " + signature.signer() + " but stored under the owner " + owner;
            }
            if (problem != null) {
                throw new InvalidInputException(
                        parameter,
                        "the signature " + store.location(key) + " " + problem
                                + ". Nothing was signed: remove that file (or move it where it belongs) and run again");
            }
            valid.put(owner, signature);
        }
        if (store instanceof LocalStateStore local) {
            Path directory = local.file(key(chainId, state.address(), safeTxHash, state.address()))
                    .getParent();
            for (Path other : list(directory)) {
                String name = other.getFileName().toString();
                String address = name.substring(0, name.length() - ".json".length());
                if (state.owner(address).isEmpty()) {
                    warn.accept("Ignored the signature " + other + ": " + address + " is not an owner of the Safe "
                            + state.address() + " (owners: " + String.join(", ", state.owners())
                            + "); it is never sent");
                }
            }
        }
        for (Path file : files) {
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new InvalidInputException(
                        "signatureFiles", file + " cannot be read (" + e.getMessage() + "); check the path");
            }
            SafeSignature signature = parse(content, file.toString(), "signatureFiles");
            String problem = signature.problem(chainId, state.address(), safeTxHash, state.nonce());
            if (problem != null) {
                throw new InvalidInputException(
                        "signatureFiles",
                        file + " " + problem + ". Nothing was signed: remove it from signatureFiles, or have the"
                                + " owner sign this transaction");
            }
            Optional<String> owner = state.owner(signature.signer());
            if (owner.isEmpty()) {
                warn.accept("Ignored the signature " + file + ": its signer " + signature.signer()
                        + " is not an owner of the Safe " + state.address() + " (owners: "
                        + String.join(", ", state.owners()) + "); it is never sent");
                continue;
            }
            valid.putIfAbsent(owner.get(), signature);
        }
        Map<String, SafeSignature> ordered = new LinkedHashMap<>();
        state.owners().stream().filter(valid::containsKey).forEach(o -> ordered.put(o, valid.get(o)));
        return ordered;
    }

    private static List<Path> list(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().matches("0x[0-9a-f]{40}\\.json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new FileAccessException(
                    "Cannot list the signatures directory " + directory + ": " + e.getMessage(), e);
        }
    }

    private static SafeSignature parse(byte[] content, String where, String parameter) {
        try {
            SafeSignature signature = READER.readValue(content, SafeSignature.class);
            if (signature.schema() > Records.SCHEMA) {
                throw new InvalidInputException(
                        parameter,
                        where + " was written by a newer version of the plugin (schema " + signature.schema()
                                + "); use that version or newer in every pipeline that signs this Safe");
            }
            return signature;
        } catch (IOException e) {
            throw new InvalidInputException(
                    parameter,
                    where + " is not a Safe signature file of this plugin ("
                            + e.getMessage().lines().findFirst().orElse("") + "); remove it or point "
                            + parameter + " elsewhere");
        }
    }

    /**
     * @param signatures valid signatures
     * @param threshold how many the Safe needs
     * @return the {@code execTransaction} signatures: the first {@code threshold} in owner order
     *     by address, concatenated
     */
    public static byte[] forExecution(Map<String, SafeSignature> signatures, int threshold) {
        List<SafeSignature> sorted = new ArrayList<>(signatures.values());
        sorted.sort(SafeSignature.BY_OWNER);
        return SafeSignature.concatenate(sorted.subList(0, Math.min(threshold, sorted.size())));
    }
}
