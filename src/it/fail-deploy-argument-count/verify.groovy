import groovy.json.JsonSlurper
import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
def text = new File(basedir, 'build.log').text
// invoker writes one build.log for the three runs, one after the other
def runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\./).findAll { it.contains('kms-deploy-contract') }
assert runs.size() == 3 : "three runs expected in build.log, found ${runs.size()}"

// 1: the POM's list has the wrong length
String count = 'Invalid \'constructorArgs\': the Holder constructor takes 9 arguments (address owner_, uint256 amount_, bool flag_, bytes32 tag_, string label_, uint256[] numbers_, int64 delta_, bytes blob_, address[2] pair_), but 2 were given; give one value per parameter, in this order'
assert runs[0].contains(count) : "expected in run 1: ${count}"
assert !runs[0].contains('Signed eip1559 transaction') : 'run 1 may sign nothing'

// 2: the array of the second argument is not closed; it swallowed the rest of the command line
// (the message shortens the argument to 64 characters)
String unclosed = 'Invalid \'constructorArgs[1] (numbers_)\': \'[1,2,3,(0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC,[10,20],"hell…\' is not a complete uint256[]: a \'[\' is not closed; write arrays as [e1, e2, ...], tuples as (e1, e2, ...)'
assert runs[1].contains(unclosed) : "expected in run 2: ${unclosed}"
assert !runs[1].contains('Signed eip1559 transaction') : 'run 2 may sign nothing'

// 3: the same arguments, written correctly on the command line, deploy
def deployed = (runs[2] =~ /Deployed Registry at (0x[0-9a-fA-F]{40})/)
assert deployed.find() : 'run 3 deploys Registry'
String registry = deployed.group(1)
def record = new JsonSlurper().parse(new File(basedir, "deployments/${chainId}/Registry.json"))
assert record.address == registry
assert record.constructorArguments == [
    '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
    '[1,2,3]',
    '(0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC,[10,20],"hello, (world)")',
    '[(1,true),(2,false)]']

// what the chain holds, read back through the getters by cast
def call = { String signature -> support.cast('call', '--rpc-url', rpcUrl, registry, signature) }
assert call('owner()(address)') == '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
assert call('getNumbers()(uint256[])') == '[1, 2, 3]'
assert call('getConfig()((address,uint256[],string))') == '(0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC, [10, 20], "hello, (world)")'
assert call('getEntries()((uint256,bool)[])') == '[(1, true), (2, false)]'
return true
