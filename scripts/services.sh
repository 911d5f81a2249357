#!/usr/bin/env bash
# Installs (when missing), starts and stops the servers the integration tests
# need, all on 127.0.0.1 and without Docker:
#   - LocalStack (community: KMS, S3, STS and IAM), from a Python 3.13 venv kept outside the
#     repo; all on the one port (S3 path-style: http://127.0.0.1:PORT/bucket/key). STS and IAM
#     come from moto-ext, which the pinned requirements include (web identity credentials ITs)
#   - Anvil (plus cast and solcjs), from npm packages kept outside the repo
#   - the Safe contracts 1.4.1 (build artifacts) and @safe-global/protocol-kit, the independent
#     Safe transaction check, from npm into a folder of their own (safe-tools: the contracts'
#     ethers 5 peer dependency is not installed, ethers 6 is)
#
# Usage: scripts/services.sh install|start|stop|status [localstack|anvil]
#
# Environment (all optional):
#   KMS_ETH_CACHE           where tools are installed   (default ~/.cache/kms-ethereum)
#   KMS_IT_STATE_DIR        pids, logs, properties      (default <repo>/target/services)
#   KMS_IT_LOCALSTACK_PORT  LocalStack port             (default 4566)
#   KMS_IT_ANVIL_PORT       Anvil port                  (default 8545)
#   KMS_IT_CHAIN_ID         Anvil chain id              (default 31337)
set -euo pipefail

readonly LOCALSTACK_VERSION=4.14.0
readonly FOUNDRY_VERSION=1.7.1
readonly SOLC_VERSION=0.8.28
readonly HOST=127.0.0.1
readonly LOCALSTACK_TIMEOUT=120
readonly ANVIL_TIMEOUT=60
readonly STOP_TIMEOUT=15

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(cd "$SCRIPT_DIR/.." && pwd)
readonly SCRIPT_DIR REPO_DIR
readonly SPEC_DIR=$SCRIPT_DIR/services
readonly REQUIREMENTS=$SPEC_DIR/localstack-requirements.txt

readonly CACHE_DIR=${KMS_ETH_CACHE:-$HOME/.cache/kms-ethereum}
readonly VENV_DIR=$CACHE_DIR/localstack-venv-$LOCALSTACK_VERSION
readonly NPM_DIR=$CACHE_DIR/npm-tools
readonly MARKER_NAME=.kms-eth-installed

readonly ANVIL_BIN=$NPM_DIR/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil
readonly CAST_BIN=$NPM_DIR/node_modules/@foundry-rs/cast-linux-amd64/bin/cast
readonly SOLCJS_BIN=$NPM_DIR/node_modules/.bin/solcjs
readonly SAFE_SPEC_DIR=$SPEC_DIR/safe-tools
readonly SAFE_DIR=$CACHE_DIR/safe-tools
readonly SAFE_ARTIFACTS=$SAFE_DIR/node_modules/@safe-global/safe-contracts/build/artifacts/contracts
readonly SAFE_KIT=$SAFE_DIR/node_modules/@safe-global/protocol-kit/package.json

readonly LOCALSTACK_PORT=${KMS_IT_LOCALSTACK_PORT:-4566}
readonly ANVIL_PORT=${KMS_IT_ANVIL_PORT:-8545}
readonly CHAIN_ID=${KMS_IT_CHAIN_ID:-31337}
readonly LOCALSTACK_URL=http://$HOST:$LOCALSTACK_PORT
readonly ANVIL_URL=http://$HOST:$ANVIL_PORT

