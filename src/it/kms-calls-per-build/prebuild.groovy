import io.kmsethereum.it.ItSupport
new ItSupport(servicesDir).ensureKey('c0de0006-0000-4000-8000-000000000002',
        '0606060606060606060606060606060606060606060606060606060606060606', 'alias/it-calls-per-build')
return true
