package io.kmsethereum.core.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.artifact.ArtifactFormat;
import io.kmsethereum.core.artifact.ArtifactsTest;
import io.kmsethereum.core.artifact.ContractArtifact;
import io.kmsethereum.core.artifact.LinkReference;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LinkerTest {
    private static final String LIB = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

    @ParameterizedTest
    @EnumSource(ArtifactFormat.class)
    void theLibraryAddressReplacesEveryPlaceholder(ArtifactFormat format) {
        ContractArtifact doubler = ArtifactsTest.read(format, "Doubler");
        String placeholder = doubler.linkReferences().get(0).placeholder();
        String linked = Linker.link(doubler, Map.of("MathLib", LIB));
        assertFalse(linked.contains("__"), linked);
        assertEquals(doubler.bytecode().replace(placeholder, LIB.substring(2).toLowerCase()), linked);
        assertEquals(2, linked.split(LIB.substring(2).toLowerCase(), -1).length - 1, "Doubler calls MathLib twice");
    }

    @Test
    void fullyQualifiedNamesWork() {
        ContractArtifact doubler = ArtifactsTest.read(ArtifactFormat.FOUNDRY, "Doubler");
        assertEquals(
                Linker.link(doubler, Map.of("MathLib", LIB)), Linker.link(doubler, Map.of("MathLib.sol:MathLib", LIB)));
    }

    @Test
    void aPlaceholderWithoutANameIsMatchedByTheHashOfAQualifiedKey() {
        ContractArtifact doubler = ArtifactsTest.read(ArtifactFormat.FOUNDRY, "Doubler");
        LinkReference ref = doubler.linkReferences().get(0);
        ContractArtifact anonymous = new ContractArtifact(
                doubler.name(),
                null,
                ArtifactFormat.BIN_ABI,
                doubler.file(),
                doubler.abi(),
                doubler.abiJson(),
                doubler.bytecode(),
                java.util.List.of(new LinkReference(null, null, ref.placeholder(), java.util.List.of())));
        assertEquals(
                Linker.link(doubler, Map.of("MathLib", LIB)),
                Linker.link(anonymous, Map.of("MathLib.sol:MathLib", LIB)));
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> Linker.link(anonymous, Map.of("MathLib", LIB)));
        assertTrue(e.getMessage().contains("an unnamed library with placeholder " + ref.placeholder()), e.getMessage());
    }

    @Test
    void aMissingLibraryIsReportedByName() {
        ContractArtifact doubler = ArtifactsTest.read(ArtifactFormat.HARDHAT, "Doubler");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Linker.link(doubler, Map.of()));
        assertEquals("libraries", e.getParameter());
        assertEquals(
                "Invalid 'libraries': Doubler must be linked to MathLib.sol:MathLib before it can be deployed:"
                        + " deploy the library first and give the address by library name in 'libraries', e.g. MathLib = 0x…",
                e.getMessage());
    }

    @Test
    void aBadLibraryAddressNamesTheLibrary() {
        ContractArtifact doubler = ArtifactsTest.read(ArtifactFormat.FOUNDRY, "Doubler");
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> Linker.link(doubler, Map.of("MathLib", "0x1234")));
        assertEquals("libraries.MathLib", e.getParameter());
    }

    @Test
    void unlinkedTextThatNoReferenceDescribesIsRefused() {
        ContractArtifact holder = ArtifactsTest.read(ArtifactFormat.FOUNDRY, "Holder");
        ContractArtifact broken = new ContractArtifact(
                "Broken",
                null,
                ArtifactFormat.FOUNDRY,
                holder.file(),
                holder.abi(),
                holder.abiJson(),
                "6080zz",
                java.util.List.of());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Linker.link(broken, Map.of()));
        assertTrue(e.getMessage().contains("still has non-hex text at character 4 ('zz')"), e.getMessage());
    }

    @Test
    void bytecodeWithoutLinksIsReturnedAsItIs() {
        ContractArtifact holder = ArtifactsTest.read(ArtifactFormat.SOLC_COMBINED_JSON, "Holder");
        assertEquals(holder.bytecode(), Linker.link(holder, Map.of("Unused", LIB)));
    }
}
