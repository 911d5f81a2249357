package io.kmsethereum.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kmsethereum.core.Json;
import java.io.File;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoParameter;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

/**
 * kms-sign-message through the plugin testing harness: a signature that recovers to the key's
 * address with v 27/28, and missing input that fails before any KMS request (the other inputs
 * are checked in {@code MessageInputTest}).
 */
@MojoTest
class KmsSignMessageMojoTest extends MojoTestSupport {
    private static final String POM = "<project><build><plugins><plugin>"
            + "<artifactId>kms-ethereum-maven-plugin</artifactId><configuration>"
            + "<keyId>" + ALIAS + "</keyId><outputFile>target/harness-tests/kms-sign-message.json</outputFile>"
            + "</configuration></plugin></plugins></build></project>";

    private File outputFile;

    @BeforeEach
    void noOutputYet() throws Exception {
        outputFile = new File(MojoExtension.getBasedir(), "target/harness-tests/kms-sign-message.json");
        Files.deleteIfExists(outputFile.toPath());
    }

    @Test
    @InjectMojo(goal = "kms-sign-message", pom = POM)
    @MojoParameter(name = "message", value = "release 1.0 approved")
    void signsTextAsEip191(KmsSignMessageMojo mojo) throws Exception {
        run(mojo);
        assertEquals(List.of("DescribeKey", "GetPublicKey", "Sign"), kms.operations());
        String signature = project.getProperties().getProperty("kms.signature");
        byte[] sig = Numeric.hexStringToByteArray(signature);
        assertEquals(65, sig.length);
        assertTrue(sig[64] == 27 || sig[64] == 28, "v " + sig[64]);
        BigInteger key = Sign.signedPrefixedMessageToKey(
                "release 1.0 approved".getBytes(StandardCharsets.UTF_8),
                new Sign.SignatureData(sig[64], Arrays.copyOfRange(sig, 0, 32), Arrays.copyOfRange(sig, 32, 64)));
        assertEquals(kms.address().toLowerCase(), ("0x" + Keys.getAddress(key)).toLowerCase());
        JsonNode json = Json.MAPPER.readTree(outputFile);
        assertEquals("eip191", json.path("type").asText());
        assertEquals(signature, json.path("signature").asText());
        assertTrue(infos.contains("Signature: " + signature), infos.toString());
    }

    @Test
    @InjectMojo(goal = "kms-sign-message", pom = POM)
    void nothingToSign(KmsSignMessageMojo mojo) {
        MojoFailureException e = assertRejectedBeforeKms(mojo, "message");
        assertTrue(e.getMessage().contains("nothing to sign"), e.getMessage());
        assertNull(project.getProperties().getProperty("kms.signature"));
        assertFalse(outputFile.exists());
    }

    @Test
    @InjectMojo(goal = "kms-sign-message", pom = POM)
    @MojoParameter(name = "message", value = "hello")
    @UserProperties("kms.signMessage.skip=true")
    void skipProperty(KmsSignMessageMojo mojo) throws Exception {
        assertSkipped(mojo, "kms.signMessage.skip");
    }
}
