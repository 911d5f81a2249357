#!/usr/bin/env bash
# Runs the benchmarks of bench/README.md. Usage: bench/run.sh COMMAND [args]
#
#   build                     install the plugin (from the working tree) into bench/target/repo and
#                             package bench/target/benchmarks.jar
#   cpu [rounds] [batch]      same-run CPU-time ratios of signature post-processing (CpuRatio)
#   jmh [JMH args]            the JMH benchmarks (SignatureBench); e.g. jmh -f 1 'SignatureBench.tx.*'
#   throughput [n] [levels] [rounds]
#                             signatures/s against LocalStack: plugin vs bare SDK Sign loops
#                             (Throughput), Foundry cast, and an ethers-based KMS signer
#   steps [runs]              where a cold kms-address spends its time (GoalSteps, new JVM per run)
#   overhead [runs]           wall time, CPU and peak memory of `mvn validate kms-ethereum:kms-address`
#                             minus `mvn validate`, next to `cast wallet address --aws` (interleaved
#                             runs, then hyperfine); BENCH_BEFORE_VERSION=<v> adds the kms-address of
#                             an older plugin build installed into bench/target/repo as version <v>
#   pipeline [rounds]         ten deployments in one kms-deploy-contract execution (contracts list)
#                             vs ten executions one after the other, against `anvil --block-time 1`
#                             on BENCH_ANVIL_PORT (8600), started and stopped by this script
#   all                       build, cpu, throughput, steps, overhead, pipeline
#
# LocalStack comes from scripts/services.sh (started when not running, stopped at the end if this
# script started it). Ports and state directory, as for the tests:
#   KMS_IT_LOCALSTACK_PORT (4566), KMS_IT_ANVIL_PORT (8545), KMS_IT_STATE_DIR (bench/target/services)
# Outputs go to bench/target/results/ (bench/results/ holds the runs quoted in docs/performance.md).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$BENCH_DIR/.." && pwd)
readonly BENCH_DIR ROOT
readonly REPO=$BENCH_DIR/target/repo
readonly JAR=$BENCH_DIR/target/benchmarks.jar
readonly OUT=$BENCH_DIR/target/results
export KMS_IT_LOCALSTACK_PORT=${KMS_IT_LOCALSTACK_PORT:-4566}
export KMS_IT_ANVIL_PORT=${KMS_IT_ANVIL_PORT:-8545}
export KMS_IT_STATE_DIR=${KMS_IT_STATE_DIR:-$BENCH_DIR/target/services}
readonly ENDPOINT=http://127.0.0.1:$KMS_IT_LOCALSTACK_PORT
# LocalStack accepts any credentials; the region matches the key ARNs it makes
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1
# the Maven repository: bench/target/repo first, then the user's (read-only tail, Maven 3.9+)
readonly MVN_REPO_ARGS=(-Dmaven.repo.local="$REPO" -Dmaven.repo.local.tail="$HOME/.m2/repository")
readonly MVN_PORT_ARGS=(-Dkms.it.localstackPort="$KMS_IT_LOCALSTACK_PORT" -Dkms.it.anvilPort="$KMS_IT_ANVIL_PORT")

log() { printf 'bench: %s\n' "$*" >&2; }

machine() {
  echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)," \
    "$(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1); $(java -version 2>&1 | head -1); load: $(cut -d' ' -f1-3 /proc/loadavg)"
}

cmd_build() {
  # shellcheck source=../scripts/lib/maven.sh
  source "$ROOT/scripts/lib/maven.sh"
  ensure_maven_wrapper
  log "installing the plugin into $REPO"
  (cd "$ROOT" && ./mvnw -B -ntp -q install -DskipTests -Dinvoker.skip=true "${MVN_PORT_ARGS[@]}" "${MVN_REPO_ARGS[@]}")
  log "packaging $JAR"
  (cd "$BENCH_DIR" && "$ROOT/mvnw" -B -ntp -q package "${MVN_REPO_ARGS[@]}")
  # the plain (unshaded) runtime class path, for the cold-JVM yardstick BareAddress
  (cd "$BENCH_DIR" && "$ROOT/mvnw" -B -ntp -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.outputFile=target/classpath.txt \
    "${MVN_REPO_ARGS[@]}")
}

