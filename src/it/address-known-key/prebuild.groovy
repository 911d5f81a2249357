import io.kmsethereum.it.ItSupport
new ItSupport(servicesDir).ensureKey('11111111-1111-4111-8111-111111111111',
        '4646464646464646464646464646464646464646464646464646464646464646', 'alias/it-address')
return true
