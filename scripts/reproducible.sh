#!/usr/bin/env bash
# Checks that the build is reproducible: builds the plugin a second time from a copy of the
# sources in another directory (target/reproducible/src) and compares the plugin jar and the
# sources jar byte for byte (sha256) with the ones this build made in target/.
# Run by the build in the verify phase (profile whole-suite: no -Dinvoker.test; skipped with
# -Dinvoker.skip=true); by hand after `./mvnw package`:
#   scripts/reproducible.sh [<maven home>] [<local repository>]
# Offline (-o): the first build has resolved everything the second one needs.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
maven_home="${1:-}"
local_repo="${2:-}"
cd "$root"

version="$(sed -n '0,/<version>/s#.*<version>\(.*\)</version>.*#\1#p' pom.xml)"
artifact="kms-ethereum-maven-plugin-$version"
jars=("$artifact.jar" "$artifact-sources.jar")
for jar in "${jars[@]}"; do
  [ -f "target/$jar" ] || { echo "reproducible: target/$jar is missing; run ./mvnw package first" >&2; exit 1; }
done

copy="$root/target/reproducible/src"
rm -rf "$root/target/reproducible"
mkdir -p "$copy"
cp -R pom.xml mvnw .mvn "$copy/"
mkdir -p "$copy/src" && cp -R src/main "$copy/src/"

mvn=("$root/mvnw")
[ -n "$maven_home" ] && mvn=("$maven_home/bin/mvn")
args=(-o -B -q -DskipTests -Dinvoker.skip=true -Dspotless.check.skip=true -Dmaven.javadoc.skip=true)
[ -n "$local_repo" ] && args+=("-Dmaven.repo.local=$local_repo")
echo "reproducible: building again in $copy"
(cd "$copy" && "${mvn[@]}" "${args[@]}" package >"$root/target/reproducible/build.log" 2>&1) || {
  cat "$root/target/reproducible/build.log" >&2
  echo "reproducible: the second build failed (log above)" >&2
  exit 1
}

status=0
for jar in "${jars[@]}"; do
  first="$(sha256sum <"target/$jar" | cut -d' ' -f1)"
  second="$(sha256sum <"$copy/target/$jar" | cut -d' ' -f1)"
  if [ "$first" = "$second" ]; then
    echo "reproducible: $jar identical in both builds (sha256 $first)"
  else
    status=1
    echo "reproducible: $jar DIFFERS between the builds: $first vs $second" >&2
    echo "  (a stale target/classes gives this too: ./mvnw clean verify). Entries that differ:" >&2
    diff <(unzip -lv "target/$jar" | awk 'NR>3 {print $7, $8, $5, $6}') \
      <(unzip -lv "$copy/target/$jar" | awk 'NR>3 {print $7, $8, $5, $6}') >&2 || true
  fi
done
exit "$status"
