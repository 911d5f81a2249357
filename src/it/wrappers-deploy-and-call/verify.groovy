import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
String signer = support.castAddressOf('4545454545454545454545454545454545454545454545454545454545454545')
def log = new File(basedir, 'build.log').text
def wrapper = new File(basedir, 'target/generated-sources/web3j/it/wrappers/contracts/Counter.java')
assert wrapper.isFile() : 'the wrapper was generated'
assert log.contains('Generated 1 web3j wrapper in ')
assert new File(basedir, 'target/classes/it/wrappers/contracts/Counter.class').isFile() : 'and compiled as a main source'
assert log.contains('Tests run: 1, Failures: 0, Errors: 0, Skipped: 0')
def deployed = (log =~ /Counter deployed at (0x[0-9a-fA-F]{40}) by (0x[0-9a-fA-F]{40})/)
assert deployed.find()
assert deployed.group(2) == signer
assert support.cast('call', '--rpc-url', rpcUrl, deployed.group(1), 'count()(uint256)') == '42'
return true
