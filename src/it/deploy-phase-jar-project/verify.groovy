def text = new File(basedir, 'build.log').text
// invoker writes one build.log for the three runs, one after the other
def runs = text.split(/(?m)^\[INFO\] Scanning for projects\.\.\./).findAll { it.contains('Building deploy-phase-jar-project') }
assert runs.size() == 3 : "three runs expected in build.log, found ${runs.size()}"

// 1: maven-deploy-plugin runs before the plugin's execution in the deploy phase, and fails
assert runs[0].contains('distributionManagement') : 'run 1 fails in maven-deploy-plugin'
assert !runs[0].contains('kms-deploy-contract (deploy-counter)') : 'run 1 never reaches the contract'
assert !runs[0].contains('Deployed Counter')

// 2: maven.deploy.skip=true in the profile: the contract is deployed in the deploy phase
assert runs[1] =~ /deploy:[0-9.]+:deploy \(default-deploy\)/
assert runs[1].contains('Skipping artifact deployment')
def deployed = (runs[1] =~ /Deployed Counter at (0x[0-9a-fA-F]{40})/)
assert deployed.find() : 'run 2 deploys Counter'
assert runs[1].contains('BUILD SUCCESS')

// 3: bound to install, maven-deploy-plugin never runs; the ledger has Counter, nothing is sent
assert runs[2] =~ /kms-deploy-contract \(deploy-counter\)/
assert !(runs[2] =~ /deploy:[0-9.]+:deploy/)
assert runs[2].contains("Using Counter at ${deployed.group(1)}")
assert !runs[2].contains('Deployed Counter')
assert runs[2].contains('BUILD SUCCESS')
return true
