package io.kmsethereum.core.tx;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.crypto.RecoverableSignature;
import io.kmsethereum.core.signer.SignedAuthorization;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.web3j.crypto.AccessListObject;
import org.web3j.crypto.Hash;
import org.web3j.rlp.RlpEncoder;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;
import org.web3j.utils.Numeric;

/**
 * EIP-7702 set-code transactions (type {@code 0x04}), which web3j 4.13 cannot represent (its
 * {@code TransactionType} ends at EIP-4844), encoded with web3j's RLP encoder
 * (<a href="https://eips.ethereum.org/EIPS/eip-7702">EIP-7702</a>, "Set code transaction"):
 *
 * <pre>
 * 0x04 || rlp([chain_id, nonce, max_priority_fee_per_gas, max_fee_per_gas, gas_limit,
 *              destination, value, data, access_list, authorization_list, y_parity, r, s])
 * </pre>
 *
 * The sender signs {@code keccak256(0x04 || rlp([...]))} of the first ten fields (EIP-2718 typed
 * envelope, as EIP-1559); {@code authorization_list} holds signed tuples
 * {@code [chain_id, address, nonce, y_parity, r, s]} ({@link SignedAuthorization#toRlp()}).
 * Integers are big-endian without leading zeros, zero as the empty string.
 */
public final class SetCodeTransactions {
    /** The EIP-2718 type byte of a set-code transaction. */
    public static final byte TYPE = 0x04;

    /**
     * EIP-7702 {@code PER_EMPTY_ACCOUNT_COST}: the intrinsic gas of each authorization (partly
     * refunded when the authority's account already exists).
     */
    public static final long PER_EMPTY_ACCOUNT_COST = 25_000;

    private SetCodeTransactions() {}

    /**
     * Checks what makes a set-code transaction valid before anything is signed: every field is
     * present, there is a destination (it cannot create a contract), the authorization list is
     * not empty, and the fees are consistent.
     *
     * @param request an EIP-7702 request
     * @throws InvalidInputException naming the missing or wrong field
     */
    public static void checkComplete(TransactionRequest request) {
        if (request.type() != TransactionType.EIP7702) {
            throw new IllegalArgumentException("not an eip7702 request: " + request.type());
        }
        RawTransactions.checkComplete(request);
        if (request.to() == null) {
            throw new InvalidInputException(
                    "to", "is missing, but an eip7702 (set-code) transaction cannot create a contract (EIP-7702)");
        }
        if (request.authorizationList().isEmpty()) {
            throw new InvalidInputException(
                    "delegate",
                    "an eip7702 transaction needs at least one authorization (EIP-7702); set delegate, and"
                            + " authorizeSender, additionalKeyIds or authorizationFiles to say who delegates");
        }
        TransactionRules.check(request);
    }

    /**
     * @param request a complete EIP-7702 request ({@link #checkComplete})
     * @return the bytes the sender signs the Keccak-256 hash of: {@code 0x04 || rlp([chain_id,
     *     nonce, max_priority_fee_per_gas, max_fee_per_gas, gas_limit, destination, value, data,
     *     access_list, authorization_list])}
     */
    public static byte[] signingPayload(TransactionRequest request) {
        return envelope(fields(request));
    }

    /**
     * @param request a complete EIP-7702 request
     * @param signature the sender's low-s signature of Keccak-256 of {@link #signingPayload}
     * @return the signed transaction bytes for {@code eth_sendRawTransaction}
     */
    public static byte[] encode(TransactionRequest request, RecoverableSignature signature) {
        List<RlpType> fields = fields(request);
        fields.add(RlpString.create(BigInteger.valueOf(signature.recoveryId())));
        fields.add(RlpString.create(signature.r()));
        fields.add(RlpString.create(signature.s()));
        return envelope(fields);
    }

    /**
     * Checks and signs a set-code transaction.
     *
     * @param request a complete EIP-7702 request with its signed authorizations
     * @param from the sender (the signing key's address)
     * @param signDigest signs a 32-byte digest with the sender's key (one KMS {@code Sign},
     *     checked against the key)
     * @return the signed transaction and its decoded fields
     * @throws InvalidInputException if the request is incomplete ({@link #checkComplete})
     */
    public static SignedTransaction sign(
            TransactionRequest request, String from, Function<byte[], RecoverableSignature> signDigest) {
        checkComplete(request);
        RecoverableSignature signature = signDigest.apply(Hash.sha3(signingPayload(request)));
        return SignedTransaction.ofSetCode(request, from, encode(request, signature));
    }

    private static List<RlpType> fields(TransactionRequest request) {
        List<RlpType> fields = new ArrayList<>();
        fields.add(RlpString.create(BigInteger.valueOf(request.chainId())));
        fields.add(RlpString.create(request.nonce()));
        fields.add(RlpString.create(request.maxPriorityFeePerGasWei()));
        fields.add(RlpString.create(request.maxFeePerGasWei()));
        fields.add(RlpString.create(request.gasLimit()));
        fields.add(RlpString.create(Numeric.hexStringToByteArray(request.to())));
        fields.add(RlpString.create(request.valueWei()));
        fields.add(RlpString.create(request.data()));
        List<RlpType> accessList = new ArrayList<>();
        for (AccessListObject entry : request.accessList()) {
            List<RlpType> keys = new ArrayList<>();
            for (String key : entry.getStorageKeys()) {
                keys.add(RlpString.create(Numeric.hexStringToByteArray(key)));
            }
            accessList.add(
                    new RlpList(RlpString.create(Numeric.hexStringToByteArray(entry.getAddress())), new RlpList(keys)));
        }
        fields.add(new RlpList(accessList));
        List<RlpType> authorizations = new ArrayList<>();
        for (SignedAuthorization authorization : request.authorizationList()) {
            authorizations.add(authorization.toRlp());
        }
        fields.add(new RlpList(authorizations));
        return fields;
    }

    private static byte[] envelope(List<RlpType> fields) {
        byte[] rlp = RlpEncoder.encode(new RlpList(fields));
        byte[] out = new byte[rlp.length + 1];
        out[0] = TYPE;
        System.arraycopy(rlp, 0, out, 1, rlp.length);
        return out;
    }
}
