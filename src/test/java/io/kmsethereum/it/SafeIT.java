package io.kmsethereum.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Safe test fixture on the real Anvil node ({@link ItSupport#prepareSafe}): the Safe 1.4.1
 * contracts from the npm package's artifacts, a two-of-three Safe of three LocalStack KMS keys.
 * Fails (does not skip) when the servers are not running.
 */
class SafeIT {
    private static ItSupport it;
    private static String rpcUrl;
    private static Map<String, String> safe;

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
}
