#!/usr/bin/env bash
# The demo: starts LocalStack (KMS) and Anvil on loopback, provisions a key in LocalStack,
# resolves its Ethereum address and signs a transaction with it through the plugin, then has
# Foundry's cast (an independent implementation) confirm the sender.
# Then funds the account on Anvil, sends a transfer whose fields come from the node and prints
# the receipt, and deploys a sample contract (examples/deploy-contract) and prints its address.
# Installs, outside the repository: the plugin into ~/.m2/repository (as `./mvnw install` does; the
# examples resolve it from there), Maven 3.9.11 for ./mvnw, and through scripts/services.sh
# LocalStack (a venv) and Anvil, cast and solcjs (npm) under ~/.cache/kms-ethereum. It says so as it goes.
# Usage: scripts/demo.sh            (KEEP_SERVICES=1 leaves LocalStack and Anvil running;
#        KMS_IT_LOCALSTACK_PORT / KMS_IT_ANVIL_PORT change the ports, default 4566 / 8545)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/lib/maven.sh
source scripts/lib/maven.sh
ensure_maven_wrapper

export KMS_IT_STATE_DIR="$root/target/demo-services"
export KMS_IT_LOCALSTACK_PORT="${KMS_IT_LOCALSTACK_PORT:-4566}" KMS_IT_ANVIL_PORT="${KMS_IT_ANVIL_PORT:-8545}"
endpoint="http://127.0.0.1:$KMS_IT_LOCALSTACK_PORT"
rpc="http://127.0.0.1:$KMS_IT_ANVIL_PORT"
# LocalStack accepts any credentials; these are its documented dummies, not secrets
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1

step() { printf '\n==> %s\n' "$*"; }

version="$(sed -n '0,/<version>/s#.*<version>\(.*\)</version>.*#\1#p' pom.xml)"
repo="$HOME/.m2/repository"
step "Building the plugin and installing it into your local Maven repository (about a minute the first time)"
# one progress line per build step; tests, Javadoc and the ITs are scripts/test.sh's job
./mvnw -B -ntp install -DskipTests -Dinvoker.skip=true -Dmaven.javadoc.skip=true -P '!whole-suite' \
  | grep --line-buffered -E '^\[INFO\] --- |^\[(ERROR|WARNING)\]|BUILD|Total time' \
  | sed -u -E 's/^\[INFO\] --- ([^ ]+) .*@.*/  \1/'
echo "Installed io.kmsethereum:kms-ethereum-maven-plugin:$version into"
echo "  $repo/io/kmsethereum/kms-ethereum-maven-plugin/$version/"
echo "  (it stays there: every project on this machine, and examples/, resolve the plugin from it)"

step "Starting LocalStack and Anvil"
# the loopback verifier (the third server of scripts/services.sh) is for the tests only
scripts/services.sh start localstack
scripts/services.sh start anvil
if [ "${KEEP_SERVICES:-0}" != 1 ]; then
  trap 'scripts/services.sh stop >/dev/null 2>&1 || true' EXIT
fi
cast="$(sed -n 's/^kms\.it\.cast=//p' "$KMS_IT_STATE_DIR/services.properties")"
solcjs="$(sed -n 's/^kms\.it\.solcjs=//p' "$KMS_IT_STATE_DIR/services.properties")"
echo "Tools used below (installed once, outside the repository; scripts/services.sh status lists them):"
echo "  cast:   $cast"
echo "  solcjs: $solcjs"
echo "  LocalStack on $endpoint, Anvil on $rpc (logs in ${KMS_IT_STATE_DIR#"$root"/})"

# the demo starts fresh servers: forget the journal and ledger of an earlier demo run
rm -rf examples/quickstart/.kms-ethereum examples/deploy-contract/deployments

mvn_example() { (cd examples/quickstart && "$root/mvnw" -B -ntp -Dkms.endpoint="$endpoint" "$@"); }

step "Provisioning the account: kms-create-key (idempotent; a re-run reuses the key)"
mvn_example -q kms-ethereum:kms-create-key -Dkms.alias=alias/quickstart \
  -Dkms.createKey.outputFile=target/kms/key.json
grep -E '"(keyArn|address|created)"' examples/quickstart/target/kms/key.json

