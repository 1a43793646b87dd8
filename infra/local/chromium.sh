#!/usr/bin/env bash
# Ensures the headless browser for the console's end-to-end tests: Debian's chromium at
# /usr/bin/chromium, which the tests drive with npm playwright-core (no browser is ever downloaded).
# Installs the package when it is missing. Idempotent: once it is there it only checks.
#
# Usage: infra/local/chromium.sh      (BAOCHAY_CHROMIUM=/path uses another, already installed, binary)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"

CHROMIUM=${BAOCHAY_CHROMIUM:-/usr/bin/chromium}

if [ ! -x "$CHROMIUM" ]; then
  [ "$CHROMIUM" = /usr/bin/chromium ] \
    || die "BAOCHAY_CHROMIUM=$CHROMIUM is not an executable file; unset it to use Debian's chromium"
  log "no Chromium at $CHROMIUM"
  apt_install chromium
fi

# Debian's wrapper script prints a harmless shell warning on stderr on some machines: keep it quiet.
version=$(with_timeout 30 "$CHROMIUM" --version 2>/dev/null) \
  || die "$CHROMIUM does not run ('$CHROMIUM --version' failed); on Ubuntu the chromium package is a snap that does not run here: install Chromium from Debian or set BAOCHAY_CHROMIUM"
log "ok: $version ($CHROMIUM)"
