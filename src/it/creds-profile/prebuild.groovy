import io.kmsethereum.it.ItSupport
// a key in LocalStack account 333333333333, visible only to the profile's access key id
new ItSupport(servicesDir, '333333333333').ensureKey('66666666-6666-4666-8666-000000000002',
        '4f4e4d4c4b4a494847464544434241403f3e3d3c3b3a39383736353433323130', 'alias/it-creds-profile')
return true
