package io.kmsethereum.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kmsethereum.core.Json;
import io.kmsethereum.core.crypto.Addresses;
import io.kmsethereum.core.signer.SignedAuthorization;
import java.io.File;
import java.math.BigInteger;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.Hash;
import org.web3j.crypto.Sign;
import org.web3j.rlp.RlpDecoder;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;
import org.web3j.utils.Numeric;

/**
 * EIP-7702 through the harness, offline: {@code kms-sign} with {@code txType=eip7702} and
 * {@code kms-sign-authorization}. Bad set-code input fails naming the parameter before any KMS
 * request (or, where the keys must be known, before any {@code Sign}).
 */
@MojoTest
class SetCodeMojoTest extends MojoTestSupport {
    private static final String DELEGATE = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
    private static final String START = "<project><build><plugins><plugin>"
            + "<artifactId>kms-ethereum-maven-plugin</artifactId><configuration>"
            + "<keyId>" + ALIAS + "</keyId>";
    private static final String END = "</configuration></plugin></plugins></build></project>";

    private static final String FIELDS = "<outputFile>target/harness-tests/set-code.json</outputFile>"
            + "<txType>eip7702</txType><allowDelegateWithoutCode>true</allowDelegateWithoutCode><data>0xdeadbeef</data>"
            + "<chainId>1</chainId><nonce>7</nonce><gasLimit>100000</gasLimit>"
            + "<maxFeePerGas>30 gwei</maxFeePerGas><maxPriorityFeePerGas>1 gwei</maxPriorityFeePerGas>";
    private static final String TO = "<to>0x3535353535353535353535353535353535353535</to>";
    private static final String TO_DELEGATE = "<delegate>" + DELEGATE + "</delegate>";

    /** A self-sponsored delegation, signed offline (the delegate's code cannot be checked). */
    static final String SET_CODE = START + FIELDS + TO + TO_DELEGATE + END;

    /** As {@link #SET_CODE} without a delegate. */
    static final String NO_DELEGATE = START + FIELDS + TO + END;

    /** As {@link #SET_CODE} without a recipient. */
    static final String NO_TO = START + FIELDS + TO_DELEGATE + END;

    private static final String ONE = START + "<delegate>" + DELEGATE + "</delegate>"
            + "<authorizationChainId>31337</authorizationChainId><allowDelegateWithoutCode>true</allowDelegateWithoutCode>";

    /** One authorization alone, offline. */
    static final String AUTHORIZATION = ONE + "<outputFile>target/harness-tests/authorization.json</outputFile>"
            + "<authorizationNonce>3</authorizationNonce>" + END;

    /** As {@link #AUTHORIZATION} without a nonce (which offline cannot come from a node). */
    static final String AUTHORIZATION_NO_NONCE =
            ONE + "<outputFile>target/harness-tests/authorization.json</outputFile>" + END;

    /** As {@link #AUTHORIZATION} without an output file. */
    static final String AUTHORIZATION_NO_FILE = ONE + "<authorizationNonce>3</authorizationNonce>" + END;

    private File setCodeFile;
    private File authorizationFile;

    @BeforeEach
    void noOutputYet() throws Exception {
        setCodeFile = new File(MojoExtension.getBasedir(), "target/harness-tests/set-code.json");
        authorizationFile = new File(MojoExtension.getBasedir(), "target/harness-tests/authorization.json");
        Files.deleteIfExists(setCodeFile.toPath());
        Files.deleteIfExists(authorizationFile.toPath());
    }

    @Test
    @InjectMojo(goal = "kms-sign", pom = SET_CODE)
    void signsASelfSponsoredSetCodeTransactionOffline(KmsSignMojo mojo) throws Exception {
        run(mojo);
        assertEquals(List.of("DescribeKey", "GetPublicKey", "Sign", "Sign"), kms.operations());
        JsonNode json = Json.MAPPER.readTree(setCodeFile);
        assertEquals("eip7702", json.path("type").asText());
        JsonNode authorization = json.path("authorizationList").get(0);
        assertEquals(kms.address(), authorization.path("authority").asText());
        assertEquals("0x8", authorization.path("nonce").asText(), "the transaction's nonce 7 + 1");
        assertEquals("0x1", authorization.path("chainId").asText());
        assertEquals(DELEGATE, authorization.path("address").asText());
        SignedAuthorization.fromJson(authorization, "p", "output").check("p", "output");
        assertTrue(
                infos.stream().anyMatch(l -> l.startsWith("account " + kms.address() + " delegates to " + DELEGATE)));

        // the sender, recovered from the envelope as a decoder sees it: keccak(0x04 || rlp(first 10 fields))
        String raw = project.getProperties().getProperty("kms.signedTransaction");
        byte[] bytes = Numeric.hexStringToByteArray(raw);
        assertEquals(0x04, bytes[0]);
        List<RlpType> fields = ((RlpList) RlpDecoder.decode(Arrays.copyOfRange(bytes, 1, bytes.length))
                        .getValues()
                        .get(0))
                .getValues();
        assertEquals(13, fields.size());
        byte[] unsigned = RlpEncoder.encode(new RlpList(new ArrayList<>(fields.subList(0, 10))));
        byte[] payload = new byte[unsigned.length + 1];
        payload[0] = 0x04;
        System.arraycopy(unsigned, 0, payload, 1, unsigned.length);
        BigInteger key = Sign.recoverFromSignature(
                ((RlpString) fields.get(10)).asPositiveBigInteger().intValueExact(),
                new ECDSASignature(
                        ((RlpString) fields.get(11)).asPositiveBigInteger(),
                        ((RlpString) fields.get(12)).asPositiveBigInteger()),
                Hash.sha3(payload));
        assertEquals(kms.address(), Addresses.fromPublicKey(Numeric.toBytesPadded(key, 64)));
    }

