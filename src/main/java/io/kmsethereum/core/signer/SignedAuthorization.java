package io.kmsethereum.core.signer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.Json;
import io.kmsethereum.core.crypto.Addresses;
import io.kmsethereum.core.crypto.RecoverableSignature;
import io.kmsethereum.core.crypto.Secp256k1;
import io.kmsethereum.core.input.Quantities;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.crypto.ECDSASignature;
import org.web3j.crypto.Sign;
import org.web3j.rlp.RlpList;
import org.web3j.rlp.RlpString;
import org.web3j.rlp.RlpType;
import org.web3j.utils.Numeric;

/**
 * A signed EIP-7702 authorization tuple {@code [chain_id, address, nonce, y_parity, r, s]} with
 * the account that signed it. Its JSON form ({@link #toJson()}) is the authorization object of
 * the Ethereum JSON-RPC API (execution-apis {@code AuthorizationListEntry}: quantities as
 * {@code 0x} hex) plus {@code authority}, so {@code cast recover-authority} and a node's
 * {@code authorizationList} read it as they are:
 *
 * <pre>{"authority": "0x…", "chainId": "0x1", "address": "0x…", "nonce": "0x0", "yParity": "0x1", "r": "0x…", "s": "0x…"}</pre>
 *
 * @param authority the account that signed, EIP-55 (recovered from the signature)
 * @param chainId the chain on which it is valid, 0 for every chain
 * @param address the delegate, EIP-55; the zero address revokes
 * @param nonce the authority's nonce it is valid for
 * @param yParity the recovery id, 0 or 1
 * @param r the signature's r, 1 ≤ r &lt; n
 * @param s the signature's s, 1 ≤ s ≤ n/2 (EIP-2)
 */
