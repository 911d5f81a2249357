#!/usr/bin/env bash
# Installs (when missing), starts and stops the servers the integration tests
# need, all on 127.0.0.1 and without Docker:
#   - LocalStack (community: KMS, S3, STS and IAM), from a Python 3.13 venv kept outside the
#     repo; all on the one port (S3 path-style: http://127.0.0.1:PORT/bucket/key). STS and IAM
#     come from moto-ext, which the pinned requirements include (web identity credentials ITs)
#   - Anvil (plus cast, forge and solcjs, and a solc wrapper for `forge build --use`), from npm
#     packages kept outside the repo
#   - the loopback verifier (scripts/services/verifier: Sourcify v2 and Etherscan contract API,
#     recompiling against the Anvil node), its npm packages kept outside the repo
#   - the Safe contracts 1.4.1 (build artifacts) and @safe-global/protocol-kit, the independent
#     Safe transaction check, from npm into a folder of their own (safe-tools: the contracts'
#     ethers 5 peer dependency is not installed, ethers 6 is); installed with the test tools
#     (install, install anvil, and a start of all services)
#
# Usage: scripts/services.sh install|start|stop|status [localstack|anvil|verifier]
#
# Environment (all optional):
#   KMS_ETH_CACHE           where tools are installed   (default ~/.cache/kms-ethereum)
#   KMS_IT_STATE_DIR        pids, logs, properties      (default <repo>/target/services)
#   KMS_IT_LOCALSTACK_PORT  LocalStack port             (default 4566)
#   KMS_IT_ANVIL_PORT       Anvil port                  (default 8545)
#   KMS_IT_CHAIN_ID         Anvil chain id              (default 31337)
#   KMS_IT_VERIFIER_PORT    loopback verifier port      (default 5555)
set -euo pipefail

readonly LOCALSTACK_VERSION=4.14.0
readonly FOUNDRY_VERSION=1.7.1
readonly SOLC_VERSION=0.8.28
readonly HOST=127.0.0.1
readonly LOCALSTACK_TIMEOUT=120
readonly ANVIL_TIMEOUT=60
readonly VERIFIER_TIMEOUT=30
readonly STOP_TIMEOUT=15

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$SCRIPT_DIR/.." && pwd)
readonly SCRIPT_DIR REPO_DIR
readonly SPEC_DIR=$SCRIPT_DIR/services
readonly REQUIREMENTS=$SPEC_DIR/localstack-requirements.txt
readonly VERIFIER_SPEC_DIR=$SPEC_DIR/verifier
readonly SOLC_WRAPPER_SRC=$SPEC_DIR/solc-wrapper.js

readonly CACHE_DIR=${KMS_ETH_CACHE:-$HOME/.cache/kms-ethereum}
readonly VENV_DIR=$CACHE_DIR/localstack-venv-$LOCALSTACK_VERSION
readonly NPM_DIR=$CACHE_DIR/npm-tools
readonly VERIFIER_NPM_DIR=$CACHE_DIR/verifier
readonly MARKER_NAME=.kms-eth-installed

readonly ANVIL_BIN=$NPM_DIR/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil
readonly CAST_BIN=$NPM_DIR/node_modules/@foundry-rs/cast-linux-amd64/bin/cast
readonly SOLCJS_BIN=$NPM_DIR/node_modules/.bin/solcjs
readonly FORGE_BIN=$NPM_DIR/node_modules/@foundry-rs/forge-linux-amd64/bin/forge
# Lives beside node_modules so that its require('solc') finds npm solc; copied from the repo.
readonly SOLC_WRAPPER=$NPM_DIR/solc-wrapper.js
readonly SAFE_SPEC_DIR=$SPEC_DIR/safe-tools
readonly SAFE_DIR=$CACHE_DIR/safe-tools
readonly SAFE_ARTIFACTS=$SAFE_DIR/node_modules/@safe-global/safe-contracts/build/artifacts/contracts
readonly SAFE_KIT=$SAFE_DIR/node_modules/@safe-global/protocol-kit/package.json

