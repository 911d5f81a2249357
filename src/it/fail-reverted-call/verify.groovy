import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
String sender = support.castAddressOf('3434343434343434343434343434343434343434343434343434343434343434')
String log = new File(basedir, 'build.log').text
String reason = 'TestToken: transfer amount exceeds balance'

// invocation 1: mined and reverted; the reason comes from replaying the call
def mined = log =~ /Transaction (0x[0-9a-f]{64}) reverted in block ([0-9]+), reason: TestToken: transfer amount exceeds balance\. It was mined and its fee of [0-9.]+ gwei paid/
assert mined.find() : "expected the on-chain revert with its reason in build.log"
String hash = mined.group(1)
assert new groovy.json.JsonSlurper().parseText(support.cast('receipt', '--rpc-url', rpcUrl, '--json', hash)).status == '0x0'

// invocation 2: the gas estimate finds the revert; nothing is signed
assert log.contains("The transaction would revert: ${reason}. The node found this while estimating gas (eth_estimateGas at ${rpcUrl}); nothing was signed or sent.")
assert log.findAll(/Signed eip1559 transaction/).size() == 1 : 'only the first invocation signs'

// exactly one transaction was mined: the reverted one
assert support.nonce(rpcUrl, sender) == 1
return true
