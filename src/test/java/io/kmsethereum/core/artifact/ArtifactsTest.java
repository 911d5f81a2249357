package io.kmsethereum.core.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

public class ArtifactsTest {
    @TempDir
    Path tmp;

    static Path pathOf(ArtifactFormat format, String contract) {
        return switch (format) {
            case FOUNDRY -> Fixtures.foundry(contract);
            case HARDHAT -> Fixtures.hardhat(contract);
            case SOLC_COMBINED_JSON -> Fixtures.combined();
            case SOLC_STANDARD_JSON -> Fixtures.standard();
            case BIN_ABI -> Fixtures.bin(contract);
        };
    }

    public static ContractArtifact read(ArtifactFormat format, String contract) {
        return Artifacts.read(pathOf(format, contract), contract);
    }

    @ParameterizedTest
    @EnumSource(ArtifactFormat.class)
    void everyFormatGivesTheSameAbiAndBytecode(ArtifactFormat format) {
        ContractArtifact reference = read(ArtifactFormat.SOLC_STANDARD_JSON, "Holder");
        ContractArtifact holder = read(format, "Holder");
        assertEquals(format, holder.format());
        assertEquals("Holder", holder.name());
        assertEquals(reference.bytecode(), holder.bytecode());
        assertTrue(
                holder.bytecode().startsWith("60806040"),
                "creation code, not runtime code: " + holder.bytecode().substring(0, 8));
        assertEquals(reference.abiJson(), holder.abiJson());
        assertEquals(9, holder.constructor().orElseThrow().getInputs().size());
        assertEquals("payable", holder.constructor().orElseThrow().getStateMutability());
        assertTrue(holder.linkReferences().isEmpty());
    }

    @ParameterizedTest
    @EnumSource(ArtifactFormat.class)
    void everyFormatFindsTheLibraryPlaceholderByName(ArtifactFormat format) {
        ContractArtifact doubler = read(format, "Doubler");
        assertEquals(
                1, doubler.linkReferences().size(), doubler.linkReferences().toString());
        LinkReference ref = doubler.linkReferences().get(0);
        assertEquals("MathLib", ref.libraryName());
        assertEquals("MathLib.sol:MathLib", ref.qualifiedName());
        assertEquals("__$" + Artifacts.placeholderHash("MathLib.sol:MathLib") + "$__", ref.placeholder());
        assertTrue(doubler.bytecode().contains(ref.placeholder()));
    }

    @ParameterizedTest
    @EnumSource(ArtifactFormat.class)
    void anInterfaceHasAnAbiButNoBytecode(ArtifactFormat format) {
        ContractArtifact iface = read(format, "IHolder");
        assertFalse(iface.hasBytecode());
        assertEquals(1, iface.abi().size());
        assertEquals("owner", iface.abi().get(0).getName());
    }

    @Test
    void sourceNamesComeFromTheArtifactWhereItHasThem() {
        assertEquals("Holder.sol:Holder", read(ArtifactFormat.FOUNDRY, "Holder").qualifiedName());
        assertEquals("Holder.sol:Holder", read(ArtifactFormat.HARDHAT, "Holder").qualifiedName());
        assertEquals(
                "Holder.sol:Holder",
                read(ArtifactFormat.SOLC_COMBINED_JSON, "Holder").qualifiedName());
        assertEquals(
                "Holder.sol:Holder",
                read(ArtifactFormat.SOLC_STANDARD_JSON, "Holder").qualifiedName());
        assertEquals("Holder", read(ArtifactFormat.BIN_ABI, "Holder").qualifiedName());
    }

