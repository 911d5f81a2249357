package io.kmsethereum.core.deploy;

import io.kmsethereum.core.tx.TransactionRequest;
import java.util.Map;

/**
 * One deployment, parsed and checked: what to deploy and how to send it.
 *
 * @param deploymentName the ledger name ({@link DeploymentLedger#checkName})
 * @param initCode the linked bytecode and the encoded constructor arguments
 * @param salt the 32-byte CREATE2 salt, or {@code null} for a plain creation
 * @param onChange what a deployment the ledger records differently does, or {@code null} for the
 *     chain's default ({@link OnChange#defaultFor})
 * @param transaction the fee, gas, nonce, chain id and value fields as configured ({@code null}
 *     where the node fills them); its {@code to} and {@code data} are replaced by the deployer
 * @param libraries the library addresses linked in (for the ledger), may be empty
 * @param artifact the artifact file as the ledger should name it (e.g. relative to the project)
 */
public record DeploymentRequest(
        String deploymentName,
        InitCode initCode,
        byte[] salt,
        OnChange onChange,
        TransactionRequest transaction,
        Map<String, String> libraries,
        String artifact) {

    /** Copies the libraries. */
    public DeploymentRequest {
        libraries = libraries == null ? Map.of() : Map.copyOf(libraries);
    }
}
