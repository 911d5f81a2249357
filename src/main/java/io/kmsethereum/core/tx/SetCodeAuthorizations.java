package io.kmsethereum.core.tx;

import com.fasterxml.jackson.databind.JsonNode;
import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.Json;
import io.kmsethereum.core.crypto.Addresses;
import io.kmsethereum.core.input.Quantities;
import io.kmsethereum.core.rpc.NodeClient;
import io.kmsethereum.core.signer.Authorization;
import io.kmsethereum.core.signer.KmsSigner;
import io.kmsethereum.core.signer.KmsSigners;
import io.kmsethereum.core.signer.SignedAuthorization;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.web3j.utils.Numeric;

/**
 * The authorization list of an EIP-7702 transaction ({@code kms-sign} with {@code txType=eip7702}):
 * who delegates to what, checked before anything is signed, then signed in KMS.
 *
 * <p>The list, in this order: the sender's own authorization ({@code authorizeSender}, default on;
 * its nonce is the transaction's nonce + 1, because the node increments the sender's nonce before
 * it processes the list), one per key of {@code additionalKeyIds} (nonce: that account's pending
 * nonce on the node), then the authorizations of {@code authorizationFiles}, signed elsewhere
 * (checked: the signature recovers to the stated authority with low s and y-parity 0/1, the chain
 * id is the transaction's or 0, the nonce is the authority's on the node). KMS keys delegate to
 * {@code delegate}; the zero address revokes. Chain id: the transaction's, or 0 ("any chain",
 * replayable on every chain) only with {@code authorizationChainId=any}.
 *
 * <p>Safety (EIP-7702, "Security considerations": a delegate has full control of the account):
 * every delegate must have code on the chain ({@code eth_getCode}) unless
 * {@code allowDelegateWithoutCode}; a delegate whose code is itself a delegation designator is
 * refused too (a node does not follow it); revocations are exempt. The log names each account and
 * its delegate.
 */
public final class SetCodeAuthorizations {
    /** The value of {@code authorizationChainId} that asks for chain id 0: valid on every chain. */
    public static final String ANY_CHAIN = "any";

    private static final byte[] DESIGNATOR = {(byte) 0xef, 0x01, 0x00};

    private final String delegate;
    private final Long chainId;
    private final boolean anyChain;
    private final boolean authorizeSender;
    private final int additionalKeys;
    private final List<ReadAuthorization> files;
    private final boolean allowDelegateWithoutCode;

    /**
     * An authorization read from a file.
     *
     * @param file the file, as configured
     * @param authorization the tuple, its signature checked
     */
    public record ReadAuthorization(String file, SignedAuthorization authorization) {}

    /**
     * The set-code parameters of {@code kms-sign} as configured.
     *
     * @param delegate the contract the KMS keys' accounts delegate to, or the zero address to
     *     revoke; required when a KMS key authorizes
     * @param authorizationChainId empty (the transaction's chain id), {@value #ANY_CHAIN} (0, every
     *     chain) or the transaction's chain id
     * @param authorizeSender whether the sending key's account delegates
     * @param authorizationFiles JSON files of authorizations signed elsewhere (may be empty)
     * @param allowDelegateWithoutCode whether a delegate without code on the chain is accepted
     */
    public record Input(
            String delegate,
            String authorizationChainId,
            boolean authorizeSender,
            List<Path> authorizationFiles,
            boolean allowDelegateWithoutCode) {

        /** Normalises a {@code null} file list. */
        public Input {
            authorizationFiles = authorizationFiles == null ? List.of() : List.copyOf(authorizationFiles);
        }

        /**
         * Fails when set-code parameters are given for another transaction type, where they would
         * be ignored.
         *
         * @param type the transaction type
         * @param additionalKeys how many {@code additionalKeyIds} are configured
         * @throws InvalidInputException naming the first such parameter
         */
        public void checkUnused(TransactionType type, int additionalKeys) {
            if (type == TransactionType.EIP7702) {
                return;
            }
            String set = delegate != null && !delegate.isBlank()
                    ? "delegate"
                    : authorizationChainId != null && !authorizationChainId.isBlank()
                            ? "authorizationChainId"
                            : !authorizationFiles.isEmpty()
                                    ? "authorizationFiles"
                                    : additionalKeys > 0 ? KmsSigners.PARAMETER : null;
            if (set != null) {
                throw new InvalidInputException(
                        set,
                        "applies to txType=eip7702 (set-code transactions) only, and txType is " + type.id()
                                + "; set txType to eip7702 or remove " + set);
            }
        }
    }

