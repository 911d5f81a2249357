package io.kmsethereum.core.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.artifact.ArtifactFormat;
import io.kmsethereum.core.artifact.ArtifactsTest;
import io.kmsethereum.core.artifact.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WrappersTest {
    private static final Wrappers.Options OPTIONS = new Wrappers.Options(true, false, false);

    @TempDir
    Path out;

    @Test
    void wrappersAreGeneratedForEveryContractAndCompile() throws IOException {
        List<Path> files =
                Wrappers.generate(List.of(Fixtures.standard()), List.of(), "com.example.contracts", out, OPTIONS);
        Path pkg = out.resolve("com/example/contracts");
        assertEquals(
                List.of(
                        pkg.resolve("Holder.java"),
                        pkg.resolve("IHolder.java"),
                        pkg.resolve("Doubler.java"),
                        pkg.resolve("MathLib.java")),
                files);
        String holder = Files.readString(pkg.resolve("Holder.java"));
        assertTrue(
                holder.contains(
                        "public static RemoteCall<Holder> deploy(Web3j web3j, TransactionManager transactionManager"),
                holder);
        assertTrue(holder.contains("getNumbers()"));
        assertTrue(holder.contains(ArtifactsTest.read(ArtifactFormat.SOLC_STANDARD_JSON, "Holder")
                .bytecode()
                .substring(0, 200)));
        assertFalse(
                Files.readString(pkg.resolve("IHolder.java")).contains(" deploy("), "an interface cannot be deployed");
        assertTrue(
                Files.readString(pkg.resolve("Doubler.java")).contains("__$"), "placeholders stay for linkLibraries");
        assertEquals("", compile(files));
    }

    @Test
    void contractNamesPickAndUnknownNamesListWhatThereIs() {
        List<Path> files = Wrappers.generate(
                List.of(Fixtures.combined(), Fixtures.foundry("Holder")),
                List.of("MathLib.sol:Doubler", "Holder"),
                "x",
                out,
                OPTIONS);
        assertEquals(List.of(out.resolve("x/Holder.java"), out.resolve("x/Doubler.java")), files);
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> Wrappers.generate(List.of(Fixtures.combined()), List.of("Counter"), "x", out, OPTIONS));
        assertEquals(
                "Invalid 'contractNames': 'Counter' is in none of the artifacts; they hold: Holder, IHolder, Doubler, MathLib",
                e.getMessage());
    }

    @Test
    void directoriesAreSearchedAndTheSameContractTwiceIsOneWrapper() {
        List<Path> files = Wrappers.generate(
                List.of(Fixtures.artifact("foundry/out"), Fixtures.artifact("hardhat/artifacts")),
                List.of(),
                "x",
                out,
                OPTIONS);
        assertEquals(4, files.size(), files.toString());
    }

    @Test
    void aCorruptArtifactInADirectoryIsReportedNotSkipped() throws IOException {
        Path dir = out.resolve("artifacts");
        Files.createDirectories(dir);
        Files.copy(Fixtures.foundry("Holder"), dir.resolve("Holder.json"));
        Files.writeString(dir.resolve("Broken.json"), "{\"abi\": [ {\"type\": \"function\""); // cut short
        Files.writeString(dir.resolve("cache.json"), "{\"files\": {}}"); // JSON, not an artifact: skipped
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> Wrappers.generate(List.of(dir), List.of(), "x", out.resolve("gen"), OPTIONS));
        assertEquals("artifacts", e.getParameter());
        assertTrue(e.getMessage().contains("Broken.json is not valid JSON"), e.getMessage());
    }

    @Test
    void twoDifferentContractsWithOneNameAreRefused() throws IOException {
        Path other = out.resolve("Holder.json");
        Files.writeString(other, "{\"contractName\":\"Holder\",\"abi\":[],\"bytecode\":\"0x6080\"}");
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> Wrappers.generate(
                        List.of(Fixtures.foundry("Holder"), other), List.of(), "x", out.resolve("gen"), OPTIONS));
        assertTrue(
                e.getMessage().startsWith("Invalid 'contractNames': two different contracts are named Holder"),
                e.getMessage());
    }

    @Test
    void packageNamesMustBeJava() {
        for (String bad : List.of("", "com.example-contracts", "com..x", "com.class", "1x")) {
            InvalidInputException e = assertThrows(
                    InvalidInputException.class,
                    () -> Wrappers.generate(List.of(Fixtures.combined()), List.of(), bad, out, OPTIONS),
                    bad);
            assertEquals("packageName", e.getParameter());
        }
        InvalidInputException e = assertThrows(
                InvalidInputException.class, () -> Wrappers.generate(List.of(), List.of(), "x", out, OPTIONS));
        assertEquals("artifacts", e.getParameter());
    }

    /** @return javac's diagnostics, empty when the files compile against the test class path */
    private String compile(List<Path> files) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of(
                "-d",
                Files.createDirectories(out.resolve("classes")).toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-proc:none",
                "-nowarn"));
        files.forEach(f -> args.add(f.toString()));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = javac.run(null, null, err, args.toArray(String[]::new));
        String diagnostics = err.toString(StandardCharsets.UTF_8);
        return rc == 0 ? "" : diagnostics;
    }
}
