package io.kmsethereum.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kmsethereum.core.Json;
import io.kmsethereum.core.KeyRejectedException;
import java.io.File;
import java.math.BigInteger;
import java.nio.file.Files;
import java.util.List;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Sign;
import org.web3j.crypto.SignedRawTransaction;
import org.web3j.crypto.TransactionDecoder;
import org.web3j.crypto.transaction.type.Transaction1559;

/**
 * kms-sign (offline) through the plugin testing harness: what the Maven layer decides (parameter
 * injection, the rules of the Mojo itself, the skip flags, the error mapping). A bad parameter
 * fails with a {@link MojoFailureException} that names it and its user property, before any KMS
 * request (the local KMS records none), without setting the output properties or writing the
 * output file; one bad transaction parameter stands for all, whose values are checked in
 * {@code TransactionInputTest} and the parser tests of {@code core.input}. The good cases prove
 * that the same setup does reach KMS and sign.
 */
@MojoTest
class KmsSignMojoTest extends MojoTestSupport {
    private static final String START = "<project><build><plugins><plugin>"
            + "<artifactId>kms-ethereum-maven-plugin</artifactId><configuration>"
            + "<outputFile>target/harness-tests/kms-sign.json</outputFile>";
    private static final String END = "</configuration></plugin></plugins></build></project>";
    private static final String KEY_ID = "<keyId>" + ALIAS + "</keyId>";
    private static final String TO = "<to>0x3535353535353535353535353535353535353535</to><value>0.01 ether</value>";
    private static final String CHAIN = "<chainId>1</chainId>";
    private static final String NONCE_GAS = "<nonce>7</nonce><gasLimit>21000</gasLimit>";
    private static final String FEES =
            "<maxFeePerGas>30 gwei</maxFeePerGas><maxPriorityFeePerGas>1.5 gwei</maxPriorityFeePerGas>";

    /** A complete EIP-1559 transfer: signs as is. */
    static final String SIGNABLE = START + KEY_ID + TO + CHAIN + NONCE_GAS + FEES + END;
    /** As {@link #SIGNABLE} without nonce and gas limit. */
    static final String NO_NONCE_GAS = START + KEY_ID + TO + CHAIN + FEES + END;
    /** A token transfer through function + arguments, offline. */
    static final String CALL = START + KEY_ID + CHAIN + NONCE_GAS + FEES
            + "<to>0x3535353535353535353535353535353535353535</to><function>transfer(address,uint256)</function>"
            + "<arguments><argument>0x3400000000000000000000000000000000000001</argument><argument>25</argument></arguments>"
            + END;
    /** A legacy transfer priced by gasPrice. */
    static final String LEGACY =
            START + KEY_ID + TO + CHAIN + NONCE_GAS + "<txType>legacy</txType><gasPrice>20 gwei</gasPrice>" + END;

    private File outputFile;

    @BeforeEach
    void noOutputYet() throws Exception {
        outputFile = new File(MojoExtension.getBasedir(), "target/harness-tests/kms-sign.json");
        Files.deleteIfExists(outputFile.toPath());
    }

    /** Rejected before KMS, and nothing signed, set or written. */
    private MojoFailureException assertNothingSigned(KmsSignMojo mojo, String parameter) {
        MojoFailureException e = assertRejectedBeforeKms(mojo, parameter);
        assertNull(project.getProperties().getProperty("kms.signedTransaction"));
        assertNull(project.getProperties().getProperty("kms.transactionHash"));
        assertFalse(outputFile.exists(), "no output file");
        return e;
    }

    @Test
    @InjectMojo(goal = "kms-sign", pom = SIGNABLE)
    void signsAnEip1559Transfer(KmsSignMojo mojo) throws Exception {
        run(mojo);
        assertEquals(List.of("DescribeKey", "GetPublicKey", "Sign"), kms.operations());
        String raw = project.getProperties().getProperty("kms.signedTransaction");
        SignedRawTransaction tx = (SignedRawTransaction) TransactionDecoder.decode(raw);
        Transaction1559 fields = (Transaction1559) tx.getTransaction();
        assertEquals(kms.address().toLowerCase(), tx.getFrom().toLowerCase());
        assertEquals(1L, fields.getChainId());
        assertEquals(BigInteger.valueOf(7), tx.getNonce());
        assertEquals(BigInteger.valueOf(21000), tx.getGasLimit());
        assertEquals(new BigInteger("10000000000000000"), tx.getValue());
        assertEquals(new BigInteger("30000000000"), fields.getMaxFeePerGas());
        assertEquals(new BigInteger("1500000000"), fields.getMaxPriorityFeePerGas());
        assertEquals("0x3535353535353535353535353535353535353535", tx.getTo());
        JsonNode json = Json.MAPPER.readTree(outputFile);
        assertEquals(raw, json.path("raw").asText());
        assertEquals(
                project.getProperties().getProperty("kms.transactionHash"),
                json.path("hash").asText());
    }

