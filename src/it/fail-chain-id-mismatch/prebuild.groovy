import io.kmsethereum.it.ItSupport

def support = new ItSupport(servicesDir)
support.prepareAccount('03030303-0303-4303-8303-000000000003',
        '3333333333333333333333333333333333333333333333333333333333333333', 'alias/it-chain-id-mismatch', rpcUrl, 10G ** 19)
support.fund(rpcUrl, '0x3500000000000000000000000000000000000001', 0G)
return true
