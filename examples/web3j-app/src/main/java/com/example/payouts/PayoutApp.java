package com.example.payouts;

import io.kmsethereum.core.kms.CredentialsSource;
import io.kmsethereum.core.kms.KmsClientFactory;
import io.kmsethereum.core.kms.KmsConnection;
import io.kmsethereum.core.kms.KmsKey;
import io.kmsethereum.core.kms.KmsKeys;
import io.kmsethereum.core.signer.KmsSigner;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Convert;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * Pays {@code payout.ether} ether to {@code payout.to} from the KMS account, as an EIP-1559
 * transaction signed by AWS KMS through web3j's {@link RawTransactionManager}, and waits for the
 * receipt.
 *
 * <p>Configuration (system properties): {@code kms.keyId} (key id, key ARN or alias),
 * {@code kms.region} and {@code kms.endpoint} (both optional: the AWS SDK's defaults apply),
 * {@code eth.rpcUrl}, {@code payout.to}, {@code payout.ether}.
 */
public final class PayoutApp {
    private static final BigInteger TRANSFER_GAS = BigInteger.valueOf(21_000);

    private PayoutApp() {}

    public static void main(String[] args) throws Exception {
        String endpoint = optional("kms.endpoint");
        KmsConnection connection = KmsConnection.of(
                optional("kms.region"),
                endpoint == null ? null : URI.create(endpoint),
                CredentialsSource.defaultChain());
        String where = "in region " + (connection.region() == null ? "(default chain)" : connection.region());

        try (KmsClient kms = KmsClientFactory.create(connection)) {
            // DescribeKey + GetPublicKey once: checks key spec and usage, gives the address
            KmsKey key = KmsKeys.resolve(kms, required("kms.keyId"), where);
            KmsSigner signer = new KmsSigner(kms, key, where);
            System.out.println("Paying from KMS account " + signer.getAddress());

            Web3j web3j = Web3j.build(new HttpService(required("eth.rpcUrl")));
            try {
                long chainId = web3j.ethChainId().send().getChainId().longValueExact();
                // every signature: one KMS Sign call, low-s, recovery id checked against the key
                RawTransactionManager transactions = new RawTransactionManager(web3j, signer, chainId);

                BigInteger priorityFee = web3j.ethMaxPriorityFeePerGas().send().getMaxPriorityFeePerGas();
                BigInteger baseFee = web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
                        .send()
                        .getBlock()
                        .getBaseFeePerGas();
                BigInteger maxFee = baseFee.multiply(BigInteger.TWO).add(priorityFee);
                BigInteger wei = Convert.toWei(new BigDecimal(required("payout.ether")), Convert.Unit.ETHER)
                        .toBigIntegerExact();

                EthSendTransaction sent = transactions.sendEIP1559Transaction(
                        chainId, priorityFee, maxFee, TRANSFER_GAS, required("payout.to"), "0x", wei, false);
                if (sent.hasError()) {
                    throw new IllegalStateException(
                            "the node rejected the payment: " + sent.getError().getMessage());
                }
                System.out.println("Sent payment " + sent.getTransactionHash() + " on chain " + chainId);
                TransactionReceipt receipt = new PollingTransactionReceiptProcessor(web3j, 1_000, 60)
                        .waitForTransactionReceipt(sent.getTransactionHash());
                if (!receipt.isStatusOK()) {
                    throw new IllegalStateException("payment " + receipt.getTransactionHash() + " failed");
                }
                System.out.println("Payment " + receipt.getTransactionHash() + " mined in block "
                        + receipt.getBlockNumber() + " from " + receipt.getFrom());
            } finally {
                web3j.shutdown();
            }
        }
    }

    private static String required(String name) {
        String value = optional(name);
        if (value == null) {
            throw new IllegalArgumentException("set the system property " + name);
        }
        return value;
    }

    private static String optional(String name) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
