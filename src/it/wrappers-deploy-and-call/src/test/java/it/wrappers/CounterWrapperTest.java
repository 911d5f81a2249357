package it.wrappers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kmsethereum.core.kms.CredentialsSource;
import io.kmsethereum.core.kms.KmsClientFactory;
import io.kmsethereum.core.kms.KmsConnection;
import io.kmsethereum.core.kms.KmsKey;
import io.kmsethereum.core.kms.KmsKeys;
import io.kmsethereum.core.signer.KmsSigner;
import it.wrappers.contracts.Counter;
import java.math.BigInteger;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.StaticEIP1559GasProvider;
import org.web3j.utils.Convert;
import software.amazon.awssdk.services.kms.KmsClient;

/** A generated web3j wrapper, deployed and called with the KMS key as the signer. */
class CounterWrapperTest {

    @Test
    void deploysAndCallsCounterThroughTheKmsSigner() throws Exception {
        // the KMS key as a web3j TxSignService (LocalStack here; drop the endpoint for AWS)
        KmsConnection connection = KmsConnection.of("us-east-1", URI.create(System.getProperty("kms.endpoint")),
                CredentialsSource.defaultChain());
        KmsClient kms = KmsClientFactory.create(connection);
        KmsKey key = KmsKeys.resolve(kms, System.getProperty("kms.keyId"), "LocalStack");
        KmsSigner kmsSigner = new KmsSigner(kms, key, "LocalStack");

        Web3j web3j = Web3j.build(new HttpService(System.getProperty("kms.rpcUrl")));
        long chainId = web3j.ethChainId().send().getChainId().longValueExact();
        TransactionManager transactionManager = new RawTransactionManager(web3j, kmsSigner, chainId);

        // EIP-1559 transactions: 1 gwei priority fee, at most 3 gwei per gas, gas limit 3,000,000
        StaticEIP1559GasProvider gas = new StaticEIP1559GasProvider(chainId, Convert.toWei("3", Convert.Unit.GWEI).toBigInteger(),
                Convert.toWei("1", Convert.Unit.GWEI).toBigInteger(), BigInteger.valueOf(3_000_000));
        Counter counter = Counter.deploy(web3j, transactionManager, gas, BigInteger.valueOf(41)).send();
        TransactionReceipt receipt = counter.increment().send();

        assertEquals(BigInteger.valueOf(42), counter.count().send());
        List<Counter.IncrementedEventResponse> events = Counter.getIncrementedEvents(receipt);
        assertEquals(1, events.size());
        assertEquals(kmsSigner.getAddress().toLowerCase(), events.get(0).by.toLowerCase(), "the KMS address sent it");
        assertEquals(kmsSigner.getAddress().toLowerCase(), receipt.getFrom().toLowerCase());
        assertEquals("0x2", web3j.ethGetTransactionByHash(receipt.getTransactionHash()).send().getTransaction().orElseThrow().getType(),
                "an EIP-1559 transaction");
        System.out.println("Counter deployed at " + counter.getContractAddress() + " by " + kmsSigner.getAddress());
        web3j.shutdown();
        kms.close();
    }
}
