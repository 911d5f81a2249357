package io.kmsethereum.core.rpc;

import io.kmsethereum.core.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * JSON-RPC endpoint URLs. Hosted nodes put API keys in the path ({@code /v3/<key>}), the query
 * or the user info, so a URL is only ever shown redacted: scheme, host and port, with
 * {@code /…} standing for any path or query.
 */
public final class RpcUrls {
    private RpcUrls() {}

    /**
     * @param url the URL as configured
     * @param parameter the parameter name, for errors (e.g. {@code rpcUrl})
     * @return the parsed URL (http or https with a host)
     * @throws InvalidInputException if it is not an http(s) URL; the message shows the URL
     *     redacted
     */
    public static URI parse(String url, String parameter) {
        return parse(url, parameter, System::getenv);
    }

    /**
     * As {@link #parse(String, String)}, and a value {@code env:NAME} is read from the
     * environment variable {@code NAME}. That keeps a URL with an API key out of the POM and out
     * of {@code mvn -X}, which prints every goal parameter as configured.
     *
     * @param url the URL, or {@code env:NAME}
     * @param parameter the parameter name, for errors
     * @param environment looks up environment variables
     * @return the checked URL
     * @throws InvalidInputException if the variable is unset or the value is not an http(s) URL
     */
    public static URI parse(String url, String parameter, java.util.function.Function<String, String> environment) {
        String trimmed = url == null ? "" : url.trim();
        if (trimmed.startsWith("env:")) {
            String name = trimmed.substring(4).trim();
            String value = name.isEmpty() ? null : environment.apply(name);
            if (value == null || value.isBlank()) {
                throw new InvalidInputException(
                        parameter,
                        "names the environment variable '" + name
                                + "', which is not set; export it with the node's URL, or write the URL itself");
            }
            trimmed = value.trim();
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new InvalidInputException(
                    parameter, "is not a URL; use e.g. http://127.0.0.1:8545 or https://<host>/<path>");
        }
        String scheme = uri.getScheme();
        if (scheme == null
                || uri.getHost() == null
                || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new InvalidInputException(
                    parameter,
                    "'" + (uri.getHost() == null ? "(no host)" : redact(uri))
                            + "' is not an http(s) URL with a host; use e.g. http://127.0.0.1:8545 (WebSocket and IPC are not supported)");
        }
        return uri;
    }

    /**
     * @param uri a URL
     * @return {@code scheme://host[:port]}, plus {@code /…} when the URL has a path, query or
     *     user info, which may hold secrets
     */
    public static String redact(URI uri) {
        StringBuilder sb = new StringBuilder();
        sb.append(uri.getScheme()).append("://").append(uri.getHost());
        if (uri.getPort() >= 0) {
            sb.append(':').append(uri.getPort());
        }
        boolean hidden = (uri.getRawPath() != null
                        && !uri.getRawPath().isEmpty()
                        && !uri.getRawPath().equals("/"))
                || uri.getRawQuery() != null
                || uri.getRawUserInfo() != null
                || uri.getRawFragment() != null;
        if (hidden) {
            sb.append("/…");
        }
        return sb.toString();
    }
}