    @Test
    void multiContractFilesListTheirContractsWhenNoNameIsGiven() {
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> Artifacts.read(Fixtures.standard(), null));
        assertEquals("contractName", e.getParameter());
        assertEquals(
                "Invalid 'contractName': is required: " + Fixtures.standard()
                        + " holds 4 contracts: Holder, IHolder, Doubler, MathLib. Set contractName to one of them",
                e.getMessage());
    }

    @Test
    void anUnknownNameListsTheAvailableOnes() {
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> Artifacts.read(Fixtures.combined(), "Holdr"));
        assertEquals(
                "Invalid 'contractName': 'Holdr' is not in " + Fixtures.combined()
                        + "; it holds: Holder, IHolder, Doubler, MathLib",
                e.getMessage());
    }

    @Test
    void aNameInASingleContractFileMustMatchToo() {
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> Artifacts.read(Fixtures.foundry("Holder"), "Counter"));
        assertTrue(e.getMessage().contains("it holds: Holder"), e.getMessage());
    }

    @Test
    void qualifiedNamesSelectAndSameNamesInTwoSourcesAreAmbiguous() throws IOException {
        assertEquals(
                "MathLib",
                Artifacts.read(Fixtures.standard(), "MathLib.sol:MathLib").name());
        String json =
                Files.readString(Fixtures.combined()).replace("\"MathLib.sol:Doubler\"", "\"other/Holder.sol:Holder\"");
        Path twoHolders = tmp.resolve("combined.json");
        Files.writeString(twoHolders, json);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Artifacts.read(twoHolders, "Holder"));
        assertTrue(
                e.getMessage()
                        .contains("'Holder' is ambiguous in " + twoHolders
                                + ": Holder.sol:Holder, other/Holder.sol:Holder"),
                e.getMessage());
        assertEquals(
                "other/Holder.sol",
                Artifacts.read(twoHolders, "other/Holder.sol:Holder").sourceName());
    }

    @Test
    void abiGivenAsAStringByOlderSolcIsRead() throws IOException {
        String abi =
                "[{\\\"inputs\\\":[],\\\"name\\\":\\\"f\\\",\\\"outputs\\\":[],\\\"stateMutability\\\":\\\"nonpayable\\\",\\\"type\\\":\\\"function\\\"}]";
        Path file = tmp.resolve("old.json");
        Files.writeString(
                file, "{\"contracts\":{\"a.sol:A\":{\"abi\":\"" + abi + "\",\"bin\":\"6080\"}},\"version\":\"0.7.6\"}");
        ContractArtifact a = Artifacts.read(file, null);
        assertEquals("f", a.abi().get(0).getName());
        assertEquals(ArtifactFormat.SOLC_COMBINED_JSON, a.format());
    }

    @Test
    void hardhatBuildInfoIsReadThroughItsOutput() throws IOException {
        Path file = tmp.resolve("build-info.json");
        Files.writeString(
                file,
                "{\"_format\":\"hh-sol-build-info-1\",\"input\":{},\"output\":" + Files.readString(Fixtures.standard())
                        + "}");
        assertEquals(
                read(ArtifactFormat.SOLC_STANDARD_JSON, "Holder").bytecode(),
                Artifacts.read(file, "Holder").bytecode());
    }

    @Test
    void legacyPlaceholdersNameTheirLibrary() {
        String hex = "6080" + "__lib/Math.sol:Math______________________" + "00";
        List<LinkReference> refs = Artifacts.scanPlaceholders(hex, java.util.Map.of());
        assertEquals(1, refs.size());
        assertEquals("lib/Math.sol:Math", refs.get(0).qualifiedName());
        assertEquals(List.of(2), refs.get(0).offsets());
    }

    @Test
    void solcLinkerCommentsInBinFilesNameTheLibrary() throws IOException {
        String hex = Files.readString(Fixtures.bin("Doubler")).trim();
        Path dir = Files.createDirectory(tmp.resolve("solc"));
        Files.writeString(
                dir.resolve("Doubler.bin"),
                hex + "\n\n// $" + Artifacts.placeholderHash("src/MathLib.sol:MathLib")
                        + "$ -> src/MathLib.sol:MathLib\n");
        Files.copy(Fixtures.artifact("bin/MathLib_sol_Doubler.abi"), dir.resolve("Doubler.abi"));
        // the placeholder in this bytecode is for MathLib.sol:MathLib, which the comment does not name
        ContractArtifact doubler = Artifacts.read(dir.resolve("Doubler.bin"), null);
        assertEquals("Doubler", doubler.name());
        assertEquals(null, doubler.linkReferences().get(0).libraryName());
        Files.writeString(
                dir.resolve("Doubler.bin"),
                hex + "\n\n// $" + Artifacts.placeholderHash("MathLib.sol:MathLib") + "$ -> MathLib.sol:MathLib\n");
        assertEquals(
                "MathLib.sol:MathLib",
                Artifacts.read(dir.resolve("Doubler.bin"), null)
                        .linkReferences()
                        .get(0)
                        .qualifiedName());
    }

    @Test
    void theAbiFileNextToABinWorksAsTheArtifactToo() {
        ContractArtifact viaAbi = Artifacts.read(Fixtures.artifact("bin/Holder_sol_Holder.abi"), null);
        assertEquals(read(ArtifactFormat.BIN_ABI, "Holder").bytecode(), viaAbi.bytecode());
    }

    @Test
    void readAllListsEveryContractOfTheFile() {
        assertEquals(
                List.of("Holder", "IHolder", "Doubler", "MathLib"),
                Artifacts.readAll(Fixtures.standard()).stream()
                        .map(ContractArtifact::name)
                        .collect(Collectors.toList()));
    }

    @Test
    void filesThatAreNotArtifactsAreReportedWithWhatIsExpected() throws IOException {
        Path missing = tmp.resolve("out/Nope.sol/Nope.json");
        assertEquals(
                "Invalid 'artifact': file " + missing + " does not exist; compile the contracts first or fix the path",
                assertThrows(InvalidInputException.class, () -> Artifacts.read(missing, null))
                        .getMessage());

        Path notJson = Files.writeString(tmp.resolve("x.json"), "not json");
        assertTrue(assertThrows(InvalidInputException.class, () -> Artifacts.read(notJson, null))
                .getMessage()
                .startsWith("Invalid 'artifact': " + notJson + " is not JSON"));

        Path other = Files.writeString(tmp.resolve("package.json"), "{\"name\":\"x\"}");
        assertTrue(assertThrows(InvalidInputException.class, () -> Artifacts.read(other, null))
                .getMessage()
                .contains("is not a contract artifact: expected a Foundry artifact"));

        Path input = Files.writeString(tmp.resolve("input.json"), "{\"language\":\"Solidity\",\"sources\":{}}");
        assertTrue(assertThrows(InvalidInputException.class, () -> Artifacts.read(input, null))
                .getMessage()
                .contains("is solc standard-JSON input; compile it"));

        Path abiOnly = Files.writeString(tmp.resolve("Lonely.json"), "[]");
        assertTrue(assertThrows(InvalidInputException.class, () -> Artifacts.read(abiOnly, null))
                .getMessage()
                .contains("holds only an ABI, without bytecode"));

        Path bin = Files.writeString(tmp.resolve("Alone.bin"), "6080");
        assertEquals(
                "Invalid 'artifact': " + bin + " needs its ABI next to it as Alone.abi (solc --bin --abi writes both)",
                assertThrows(InvalidInputException.class, () -> Artifacts.read(bin, null))
                        .getMessage());

        Path failed = Files.writeString(
                tmp.resolve("failed.json"),
                "{\"contracts\":{},\"errors\":[{\"severity\":\"error\","
                        + "\"formattedMessage\":\"ParserError: Expected ';'\"}]}");
        assertTrue(assertThrows(InvalidInputException.class, () -> Artifacts.read(failed, null))
                .getMessage()
                .endsWith("holds no contracts; the compiler reported: ParserError: Expected ';'"));
    }
}
