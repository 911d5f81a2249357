package io.kmsethereum.core.signer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.testing.FakeKms;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.crypto.Keys;
import org.web3j.crypto.Sign;
import org.web3j.utils.Numeric;

class MessageInputTest {
    @TempDir
    Path dir;

    @Test
    void textIsSignedAsUtf8() {
        MessageInput.Digest d = new MessageInput("grüße", null, null).digest();
        assertEquals("eip191", d.kind());
        assertArrayEquals(Sign.getEthereumMessageHash("grüße".getBytes(StandardCharsets.UTF_8)), d.digest());
        assertEquals("grüße", d.message());
    }

    @Test
    void hexIsSignedAsBytes() {
        // cast hash-message 0xdeadbeef (hex input is taken as bytes)
        MessageInput.Digest d = new MessageInput("0xDEADbeef", null, null).digest();
        assertArrayEquals(
                Sign.getEthereumMessageHash(new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef}),
                d.digest());
        assertEquals("0xdeadbeef", d.message());
    }

    @Test
    void fileBytesAreSignedAsTheyAre() throws Exception {
        byte[] bytes = {0, 1, 2, (byte) 0xff, '\n'};
        Path file = Files.write(dir.resolve("m.bin"), bytes);
        MessageInput.Digest d = new MessageInput(null, file, null).digest();
        assertArrayEquals(Sign.getEthereumMessageHash(bytes), d.digest());
        assertEquals("0x000102ff0a", d.message());
    }

    @Test
    void typedDataFile() throws Exception {
        Path file = Files.writeString(dir.resolve("mail.json"), TypedDataTest.read("mail.json"));
        MessageInput.Digest d = new MessageInput(null, null, file).digest();
        assertEquals("eip712", d.kind());
        assertEquals("Mail", d.message());
        assertEquals(
                "0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2", Numeric.toHexString(d.digest()));
    }

    @Test
    void exactlyOneInput() {
        InvalidInputException none =
                assertThrows(InvalidInputException.class, () -> new MessageInput(null, null, null).digest());
        assertEquals("message", none.getParameter());
        assertTrue(none.getMessage().contains("nothing to sign"));
        InvalidInputException two = assertThrows(
                InvalidInputException.class, () -> new MessageInput("hi", null, dir.resolve("x.json")).digest());
        assertEquals("message, typedDataFile", two.getParameter());
    }

    @Test
    void unreadableFileAndBadHexFailBeforeSigning() {
        InvalidInputException missing = assertThrows(
                InvalidInputException.class, () -> new MessageInput(null, dir.resolve("missing.txt"), null).digest());
        assertEquals("messageFile", missing.getParameter());
        assertTrue(missing.getMessage().contains("cannot read"));
        InvalidInputException typedData = assertThrows(
                InvalidInputException.class, () -> new MessageInput(null, null, dir.resolve("missing.json")).digest());
        assertEquals("typedDataFile", typedData.getParameter());
        assertTrue(typedData.getMessage().contains("cannot read"));
        InvalidInputException hex =
                assertThrows(InvalidInputException.class, () -> new MessageInput("0xabc", null, null).digest());
        assertEquals("message", hex.getParameter());
    }

    @Test
    void signedMessageRecoversToTheKeyWithV27Or28() {
        FakeKms kms = new FakeKms(
                new BigInteger("3636363636363636363636363636363636363636363636363636363636363636", 16), false);
        KmsSigner signer = new KmsSigner(kms, kms.key());
        for (int i = 0; i < 8; i++) {
            MessageInput.Digest d = new MessageInput("message " + i, null, null).digest();
            SignedMessage m = SignedMessage.sign(signer, d);
            byte[] sig = Numeric.hexStringToByteArray(m.signature());
            assertEquals(65, sig.length);
            assertTrue(m.v() == 27 || m.v() == 28);
            assertEquals(m.v(), sig[64]);
            Sign.SignatureData data = new Sign.SignatureData(
                    sig[64], java.util.Arrays.copyOfRange(sig, 0, 32), java.util.Arrays.copyOfRange(sig, 32, 64));
            BigInteger recovered = recover("message " + i, data);
            assertEquals(signer.getAddress(), Keys.toChecksumAddress(Keys.getAddress(recovered)));
            assertEquals(1, kms.calls() - i);
        }
    }

    private static BigInteger recover(String text, Sign.SignatureData data) {
        try {
            return Sign.signedPrefixedMessageToKey(text.getBytes(StandardCharsets.UTF_8), data);
        } catch (java.security.SignatureException e) {
            throw new AssertionError(e);
        }
    }
}
