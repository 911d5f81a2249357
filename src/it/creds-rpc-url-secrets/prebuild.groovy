import io.kmsethereum.it.ItSupport
def support = new ItSupport(servicesDir)
support.prepareAccount('08080808-0808-4808-8808-000000000001',
        '8a8b8c8d8e8f909192939495969798999a9b9c9d9e9fa0a1a2a3a4a5a6a7a8a9', 'alias/it-rpc-secrets',
        support.rpcUrl(), new BigInteger('1000000000000000000'))
// the suite runs this case under Maven 3.9 and Maven 4 against one chain: compare with the balance before
new File(basedir, 'balance-before.txt').text =
        support.balance(support.rpcUrl(), '0x7777777777777777777777777777777777777701').toString()
return true
