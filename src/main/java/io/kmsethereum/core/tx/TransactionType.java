package io.kmsethereum.core.tx;

import io.kmsethereum.core.InvalidInputException;
import java.util.Locale;

/** The transaction envelopes the plugin signs. */
public enum TransactionType {
    /** Pre-typed transaction with EIP-155 replay protection; priced by {@code gasPrice}. */
    LEGACY("legacy"),
    /** EIP-2930 (type {@code 0x01}): access list, priced by {@code gasPrice}, y-parity. */
    EIP2930("eip2930"),
    /** EIP-1559 (type {@code 0x02}): max fee per gas and max priority fee per gas, y-parity. */
    EIP1559("eip1559"),
    /**
     * EIP-7702 set-code transaction (type {@code 0x04}): priced like EIP-1559, with an
     * authorization list that delegates accounts' code to a contract; cannot create a contract.
     */
    EIP7702("eip7702");

    private final String id;

    TransactionType(String id) {
        this.id = id;
    }

    /**
     * @return the name used in configuration: {@code legacy}, {@code eip2930}, {@code eip1559},
     *     {@code eip7702}
     */
    public String id() {
        return id;
    }

    /**
     * @return whether the type is priced by max fee and max priority fee per gas (EIP-1559's fee
     *     market: EIP-1559 and EIP-7702), rather than by a gas price
     */
    public boolean feeMarket() {
        return this == EIP1559 || this == EIP7702;
    }

    /**
     * @param value as configured (case-insensitive); {@code null} or blank means EIP-1559
     * @param parameter parameter name for errors
     * @return the type
     * @throws InvalidInputException for other values
     */
    public static TransactionType parse(String value, String parameter) {
        if (value == null || value.isBlank()) {
            return EIP1559;
        }
        String v = value.trim().toLowerCase(Locale.ROOT).replace("-", "");
        for (TransactionType type : values()) {
            if (type.id.equals(v)) {
                return type;
            }
        }
        if (v.equals("2") || v.equals("0x2") || v.equals("0x02")) {
            return EIP1559;
        }
        if (v.equals("1") || v.equals("0x1") || v.equals("0x01")) {
            return EIP2930;
        }
        if (v.equals("0") || v.equals("0x0") || v.equals("0x00")) {
            return LEGACY;
        }
        if (v.equals("4") || v.equals("0x4") || v.equals("0x04")) {
            return EIP7702;
        }
        throw new InvalidInputException(
                parameter,
                "'" + value + "' is not a transaction type; use eip1559 (default), eip2930, legacy or eip7702");
    }
}
