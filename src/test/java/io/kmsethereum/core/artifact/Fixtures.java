package io.kmsethereum.core.artifact;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Paths of the checked-in artifacts under {@code src/test/resources/artifacts}. */
public final class Fixtures {
    private Fixtures() {}

    public static Path artifact(String relative) {
        try {
            return Path.of(Fixtures.class.getResource("/artifacts/" + relative).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing fixture " + relative, e);
        }
    }

    public static Path foundry(String contract) {
        String source = contract.equals("Holder") || contract.equals("IHolder") ? "Holder.sol" : "MathLib.sol";
        return artifact("foundry/out/" + source + "/" + contract + ".json");
    }

    public static Path hardhat(String contract) {
        String source = contract.equals("Holder") || contract.equals("IHolder") ? "Holder.sol" : "MathLib.sol";
        return artifact("hardhat/artifacts/" + source + "/" + contract + ".json");
    }

    public static Path combined() {
        return artifact("combined.json");
    }

    public static Path standard() {
        return artifact("standard-json/output.json");
    }

    public static Path bin(String contract) {
        String source = contract.equals("Holder") || contract.equals("IHolder") ? "Holder" : "MathLib";
        return artifact("bin/" + source + "_sol_" + contract + ".bin");
    }
}
