package io.kmsethereum.core.rpc;

import io.kmsethereum.core.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON-RPC endpoint URLs. Hosted nodes put API keys in the path ({@code /v3/<key>}), the query
 * or the user info, so a URL is only ever shown redacted: scheme, host and port, with
 * {@code /…} standing for any path or query.
 *
 * <p>Two ways keep the key out of the configuration that Maven prints under {@code -X}:
 * {@code env:NAME} (the whole URL from an environment variable) and a placeholder
 * {@code {server:<id>}} inside the URL, replaced by a secret the caller looks up by id (the
 * Maven layer: the password of that {@code settings.xml} server).
 */
public final class RpcUrls {
    /** {@code {server:<id>}}: a {@code settings.xml} server id, as Maven allows them. */
    private static final Pattern SERVER = Pattern.compile("\\{server:([A-Za-z0-9._-]+)\\}");

    /** Query parameters that carry credentials by name. */
    private static final Pattern SECRET_QUERY_NAME =
            Pattern.compile("(?i)(api[-_]?key|key|token|access[-_]?token|auth|secret|password|apitoken)");

    /** A path segment or query value that looks generated: 20+ URL-safe characters, letters and digits. */
    private static final Pattern KEY_LIKE = Pattern.compile("(?=.*[0-9])(?=.*[A-Za-z])[A-Za-z0-9_-]{20,}");

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
    public static URI parse(String url, String parameter, Function<String, String> environment) {
        return parse(url, parameter, environment, id -> {
            throw new InvalidInputException(
                    parameter, "contains {server:" + id + "}, which only the Maven goals can resolve; write the URL");
        });
    }

    /**
     * As {@link #parse(String, String, Function)}, and every placeholder {@code {server:<id>}}
     * in the URL (path, query or user info, e.g. {@code https://host/v2/{server:alchemy}}) is
     * replaced by {@code servers.apply(id)}, percent-encoded. The configured text, which Maven
     * may print, then holds no secret.
     *
     * @param url the URL, possibly with placeholders, or {@code env:NAME}
     * @param parameter the parameter name, for errors
     * @param environment looks up environment variables
     * @param servers looks up the secret of a server id; throws {@link InvalidInputException}
     *     naming {@code parameter} when there is none
     * @return the checked URL with the secrets in place
     * @throws InvalidInputException if a variable or server is missing or the value is not an
     *     http(s) URL; messages never contain the secret
     */
    public static URI parse(
            String url, String parameter, Function<String, String> environment, Function<String, String> servers) {
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
        Matcher placeholder = SERVER.matcher(trimmed);
        StringBuilder resolved = new StringBuilder();
        while (placeholder.find()) {
            String secret = servers.apply(placeholder.group(1));
            placeholder.appendReplacement(
                    resolved,
                    Matcher.quoteReplacement(
                            URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20")));
        }
        placeholder.appendTail(resolved);
        trimmed = resolved.toString();
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
     * What in a URL written directly into the configuration looks like a credential, so that
     * the build can warn: Maven prints configured parameter values under {@code -X}. Values
     * starting with {@code env:} and {@code {server:<id>}} placeholders are the safe routes and
     * are not reported.
     *
     * @param url the URL as configured
     * @return the reasons, e.g. {@code user info (user:password@)}, {@code a 'apikey=' query
     *     parameter}, {@code a key-like path segment}; empty when nothing looks secret. Never the
     *     secret itself
     */
    public static List<String> inlineSecrets(String url) {
        List<String> reasons = new ArrayList<>();
        String trimmed = url == null ? "" : url.trim();
        if (trimmed.startsWith("env:")) {
            return reasons;
        }
        URI uri;
        try {
            uri = new URI(SERVER.matcher(trimmed).replaceAll(""));
        } catch (URISyntaxException e) {
            return reasons;
        }
        if (uri.getRawUserInfo() != null
                && !uri.getRawUserInfo().replace(":", "").isEmpty()) {
            reasons.add("user info (user:password@)");
        }
        if (uri.getRawPath() != null) {
            for (String segment : uri.getRawPath().split("/")) {
                if (KEY_LIKE.matcher(segment).matches()) {
                    reasons.add("a key-like path segment");
                    break;
                }
            }
        }
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                if (!value.isEmpty() && SECRET_QUERY_NAME.matcher(name).matches()) {
                    reasons.add("a '" + name.toLowerCase(Locale.ROOT) + "=' query parameter");
                } else if (KEY_LIKE.matcher(value).matches()) {
                    reasons.add("a key-like query value");
                }
            }
        }
        return reasons;
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
