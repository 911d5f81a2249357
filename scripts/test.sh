#!/usr/bin/env bash
# Runs every test: unit tests, then (around integration-test) starts LocalStack and Anvil,
# runs the JUnit ITs and the invoker ITs against them, and stops them again.
# Installs what is missing first: Maven 3.9.11 for ./mvnw, the LocalStack venv, Anvil/cast/solc
# from npm (the last two through scripts/services.sh, called by the Maven build).
# Extra arguments go to Maven, e.g. scripts/test.sh -Dinvoker.test=sign-offline
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/lib/maven.sh
source scripts/lib/maven.sh
ensure_maven_wrapper
exec ./mvnw -B -ntp verify "$@"
