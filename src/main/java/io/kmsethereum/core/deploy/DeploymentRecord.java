package io.kmsethereum.core.deploy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import io.kmsethereum.core.input.Amounts;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The deployment ledger's record of one name: where the current contract was deployed, by which
 * transaction, and what exactly was deployed, with the earlier deployments under the same name in
 * {@code history}. Written as {@code <deploymentsDirectory>/<chainId>/<deploymentName>.json}.
 *
 * <p>The current deployment's fields are at the top level, where every reader of the ledger
 * looks for them ({@code address}, {@code transactionHash}, …). A record without
 * {@code generation} and {@code history} (written by an earlier plugin version) is generation 1
 * without history. A record with history is written with schema {@value #SCHEMA_WITH_HISTORY},
 * so that a plugin version that does not know the history refuses it instead of dropping the
 * history when it redeploys; one without history keeps schema 1.
 *
 * @param deploymentName the ledger name (file name without {@code .json})
 * @param contractName the contract's name in its artifact
 * @param chainId the chain id
 * @param address the contract address, EIP-55
 * @param transactionHash the creating transaction's hash, or {@code null} when the contract was
 *     found already deployed at its CREATE2 address
 * @param blockNumber the block that holds that transaction, or {@code null} with it
 * @param deployer the sending account (the KMS key's address), EIP-55
 * @param bytecodeHash Keccak-256 of the linked creation bytecode without arguments, {@code 0x} hex
 * @param constructorArguments the constructor arguments as configured
 * @param encodedConstructorArguments their ABI encoding, {@code 0x} hex
 * @param value wei sent to the constructor, decimal
 * @param salt the CREATE2 salt as 32-byte {@code 0x} hex, or {@code null} for a plain creation
 * @param factory the CREATE2 deployer (the deterministic deployment proxy), or {@code null}
 * @param libraries the library addresses linked in, or {@code null} when none
 * @param artifact the artifact file it was read from
 * @param abi the contract's ABI
 * @param generation the current deployment's place among the deployments under this name: 1 for
 *     the first (also when absent from the JSON)
 * @param deployedAt when the ledger recorded the current deployment (ISO-8601 UTC), or
 *     {@code null}
 * @param history the earlier deployments under this name, oldest first (empty when none)
 * @param verifications the source verifications of the current deployment, one per verifier
 *     (empty when none was asked for); an optional field that readers of earlier versions ignore,
 *     so it keeps the schema number
 * @param ownershipTransfer the contract's ownership handed over after the deployment
 *     ({@link OwnershipHandover}), or {@code null} when it was not (an optional field: readers
 *     that do not know it ignore it, so the schema stays)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({
    "schema",
    "deploymentName",
    "generation",
    "contractName",
    "chainId",
    "address",
    "transactionHash",
    "blockNumber",
    "deployedAt",
    "deployer",
    "bytecodeHash",
    "constructorArguments",
    "encodedConstructorArguments",
    "value",
    "salt",
    "factory",
    "libraries",
    "artifact",
    "abi",
    "verifications",
    "ownershipTransfer",
    "history"
})
public record DeploymentRecord(
        String deploymentName,
        String contractName,
        long chainId,
        String address,
        String transactionHash,
        BigInteger blockNumber,
        String deployer,
        String bytecodeHash,
        List<String> constructorArguments,
        String encodedConstructorArguments,
        String value,
        String salt,
        String factory,
        Map<String, String> libraries,
        String artifact,
        JsonNode abi,
        int generation,
        String deployedAt,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<DeploymentEntry> history,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Verification> verifications,
        OwnershipTransfer ownershipTransfer) {

    /** The schema of a record with a non-empty {@code history}. */
    public static final int SCHEMA_WITH_HISTORY = 2;

    /** A record of the first generation without history is what older records read as. */
    public DeploymentRecord {
        generation = Math.max(1, generation);
        history = history == null ? List.of() : List.copyOf(history);
        verifications = verifications == null ? List.of() : List.copyOf(verifications);
    }

    /**
     * A record without source verifications and without an ownership transfer.
     *
     * @param deploymentName the ledger name
     * @param contractName the contract's name in its artifact
     * @param chainId the chain id
     * @param address the contract address, EIP-55
     * @param transactionHash the creating transaction's hash, or {@code null}
     * @param blockNumber the block of that transaction, or {@code null}
     * @param deployer the sending account, EIP-55
     * @param bytecodeHash Keccak-256 of the linked creation bytecode without arguments
     * @param constructorArguments the constructor arguments as configured
     * @param encodedConstructorArguments their ABI encoding, {@code 0x} hex
     * @param value wei sent to the constructor, decimal
     * @param salt the CREATE2 salt, or {@code null}
     * @param factory the CREATE2 deployer, or {@code null}
     * @param libraries the library addresses linked in, or {@code null}
     * @param artifact the artifact file it was read from
     * @param abi the contract's ABI
     * @param generation the deployment's place among those under the name
     * @param deployedAt when the ledger recorded it, or {@code null}
     * @param history the earlier deployments under this name
     */
    public DeploymentRecord(
            String deploymentName,
            String contractName,
            long chainId,
            String address,
            String transactionHash,
            BigInteger blockNumber,
            String deployer,
            String bytecodeHash,
            List<String> constructorArguments,
            String encodedConstructorArguments,
            String value,
            String salt,
            String factory,
            Map<String, String> libraries,
            String artifact,
            JsonNode abi,
            int generation,
            String deployedAt,
            List<DeploymentEntry> history) {
        this(
                deploymentName,
                contractName,
                chainId,
                address,
                transactionHash,
                blockNumber,
                deployer,
                bytecodeHash,
                constructorArguments,
                encodedConstructorArguments,
                value,
                salt,
                factory,
                libraries,
                artifact,
                abi,
                generation,
                deployedAt,
                history,
                List.of(),
                null);
    }

    /**
     * @param newVerifications the source verifications of this deployment
     * @return this record with them
     */
    public DeploymentRecord withVerifications(List<Verification> newVerifications) {
        return copy(generation, deployedAt, history, newVerifications, ownershipTransfer);
    }

    /**
     * @param transfer the ownership transfer found or made after the deployment
     * @return this record with it
     */
    public DeploymentRecord withOwnershipTransfer(OwnershipTransfer transfer) {
        return copy(generation, deployedAt, history, verifications, transfer);
    }

    /**
     * @return the record format, written first: 1, or {@value #SCHEMA_WITH_HISTORY} with history
     */
    @com.fasterxml.jackson.annotation.JsonProperty("schema")
    public int schema() {
        return history.isEmpty() ? io.kmsethereum.core.store.Records.SCHEMA : SCHEMA_WITH_HISTORY;
    }

    /**
     * @return the current deployment as an entry of a later record's history
     */
    public DeploymentEntry entry() {
        // the same fields by the same names; the ABI, chain id, name and history stay behind
        return io.kmsethereum.core.Json.MAPPER.convertValue(this, DeploymentEntry.class);
    }

    /**
     * Places this deployment in the ledger after {@code previous}: the same contract (same
     * address and creating transaction) is recorded again in place, keeping its generation,
     * time, history, verifications and ownership transfer; another contract becomes the next generation, and {@code previous}
     * moves into the history.
     *
     * @param previous the record stored under the name now, or {@code null}
     * @return the record to store
     */
    public DeploymentRecord after(DeploymentRecord previous) {
        if (previous == null) {
            return copy(1, deployedAt, List.of(), verifications, ownershipTransfer);
        }
        if (address.equalsIgnoreCase(previous.address())
                && java.util.Objects.equals(transactionHash, previous.transactionHash())) {
            return copy(
                    previous.generation(),
                    previous.deployedAt() != null ? previous.deployedAt() : deployedAt,
                    previous.history(),
                    verifications.isEmpty() ? previous.verifications() : verifications,
                    ownershipTransfer != null ? ownershipTransfer : previous.ownershipTransfer());
        }
        List<DeploymentEntry> earlier = new java.util.ArrayList<>(previous.history());
        earlier.add(previous.entry());
        return copy(previous.generation() + 1, deployedAt, earlier, verifications, ownershipTransfer);
    }

    private DeploymentRecord copy(
            int newGeneration,
            String time,
            List<DeploymentEntry> newHistory,
            List<Verification> newVerifications,
            OwnershipTransfer transfer) {
        return new DeploymentRecord(
                deploymentName,
                contractName,
                chainId,
                address,
                transactionHash,
                blockNumber,
                deployer,
                bytecodeHash,
                constructorArguments,
                encodedConstructorArguments,
                value,
                salt,
                factory,
                libraries,
                artifact,
                abi,
                newGeneration,
                time,
                newHistory,
                newVerifications,
                transfer);
    }

    /**
     * @param initCode what would be deployed now
     * @param saltHex the CREATE2 salt now ({@code 0x} hex of 32 bytes), or {@code null}
     * @param valueWei the wei sent to the constructor now
     * @return whether this record is a deployment of the same bytecode with the same encoded
     *     arguments and value, by the same method (same salt, or both plain creations)
     */
    public boolean sameDeployment(InitCode initCode, String saltHex, BigInteger valueWei) {
        return differences(initCode, saltHex, valueWei).isEmpty();
    }

    /**
     * What differs between the recorded deployment and the configured one, each in words for a
     * message: {@code the bytecode (keccak256 0x… recorded, 0x… now)}, {@code the constructor
     * arguments ([100] recorded, [200] now)}, {@code the value (…)}, {@code the salt (…)}.
     * Arguments are compared by their ABI encoding, so {@code 16} and {@code 0x10} for a
     * {@code uint256} are the same.
     *
     * @param initCode what would be deployed now
     * @param saltHex the CREATE2 salt now ({@code 0x} hex of 32 bytes), or {@code null}
     * @param valueWei the wei sent to the constructor now
     * @return the differences, empty when it is the same deployment
     */
    public List<String> differences(InitCode initCode, String saltHex, BigInteger valueWei) {
        List<String> out = new java.util.ArrayList<>();
        if (!initCode.bytecodeHash().equalsIgnoreCase(bytecodeHash)) {
            out.add("the bytecode (keccak256 " + bytecodeHash + " recorded, " + initCode.bytecodeHash() + " now)");
        }
        if (!initCode.encodedArgumentsHex().equalsIgnoreCase(encodedConstructorArguments)) {
            out.add("the constructor arguments ("
                    + (constructorArguments == null ? encodedConstructorArguments : constructorArguments.toString())
                    + " recorded, " + initCode.arguments() + " now)");
        }
        BigInteger recordedValue = value == null ? BigInteger.ZERO : new BigInteger(value);
        if (!recordedValue.equals(valueWei)) {
            out.add("the value (" + Amounts.format(recordedValue) + " recorded, " + Amounts.format(valueWei) + " now)");
        }
        if (saltHex == null ? salt != null : !saltHex.equalsIgnoreCase(salt)) {
            out.add("the salt (" + (salt == null ? "none" : salt) + " recorded, " + (saltHex == null ? "none" : saltHex)
                    + " now)");
        }
        return out;
    }

    /**
     * @return whether the record names the transaction that created the contract
     */
    public boolean hasTransaction() {
        return transactionHash != null;
    }
}
