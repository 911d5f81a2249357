def log = new File(basedir, 'build.log').text
assert log.contains('''Invalid 'nonce, gasLimit': required when signing offline (no 'rpcUrl'): set nonce, gasLimit (all of them), or set 'rpcUrl' to fill them from a node (Maven properties: kms.nonce, kms.gasLimit)''') : 'the expected message is missing from build.log'
assert !log.contains('Raw transaction:') : 'nothing may be signed'
return true
