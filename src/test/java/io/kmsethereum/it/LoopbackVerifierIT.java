package io.kmsethereum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The loopback verifier of scripts/services.sh (scripts/services/verifier) against contracts
 * deployed on its Anvil: a Foundry project built offline by forge 1.7.1 through the npm solc
 * wrapper, a linked library and constructor arguments, a CREATE2 deployment through the
 * deterministic deployment proxy, and a Hardhat-layout project whose build-info
 * {@link HardhatBuildInfo} writes. Each test uses its own scenario prefix, so their verified
 * states do not meet.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LoopbackVerifierIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREATE2_PROXY = "0x4e59b44847b379578588920cA78FbF26c0B4956C";
    private static final String OWNER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    private static final String IDENTIFIER = "src/Vault.sol:Vault";
    private static final String OTHER_COMPILER = "0.8.26+commit.8a97fa7a";
    private static final String MISMATCH =
            "Fail - Unable to verify. Compiled contract deployment bytecode does NOT match the transaction deployment bytecode.";
    private static final long POLL_LIMIT_MILLIS = 45_000;

    private ItSupport it;
    private LoopbackVerifier verifier;
    private String rpcUrl;
    private String chainId;
    /** The standard JSON input of the Foundry build, with the keys solc rejects removed. */
    private ObjectNode input;

    private String compilerVersion;
    private String vaultBytecode;
    private String library;
    private String vault;
    private String vaultTx;
    private String args;
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    void deploy() throws IOException {
        it = new ItSupport(System.getProperty("kms.it.stateDir", "target/services"));
        verifier = it.verifier();
        rpcUrl = it.rpcUrl();
        chainId = it.service("kms.it.chainId");
        assertEquals("ok", verifier.health().path("status").asText());

        Path project = copyResource("verification/foundry");
        List<Path> buildInfos = it.forge().build(project);
        assertEquals(1, buildInfos.size(), "build-info files: " + buildInfos);
        JsonNode buildInfo = JSON.readTree(buildInfos.get(0).toFile());
        assertTrue(buildInfo.has("solcLongVersion"), "forge build-info without solcLongVersion");
        input = (ObjectNode) buildInfo.get("input").deepCopy();
        // forge keeps its own keys in the build-info input; solc (and a recompiling verifier)
        // refuses them ("Unknown key")
        input.retain("language", "sources", "settings");
        JsonNode contract = buildInfo.path("output").path("contracts").path("src/Vault.sol");
        compilerVersion = JSON.readTree(contract.path("Vault").path("metadata").asText())
                .path("compiler")
                .path("version")
                .asText();
        assertEquals("0.8.28+commit.7893614a", compilerVersion);
        vaultBytecode = contract.path("Vault")
                .path("evm")
                .path("bytecode")
                .path("object")
                .asText();
        String libraryBytecode = contract.path("VaultMath")
                .path("evm")
                .path("bytecode")
                .path("object")
                .asText();

        library = (String) create("0x" + stripHex(libraryBytecode)).get("contractAddress");
        args = stripHex(it.cast("abi-encode", "constructor(address,uint256)", OWNER, "1000"));
        Map<String, Object> receipt = create(linked(vaultBytecode, library) + args);
        vault = (String) receipt.get("contractAddress");
        vaultTx = (String) receipt.get("transactionHash");
    }

    @Test
    void correctInputVerifiesOnEveryServiceAndThenIsAlreadyVerified() {
        String sc = "ok-" + run;
        JsonNode job = sourcify(sc, vault, input, compilerVersion, IDENTIFIER, vaultTx);
        assertFalse(job.has("error"), job.toString());
        assertEquals("exact_match", job.path("contract").path("runtimeMatch").asText(), job.toString());
        assertEquals("exact_match", job.path("contract").path("creationMatch").asText(), job.toString());
        JsonNode contract =
                LoopbackVerifier.getJson(verifier.sourcifyUrl(sc) + "/v2/contract/" + chainId + "/" + vault);
        assertEquals("exact_match", contract.path("match").asText(), contract.toString());
        HttpResponse<String> again = LoopbackVerifier.postJson(
                verifier.sourcifyUrl(sc) + "/v2/verify/" + chainId + "/" + vault,
                sourcifyBody(input, compilerVersion, IDENTIFIER, vaultTx));
        assertEquals(409, again.statusCode(), again.body());
        assertEquals(
                "already_verified",
                LoopbackVerifier.parse(again).path("customCode").asText());

        assertEquals("Pass - Verified", etherscan(sc, vault, "v" + compilerVersion, args, library, "key-1"));
        assertEquals("Already Verified", etherscan(sc, vault, "v" + compilerVersion, args, library, "key-1"));
        assertEquals("Pass - Verified", blockscout(sc, vault, "v" + compilerVersion, args, library));
        String refusing = "alreadysubmit+ok-" + run;
        assertEquals("Pass - Verified", etherscan(refusing, vault, "v" + compilerVersion, args, library, "key-1"));
        assertEquals(
                "Contract source code already verified",
                submitEtherscan(refusing, vault, "v" + compilerVersion, args, library, "key-1")
                        .path("result")
                        .asText());
        // another scenario has its own state: not verified there
        JsonNode elsewhere = LoopbackVerifier.getJson(
                verifier.sourcifyUrl("other-" + run) + "/v2/contract/" + chainId + "/" + vault);
        assertTrue(elsewhere.path("match").isNull(), elsewhere.toString());
    }

    @Test
    void wrongCompilerVersionFailsWithABytecodeMismatch() {
        String sc = "version-" + run;
        assertEquals(MISMATCH, etherscan(sc, vault, "v" + OTHER_COMPILER, args, library, "key-2"));
        JsonNode job = sourcify(sc, vault, input, OTHER_COMPILER, IDENTIFIER, vaultTx);
        String code = job.path("error").path("customCode").asText();
        assertTrue(code.equals("no_match") || code.equals("bytecode_length_mismatch"), job.toString());
        assertTrue(job.path("contract").path("match").isNull(), job.toString());
    }

    @Test
    void unknownCompilerVersionIsRefusedInEachServicesStyle() {
        String sc = "unknown-" + run;
        JsonNode refused = submitEtherscan(sc, vault, "v0.8.99+commit.00000000", args, library, "key-3");
        assertEquals("0", refused.path("status").asText());
        assertEquals(
                "Invalid compiler version: v0.8.99+commit.00000000",
                refused.path("result").asText());
        JsonNode job = sourcify(sc, vault, input, "0.8.99+commit.00000000", IDENTIFIER, vaultTx);
        assertEquals("compiler_error", job.path("error").path("customCode").asText(), job.toString());
    }

    @Test
    void wrongConstructorArgumentsFail() {
        String sc = "args-" + run;
        String wrong = stripHex(it.cast("abi-encode", "constructor(address,uint256)", OWNER, "1001"));
        assertEquals(
                "Fail - Unable to verify. The constructor arguments do not match the ones of the contract creation transaction.",
                etherscan(sc, vault, "v" + compilerVersion, wrong, library, "key-4"));
    }

    @Test
    void wrongLibraryAddressFails() {
        String sc = "library-" + run;
        String wrongLibrary = "0x000000000000000000000000000000000000dEaD";
        assertEquals(
                "Fail - Unable to verify. Library address mismatch for VaultMath.",
                etherscan(sc, vault, "v" + compilerVersion, args, wrongLibrary, "key-5"));
        // linked in the input itself (settings.libraries): the recompiled bytecode differs
        ObjectNode linkedInput = input.deepCopy();
        ((ObjectNode) linkedInput.path("settings"))
                .putObject("libraries")
                .putObject("src/Vault.sol")
                .put("VaultMath", wrongLibrary);
        JsonNode job = sourcify(sc, vault, linkedInput, compilerVersion, IDENTIFIER, vaultTx);
        assertEquals("no_match", job.path("error").path("customCode").asText(), job.toString());
    }

    @Test
    void notIndexedTwiceThenVerifies() {
        String sc = "notindexed-2+ni-" + run;
        for (int i = 0; i < 2; i++) {
            JsonNode answer = submitEtherscan(sc, vault, "v" + compilerVersion, args, library, "key-6");
            assertEquals(
                    "Unable to locate ContractCode at " + vault.toLowerCase(),
                    answer.path("result").asText());
        }
        assertEquals("Pass - Verified", etherscan(sc, vault, "v" + compilerVersion, args, library, "key-6"));
        for (int i = 0; i < 2; i++) {
            JsonNode job = sourcify(sc, vault, input, compilerVersion, IDENTIFIER, vaultTx);
            assertEquals(
                    "contract_not_deployed",
                    job.path("error").path("customCode").asText(),
                    job.toString());
        }
        JsonNode job = sourcify(sc, vault, input, compilerVersion, IDENTIFIER, vaultTx);
        assertEquals("exact_match", job.path("contract").path("match").asText(), job.toString());
        long notIndexed = verifier.requests(sc).stream()
                .filter(r -> r.path("outcome").asText().equals("not_indexed"))
                .count();
        assertEquals(4, notIndexed, verifier.requestsText(sc));
    }

    @Test
    void failAndRateLimitScenarios() {
        String sc = "fail-sourcify+ratelimit-1+rl-" + run;
        HttpResponse<String> limited = LoopbackVerifier.postForm(
                verifier.etherscanUrl(sc) + "?chainid=" + chainId,
                LoopbackVerifier.form("module", "contract", "action", "checkverifystatus", "guid", "x", "apikey", "k"));
        assertEquals(429, limited.statusCode());
        assertEquals(
                "Max rate limit reached",
                LoopbackVerifier.parse(limited).path("result").asText());
        assertEquals("Pass - Verified", etherscan(sc, vault, "v" + compilerVersion, args, library, "key-7"));
        HttpResponse<String> sourcifyLimited = LoopbackVerifier.postJson(
                verifier.sourcifyUrl(sc) + "/v2/verify/" + chainId + "/" + vault,
                sourcifyBody(input, compilerVersion, IDENTIFIER, vaultTx));
        assertEquals(429, sourcifyLimited.statusCode());
        JsonNode job = sourcify(sc, vault, input, compilerVersion, IDENTIFIER, vaultTx);
        assertEquals("no_match", job.path("error").path("customCode").asText(), job.toString());
    }

    @Test
    void pendingAnswersGetSourceCodeAndTheChainInTheBlockscoutPath() {
        String sc = "pending-3+ratelimitmsg-1+src-" + run;
        HttpResponse<String> limited = LoopbackVerifier.postForm(
                verifier.base(sc) + "/blockscout/" + chainId + "/api",
                LoopbackVerifier.form("module", "contract", "action", "getsourcecode", "address", vault));
        assertEquals(200, limited.statusCode());
        assertEquals(
                "Max rate limit reached",
                LoopbackVerifier.parse(limited).path("result").asText());
        String source = verifier.base(sc) + "/blockscout/" + chainId
                + "/api?module=contract&action=getsourcecode&address=" + vault;
        assertEquals(
                "Contract source code not verified",
                LoopbackVerifier.getJson(source)
                        .path("result")
                        .path(0)
                        .path("ABI")
                        .asText());
        assertEquals("Pass - Verified", blockscout(sc, vault, "v" + compilerVersion, args, library));
        long pending = verifier.requests(sc).stream()
                .filter(r -> r.path("outcome").asText().equals("pending"))
                .count();
        assertEquals(3, pending, verifier.requestsText(sc));
        JsonNode verified = LoopbackVerifier.getJson(source).path("result").path(0);
        assertEquals("Vault", verified.path("ContractName").asText(), verified.toString());
        assertEquals("v" + compilerVersion, verified.path("CompilerVersion").asText());
        assertEquals(args, verified.path("ConstructorArguments").asText());
    }

    @Test
    void requestLogKeepsTheKeysHashNotTheKey() throws Exception {
        String sc = "keys-" + run;
        String key = "it-secret-" + UUID.randomUUID();
        etherscan(sc, vault, "v" + compilerVersion, args, library, key);
        JsonNode missing = submitEtherscan(sc, vault, "v" + compilerVersion, args, library, "");
        assertEquals("Missing/Invalid API Key", missing.path("result").asText());
        String expected = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        List<JsonNode> requests = verifier.requests(sc);
        assertTrue(requests.size() >= 3, requests.toString());
        for (JsonNode r : requests.subList(0, requests.size() - 1)) {
            assertEquals("etherscan", r.path("service").asText());
            assertTrue(r.path("apiKeyPresent").asBoolean(), r.toString());
            assertEquals(expected, r.path("apiKeySha256").asText(), r.toString());
        }
        JsonNode last = requests.get(requests.size() - 1);
        assertFalse(last.path("apiKeyPresent").asBoolean(), last.toString());
        assertEquals("missing_api_key", last.path("outcome").asText());
        assertFalse(verifier.requestsText(sc).contains(key), "the request log holds the API key itself");
    }

    @Test
    void create2DeploymentThroughTheProxyVerifies() {
        String salt = "0x" + "00".repeat(31) + "7a";
        String init = linked(vaultBytecode, library)
                + stripHex(it.cast("abi-encode", "constructor(address,uint256)", OWNER, run.length() + ""));
        Matcher found = Pattern.compile("0x[0-9a-fA-F]{40}(?![0-9a-fA-F])")
                .matcher(it.cast("create2", "--salt", salt, "--init-code", init, "--deployer", CREATE2_PROXY));
        assertTrue(found.find(), "cast create2 printed no address");
        String address = found.group();
        if ("0x".equals(it.cast("code", "--rpc-url", rpcUrl, address))) {
            it.cast(
                    "send",
                    "--rpc-url",
                    rpcUrl,
                    "--private-key",
                    AnvilNode.DEV_KEY,
                    CREATE2_PROXY,
                    salt + stripHex(init));
        }
        String sc = "create2-" + run;
        // no creation transaction hash: the verifier finds it, and the creation code in its trace
        JsonNode job = sourcify(sc, address, input, compilerVersion, IDENTIFIER, null);
        assertEquals("exact_match", job.path("contract").path("creationMatch").asText(), job.toString());
        String createArgs = init.substring(init.length() - 128);
        assertEquals("Pass - Verified", etherscan(sc, address, "v" + compilerVersion, createArgs, library, "key-8"));
    }

    @Test
    void hardhatBuildInfoHasHardhatsFormatAndVerifies() throws IOException {
        // a Hardhat-layout project with the same source: contracts/Vault.sol
        Path project = Files.createTempDirectory("hardhat");
        Files.createDirectories(project.resolve("contracts"));
        Files.copy(
                copyResource("verification/foundry").resolve("src/Vault.sol"), project.resolve("contracts/Vault.sol"));
        Path buildInfoFile = HardhatBuildInfo.write(Path.of(it.service("kms.it.solcjs")), project, null);
        JsonNode buildInfo = JSON.readTree(buildInfoFile.toFile());
        assertEquals("hh-sol-build-info-1", buildInfo.path("_format").asText());
        assertEquals(
                buildInfoFile.getFileName().toString(), buildInfo.path("id").asText() + ".json");
        assertEquals("0.8.28", buildInfo.path("solcVersion").asText());
        assertEquals("0.8.28+commit.7893614a", buildInfo.path("solcLongVersion").asText());
        Path artifactDir = project.resolve("artifacts/contracts/Vault.sol");
        JsonNode artifact = JSON.readTree(artifactDir.resolve("Vault.json").toFile());
        assertEquals("hh-sol-artifact-1", artifact.path("_format").asText());
        assertEquals("contracts/Vault.sol", artifact.path("sourceName").asText());
        JsonNode dbg = JSON.readTree(artifactDir.resolve("Vault.dbg.json").toFile());
        assertEquals("hh-sol-dbg-1", dbg.path("_format").asText());
        assertEquals(
                buildInfoFile.toRealPath(),
                artifactDir.resolve(dbg.path("buildInfo").asText()).toRealPath());

        String lib = (String)
                create(JSON.readTree(artifactDir.resolve("VaultMath.json").toFile())
                                .path("bytecode")
                                .asText())
                        .get("contractAddress");
        Map<String, Object> receipt = create(linked(artifact.path("bytecode").asText(), lib) + args);
        String sc = "hardhat-" + run;
        JsonNode job = sourcify(
                sc,
                (String) receipt.get("contractAddress"),
                buildInfo.get("input"),
                buildInfo.path("solcLongVersion").asText(),
                "contracts/Vault.sol:Vault",
                (String) receipt.get("transactionHash"));
        assertEquals("exact_match", job.path("contract").path("match").asText(), job.toString());
    }

    // ------------------------------------------------------------------ helpers

    /** Submits to Sourcify and polls the job until it completes. */
    private JsonNode sourcify(String sc, String address, JsonNode stdJson, String version, String id, String tx) {
        HttpResponse<String> submitted = LoopbackVerifier.postJson(
                verifier.sourcifyUrl(sc) + "/v2/verify/" + chainId + "/" + address,
                sourcifyBody(stdJson, version, id, tx));
        assertEquals(202, submitted.statusCode(), submitted.body());
        String jobUrl = verifier.sourcifyUrl(sc) + "/v2/verify/"
                + LoopbackVerifier.parse(submitted).path("verificationId").asText();
        long deadline = System.currentTimeMillis() + POLL_LIMIT_MILLIS;
        while (true) {
            JsonNode job = LoopbackVerifier.getJson(jobUrl);
            if (job.path("isJobCompleted").asBoolean()) {
                return job;
            }
            pause(deadline, job);
        }
    }

    private static String sourcifyBody(JsonNode stdJson, String version, String id, String tx) {
        ObjectNode body = JSON.createObjectNode();
        body.set("stdJsonInput", stdJson);
        body.put("compilerVersion", version);
        body.put("contractIdentifier", id);
        if (tx != null) {
            body.put("creationTransactionHash", tx);
        }
        return body.toString();
    }

    private JsonNode submitEtherscan(
            String sc, String address, String version, String ctorArgs, String lib, String key) {
        return LoopbackVerifier.parse(LoopbackVerifier.postForm(
                verifier.etherscanUrl(sc) + "?chainid=" + chainId + "&module=contract&action=verifysourcecode",
                verifySourceCode(address, version, ctorArgs, lib) + "&" + LoopbackVerifier.form("apikey", key)));
    }

    /** The form of {@code verifysourcecode} for the Foundry build's Vault, without the API key. */
    private String verifySourceCode(String address, String version, String ctorArgs, String lib) {
        return LoopbackVerifier.form(
                "codeformat", "solidity-standard-json-input",
                "sourceCode", input.toString(),
                "contractaddress", address,
                "contractname", IDENTIFIER,
                "compilerversion", version,
                "constructorArguements", ctorArgs,
                "libraryname1", "VaultMath",
                "libraryaddress1", lib);
    }

    /** verifysourcecode, then checkverifystatus until the answer is not "Pending in queue". */
    private String etherscan(String sc, String address, String version, String ctorArgs, String lib, String key) {
        JsonNode submitted = submitEtherscan(sc, address, version, ctorArgs, lib, key);
        assertEquals("1", submitted.path("status").asText(), submitted.toString());
        return poll(verifier.etherscanUrl(sc) + "?chainid=" + chainId + "&apikey=" + key, submitted);
    }

    private String blockscout(String sc, String address, String version, String ctorArgs, String lib) {
        JsonNode submitted = LoopbackVerifier.parse(LoopbackVerifier.postForm(
                verifier.blockscoutUrl(sc) + "?module=contract&action=verifysourcecode",
                verifySourceCode(address, version, ctorArgs, lib)));
        assertEquals("1", submitted.path("status").asText(), submitted.toString());
        return poll(verifier.blockscoutUrl(sc) + "?x=1", submitted);
    }

    private String poll(String endpoint, JsonNode submitted) {
        String url = endpoint + "&module=contract&action=checkverifystatus&guid="
                + submitted.path("result").asText();
        long deadline = System.currentTimeMillis() + POLL_LIMIT_MILLIS;
        while (true) {
            JsonNode status = LoopbackVerifier.getJson(url);
            if (!"Pending in queue".equals(status.path("result").asText())) {
                return status.path("result").asText();
            }
            pause(deadline, status);
        }
    }

    private static void pause(long deadline, JsonNode last) {
        if (System.currentTimeMillis() > deadline) {
            throw new AssertionError("still pending after " + POLL_LIMIT_MILLIS + " ms: " + last);
        }
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> create(String bytecode) throws IOException {
        String out = it.cast(
                "send", "--rpc-url", rpcUrl, "--private-key", AnvilNode.DEV_KEY, "--json", "--create", bytecode);
        Map<String, Object> receipt = JSON.readValue(out, Map.class);
        assertEquals("0x1", receipt.get("status"), out);
        return receipt;
    }

    /** Replaces the library placeholders ({@code __$…$__}) of a bytecode with an address. */
    private static String linked(String bytecode, String libraryAddress) {
        return "0x"
                + stripHex(bytecode)
                        .replaceAll(
                                "__\\$[0-9a-f]{34}\\$__",
                                stripHex(libraryAddress).toLowerCase());
    }

    private static String stripHex(String hex) {
        return hex.startsWith("0x") ? hex.substring(2) : hex;
    }

    private static Path copyResource(String name) throws IOException {
        try {
            Path from = Path.of(
                    LoopbackVerifierIT.class.getClassLoader().getResource(name).toURI());
            Path to = Files.createTempDirectory("verification");
            List<Path> files = new ArrayList<>();
            try (Stream<Path> walk = Files.walk(from)) {
                walk.forEach(files::add);
            }
            for (Path p : files) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
            return to;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
