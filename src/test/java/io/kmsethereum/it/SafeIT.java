package io.kmsethereum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kmsethereum.core.kms.KmsKeys;
import io.kmsethereum.core.rpc.JsonRpcNodeClient;
import io.kmsethereum.core.rpc.NodeClient;
import io.kmsethereum.core.rpc.RpcUrls;
import io.kmsethereum.core.safe.SafeRequest;
import io.kmsethereum.core.safe.SafeSignature;
import io.kmsethereum.core.safe.SafeSignatures;
import io.kmsethereum.core.safe.SafeState;
import io.kmsethereum.core.safe.SafeTransaction;
import io.kmsethereum.core.safe.SafeTransactions;
import io.kmsethereum.core.signer.KmsSigner;
import io.kmsethereum.core.store.LocalStateStore;
import io.kmsethereum.core.store.S3StateStore;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.utils.Numeric;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Safe transactions of the plugin's core against the real thing: the Safe 1.4.1 contracts from
 * the npm package's artifacts on Anvil, a two-of-three Safe of three LocalStack KMS keys
 * ({@link ItSupport#prepareSafe}), and {@code @safe-global/protocol-kit} as the independent
 * check: for one call and for a MultiSendCallOnly batch, protocol-kit builds the same Safe
 * transaction and computes the same {@code safeTxHash} (which is also the Safe's own
 * {@code getTransactionHash}), and accepts the signatures the plugin writes (ethers recovers
 * the owners; {@code isValidTransaction} simulates {@code execTransaction} on the Safe). Fails
 * (does not skip) when the servers are not running.
 */
class SafeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ItSupport it;
    private static String rpcUrl;
    private static Map<String, String> safe;

    @TempDir
    Path signaturesDirectory;

    @BeforeAll
    static void prepare() {
        it = new ItSupport(System.getProperty("kms.it.stateDir", "target/services"));
        rpcUrl = it.rpcUrl();
        safe = it.prepareSafe(rpcUrl, "safe-it");
    }

    @Test
    void theFixtureIsATwoOfThreeSafe141OfTheThreeKmsKeys() {
        String s = safe.get("safe");
        assertEquals("\"1.4.1\"", it.cast("call", "--rpc-url", rpcUrl, s, "VERSION()(string)"));
        assertEquals("2", it.cast("call", "--rpc-url", rpcUrl, s, "getThreshold()(uint256)"));
        String owners = it.cast("call", "--rpc-url", rpcUrl, s, "getOwners()(address[])");
        assertEquals(
                ("[" + safe.get("owner1") + ", " + safe.get("owner2") + ", " + safe.get("owner3") + "]").toLowerCase(),
                owners.toLowerCase());
        assertEquals(0, it.safeNonce(rpcUrl, s).intValue());
        assertEquals(
                s.toLowerCase(),
                it.cast("call", "--rpc-url", rpcUrl, safe.get("target"), "owner()(address)")
                        .toLowerCase());
    }

    @Test
    void oneCallHashesAsTheSafeAndProtocolKitDoAndItsSignaturesAreAccepted() throws IOException {
        SafeRequest request = input(safe.get("target"), "setValue(uint256)", List.of("42"), List.of())
                .parse();
        check(request, List.of(call(safe.get("target"), "0x55241077" + word(42))));
    }

    @Test
    void aBatchOfThreeCallsHashesAsProtocolKitsMultiSendCallOnlyBatch() throws IOException {
        String counter = safe.get("counter");
        List<SafeRequest.CallInput> calls = List.of(
                new SafeRequest.CallInput(counter, null, null, "increment()", null),
                new SafeRequest.CallInput(safe.get("target"), null, null, "setValue(uint256)", List.of("7")),
                new SafeRequest.CallInput(counter, null, "0xd09de08a", null, null));
        SafeRequest request = input(null, null, null, calls).parse();
        check(
                request,
                List.of(
                        call(counter, "0xd09de08a"),
                        call(safe.get("target"), "0x55241077" + word(7)),
                        call(counter, "0xd09de08a")));
    }

    @Test
    void ownersInTwoPipelinesMeetInTheS3StateStore() {
        java.net.URI endpoint = URI.create(it.service("kms.it.endpoint"));
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        String bucket = "it-safe-" + UUID.randomUUID();
        try (var admin = S3Client.builder()
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .build()) {
            admin.createBucket(b -> b.bucket(bucket));
        }
        Supplier<S3StateStore> pipeline = () -> S3StateStore.connect(
                S3StateStore.Location.parse("s3://" + bucket + "/release", "stateStore"),
                "us-east-1",
                endpoint,
                credentials,
                Duration.ofSeconds(10),
                3);
        try (NodeClient node = new JsonRpcNodeClient(RpcUrls.parse(rpcUrl, "rpcUrl"), Duration.ofSeconds(30));
                var first = pipeline.get();
                var second = pipeline.get();
                var third = pipeline.get()) {
            SafeState state = SafeState.read(node, safe.get("safe"), null);
            SafeTransaction tx = input(safe.get("counter"), "increment()", List.of(), List.of())
                    .parse()
                    .transaction(null, state.nonce());
            String hash = tx.hashHex(node.chainId(), state.address());
            byte[] digest = Numeric.hexStringToByteArray(hash);
            new SafeSignatures(first, "stateStore", w -> {})
                    .write(SafeSignature.of(
                            safe.get("owner1"),
                            node.chainId(),
                            state.address(),
                            tx,
                            signer("alias/safe-it-owner-1").signDigest(digest)));
            new SafeSignatures(second, "stateStore", w -> {})
                    .write(SafeSignature.of(
                            safe.get("owner2"),
                            node.chainId(),
                            state.address(),
                            tx,
                            signer("alias/safe-it-owner-2").signDigest(digest)));
            Map<String, SafeSignature> collected =
                    new SafeSignatures(third, "stateStore", w -> {}).collect(state, node.chainId(), hash, List.of());
            assertEquals(2, collected.size());
            assertTrue(third.read(SafeSignatures.key(node.chainId(), state.address(), hash, safe.get("owner2")))
                    .isPresent());
            // the same owner and hash again: the record is created once, the first stays
            assertTrue(third.create(
                            SafeSignatures.key(node.chainId(), state.address(), hash, safe.get("owner1")),
                            new byte[] {'{', '}'})
                    .isEmpty());
        }
    }

    /** Our hash, the Safe's, protocol-kit's; the plugin's signature files, accepted by protocol-kit. */
    private void check(SafeRequest request, List<Map<String, Object>> kitTransactions) throws IOException {
        try (NodeClient node = new JsonRpcNodeClient(RpcUrls.parse(rpcUrl, "rpcUrl"), Duration.ofSeconds(30))) {
            SafeState state = SafeState.read(node, request.safe(), safe.get("singleton"));
            SafeTransaction tx = request.transaction(safe.get("multiSendCallOnly"), state.nonce());
            String ours = tx.hashHex(node.chainId(), state.address());
            assertEquals(ours, SafeState.transactionHashOnChain(node, state.address(), tx), "the Safe's own hash");

            // two owners sign with their KMS keys; the files are written and read as the goal does
            SafeSignatures location = new SafeSignatures(
                    new LocalStateStore(signaturesDirectory, signaturesDirectory), "signaturesDirectory", w -> {});
            List<Map<String, Object>> signatures = new ArrayList<>();
            for (String owner : List.of("owner3", "owner1")) {
                KmsSigner signer = signer("alias/safe-it-" + owner.replace("owner", "owner-"));
                SafeSignature signature = SafeSignature.of(
                        safe.get(owner),
                        node.chainId(),
                        state.address(),
                        tx,
                        signer.signDigest(Numeric.hexStringToByteArray(ours)));
                location.write(signature);
                Path file = signaturesDirectory.resolve(
                        SafeSignatures.key(node.chainId(), state.address(), ours, safe.get(owner)));
                JsonNode written = JSON.readTree(Files.readAllBytes(file));
                assertEquals(ours, written.get("safeTxHash").asText());
                signatures.add(Map.of(
                        "signer", written.get("signer").asText(),
                        "data", written.get("signature").asText()));
            }
            Map<String, SafeSignature> collected = location.collect(state, node.chainId(), ours, List.of());
            assertEquals(2, collected.size());

            Map<String, Object> kitRequest = new LinkedHashMap<>();
            kitRequest.put("mode", "check");
            kitRequest.put("rpcUrl", rpcUrl);
            kitRequest.put("safe", state.address());
            kitRequest.put("contractNetworks", Map.of(Long.toString(node.chainId()), contractNetworks()));
            kitRequest.put("transactions", kitTransactions);
            kitRequest.put("nonce", state.nonce().toString());
            kitRequest.put("signatures", signatures);
            JsonNode kit = it.protocolKit().run(kitRequest);
            assertEquals(ours, kit.get("safeTxHash").asText(), "protocol-kit's safeTxHash");
            assertEquals(tx.to().toLowerCase(), kit.get("to").asText().toLowerCase());
            assertEquals(tx.data(), kit.get("data").asText());
            assertEquals(tx.operation(), kit.get("operation").asInt());
            assertTrue(kit.get("valid").asBoolean(), "protocol-kit's isValidTransaction: " + kit);
            for (Map<String, Object> s : signatures) {
                assertEquals(
                        s.get("signer").toString().toLowerCase(),
                        kit.get("recovered")
                                .get(s.get("signer").toString())
                                .asText()
                                .toLowerCase(),
                        "ethers recovers the owner from the plugin's signature");
            }
            // the signatures argument of execTransaction: protocol-kit's sorted encoding
            assertEquals(
                    kit.get("encodedSignatures").asText(),
                    Numeric.toHexString(SafeSignatures.forExecution(collected, state.threshold())));
            String execData = Numeric.toHexString(SafeTransactions.execTransactionData(
                    tx, SafeSignatures.forExecution(collected, state.threshold())));
            assertTrue(execData.startsWith("0x6a761202"), "execTransaction's selector");
        }
    }

    private static KmsSigner signer(String alias) {
        return new KmsSigner(it.kms(), KmsKeys.resolve(it.kms(), alias, "at LocalStack"), "at LocalStack");
    }

    private static Map<String, Object> contractNetworks() {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("safeSingletonAddress", safe.get("singleton"));
        n.put("safeProxyFactoryAddress", safe.get("proxyFactory"));
        n.put("multiSendAddress", safe.get("multiSendCallOnly"));
        n.put("multiSendCallOnlyAddress", safe.get("multiSendCallOnly"));
        n.put("fallbackHandlerAddress", safe.get("fallbackHandler"));
        n.put("signMessageLibAddress", safe.get("multiSendCallOnly"));
        n.put("createCallAddress", safe.get("multiSendCallOnly"));
        n.put("simulateTxAccessorAddress", safe.get("multiSendCallOnly"));
        return n;
    }

    private static SafeRequest.Input input(
            String to, String function, List<String> arguments, List<SafeRequest.CallInput> calls) {
        return new SafeRequest.Input(
                safe.get("safe"),
                to,
                null,
                null,
                function,
                arguments,
                null,
                false,
                calls,
                null,
                null,
                null,
                null,
                null,
                null,
                safe.get("multiSendCallOnly"),
                safe.get("singleton"));
    }

    private static Map<String, Object> call(String to, String data) {
        return Map.of("to", to, "value", "0", "data", data, "operation", 0);
    }

    private static String word(long value) {
        return Numeric.toHexStringNoPrefixZeroPadded(BigInteger.valueOf(value), 64);
    }
}
