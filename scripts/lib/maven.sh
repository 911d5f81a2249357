#!/usr/bin/env bash
# Sourced by the project's entry scripts (scripts/demo.sh, scripts/test.sh).
#
# Makes ./mvnw runnable on a fresh machine without writing a repository host into the
# repository: the pinned Maven distribution is resolved by the Maven already installed on
# the machine (it knows Maven Central by default) and unpacked where the Maven Wrapper
# looks for it (~/.m2/wrapper/dists/apache-maven-<v>/<hash of distributionUrl>). After that,
# ./mvnw runs offline like any wrapper. With MVNW_REPOURL set, the wrapper downloads by itself.

ensure_maven_wrapper() {
  local root props url version user_home name dist_home zip local_repo
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
  props="$root/.mvn/wrapper/maven-wrapper.properties"
  url="$(sed -n 's/^distributionUrl=//p' "$props" | tr -d '[:space:]')"
  version="$(printf '%s' "$url" | sed -n 's#.*/apache-maven-\([0-9.]*\)-bin\.zip$#\1#p')"
  [ -n "${MVNW_REPOURL:-}" ] && return 0
  # hash_string is the wrapper's own function; take it from ./mvnw so both always agree
  eval "$(sed -n '/^hash_string()/,/^}/p' "$root/mvnw")"
  user_home="${MAVEN_USER_HOME:-$HOME/.m2}"
  name="apache-maven-$version"
  dist_home="$user_home/wrapper/dists/$name/$(hash_string "$url")"
  [ -x "$dist_home/bin/mvn" ] && return 0
  if ! command -v mvn >/dev/null 2>&1; then
    echo "error: Maven $version for ./mvnw is not installed and no 'mvn' is on PATH to fetch it." >&2
    echo "       Install any Maven 3.x, or export MVNW_REPOURL=<Maven repository URL> and run ./mvnw." >&2
    return 1
  fi
  local_repo="$(mktemp -d)"
  echo "Installing Maven $version for the Maven Wrapper (once per machine)..."
  mvn -q -B -Dmaven.repo.local="$local_repo" dependency:copy \
    -Dartifact="org.apache.maven:apache-maven:$version:zip:bin" -DoutputDirectory="$local_repo/out" >/dev/null
  zip="$local_repo/out/$name-bin.zip"
  mkdir -p "${dist_home%/*}"
  (cd "$local_repo" && unzip -q "$zip" && rm -rf "$dist_home" && mv "$local_repo/$name" "$dist_home")
  rm -rf "$local_repo"
}
