def log = new File(basedir, 'build.log').text
assert log.contains('Invalid \'artifact\': IHolder (Foundry artifact ') : 'expected in build.log: Invalid \'artifact\': IHolder (Foundry artifact '
assert log.contains('/artifacts/foundry/out/Holder.sol/IHolder.json) has no creation bytecode: it is an interface or an abstract contract, which cannot be deployed. Choose a concrete contract with contractName') : 'expected in build.log: /artifacts/foundry/out/Holder.sol/IHolder.json) has no creation bytecode: it is an interface or an abstract contract, which cannot be deployed. Choose a concrete contract with contractName'
assert !log.contains('Signed eip1559 transaction') : 'nothing may be signed'
return true
