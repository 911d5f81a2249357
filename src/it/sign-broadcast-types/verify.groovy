import groovy.json.JsonSlurper
import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
String sender = support.castAddressOf('3131313131313131313131313131313131313131313131313131313131313131')
String log = new File(basedir, 'build.log').text
BigInteger hex(String s) { new BigInteger(s.substring(2), 16) }

def expected = [
    eip1559: [type: '0x2', nonce: 0, to: '0x3300000000000000000000000000000000000001', value: 10G ** 16, gasLimit: 25200],
    legacy : [type: '0x0', nonce: 1, to: '0x3300000000000000000000000000000000000002', value: 12345G * 10G ** 9, gasLimit: 25200],
    // access list: 21000 + 2400 per address + 1900 per storage key (EIP-2930), × 1.2
    eip2930: [type: '0x1', nonce: 2, to: '0x3300000000000000000000000000000000000003', value: 1G, gasLimit: 30360],
]
BigInteger spent = 0
expected.each { name, want ->
    def out = new JsonSlurper().parse(new File(basedir, "target/${name}.json"))
    def decoded = support.castDecodeTx(out.raw)
    assert decoded.signer.equalsIgnoreCase(sender) : "${name}: cast recovered ${decoded.signer}"
    assert decoded.type == want.type
    assert hex(decoded.chainId) == 31337
    assert hex(decoded.nonce) == want.nonce : "${name}: nonce ${decoded.nonce}"
    assert hex(decoded.gas) == want.gasLimit : "${name}: gas limit ${decoded.gas}"
    assert hex(decoded.value) == want.value
    assert decoded.to.equalsIgnoreCase(want.to)
    assert out.receipt.success == true
    assert out.receipt.transactionHash == out.hash
    assert out.receipt.confirmations == 1
    // the recipient received exactly the value
    assert support.balance(rpcUrl, want.to) == want.value : "${name}: recipient balance"
    // the fee is what the receipt says
    spent += want.value + new BigInteger(out.receipt.gasUsed) * new BigInteger(out.receipt.effectiveGasPrice)
    // fees were computed from the block before (Anvil mines one block per transaction here)
    BigInteger parentBaseFee = new BigInteger(support.cast('block', (out.receipt.blockNumber - 1).toString(), '--field',
            'baseFeePerGas', '--rpc-url', rpcUrl))
    if (name == 'eip1559') {
        assert new BigInteger(out.maxPriorityFeePerGas) == 10G ** 9 : 'Anvil answers eth_maxPriorityFeePerGas with 1 gwei'
        assert new BigInteger(out.maxFeePerGas) == parentBaseFee * 2 + 10G ** 9
    } else {
        assert new BigInteger(out.gasPrice) >= parentBaseFee
    }
    assert log.contains("Receipt: transaction ${out.hash} succeeded in block ${out.receipt.blockNumber}")
}
def accessList = support.castDecodeTx(new JsonSlurper().parse(new File(basedir, 'target/eip2930.json')).raw).accessList
assert accessList.size() == 1
assert accessList[0].address.equalsIgnoreCase('0x3300000000000000000000000000000000000003')
assert accessList[0].storageKeys == ['0x0000000000000000000000000000000000000000000000000000000000000001']

assert support.balance(rpcUrl, sender) == 10G ** 19 - spent : 'sender paid exactly the values and the receipts\' fees'
assert support.nonce(rpcUrl, sender) == 3

// the log says which values came from the node
assert log.contains("From the node at ${rpcUrl}:")
assert log.contains('chainId 31337 (eth_chainId)')
// a broadcast's nonce is claimed in the state store, above the node's pending nonce
assert log =~ /Claimed nonce 0 of 0x[0-9a-f]+ for step 'io\.kmsethereum\.it_sign-broadcast-types_1\.0_eip1559' in local files .*\(node pending 0, store's next 0\)/
assert log.contains('maxPriorityFeePerGas 1 gwei (eth_maxPriorityFeePerGas)')
// amounts are shown in the largest unit that keeps them readable: the base fee falls with every
// nearly empty block, so after other tests it can be a few hundred wei
assert log =~ /maxFeePerGas [0-9.]+ g?wei \(2 × base fee [0-9.]+ g?wei of block [0-9]+ \+ max priority fee\)/
assert log =~ /gasPrice [0-9.]+ g?wei \(eth_gasPrice\)/
assert log.contains('gasLimit 25200 (eth_estimateGas 21000 × 1.2)')
assert log.contains('gasLimit 30360 (eth_estimateGas 25300 × 1.2)')
return true
