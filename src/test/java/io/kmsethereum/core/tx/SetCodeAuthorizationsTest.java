package io.kmsethereum.core.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.Json;
import io.kmsethereum.core.signer.Authorization;
import io.kmsethereum.core.signer.KmsSigner;
import io.kmsethereum.core.signer.KmsSigners;
import io.kmsethereum.core.signer.SignedAuthorization;
import io.kmsethereum.testing.FakeKms;
import io.kmsethereum.testing.FakeNode;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.utils.Numeric;

/** Who delegates to what in an EIP-7702 transaction, checked before KMS signs anything. */
class SetCodeAuthorizationsTest {
    private static final long CHAIN = 31337;
    private static final String DELEGATE = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

    @TempDir
    Path dir;

    private final FakeKms senderKms = new FakeKms(BigInteger.valueOf(101), true);
    private final FakeKms secondKms = new FakeKms(BigInteger.valueOf(202), true);
    private final FakeKms elsewhereKms = new FakeKms(BigInteger.valueOf(303), true);
    private final KmsSigner sender = new KmsSigner(senderKms, senderKms.key("alias/sender", "arn:k/1"));
    private final KmsSigner second = new KmsSigner(secondKms, secondKms.key("alias/second", "arn:k/2"));
    private final KmsSigner elsewhere = new KmsSigner(elsewhereKms, elsewhereKms.key("alias/x", "arn:k/3"));
    private final FakeNode node = new FakeNode();
    private final List<String> log = new ArrayList<>();

    SetCodeAuthorizationsTest() {
        node.code = address ->
                address.equalsIgnoreCase(DELEGATE) ? Numeric.hexStringToByteArray("0x6080604052") : new byte[0];
    }

    private static SetCodeAuthorizations parse(String delegate, String chainId, boolean self, Path... files) {
        return parse(delegate, chainId, self, 0, files);
    }

    private static SetCodeAuthorizations parse(
            String delegate, String chainId, boolean self, int additionalKeys, Path... files) {
        return SetCodeAuthorizations.parse(
                new SetCodeAuthorizations.Input(delegate, chainId, self, List.of(files), false), additionalKeys);
    }

    private KmsSigners ring(KmsSigner... additional) {
        return KmsSigners.resolve(
                sender,
                java.util.Arrays.stream(additional)
                        .map(s -> s.getKey().requestedId())
                        .toList(),
                id -> id.equals("alias/second") ? second : elsewhere);
    }

    private Path file(SignedAuthorization authorization) throws Exception {
        Path file = Files.createTempFile(dir, "auth", ".json");
        Files.write(file, Json.toBytes(authorization));
        return file;
    }

    @Test
    void selfSponsoredTheSendersAuthorizationTakesTheTransactionNoncePlusOne() {
        SetCodeAuthorizations list = parse(DELEGATE, null, true);
        list.checkBeforeKms(CHAIN, node);
        list.checkAuthorities(ring());
        assertEquals(2, list.senderNonces(sender.getAddress()));
        List<SignedAuthorization> signed = list.authorize(CHAIN, BigInteger.valueOf(7), ring(), node, log::add);
        assertEquals(1, signed.size());
        SignedAuthorization own = signed.get(0);
        assertEquals(sender.getAddress(), own.authority());
        assertEquals(BigInteger.valueOf(8), own.nonce());
        assertEquals(BigInteger.valueOf(CHAIN), own.chainId());
        assertEquals(DELEGATE, own.address());
        assertEquals(1, senderKms.calls());
        assertEquals(
                List.of("account " + sender.getAddress() + " delegates to " + DELEGATE
                        + " (authorization nonce 8, chain id 31337)"),
                log);
    }

    @Test
    void signedByASecondKeyAndSentByTheFirst() {
        SetCodeAuthorizations list = parse(DELEGATE, null, false, 1);
        KmsSigners ring = ring(second);
        list.checkBeforeKms(CHAIN, node);
        list.checkAuthorities(ring);
        assertEquals(1, list.senderNonces(sender.getAddress()), "the sender does not delegate");
        node.pendingNonce = BigInteger.valueOf(3);
        List<SignedAuthorization> signed = list.authorize(CHAIN, BigInteger.valueOf(40), ring, node, log::add);
        assertEquals(1, signed.size());
        assertEquals(second.getAddress(), signed.get(0).authority());
        assertEquals(BigInteger.valueOf(3), signed.get(0).nonce(), "the second account's own pending nonce");
        assertEquals(0, senderKms.calls());
        assertEquals(1, secondKms.calls());
    }

