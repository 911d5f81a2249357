import io.kmsethereum.it.ItSupport
def support = new ItSupport(servicesDir)
def log = new File(basedir, 'build.log').text
assert log.contains('[DEBUG]') : 'the build ran with -X'
assert new File(basedir, 'target/creds-rpc-url-settings-server-1.0.jar').isFile() : 'the whole jar lifecycle ran'
assert log.contains('maven-resources-plugin') && log.contains('maven-compiler-plugin')
// Maven's -X parameter dump shows the configured value: the placeholder, not the key
assert log.contains('{server:it-node}') : 'the -X parameter dump shows rpcUrl as configured'
assert log.contains('Receipt: transaction') : 'the transfer went through the URL with the key from settings.xml'
assert log =~ /http:\/\/127\.0\.0\.1:\d+\/…/ : 'the plugin names the node by scheme, host and port only'
assert !log.contains('carries what looks like a secret') : 'no warning for the settings.xml route'
// what docs/guide.md says the plugin cannot prevent: maven-resources-plugin prints the environment under -X
assert log.contains('[DEBUG] env.AWS_SECRET_ACCESS_KEY: ') : 'the guide\'s warning about -X and environment variables holds'
for (secret in ['kmsEthItNodeApiKey-7c1f9e4a2b', 'kmsEthItNodeApiKey', '7c1f9e4a2b', 'apikey=kmsEth',
                'fuYRG7UQuvEHST0p7iVL6HK7TFsk6I4xKafA/q4Fnf1GrZBbfeuaOsLDHQ/cgqte', 'it-master-password']) {
    assert !log.contains(secret) : "'${secret}' appears in the -X build log"
}
assert support.balance(support.rpcUrl(), '0x7777777777777777777777777777777777777702') == 1000000000G
return true
