import io.kmsethereum.it.ItSupport
// a key in LocalStack account 444455556666, the role's account: only the credentials STS issues
// for that role see it (the test build's own access key "test" is account 000000000000)
new ItSupport(servicesDir, '444455556666').ensureKey('66666666-6666-4666-8666-000000000003',
        '4f4e4d4c4b4a494847464544434241403f3e3d3c3b3a39383736353433323131', 'alias/it-creds-web-identity')
return true
