package io.kmsethereum.core.deploy;

import io.kmsethereum.core.AtomicFiles;
import io.kmsethereum.core.FileAccessException;
import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The deployment ledger: one JSON file per chain and deployment name,
 * {@code <directory>/<chainId>/<deploymentName>.json}, holding a {@link DeploymentRecord}.
 * Meant to be committed with the project, so that every later build (on a laptop or in CI)
 * knows what is deployed where and sends nothing when it is already there.
 *
 * <p>Files are replaced atomically ({@link AtomicFiles}); a killed build leaves the old record
 * or the new one. A signed deployment transaction is recorded as a {@link PendingDeployment}
 * ({@code <deploymentName>.pending.json}) before it is sent, until it is in the ledger.
 */
public final class DeploymentLedger {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final String PENDING = ".pending";

    private final Path directory;

    /**
     * @param directory the ledger's root, e.g. {@code ${project.basedir}/deployments}
     */
    public DeploymentLedger(Path directory) {
        this.directory = directory;
    }

    /**
     * @param name a deployment name as configured
     * @return the name, trimmed
     * @throws InvalidInputException ({@code deploymentName}) unless it is a plain file name:
     *     letters, digits, {@code .}, {@code _} and {@code -}, starting with a letter or digit
     */
    public static String checkName(String name) {
        String trimmed = name == null ? "" : name.trim();
        if (!NAME.matcher(trimmed).matches() || trimmed.endsWith(".json") || trimmed.endsWith(PENDING)) {
            throw new InvalidInputException(
                    "deploymentName",
                    "'" + name + "' cannot name a ledger file; use letters, digits,"
                            + " '.', '_' and '-' (e.g. Holder or holder-v2), not ending in .json or " + PENDING);
        }
        return trimmed;
    }

    /**
     * @param chainId the chain id
     * @param name the deployment name
     * @return {@code <directory>/<chainId>/<name>.json}
     */
    public Path file(long chainId, String name) {
        return directory.resolve(Long.toString(chainId)).resolve(checkName(name) + ".json");
    }

    /**
     * @param chainId the chain id
     * @param name the deployment name
     * @return the record, or empty when there is no file
     * @throws InvalidInputException ({@code deploymentsDirectory}) if the file is not a record
     * @throws FileAccessException if it cannot be read
     */
    public Optional<DeploymentRecord> read(long chainId, String name) {
        Path file = file(chainId, name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        DeploymentRecord record;
        try {
            record = Json.MAPPER.readValue(file.toFile(), DeploymentRecord.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new InvalidInputException(
                    "deploymentsDirectory",
                    file + " is not a deployment record (" + e.getOriginalMessage()
                            + "); repair it or delete it to deploy again");
        } catch (IOException e) {
            throw new FileAccessException("Could not read the deployment ledger file " + file + ": " + e, e);
        }
        if (record.address() == null || record.chainId() != chainId) {
            throw new InvalidInputException(
                    "deploymentsDirectory",
                    file + " is not a deployment record for chain id " + chainId
                            + " (address or chainId missing or different); repair it or delete it to deploy again");
        }
        return Optional.of(record);
    }

    /**
     * @param record the record to store
     * @return the file written
     * @throws FileAccessException if it cannot be written
     */
    public Path write(DeploymentRecord record) {
        Path file = file(record.chainId(), record.deploymentName());
        AtomicFiles.write(file, Json.toBytes(record));
        return file;
    }

    /**
     * @param chainId the chain id
     * @param name the deployment name
     * @return {@code <directory>/<chainId>/<name>.pending.json}
     */
    public Path pendingFile(long chainId, String name) {
        return directory.resolve(Long.toString(chainId)).resolve(checkName(name) + PENDING + ".json");
    }

    /**
     * @param chainId the chain id
     * @param name the deployment name
     * @return the transaction signed by an earlier run that did not see its receipt, if any
     * @throws InvalidInputException ({@code deploymentsDirectory}) if the file is damaged
     * @throws FileAccessException if it cannot be read
     */
    public Optional<PendingDeployment> readPending(long chainId, String name) {
        Path file = pendingFile(chainId, name);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            PendingDeployment pending = Json.MAPPER.readValue(file.toFile(), PendingDeployment.class);
            if (pending.transaction() == null || pending.transaction().raw() == null || pending.chainId() != chainId) {
                throw new InvalidInputException(
                        "deploymentsDirectory",
                        file + " is not a pending deployment for chain id " + chainId
                                + "; delete it if no transaction of that deployment can still be mined");
            }
            return Optional.of(pending);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new InvalidInputException(
                    "deploymentsDirectory",
                    file + " is not a pending deployment (" + e.getOriginalMessage()
                            + "); delete it if no transaction of that deployment can still be mined");
        } catch (IOException e) {
            throw new FileAccessException("Could not read " + file + ": " + e, e);
        }
    }

    /**
     * @param pending the signed transaction about to be sent
     * @return the file written
     * @throws FileAccessException if it cannot be written (then nothing may be sent)
     */
    public Path writePending(PendingDeployment pending) {
        Path file = pendingFile(pending.chainId(), pending.deploymentName());
        AtomicFiles.write(file, Json.toBytes(pending));
        return file;
    }

    /**
     * @param chainId the chain id
     * @param name the deployment name
     * @throws FileAccessException if the file exists and cannot be deleted
     */
    public void deletePending(long chainId, String name) {
        Path file = pendingFile(chainId, name);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new FileAccessException("Could not delete " + file + ": " + e + "; delete it by hand", e);
        }
    }
}