STATE_DIR=${KMS_IT_STATE_DIR:-$REPO_DIR/target/services}
[[ $STATE_DIR == /* ]] || STATE_DIR=$PWD/$STATE_DIR
readonly STATE_DIR
readonly LOCALSTACK_PID=$STATE_DIR/localstack.pid
readonly LOCALSTACK_LOG=$STATE_DIR/localstack.log
readonly ANVIL_PID=$STATE_DIR/anvil.pid
readonly ANVIL_LOG=$STATE_DIR/anvil.log
readonly PROPERTIES=$STATE_DIR/services.properties

log() { printf 'services: %s\n' "$*"; }
die() { printf 'services: ERROR: %s\n' "$*" >&2; exit 1; }

usage() {
  cat <<EOF
Usage: ${0##*/} COMMAND [localstack|anvil]

  install   install LocalStack $LOCALSTACK_VERSION, anvil/cast $FOUNDRY_VERSION, solcjs $SOLC_VERSION
            and the Safe contracts with protocol-kit when missing
  start     install if needed, start (or reuse) the servers, write $PROPERTIES
  stop      stop the servers this script started (SIGTERM, then SIGKILL after ${STOP_TIMEOUT} s)
  status    show what is installed and running

Without a service name, commands act on both.
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

npm_spec_hash() {
  if [[ -f $SPEC_DIR/package-lock.json ]]; then
    sha256 "$SPEC_DIR/package.json" "$SPEC_DIR/package-lock.json"
  else
    sha256 "$SPEC_DIR/package.json"
  fi
}

npm_tools_installed() {
  [[ -f $NPM_DIR/$MARKER_NAME && $(<"$NPM_DIR/$MARKER_NAME") == "$(npm_spec_hash)" &&
    -x $ANVIL_BIN && -x $CAST_BIN && -x $SOLCJS_BIN ]]
}

install_npm_tools() {
  [[ -f $SPEC_DIR/package.json ]] || die "missing $SPEC_DIR/package.json"
  npm_tools_installed && return 0
  [[ $(uname -s)/$(uname -m) == Linux/x86_64 ]] ||
    die "the anvil/cast npm packages used here are for Linux x86_64 only (this is $(uname -s)/$(uname -m))"
  need npm
  lock_install
  npm_tools_installed && return 0
  local started=$SECONDS
  local -a opts=(--no-audit --no-fund --loglevel=error --omit-lockfile-registry-resolved)
  log "installing anvil/cast $FOUNDRY_VERSION and solcjs $SOLC_VERSION into $NPM_DIR"
  mkdir -p "$NPM_DIR"
  rm -f "$NPM_DIR/$MARKER_NAME"
  cp "$SPEC_DIR/package.json" "$NPM_DIR/package.json"
  if [[ -f $SPEC_DIR/package-lock.json ]]; then
    cp "$SPEC_DIR/package-lock.json" "$NPM_DIR/package-lock.json"
    (cd "$NPM_DIR" && npm ci "${opts[@]}") || die "npm ci in $NPM_DIR failed"
  else
    rm -f "$NPM_DIR/package-lock.json"
    (cd "$NPM_DIR" && npm install "${opts[@]}") || die "npm install in $NPM_DIR failed"
    # Keep the resolved tree next to package.json so later installs use 'npm ci'.
    cp "$NPM_DIR/package-lock.json" "$SPEC_DIR/package-lock.json"
    log "wrote $SPEC_DIR/package-lock.json"
  fi
  [[ -x $ANVIL_BIN && -x $CAST_BIN && -x $SOLCJS_BIN ]] || die "npm install did not produce anvil, cast and solcjs"
  npm_spec_hash >"$NPM_DIR/$MARKER_NAME"
  log "anvil/cast/solcjs installed in $((SECONDS - started)) s"
}

safe_spec_hash() { sha256 "$SAFE_SPEC_DIR/package.json" "$SAFE_SPEC_DIR/package-lock.json"; }

safe_tools_installed() {
  [[ -f $SAFE_DIR/$MARKER_NAME && $(<"$SAFE_DIR/$MARKER_NAME") == "$(safe_spec_hash)" &&
    -f $SAFE_ARTIFACTS/Safe.sol/Safe.json && -f $SAFE_KIT ]]
}

# The Safe contracts and protocol-kit in a folder of their own: @safe-global/safe-contracts 1.4.1
# declares a peer dependency on ethers 5.4.0, which conflicts with the ethers 6 installed beside
# it, so the install skips peer dependencies (--legacy-peer-deps; the artifacts need no ethers).
install_safe_tools() {
  [[ -f $SAFE_SPEC_DIR/package.json && -f $SAFE_SPEC_DIR/package-lock.json ]] ||
    die "missing $SAFE_SPEC_DIR/package.json or package-lock.json"
  safe_tools_installed && return 0
  need npm
  lock_install
  safe_tools_installed && return 0
  local started=$SECONDS
  log "installing the Safe contracts and protocol-kit into $SAFE_DIR"
  mkdir -p "$SAFE_DIR"
  rm -f "$SAFE_DIR/$MARKER_NAME"
  cp "$SAFE_SPEC_DIR/package.json" "$SAFE_SPEC_DIR/package-lock.json" "$SAFE_DIR/"
  (cd "$SAFE_DIR" && npm ci --no-audit --no-fund --loglevel=error --legacy-peer-deps) ||
    die "npm ci in $SAFE_DIR failed"
  [[ -f $SAFE_ARTIFACTS/Safe.sol/Safe.json && -f $SAFE_KIT ]] || die "npm ci did not produce the Safe artifacts and protocol-kit"
  safe_spec_hash >"$SAFE_DIR/$MARKER_NAME"
  log "Safe contracts and protocol-kit installed in $((SECONDS - started)) s"
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
  until localstack_healthy; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$LOCALSTACK_PID"
      log_tail "$LOCALSTACK_LOG"
      die "LocalStack exited before becoming ready (port $LOCALSTACK_PORT taken?)"
    fi
    if ((SECONDS - started >= LOCALSTACK_TIMEOUT)); then
      log_tail "$LOCALSTACK_LOG"
      stop_pid LocalStack "$LOCALSTACK_PID" localstack.runtime.main
      die "LocalStack not ready on $LOCALSTACK_URL after ${LOCALSTACK_TIMEOUT} s"
    fi
    sleep 1
  done
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
  until grep -q 'Listening on' "$ANVIL_LOG" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      rm -f "$ANVIL_PID"
      log_tail "$ANVIL_LOG"
      die "Anvil exited before becoming ready (port $ANVIL_PORT taken?)"
    fi
    if ((SECONDS - started >= ANVIL_TIMEOUT)); then
      log_tail "$ANVIL_LOG"
      stop_pid Anvil "$ANVIL_PID" "bin/anvil --host"
      die "Anvil not ready on $ANVIL_URL after ${ANVIL_TIMEOUT} s"
    fi
    sleep 0.2
  done
  log "Anvil ready on $ANVIL_URL in $((SECONDS - started)) s"
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
  if npm_tools_installed; then log "anvil/cast/solcjs: installed in $NPM_DIR"; else log "anvil/cast/solcjs: not installed"; fi
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

main() {
  local cmd=${1:-} which=${2:-all}
  case $which in
    all | localstack | anvil) ;;
    *) usage >&2; die "unknown service '$which' (localstack or anvil)" ;;
  esac
  case $cmd in
    install)
      [[ $which == anvil ]] || install_localstack
      [[ $which == localstack ]] || install_npm_tools
      [[ $which == localstack ]] || install_safe_tools
      log "installed"
      ;;
    start)
      need curl
      need setsid
      lock_state
      [[ $which == anvil ]] || start_localstack
      [[ $which == localstack ]] || start_anvil
      [[ $which == localstack ]] || install_safe_tools
      write_properties
      ;;
    stop)
      if [[ -d $STATE_DIR ]]; then lock_state; fi
      [[ $which == anvil ]] || stop_pid LocalStack "$LOCALSTACK_PID" localstack.runtime.main
      [[ $which == localstack ]] || stop_pid Anvil "$ANVIL_PID" "bin/anvil --host"
      ;;
    status)
      need curl
      [[ $which == anvil ]] || status_localstack
      [[ $which == localstack ]] || status_anvil
      ;;
    -h | --help | help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