    @Test
    void anyChainOnlyWhenAskedForInWords() {
        InvalidInputException zero = assertThrows(InvalidInputException.class, () -> parse(DELEGATE, "0", true));
        assertEquals("authorizationChainId", zero.getParameter());
        assertTrue(zero.getMessage().contains("write authorizationChainId=any"), zero.getMessage());

        SetCodeAuthorizations any = parse(DELEGATE, "any", true);
        SignedAuthorization signed =
                any.authorize(CHAIN, BigInteger.ONE, ring(), node, log::add).get(0);
        assertEquals(BigInteger.ZERO, signed.chainId());
        assertTrue(log.get(0).endsWith("chain id 0: any chain)"), log.toString());

        SetCodeAuthorizations other = parse(DELEGATE, "1", true);
        InvalidInputException mismatch =
                assertThrows(InvalidInputException.class, () -> other.checkBeforeKms(CHAIN, node));
        assertEquals("authorizationChainId", mismatch.getParameter());
        parse(DELEGATE, Long.toString(CHAIN), true).checkBeforeKms(CHAIN, node);
    }

    @Test
    void aDelegateMustHaveCodeUnlessAllowedAndRevocationIsExempt() {
        String empty = "0x1111111111111111111111111111111111111111";
        InvalidInputException noCode = assertThrows(
                InvalidInputException.class, () -> parse(empty, null, true).checkBeforeKms(CHAIN, node));
        assertEquals("delegate", noCode.getParameter());
        assertTrue(noCode.getMessage().contains("has no code on the chain"), noCode.getMessage());
        SetCodeAuthorizations.parse(new SetCodeAuthorizations.Input(empty, null, true, List.of(), true), 0)
                .checkBeforeKms(CHAIN, node);
        parse(Authorization.REVOKE, null, true).checkBeforeKms(CHAIN, node);
        parse(Authorization.REVOKE, null, true).checkBeforeKms(CHAIN, null);

        node.code = address -> Numeric.hexStringToByteArray("0xef0100" + "22".repeat(20));
        InvalidInputException designator = assertThrows(
                InvalidInputException.class, () -> parse(DELEGATE, null, true).checkBeforeKms(CHAIN, node));
        assertTrue(designator.getMessage().contains("is itself an account that delegates"), designator.getMessage());

        InvalidInputException offline = assertThrows(
                InvalidInputException.class, () -> parse(DELEGATE, null, true).checkBeforeKms(CHAIN, null));
        assertTrue(offline.getMessage().contains("allowDelegateWithoutCode=true"), offline.getMessage());
    }

    @Test
    void anAuthorizationFromAFileIsCheckedAndAppended() throws Exception {
        node.pendingNonce = BigInteger.valueOf(4);
        SignedAuthorization theirs = elsewhere.signAuthorization(
                new Authorization(BigInteger.valueOf(CHAIN), DELEGATE, BigInteger.valueOf(4)));
        SetCodeAuthorizations list = parse(DELEGATE, null, true, file(theirs));
        list.checkBeforeKms(CHAIN, node);
        list.checkAuthorities(ring());
        List<SignedAuthorization> signed = list.authorize(CHAIN, BigInteger.valueOf(4), ring(), node, log::add);
        assertEquals(
                List.of(sender.getAddress(), elsewhere.getAddress()),
                signed.stream().map(SignedAuthorization::authority).toList());
        assertEquals(theirs, signed.get(1));
        assertEquals(2, log.size());
    }

