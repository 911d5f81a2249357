package io.kmsethereum.core.store;

import io.kmsethereum.core.AtomicFiles;
import io.kmsethereum.core.KmsEthereumException.Fault;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The default {@link StateStore}: one file per record on this machine, with the same create-only
 * and compare-and-swap semantics as S3, so {@code -T} builds and several processes on one machine
 * are safe. Ledger records ({@code <chainId>/deployments/<name>.json}) live under the deployments
 * directory as {@code <chainId>/<name>.json} (the files a project commits); every other record
 * under the state directory, at its key.
 *
 * <p>Create-only: the content is written to a temporary file, which is then hard-linked to the
 * record's path; {@code link(2)} fails atomically when the path exists. Compare-and-swap: under an
 * exclusive lock on a sibling {@code .lock} file ({@code fcntl} locks, which other processes
 * honour; a per-path lock in this JVM on top, since the JVM refuses overlapping locks of its own),
 * the current content's SHA-256 is compared with the expected version and the new content is
 * moved over the file atomically. Readers never take the lock: they see the old or the new file.
 * The version of a record is the SHA-256 of its bytes (hex).
 *
 * <p>Written here rather than taken from a library: no file-locking library does conditional
 * writes, and the rules are the ones above, a few lines each.
 */
public final class LocalStateStore implements StateStore {
    private static final Pattern LEDGER_KEY = Pattern.compile("(\\d+)/deployments/(.+)");

    /** JVM-wide, because {@link FileChannel#lock} is per process: one lock per record path. */
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final Path stateDirectory;
    private final Path deploymentsDirectory;

    /**
     * @param stateDirectory root of the journal and nonce records (created on first write)
     * @param deploymentsDirectory root of the deployment ledger (created on first write)
     */
    public LocalStateStore(Path stateDirectory, Path deploymentsDirectory) {
        this.stateDirectory = stateDirectory.toAbsolutePath().normalize();
        this.deploymentsDirectory = deploymentsDirectory.toAbsolutePath().normalize();
    }

    /**
     * @param key a record key
     * @return the file that holds it
     */
    public Path file(String key) {
        StoreKeys.check(key);
        Matcher ledger = LEDGER_KEY.matcher(key);
        if (ledger.matches()) {
            return deploymentsDirectory.resolve(ledger.group(1)).resolve(ledger.group(2));
        }
        return stateDirectory.resolve(key);
    }

    @Override
    public Optional<StoredRecord> read(String key) {
        Path file = file(key);
        try {
            byte[] content = Files.readAllBytes(file);
            return Optional.of(new StoredRecord(content, version(content)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StateStoreException(
                    Fault.ENVIRONMENT,
                    "Could not read the state record " + file + ": " + e + ". Check the file's permissions",
                    e);
        }
    }

    @Override
    public Optional<String> create(String key, byte[] content) {
        Path file = file(key);
        Path tmp = null;
        try {
            Files.createDirectories(file.getParent());
            tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
            Files.write(tmp, content);
            try {
                Files.createLink(file, tmp);
            } catch (FileAlreadyExistsException e) {
                return Optional.empty();
            }
            return Optional.of(version(content));
        } catch (IOException | UnsupportedOperationException e) {
            throw new StateStoreException(
                    Fault.ENVIRONMENT,
                    "Could not create the state record " + file + ": " + e
                            + ". Check that the directory is writable (and supports hard links) and the disk is not full",
                    e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    @Override
    public Optional<String> replace(String key, byte[] content, String expectedVersion) {
        Path file = file(key);
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        ReentrantLock local = IN_PROCESS.computeIfAbsent(lockFile, p -> new ReentrantLock());
        local.lock();
        try {
            Files.createDirectories(file.getParent());
            try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                byte[] current;
                try {
                    current = Files.readAllBytes(file);
                } catch (NoSuchFileException e) {
                    return Optional.empty();
                }
                if (!version(current).equals(expectedVersion)) {
                    return Optional.empty();
                }
                AtomicFiles.write(file, content);
                return Optional.of(version(content));
            }
        } catch (IOException e) {
            throw new StateStoreException(
                    Fault.ENVIRONMENT,
                    "Could not replace the state record " + file + ": " + e
                            + ". Check that the directory is writable and the disk is not full",
                    e);
        } finally {
            local.unlock();
        }
    }

    @Override
    public String location(String key) {
        return file(key).toString();
    }

    @Override
    public String describe() {
        return stateDirectory.equals(deploymentsDirectory)
                ? "local files (" + stateDirectory + ")"
                : "local files (" + stateDirectory + ", deployment ledger in " + deploymentsDirectory + ")";
    }

    @Override
    public boolean shared() {
        return false;
    }

    /**
     * @param content a record's bytes
     * @return its version: SHA-256, 64 hex digits
     */
    static String version(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp != null) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a stray temporary file is harmless; the record itself is what counts
            }
        }
    }
}
