def log = new File(basedir, 'build.log').text
assert log.contains("AWS credentials: AWS profile 'it-profile'")
assert log.contains('KMS key arn:aws:kms:us-east-1:333333333333:key/66666666-6666-4666-8666-000000000002 is Ethereum address')
assert !log.contains('kmsEthItProfileSecret') && !log.contains('DoNotLogMe')
return true
