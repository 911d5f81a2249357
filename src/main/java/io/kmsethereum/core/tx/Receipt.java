package io.kmsethereum.core.tx;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigInteger;
import org.web3j.crypto.Keys;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * The receipt of a mined transaction (execution-apis {@code eth_getTransactionReceipt}), as
 * {@link TransactionSender} returns it and the goals write it to JSON. Amounts in wei as decimal
 * strings in JSON.
 *
 * @param transactionHash the transaction hash, {@code 0x} hex
 * @param blockNumber the block that includes it
 * @param blockHash that block's hash
 * @param success {@code true} for status 1; {@code false} for status 0 (reverted)
 * @param gasUsed gas used by this transaction
 * @param effectiveGasPrice wei paid per gas (base fee + priority fee for EIP-1559), or
 *     {@code null} if the node does not report it
 * @param contractAddress the created contract (EIP-55) for contract creation, else {@code null}
 * @param from sender (EIP-55)
 * @param to recipient (EIP-55), {@code null} for contract creation
 * @param confirmations blocks on top of and including {@code blockNumber} when the wait ended
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Receipt(
        String transactionHash,
        long blockNumber,
        String blockHash,
        boolean success,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger gasUsed,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger effectiveGasPrice,
        String contractAddress,
        String from,
        String to,
        long confirmations) {

    /**
     * @param receipt web3j's receipt
     * @param confirmations the confirmations counted
     * @return the summary
     */
    public static Receipt of(TransactionReceipt receipt, long confirmations) {
        BigInteger price =
                receipt.getEffectiveGasPrice() == null ? null : Numeric.decodeQuantity(receipt.getEffectiveGasPrice());
        // status is absent before Byzantium (EIP-658); such a receipt means the transaction was included
        boolean success = receipt.getStatus() == null || receipt.isStatusOK();
        return new Receipt(
                receipt.getTransactionHash(),
                receipt.getBlockNumber().longValueExact(),
                receipt.getBlockHash(),
                success,
                receipt.getGasUsed(),
                price,
                checksum(receipt.getContractAddress()),
                checksum(receipt.getFrom()),
                checksum(receipt.getTo()),
                confirmations);
    }

    /**
     * @return the fee paid, {@code gasUsed × effectiveGasPrice} in wei, or {@code null} when the
     *     price is unknown
     */
    @JsonIgnore
    public BigInteger fee() {
        return effectiveGasPrice == null ? null : gasUsed.multiply(effectiveGasPrice);
    }

    /**
     * @param confirmations the new count
     * @return a copy with that many confirmations
     */
    public Receipt withConfirmations(long confirmations) {
        return new Receipt(
                transactionHash,
                blockNumber,
                blockHash,
                success,
                gasUsed,
                effectiveGasPrice,
                contractAddress,
                from,
                to,
                confirmations);
    }

    private static String checksum(String address) {
        return address == null || address.isBlank() || address.equals("0x") ? null : Keys.toChecksumAddress(address);
    }
}
