def log = new File(basedir, 'build.log').text
assert log.contains('''has key usage ENCRYPT_DECRYPT, but signing needs SIGN_VERIFY''') : '''expected in build.log: has key usage ENCRYPT_DECRYPT, but signing needs SIGN_VERIFY'''
assert !log.contains('Raw transaction:') : 'nothing may be signed'
return true
