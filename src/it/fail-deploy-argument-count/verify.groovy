def log = new File(basedir, 'build.log').text
assert log.contains('Invalid \'constructorArgs\': the Holder constructor takes 9 arguments (address owner_, uint256 amount_, bool flag_, bytes32 tag_, string label_, uint256[] numbers_, int64 delta_, bytes blob_, address[2] pair_), but 2 were given; give one value per parameter, in this order') : 'expected in build.log: Invalid \'constructorArgs\': the Holder constructor takes 9 arguments (address owner_, uint256 amount_, bool flag_, bytes32 tag_, string label_, uint256[] numbers_, int64 delta_, bytes blob_, address[2] pair_), but 2 were given; give one value per parameter, in this order'
assert !log.contains('Signed eip1559 transaction') : 'nothing may be signed'
return true
