package io.kmsethereum.maven;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.Json;
import io.kmsethereum.core.crypto.Addresses;
import io.kmsethereum.core.signer.KmsSigner;
import io.kmsethereum.core.tx.Amounts;
import io.kmsethereum.core.tx.HexData;
import io.kmsethereum.core.tx.OfflineTransactions;
import io.kmsethereum.core.tx.Quantities;
import io.kmsethereum.core.tx.SignedTransaction;
import io.kmsethereum.core.tx.TransactionRequest;
import io.kmsethereum.core.tx.TransactionType;
import java.io.File;
import java.math.BigInteger;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.web3j.crypto.RawTransaction;

/**
 * Builds and signs one transaction with the KMS key: EIP-1559 (default), EIP-2930 or legacy
 * with EIP-155 replay protection. Sets {@code kms.signedTransaction} (raw transaction hex) and
 * {@code kms.transactionHash}, and optionally writes the decoded fields as JSON. This is the
 * {@code sign} operation of the AWS blog's sample.
 *
 * @since 0.1.0
 */
@Mojo(name = "kms-sign", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class KmsSignMojo extends AbstractKmsMojo {

    /**
     * Recipient address; mixed case must be a valid EIP-55 checksum. Omit for contract creation.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.to")
    private String to;

    /**
     * Amount to send, with a unit: {@code 0.01 ether}, {@code 21 gwei}, {@code 1000 wei}; a
     * bare integer is wei.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.value")
    private String value;

    /**
     * Calldata (or init code for contract creation) as {@code 0x} hex.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.data")
    private String data;

    /**
     * Transaction type: {@code eip1559}, {@code eip2930} or {@code legacy}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.txType", defaultValue = "eip1559")
    private String txType;

    /**
     * Chain id (EIP-155), decimal or {@code 0x} hex. Required offline.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.chainId")
    private String chainId;

    /**
     * Account nonce. Required offline.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.nonce")
    private String nonce;

    /**
     * Gas limit. Required offline.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.gasLimit")
    private String gasLimit;

    /**
     * EIP-1559 max fee per gas, with a unit ({@code 30 gwei}); bare integers are wei.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.maxFeePerGas")
    private String maxFeePerGas;

    /**
     * EIP-1559 max priority fee per gas, with a unit ({@code 1.5 gwei}); bare integers are wei.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.maxPriorityFeePerGas")
    private String maxPriorityFeePerGas;

    /**
     * Gas price for legacy and EIP-2930 transactions, with a unit; bare integers are wei.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.gasPrice")
    private String gasPrice;

    /**
     * Optional JSON file for the decoded fields, {@code from}, {@code hash} and {@code raw}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.sign.outputFile")
    private File outputFile;

    /**
     * Project property that receives the raw signed transaction (hex).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.sign.signedTransactionProperty", defaultValue = "kms.signedTransaction")
    private String signedTransactionProperty = "kms.signedTransaction";

    /**
     * Project property that receives the transaction hash (hex).
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.sign.transactionHashProperty", defaultValue = "kms.transactionHash")
    private String transactionHashProperty = "kms.transactionHash";

    /**
     * Skip this goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = "kms.sign.skip", defaultValue = "false")
    private boolean skipSign;

    /**
     * @param settingsDecrypter decrypts settings.xml passwords
     */
    @Inject
    public KmsSignMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    @Override
    protected String goalName() {
        return "kms-sign";
    }

    @Override
    protected boolean isGoalSkipped() {
        return skipSign;
    }

    @Override
    protected void process() throws MojoExecutionException {
        TransactionRequest request = request();
        RawTransaction unsigned = OfflineTransactions.build(request);
        KmsSigner signer = signer();
        byte[] raw = signer.sign(unsigned, request.chainId());
        SignedTransaction signed = SignedTransaction.of(request.type(), request.chainId(), signer.getAddress(), unsigned, raw);
        getLog().info("Signed " + signed.type() + " transaction " + signed.hash() + " from " + signed.from()
                + " (chain id " + signed.chainId() + ", nonce " + signed.nonce() + ")");
        getLog().info("Raw transaction: " + signed.raw());
        setProperty(signedTransactionProperty, signed.raw());
        setProperty(transactionHashProperty, signed.hash());
        if (outputFile != null) {
            writeAtomically(outputFile, Json.toBytes(signed));
            getLog().info("Wrote " + outputFile);
        }
    }

    /**
     * Parses and checks every transaction parameter; nothing is signed when this throws.
     *
     * @return the typed request
     * @throws InvalidInputException naming the first bad parameter
     */
    TransactionRequest request() {
        TransactionType type = TransactionType.parse(txType, "txType");
        String recipient = blankToNull(to) == null ? null : Addresses.parse(to, "to");
        BigInteger chain = Quantities.parse(chainId, "chainId", BigInteger.valueOf(Long.MAX_VALUE));
        if (chain != null && chain.signum() == 0) {
            throw new InvalidInputException("chainId", "must be positive (EIP-155); 0 is not a chain id");
        }
        BigInteger gasPriceWei = Amounts.parseWei(gasPrice, "gasPrice");
        BigInteger maxFee = Amounts.parseWei(maxFeePerGas, "maxFeePerGas");
        BigInteger maxPriority = Amounts.parseWei(maxPriorityFeePerGas, "maxPriorityFeePerGas");
        if (type == TransactionType.EIP1559 && gasPriceWei != null) {
            throw new InvalidInputException("gasPrice", "applies to legacy and eip2930 transactions; for eip1559 set maxFeePerGas and maxPriorityFeePerGas instead (or txType=legacy)");
        }
        if (type != TransactionType.EIP1559 && (maxFee != null || maxPriority != null)) {
            throw new InvalidInputException(maxFee != null ? "maxFeePerGas" : "maxPriorityFeePerGas",
                    "applies to eip1559 transactions only; for " + type.id() + " set gasPrice instead");
        }
        byte[] calldata = HexData.parse(data, "data");
        if (recipient == null && calldata.length == 0) {
            throw new InvalidInputException("to", "is missing and there is no data: a transaction without a recipient creates a contract"
                    + " and needs its init code in 'data'. Set 'to' for a transfer");
        }
        return new TransactionRequest(type,
                chain == null ? null : chain.longValueExact(),
                Quantities.parse(nonce, "nonce", BigInteger.ONE.shiftLeft(64).subtract(BigInteger.TWO)),
                recipient,
                Amounts.parseWei(value, "value"),
                calldata,
                Quantities.parse(gasLimit, "gasLimit", BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE)),
                gasPriceWei, maxFee, maxPriority);
    }
}
