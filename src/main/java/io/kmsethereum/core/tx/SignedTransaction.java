package io.kmsethereum.core.tx;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.math.BigInteger;
import java.util.List;
import org.web3j.crypto.AccessListObject;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.transaction.type.ITransaction;
import org.web3j.crypto.transaction.type.Transaction1559;
import org.web3j.crypto.transaction.type.Transaction2930;
import org.web3j.utils.Numeric;

/**
 * A signed transaction and its decoded fields, as written to the {@code outputFile} JSON.
 * Amounts are decimal strings in wei; {@code raw} and {@code hash} are {@code 0x} hex.
 *
 * @param type {@code legacy}, {@code eip2930} or {@code eip1559}
 * @param chainId chain id
 * @param nonce nonce
 * @param from sender address (the KMS key's), EIP-55
 * @param to recipient, or {@code null} for contract creation
 * @param value amount in wei
 * @param gasLimit gas limit
 * @param gasPrice gas price in wei (legacy, EIP-2930), else {@code null}
 * @param maxFeePerGas max fee per gas in wei (EIP-1559), else {@code null}
 * @param maxPriorityFeePerGas max priority fee per gas in wei (EIP-1559), else {@code null}
 * @param data calldata as hex
 * @param accessList EIP-2930 access list ({@code null} for legacy; omitted from JSON when empty)
 * @param hash transaction hash: Keccak-256 of the raw bytes
 * @param raw the signed raw transaction as hex, for {@code eth_sendRawTransaction}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
    "type",
    "chainId",
    "nonce",
    "from",
    "to",
    "value",
    "gasLimit",
    "gasPrice",
    "maxFeePerGas",
    "maxPriorityFeePerGas",
    "data",
    "accessList",
    "hash",
    "raw"
})
public record SignedTransaction(
        String type,
        long chainId,
        String nonce,
        String from,
        String to,
        String value,
        String gasLimit,
        String gasPrice,
        String maxFeePerGas,
        String maxPriorityFeePerGas,
        String data,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<AccessListObject> accessList,
        String hash,
        String raw) {

    /**
     * @param type the envelope
     * @param chainId the chain id
     * @param from the sender
     * @param unsigned the transaction that was signed
     * @param raw the signed bytes
     * @return the description of the signed transaction
     */
    public static SignedTransaction of(
            TransactionType type, long chainId, String from, RawTransaction unsigned, byte[] raw) {
        ITransaction tx = unsigned.getTransaction();
        String to = tx.getTo() == null || tx.getTo().isEmpty() || tx.getTo().equals("0x") ? null : tx.getTo();
        String gasPrice = null;
        String maxFee = null;
        String maxPriority = null;
        List<AccessListObject> accessList = null;
        if (tx instanceof Transaction2930 t) {
            accessList = t.getAccessList();
        }
        if (tx instanceof Transaction1559 t) {
            maxFee = dec(t.getMaxFeePerGas());
            maxPriority = dec(t.getMaxPriorityFeePerGas());
        } else {
            gasPrice = dec(tx.getGasPrice());
        }
        return new SignedTransaction(
                type.id(),
                chainId,
                dec(tx.getNonce()),
                from,
                to,
                dec(tx.getValue()),
                dec(tx.getGasLimit()),
                gasPrice,
                maxFee,
                maxPriority,
                tx.getData() == null || tx.getData().isEmpty() ? "0x" : Numeric.prependHexPrefix(tx.getData()),
                accessList,
                Numeric.toHexString(Hash.sha3(raw)),
                Numeric.toHexString(raw));
    }

    private static String dec(BigInteger value) {
        return value == null ? null : value.toString();
    }
}