readonly LOCALSTACK_PORT=${KMS_IT_LOCALSTACK_PORT:-4566}
readonly ANVIL_PORT=${KMS_IT_ANVIL_PORT:-8545}
readonly CHAIN_ID=${KMS_IT_CHAIN_ID:-31337}
readonly LOCALSTACK_URL=http://$HOST:$LOCALSTACK_PORT
readonly ANVIL_URL=http://$HOST:$ANVIL_PORT
readonly VERIFIER_PORT=${KMS_IT_VERIFIER_PORT:-5555}
readonly VERIFIER_URL=http://$HOST:$VERIFIER_PORT

STATE_DIR=${KMS_IT_STATE_DIR:-$REPO_DIR/target/services}
[[ $STATE_DIR == /* ]] || STATE_DIR=$PWD/$STATE_DIR
readonly STATE_DIR
readonly LOCALSTACK_PID=$STATE_DIR/localstack.pid
readonly LOCALSTACK_LOG=$STATE_DIR/localstack.log
readonly ANVIL_PID=$STATE_DIR/anvil.pid
readonly ANVIL_LOG=$STATE_DIR/anvil.log
readonly VERIFIER_PID=$STATE_DIR/verifier.pid
readonly VERIFIER_LOG=$STATE_DIR/verifier.log
readonly PROPERTIES=$STATE_DIR/services.properties

log() { printf 'services: %s\n' "$*"; }
die() { printf 'services: ERROR: %s\n' "$*" >&2; exit 1; }

usage() {
  cat <<EOF
Usage: ${0##*/} COMMAND [localstack|anvil|verifier]

  install   install LocalStack $LOCALSTACK_VERSION, anvil/cast/forge $FOUNDRY_VERSION, solcjs $SOLC_VERSION, the
            Safe contracts with protocol-kit and the loopback verifier's npm packages when missing
  start     install if needed, start (or reuse) the servers, write $PROPERTIES
  stop      stop the servers this script started (SIGTERM, then SIGKILL after ${STOP_TIMEOUT} s)
  status    show what is installed and running

Without a service name, commands act on all three.
EOF
}

need() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' is required but not on PATH"
}

# sha256 of the concatenated contents of the given files
sha256() { cat "$@" | sha256sum | cut -d' ' -f1; }

# Serialise installs (fd 9, in the cache) and start/stop (fd 8, in the state dir)
# between concurrent callers. Each lock is taken at most once per run; spawn()
# closes both fds so the servers do not inherit them.
INSTALL_LOCKED=0
lock_install() {
  ((INSTALL_LOCKED)) && return 0
  INSTALL_LOCKED=1
  mkdir -p "$CACHE_DIR"
  command -v flock >/dev/null 2>&1 || return 0
  exec 9>"$CACHE_DIR/.install.lock"
  flock 9
}

lock_state() {
  mkdir -p "$STATE_DIR"
  command -v flock >/dev/null 2>&1 || return 0
  exec 8>"$STATE_DIR/.lock"
  flock 8
}

# ---------------------------------------------------------------- install

find_python313() {
  local cand root
  local -a cands=()
  if cand=$(command -v python3.13 2>/dev/null); then
    cands+=("$cand")
  fi
  if command -v pyenv >/dev/null 2>&1 && root=$(pyenv root 2>/dev/null); then
    :
  else
    root=${PYENV_ROOT:-$HOME/.pyenv}
  fi
  if [[ -d $root/versions ]]; then
    while IFS= read -r cand; do
      cands+=("$cand")
    done < <(compgen -G "$root/versions/3.13*/bin/python3.13" | sort -rV || true)
  fi
  # A pyenv shim is on PATH even when it cannot run, so check each candidate.
  for cand in "${cands[@]}"; do
    if "$cand" -c 'import sys, venv; sys.exit(sys.version_info[:2] != (3, 13))' >/dev/null 2>&1; then
      printf '%s\n' "$cand"
      return 0
    fi
  done
  die "Python 3.13 not found: need a working 'python3.13' on PATH or \$(pyenv root)/versions/3.13*/bin/python3.13 (e.g. 'pyenv install 3.13')"
}

