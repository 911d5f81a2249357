import io.kmsethereum.it.DeployTestSupport
import io.kmsethereum.it.ItSupport
import org.web3j.crypto.ContractUtils
import org.web3j.crypto.Keys

def support = new ItSupport(servicesDir)
// a fresh Safe (new address) each run; the signatures directory and journals start empty
['signatures', 'release/.kms-ethereum', 'owner-a/.kms-ethereum', 'owner-b/.kms-ethereum'].each { new File(basedir, it).deleteDir() }
Map<String, String> s = new LinkedHashMap<>(support.prepareSafe(rpcUrl, 'it-handover-safe'))
String deployerKey = 'ab0d' * 16
DeployTestSupport.setUp(support, new File(basedir, 'release'), rpcUrl, 'ab0d0000-0000-4000-8000-000000000001', deployerKey, 'alias/it-handover-safe-deployer')
String deployer = support.castAddressOf(deployerKey)
// the list deploys both contracts first (nonces n and n + 1), then hands them over (n + 2, n + 3);
// the owners' pipelines know the addresses as they would from the committed ledger
BigInteger n = support.nonce(rpcUrl, deployer)
s.settings = Keys.toChecksumAddress(ContractUtils.generateContractAddress(deployer, n))
s.twoStep = Keys.toChecksumAddress(ContractUtils.generateContractAddress(deployer, n + 1))
s.deployer = deployer
s.deployerNonce = n.toString()
ItSupport.writeProperties(s, new File(basedir, 'safe.properties'))
return true
