import groovy.json.JsonSlurper
import io.kmsethereum.it.ItSupport
import io.kmsethereum.testing.FaultProxy

def proxy = FaultProxy.shared(faultProxyPort as int)
assert proxy.calls('DescribeKey') == 2 : "one 500, then success: ${proxy.calls('DescribeKey')}"
assert proxy.calls('GetPublicKey') == 1
assert proxy.calls('Sign') == 3 : "two throttled, then success: ${proxy.calls('Sign')}"
def tx = new JsonSlurper().parse(new File(basedir, 'target/tx.json'))
def support = new ItSupport(servicesDir)
assert support.castDecodeTx(tx.raw).signer.equalsIgnoreCase(
        support.castAddressOf('2f2e2d2c2b2a292827262524232221201f1e1d1c1b1a19181716151413121110'))
return true
