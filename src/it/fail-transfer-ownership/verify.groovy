import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
def text = new File(basedir, 'build.log').text
def runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\./).findAll { it.contains('kms-deploy-contract') }
assert runs.size() == 5 : "five runs expected in build.log, found ${runs.size()}"
String owner = '0xb94BAe49149C8a258168Ab0f6184C77B7D689EA8'
def expected = [
    "Invalid 'transferOwnershipTo': ${owner} has no code on chain id ${chainId} (eth_getCode at ",
    "Invalid 'transferOwnershipFunction': 'setOwner(address)' is not a function of OwnedSettings (",
    "Invalid 'transferOwnershipTo': is the zero address: ownership handed to it is renounced for ever. Nothing was signed.",
    "Invalid 'transferOwnershipTo': '0xb94BAe49149C8a258168Ab0f6184C77B7D689EA' is not an address; expected 0x followed by 40 hex digits (20 bytes), but got 39 characters after 0x",
    "Invalid 'transferOwnershipFunction': 'transferOwnership(address,uint256)' takes (address,uint256), but the hand-over calls a function of exactly one address argument",
]
runs.eachWithIndex { run, i ->
    assert run.contains('BUILD FAILURE')
    assert run.contains(expected[i]) : "run ${i + 1}: expected ${expected[i]}"
    assert run.contains('(Maven property: kms.transferOwnership') : "run ${i + 1} names the property"
    assert !run.contains('Signed eip1559 transaction') : "run ${i + 1} signs nothing"
}
assert runs[0].contains('Create the Safe on this chain first, or set transferOwnershipToEoa to true to hand OwnedSettings to an account without code (an EOA) on purpose')
assert runs[1].contains('its functions of one address argument are transferOwnership(address)')
// nothing deployed, nothing recorded
String deployer = support.castAddressOf('ab0c' * 16)
assert support.nonce(rpcUrl, deployer) == (new File(basedir, 'nonce-before.txt').text as long)
assert !new File(basedir, "deployments/${chainId}/OwnedSettings.json").exists()
return true
