def log = new File(basedir, 'build.log').text
assert log.contains('The Reverter constructor reverts: Reverter: x must be positive. The node found this while estimating gas at ') : 'expected in build.log: The Reverter constructor reverts: Reverter: x must be positive. The node found this while estimating gas at '
assert log.contains('nothing was signed or sent. Check constructorArgs, value and libraries') : 'expected in build.log: nothing was signed or sent. Check constructorArgs, value and libraries'
assert !log.contains('Signed eip1559 transaction') : 'nothing may be signed'
return true
