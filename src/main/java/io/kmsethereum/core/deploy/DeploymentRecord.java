package io.kmsethereum.core.deploy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * One entry of the deployment ledger: where a contract was deployed, by which transaction, and
 * what exactly was deployed. Written as {@code <deploymentsDirectory>/<chainId>/<deploymentName>.json}.
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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({
    "schema",
    "deploymentName",
    "contractName",
    "chainId",
    "address",
    "transactionHash",
    "blockNumber",
    "deployer",
    "bytecodeHash",
    "constructorArguments",
    "encodedConstructorArguments",
    "value",
    "salt",
    "factory",
    "libraries",
    "artifact",
    "abi"
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
        JsonNode abi) {

    /**
     * @return the record format ({@link io.kmsethereum.core.store.Records#SCHEMA}), written first
     */
    @com.fasterxml.jackson.annotation.JsonProperty("schema")
    public int schema() {
        return io.kmsethereum.core.store.Records.SCHEMA;
    }

    /**
     * @param initCode what would be deployed now
     * @param saltHex the CREATE2 salt now ({@code 0x} hex of 32 bytes), or {@code null}
     * @return whether this record is a deployment of the same bytecode with the same encoded
     *     arguments, by the same method (same salt, or both plain creations)
     */
    public boolean sameDeployment(InitCode initCode, String saltHex) {
        return same(initCode, saltHex, bytecodeHash, encodedConstructorArguments, salt);
    }

    /**
     * @return whether {@code initCode} and {@code saltHex} are what the recorded hash, arguments
     *     and salt describe
     */
    static boolean same(InitCode initCode, String saltHex, String bytecodeHash, String encodedArguments, String salt) {
        return initCode.bytecodeHash().equalsIgnoreCase(bytecodeHash)
                && initCode.encodedArgumentsHex().equalsIgnoreCase(encodedArguments)
                && (saltHex == null ? salt == null : saltHex.equalsIgnoreCase(salt));
    }

    /**
     * @return whether the record names the transaction that created the contract
     */
    public boolean hasTransaction() {
        return transactionHash != null;
    }
}
