import io.kmsethereum.it.ItSupport
def support = new ItSupport(servicesDir)
support.prepareAccount('09090909-0909-4909-8909-000000000001',
        'a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebfc0', 'alias/it-rpc-settings-server',
        support.rpcUrl(), new BigInteger('1000000000000000000'))
return true
