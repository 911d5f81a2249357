package io.kmsethereum.core.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.testing.FakeNode;
import org.junit.jupiter.api.Test;

class RevertReasonsTest {
    // cast calldata "Error(string)" "TestToken: transfer amount exceeds balance"
    private static final String ERROR = "0x08c379a00000000000000000000000000000000000000000000000000000000000000020"
            + "000000000000000000000000000000000000000000000000000000000000002a"
            + "54657374546f6b656e3a207472616e7366657220616d6f756e7420657863656564732062616c616e636500000000000000000000000000000000000000000000";

    @Test
    void decodesErrorPanicAndCustomErrors() {
        assertEquals("TestToken: transfer amount exceeds balance", RevertReasons.decode(ERROR));
        assertEquals("TestToken: transfer amount exceeds balance", RevertReasons.decode("\"" + ERROR + "\""));
        assertEquals(
                "panic 0x12 (division or modulo by zero)",
                RevertReasons.decode("0x4e487b710000000000000000000000000000000000000000000000000000000000000012"));
        assertEquals(
                "panic 0x99",
                RevertReasons.decode("0x4e487b710000000000000000000000000000000000000000000000000000000000000099"));
        assertEquals("custom error 0x12345678 (revert data 0x12345678aa)", RevertReasons.decode("0x12345678aa"));
        assertNull(RevertReasons.decode("0x"));
        assertNull(RevertReasons.decode(null));
        assertNull(RevertReasons.decode("{\"some\": \"object\"}"));
    }

    @Test
    void fallsBackToTheNodesMessage() {
        assertEquals(
                "not owner",
                RevertReasons.reason(FakeNode.error("eth_call", 3, "execution reverted: not owner", null)));
        assertNull(RevertReasons.reason(FakeNode.error("eth_call", 3, "execution reverted", null)));
        assertTrue(RevertReasons.isRevert(FakeNode.error("eth_call", -32000, "execution reverted", null)));
        assertTrue(RevertReasons.isRevert(FakeNode.error("eth_call", 3, "whatever", null)));
        assertFalse(RevertReasons.isRevert(FakeNode.error("eth_call", -32000, "out of gas", null)));
    }
}
