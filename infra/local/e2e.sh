#!/usr/bin/env bash
# Runs the dispatch console's end-to-end tests (dispatch-console/e2e/): the packaged backend in the
# demo profile on its own port and a fresh PostGIS database, and the console it serves, in headless
# Chromium. Run it after the Maven build (./mvnw verify or package), which makes that jar: it tests
# the console inside backend/target/quarkus-app, not dispatch-console/src.
#
# Environment: BAOCHAY_APP_JAR (default backend/target/quarkus-app/quarkus-run.jar),
# BAOCHAY_E2E_PORT (18090), BAOCHAY_E2E_DB (baochay_e2e, dropped and created again by the tests),
# BAOCHAY_E2E_TIMEOUT (whole run, seconds, 480), BAOCHAY_E2E_DOCS_SCREENSHOT=1 (also refresh
# dispatch-console/docs/console.png), BAOCHAY_PG_HOST/PORT and QUARKUS_DATASOURCE_USERNAME/PASSWORD
# as for postgis.sh.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"
console="$root/dispatch-console"

export BAOCHAY_APP_JAR=${BAOCHAY_APP_JAR:-$root/backend/target/quarkus-app/quarkus-run.jar}
export BAOCHAY_E2E_PORT=${BAOCHAY_E2E_PORT:-18090}
export BAOCHAY_E2E_DB=${BAOCHAY_E2E_DB:-baochay_e2e}
# playwright-core never downloads a browser; this makes sure nothing else tries either.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
timeout_s=${BAOCHAY_E2E_TIMEOUT:-480}

[ -f "$BAOCHAY_APP_JAR" ] \
  || die "no packaged backend at $BAOCHAY_APP_JAR: build it first (./mvnw -B package -DskipTests) or set BAOCHAY_APP_JAR"
changed=$(find "$console/src" "$console/index.html" "$console/public" -newer "$BAOCHAY_APP_JAR" -type f -print -quit)
if [ -n "$changed" ]; then
  log "warning: $changed is newer than $BAOCHAY_APP_JAR; the tests run the console built into the jar: rebuild it to test your change"
fi

"$here/tools.sh"
"$here/chromium.sh"
# PostgreSQL with PostGIS running and reachable; the tests drop and recreate the database.
"$here/postgis.sh" "$BAOCHAY_E2E_DB"

cd "$console"
# npm ci when node_modules is missing or older than the lock file (npm keeps its own copy of the
# lock file there, written at every install).
if [ ! -f node_modules/.package-lock.json ] || [ ! -d node_modules/playwright-core ] \
  || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing the console's npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

log "end-to-end tests: backend $BAOCHAY_APP_JAR on port $BAOCHAY_E2E_PORT, database $BAOCHAY_E2E_DB (at most ${timeout_s}s)"
status=0
timeout "$timeout_s" npm run --silent e2e &
tests=$!
# timeout runs the tests in a process group of their own, which Ctrl-C does not reach: pass it on.
trap 'kill -TERM -- "-$tests" 2>/dev/null || true' INT TERM
wait "$tests" || status=$?
# A trapped signal ends 'wait' early: let the tests stop their backend before going on.
while kill -0 "$tests" 2>/dev/null; do wait "$tests" || status=$?; done
trap - INT TERM
[ "$status" -ne 124 ] || log "ERROR: the end-to-end tests did not finish within ${timeout_s}s"
log "screenshots: $console/e2e/output/screenshots/"
log "backend log: $console/e2e/output/backend.log"
[ "$status" -eq 0 ] || die "end-to-end tests failed (exit $status)"
log "ok: end-to-end tests passed"