    private SetCodeAuthorizations(
            String delegate,
            Long chainId,
            boolean anyChain,
            boolean authorizeSender,
            int additionalKeys,
            List<ReadAuthorization> files,
            boolean allowDelegateWithoutCode) {
        this.additionalKeys = additionalKeys;
        this.delegate = delegate;
        this.chainId = chainId;
        this.anyChain = anyChain;
        this.authorizeSender = authorizeSender;
        this.files = List.copyOf(files);
        this.allowDelegateWithoutCode = allowDelegateWithoutCode;
    }

    /**
     * Parses the parameters, reads the files and checks each file's signatures; needs neither the
     * node nor KMS.
     *
     * @param input the parameters
     * @param additionalKeys how many keys {@code additionalKeyIds} lists
     * @return the parsed list
     * @throws InvalidInputException naming the parameter at fault: the list would be empty,
     *     {@code delegate} is missing (or set with no KMS key to use it), a chain id or file is bad
     */
    public static SetCodeAuthorizations parse(Input input, int additionalKeys) {
        String delegate = input.delegate() == null || input.delegate().isBlank()
                ? null
                : Addresses.parse(input.delegate(), "delegate");
        boolean kms = input.authorizeSender() || additionalKeys > 0;
        if (!kms && input.authorizationFiles().isEmpty()) {
            throw new InvalidInputException(
                    "authorizeSender",
                    "is false and there are neither additionalKeyIds nor authorizationFiles, so the"
                            + " authorization list would be empty, which EIP-7702 does not allow. Set authorizeSender=true,"
                            + " additionalKeyIds or authorizationFiles");
        }
        if (!kms && delegate != null) {
            throw new InvalidInputException(
                    "delegate",
                    "is set, but no KMS key authorizes (authorizeSender=false and no additionalKeyIds), and the"
                            + " authorizations of authorizationFiles name their own delegates. Remove delegate, or"
                            + " set authorizeSender=true or additionalKeyIds");
        }
        if (kms && delegate == null) {
            throw new InvalidInputException(
                    "delegate",
                    "is required with txType=eip7702: the contract whose code the accounts will run, or "
                            + Authorization.REVOKE + " to revoke a delegation");
        }
        Chain chain = Chain.parse(input.authorizationChainId(), "the transaction's chain id");
        List<ReadAuthorization> files = new ArrayList<>();
        for (Path file : input.authorizationFiles()) {
            for (SignedAuthorization read : read(file)) {
                files.add(new ReadAuthorization(file.toString(), read));
            }
        }
        return new SetCodeAuthorizations(
                delegate,
                chain.chainId(),
                chain.any(),
                input.authorizeSender(),
                additionalKeys,
                files,
                input.allowDelegateWithoutCode());
    }

    /**
     * The {@code authorizationChainId} parameter, parsed.
     *
     * @param chainId the chain id given, or {@code null} when not given (or {@code any})
     * @param any whether {@value #ANY_CHAIN} was asked for: chain id 0
     */
    private record Chain(Long chainId, boolean any) {
        static Chain parse(String text, String emptyMeans) {
            String chain = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            if (chain.isEmpty()) {
                return new Chain(null, false);
            }
            if (chain.equals(ANY_CHAIN)) {
                return new Chain(null, true);
            }
            BigInteger parsed = Quantities.parse(chain, "authorizationChainId", BigInteger.valueOf(Long.MAX_VALUE));
            if (parsed.signum() == 0) {
                throw new InvalidInputException(
                        "authorizationChainId",
                        "is 0, which makes the authorization valid on every chain, so anyone can replay it"
                                + " wherever the account has the same nonce. If that is what you want, write"
                                + " authorizationChainId=any; otherwise leave it empty (" + emptyMeans + ")");
            }
            return new Chain(parsed.longValueExact(), false);
        }
    }

