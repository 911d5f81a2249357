import groovy.json.JsonSlurper
import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
String sender = support.castAddressOf('3232323232323232323232323232323232323232323232323232323232323232')
Properties props = new Properties()
new File(basedir, 'token.properties').withInputStream { props.load(it) }
String token = props.token
def call = { String... args -> support.cast((['call', '--rpc-url', rpcUrl, token] + args.toList()) as String[]) }

def transfer = new JsonSlurper().parse(new File(basedir, 'target/transfer.json'))
assert transfer.receipt.success
assert transfer.to.equalsIgnoreCase(token)
// calldata as an independent ABI encoder writes it
assert transfer.data == support.cast('calldata', 'transfer(address,uint256)', '0x3400000000000000000000000000000000000001',
        '250000000000000000000')
// the effect on chain
assert call('balanceOf(address)(uint256)', '0x3400000000000000000000000000000000000001').startsWith('250000000000000000000 ')
assert call('balanceOf(address)(uint256)', sender).startsWith('750000000000000000000 ')

def record = new JsonSlurper().parse(new File(basedir, 'target/record.json'))
assert record.receipt.success
assert call('note()(string)') == '"hello, world"'
assert call('total()(uint256)') == '6'
assert call('tag()(bytes32)') == '0x0102030405060708091011121314151617181920212223242526272829303132'
assert call('flag()(bool)') == 'true'
assert call('lastRecipient()(address)').equalsIgnoreCase('0x3400000000000000000000000000000000000002')
def decoded = support.castDecodeTx(record.raw)
assert decoded.type == '0x2'
assert decoded.signer.equalsIgnoreCase(sender)
assert decoded.accessList.size() == 1 && decoded.accessList[0].address.equalsIgnoreCase(token)
return true