localstack_installed() {
  [[ -f $VENV_DIR/$MARKER_NAME && $(<"$VENV_DIR/$MARKER_NAME") == "$(sha256 "$REQUIREMENTS")" ]] &&
    "$VENV_DIR/bin/python" -c '' >/dev/null 2>&1
}

# A working venv installed from an older requirements list (e.g. one without moto-ext, without
# which LocalStack answers STS and IAM calls with 500 "No module named 'moto'") is brought up to
# date in place: pip adds what is missing and changes what is pinned at another version, instead
# of deleting the venv under a LocalStack that may be running from it (adding moto-ext to the
# 4.14.0 set changes no installed package). A package dropped from the list stays installed.
# False when the venv cannot be updated; then it is built anew.
update_localstack() {
  [[ -f $VENV_DIR/$MARKER_NAME ]] && "$VENV_DIR/bin/python" -c '' >/dev/null 2>&1 || return 1
  local started=$SECONDS
  log "updating the LocalStack venv $VENV_DIR to $REQUIREMENTS (it was installed from another list)"
  "$VENV_DIR/bin/python" -m pip install --quiet --no-input --disable-pip-version-check \
    -r "$REQUIREMENTS" || return 1
  "$VENV_DIR/bin/python" -c 'import localstack, moto' >/dev/null 2>&1 || return 1
  sha256 "$REQUIREMENTS" >"$VENV_DIR/$MARKER_NAME"
  log "LocalStack venv updated in $((SECONDS - started)) s"
}

install_localstack() {
  [[ -f $REQUIREMENTS ]] || die "missing $REQUIREMENTS"
  localstack_installed && return 0
  lock_install
  localstack_installed && return 0
  update_localstack && return 0
  local python started=$SECONDS
  python=$(find_python313)
  log "installing LocalStack $LOCALSTACK_VERSION into $VENV_DIR (with $python)"
  rm -rf "$VENV_DIR"
  "$python" -m venv "$VENV_DIR"
  if ! "$VENV_DIR/bin/python" -m pip install --quiet --no-input --disable-pip-version-check \
    -r "$REQUIREMENTS"; then
    die "pip install of LocalStack failed (venv left at $VENV_DIR, it will be rebuilt next time)"
  fi
  sha256 "$REQUIREMENTS" >"$VENV_DIR/$MARKER_NAME"
  log "LocalStack $LOCALSTACK_VERSION installed in $((SECONDS - started)) s"
}

npm_spec_hash() { # spec dir
  if [[ -f $1/package-lock.json ]]; then
    sha256 "$1/package.json" "$1/package-lock.json"
  else
    sha256 "$1/package.json"
  fi
}

# True when the packages of spec dir $1 are installed in $2 (its marker holds the spec's hash)
# and the files $3... exist.
npm_dir_installed() { # spec dir, target dir, required files...
  local spec=$1 target=$2 file
  shift 2
  [[ -f $target/$MARKER_NAME && $(<"$target/$MARKER_NAME") == "$(npm_spec_hash "$spec")" ]] || return 1
  for file in "$@"; do [[ -e $file ]] || return 1; done
}

