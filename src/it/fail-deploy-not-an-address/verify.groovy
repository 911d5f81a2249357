def log = new File(basedir, 'build.log').text
assert log.contains('Invalid \'constructorArgs[0] (owner_)\': \'alice\' is not an address; expected 0x followed by 40 hex digits (20 bytes)') : 'expected in build.log: Invalid \'constructorArgs[0] (owner_)\': \'alice\' is not an address; expected 0x followed by 40 hex digits (20 bytes)'
assert !log.contains('Signed eip1559 transaction') : 'nothing may be signed'
return true