need_jar() { [[ -f $JAR ]] || cmd_build; mkdir -p "$OUT"; }

cmd_cpu() {
  need_jar
  { machine; java -cp "$JAR" io.kmsethereum.bench.CpuRatio "$@"; echo "end load: $(cut -d' ' -f1-3 /proc/loadavg)"; } \
    | tee "$OUT/cpuratio.txt"
}

cmd_jmh() {
  need_jar
  machine | tee "$OUT/jmh.txt"
  java -jar "$JAR" -rf json -rff "$OUT/jmh.json" "${@:-SignatureBench}" | tee -a "$OUT/jmh.txt"
}

STARTED_SERVICES=
services_up() {
  if curl -fsS --max-time 3 "$ENDPOINT/_localstack/health" 2>/dev/null | grep -Eq '"kms": *"(running|available)"'; then
    return
  fi
  log "starting LocalStack on port $KMS_IT_LOCALSTACK_PORT (state in $KMS_IT_STATE_DIR)"
  "$ROOT/scripts/services.sh" start localstack >&2
  STARTED_SERVICES=1
  trap services_down EXIT
}
services_down() {
  if [[ -n $STARTED_SERVICES ]]; then
    "$ROOT/scripts/services.sh" stop localstack >&2 || true
  fi
}

cast_bin() {
  local cast
  cast=$(sed -n 's/^kms.it.cast=//p' "$KMS_IT_STATE_DIR/services.properties" 2>/dev/null || true)
  [[ -x ${cast:-} ]] || cast=${KMS_ETH_CACHE:-$HOME/.cache/kms-ethereum}/npm-tools/node_modules/@foundry-rs/cast-linux-amd64/bin/cast
  [[ -x $cast ]] || { "$ROOT/scripts/services.sh" install >&2; }
  echo "$cast"
}

key_arn() { java -cp "$JAR" io.kmsethereum.bench.BenchKey "$ENDPOINT"; }

# cast wallet sign --aws: one process (GetPublicKey + Sign) per signature; n signatures at concurrency c
cast_rate() {
  local cast=$1 n=$2 c=$3 start end
  start=$(date +%s.%N)
  seq "$n" | xargs -P "$c" -I{} env AWS_ENDPOINT_URL="$ENDPOINT" AWS_KMS_KEY_ID="$KEY_ARN" \
    "$cast" wallet sign --aws --no-hash 0x"$(printf '%064x' 1)" >/dev/null
  end=$(date +%s.%N)
  awk -v n="$n" -v s="$start" -v e="$end" 'BEGIN { printf "%.1f", n / (e - s) }'
}

node_signer() {
  local dir=$BENCH_DIR/target/node
  mkdir -p "$dir"
  cp "$BENCH_DIR/node/package.json" "$BENCH_DIR/node/kms-throughput.mjs" "$dir/"
  if [[ ! -d $dir/node_modules/@rumblefishdev/eth-signer-kms ]]; then
    log "installing the ethers-based KMS signer from npm into $dir"
    (cd "$dir" && npm install --no-package-lock --no-audit --no-fund --loglevel=error >&2)
  fi
  echo "$dir/kms-throughput.mjs"
}