step "Resolving the address and signing a payment offline: mvn package on examples/quickstart"
echo "(this payment is only signed, never sent: offline signing needs no node, and the chain never sees it;"
echo " the transfer that is sent comes further below)"
mvn_example package | grep -E 'kms-ethereum|Ethereum address|Signed|Raw transaction|BUILD'

address="$(sed -n 's/.*"address" : "\(0x[0-9a-fA-F]*\)".*/\1/p' examples/quickstart/target/kms/address.json)"
raw="$(sed -n 's/.*"raw" : "\(0x[0-9a-fA-F]*\)".*/\1/p' examples/quickstart/target/kms/payment.json)"

step "Independent check: cast decode-tx recovers the sender from the raw transaction"
signer="$("$cast" decode-tx "$raw" | tr -d '\\' | sed -n 's/.*"signer": *"\(0x[0-9a-fA-F]*\)".*/\1/p')"
echo "KMS address:           $address"
echo "cast-recovered sender: $signer"
if [ "${signer,,}" != "${address,,}" ]; then
  echo "MISMATCH: the signed transaction does not recover to the KMS address" >&2
  exit 1
fi
echo "Signed transaction:    $raw"
echo "OK: the sender of the signed transaction is the KMS account. (Not sent: it only proves the signature.)"

step "Funding the KMS account on Anvil (anvil_setBalance: 10 ether)"
"$cast" rpc --rpc-url "$rpc" anvil_setBalance "$address" 0x8ac7230489e80000 >/dev/null
echo "balance of $address: $("$cast" balance --ether --rpc-url "$rpc" "$address") ether"

step "Sending 0.01 ether, every other field from the node: kms-sign with rpcUrl and broadcast"
mvn_example kms-ethereum:kms-sign -Dkms.rpcUrl="$rpc" -Dkms.to=0x3535353535353535353535353535353535353535 \
  "-Dkms.value=0.01 ether" -Dkms.broadcast=true -Dkms.sign.outputFile=target/kms/transfer.json \
  | grep -E 'From the node|  (chainId|nonce|gasLimit|maxFeePerGas|maxPriorityFeePerGas|gasPrice) |Signed|Sent|mined|already|Receipt:|BUILD'

step "The receipt, as the node reports it (cast receipt)"
hash="$(sed -n 's/.*"hash" : "\(0x[0-9a-f]*\)".*/\1/p' examples/quickstart/target/kms/transfer.json | head -1)"
"$cast" receipt --rpc-url "$rpc" "$hash" | grep -E '^(status|blockNumber|from|to|gasUsed|effectiveGasPrice) '
echo "recipient balance: $("$cast" balance --ether --rpc-url "$rpc" 0x3535353535353535353535353535353535353535) ether"

step "Deploying a contract with the KMS account: kms-deploy-contract on examples/deploy-contract"
echo "Compiling contracts/Greeter.sol with $solcjs"
(cd examples/deploy-contract && rm -rf target/solc && "$solcjs" --bin --abi -o target/solc contracts/Greeter.sol >/dev/null)
(cd examples/deploy-contract && "$root/mvnw" -B -ntp -Dkms.endpoint="$endpoint" -Dkms.rpcUrl="$rpc" package) \
  | grep -E 'kms-deploy-contract|Deploying|Signed|Sent|mined|Deployed|contract address|Recorded|BUILD'
ledger="$(ls examples/deploy-contract/deployments/*/*.json | grep -v pending | head -1)"
contract="$(sed -n 's/.*"address" : "\(0x[0-9a-fA-F]*\)".*/\1/p' "$ledger" | head -1)"
echo "Deployment ledger:     $ledger"
echo "Contract address:      $contract"
echo "greet():               $("$cast" call --rpc-url "$rpc" "$contract" 'greeting()(string)' 2>/dev/null || echo '?')"
code="$("$cast" code --rpc-url "$rpc" "$contract")"
[ "${#code}" -gt 2 ] || { echo "no code at $contract" >&2; exit 1; }
echo "OK: $(( (${#code} - 2) / 2 )) bytes of code at $contract, deployed by the KMS account $address."

step "Done"
echo "Left on this machine: the plugin in $repo/io/kmsethereum/, the tools under ~/.cache/kms-ethereum,"
echo "and in the repository (ignored by git) examples/*/target, the journal examples/quickstart/.kms-ethereum"
echo "and the ledger examples/deploy-contract/deployments. LocalStack and Anvil are stopped unless KEEP_SERVICES=1."
