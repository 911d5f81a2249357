package io.kmsethereum.core.signer;

import io.kmsethereum.core.SignatureCheckException;
import io.kmsethereum.core.crypto.RecoverableSignature;
import io.kmsethereum.core.crypto.SignatureConverter;
import io.kmsethereum.core.kms.KmsKey;
import io.kmsethereum.core.kms.KmsKeys;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.Sign;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.service.TxSignService;
import org.web3j.utils.Numeric;
import software.amazon.awssdk.services.kms.KmsClient;

/**
 * An Ethereum signer backed by an AWS KMS key. Every signature is one KMS {@code Sign} call on a
 * 32-byte Keccak-256 digest, converted to low-s {@code (r, s, recovery id)} and verified against
 * the key's public key before it is returned ({@link SignatureConverter}).
 *
 * <p>Implements web3j's {@link TxSignService}, so
 * {@code new RawTransactionManager(web3j, kmsSigner, chainId)} deploys and calls web3j contract
 * wrappers with the KMS key. (web3j's own {@code HSMAwsKMSRequestProcessor} must not be used: it
 * hashes the digest again and does not normalise {@code s}.)
 *
 * <p>Thread-safe: the KMS client is thread-safe and the signer holds no mutable state.
 */
public class KmsSigner implements TxSignService {
    private final DigestSigner kms;
    private final KmsKey key;

    /**
     * Signs through KMS.
     *
     * @param client a KMS client; not closed by the signer
     * @param key a key checked by {@link KmsKeys#resolve}
     * @param where where the client points, for error messages
     */
    public KmsSigner(KmsClient client, KmsKey key, String where) {
        this(digest -> KmsKeys.signDigest(client, key, digest, where), key);
    }

    /**
     * Signs through any function that returns a DER ECDSA signature for a digest (tests, other
     * HSMs with the same contract as KMS {@code Sign}).
     *
     * @param kms returns the DER signature of a 32-byte digest
     * @param key the key whose public key every signature must verify against
     */
    public KmsSigner(DigestSigner kms, KmsKey key) {
        this.kms = Objects.requireNonNull(kms, "kms");
        this.key = Objects.requireNonNull(key, "key");
    }

    /**
     * @return the key this signer uses
     */
    public KmsKey getKey() {
        return key;
    }

    /**
     * @return the account address, EIP-55 checksummed
     */
    @Override
    public String getAddress() {
        return key.address();
    }

    /**
     * Signs a digest.
     *
     * @param digest 32 bytes
     * @return the low-s signature with its recovery id, verified against the key
     * @throws io.kmsethereum.core.SignatureCheckException if KMS returned a signature that does
     *     not verify against the key
     * @throws io.kmsethereum.core.KmsEthereumException if the KMS call fails
     */
    public RecoverableSignature signDigest(byte[] digest) {
        byte[] der = kms.sign(digest);
        return SignatureConverter.toEthereum(digest, der, key.publicKey());
    }

    /**
     * Signs a transaction: legacy transactions with EIP-155 replay protection
     * ({@code v = chainId·2 + 35 + recovery id}), EIP-2930 and EIP-1559 transactions with a
     * y-parity (EIP-2718 envelope; the chain id is part of the signed payload).
     *
     * @param rawTransaction the unsigned transaction
     * @param chainId the chain id; for typed transactions it must equal the transaction's own
     * @return the signed raw transaction bytes, ready for {@code eth_sendRawTransaction}
     * @throws IllegalArgumentException if {@code chainId} is not positive or does not match
     */
    @Override
    public byte[] sign(RawTransaction rawTransaction, long chainId) {
        if (chainId <= 0) {
            throw new IllegalArgumentException("chain id must be positive (EIP-155), was " + chainId);
        }
        if (rawTransaction.getType().isLegacy()) {
            byte[] preimage = TransactionEncoder.encode(rawTransaction, chainId);
            RecoverableSignature signature = signDigest(Hash.sha3(preimage));
            Sign.SignatureData data = new Sign.SignatureData(
                    Numeric.toBytesPadded(signature.eip155V(chainId), minimalLength(signature.eip155V(chainId))),
                    Numeric.toBytesPadded(signature.r(), 32),
                    Numeric.toBytesPadded(signature.s(), 32));
            return TransactionEncoder.encode(rawTransaction, data);
        }
        long ownChainId = transactionChainId(rawTransaction);
        if (ownChainId != chainId) {
            throw new IllegalArgumentException(
                    "transaction chain id " + ownChainId + " differs from signer chain id " + chainId);
        }
        byte[] preimage = TransactionEncoder.encode(rawTransaction);
        RecoverableSignature signature = signDigest(Hash.sha3(preimage));
        return TransactionEncoder.encode(rawTransaction, signature.toMessageSignatureData());
    }