# Installs the package.json (+ package-lock.json) of spec dir $2 into $3 with 'npm $1' ('ci', or
# 'install', which installs the locked versions too but tolerates optional packages missing from
# the lock file), when not installed yet. Without a lock file: 'npm install', which then writes
# the lock file back to the spec dir.
install_npm_dir() { # npm command, label, spec dir, target dir, required files...
  local npm_cmd=$1 label=$2 spec=$3 target=$4
  shift 4
  [[ -f $spec/package.json ]] || die "missing $spec/package.json"
  npm_dir_installed "$spec" "$target" "$@" && return 0
  need npm
  lock_install
  npm_dir_installed "$spec" "$target" "$@" && return 0
  local started=$SECONDS file
  local -a opts=(--no-audit --no-fund --loglevel=error --omit-lockfile-registry-resolved)
  log "installing $label into $target"
  mkdir -p "$target"
  rm -f "$target/$MARKER_NAME"
  cp "$spec/package.json" "$target/package.json"
  if [[ -f $spec/package-lock.json ]]; then
    cp "$spec/package-lock.json" "$target/package-lock.json"
    (cd "$target" && npm "$npm_cmd" "${opts[@]}") || die "npm $npm_cmd in $target failed"
  else
    rm -f "$target/package-lock.json"
    (cd "$target" && npm install "${opts[@]}") || die "npm install in $target failed"
    # Keep the resolved tree next to package.json so later installs use 'npm ci'.
    cp "$target/package-lock.json" "$spec/package-lock.json"
    log "wrote $spec/package-lock.json"
  fi
  for file in "$@"; do [[ -e $file ]] || die "npm install did not produce $file"; done
  npm_spec_hash "$spec" >"$target/$MARKER_NAME"
  log "$label installed in $((SECONDS - started)) s"
}

npm_tools_installed() {
  npm_dir_installed "$SPEC_DIR" "$NPM_DIR" "$ANVIL_BIN" "$CAST_BIN" "$SOLCJS_BIN" "$FORGE_BIN"
}

install_npm_tools() {
  [[ $(uname -s)/$(uname -m) == Linux/x86_64 ]] ||
    die "the anvil/cast/forge npm packages used here are for Linux x86_64 only (this is $(uname -s)/$(uname -m))"
  install_npm_dir ci "anvil/cast/forge $FOUNDRY_VERSION and solcjs $SOLC_VERSION" \
    "$SPEC_DIR" "$NPM_DIR" "$ANVIL_BIN" "$CAST_BIN" "$SOLCJS_BIN" "$FORGE_BIN"
  # The solc wrapper is copied on every install/start (cheap), so that a change to it needs no
  # reinstall of the packages.
  if ! cmp -s "$SOLC_WRAPPER_SRC" "$SOLC_WRAPPER"; then
    cp "$SOLC_WRAPPER_SRC" "$SOLC_WRAPPER.tmp" && chmod +x "$SOLC_WRAPPER.tmp" && mv -f "$SOLC_WRAPPER.tmp" "$SOLC_WRAPPER"
  fi
}

verifier_installed() {
  npm_dir_installed "$VERIFIER_SPEC_DIR" "$VERIFIER_NPM_DIR" "$VERIFIER_NPM_DIR/node_modules/@ethereum-sourcify/lib-sourcify"
}

install_verifier() {
  need node
  # 'npm install': cbor-extract (under lib-sourcify) lists platform packages as optional that the
  # registry here does not serve, so the lock file lacks them and 'npm ci' refuses it; cbor-x
  # works without them.
  install_npm_dir install "the loopback verifier's packages (lib-sourcify, solc)" \
    "$VERIFIER_SPEC_DIR" "$VERIFIER_NPM_DIR" "$VERIFIER_NPM_DIR/node_modules/@ethereum-sourcify/lib-sourcify"
}

safe_tools_installed() {
  npm_dir_installed "$SAFE_SPEC_DIR" "$SAFE_DIR" "$SAFE_ARTIFACTS/Safe.sol/Safe.json" "$SAFE_KIT"
}

# The Safe contracts and protocol-kit in a folder of their own: @safe-global/safe-contracts 1.4.1
# declares a peer dependency on ethers 5.4.0, which conflicts with the ethers 6 installed beside
# it, so the install skips peer dependencies (legacy-peer-deps; the artifacts need no ethers).
install_safe_tools() {
  npm_config_legacy_peer_deps=true install_npm_dir ci "the Safe contracts and protocol-kit" \
    "$SAFE_SPEC_DIR" "$SAFE_DIR" "$SAFE_ARTIFACTS/Safe.sol/Safe.json" "$SAFE_KIT"
}

# ---------------------------------------------------------------- processes

# Prints the pid in $1 if that process is alive and its command line contains $2.
our_pid() { # pidfile pattern
  local pid
  [[ -f $1 ]] || return 1
  pid=$(<"$1")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$2" || return 1
  printf '%s\n' "$pid"
}

