import groovy.json.JsonSlurper
import io.kmsethereum.it.ItSupport

// Two modules x (kms-address + kms-sign) with one key in one build, in parallel:
// the key is described and read once, and each of the two signatures is one Sign call.
def log = new File(basedir, 'build.log').text
def lines = log.readLines().findAll { it.contains('KMS calls in this build so far: ') }
assert lines.size() == 4 : "one line per goal execution, got ${lines.size()}:\n${lines.join('\n')}"
def counts = lines.collect { line ->
    def calls = line.substring(line.indexOf('so far: ') + 8).replaceFirst(/ \(attempts.*$/, '')
    calls.split(', ').collectEntries { def (k, v) = it.split('='); [(k): v as int] }
}
counts.each { c ->
    assert c.DescribeKey == 1 : "DescribeKey once per build: ${c}"
    assert c.GetPublicKey == 1 : "GetPublicKey once per build: ${c}"
    assert c.keySet() - ['DescribeKey', 'GetPublicKey', 'Sign'] == [] as Set : "no other KMS calls: ${c}"
}
assert counts.collect { it.Sign ?: 0 }.max() == 2 : "one Sign per signature, two signatures: ${counts}"

def support = new ItSupport(servicesDir)
String expected = support.castAddressOf('0606060606060606060606060606060606060606060606060606060606060606')
for (m in ['a', 'b']) {
    def signed = new JsonSlurper().parse(new File(basedir, "${m}/target/signed.json"))
    assert support.castDecodeTx(signed.raw).signer.equalsIgnoreCase(expected)
}
return true
