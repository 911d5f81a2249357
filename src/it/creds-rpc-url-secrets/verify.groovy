import io.kmsethereum.it.ItSupport
def support = new ItSupport(servicesDir)
def log = new File(basedir, 'build.log').text
assert log.contains('[DEBUG]') : 'the build ran with -X'
assert log.contains('Receipt: transaction') : 'the transfer went through the URL with credentials'
assert log =~ /http:\/\/127\.0\.0\.1:\d+\/…/ : 'the node is named by scheme, host and port only'
for (secret in ['DoNotLog', 'itRpcUser', 'itRpcPassword', 'itRpcApiKey', 'apikey=']) {
    assert !log.contains(secret) : "'${secret}' appears in the -X build log"
}
BigInteger before = new BigInteger(new File(basedir, 'balance-before.txt').text)
assert support.balance(support.rpcUrl(), '0x7777777777777777777777777777777777777701') == before + 1000000000G
// no warning caused by the plugin, under Maven 3.9 and Maven 4 (the suite runs this case under both)
ItSupport.assertNoWarnings(basedir)
return true