log_tail() { # logfile
  if [[ -f $1 ]]; then
    printf -- '--- last lines of %s ---\n' "$1" >&2
    tail -n 40 "$1" >&2
    printf -- '---\n' >&2
  fi
}

stop_pid() { # name pidfile pattern
  local name=$1 pidfile=$2 pattern=$3 pid waited=0
  if ! pid=$(our_pid "$pidfile" "$pattern"); then
    rm -f "$pidfile"
    log "$name: nothing to stop (no process started by this script is running)"
    return 0
  fi
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null && ((waited < STOP_TIMEOUT * 2)); do
    sleep 0.5
    waited=$((waited + 1))
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name did not stop within ${STOP_TIMEOUT} s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  fi
  rm -f "$pidfile"
  log "$name stopped"
}

# True when something accepts TCP connections on $HOST:$1.
port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

# Starts "$@" detached from this shell (own session, survives the caller).
spawn() { # pidfile logfile command...
  local pidfile=$1 logfile=$2
  shift 2
  (cd "$STATE_DIR" && exec setsid nohup "$@" >"$logfile" 2>&1 </dev/null 8>&- 9>&-) &
  printf '%s\n' "$!" >"$pidfile"
}

# Waits until the readiness check "$@" succeeds, polling every $interval s. Fails with the last
# lines of the log when the process exits first, or (after stopping it) when $timeout s have
# passed since $started.
wait_ready() { # name pid pidfile pattern logfile port url timeout started interval check...
  local name=$1 pid=$2 pidfile=$3 pattern=$4 logfile=$5 port=$6 url=$7 timeout=$8 started=$9 interval=${10}
  shift 10
  until "$@"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$pidfile"
      log_tail "$logfile"
      die "$name exited before becoming ready (port $port taken?)"
    fi
    if ((SECONDS - started >= timeout)); then
      log_tail "$logfile"
      stop_pid "$name" "$pidfile" "$pattern"
      die "$name not ready on $url after $timeout s"
    fi
    sleep "$interval"
  done
}

# ---------------------------------------------------------------- LocalStack

# The services LocalStack must serve; ready when its health endpoint reports each of
# them running or available. STS (AssumeRoleWithWebIdentity) and IAM are moto-ext's.
readonly LOCALSTACK_SERVICES=(kms s3 sts iam)

localstack_health() {
  curl -fsS --max-time 3 "$LOCALSTACK_URL/_localstack/health" 2>/dev/null
}

localstack_healthy() {
  local health service
  health=$(localstack_health) || return 1
  for service in "${LOCALSTACK_SERVICES[@]}"; do
    grep -Eq "\"$service\": *\"(running|available)\"" <<<"$health" || return 1
  done
}

# True when a LocalStack answers but was started without one of the services (e.g. by an
# older version of this script with SERVICES=kms): waiting would not help.
localstack_lacks_service() {
  local health service
  health=$(localstack_health) || return 1
  for service in "${LOCALSTACK_SERVICES[@]}"; do
    grep -Eq "\"$service\": *\"(running|available|starting|initialized)\"" <<<"$health" || return 0
  done
  return 1
}