    /**
     * One authorization signed alone ({@code kms-sign-authorization}), for another sender to
     * include in its transaction: the key's account delegates to {@code delegate}.
     *
     * @param delegate the delegate, EIP-55 (zero address: revoke)
     * @param chainId the chain id given, or {@code null} for the node's (or when {@code any})
     * @param any whether chain id 0 (every chain) was asked for
     * @param nonce the authorization nonce given, or {@code null} for the account's pending nonce
     *     on the node
     * @param allowDelegateWithoutCode whether a delegate without code is accepted
     */
    public record Single(
            String delegate, Long chainId, boolean any, BigInteger nonce, boolean allowDelegateWithoutCode) {

        /**
         * Parses the parameters of {@code kms-sign-authorization}; needs neither node nor KMS.
         *
         * @param delegate the delegate address (required)
         * @param authorizationChainId empty (the node's chain id), {@value #ANY_CHAIN}, or a chain id
         * @param authorizationNonce empty (the account's pending nonce on the node) or a nonce
         * @param allowDelegateWithoutCode whether a delegate without code is accepted
         * @return the request
         * @throws InvalidInputException naming the parameter at fault
         */
        public static Single parse(
                String delegate,
                String authorizationChainId,
                String authorizationNonce,
                boolean allowDelegateWithoutCode) {
            if (delegate == null || delegate.isBlank()) {
                throw new InvalidInputException(
                        "delegate",
                        "is required: the contract the account's code will be, or " + Authorization.REVOKE
                                + " to revoke a delegation");
            }
            Chain chain = Chain.parse(authorizationChainId, "the chain id of rpcUrl's node");
            return new Single(
                    Addresses.parse(delegate, "delegate"),
                    chain.chainId(),
                    chain.any(),
                    Quantities.parse(authorizationNonce, "authorizationNonce", Authorization.MAX_NONCE),
                    allowDelegateWithoutCode);
        }

        /**
         * The checks that need no key: without a node, the chain id and nonce must be given; with
         * one, a given chain id must be the node's; the delegate must have code
         * ({@link #checkDelegate}).
         *
         * @param node the node, or {@code null}
         * @throws InvalidInputException naming the parameter at fault
         */
        public void checkBeforeKms(NodeClient node) {
            if (node == null && (chainId == null && !any || nonce == null)) {
                throw new InvalidInputException(
                        "rpcUrl",
                        "is required unless authorizationChainId and authorizationNonce are both set: they come"
                                + " from the node");
            }
            if (node != null && chainId != null && chainId != node.chainId()) {
                throw new InvalidInputException(
                        "authorizationChainId",
                        "is " + chainId + " but the node at " + node.describe() + " is on chain id " + node.chainId()
                                + ", where the delegate's code and the account's nonce are checked. Point rpcUrl at a"
                                + " node of chain " + chainId + ", or leave authorizationChainId empty");
            }
            checkDelegate(delegate, node, allowDelegateWithoutCode, "delegate");
        }

        /**
         * Signs it with one KMS {@code Sign}, checked against the key.
         *
         * @param signer the authority's key
         * @param node the node, or {@code null} (then chain id and nonce are given)
         * @param log receives {@code account 0x… delegates to 0x…} and notes on the values taken
         * @return the signed authorization
         */
        public SignedAuthorization sign(KmsSigner signer, NodeClient node, Consumer<String> log) {
            BigInteger chain = any ? BigInteger.ZERO : BigInteger.valueOf(chainId != null ? chainId : node.chainId());
            BigInteger authorizationNonce = nonce;
            if (node != null) {
                BigInteger pending = node.transactionCount(signer.getAddress(), "pending");
                if (authorizationNonce == null) {
                    authorizationNonce = pending;
                } else if (!authorizationNonce.equals(pending)) {
                    log.accept("The account's pending nonce on the node is " + pending + "; this authorization is for "
                            + authorizationNonce + " and is applied only while the account's nonce is "
                            + authorizationNonce);
                }
            }
            SignedAuthorization signed =
                    signer.signAuthorization(new Authorization(chain, delegate, authorizationNonce));
            log.accept(describe(signed));
            return signed;
        }
    }