    private MojoFailureException assertNoSetCode(KmsSignMojo mojo, String parameter) {
        MojoFailureException e = assertRejectedBeforeKms(mojo, parameter);
        assertFalse(setCodeFile.exists());
        return e;
    }

    @Test
    @InjectMojo(goal = "kms-sign", pom = NO_DELEGATE)
    void aSetCodeTransactionNeedsADelegate(KmsSignMojo mojo) {
        assertNoSetCode(mojo, "delegate");
    }

    @Test
    @InjectMojo(goal = "kms-sign", pom = NO_TO)
    void aSetCodeTransactionCannotCreateAContract(KmsSignMojo mojo) {
        MojoFailureException e = assertNoSetCode(mojo, "to");
        assertTrue(e.getMessage().contains("cannot create a contract"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "kms-sign", pom = SET_CODE)
    @MojoParameter(name = "txType", value = "eip1559")
    void aDelegateForAnotherTypeIsRefused(KmsSignMojo mojo) {
        MojoFailureException e = assertNoSetCode(mojo, "delegate");
        assertTrue(e.getMessage().contains("applies to txType=eip7702"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "kms-sign", pom = SET_CODE)
    @MojoParameter(name = "authorizationChainId", value = "0")
    void chainIdZeroMustBeWrittenAsAny(KmsSignMojo mojo) {
        assertNoSetCode(mojo, "authorizationChainId");
    }

    @Test
    @InjectMojo(goal = "kms-sign", pom = SET_CODE)
    @MojoParameter(name = "allowDelegateWithoutCode", value = "false")
    void offlineTheDelegateCannotBeCheckedSoItMustBeAllowed(KmsSignMojo mojo) {
        MojoFailureException e = assertNoSetCode(mojo, "delegate");
        assertTrue(e.getMessage().contains("allowDelegateWithoutCode=true"), e.getMessage());
    }

    @Test
    @InjectMojo(goal = "kms-sign", pom = SET_CODE)
    @MojoParameter(name = "authorizeSender", value = "false")
    void anEmptyAuthorizationListIsRefused(KmsSignMojo mojo) {
        assertNoSetCode(mojo, "authorizeSender");
    }

    @Test
    @InjectMojo(goal = "kms-sign", pom = SET_CODE)
    @UserProperties("kms.additionalKeyIds=alias/second")
    void additionalKeysNeedANodeForTheirNonces(KmsSignMojo mojo) {
        assertNoSetCode(mojo, "rpcUrl");
    }

    @Test
    @InjectMojo(goal = "kms-sign", pom = SET_CODE)
    @MojoParameter(name = "authorizationFiles", value = "target/harness-tests/missing-authorization.json")
    void anUnreadableAuthorizationFileIsRefused(KmsSignMojo mojo) {
        assertNoSetCode(mojo, "authorizationFiles");
    }

    @Test
    @InjectMojo(goal = "kms-sign-authorization", pom = AUTHORIZATION)
    void signsOneAuthorizationForAnotherSender(KmsSignAuthorizationMojo mojo) throws Exception {
        run(mojo);
        assertEquals(List.of("DescribeKey", "GetPublicKey", "Sign"), kms.operations());
        JsonNode json = Json.MAPPER.readTree(authorizationFile);
        assertEquals(
                List.of("authority", "chainId", "address", "nonce", "yParity", "r", "s"), iterable(json.fieldNames()));
        assertEquals(kms.address(), json.path("authority").asText());
        assertEquals("0x7a69", json.path("chainId").asText());
        assertEquals("0x3", json.path("nonce").asText());
        SignedAuthorization.fromJson(json, "p", "output").check("p", "output");
        assertTrue(
                infos.stream().anyMatch(l -> l.startsWith("account " + kms.address() + " delegates to ")),
                infos.toString());
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> out = new ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }

    @Test
    @InjectMojo(goal = "kms-sign-authorization", pom = AUTHORIZATION_NO_NONCE)
    void withoutANodeTheNonceMustBeGiven(KmsSignAuthorizationMojo mojo) {
        assertRejectedBeforeKms(mojo, "rpcUrl");
        assertFalse(authorizationFile.exists());
    }

    @Test
    @InjectMojo(goal = "kms-sign-authorization", pom = AUTHORIZATION)
    @MojoParameter(name = "delegate", value = "0x12")
    void aBadDelegateIsRefused(KmsSignAuthorizationMojo mojo) {
        assertRejectedBeforeKms(mojo, "delegate");
    }

    @Test
    @InjectMojo(goal = "kms-sign-authorization", pom = AUTHORIZATION)
    @MojoParameter(name = "authorizationChainId", value = "any")
    void anyChainIsChainIdZero(KmsSignAuthorizationMojo mojo) throws Exception {
        run(mojo);
        assertEquals(
                "0x0", Json.MAPPER.readTree(authorizationFile).path("chainId").asText());
    }

    @Test
    @InjectMojo(goal = "kms-sign-authorization", pom = AUTHORIZATION_NO_FILE)
    void theOutputFileIsRequired(KmsSignAuthorizationMojo mojo) {
        MojoFailureException e = assertThrows(MojoFailureException.class, () -> run(mojo));
        assertTrue(e.getMessage().contains("'outputFile'"), e.getMessage());
        assertEquals(List.of(), kms.operations());
    }
}