    @Test
    void aFileForAnotherChainFailsBeforeKms() throws Exception {
        SignedAuthorization otherChain =
                elsewhere.signAuthorization(new Authorization(BigInteger.ONE, DELEGATE, BigInteger.valueOf(7)));
        SetCodeAuthorizations list = parse(DELEGATE, null, true, file(otherChain));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> list.checkBeforeKms(CHAIN, node));
        assertEquals("authorizationFiles", e.getParameter());
        assertTrue(e.getMessage().contains("is for chain id 1, but the transaction is on chain 31337"), e.getMessage());
        // chain id 0 is accepted: valid everywhere
        parse(
                        DELEGATE,
                        null,
                        true,
                        file(elsewhere.signAuthorization(new Authorization(BigInteger.ZERO, DELEGATE, BigInteger.ONE))))
                .checkBeforeKms(CHAIN, node);
    }

    @Test
    void aFileWhoseNonceIsNotTheAuthoritysFailsBeforeAnySign() throws Exception {
        node.pendingNonce = BigInteger.valueOf(9);
        SignedAuthorization stale = elsewhere.signAuthorization(
                new Authorization(BigInteger.valueOf(CHAIN), DELEGATE, BigInteger.valueOf(8)));
        SetCodeAuthorizations list = parse(DELEGATE, null, true, file(stale));
        list.checkBeforeKms(CHAIN, node);
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> list.authorize(CHAIN, BigInteger.valueOf(9), ring(), node, log::add));
        assertEquals("authorizationFiles", e.getParameter());
        assertTrue(e.getMessage().contains("is for nonce 8, but the account's nonce on the node is 9"), e.getMessage());
        assertEquals(0, senderKms.calls(), "nothing signed");

        // the sender's own authorization signed elsewhere must be for the transaction nonce + 1
        SignedAuthorization senders =
                sender.signAuthorization(new Authorization(BigInteger.valueOf(CHAIN), DELEGATE, BigInteger.valueOf(9)));
        SetCodeAuthorizations own = parse(null, null, false, file(senders));
        own.checkAuthorities(ring());
        assertEquals(2, own.senderNonces(sender.getAddress()));
        InvalidInputException self = assertThrows(
                InvalidInputException.class, () -> own.authorize(CHAIN, BigInteger.valueOf(9), ring(), node, log::add));
        assertTrue(self.getMessage().contains("the transaction's nonce + 1 = 10"), self.getMessage());
        assertEquals(
                1,
                own.authorize(CHAIN, BigInteger.valueOf(8), ring(), node, log::add)
                        .size());
    }

    @Test
    void aTamperedFileIsRefusedWhenRead() throws Exception {
        SignedAuthorization good =
                elsewhere.signAuthorization(new Authorization(BigInteger.valueOf(CHAIN), DELEGATE, BigInteger.ONE));
        SignedAuthorization tampered = new SignedAuthorization(
                good.authority(), good.chainId(), good.address(), BigInteger.TWO, good.yParity(), good.r(), good.s());
        Path file = file(tampered);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse(DELEGATE, null, true, file));
        assertEquals("authorizationFiles", e.getParameter());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());

        Path notJson = dir.resolve("x.json");
        Files.writeString(notJson, "not json");
        assertTrue(assertThrows(InvalidInputException.class, () -> parse(DELEGATE, null, true, notJson))
                .getMessage()
                .contains("cannot read"));

        Path array = dir.resolve("two.json");
        SignedAuthorization other =
                second.signAuthorization(new Authorization(BigInteger.valueOf(CHAIN), DELEGATE, BigInteger.ONE));
        Files.write(array, Json.toBytes(List.of(good, other)));
        assertEquals(2, parse(DELEGATE, null, true, array).files().size(), "an array of authorizations");
    }

    @Test
    void theListIsNeverEmptyAndNoAccountAuthorizesTwice() throws Exception {
        InvalidInputException empty = assertThrows(InvalidInputException.class, () -> parse(null, null, false));
        assertEquals("authorizeSender", empty.getParameter());

        InvalidInputException noDelegate = assertThrows(InvalidInputException.class, () -> parse(null, null, true));
        assertEquals("delegate", noDelegate.getParameter());

        SignedAuthorization seconds =
                second.signAuthorization(new Authorization(BigInteger.valueOf(CHAIN), DELEGATE, BigInteger.ONE));
        InvalidInputException unused =
                assertThrows(InvalidInputException.class, () -> parse(DELEGATE, null, false, file(seconds)));
        assertEquals("delegate", unused.getParameter());
        assertTrue(unused.getMessage().contains("no KMS key authorizes"), unused.getMessage());

        InvalidInputException twice = assertThrows(
                InvalidInputException.class,
                () -> parse(DELEGATE, null, true, file(seconds)).checkAuthorities(ring(second)));
        assertEquals("authorizationFiles", twice.getParameter());
        assertTrue(twice.getMessage().contains("authorizes twice"), twice.getMessage());

        InvalidInputException offline = assertThrows(
                InvalidInputException.class,
                () -> parse(DELEGATE, null, false, 1).checkBeforeKms(CHAIN, null));
        assertEquals("rpcUrl", offline.getParameter());
        Path signedElsewhere = file(seconds);
        assertEquals(
                "rpcUrl",
                assertThrows(
                                InvalidInputException.class,
                                () -> parse(null, null, false, signedElsewhere).checkBeforeKms(CHAIN, null))
                        .getParameter());
    }

    @Test
    void setCodeParametersForAnotherTypeAreRefused() {
        SetCodeAuthorizations.Input input = new SetCodeAuthorizations.Input(DELEGATE, null, true, List.of(), false);
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> input.checkUnused(TransactionType.EIP1559, 0));
        assertEquals("delegate", e.getParameter());
        assertEquals(
                "additionalKeyIds",
                assertThrows(
                                InvalidInputException.class,
                                () -> new SetCodeAuthorizations.Input(null, null, true, null, false)
                                        .checkUnused(TransactionType.LEGACY, 1))
                        .getParameter());
        input.checkUnused(TransactionType.EIP7702, 3);
        new SetCodeAuthorizations.Input(null, null, true, null, false).checkUnused(TransactionType.EIP1559, 0);
    }

    @Test
    void theIntentChangesWithTheDelegate() {
        assertTrue(!TransactionSteps.intent(parse(DELEGATE, null, true).intent())
                .equals(TransactionSteps.intent(
                        parse(Authorization.REVOKE, null, true).intent())));
    }
}
