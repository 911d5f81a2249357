import io.kmsethereum.it.ItSupport
def support = new ItSupport(servicesDir)
def log = new File(basedir, 'build.log').text
assert log.contains('[DEBUG]') : 'the build ran with -X'
assert log.contains('Receipt: transaction') : 'the transfer went through the URL with credentials'
assert log =~ /http:\/\/127\.0\.0\.1:\d+\/…/ : 'the node is named by scheme, host and port only'
for (secret in ['DoNotLog', 'itRpcUser', 'itRpcPassword', 'itRpcApiKey', 'apikey=']) {
    assert !log.contains(secret) : "'${secret}' appears in the -X build log"
}
assert support.balance(support.rpcUrl(), '0x7777777777777777777777777777777777777701') == 1000000000G
return true
