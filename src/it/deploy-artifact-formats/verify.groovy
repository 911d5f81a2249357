import groovy.json.JsonSlurper
import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
String deployer = support.castAddressOf('4141414141414141414141414141414141414141414141414141414141414141')
def log = new File(basedir, 'build.log').text
def call = { String address, String signature, String... args ->
    support.cast((['call', '--rpc-url', rpcUrl, address, signature] + (args as List)) as String[])
}

def holders = ['foundry', 'hardhat', 'combined', 'standard', 'bin'].collect { format ->
    def ledger = new File(basedir, "deployments/${chainId}/holder-${format}.json")
    assert ledger.isFile() : "no ledger record for ${format}"
    def record = new JsonSlurper().parse(ledger)
    assert record.contractName == 'Holder'
    assert record.chainId as long == chainId as long
    assert record.deployer == deployer
    assert record.transactionHash ==~ /0x[0-9a-f]{64}/
    assert record.blockNumber > 0
    assert record.constructorArguments.size() == 9
    assert record.value == '1000000000'
    assert record.abi.find { it.type == 'constructor' }.inputs.size() == 9
    assert log.contains("Deployed Holder at ${record.address} (transaction ${record.transactionHash}") : "no log line for ${format}"
    // what the chain says, read back through the getters by cast
    assert call(record.address, 'owner()(address)') == '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
    assert call(record.address, 'label()(string)') == '"deployed by KMS, from Maven"'
    assert support.cast('balance', '--rpc-url', rpcUrl, record.address) == '1000000000'
    record
}
assert holders*.address.unique().size() == 5 : 'five deployments, five addresses'
assert holders*.bytecodeHash.unique().size() == 1 : 'every format gives the same bytecode'

String holder = holders[0].address
assert call(holder, 'amount()(uint256)').startsWith('1000000000000000000000')
assert call(holder, 'flag()(bool)') == 'true'
assert call(holder, 'tag()(bytes32)') == '0x6b6d732d657468657265756d2d6d6176656e2d706c7567696e00000000000001'
assert call(holder, 'getNumbers()(uint256[])').replaceAll(/ \[[^\]]*\]/, '') == '[1, 2, 30000000000000000000000]'
assert call(holder, 'delta()(int64)') == '-42'
assert call(holder, 'blob()(bytes)') == '0xdeadbeef'
assert call(holder, 'getPair()(address[2])') == '[0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC, 0x90F79bf6EB2c4f870365E785982E1f101E93b906]'

// the library, deployed first, linked into Doubler by name through the exported property
def mathLib = new JsonSlurper().parse(new File(basedir, "deployments/${chainId}/MathLib.json"))
def doubler = new JsonSlurper().parse(new File(basedir, "deployments/${chainId}/Doubler.json"))
assert doubler.libraries == [MathLib: mathLib.address]
assert call(doubler.address, 'quadruple(uint256)(uint256)', '5') == '20'
return true
