import io.kmsethereum.it.ItSupport
def support = new ItSupport(servicesDir)
support.prepareAccount('07070707-0707-4707-8707-000000000001',
        '7a7b7c7d7e7f808182838485868788898a8b8c8d8e8f90919293949596979899', 'alias/it-parallel',
        support.rpcUrl(), new BigInteger('10000000000000000000'))
return true