start_localstack() {
  local pid started=$SECONDS
  if pid=$(our_pid "$LOCALSTACK_PID" localstack.runtime.main); then
    if localstack_healthy; then
      log "LocalStack already running on $LOCALSTACK_URL (pid $pid)"
      return 0
    fi
    if localstack_lacks_service; then
      log "LocalStack (pid $pid) does not serve all of ${LOCALSTACK_SERVICES[*]}: restarting it"
      stop_pid LocalStack "$LOCALSTACK_PID" localstack.runtime.main
      start_localstack
      return
    fi
    log "LocalStack (pid $pid) is not ready yet, waiting"
  elif localstack_healthy; then
    rm -f "$LOCALSTACK_PID"
    log "reusing LocalStack already running on $LOCALSTACK_URL (not started here, stop will leave it)"
    return 0
  else
    # LocalStack does not exit when its port is taken, it only logs it: check first.
    port_open "$LOCALSTACK_PORT" &&
      die "port $LOCALSTACK_PORT is in use by something that is not a ready LocalStack with ${LOCALSTACK_SERVICES[*]} (set KMS_IT_LOCALSTACK_PORT)"
    install_localstack
    mkdir -p "$STATE_DIR/localstack-fs"
    log "starting LocalStack $LOCALSTACK_VERSION on $LOCALSTACK_URL (log: $LOCALSTACK_LOG)"
    spawn "$LOCALSTACK_PID" "$LOCALSTACK_LOG" env \
      SERVICES="$(IFS=,; printf '%s' "${LOCALSTACK_SERVICES[*]}")" \
      EAGER_SERVICE_LOADING=1 \
      GATEWAY_SERVER=hypercorn \
      GATEWAY_LISTEN="$HOST:$LOCALSTACK_PORT" \
      LOCALSTACK_HOST="$HOST:$LOCALSTACK_PORT" \
      OVERRIDE_IN_DOCKER=0 \
      DNS_ADDRESS=0 \
      SKIP_SSL_CERT_DOWNLOAD=1 \
      DISABLE_EVENTS=1 \
      PERSISTENCE=0 \
      FILESYSTEM_ROOT="$STATE_DIR/localstack-fs" \
      "$VENV_DIR/bin/python" -m localstack.runtime.main
    pid=$(<"$LOCALSTACK_PID")
  fi
  wait_ready LocalStack "$pid" "$LOCALSTACK_PID" localstack.runtime.main "$LOCALSTACK_LOG" "$LOCALSTACK_PORT" \
    "$LOCALSTACK_URL" "$LOCALSTACK_TIMEOUT" "$started" 1 localstack_healthy
  log "LocalStack ready on $LOCALSTACK_URL in $((SECONDS - started)) s"
}

# ---------------------------------------------------------------- Anvil

# Prints the chain id (decimal) answered on the Anvil port.
rpc_chain_id() {
  local out hex
  out=$(curl -fsS --max-time 3 -H 'Content-Type: application/json' \
    -d '{"jsonrpc":"2.0","id":1,"method":"eth_chainId","params":[]}' "$ANVIL_URL" 2>/dev/null) || return 1
  hex=$(sed -n 's/.*"result" *: *"0x\([0-9a-fA-F]*\)".*/\1/p' <<<"$out")
  [[ -n $hex ]] || return 1
  printf '%d\n' "0x$hex"
}

check_chain_id() { # actual
  [[ $1 == "$CHAIN_ID" ]] ||
    die "the node on $ANVIL_URL has chain id $1, expected $CHAIN_ID (set KMS_IT_CHAIN_ID or free port $ANVIL_PORT)"
}

start_anvil() {
  local pid actual started=$SECONDS
  if pid=$(our_pid "$ANVIL_PID" "bin/anvil --host") && actual=$(rpc_chain_id); then
    check_chain_id "$actual"
    log "Anvil already running on $ANVIL_URL (pid $pid)"
    return 0
  elif [[ -z ${pid:-} ]] && actual=$(rpc_chain_id); then
    check_chain_id "$actual"
    rm -f "$ANVIL_PID"
    log "reusing node already answering on $ANVIL_URL (not started here, stop will leave it)"
    return 0
  fi
  if [[ -z ${pid:-} ]] && port_open "$ANVIL_PORT"; then
    die "port $ANVIL_PORT is in use by something that does not answer eth_chainId (set KMS_IT_ANVIL_PORT)"
  fi
  install_npm_tools
  if [[ -z ${pid:-} ]]; then
    mkdir -p "$STATE_DIR"
    log "starting Anvil $FOUNDRY_VERSION on $ANVIL_URL, chain id $CHAIN_ID (log: $ANVIL_LOG)"
    spawn "$ANVIL_PID" "$ANVIL_LOG" "$ANVIL_BIN" \
      --host "$HOST" --port "$ANVIL_PORT" --chain-id "$CHAIN_ID"
    pid=$(<"$ANVIL_PID")
  fi
  wait_ready Anvil "$pid" "$ANVIL_PID" "bin/anvil --host" "$ANVIL_LOG" "$ANVIL_PORT" \
    "$ANVIL_URL" "$ANVIL_TIMEOUT" "$started" 0.2 grep -qs 'Listening on' "$ANVIL_LOG"
  log "Anvil ready on $ANVIL_URL in $((SECONDS - started)) s"
}

