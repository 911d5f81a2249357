import groovy.json.JsonSlurper
import io.kmsethereum.it.ItSupport

// Every signature is checked by Foundry's cast (alloy), an implementation independent of ours and of web3j.
def support = new ItSupport(servicesDir)
String address = support.castAddressOf('3636363636363636363636363636363636363636363636363636363636363636')
def read = { String name -> new JsonSlurper().parse(new File(basedir, "target/${name}.json")) }
def verified = { String signature, String... message ->
    support.cast((['wallet', 'verify', '--address', address] + message.toList() + [signature]) as String[])
}
def checkShape = { out ->
    assert out.address == address
    assert out.signature ==~ /0x[0-9a-f]{130}/
    assert out.v in [27, 28]
    assert out.signature.endsWith(Integer.toHexString(out.v))
    assert out.signature == out.r + out.s.substring(2) + Integer.toHexString(out.v)
}

def text = read('text')
checkShape(text)
assert text.type == 'eip191'
assert text.message == 'Release 1.2.3 approved by the build: grüße, ✓'
verified(text.signature, text.message)

def bytes = read('bytes')
checkShape(bytes)
assert bytes.message == '0xdeadbeef00ff'
verified(bytes.signature, '0xdeadbeef00ff')

def file = read('file')
checkShape(file)
verified(file.signature, new File(basedir, 'message.txt').text)

def mail = read('mail')
checkShape(mail)
assert mail.type == 'eip712' && mail.message == 'Mail'
// the digest given in EIP-712's own example for this document
assert mail.digest == '0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2'
verified(mail.signature, '--data', '--from-file', new File(basedir, 'mail.json').path)

def nested = read('nested')
checkShape(nested)
assert nested.message == 'Order'
verified(nested.signature, '--data', '--from-file', new File(basedir, 'nested.json').path)

def property = read('property')
assert property.message == "signature was ${nested.signature}"
verified(property.signature, property.message)

String log = new File(basedir, 'build.log').text
assert log.contains("Signature: ${mail.signature}")
assert log.contains("Signed EIP-712 typed data, primary type Mail with ${address}")
return true
