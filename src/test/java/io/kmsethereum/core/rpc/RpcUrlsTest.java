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
        "https://node.example.com?apikey=s3cret, https://node.example.com/…"
    })
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
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> RpcUrls.parse(url.replace("https", "wss"), "rpcUrl"));
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertFalse(RpcUrls.redact(URI.create(url)).contains("s3cret"));
    }

    @org.junit.jupiter.api.Test
    void envPrefixReadsTheUrlFromTheEnvironment() {
        java.util.Map<String, String> env = java.util.Map.of("ETH_RPC_URL", "https://node.example/v3/0123456789abcdef");
        org.junit.jupiter.api.Assertions.assertEquals(
                java.net.URI.create("https://node.example/v3/0123456789abcdef"),
                RpcUrls.parse("env:ETH_RPC_URL", "rpcUrl", env::get));
        io.kmsethereum.core.InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.kmsethereum.core.InvalidInputException.class,
                () -> RpcUrls.parse("env:MISSING_URL", "rpcUrl", env::get));
        org.junit.jupiter.api.Assertions.assertEquals(
                "Invalid 'rpcUrl': names the environment variable 'MISSING_URL', which is not set;"
                        + " export it with the node's URL, or write the URL itself",
                e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void serverPlaceholdersAreReplacedBySecretsPercentEncoded() {
        java.util.Map<String, String> servers = java.util.Map.of("alchemy", "k3y/with space", "user", "u");
        assertEquals(
                URI.create("https://u:k3y%2Fwith%20space@node.example/v2/k3y%2Fwith%20space?x=1"),
                RpcUrls.parse(
                        "https://{server:user}:{server:alchemy}@node.example/v2/{server:alchemy}?x=1",
                        "rpcUrl",
                        name -> null,
                        servers::get));
    }

    @org.junit.jupiter.api.Test
    void aPlaceholderWithoutAResolverNamesTheParameter() {
        InvalidInputException e = assertThrows(
                InvalidInputException.class, () -> RpcUrls.parse("https://node.example/v2/{server:alchemy}", "rpcUrl"));
        assertEquals(
                "Invalid 'rpcUrl': contains {server:alchemy}, which only the Maven goals can resolve; write the URL",
                e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "https://user:pw@node.example.com/ | user info (user:password@)",
                "https://mainnet.infura.io/v3/0123456789abcdef0123456789abcdef | a key-like path segment",
                "https://eth-mainnet.g.alchemy.com/v2/Ab3dEf_gh1JkLmn0pQrStUv-wxyz123 | a key-like path segment",
                "https://node.example.com/?apikey=s3cret | a 'apikey=' query parameter",
                "https://node.example.com/rpc?key=abc&chain=1 | a 'key=' query parameter",
                "https://node.example.com/rpc?x=5JYkZjmN7PVMjJUfJWfRFwtuXTGB4QPGNKfcCDjJQ6mKyK1 | a key-like query value"
            })
    void warnsAboutCredentialsWrittenIntoTheUrl(String url, String reason) {
        assertEquals(java.util.List.of(reason), RpcUrls.inlineSecrets(url));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:8545",
                "https://rpc.sepolia.org/",
                "https://api.avax.network/ext/bc/C/rpc",
                "https://eth-mainnet.g.alchemy.com/v2/{server:alchemy}",
                "https://node.example.com/?apikey={server:node}",
                "env:ETH_RPC_URL",
                "https://node.example.com/rpc?chain=1"
            })
    void theSafeRoutesAndPlainUrlsDrawNoWarning(String url) {
        assertEquals(java.util.List.of(), RpcUrls.inlineSecrets(url));
    }
}
