#!/usr/bin/env bash
# Makes sure the system packages the test suites need are present: Debian's chromium (browser E2E and the LWC preview),
# PostgreSQL server binaries (store tests against a throwaway cluster, pg_dump/pg_restore), curl, and a Java 17 runtime (ApexLink and PMD in
# npm run check:salesforce). Installs them with apt when running as root; otherwise stops with the exact command to run.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
# docs/operations.md's health checks are curl commands, run as written by the release test.
command -v curl >/dev/null 2>&1 || missing+=(curl)
# Any Java 17 or later on the PATH will do; Debian 12's is openjdk-17-jre-headless.
java_major() { java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1; }
[ "$(java_major 2>/dev/null || echo 0)" -ge 17 ] 2>/dev/null || missing+=(openjdk-17-jre-headless)

if [ ${#missing[@]} -eq 0 ]; then
  echo "system dependencies present: chromium, postgresql, curl, java $(java_major)"
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "installing ${missing[*]} with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "installed: ${missing[*]}"
else
  echo "Missing system packages: ${missing[*]}." >&2
  echo "Install them, then run npm test again:  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
