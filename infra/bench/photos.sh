#!/usr/bin/env bash
# Measures whether photo uploads slow report intake down: the packaged application against a fresh
# database, report intake at a fixed rate (open loop) alone, then with 300 KB photos uploading at
# 10 per second beside it (each a new photo: decoded, resized, stored). Prints intake latency for both
# phases, photo latency, and the ratio of intake p99s. Nothing leaves this machine.
#
# Usage: infra/bench/photos.sh [seconds-per-phase] [intake-per-second] [photos-per-second]   (60 20 10)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=../local/lib.sh
. "$root/infra/local/lib.sh"
cd "$root"

seconds=${1:-60}
intake=${2:-20}
photos=${3:-10}
port=${BENCH_PORT:-8183}
db=baochay_bench_photos

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
java ${BENCH_JAVA_OPTS:-} -Dquarkus.profile=demo -Dbaochay.alarm.port=0 -Dquarkus.http.port="$port" \
  -Dquarkus.management.port=$((port + 1000)) -Dquarkus.log.level=WARN $BENCH_FLOOD \
  -Dbaochay.auth.key-dir=/tmp/baochay-bench-keys -jar "$jar" >/tmp/baochay-bench-photos.log 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null || true' EXIT
wait_for 90 "the application" curl -sf "http://127.0.0.1:$((port + 1000))/q/health/ready" -o /dev/null \
  || die "the application did not become ready; see /tmp/baochay-bench-photos.log"

echo "# photos beside intake: $(nproc) cores, app + PostgreSQL + load client on one machine"
java "$here/PhotoLoad.java" "http://127.0.0.1:$port" "$seconds" "$intake" "$photos" 300
echo "# photos stored: $(psql -X -At -h 127.0.0.1 -U postgres -d $db -c 'SELECT count(*) FROM photos')"
