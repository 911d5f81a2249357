def log = new File(basedir, 'build.log').text
assert log.contains('''is pending deletion. Cancel the deletion (aws kms cancel-key-deletion)''') : '''expected in build.log: is pending deletion. Cancel the deletion (aws kms cancel-key-deletion)'''
assert !log.contains('Raw transaction:') : 'nothing may be signed'
return true