    @Test
    @InjectMojo(goal = "kms-sign", pom = LEGACY)
    void signsALegacyTransferWithEip155(KmsSignMojo mojo) throws Exception {
        run(mojo);
        SignedRawTransaction tx = (SignedRawTransaction)
                TransactionDecoder.decode(project.getProperties().getProperty("kms.signedTransaction"));
        assertEquals(new BigInteger("20000000000"), tx.getGasPrice());
        assertEquals(1L, tx.getChainId());
        Sign.SignatureData signature = tx.getSignatureData();
        assertTrue(new BigInteger(1, signature.getV()).intValue() >= 37, "EIP-155 v for chain id 1");
        assertEquals(kms.address().toLowerCase(), tx.getFrom().toLowerCase());
    }

    @Test
    @InjectMojo(goal = "kms-sign", pom = SIGNABLE)
    @MojoParameter(name = "to", value = "0xZZ35353535353535353535353535353535353535")
    void toNotHex(KmsSignMojo mojo) {
        MojoFailureException e = assertNothingSigned(mojo, "to");
        assertTrue(e.getMessage().contains("'Z' is not a hex digit"), e.getMessage());
        assertTrue(e.getMessage().endsWith(" (Maven property: kms.to)"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "kms-sign", pom = NO_NONCE_GAS)
    void missingNonceAndGasLimitOffline(KmsSignMojo mojo) {
        MojoFailureException e = assertNothingSigned(mojo, "nonce, gasLimit");
        assertTrue(
                e.getMessage()
                        .endsWith(
                                "or set 'rpcUrl' to fill them from a node (Maven properties: kms.nonce, kms.gasLimit)"),
                e.getMessage());
    }

    @Test
    @InjectMojo(goal = "kms-sign", pom = SIGNABLE)
    @MojoParameter(name = "expectedAddress", value = "0x3535353535353535353535353535353535353535")
    void otherExpectedAddressSignsNothing(KmsSignMojo mojo) {
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> run(mojo));
        assertTrue(e.getMessage().contains("'expectedAddress'"), e.getMessage());
        assertFalse(kms.operations().contains("Sign"), "no Sign call: " + kms.operations());
        assertNull(project.getProperties().getProperty("kms.signedTransaction"));
        assertFalse(outputFile.exists());
    }

    @Test
    @InjectMojo(
            goal = "kms-sign",
            pom = "<project><build><plugins><plugin>"
                    + "<artifactId>kms-ethereum-maven-plugin</artifactId><configuration>"
                    + "<keyId>alias/unknown</keyId>" + TO + CHAIN + NONCE_GAS + FEES + END)
    void unknownKeyIsAFailure(KmsSignMojo mojo) {
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> run(mojo));
        assertInstanceOf(KeyRejectedException.class, e.getCause());
        assertEquals(List.of("DescribeKey"), kms.operations());
    }

    @Test
    @InjectMojo(goal = "kms-sign", pom = SIGNABLE)
    @MojoParameter(name = "skipSign", value = "true")
    void skipSignParameter(KmsSignMojo mojo) throws Exception {
        assertSkipped(mojo, "kms.sign.skip");
        assertNull(project.getProperties().getProperty("kms.signedTransaction"));
    }

    @Test
    @InjectMojo(goal = "kms-sign", pom = SIGNABLE)
    @UserProperties("kms.sign.skip=true")
    void signSkipProperty(KmsSignMojo mojo) throws Exception {
        assertSkipped(mojo, "kms.sign.skip");
        assertFalse(outputFile.exists());
    }

    @Test
    @InjectMojo(goal = "kms-sign", pom = SIGNABLE)
    @UserProperties("kms.skip=true")
    void kmsSkipProperty(KmsSignMojo mojo) throws Exception {
        assertSkipped(mojo, "kms.skip");
        assertNull(project.getProperties().getProperty("kms.signedTransaction"));
    }

    @Test
    @InjectMojo(goal = "kms-sign", pom = CALL)
    void signsAContractCallFromFunctionAndArguments(KmsSignMojo mojo) throws Exception {
        run(mojo);
        SignedRawTransaction tx = (SignedRawTransaction)
                TransactionDecoder.decode(project.getProperties().getProperty("kms.signedTransaction"));
        assertEquals(
                "0xa9059cbb0000000000000000000000003400000000000000000000000000000000000001"
                        + "0000000000000000000000000000000000000000000000000000000000000019",
                tx.getData().startsWith("0x") ? tx.getData() : "0x" + tx.getData());
    }

    @Test
    @InjectMojo(goal = "kms-sign", pom = SIGNABLE)
    @MojoParameter(name = "broadcast", value = "true")
    void broadcastNeedsRpcUrl(KmsSignMojo mojo) {
        MojoFailureException e = assertNothingSigned(mojo, "rpcUrl");
        assertTrue(e.getMessage().contains("is required with broadcast=true"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "kms-sign", pom = SIGNABLE)
    @MojoParameter(name = "rpcUrl", value = "wss://user:s3cret@node.example.com/v3/s3cret")
    void rpcUrlMustBeHttpAndIsNeverShown(KmsSignMojo mojo) {
        MojoFailureException e = assertNothingSigned(mojo, "rpcUrl");
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "kms-sign", pom = SIGNABLE)
    @UserProperties({"kms.rpcUrl=http://127.0.0.1:9", "kms.gasLimitMargin=0.5"})
    void gasLimitMarginIsCheckedBeforeTheNodeIsAsked(KmsSignMojo mojo) {
        assertNothingSigned(mojo, "gasLimitMargin");
    }
}