    /**
     * Reads a file of authorizations: one JSON object (as {@code kms-sign-authorization} writes it)
     * or an array of them; each one's signature is checked ({@link SignedAuthorization#check}).
     *
     * @param file the file
     * @return the authorizations
     * @throws InvalidInputException ({@code authorizationFiles}) if it cannot be read, does not
     *     parse or holds an invalid authorization
     */
    public static List<SignedAuthorization> read(Path file) {
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new InvalidInputException(
                    "authorizationFiles",
                    "cannot read " + file + " as JSON ("
                            + e.getMessage().lines().findFirst().orElse("")
                            + "); it must hold an authorization object as kms-sign-authorization writes it, or an"
                            + " array of them");
        }
        List<JsonNode> nodes = new ArrayList<>();
        if (tree != null && tree.isArray()) {
            tree.forEach(nodes::add);
        } else {
            nodes.add(tree);
        }
        if (nodes.isEmpty()) {
            throw new InvalidInputException("authorizationFiles", file + " holds an empty array");
        }
        List<SignedAuthorization> out = new ArrayList<>();
        for (JsonNode node : nodes) {
            out.add(SignedAuthorization.fromJson(node, "authorizationFiles", file.toString())
                    .check("authorizationFiles", file.toString()));
        }
        return out;
    }

    /**
     * @return what was asked for, for the step's intent: a re-run with another delegate, chain,
     *     sender choice or other files is another transaction
     */
    public Map<String, Object> intent() {
        Map<String, Object> intent = new LinkedHashMap<>();
        intent.put("delegate", delegate);
        intent.put("authorizationChainId", anyChain ? ANY_CHAIN : chainId);
        intent.put("authorizeSender", authorizeSender);
        intent.put(
                "authorizationFiles",
                files.stream().map(f -> f.authorization().toJson()).toList());
        return intent;
    }

    /**
     * @return the delegate of the KMS keys' authorizations, or {@code null} when not configured
     */
    public String delegate() {
        return delegate;
    }

    /**
     * @return the authorizations read from files, in order
     */
    public List<ReadAuthorization> files() {
        return files;
    }

    /**
     * The checks that need no KMS key: a node for additional keys and files, the chain ids, and
     * every delegate's code on the node.
     *
     * @param transactionChainId the transaction's chain id
     * @param node the node, or {@code null} offline
     * @throws InvalidInputException ({@code rpcUrl}, {@code authorizationChainId},
     *     {@code authorizationFiles}, {@code delegate}) if there is no node for additional keys or
     *     files, a chain id is not the transaction's (or 0 in a file), or a delegate has no code
     */
    public void checkBeforeKms(long transactionChainId, NodeClient node) {
        if (node == null && (additionalKeys > 0 || !files.isEmpty())) {
            throw new InvalidInputException(
                    "rpcUrl",
                    "is required with " + (files.isEmpty() ? KmsSigners.PARAMETER : "authorizationFiles")
                            + ": each authority's nonce is taken from (or checked against) the node");
        }
        if (chainId != null && chainId != transactionChainId) {
            throw new InvalidInputException(
                    "authorizationChainId",
                    "is " + chainId + " but the transaction is on chain " + transactionChainId
                            + "; a node skips an authorization for another chain (EIP-7702). Leave it empty for the"
                            + " transaction's chain, or write any for every chain");
        }
        for (ReadAuthorization file : files) {
            BigInteger fileChain = file.authorization().chainId();
            if (fileChain.signum() != 0 && !fileChain.equals(BigInteger.valueOf(transactionChainId))) {
                throw new InvalidInputException(
                        "authorizationFiles",
                        "the authorization of " + file.authorization().authority() + " in " + file.file()
                                + " is for chain id " + fileChain + ", but the transaction is on chain "
                                + transactionChainId
                                + "; a node would skip it (EIP-7702). Have it signed for chain id "
                                + transactionChainId);
            }
            checkDelegate(file.authorization().address(), node, allowDelegateWithoutCode, "authorizationFiles");
        }
        if (delegate != null) {
            checkDelegate(delegate, node, allowDelegateWithoutCode, "delegate");
        }
    }

    /**
     * The check of a delegate: it must have code on the chain ({@code eth_getCode} at
     * {@code latest}) that is not itself a delegation designator ({@code 0xef0100 || address},
     * which a node does not follow), unless {@code allowWithoutCode}. The zero address
     * (revocation) is always accepted.
     *
     * @param delegate the delegate address
     * @param node the node, or {@code null} offline (then only {@code allowWithoutCode} accepts)
     * @param allowWithoutCode whether to accept a delegate without code
     * @param parameter the parameter the delegate came from, for the message
     * @throws InvalidInputException ({@code parameter}) if the check fails
     */
    public static void checkDelegate(String delegate, NodeClient node, boolean allowWithoutCode, String parameter) {
        if (allowWithoutCode || Addresses.same(delegate, Authorization.REVOKE)) {
            return;
        }
        if (node == null) {
            throw new InvalidInputException(
                    parameter,
                    delegate + " cannot be checked without a node: a delegate gets full control of the"
                            + " account, so the plugin checks that it has code. Set rpcUrl, or set"
                            + " allowDelegateWithoutCode=true to sign offline without the check");
        }
        byte[] code = node.code(delegate);
        if (code.length == 0) {
            throw new InvalidInputException(
                    parameter,
                    delegate + " has no code on the chain at " + node.describe() + " (eth_getCode): an account"
                            + " delegating to it would run nothing. Nothing was signed. Check the address and the"
                            + " chain, deploy the delegate first, or set allowDelegateWithoutCode=true if it is"
                            + " deployed later on purpose");
        }
        if (code.length == 23 && code[0] == DESIGNATOR[0] && code[1] == DESIGNATOR[1] && code[2] == DESIGNATOR[2]) {
            throw new InvalidInputException(
                    parameter,
                    delegate + " is itself an account that delegates (its code is " + Numeric.toHexString(code)
                            + "); a node does not follow a delegation to it, so the account would run nothing."
                            + " Delegate to the contract itself");
        }
    }

    /**
     * The check that needs the accounts: the KMS keys and the files' authorities are all
     * different accounts (the keys among themselves: {@link KmsSigners}).
     *
     * @param signers the keys of this execution
     * @throws InvalidInputException ({@code authorizationFiles}) if an account authorizes twice
     */
    public void checkAuthorities(KmsSigners signers) {
        Map<String, String> seen = new HashMap<>();
        if (authorizeSender) {
            seen.put(lower(signers.primary().getAddress()), "keyId (the sender)");
        }
        for (KmsSigner signer : signers.additional()) {
            seen.put(lower(signer.getAddress()), "additionalKeyIds");
        }
        for (ReadAuthorization file : files) {
            String authority = file.authorization().authority();
            String before = seen.putIfAbsent(lower(authority), file.file());
            if (before != null) {
                throw new InvalidInputException(
                        "authorizationFiles",
                        "account " + authority + " authorizes twice: in " + file.file() + " and in " + before
                                + "; give one authorization per account");
            }
        }
    }

    /**
     * @param sender the sending account
     * @return how many consecutive nonces of the sender the transaction uses: 2 when the sender
     *     authorizes too (its authorization takes the nonce after the transaction's), else 1
     */
    public int senderNonces(String sender) {
        boolean sponsorsItself = authorizeSender
                || files.stream().anyMatch(f -> Addresses.same(f.authorization().authority(), sender));
        return sponsorsItself ? 2 : 1;
    }

    /**
     * Works out every authorization's nonce, checks the files' nonces, then signs the KMS keys'
     * authorizations (one KMS {@code Sign} each, each checked against its key). Nothing is signed
     * when a check fails.
     *
     * @param transactionChainId the transaction's chain id
     * @param transactionNonce the transaction's nonce (the sender's authorization takes the next)
     * @param signers the keys of this execution; the primary one sends
     * @param node the node (pending nonces), or {@code null} offline (only the sender authorizes)
     * @param log receives one line per authorization: {@code account 0x… delegates to 0x…}
     * @return the authorization list, in order: the sender's, the additional keys', the files'
     * @throws InvalidInputException ({@code authorizationFiles}) if a file's nonce is not its
     *     authority's
     */
    public List<SignedAuthorization> authorize(
            long transactionChainId,
            BigInteger transactionNonce,
            KmsSigners signers,
            NodeClient node,
            Consumer<String> log) {
        Objects.requireNonNull(transactionNonce, "transactionNonce");
        String sender = signers.primary().getAddress();
        BigInteger senderAuthorizationNonce = transactionNonce.add(BigInteger.ONE);
        for (ReadAuthorization file : files) {
            SignedAuthorization a = file.authorization();
            boolean self = Addresses.same(a.authority(), sender);
            BigInteger expected = self ? senderAuthorizationNonce : node.transactionCount(a.authority(), "pending");
            if (!a.nonce().equals(expected)) {
                throw new InvalidInputException(
                        "authorizationFiles",
                        "the authorization of " + a.authority() + " in " + file.file() + " is for nonce " + a.nonce()
                                + ", but "
                                + (self
                                        ? "it is the sender's, whose authorization needs the transaction's nonce + 1 = "
                                        : "the account's nonce on the node is ")
                                + expected + "; a node would skip it (EIP-7702). Nothing was signed. Have it"
                                + " signed again for nonce " + expected);
            }
        }
        BigInteger chain = anyChain ? BigInteger.ZERO : BigInteger.valueOf(transactionChainId);
        List<Authorization> own = new ArrayList<>();
        List<KmsSigner> by = new ArrayList<>();
        if (authorizeSender) {
            own.add(new Authorization(chain, delegate, senderAuthorizationNonce));
            by.add(signers.primary());
        }
        for (KmsSigner signer : signers.additional()) {
            own.add(new Authorization(chain, delegate, node.transactionCount(signer.getAddress(), "pending")));
            by.add(signer);
        }
        List<SignedAuthorization> list = new ArrayList<>();
        for (int i = 0; i < own.size(); i++) {
            list.add(by.get(i).signAuthorization(own.get(i)));
        }
        files.forEach(f -> list.add(f.authorization()));
        for (SignedAuthorization a : list) {
            log.accept(describe(a));
        }
        return list;
    }

    /**
     * @param a a signed authorization
     * @return {@code account 0x… delegates to 0x… (…)}, the log line of one authorization
     */
    public static String describe(SignedAuthorization a) {
        return "account " + a.authority() + " delegates to " + a.address() + " ("
                + (a.authorization().revokes() ? "revokes its delegation; " : "")
                + "authorization nonce " + a.nonce() + ", chain id "
                + (a.chainId().signum() == 0 ? "0: any chain" : a.chainId().toString()) + ")";
    }

    private static String lower(String address) {
        return address.toLowerCase(Locale.ROOT);
    }
}
