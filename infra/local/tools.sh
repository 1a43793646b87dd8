#!/usr/bin/env bash
# Ensures the build tools exist: a JDK 17+ for the Maven wrapper, and Node.js 18+ with npm for the
# API contract lint (and later the console). Installs Debian packages when they are missing.
# Idempotent: once everything is in place it only checks.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"

java_major() {
  command -v javac >/dev/null 2>&1 || return 1
  javac -version 2>&1 | sed -E 's/^javac ([0-9]+).*/\1/'
}

major=$(java_major || echo 0)
if [ "${major:-0}" -ge 17 ] 2>/dev/null; then
  log "ok: JDK $major"
else
  log "no JDK 17+ found (javac reports '${major}')"
  apt_install openjdk-17-jdk-headless
  log "ok: JDK $(java_major)"
fi

node_major() {
  command -v node >/dev/null 2>&1 || return 1
  node --version | sed -E 's/^v([0-9]+).*/\1/'
}

nmajor=$(node_major || echo 0)
if [ "${nmajor:-0}" -ge 18 ] 2>/dev/null && command -v npm >/dev/null 2>&1; then
  log "ok: Node.js $nmajor with npm $(npm --version)"
else
  log "no Node.js 18+ with npm found"
  apt_install nodejs npm
  log "ok: Node.js $(node_major)"
fi
