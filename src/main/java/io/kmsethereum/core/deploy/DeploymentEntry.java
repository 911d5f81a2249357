package io.kmsethereum.core.deploy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * An earlier deployment under a ledger name, kept in the {@code history} of its
 * {@link DeploymentRecord} when a later one replaced it: what the record said when that
 * deployment was the current one, without the ABI.
 *
 * @param generation its place among the deployments under the name: 1 for the first
 * @param contractName the contract's name in its artifact
 * @param address the contract address, EIP-55
 * @param transactionHash the creating transaction, or {@code null} for a CREATE2 contract found
 *     already deployed
 * @param blockNumber the block of that transaction, or {@code null} with it
 * @param deployedAt when the ledger recorded it (ISO-8601 UTC), or {@code null} in records of
 *     plugin versions that did not write it
 * @param deployer the sending account, EIP-55
 * @param bytecodeHash Keccak-256 of the linked creation bytecode without arguments, {@code 0x} hex
 * @param constructorArguments the constructor arguments as configured
 * @param encodedConstructorArguments their ABI encoding, {@code 0x} hex
 * @param value wei sent to the constructor, decimal
 * @param salt the CREATE2 salt, or {@code null} for a plain creation
 * @param factory the CREATE2 deployer, or {@code null}
 * @param libraries the library addresses linked in, or {@code null}
 * @param artifact the artifact file it was read from
 * @param ownershipTransfer its ownership handed over after the deployment, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({
    "generation",
    "contractName",
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
    "ownershipTransfer"
})
public record DeploymentEntry(
        int generation,
        String contractName,
        String address,
        String transactionHash,
        BigInteger blockNumber,
        String deployedAt,
        String deployer,
        String bytecodeHash,
        List<String> constructorArguments,
        String encodedConstructorArguments,
        String value,
        String salt,
        String factory,
        Map<String, String> libraries,
        String artifact,
        OwnershipTransfer ownershipTransfer) {}
