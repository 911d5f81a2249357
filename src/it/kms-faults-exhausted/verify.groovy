import io.kmsethereum.testing.FaultProxy

def proxy = FaultProxy.of('kms-faults-exhausted')
assert proxy.calls('Sign') == 3 : "bounded retries: exactly maxAttempts=3 Sign calls, was ${proxy.calls('Sign')}"
def log = new File(basedir, 'build.log').text
assert log.contains('KMS Sign failed in region us-east-1 at http://127.0.0.1:')
assert log.contains("with KMSInternalException after 3 attempts; try again later or raise 'maxAttempts'.")
assert !log.contains('Raw transaction:')
assert !new File(basedir, 'target/tx.json').exists()
return true
