import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
def before = new Properties()
new File(basedir, 'before.properties').withReader { before.load(it) }
def log = new File(basedir, 'build.log').text

// the plugin checked the account in validate, the application paid from it
assert log.contains("is Ethereum address ${before.from}")
assert log.contains("Paying from KMS account ${before.from}")
def hash = (log =~ /Sent payment (0x[0-9a-f]{64}) on chain 31337/)[0][1]
assert log.contains("Payment ${hash} mined in block")

// on chain, independently of web3j: an EIP-1559 transaction from the KMS account, paid exactly once
def slurper = new groovy.json.JsonSlurper()
def tx = slurper.parseText(support.cast('tx', hash, '--json', '--rpc-url', rpcUrl))
def receipt = slurper.parseText(support.cast('receipt', hash, '--json', '--rpc-url', rpcUrl))
assert tx.type == '0x2'
assert receipt.from.equalsIgnoreCase(before.from)
assert receipt.status == '0x1'
def paid = new BigInteger(support.cast('balance', '0x7e00000000000000000000000000000000000021', '--rpc-url', rpcUrl)) - new BigInteger(before.balance)
assert paid == 250_000_000_000_000_000G
assert (support.cast('nonce', before.from, '--rpc-url', rpcUrl) as int) == (before.nonce as int) + 1
return true
