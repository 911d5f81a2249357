package io.kmsethereum.maven;

import java.util.List;

/**
 * One entry of {@code kms-safe}'s {@code calls} list: one call of a MultiSendCallOnly batch,
 * with the fields of the goal's single-call parameters of the same names. Maven fills it from
 * {@code <calls><call>…</call></calls>}.
 *
 * @since 0.1.0
 */
public class SafeCallEntry {
    /** The contract or account the Safe calls. Required. */
    String to;

    /** Wei the Safe sends with the call, with a unit ({@code 0.01 ether}); default 0. */
    String value;

    /** Calldata as {@code 0x} hex. Not together with {@code function}. */
    String data;

    /** Function signature, e.g. {@code setValue(uint256)}. Not together with {@code data}. */
    String function;

    /** Arguments of {@code function}, as the goal's {@code arguments}. */
    List<String> arguments;
}
