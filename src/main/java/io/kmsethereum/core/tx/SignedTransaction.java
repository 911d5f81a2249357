package io.kmsethereum.core.tx;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.kmsethereum.core.signer.SignedAuthorization;
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
 * @param type {@code legacy}, {@code eip2930}, {@code eip1559} or {@code eip7702}
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
 * @param authorizationList the EIP-7702 authorizations ({@code eip7702} only; omitted from JSON
 *     when empty)
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
    "authorizationList",
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
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<SignedAuthorization> authorizationList,
        String hash,
        String raw) {

    /**
     * A transaction without authorizations (every type but EIP-7702).
     *
     * @param type the type's name
     * @param chainId chain id
     * @param nonce nonce
     * @param from sender
     * @param to recipient or {@code null}
     * @param value amount in wei
     * @param gasLimit gas limit
     * @param gasPrice gas price or {@code null}
     * @param maxFeePerGas max fee per gas or {@code null}
     * @param maxPriorityFeePerGas max priority fee per gas or {@code null}
     * @param data calldata hex
     * @param accessList access list or {@code null}
     * @param hash transaction hash
     * @param raw raw transaction hex
     */
    public SignedTransaction(
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
            List<AccessListObject> accessList,
            String hash,
            String raw) {
        this(
                type,
                chainId,
                nonce,
                from,
                to,
                value,
                gasLimit,
                gasPrice,
                maxFeePerGas,
                maxPriorityFeePerGas,
                data,
                accessList,
                null,
                hash,
                raw);
    }

    /**
     * @param request the complete EIP-7702 request that was signed
     * @param from the sender
     * @param raw the signed bytes ({@code 0x04 || rlp(...)})
     * @return the description of the signed transaction
     */
    public static SignedTransaction ofSetCode(TransactionRequest request, String from, byte[] raw) {
        return new SignedTransaction(
                request.type().id(),
                request.chainId(),
                dec(request.nonce()),
                from,
                request.to(),
                dec(request.valueWei()),
                dec(request.gasLimit()),
                null,
                dec(request.maxFeePerGasWei()),
                dec(request.maxPriorityFeePerGasWei()),
                Numeric.toHexString(request.data()),
                request.accessList(),
                request.authorizationList(),
                Numeric.toHexString(Hash.sha3(raw)),
                Numeric.toHexString(raw));
    }

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
