def log = new File(basedir, 'build.log').text
assert log.contains('''KMS key 'alias/it-does-not-exist' was not found in region us-east-1 at http://127.0.0.1''') : 'the expected message is missing from build.log'
assert log.contains("Check 'keyId'") : 'the expected message is missing from build.log'
assert !log.contains('Raw transaction:') : 'nothing may be signed'
return true
