#!/usr/bin/env bash
# Runs every test of the project, on a fresh machine too: installs and starts what the tests need,
# lints the API contract, runs the console's unit tests, the Maven build with all its tests (unit,
# @QuarkusTest, and the two-instance cluster test against the packaged application), the
# console's end-to-end tests in headless Chromium against the packaged application, a smoke run of
# the benchmark (infra/bench/run.sh --smoke: every phase, briefly, so it cannot rot), and finally
# the bounded fault run of the cluster in a box (infra/cluster: Patroni failover, an instance
# killed, RabbitMQ restarted, under load; nothing may be lost). That last step needs root and the
# cluster's ports (2379, 5440-5442, 8008-8009, 8090-8092, 8404); it starts a fresh box and removes
# it afterwards. BAOCHAY_TEST_CLUSTER=0 skips it (say, while your own box runs).
#
# Services: where a Docker engine answers, the tests start their own PostGIS (Testcontainers);
# otherwise they use the local PostgreSQL+PostGIS, RabbitMQ and Mosquitto that infra/local/*.sh provide.
# BAOCHAY_TEST_SERVICES=local|containers forces one or the other.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"
cd "$root"

"$here/tools.sh"

mode=${BAOCHAY_TEST_SERVICES:-auto}
if [ "$mode" = auto ]; then
  if command -v docker >/dev/null 2>&1 && with_timeout 10 docker info >/dev/null 2>&1; then
    mode=containers
  else
    mode=local
  fi
fi
export BAOCHAY_TEST_SERVICES=$mode
log "test services: $mode"
if [ "$mode" = local ]; then
  "$here/postgis.sh"
  "$here/rabbitmq.sh"
  "$here/mosquitto.sh"
fi

log "linting the citizen API contract (mobile-api-spec/openapi.yaml)"
(cd mobile-api-spec && npm ci --no-audit --no-fund --loglevel=error && npm run --silent lint)

log "console unit tests (dispatch-console: npm ci, npm test)"
(cd dispatch-console && npm ci --no-audit --no-fund --loglevel=error && npm test)

log "building and testing (./mvnw verify)"
./mvnw -B verify "$@"

log "console end-to-end tests in headless Chromium (infra/local/e2e.sh)"
"$here/e2e.sh"

log "benchmark smoke run: every phase for a second or two (infra/bench/run.sh --smoke)"
"$root/infra/bench/run.sh" --smoke

if [ "${BAOCHAY_TEST_CLUSTER:-1}" = 1 ]; then
  log "cluster in a box under faults, bounded (infra/cluster: up.sh, faults.sh --quick, down.sh --purge)"
  cluster=$root/infra/cluster
  BAOCHAY_CLUSTER_DIR=${BAOCHAY_CLUSTER_DIR:-/var/lib/baochay-cluster-test}
  export BAOCHAY_CLUSTER_DIR
  "$cluster/down.sh" --purge >/dev/null 2>&1 || true
  status=0
  "$cluster/up.sh" && "$cluster/faults.sh" --quick --keep-incidents || status=$?
  "$cluster/down.sh" --purge || true
  [ "$status" = 0 ] || die "the cluster fault run failed (exit $status): see its report above"
else
  log "skipping the cluster fault run (BAOCHAY_TEST_CLUSTER=$BAOCHAY_TEST_CLUSTER)"
fi
