package io.kmsethereum.core.deploy;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.KmsEthereumException.Fault;
import io.kmsethereum.core.store.Records;
import io.kmsethereum.core.store.StateStore;
import io.kmsethereum.core.store.StateStore.StoredRecord;
import io.kmsethereum.core.store.StateStoreException;
import io.kmsethereum.core.store.StoreKeys;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The deployment ledger: one record per chain and deployment name in the {@link StateStore}
 * ({@code <chainId>/deployments/<deploymentName>.json}; in the local store the file
 * {@code <deploymentsDirectory>/<chainId>/<deploymentName>.json}), holding a
 * {@link DeploymentRecord}: the current deployment under that name, and every earlier one in its
 * history. Meant to be committed with the project (local store) or shared
 * through S3, so that every later build (on a laptop, in CI, on a fresh checkout) knows what is
 * deployed where and sends nothing when it is already there. It is kept per chain and name, not
 * per deployer, so it outlives the deployer key.
 *
 * <p>Writes are conditional ({@link StateStore#create} / {@link StateStore#replace} of the
 * version just read). The transaction of a deployment in flight is the step record of
 * {@code TransactionSteps}, not part of the ledger.
 */
public final class DeploymentLedger {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final int WRITE_ATTEMPTS = 10;

    private final StateStore store;

    /**
     * @param store the state store
     */
    public DeploymentLedger(StateStore store) {
        this.store = store;
    }

    /**
     * @param name a deployment name as configured
     * @return the name, trimmed
     * @throws InvalidInputException ({@code deploymentName}) unless it is a plain file name:
     *     letters, digits, {@code .}, {@code _} and {@code -}, starting with a letter or digit
     */
    public static String checkName(String name) {
        String trimmed = name == null ? "" : name.trim();
        if (!NAME.matcher(trimmed).matches() || trimmed.endsWith(".json")) {
            throw new InvalidInputException(
                    "deploymentName",
                    "'" + name + "' cannot name a ledger record; use letters, digits,"
                            + " '.', '_' and '-' (e.g. Holder or holder-v2), not ending in .json");
        }
        return trimmed;
    }

    /**
     * @param chainId the chain id
     * @param name the deployment name
     * @return where the record lives: a file path or {@code s3://bucket/key}
     */
    public String location(long chainId, String name) {
        return store.location(StoreKeys.deployment(chainId, checkName(name)));
    }

    /**
     * @param chainId the chain id
     * @param name the deployment name
     * @return the record, or empty when there is none
     * @throws StateStoreException if it cannot be read or is not a deployment record of this chain
     */
    public Optional<DeploymentRecord> read(long chainId, String name) {
        String key = StoreKeys.deployment(chainId, checkName(name));
        Optional<StoredRecord> found = store.read(key);
        return found.map(stored -> read(chainId, key, stored));
    }

    private DeploymentRecord read(long chainId, String key, StoredRecord found) {
        DeploymentRecord record = Records.parse(
                store, key, found.content(), DeploymentRecord.class, DeploymentRecord.SCHEMA_WITH_HISTORY);
        if (record.address() == null || record.chainId() != chainId) {
            throw new StateStoreException(
                    Fault.USER,
                    store.location(key) + " is not a deployment record for chain id " + chainId
                            + " (address or chainId missing or different); repair it or remove it to deploy again",
                    null);
        }
        return record;
    }

    /**
     * Records a deployment under its name: create-only when there is no record, else
     * compare-and-swap on the version just read (again if another build wrote in between). The
     * deployment is placed after the record found ({@link DeploymentRecord#after}): the same
     * contract again replaces it in place; another contract becomes the next generation, and
     * the record found moves into the history.
     *
     * @param deployment the deployment to record (its generation and history are set here)
     * @return the record as written
     * @throws StateStoreException if it cannot be written, or the record found cannot be read
     */
    public DeploymentRecord write(DeploymentRecord deployment) {
        long chainId = deployment.chainId();
        String name = checkName(deployment.deploymentName());
        String key = StoreKeys.deployment(chainId, name);
        for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
            Optional<StoredRecord> found = store.read(key);
            DeploymentRecord record = deployment.after(found.isEmpty() ? null : read(chainId, key, found.get()));
            byte[] content = Records.toBytes(record);
            Optional<String> written = found.isEmpty()
                    ? store.create(key, content)
                    : store.replace(key, content, found.get().version());
            if (written.isPresent()) {
                return record;
            }
        }
        throw new StateStoreException(
                Fault.ENVIRONMENT,
                "The ledger record " + store.location(key) + " kept changing while this build wrote it ("
                        + WRITE_ATTEMPTS
                        + " attempts); the deployment itself succeeded. Run the build again to record it",
                null);
    }

    /**
     * Changes the record stored under a name in place, by compare-and-swap on the version just
     * read (again if another build wrote in between), e.g. to add the source verifications.
     *
     * @param chainId the chain id
     * @param name the deployment name
     * @param change turns the record read into the one to store; it must keep the deployment
     *     (address and transaction), and may be called more than once
     * @return the record as written, or empty when there is no record under the name
     * @throws StateStoreException if it cannot be read or written
     */
    public Optional<DeploymentRecord> update(long chainId, String name, UnaryOperator<DeploymentRecord> change) {
        String key = StoreKeys.deployment(chainId, checkName(name));
        for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
            Optional<StoredRecord> found = store.read(key);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            DeploymentRecord record = change.apply(read(chainId, key, found.get()));
            if (store.replace(key, Records.toBytes(record), found.get().version())
                    .isPresent()) {
                return Optional.of(record);
            }
        }
        throw new StateStoreException(
                Fault.ENVIRONMENT,
                "The ledger record " + store.location(key) + " kept changing while this build updated it ("
                        + WRITE_ATTEMPTS + " attempts). Run the build again",
                null);
    }
}