cmd_throughput() {
  local n=${1:-100} levels=${2:-1,8,32} rounds=${3:-15} cast script level
  need_jar
  services_up
  KEY_ARN=$(key_arn)
  cast=$(cast_bin)
  {
    machine
    java -cp "$JAR" io.kmsethereum.bench.Throughput "$ENDPOINT" "$n" "$levels" "$rounds"
    echo "cast wallet sign --aws ($("$cast" --version | head -1)): one process per signature, $((n / 2)) signatures per run"
    for level in ${levels//,/ }; do
      cast_rate "$cast" 10 "$level" >/dev/null
      for _ in $(seq "$rounds"); do cast_rate "$cast" $((n / 2)) "$level"; echo; done | python3 -c "
import statistics, sys
rates = [float(x) for x in sys.stdin.read().split()]
print(f'concurrency $level: median {statistics.median(rates):.1f} signatures/s (min {min(rates):.1f}, max {max(rates):.1f})')"
    done
    if script=$(node_signer); then
      node "$script" "$ENDPOINT" "$KEY_ARN" "$n" "$levels" "$rounds"
    else
      echo "ethers-based KMS signer: npm install failed"
    fi
    echo "end load: $(cut -d' ' -f1-3 /proc/loadavg)"
  } | tee "$OUT/throughput.txt"
}

cmd_steps() {
  local runs=${1:-10}
  need_jar
  services_up
  KEY_ARN=$(key_arn)
  {
    machine
    echo "GoalSteps: kms-address's steps in a new JVM each run, milliseconds"
    for _ in $(seq "$runs"); do java -cp "$JAR" io.kmsethereum.bench.GoalSteps "$ENDPOINT" "$KEY_ARN" 2>/dev/null; done
  } | tee "$OUT/steps.txt"
  python3 - "$OUT/steps.txt" <<'EOF' | tee -a "$OUT/steps.txt"
import statistics, sys
steps = {}
for line in open(sys.argv[1]):
    if line.startswith("jvm-to-main="):
        for kv in line.split():
            k, v = kv.split("=")
            if k != "address":
                steps.setdefault(k, []).append(float(v))
for k, v in steps.items():
    print(f"median {k:<24} {statistics.median(v):8.1f} ms  (min {min(v):.1f}, max {max(v):.1f})")
EOF
}

cmd_overhead() {
  local runs=${1:-10} cast mvn key_env bare before=${BENCH_BEFORE_VERSION:-}
  local -a extra=()
  need_jar
  services_up
  KEY_ARN=$(key_arn)
  cast=$(cast_bin)
  mvn="./mvnw -B -o -q -f $BENCH_DIR/overhead/pom.xml -Dmaven.repo.local=$REPO -Dmaven.repo.local.tail=$HOME/.m2/repository -Dbench.endpoint=$ENDPOINT -Dbench.keyId=$KEY_ARN"
  key_env="env AWS_ENDPOINT_URL=$ENDPOINT AWS_KMS_KEY_ID=$KEY_ARN"
  cd "$ROOT"
  $mvn validate kms-ethereum:kms-address >/dev/null   # resolve once
  if [[ -n $before ]]; then
    # an older build of the plugin, installed into bench/target/repo as version $before
    $mvn -Dbench.pluginVersion="$before" validate kms-ethereum:kms-address >/dev/null
    extra=("kms-address $before=$mvn -Dbench.pluginVersion=$before validate kms-ethereum:kms-address")
  fi
  # the yardstick: a cold JVM doing the same two KMS calls with the bare SDK (BareAddress)
  bare="java -cp $BENCH_DIR/target/classes:$(cat "$BENCH_DIR/target/classpath.txt") io.kmsethereum.bench.BareAddress $ENDPOINT $KEY_ARN"
  $bare url-connection >/dev/null
  {
    machine
    echo "interleaved (bench/overhead.py), $runs rounds:"
    python3 "$BENCH_DIR/overhead.py" "$runs" "mvn validate=$mvn validate" \
      "mvn validate kms-ethereum:kms-address=$mvn validate kms-ethereum:kms-address" "${extra[@]}" \
      "bare SDK, cold JVM, url-connection client=$bare url-connection" \
      "bare SDK, cold JVM, Apache client=$bare apache" \
      "cast wallet address --aws=$key_env $cast wallet address --aws"
    if ! command -v hyperfine >/dev/null; then
      echo "hyperfine: not installed, skipped (the interleaved runs above are the figures the docs quote)"
    else
    echo "hyperfine, $runs runs each:"
    hyperfine --style basic --warmup 2 --runs "$runs" --export-json "$OUT/overhead.json" \
      -n 'mvn validate' "$mvn validate" \
      -n 'mvn validate kms-ethereum:kms-address' "$mvn validate kms-ethereum:kms-address" \
      -n 'cast wallet address --aws' "$key_env $cast wallet address --aws"
    python3 - "$OUT/overhead.json" <<'EOF'
import json, statistics, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
base, goal, cast = (r[k] for k in ("mvn validate", "mvn validate kms-ethereum:kms-address", "cast wallet address --aws"))
med = lambda x: statistics.median(x["times"])
print(f"hyperfine goal overhead (medians): {1000 * (med(goal) - med(base)):.0f} ms = kms-address run"
      f" {1000 * med(goal):.0f} ms - validate {1000 * med(base):.0f} ms; cast wallet address --aws {1000 * med(cast):.0f} ms")
EOF
    fi
    echo "end load: $(cut -d' ' -f1-3 /proc/loadavg)"
  } | tee "$OUT/overhead.txt"
}

anvil_bin() {
  local anvil
  anvil=$(sed -n 's/^kms.it.anvil=//p' "$KMS_IT_STATE_DIR/services.properties" 2>/dev/null || true)
  [[ -x ${anvil:-} ]] || anvil=${KMS_ETH_CACHE:-$HOME/.cache/kms-ethereum}/npm-tools/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil
  [[ -x $anvil ]] || { "$ROOT/scripts/services.sh" install >&2; }
  echo "$anvil"
}

cmd_pipeline() {
  local rounds=${1:-5} port=${BENCH_ANVIL_PORT:-8600} cast anvil address mvn
  need_jar
  services_up
  KEY_ARN=$(key_arn)
  cast=$(cast_bin)
  anvil=$(anvil_bin)
  if "$cast" chain-id --rpc-url "http://127.0.0.1:$port" >/dev/null 2>&1; then
    log "port $port already answers JSON-RPC: stop that node or set BENCH_ANVIL_PORT"; exit 1
  fi
  log "starting anvil --block-time 1 on port $port"
  "$anvil" --host 127.0.0.1 --port "$port" --block-time 1 --silent >"$OUT/pipeline-anvil.log" 2>&1 &
  BENCH_ANVIL_PID=$!
  # stop only the Anvil this script started (and LocalStack, if it started that too)
  trap 'kill "$BENCH_ANVIL_PID" 2>/dev/null || true; services_down' EXIT
  for _ in $(seq 50); do "$cast" chain-id --rpc-url "http://127.0.0.1:$port" >/dev/null 2>&1 && break; sleep 0.2; done
  address=$(env AWS_ENDPOINT_URL="$ENDPOINT" AWS_KMS_KEY_ID="$KEY_ARN" "$cast" wallet address --aws)
  "$cast" rpc --rpc-url "http://127.0.0.1:$port" anvil_setBalance "$address" 0x56bc75e2d63100000 >/dev/null
  mvn="$ROOT/mvnw -B -o -f $BENCH_DIR/pipeline/pom.xml -Dmaven.repo.local=$REPO -Dmaven.repo.local.tail=$HOME/.m2/repository -Dbench.endpoint=$ENDPOINT -Dbench.keyId=$KEY_ARN -Dbench.rpcUrl=http://127.0.0.1:$port"
  cd "$ROOT"
  {
    machine
    echo "anvil --block-time 1 (port $port); key $KEY_ARN = $address; $rounds rounds, each variant from an empty ledger:"
    # shellcheck disable=SC2086
    python3 "$BENCH_DIR/pipeline.py" "$rounds" "$BENCH_DIR/pipeline/target/deployments" $mvn
    echo "end load: $(cut -d' ' -f1-3 /proc/loadavg)"
  } | tee "$OUT/pipeline.txt"
}

case "${1:-}" in
  build) shift; cmd_build "$@" ;;
  cpu) shift; cmd_cpu "$@" ;;
  jmh) shift; cmd_jmh "$@" ;;
  throughput) shift; cmd_throughput "$@" ;;
  steps) shift; cmd_steps "$@" ;;
  overhead) shift; cmd_overhead "$@" ;;
  pipeline) shift; cmd_pipeline "$@" ;;
  all) cmd_build; cmd_cpu; cmd_throughput; cmd_steps; cmd_overhead; cmd_pipeline ;;
  *) sed -n '2,26p' "$0"; exit 2 ;;
esac
