#!/usr/bin/env bash
# Measures report intake: starts the packaged application against a fresh database with the demo
# stations, then drives POST /api/v1/reports with wrk on loopback and prints latency and throughput
# for three loads: one client at a time, 16 concurrent clients scattered over Vietnam (new
# incidents), and 16 concurrent clients at one burning market (every report merges into one
# incident, the contended case). Each run is bounded in time; nothing leaves this machine.
#
# Usage: infra/bench/intake.sh [seconds-per-run]      (default 20; BENCH_JAR=path runs another build)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=../local/lib.sh
. "$root/infra/local/lib.sh"
cd "$root"

seconds=${1:-20}
port=${BENCH_PORT:-8181}
db=baochay_bench

command -v wrk >/dev/null 2>&1 || apt_install wrk
"$root/infra/local/tools.sh"
"$root/infra/local/postgis.sh" >/dev/null
psql -X -q -h "${BAOCHAY_PG_HOST:-127.0.0.1}" -U postgres -d postgres \
  -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
"$root/infra/local/postgis.sh" "$db" >/dev/null
BAOCHAY_DB=$db . "$root/infra/local/env.sh"

# Every request of a benchmark comes from 127.0.0.1: flood control still takes its tokens, but has
# enough of them never to refuse one.
BENCH_FLOOD="-Dbaochay.flood.report-address-capacity=1e9 -Dbaochay.flood.device-address-capacity=1e9 -Dbaochay.flood.photo-address-capacity=1e9 -Dbaochay.flood.message-report-capacity=1e9"
jar=${BENCH_JAR:-backend/target/quarkus-app/quarkus-run.jar}
[ -f "$jar" ] || ./mvnw -B -q package -DskipTests

log "starting the application on port $port"
# Every request comes from this one address: flood control's buckets are still taken, but never run dry.
java -Dquarkus.profile=demo -Dbaochay.alarm.port=0 -Dquarkus.http.port="$port" -Dquarkus.management.port=$((port + 1000)) \
  -Dquarkus.log.level=WARN $BENCH_FLOOD -jar "$jar" \
  >/tmp/baochay-bench-app.log 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null || true' EXIT
wait_for 60 "the application" curl -sf "http://127.0.0.1:$((port + 1000))/q/health/ready" -o /dev/null \
  || die "the application did not become ready; see /tmp/baochay-bench-app.log"

run() {
  local name=$1 connections=$2 spread=$3
  BENCH_SPREAD=$spread wrk -t"$(( connections < 2 ? 1 : 2 ))" -c"$connections" -d"${seconds}s" --timeout 10s \
    -s "$here/intake.lua" "http://127.0.0.1:$port" | sed -n "s/^BENCH /$name /p"
}

log "warming up (${seconds}s)"
run warmup 8 scattered >/dev/null
echo "# intake benchmark: $(nproc) cores, ${seconds}s per run, app + PostgreSQL + wrk on one machine"
run "sequential(c=1,scattered)" 1 scattered
run "concurrent(c=16,scattered)" 16 scattered
run "hotspot(c=16,one-market)" 16 hotspot
echo "# incidents opened: $(psql -X -At -h 127.0.0.1 -U postgres -d $db -c 'SELECT count(*) FROM incidents'), reports stored: $(psql -X -At -h 127.0.0.1 -U postgres -d $db -c 'SELECT count(*) FROM reports'), hotspot incident reportCount: $(psql -X -At -h 127.0.0.1 -U postgres -d $db -c "SELECT max(report_count) FROM incidents")"
