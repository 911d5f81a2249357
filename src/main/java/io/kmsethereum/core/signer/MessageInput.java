package io.kmsethereum.core.signer;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.input.HexData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.web3j.crypto.Sign;

/**
 * What {@code kms-sign-message} signs, as configured: exactly one of {@code message},
 * {@code messageFile} and {@code typedDataFile}. {@link #digest()} reads and checks it and
 * computes the 32-byte digest, before any key is used:
 * <ul>
 *   <li>{@code message}: EIP-191 version {@code 0x45} ({@code personal_sign}) of the text as
 *       UTF-8, or of the bytes when it starts with {@code 0x};</li>
 *   <li>{@code messageFile}: EIP-191 of the file's bytes as they are;</li>
 *   <li>{@code typedDataFile}: EIP-712 ({@code eth_signTypedData_v4}) of the JSON document with
 *       {@code types}, {@code primaryType}, {@code domain} and {@code message}: Keccak-256 of
 *       {@code 0x19 0x01 ‖ domainSeparator ‖ hashStruct(message)} ({@link TypedData}).</li>
 * </ul>
 *
 * @param message text, or {@code 0x} hex bytes, or {@code null}
 * @param messageFile a file whose bytes are the message, or {@code null}
 * @param typedDataFile an EIP-712 JSON document, or {@code null}
 */
public record MessageInput(String message, Path messageFile, Path typedDataFile) {

    /**
     * The digest to sign and how it was made.
     *
     * @param kind {@code eip191} or {@code eip712}
     * @param digest the 32-byte digest
     * @param description what was signed, for the log (e.g. {@code 12 bytes of text})
     * @param message the message as text ({@code eip191} text), as {@code 0x} hex (bytes), or
     *     the typed data's primary type ({@code eip712})
     */
    public record Digest(String kind, byte[] digest, String description, String message) {}

    /**
     * @return the digest
     * @throws InvalidInputException if none or more than one input is set, a file cannot be read,
     *     {@code message} is malformed hex, or the typed data is not valid EIP-712
     */
    public Digest digest() {
        List<String> set = new ArrayList<>();
        if (message != null && !message.isEmpty()) {
            set.add("message");
        }
        if (messageFile != null) {
            set.add("messageFile");
        }
        if (typedDataFile != null) {
            set.add("typedDataFile");
        }
        if (set.size() != 1) {
            throw new InvalidInputException(
                    set.isEmpty() ? "message" : String.join(", ", set),
                    set.isEmpty()
                            ? "nothing to sign: set message (text, or 0x bytes), messageFile (bytes) or typedDataFile (EIP-712 JSON)"
                            : "are set together; set exactly one of message, messageFile and typedDataFile");
        }
        if (typedDataFile != null) {
            return typedData(read(typedDataFile, "typedDataFile"));
        }
        if (messageFile != null) {
            byte[] bytes = read(messageFile, "messageFile");
            return personal(bytes, bytes.length + " bytes from " + messageFile.getFileName(), null);
        }
        if (message.startsWith("0x") || message.startsWith("0X")) {
            byte[] bytes = HexData.parse(message, "message");
            return personal(bytes, bytes.length + " bytes", message.toLowerCase(java.util.Locale.ROOT));
        }
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        return personal(text, "text of " + text.length + " bytes (UTF-8)", message);
    }

    private static Digest personal(byte[] bytes, String description, String shown) {
        String shownMessage = shown != null ? shown : org.web3j.utils.Numeric.toHexString(bytes);
        return new Digest(
                "eip191",
                Sign.getEthereumMessageHash(bytes),
                "EIP-191 personal_sign message, " + description,
                shownMessage);
    }

    private static Digest typedData(byte[] json) {
        TypedData data = TypedData.parse(new String(json, StandardCharsets.UTF_8), "typedDataFile");
        return new Digest(
                "eip712", data.digest(), "EIP-712 typed data, primary type " + data.primaryType(), data.primaryType());
    }

    private static byte[] read(Path file, String parameter) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException(
                    parameter,
                    "cannot read " + file + " (" + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); check the path");
        }
    }
}
