import io.kmsethereum.it.Examples
import io.kmsethereum.it.ItSupport

Examples.copy(examplesDir, 'deploy-contract', basedir)
def support = new ItSupport(servicesDir)
// the example signs with alias/quickstart: point it at a known key and fund that account
support.prepareAccount('09090909-0909-4909-8909-000000000001',
        'b1b2b3b4b5b6b7b8b9babbbcbdbebfc0c1c2c3c4c5c6c7c8c9cacbcccdcecfd0', 'alias/quickstart',
        support.rpcUrl(), new BigInteger('10000000000000000000'))
def example = new File(basedir, 'example')
def solc = new ProcessBuilder(support.service('kms.it.solcjs'), '--bin', '--abi', '-o', 'target/solc', 'contracts/Greeter.sol')
        .directory(example).redirectErrorStream(true).start()
def solcOut = solc.inputStream.text
assert solc.waitFor() == 0 : "solcjs failed: ${solcOut}"
return true
