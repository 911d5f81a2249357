def log = new File(basedir, 'build.log').text
assert log.contains('''KMS key 'alias/it-p256' (arn:aws:kms:us-east-1:000000000000:key/33333333-3333-4333-8333-000000000001) has key spec ECC_NIST_P256, but an Ethereum account needs ECC_SECG_P256K1''') : 'the expected message is missing from build.log'
assert log.contains('''BUILD FAILURE''') : 'the expected message is missing from build.log'
assert !log.contains('Raw transaction:') : 'nothing may be signed'
return true
