package io.kmsethereum.core.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kmsethereum.core.InvalidInputException;
import io.kmsethereum.core.rpc.BlockHeader;
import io.kmsethereum.core.rpc.CallRequest;
import io.kmsethereum.testing.FakeNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TransactionFillerTest {
    private static final String FROM = "0x1111111111111111111111111111111111111111";
    private static final String TO = "0x2222222222222222222222222222222222222222";
    private static final BigInteger GWEI = BigInteger.TEN.pow(9);

    private final FakeNode node = new FakeNode();

    private static TransactionInput input(String txType, String chainId, String accessList) {
        return new TransactionInput(
                txType, TO, "1 ether", "0x1234", null, null, chainId, null, null, null, null, null, accessList);
    }

    private FilledTransaction fill(TransactionInput input) {
        return new TransactionFiller(node, TransactionFiller.DEFAULT_GAS_LIMIT_MARGIN).fill(input.toRequest(), FROM);
    }

    @Test
    void fillsEveryMissingFieldOfAnEip1559Transaction() {
        FilledTransaction filled = fill(input("eip1559", null, "[{\"address\": \"" + TO + "\", \"storageKeys\": []}]"));
        TransactionRequest r = filled.request();
        assertEquals(31337L, r.chainId());
        assertEquals(BigInteger.valueOf(7), r.nonce());
        assertEquals(new BigInteger("1500000000"), r.maxPriorityFeePerGasWei());
        assertEquals(new BigInteger("3500000000"), r.maxFeePerGasWei(), "2 × base fee 1 gwei + 1.5 gwei");
        assertEquals(BigInteger.valueOf(25200), r.gasLimit(), "21000 × 1.2");
        assertNull(r.gasPriceWei());
        assertEquals(
                List.of(
                        "chainId 31337 (eth_chainId)",
                        "nonce 7 (eth_getTransactionCount, pending)",
                        "maxPriorityFeePerGas 1.5 gwei (eth_maxPriorityFeePerGas)",
                        "maxFeePerGas 3.5 gwei (2 × base fee 1 gwei of block 100 + max priority fee)",
                        "gasLimit 25200 (eth_estimateGas 21000 × 1.2)"),
                filled.fromNode().stream().map(Object::toString).collect(Collectors.toList()));
        assertTrue(node.calls.contains("eth_getTransactionCount pending"));
    }

    @Test
    void theEstimateSeesTheWholeCallIncludingTheAccessList() {
        CallRequest[] seen = new CallRequest[1];
        node.estimateGas = c -> {
            seen[0] = c;
            return BigInteger.valueOf(30000);
        };
        fill(input("eip2930", null, "[{\"address\": \"" + TO + "\", \"storageKeys\": []}]"));
        assertEquals(FROM, seen[0].from());
        assertEquals(TO, seen[0].to());
        assertEquals(BigInteger.TEN.pow(18), seen[0].valueWei());
        assertEquals("0x1234", org.web3j.utils.Numeric.toHexString(seen[0].data()));
        assertEquals(1, seen[0].accessList().size());
        assertNull(seen[0].gasLimit());
        assertTrue(seen[0].toJson().containsKey("accessList"));
    }

    @Test
    void aSetCodeTransactionIsPricedLikeEip1559AndEstimatedWithItsAuthorizations() {
        io.kmsethereum.testing.FakeKms kms = new io.kmsethereum.testing.FakeKms(BigInteger.TWO, true);
        io.kmsethereum.core.signer.SignedAuthorization authorization = new io.kmsethereum.core.signer.KmsSigner(
                        kms, kms.key())
                .signAuthorization(new io.kmsethereum.core.signer.Authorization(BigInteger.ONE, TO, BigInteger.TEN));
        CallRequest[] seen = new CallRequest[1];
        node.estimateGas = c -> {
            seen[0] = c;
            return BigInteger.valueOf(50000);
        };
        TransactionFiller filler =
                new TransactionFiller(node, TransactionFiller.DEFAULT_GAS_LIMIT_MARGIN, new NonceAllocator());
        FilledTransaction nonce = filler.fillNonce(input("eip7702", null, null).toRequest(), FROM, 2);
        assertEquals(BigInteger.valueOf(7), nonce.request().nonce());
        assertEquals(
                "nonce 7 (eth_getTransactionCount, pending)",
                nonce.fromNode().get(0).toString());
        FilledTransaction filled = filler.fill(nonce.request().withAuthorizationList(List.of(authorization)), FROM);
        TransactionRequest r = filled.request();
        assertEquals(BigInteger.valueOf(7), r.nonce(), "kept");
        assertEquals(new BigInteger("3500000000"), r.maxFeePerGasWei());
        assertEquals(BigInteger.valueOf(60000), r.gasLimit());
        assertTrue(filled.fromNode().stream().noneMatch(f -> f.name().equals("nonce")));
        java.util.Map<String, Object> json = seen[0].toJson();
        assertEquals(
                List.of(java.util.Map.of(
                        "chainId",
                        "0x1",
                        "address",
                        TO,
                        "nonce",
                        "0xa",
                        "yParity",
                        org.web3j.utils.Numeric.encodeQuantity(BigInteger.valueOf(authorization.yParity())),
                        "r",
                        org.web3j.utils.Numeric.encodeQuantity(authorization.r()),
                        "s",
                        org.web3j.utils.Numeric.encodeQuantity(authorization.s()))),
                json.get("authorizationList"),
                "the node's authorization object, without our authority field");
        // the next execution of this build skips the sender's authorization nonce 8
        assertEquals(
                BigInteger.valueOf(9),
                filler.fillNonce(input("eip1559", null, null).toRequest(), FROM, 1)
                        .request()
                        .nonce());
    }

    @Test
    void legacyAndEip2930TakeTheGasPrice() {
        for (String type : List.of("legacy", "eip2930")) {
            FilledTransaction filled = fill(input(type, null, null));
            assertEquals(BigInteger.TWO.multiply(GWEI), filled.request().gasPriceWei());
            assertNull(filled.request().maxFeePerGasWei());
            assertTrue(filled.fromNode().stream().anyMatch(f -> f.toString().equals("gasPrice 2 gwei (eth_gasPrice)")));
        }
    }

    @Test
    void aDifferentChainIdFailsBeforeAnythingElseIsAsked() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> fill(input("eip1559", "1", null)));
        assertEquals("chainId", e.getParameter());
        assertEquals(
                "Invalid 'chainId': is 1 but the node at http://fake:8545 is on chain id 31337 (eth_chainId). Nothing was"
                        + " signed. Set chainId to 31337 (or remove it to take it from the node), or point rpcUrl at a node of chain 1",
                e.getMessage());
        assertEquals(List.of("eth_chainId"), node.calls);
    }

    @Test
    void givenFieldsAreKeptAndNotReported() {
        TransactionInput all = new TransactionInput(
                "eip1559", TO, "1", null, null, null, "31337", "3", "50000", null, "9 gwei", "2 gwei", null);
        FilledTransaction filled = fill(all);
        assertEquals(List.of(), filled.fromNode());
        assertEquals(List.of("eth_chainId"), node.calls);
        assertEquals(BigInteger.valueOf(3), filled.request().nonce());
        assertEquals(BigInteger.valueOf(50000), filled.request().gasLimit());
    }

    @Test
    void priorityFeeFallsBackToTheFeeHistoryMedian() {
        node.maxPriorityFeePerGas = () -> {
            throw FakeNode.error(
                    "eth_maxPriorityFeePerGas", -32601, "the method eth_maxPriorityFeePerGas does not exist", null);
        };
        node.priorityFeeHistory = List.of(BigInteger.valueOf(5), BigInteger.valueOf(1), BigInteger.valueOf(3));
        FilledTransaction filled = fill(input("eip1559", null, null));
        assertEquals(BigInteger.valueOf(3), filled.request().maxPriorityFeePerGasWei());
        assertTrue(
                filled.fromNode().get(2).source().startsWith("median of eth_feeHistory"),
                filled.fromNode().get(2).source());
    }

    @Test
    void noPriorityFeeFromTheNodeAsksTheUser() {
        node.maxPriorityFeePerGas = () -> {
            throw FakeNode.error("eth_maxPriorityFeePerGas", -32601, "Method not found", null);
        };
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> fill(input("eip1559", null, null)));
        assertEquals("maxPriorityFeePerGas", e.getParameter());
    }

    @Test
    void aNodePriorityFeeAboveTheGivenMaxFeeIsCapped() {
        TransactionInput in = new TransactionInput(
                "eip1559", TO, null, null, null, null, null, null, null, null, "1 gwei", null, null);
        FilledTransaction filled = fill(in);
        assertEquals(GWEI, filled.request().maxPriorityFeePerGasWei());
        assertTrue(filled.fromNode().stream().anyMatch(f -> f.source().endsWith("capped at maxFeePerGas")));
    }

    @Test
    void eip1559NeedsABaseFee() {
        node.latestBlock = new BlockHeader(BigInteger.ONE, "0x01", null, BigInteger.valueOf(8_000_000));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> fill(input("eip1559", null, null)));
        assertEquals("txType", e.getParameter());
        assertTrue(e.getMessage().contains("use txType legacy or eip2930"));
    }

    @Test
    void aRevertingCallFailsWithItsReasonBeforeSigning() {
        node.estimateGas = c -> {
            throw FakeNode.error(
                    "eth_estimateGas",
                    3,
                    "execution reverted: not allowed",
                    "0x08c379a0" + "0000000000000000000000000000000000000000000000000000000000000020"
                            + "000000000000000000000000000000000000000000000000000000000000000b"
                            + "6e6f7420616c6c6f776564000000000000000000000000000000000000000000");
        };
        TransactionRevertedException e =
                assertThrows(TransactionRevertedException.class, () -> fill(input("eip1559", null, null)));
        assertEquals("not allowed", e.reason());
        assertNull(e.receipt());
        assertTrue(
                e.getMessage()
                        .startsWith("The transaction would revert: not allowed. The node found this while estimating"
                                + " gas (eth_estimateGas at http://fake:8545); nothing was signed or sent."),
                e.getMessage());
    }

    @Test
    void anEstimateThatCannotBePaidSaysToFundTheAccount() {
        node.estimateGas = c -> {
            throw FakeNode.error("eth_estimateGas", -32000, "insufficient funds for transfer", null);
        };
        node.balance = BigInteger.valueOf(5);
        TransactionRejectedException e =
                assertThrows(TransactionRejectedException.class, () -> fill(input("eip1559", null, null)));
        assertTrue(
                e.getMessage().contains(FROM + " has 5 wei, not enough for value 1 ether plus gas. Fund " + FROM),
                e.getMessage());
    }

    @Test
    void marginIsCheckedAndTheLimitCappedAtTheBlockGasLimit() {
        InvalidInputException e =
                assertThrows(InvalidInputException.class, () -> new TransactionFiller(node, new BigDecimal("0.9")));
        assertEquals("gasLimitMargin", e.getParameter());
        node.estimateGas = c -> BigInteger.valueOf(29_000_000);
        FilledTransaction filled = new TransactionFiller(node, new BigDecimal("1.5"))
                .fill(input("eip1559", null, null).toRequest(), FROM);
        assertEquals(BigInteger.valueOf(30_000_000), filled.request().gasLimit());
        assertTrue(filled.fromNode().get(4).source().endsWith("capped at the block gas limit"));
    }
}
