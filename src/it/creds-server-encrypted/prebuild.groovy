import io.kmsethereum.it.ItSupport
// a key in LocalStack account 222222222222, visible only to that access key id
new ItSupport(servicesDir, '222222222222').ensureKey('66666666-6666-4666-8666-000000000001',
        '3f3e3d3c3b3a393837363534333231302f2e2d2c2b2a29282726252423222120', 'alias/it-creds-server')
return true
