import groovy.json.JsonSlurper
import io.kmsethereum.it.ItSupport
import io.kmsethereum.it.VerifyTestSupport

def support = new ItSupport(servicesDir)
def text = new File(basedir, 'build.log').text
def runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\./).findAll { it.contains('kms-') }
assert runs.size() == 2
assert !runs[0].contains('verifying') : 'run 1 has no verifiers'
def ledger = { String name -> new JsonSlurper().parse(new File(basedir, "deployments/${chainId}/${name}.json")) }
def records = [ledger('VaultMath'), ledger('VaultMathCopy')]
assert records[0].address != records[1].address
// run 2: each verifier answered with its rate limit once and "not indexed yet" twice per contract; waited out
assert runs[1].contains('sourcify: rate limit reached (HTTP 429); asking again in 1 s')
assert runs[1].contains('etherscan: Max rate limit reached; asking again in 1 s')
assert runs[1].count('sourcify: not indexed yet (contract_not_deployed') == 4
assert runs[1].count('etherscan: not indexed yet (Unable to locate ContractCode at') == 4
assert runs[1] =~ /etherscan: not indexed yet \(Unable to locate ContractCode at [^)]*\); asking again in 2 s \(\d+ s left of verifyTimeout\)/
for (record in records) {
    String id = "${record.deploymentName} (contracts/Vault.sol:VaultMath at ${record.address})"
    assert runs[1].contains("sourcify: ${id} verified (")
    assert runs[1].contains("etherscan: ${id} verified")
    assert record.verifications*.status == ['verified', 'verified']
}
def requests = VerifyTestSupport.requests(support, 'it-verify-earlier+notindexed-2+ratelimitmsg-1')
for (service in ['sourcify', 'etherscan']) {
    def mine = requests.findAll { it.get('service').asText() == service }
    assert mine.count { it.get('outcome').asText() == 'rate_limited' } == 1 : service
    assert mine.count { it.get('outcome').asText() == 'not_indexed' } == 4 : service
}
return true