public record SignedAuthorization(
        String authority,
        BigInteger chainId,
        String address,
        BigInteger nonce,
        int yParity,
        BigInteger r,
        BigInteger s) {

    /**
     * @param authorization what was signed
     * @param signature the checked low-s signature of {@link Authorization#digest()}
     * @param authority the signing account
     * @return the signed tuple
     */
    public static SignedAuthorization of(
            Authorization authorization, RecoverableSignature signature, String authority) {
        return new SignedAuthorization(
                Addresses.parse(authority, "authority"),
                authorization.chainId(),
                authorization.address(),
                authorization.nonce(),
                signature.recoveryId(),
                signature.r(),
                signature.s());
    }

    /**
     * @return the unsigned tuple {@code [chain_id, address, nonce]}
     */
    public Authorization authorization() {
        return new Authorization(chainId, address, nonce);
    }

    /**
     * @return the RLP item of the transaction's {@code authorization_list}:
     *     {@code [chain_id, address, nonce, y_parity, r, s]}, integers without leading zeros
     */
    public RlpList toRlp() {
        List<RlpType> fields = new ArrayList<>(authorization().rlpFields().getValues());
        fields.add(RlpString.create(BigInteger.valueOf(yParity)));
        fields.add(RlpString.create(r));
        fields.add(RlpString.create(s));
        return new RlpList(fields);
    }

    /**
     * Checks what EIP-7702 requires of a tuple before a node applies it, and that it was signed by
     * {@link #authority()}: {@code y_parity} 0 or 1, {@code 1 ≤ r < n}, {@code 1 ≤ s ≤ n/2}
     * (EIP-2 low-s), and ecrecover of the digest gives the authority.
     *
     * @param parameter the parameter the authorization came from, for the message
     * @param source where it came from (a file name), for the message
     * @return this
     * @throws InvalidInputException ({@code parameter}) if a check fails
     */
    public SignedAuthorization check(String parameter, String source) {
        String problem = problem();
        if (problem != null) {
            throw new InvalidInputException(parameter, "the authorization of " + source + " is not valid: " + problem);
        }
        return this;
    }

    /**
     * @return what makes this tuple one a node skips (y-parity, {@code r}, high {@code s}, a
     *     signature of another account), or {@code null} when it is valid
     */
    String problem() {
        if (yParity != 0 && yParity != 1) {
            return "yParity is " + yParity + "; EIP-7702 signatures have y-parity 0 or 1";
        }
        if (r.signum() <= 0 || r.compareTo(Secp256k1.N) >= 0) {
            return "r is not in [1, n-1] of secp256k1";
        }
        if (s.signum() <= 0 || s.compareTo(Secp256k1.HALF_N) > 0) {
            return "s is above secp256k1n/2 (or zero); EIP-2 and EIP-7702 accept only low-s signatures,"
                    + " so a node skips this authorization. Have it signed again with low s";
        }
        String recovered = recover();
        if (recovered == null) {
            return "its signature does not recover to any account";
        }
        if (!Addresses.same(recovered, authority)) {
            return "its signature recovers to " + recovered + ", not to its authority " + authority
                    + " (the file was changed after signing, or its authority is wrong)";
        }
        return null;
    }

    /**
     * @return the address {@code ecrecover} finds for {@link Authorization#digest()} and this
     *     signature, EIP-55, or {@code null} if none
     */
    public String recover() {
        if (yParity != 0 && yParity != 1 || r.signum() <= 0 || s.signum() <= 0) {
            return null;
        }
        BigInteger key;
        try {
            key = Sign.recoverFromSignature(
                    yParity, new ECDSASignature(r, s), authorization().digest());
        } catch (RuntimeException e) {
            return null;
        }
        return key == null ? null : Addresses.fromPublicKey(Numeric.toBytesPadded(key, 64));
    }

    /**
     * @return the JSON object: {@code authority}, {@code chainId}, {@code address},
     *     {@code nonce}, {@code yParity}, {@code r}, {@code s}; quantities as {@code 0x} hex
     */
    @JsonValue
    public Map<String, String> toJson() {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("authority", authority);
        json.put("chainId", Numeric.encodeQuantity(chainId));
        json.put("address", address);
        json.put("nonce", Numeric.encodeQuantity(nonce));
        json.put("yParity", Numeric.encodeQuantity(BigInteger.valueOf(yParity)));
        json.put("r", Numeric.encodeQuantity(r));
        json.put("s", Numeric.encodeQuantity(s));
        return json;
    }

    /**
     * Reads the JSON form back (as written by {@link #toJson()}; for state records).
     *
     * @param json the object
     * @return the authorization, not checked
     * @throws InvalidInputException if a field is missing or malformed
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static SignedAuthorization fromJson(Map<String, Object> json) {
        return fromJson(Json.MAPPER.valueToTree(json), "authorization", "a state record");
    }

    /**
     * Reads an authorization object: {@code chainId}, {@code address}, {@code nonce},
     * {@code yParity}, {@code r}, {@code s} (quantities as {@code 0x} hex, decimal strings or
     * JSON numbers), and {@code authority} if present; without it the authority is the account
     * the signature recovers to. Unknown fields are ignored.
     *
     * @param json the object
     * @param parameter the parameter it came from, for messages
     * @param source where it came from (a file), for messages
     * @return the authorization; call {@link #check} before using it
     * @throws InvalidInputException ({@code parameter}) if a field is missing or malformed
     */
    public static SignedAuthorization fromJson(JsonNode json, String parameter, String source) {
        if (json == null || !json.isObject()) {
            throw new InvalidInputException(
                    parameter,
                    source + " does not hold an authorization object {\"chainId\", \"address\", \"nonce\", \"yParity\","
                            + " \"r\", \"s\"} (as kms-sign-authorization writes it)");
        }
        BigInteger chainId = quantity(json, "chainId", parameter, source);
        String address = field(json, "address", parameter, source, Addresses::parse);
        BigInteger nonce = quantity(json, "nonce", parameter, source);
        BigInteger yParity = quantity(json, "yParity", parameter, source);
        BigInteger r = quantity(json, "r", parameter, source);
        BigInteger s = quantity(json, "s", parameter, source);
        if (nonce.compareTo(Authorization.MAX_NONCE) > 0) {
            throw new InvalidInputException(
                    parameter,
                    "the authorization of " + source + " has nonce " + nonce + ", above 2^64 - 2 (EIP-7702)");
        }
        if (yParity.bitLength() > 8) {
            throw new InvalidInputException(
                    parameter, "the authorization of " + source + " has yParity " + yParity + "; it must be 0 or 1");
        }
        String authority =
                json.hasNonNull("authority") ? field(json, "authority", parameter, source, Addresses::parse) : null;
        SignedAuthorization read =
                new SignedAuthorization(authority, chainId, address, nonce, yParity.intValue(), r, s);
        if (authority == null) {
            String recovered = read.recover();
            if (recovered == null) {
                throw new InvalidInputException(
                        parameter,
                        "the authorization of " + source
                                + " is not valid: its signature does not recover to any account");
            }
            read = new SignedAuthorization(recovered, chainId, address, nonce, yParity.intValue(), r, s);
        }
        return read;
    }

    private static String text(JsonNode json, String field, String parameter, String source) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull() || value.asText().isBlank()) {
            throw new InvalidInputException(parameter, "the authorization of " + source + " has no \"" + field + "\"");
        }
        return value.asText();
    }

    private static BigInteger quantity(JsonNode json, String field, String parameter, String source) {
        return field(json, field, parameter, source, Quantities::parse);
    }

    /** Parses one field, naming the parameter and the file when the value is bad. */
    private static <T> T field(
            JsonNode json,
            String field,
            String parameter,
            String source,
            java.util.function.BiFunction<String, String, T> parse) {
        try {
            return parse.apply(text(json, field, parameter, source), field);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(
                    parameter, "the authorization of " + source + " has a bad \"" + field + "\": " + e.getDetail());
        }
    }
}
