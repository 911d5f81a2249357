import groovy.json.JsonSlurper
import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
String node = "http://127.0.0.1:${spareAnvilPort}"
try {
    String log = new File(basedir, 'build.log').text
    def signed = new JsonSlurper().parse(new File(basedir, 'target/signed.json'))
    assert log.contains("Sent transaction ${signed.hash} to ${node}")
    assert log =~ /Waiting for the receipt of ${signed.hash} \([0-9]+ of 6 s\)/ : 'a progress line while waiting'
    String expected = "No receipt for transaction ${signed.hash} (nonce 0 from ${signed.from}) after 6 s (receiptTimeout 6 s)." +
            " It was sent to ${node} and may still be mined"
    assert log.contains(expected) : "expected in build.log: ${expected}"
    // the transaction is still pending in the node: known, not mined
    String tx = support.cast('rpc', '--rpc-url', node, 'eth_getTransactionByHash', signed.hash)
    assert tx.contains(signed.hash) && tx.contains('"blockNumber":null') : tx
} finally {
    ItSupport.stopProcess(new File(basedir, 'anvil.pid').text)
}
return true
