package io.kmsethereum.core.rpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kmsethereum.core.InvalidInputException;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RpcUrlsTest {
    @ParameterizedTest
    @CsvSource({
        "http://127.0.0.1:8545, http://127.0.0.1:8545",
        "http://127.0.0.1:8545/, http://127.0.0.1:8545",
        "https://mainnet.infura.io/v3/0123456789abcdef, https://mainnet.infura.io/…",
        "https://user:s3cret@node.example.com/, https://node.example.com/…",
        "https://node.example.com?apikey=s3cret, https://node.example.com/…"})
    void redactsPathsQueriesAndUserInfo(String url, String shown) {
        assertEquals(shown, RpcUrls.redact(RpcUrls.parse(url, "rpcUrl")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ws://127.0.0.1:8546", "127.0.0.1:8545", "http://", "not a url", "file:///tmp/geth.ipc"})
    void acceptsOnlyHttpUrls(String url) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RpcUrls.parse(url, "rpcUrl"));
        assertEquals("rpcUrl", e.getParameter());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://user:s3cret@ws.example.com/v2/s3cret?key=s3cret"})
    void errorsNeverShowSecrets(String url) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RpcUrls.parse(url.replace("https", "wss"), "rpcUrl"));
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertFalse(RpcUrls.redact(URI.create(url)).contains("s3cret"));
    }
}
