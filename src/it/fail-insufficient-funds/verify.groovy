import io.kmsethereum.it.ItSupport
import io.kmsethereum.testing.FaultProxy

def proxy = FaultProxy.of('fail-insufficient-funds')
assert proxy.calls('Sign') == 0 : "KMS was never asked to sign: ${proxy.counts()}"
assert proxy.calls('GetPublicKey') > 0 : "the key was resolved (the check runs after it): ${proxy.counts()}"

def support = new ItSupport(servicesDir)
String account = support.castAddressOf('1515151515151515151515151515151515151515151515151515151515151515')
def text = new File(basedir, 'build.log').text
def runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\./).findAll { it.contains('kms-ethereum-maven-plugin') }
assert runs.size() == 2 : "two runs expected in build.log, found ${runs.size()}"

// run 1, the deployment: gasLimit × maxFeePerGas from the node, nothing else to pay
def deploy = runs[0] =~ /Insufficient funds: ${account} on chain id ${chainId} has a balance of 0 ether \(0 wei\) \(eth_getBalance, pending, at (\S+)\), but its transaction in this execution can cost up to ([0-9.]+) ether \((\d+) wei\) \(gasLimit × maxFeePerGas \+ value\): ([0-9.]+) ether \((\d+) wei\) is missing\. Nothing was signed\. Send at least the missing amount to ${account} and run the build again \(on a local Anvil node: cast send ${account} --value (\d+) --private-key <a funded account's key> --rpc-url \S+, or cast rpc anvil_setBalance ${account} 0x8ac7230489e80000 --rpc-url \S+ for 10 ether\), or lower value, gasLimit or maxFeePerGas/
assert deploy.find() : 'run 1 fails on the balance check:\n' + runs[0].readLines().findAll { it.startsWith('[ERROR]') }.join('\n')
assert deploy.group(3) == deploy.group(5) && deploy.group(3) == deploy.group(6) : 'all of it is missing, and cast send sends that much'
assert new BigInteger(deploy.group(3)) > 0
assert runs[0].contains('BUILD FAILURE')

// run 2, a payment of 0.01 ether: the value counts too
def pay = runs[1] =~ /Insufficient funds: ${account} on chain id ${chainId} has a balance of 0 ether \(0 wei\) .*its transaction in this execution can cost up to ([0-9.]+) ether \((\d+) wei\) \(gasLimit × maxFeePerGas \+ value\): /
assert pay.find() : 'run 2 fails on the balance check:\n' + runs[1].readLines().findAll { it.startsWith('[ERROR]') }.join('\n')
assert new BigInteger(pay.group(2)) > new BigInteger('10000000000000000')

for (run in runs) {
    assert !run.contains('Signed eip1559 transaction') : 'nothing signed'
    assert !run.contains('Sent transaction') : 'nothing sent'
}
assert support.nonce(rpcUrl, account) == 0 : 'nothing was mined'
// the nonce claims were given back, no step recorded a transaction
def journal = new File(basedir, ".kms-ethereum/journal/${chainId}/${account.toLowerCase()}")
assert !new File(journal, 'steps').exists() || new File(journal, 'steps').listFiles().length == 0 : 'no step record'
def claim = new File(journal, 'nonces/0.json')
assert claim.isFile() && new groovy.json.JsonSlurper().parse(claim).state == 'released' : 'the nonce claim was released'
assert !new File(basedir, "deployments/${chainId}/Counter.json").exists()
return true
