package io.kmsethereum.core.tx;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.kmsethereum.core.AtomicFiles;
import io.kmsethereum.core.FileAccessException;
import io.kmsethereum.core.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Records each broadcast step's signed transaction before it is sent, so that a build killed
 * between broadcast and receipt and run again sends nothing new: it finds the record and waits
 * for (or re-broadcasts) that same transaction through {@link TransactionSender#resume}.
 *
 * <p>One JSON file per step: {@code <directory>/<chainId>/<step>.json}, written atomically
 * (temporary file and move). A step is named by the user (or by the goal execution) and carries
 * the {@linkplain #intent intent}: a SHA-256 of what the user asked for before any field was
 * filled from the node. The record is kept after the receipt, so a re-run of a finished step
 * reports the recorded transaction instead of paying twice.
 */
public final class TransactionJournal {
    private final Path directory;

    /**
     * One journal record.
     *
     * @param step the step name
     * @param intent SHA-256 hex of the request as configured
     * @param transaction the signed transaction, as sent
     * @param blockNumber the block it was mined in, or {@code null} while not seen mined
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entry(String step, String intent, SignedTransaction transaction, Long blockNumber) {
        /**
         * @param receipt its receipt
         * @return this entry marked as mined
         */
        public Entry mined(Receipt receipt) {
            return new Entry(step, intent, transaction, receipt.blockNumber());
        }
    }

    /**
     * @param directory the journal's root directory (created when first written)
     */
    public TransactionJournal(Path directory) {
        this.directory = directory;
    }

    /**
     * @param chainId the chain id
     * @param step the step name
     * @return the file that holds the step's record
     */
    public Path file(long chainId, String step) {
        return directory.resolve(Long.toString(chainId)).resolve(step.replaceAll("[^A-Za-z0-9._-]", "_") + ".json");
    }

    /**
     * @param chainId the chain id
     * @param step the step name
     * @return the step's record, if any
     * @throws FileAccessException if the file exists but cannot be read
     */
    public Optional<Entry> read(long chainId, String step) {
        Path file = file(chainId, step);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Json.MAPPER.readValue(file.toFile(), Entry.class));
        } catch (IOException e) {
            throw new FileAccessException(
                    "Cannot read the journal record " + file + " (" + e.getMessage()
                            + "). It holds a transaction an earlier run signed: repair or remove it by hand, knowing that removing it"
                            + " lets this step sign a new transaction",
                    e);
        }
    }

    /**
     * Writes a record atomically.
     *
     * @param chainId the chain id
     * @param entry the record
     * @return the file written
     * @throws FileAccessException on I/O errors
     */
    public Path write(long chainId, Entry entry) {
        Path file = file(chainId, entry.step());
        AtomicFiles.write(file, Json.toBytes(entry));
        return file;
    }

    /**
     * @param request the request as configured, before the node filled anything
     * @return 64 hex digits: SHA-256 of its canonical JSON
     */
    public static String intent(TransactionRequest request) {
        try {
            byte[] json = Json.MAPPER.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
