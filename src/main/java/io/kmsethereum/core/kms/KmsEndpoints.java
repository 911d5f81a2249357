package io.kmsethereum.core.kms;

import io.kmsethereum.core.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * KMS endpoint overrides (LocalStack, a VPC endpoint, a FIPS endpoint): the counterpart of
 * {@link io.kmsethereum.core.rpc.RpcUrls} for the {@code endpoint} parameter. An endpoint carries
 * no secret, so messages show it as written.
 */
public final class KmsEndpoints {
    private KmsEndpoints() {}

    /**
     * @param endpoint the configured value, may be {@code null} or blank
     * @param parameter the parameter name, for errors (e.g. {@code endpoint})
     * @return the endpoint as an http(s) URL with a host, or {@code null} when none is configured
     *     (the SDK then uses the region's endpoint, or {@code AWS_ENDPOINT_URL})
     * @throws InvalidInputException if the value is not a URL, or not an http(s) URL with a host
     */
    public static URI parse(String endpoint, String parameter) {
        if (endpoint == null || endpoint.isBlank()) {
            return null;
        }
        URI uri;
        try {
            uri = new URI(endpoint.trim());
        } catch (URISyntaxException e) {
            throw new InvalidInputException(
                    parameter, "'" + endpoint + "' is not a URL; use e.g. http://localhost:4566");
        }
        if (uri.getScheme() == null
                || uri.getHost() == null
                || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
            throw new InvalidInputException(
                    parameter, "'" + endpoint + "' is not an http(s) URL; use e.g. http://localhost:4566");
        }
        return uri;
    }
}
