package io.kmsethereum.core.deploy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.kmsethereum.core.tx.SignedTransaction;

/**
 * A deployment transaction that was signed and is about to be (or was) broadcast, recorded
 * before it is sent: {@code <deploymentsDirectory>/<chainId>/<deploymentName>.pending.json}. A
 * build killed before the receipt finds it on the next run and waits for that very transaction
 * instead of signing a second one; it is deleted once the deployment is in the ledger.
 *
 * @param deploymentName the ledger name
 * @param chainId the chain id
 * @param bytecodeHash Keccak-256 of the linked creation bytecode, {@code 0x} hex
 * @param encodedConstructorArguments the ABI-encoded constructor arguments, {@code 0x} hex
 * @param salt the CREATE2 salt ({@code 0x} hex of 32 bytes) or {@code null}
 * @param address the CREATE2 address, or {@code null} for a plain creation (the receipt tells)
 * @param transaction the signed transaction
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record PendingDeployment(
        String deploymentName,
        long chainId,
        String bytecodeHash,
        String encodedConstructorArguments,
        String salt,
        String address,
        SignedTransaction transaction) {

    /**
     * @param initCode what would be deployed now
     * @param saltHex the CREATE2 salt now, or {@code null}
     * @return whether the pending transaction deploys exactly this
     */
    public boolean sameDeployment(InitCode initCode, String saltHex) {
        return DeploymentRecord.same(initCode, saltHex, bytecodeHash, encodedConstructorArguments, salt);
    }
}