    /**
     * Signs a message the way {@code personal_sign} does (EIP-191 version {@code 0x45}): the
     * digest is Keccak-256 of {@code "\x19Ethereum Signed Message:\n" + len(message) + message}.
     *
     * @param message the message bytes (text as UTF-8)
     * @return the signature; {@link RecoverableSignature#toBytes65()} gives {@code r‖s‖v}, v 27/28
     */
    public RecoverableSignature signPersonalMessage(byte[] message) {
        return signDigest(Sign.getEthereumMessageHash(message));
    }

    /**
     * Signs typed structured data the way {@code eth_signTypedData_v4} does (EIP-712): the
     * digest is Keccak-256 of {@code 0x19 0x01 ‖ domainSeparator ‖ hashStruct(message)}, as
     * {@link TypedData} computes it. No EIP-155 {@code v}: the chain id, if any, is in the domain.
     *
     * @param typedDataJson the JSON document with {@code types}, {@code primaryType},
     *     {@code domain} and {@code message}
     * @return the signature; {@link RecoverableSignature#toBytes65()} gives {@code r‖s‖v}, v 27/28
     * @throws io.kmsethereum.core.InvalidInputException if the JSON is not valid EIP-712 typed
     *     data (checked before KMS is called)
     */
    public RecoverableSignature signTypedData(String typedDataJson) {
        return signDigest(TypedData.parse(typedDataJson, "typedData").digest());
    }

    /**
     * Signs an EIP-7702 authorization with this key as its authority: one KMS {@code Sign} of
     * {@code keccak256(0x05 || rlp([chain_id, address, nonce]))}, checked against the key, then
     * checked as a node checks it (y-parity 0 or 1, low s, ecrecover gives this key's address).
     *
     * @param authorization the tuple to sign
     * @return the signed tuple, authority = this key's address
     * @throws io.kmsethereum.core.SignatureCheckException if KMS returned a signature that does
     *     not verify against the key
     */
    public SignedAuthorization signAuthorization(Authorization authorization) {
        RecoverableSignature signature = signDigest(authorization.digest());
        SignedAuthorization signed = SignedAuthorization.of(authorization, signature, getAddress());
        String problem = signed.problem();
        if (problem != null) {
            throw new SignatureCheckException(
                    "The KMS signature of the EIP-7702 authorization is not usable (" + problem + "); sign again");
        }
        return signed;
    }

    /**
     * @param text a message as text
     * @return as {@link #signPersonalMessage(byte[])} on its UTF-8 bytes
     */
    public RecoverableSignature signPersonalMessage(String text) {
        return signPersonalMessage(text.getBytes(StandardCharsets.UTF_8));
    }

    private static int minimalLength(BigInteger value) {
        return Math.max(1, (value.bitLength() + 7) / 8);
    }

    private static long transactionChainId(RawTransaction rawTransaction) {
        Object tx = rawTransaction.getTransaction();
        if (tx instanceof org.web3j.crypto.transaction.type.Transaction1559 t) {
            return t.getChainId();
        }
        if (tx instanceof org.web3j.crypto.transaction.type.Transaction2930 t) {
            return t.getChainId();
        }
        throw new IllegalArgumentException("unsupported transaction type " + rawTransaction.getType());
    }
}
