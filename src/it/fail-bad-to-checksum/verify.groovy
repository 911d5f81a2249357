def log = new File(basedir, 'build.log').text
assert log.contains('''Invalid 'to': '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD' has an invalid EIP-55 checksum''') : 'the expected message is missing from build.log'
assert log.contains('''0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed''') : 'the expected message is missing from build.log'
assert !log.contains('Raw transaction:') : 'nothing may be signed'
return true
