package io.kmsethereum.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kmsethereum.core.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A KMS endpoint on {@code 127.0.0.1} (a free port) that answers the calls the plugin makes in
 * the AWS JSON 1.1 protocol of the
 * <a href="https://docs.aws.amazon.com/kms/latest/APIReference/Welcome.html">KMS API</a>
 * ({@code X-Amz-Target: TrentService.<Operation>}): DescribeKey, GetPublicKey, Sign (through
 * {@link FakeKms}), CreateKey and CreateAlias. It holds one {@code ECC_SECG_P256K1} /
 * {@code SIGN_VERIFY} key and records every request, so a test can prove that bad input never
 * reached KMS and that good input did. Unknown keys and aliases get {@code NotFoundException};
 * credentials and SigV4 signatures are not checked.
 */
public final class LocalKms implements AutoCloseable {
    /** Key id of the one key. */
    public static final String KEY_ID = "0b5e7c1a-3f2d-4c8e-9a61-7d4f2e8b1c90";
    /** Key ARN of the one key. */
    public static final String KEY_ARN = "arn:aws:kms:us-east-1:000000000000:key/" + KEY_ID;

    private final FakeKms signer;
    private final HttpServer server;
    private final List<String> operations = new ArrayList<>();
    private final Set<String> aliases = ConcurrentHashMap.newKeySet();
    private volatile boolean keyExists;

    private LocalKms(FakeKms signer, boolean keyExists) throws IOException {
        this.signer = signer;
        this.keyExists = keyExists;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * @param privateKey the secp256k1 secret the key signs with (RFC 6979 nonces)
     * @param keyExists whether the key exists from the start ({@code false} until CreateKey)
     * @param aliases aliases ({@code alias/<name>}) that name the key
     * @return a started endpoint; close it after the test
     * @throws IOException if no port can be bound
     */
    public static LocalKms start(BigInteger privateKey, boolean keyExists, String... aliases) throws IOException {
        LocalKms kms = new LocalKms(new FakeKms(privateKey, true), keyExists);
        kms.aliases.addAll(List.of(aliases));
        return kms;
    }

    /** @return the endpoint URL, {@code http://127.0.0.1:<port>} */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** @return the key's Ethereum address (EIP-55) */
    public String address() {
        return signer.key().address();
    }

    /** @return the operations received so far, in order, e.g. {@code [DescribeKey, GetPublicKey, Sign]} */
    public synchronized List<String> operations() {
        return List.copyOf(operations);
    }

    /** @return aliases currently naming the key */
    public Set<String> aliases() {
        return Set.copyOf(aliases);
    }

    /**
     * @return a loopback port that nothing listens on (bound, then released)
     * @throws IOException if no port can be bound
     */
    public static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = String.valueOf(exchange.getRequestHeaders().getFirst("X-Amz-Target"));
            String operation = target.substring(target.indexOf('.') + 1);
            synchronized (this) {
                operations.add(operation);
            }
            JsonNode request = Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
            ObjectNode answer = Json.MAPPER.createObjectNode();
            switch (operation) {
                case "DescribeKey", "CreateKey" -> {
                    if (operation.equals("CreateKey")) {
                        keyExists = true;
                    } else if (!known(request.path("KeyId").asText())) {
                        notFound(exchange, request.path("KeyId").asText());
                        return;
                    }
                    ObjectNode metadata = answer.putObject("KeyMetadata");
                    metadata.put("KeyId", KEY_ID)
                            .put("Arn", KEY_ARN)
                            .put("KeySpec", "ECC_SECG_P256K1")
                            .put("KeyUsage", "SIGN_VERIFY")
                            .put("KeyState", "Enabled")
                            .put("Enabled", true)
                            .put("KeyManager", "CUSTOMER")
                            .putArray("SigningAlgorithms")
                            .add("ECDSA_SHA_256");
                }
                case "GetPublicKey" -> {
                    if (!known(request.path("KeyId").asText())) {
                        notFound(exchange, request.path("KeyId").asText());
                        return;
                    }
                    answer.put("KeyId", KEY_ARN)
                            .put("KeySpec", "ECC_SECG_P256K1")
                            .put("KeyUsage", "SIGN_VERIFY")
                            .put(
                                    "PublicKey",
                                    Base64.getEncoder()
                                            .encodeToString(signer.key().publicKeyDer()))
                            .putArray("SigningAlgorithms")
                            .add("ECDSA_SHA_256");
                }
                case "Sign" -> {
                    if (!known(request.path("KeyId").asText())
                            || !"DIGEST".equals(request.path("MessageType").asText())) {
                        notFound(exchange, request.path("KeyId").asText());
                        return;
                    }
                    byte[] digest =
                            Base64.getDecoder().decode(request.path("Message").asText());
                    answer.put("KeyId", KEY_ARN)
                            .put("SigningAlgorithm", "ECDSA_SHA_256")
                            .put("Signature", Base64.getEncoder().encodeToString(signer.sign(digest)));
                }
                case "CreateAlias" -> aliases.add(request.path("AliasName").asText());
                default -> {
                    send(exchange, 400, error("UnsupportedOperationException", operation + " is not implemented here"));
                    return;
                }
            }
            send(exchange, 200, answer);
        }
    }

    private boolean known(String keyId) {
        return keyExists && (KEY_ID.equals(keyId) || KEY_ARN.equals(keyId) || aliases.contains(keyId));
    }

    private static void notFound(HttpExchange exchange, String keyId) throws IOException {
        send(exchange, 400, error("NotFoundException", "Key '" + keyId + "' does not exist"));
    }

    private static ObjectNode error(String type, String message) {
        return Json.MAPPER.createObjectNode().put("__type", type).put("message", message);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
