import io.kmsethereum.it.ItSupport
def support = new ItSupport(servicesDir)
def log = new File(basedir, 'build.log').text
assert log.contains('Using the MultiThreadedBuilder implementation with a thread count of 4') : 'the build ran with -T 4'
String from = support.castAddressOf('7a7b7c7d7e7f808182838485868788898a8b8c8d8e8f90919293949596979899')
def nonces = (log =~ /Signed eip1559 transaction 0x[0-9a-f]+ from ${from} \(chain id 31337, nonce (\d+)\)/).collect { it[1] as int }
assert nonces.sort() == [0, 1, 2, 3] : "four distinct, consecutive nonces: ${nonces}"
assert support.nonce(support.rpcUrl(), from) == 4G : 'all four mined'
for (i in 1..4) {
    assert support.balance(support.rpcUrl(), "0x666666666666666666666666666666666666660${i}") == 100000000000000000G
}
assert log.count('Receipt: transaction') == 4
return true