# ---------------------------------------------------------------- loopback verifier

readonly VERIFIER_PATTERN=verifier/server.js

verifier_healthy() {
  curl -fsS --max-time 3 "$VERIFIER_URL/_health" 2>/dev/null | grep -q '"status":"ok"'
}

# The verifier runs from the repository (server.js); its packages come from the cache through
# NODE_PATH, so a change to the server needs no reinstall. It serves the Anvil chain of this
# script; a test adds others (a spare Anvil) through its POST /_chains.
start_verifier() {
  local pid started=$SECONDS
  if pid=$(our_pid "$VERIFIER_PID" "$VERIFIER_PATTERN"); then
    if verifier_healthy; then
      log "verifier already running on $VERIFIER_URL (pid $pid)"
      return 0
    fi
    log "verifier (pid $pid) is not ready yet, waiting"
  elif verifier_healthy; then
    rm -f "$VERIFIER_PID"
    log "reusing verifier already running on $VERIFIER_URL (not started here, stop will leave it)"
    return 0
  else
    port_open "$VERIFIER_PORT" &&
      die "port $VERIFIER_PORT is in use by something that is not the loopback verifier (set KMS_IT_VERIFIER_PORT)"
    install_verifier
    started=$SECONDS # the readiness timeout counts from the start, not from the install
    mkdir -p "$STATE_DIR"
    log "starting the loopback verifier on $VERIFIER_URL for chain $CHAIN_ID at $ANVIL_URL (log: $VERIFIER_LOG)"
    spawn "$VERIFIER_PID" "$VERIFIER_LOG" env NODE_PATH="$VERIFIER_NPM_DIR/node_modules" \
      node "$VERIFIER_SPEC_DIR/server.js" --port "$VERIFIER_PORT" --chain "$CHAIN_ID=$ANVIL_URL"
    pid=$(<"$VERIFIER_PID")
  fi
  wait_ready verifier "$pid" "$VERIFIER_PID" "$VERIFIER_PATTERN" "$VERIFIER_LOG" "$VERIFIER_PORT" \
    "$VERIFIER_URL" "$VERIFIER_TIMEOUT" "$started" 0.2 verifier_healthy
  log "verifier ready on $VERIFIER_URL in $((SECONDS - started)) s"
}

status_verifier() {
  local pid state=stopped
  if verifier_installed; then log "verifier packages: installed in $VERIFIER_NPM_DIR"; else log "verifier packages: not installed"; fi
  if pid=$(our_pid "$VERIFIER_PID" "$VERIFIER_PATTERN"); then state="running (pid $pid)"; fi
  if verifier_healthy; then
    [[ -n ${pid:-} ]] || state="running (not started by this script)"
    log "verifier on $VERIFIER_URL: $state, ready"
  else
    log "verifier on $VERIFIER_URL: $state, not answering"
  fi
}

# ---------------------------------------------------------------- properties / status

prop() { # key value  (Java properties: escape backslashes)
  printf '%s=%s\n' "$1" "${2//\\/\\\\}"
}

