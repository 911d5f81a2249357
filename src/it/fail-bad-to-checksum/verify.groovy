def log = new File(basedir, 'build.log').text
assert log.contains('''Invalid 'to': '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD' has an invalid EIP-55 checksum''') : '''expected in build.log: Invalid 'to': '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD' has an invalid EIP-55 checksum'''
assert log.contains('''0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed''') : '''expected in build.log: 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'''
assert !log.contains('Raw transaction:') : 'nothing may be signed'
return true
