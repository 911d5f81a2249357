package io.kmsethereum.maven;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.Json;
import io.kmsethereum.core.rpc.NodeClient;
import io.kmsethereum.core.signer.SignedAuthorization;
import io.kmsethereum.core.tx.SetCodeAuthorizations;
import java.io.File;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Signs one EIP-7702 authorization with the KMS key and writes it as JSON, for another sender to
 * include in its set-code transaction ({@code kms-sign} with {@code authorizationFiles}, or any
 * tool that reads a node's authorization objects): the key's account delegates its code to
 * {@code delegate}. The signature is over {@code keccak256(0x05 || rlp([chain_id, address, nonce]))}
 * (<a href="https://eips.ethereum.org/EIPS/eip-7702">EIP-7702</a>), one KMS {@code Sign}, checked
 * against the key. A delegate gets full control of the account.
 *
 * @since 0.1.0
 */
@Mojo(name = "kms-sign-authorization", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class KmsSignAuthorizationMojo extends AbstractKmsMojo {

    /**
     * The contract the account delegates its code to; it must have code on the chain
     * ({@code eth_getCode} at {@code rpcUrl}) unless {@code allowDelegateWithoutCode}. The zero
     * address {@code 0x0000000000000000000000000000000000000000} revokes a delegation. A delegate
     * gets full control of the account.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.delegate")
    private String delegate;

    /**
     * The chain id the authorization is valid on. Empty (the default): the chain id of
     * {@code rpcUrl}'s node. {@code any}: chain id 0, valid on every chain (replayable wherever
     * the account has the same nonce); {@code 0} is refused in favour of the explicit {@code any}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.authorizationChainId")
    private String authorizationChainId;

    /**
     * The account nonce the authorization is valid for, decimal or {@code 0x} hex. Empty (the
     * default): the account's pending nonce on {@code rpcUrl}'s node. A node applies the
     * authorization only while the account's nonce is this one, so it must be sent before the
     * account sends another transaction.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.authorizationNonce")
    private String authorizationNonce;

    /**
     * JSON-RPC endpoint of a node of the chain: the chain id, the account's nonce and the
     * delegate's code come from it. Without it, {@code authorizationChainId},
     * {@code authorizationNonce} and {@code allowDelegateWithoutCode=true} must be set. Secrets
     * as in {@code kms-sign}'s {@code rpcUrl} ({@code {server:<id>}}, {@code env:NAME}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.rpcUrl")
    private String rpcUrl;

    /**
     * Time limit for one JSON-RPC request, in seconds.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.rpcTimeout", defaultValue = "30")
    private int rpcTimeout = 30;

    /**
     * Accept a delegate without code on the chain (one deployed later on purpose, or offline,
     * where the code cannot be checked).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.allowDelegateWithoutCode", defaultValue = "false")
    private boolean allowDelegateWithoutCode;

    /**
     * The JSON file to write: {@code authority}, {@code chainId}, {@code address} (the delegate),
     * {@code nonce}, {@code yParity}, {@code r}, {@code s}; quantities as {@code 0x} hex, the
     * form of a node's {@code authorizationList} entries.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.signAuthorization.outputFile")
    private File outputFile;

    /**
     * Skip this goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.signAuthorization.skip", defaultValue = "false")
    private boolean skipSignAuthorization;

    /**
     * @param settingsDecrypter decrypts settings.xml passwords
     */
    @Inject
    public KmsSignAuthorizationMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected boolean isGoalSkipped() {
        return skipSignAuthorization;
    }

    @Override
    protected void process() throws MojoExecutionException {
        if (outputFile == null) {
            throw new InvalidInputException(
                    "outputFile",
                    "is required: the file to write the signed authorization to, e.g. target/authorization.json");
        }
        SetCodeAuthorizations.Single request = SetCodeAuthorizations.Single.parse(
                delegate, authorizationChainId, authorizationNonce, allowDelegateWithoutCode);
        try (NodeClient node = openNode(rpcUrl, rpcTimeout)) {
            request.checkBeforeKms(node);
            SignedAuthorization signed = request.sign(signer(), node, line -> getLog().info(line));
            writeAtomically(outputFile, Json.toBytes(signed));
            getLog().info("Wrote " + outputFile);
        }
    }
}