write_properties() {
  local tmp=$PROPERTIES.tmp
  {
    printf '# written by scripts/services.sh start\n'
    # KMS and S3 (path-style) on the same LocalStack endpoint
    prop kms.it.endpoint "$LOCALSTACK_URL"
    prop kms.it.rpcUrl "$ANVIL_URL"
    prop kms.it.chainId "$CHAIN_ID"
    prop kms.it.anvil "$ANVIL_BIN"
    prop kms.it.cast "$CAST_BIN"
    prop kms.it.solcjs "$SOLCJS_BIN"
    # forge 1.7.1 and the solc wrapper for 'forge build --offline --use <solc.wrapper>'
    prop forge "$FORGE_BIN"
    prop solc.wrapper "$SOLC_WRAPPER"
    # the loopback verifier (scripts/services/verifier/README.md); empty when not started
    prop verifier.url "$( [[ $VERIFIER_STARTED == 1 ]] && printf '%s' "$VERIFIER_URL" || true)"
    prop kms.it.safeArtifacts "$SAFE_ARTIFACTS"
    prop kms.it.safeTools "$SAFE_DIR/node_modules"
    prop kms.it.stateDir "$STATE_DIR"
  } >"$tmp"
  mv -f "$tmp" "$PROPERTIES"
  log "wrote $PROPERTIES"
}

status_localstack() {
  local pid state=stopped
  if localstack_installed; then log "LocalStack $LOCALSTACK_VERSION: installed in $VENV_DIR"; else log "LocalStack $LOCALSTACK_VERSION: not installed"; fi
  if pid=$(our_pid "$LOCALSTACK_PID" localstack.runtime.main); then state="running (pid $pid)"; fi
  if localstack_healthy; then
    [[ -n ${pid:-} ]] || state="running (not started by this script)"
    log "LocalStack on $LOCALSTACK_URL: $state, ${LOCALSTACK_SERVICES[*]} ready"
  else
    log "LocalStack on $LOCALSTACK_URL: $state, not answering"
  fi
}

status_anvil() {
  local pid actual state=stopped
  if npm_tools_installed; then log "anvil/cast/forge/solcjs: installed in $NPM_DIR"; else log "anvil/cast/forge/solcjs: not installed"; fi
  if safe_tools_installed; then log "Safe contracts/protocol-kit: installed in $SAFE_DIR"; else log "Safe contracts/protocol-kit: not installed"; fi
  if pid=$(our_pid "$ANVIL_PID" "bin/anvil --host"); then state="running (pid $pid)"; fi
  if actual=$(rpc_chain_id); then
    [[ -n ${pid:-} ]] || state="running (not started by this script)"
    log "Anvil on $ANVIL_URL: $state, chain id $actual"
  else
    log "Anvil on $ANVIL_URL: $state, not answering"
  fi
}

# ---------------------------------------------------------------- main

# True when the service $1 is selected by the command's service argument ($which).
selected() { [[ $which == all || $which == "$1" ]]; }

VERIFIER_STARTED=0

main() {
  local cmd=${1:-}
  which=${2:-all}
  case $which in
    all | localstack | anvil | verifier) ;;
    *) usage >&2; die "unknown service '$which' (localstack, anvil or verifier)" ;;
  esac
  case $cmd in
    install)
      selected localstack && install_localstack
      selected anvil && install_npm_tools
      selected anvil && install_safe_tools
      selected verifier && install_verifier
      log "installed"
      ;;
    start)
      need curl
      need setsid
      lock_state
      selected localstack && start_localstack
      if selected anvil; then
        install_npm_tools
        start_anvil
      fi
      # the Safe tools are for the tests only: a start of all services is the test build's
      [[ $which == all ]] && install_safe_tools
      if selected verifier; then
        start_verifier
        VERIFIER_STARTED=1
      elif verifier_healthy; then
        VERIFIER_STARTED=1
      fi
      write_properties
      ;;
    stop)
      if [[ -d $STATE_DIR ]]; then lock_state; fi
      selected localstack && stop_pid LocalStack "$LOCALSTACK_PID" localstack.runtime.main
      selected anvil && stop_pid Anvil "$ANVIL_PID" "bin/anvil --host"
      selected verifier && stop_pid verifier "$VERIFIER_PID" "$VERIFIER_PATTERN"
      ;;
    status)
      need curl
      selected localstack && status_localstack
      selected anvil && status_anvil
      selected verifier && status_verifier
      ;;
    -h | --help | help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
  return 0
}

main "$@"
