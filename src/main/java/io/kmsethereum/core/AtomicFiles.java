package io.kmsethereum.core;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that a reader (or a build killed half-way) sees either the old content or the
 * new one, never a partial file: the bytes go to a temporary file in the same directory, which
 * is then renamed over the target ({@code rename(2)} is atomic within one file system).
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /**
     * @param target the file to create or replace; missing parent directories are created
     * @param content the complete new content
     * @throws FileAccessException if the directory or file cannot be written
     */
    public static void write(Path target, byte[] content) {
        Path absolute = target.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(absolute.getParent());
            tmp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
            Files.write(tmp, content);
            try {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original error is the one to report
                }
            }
            throw new FileAccessException(
                    "Could not write " + absolute + ": " + e
                            + ". Check that the directory is writable and the disk is not full",
                    e);
        }
    }
}
