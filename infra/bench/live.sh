#!/usr/bin/env bash
# Measures report-to-console latency: the time from a citizen's POST /api/v1/reports to a connected
# dispatch console receiving the incident over its WebSocket. Two set-ups, each against a fresh
# database with the demo stations: one instance (in-memory fan-out), and two instances in the cluster
# profile (RabbitMQ fan-out), reports posted to one and the console on the other.
# Everything runs on loopback, bounded in count and time.
#
# Usage: infra/bench/live.sh [reports-per-run]      (default 300)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=../local/lib.sh
. "$root/infra/local/lib.sh"
cd "$root"

n=${1:-300}
db=baochay_bench_live
"$root/infra/local/tools.sh"
"$root/infra/local/postgis.sh" >/dev/null
"$root/infra/local/rabbitmq.sh" >/dev/null
# Every request of a benchmark comes from 127.0.0.1: flood control still takes its tokens, but has
# enough of them never to refuse one.
BENCH_FLOOD="-Dbaochay.flood.report-address-capacity=1e9 -Dbaochay.flood.device-address-capacity=1e9 -Dbaochay.flood.photo-address-capacity=1e9 -Dbaochay.flood.message-report-capacity=1e9"
jar=backend/target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || ./mvnw -B -q package -DskipTests

fresh_db() {
  psql -X -q -h "${BAOCHAY_PG_HOST:-127.0.0.1}" -U postgres -d postgres \
    -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
  "$root/infra/local/postgis.sh" "$db" >/dev/null
}

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

start() { # profile port
  java -Dquarkus.profile="$1" -Dbaochay.alarm.port=0 -Dquarkus.http.port="$2" -Dquarkus.management.port=$(($2 + 1000)) \
    -Dquarkus.log.level=WARN $BENCH_FLOOD \
    -Dbaochay.auth.key-dir=/tmp/baochay-bench-keys -jar "$jar" >"/tmp/baochay-bench-$2.log" 2>&1 &
  pids+=($!)
  wait_for 90 "the application on port $2" curl -sf "http://127.0.0.1:$(($2 + 1000))/q/health/ready" -o /dev/null \
    || die "the application on port $2 did not become ready; see /tmp/baochay-bench-$2.log"
}

region=0
run() { # name report-port console-port concurrency
  printf '%s ' "$1"
  java "$here/LiveLatency.java" "http://127.0.0.1:$2" "http://127.0.0.1:$3" "$n" "$4" "$region"
  region=$((region + 1))
}

BAOCHAY_DB=$db . "$root/infra/local/env.sh"
echo "# report-to-console latency: $(nproc) cores, $n reports per run, apps + PostgreSQL + RabbitMQ + client on one machine"
fresh_db
start demo 8181
run "one-instance(sequential)" 8181 8181 1 >/dev/null   # warm-up
run "one-instance(sequential)" 8181 8181 1
run "one-instance(8-concurrent)" 8181 8181 8
cleanup; pids=()

fresh_db
start demo,cluster 8181
start demo,cluster 8182
run "two-instances-rabbitmq(sequential)" 8181 8182 1 >/dev/null   # warm-up
run "two-instances-rabbitmq(sequential)" 8181 8182 1
run "two-instances-rabbitmq(8-concurrent)" 8181 8182 8
