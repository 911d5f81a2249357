def log = new File(basedir, 'build.log').text
assert log.contains('''KMS key 'alias/it-disabled' (arn:aws:kms:us-east-1:000000000000:key/33333333-3333-4333-8333-000000000003) is disabled. Enable it (aws kms enable-key)''') : 'the expected message is missing from build.log'
assert !log.contains('Raw transaction:') : 'nothing may be signed'
return true
