package io.kmsethereum.core.rpc;

import java.math.BigInteger;

/**
 * The fields of a block header the plugin uses.
 *
 * @param number block number
 * @param hash block hash, {@code 0x} hex
 * @param baseFeePerGas EIP-1559 base fee per gas in wei, or {@code null} before the London fork
 * @param gasLimit the block gas limit
 */
public record BlockHeader(BigInteger number, String hash, BigInteger baseFeePerGas, BigInteger gasLimit) {}
