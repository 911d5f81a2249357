#!/usr/bin/env bash
# Recompiles the contracts into out/<Name>.bin + out/<Name>.abi, the artifacts the POM deploys.
# Needs solcjs 0.8.28 (npm package solc@0.8.28); forge build or solc --combined-json work as well,
# with <artifact> pointing at their output instead.
set -euo pipefail
cd "$(dirname "$0")"
solcjs="${SOLCJS:-solcjs}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$solcjs" --bin --abi --optimize --base-path . -o "$tmp" ReleaseRegistry.sol Treasury.sol
mkdir -p out
for name in ReleaseRegistry Treasury; do
  cp "$tmp/${name}_sol_${name}.bin" "out/$name.bin"
  cp "$tmp/${name}_sol_${name}.abi" "out/$name.abi"
done
echo "compiled into $(pwd)/out"
