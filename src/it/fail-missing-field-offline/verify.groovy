def log = new File(basedir, 'build.log').text
assert log.contains('''Invalid 'nonce, gasLimit': required when signing offline (no rpcUrl): set nonce, gasLimit (all of them)''') : '''expected in build.log: Invalid 'nonce, gasLimit': required when signing offline (no rpcUrl): set nonce, gasLimit (all of them)'''
assert !log.contains('Raw transaction:') : 'nothing may be signed'
return true
