import io.kmsethereum.it.ItSupport

def log = new File(basedir, 'build.log').text
assert log.contains('[DEBUG]') : 'the build ran with -X'

// the source is named once, as what it is: the token file and the role, not "the default chain"
String source = 'AWS credentials: web identity token file web-identity-token for role ' +
        'arn:aws:iam::444455556666:role/it-release-pipeline'
assert log.contains(source) : 'the log names the web identity source'
assert log.count('AWS credentials:') == 1
assert !log.contains('default credentials chain')

// the key lives in the role's account, which only STS's session credentials reach
String address = new ItSupport(servicesDir).castAddressOf('4f4e4d4c4b4a494847464544434241403f3e3d3c3b3a39383736353433323131')
assert log.contains('KMS key arn:aws:kms:us-east-1:444455556666:key/66666666-6666-4666-8666-000000000003' +
        ' is Ethereum address ' + address)

// neither the token nor the session STS issued appears in the -X log
String token = new File(basedir, 'web-identity-token').text.trim()
for (part in token.split('\\.') + ['DoNotLog', 'FQoGZXIvYXdzE']) {
    assert !log.contains(part) : "'${part}' appears in the -X build log"
}
assert !(log =~ /(?i)sessionToken|X-Amz-Security-Token/) : 'a session token header or field appears in the -X build log'
return true
