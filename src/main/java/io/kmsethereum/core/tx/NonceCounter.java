package io.kmsethereum.core.tx;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.kmsethereum.core.store.Records;

/**
 * The next nonce no run has reserved yet, for one account, at
 * {@code <chainId>/<address>/nonces/next.json}; advanced only by compare-and-swap.
 *
 * @param schema record format ({@link Records#SCHEMA})
 * @param chainId chain id
 * @param address the account, lower case
 * @param next the next unreserved nonce, decimal
 */
@JsonPropertyOrder({"schema", "chainId", "address", "next"})
public record NonceCounter(int schema, long chainId, String address, String next) {}
