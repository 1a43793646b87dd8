#!/usr/bin/env bash
# Measures everything in one run, against the packaged application and a fresh database
# (baochay_bench), on this machine, printing each figure as it goes:
#   (a) warmup     warm-up, at least 60 s and until three 10 s windows agree within 10 %
#   (b) intake     POST /api/v1/reports, closed loop (wrk, intake.lua): 4, 16, 64 clients,
#                  scattered over Vietnam and at one market; req/s of every 10 s window too
#   (c) pgbench    the application's own intake SQL (intake.pgbench) on the same database at the same
#                  client counts, the application paused meanwhile; printed beside (b) as a ratio
#   (d) live       report -> console: 1, 200, 1000 supervisor consoles x 20 and 100 reports/s
#   (e) surge      10,000 reports of one fire at 200/s, open loop (OpenLoop.java): one incident,
#                  none lost; then 400 reports/s scattered, open loop
#   (f) stations   GET /api/v1/stations/nearest p99 with the demo stations and with 100,000
#   (g) coldstart  time from java -jar to ready, and intake p99 in the first 30 s against warm
#   (h) alarms     10,000 supervised fire-alarm transmitters, a SIA DC-09 link test each per 60 s over UDP,
#                  and fire alarms at 2/s over TCP (AlarmLoad.java): alarm -> ACK, alarm -> console,
#                  link test -> ACK; the database's count of stored alarms against the ACKed
# Writes infra/bench/results/<date>-<commit>.json, then the README's table and
# infra/bench/results/latency.svg (report.py). Every step is bounded in time; the processes it
# starts are stopped on exit. Nothing leaves this machine. See infra/bench/README.md.
#
# Usage: infra/bench/run.sh [--smoke] [--only PHASES] [--seconds N]
#   --smoke        every phase for a second or two with tiny counts (for CI; most of its time is the
#                  application's two starts); the result goes to the work directory, the README is
#                  not touched
#   --only PHASES  comma-separated names or letters, e.g. --only intake,pgbench or --only b,c
#   --seconds N    length of each measured run (default 30)
# Environment: BENCH_PORT (8181; management port +1000), BENCH_ALARM_PORT (the DC-09 receiver, TCP
# and UDP; BENCH_PORT +2000), BENCH_JAR, BENCH_JAVA_OPTS (for the application), BENCH_RESULT (result
# file), BENCH_LIVE_MAX_DELIVERIES (deliveries/s attempted in (d); default 12500 per core),
# BENCH_JFR (a file: a JDK Flight Recording of the application, profile settings, for phase (b) only;
# pg_stat_statements, when PostgreSQL has it loaded, is reset before (b) and its top statements by
# total time are printed after it).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=../local/lib.sh
. "$root/infra/local/lib.sh"
cd "$root"

usage() {
  sed -n '/^# Usage:/,/^set -euo/p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
  exit "${1:-2}"
}

all_phases=(warmup intake pgbench live surge stations coldstart alarms)
smoke=0
only=all
seconds=
while [ "$#" -gt 0 ]; do
  case $1 in
    --smoke) smoke=1 ;;
    --only) [ "$#" -ge 2 ] || usage; only=$2; shift ;;
    --only=*) only=${1#--only=} ;;
    --seconds) [ "$#" -ge 2 ] || usage; seconds=$2; shift ;;
    --seconds=*) seconds=${1#--seconds=} ;;
    -h | --help) usage 0 ;;
    *) log "unknown option: $1"; usage ;;
  esac
  shift
done
if [ -n "$seconds" ] && ! [[ $seconds =~ ^[1-9][0-9]*$ ]]; then die "--seconds wants a whole number of seconds, not '$seconds'"; fi

selected=()
if [ "$only" = all ]; then
  selected=("${all_phases[@]}")
else
  IFS=, read -r -a wanted <<<"$only"
  for w in "${wanted[@]}"; do
    case $w in
      a | warmup) selected+=(warmup) ;;
      b | intake) selected+=(intake) ;;
      c | pgbench) selected+=(pgbench) ;;
      d | live) selected+=(live) ;;
      e | surge) selected+=(surge) ;;
      f | stations) selected+=(stations) ;;
      g | coldstart) selected+=(coldstart) ;;
      h | alarms) selected+=(alarms) ;;
      *) die "unknown phase '$w' (phases: ${all_phases[*]}, or a-h)" ;;
    esac
  done
fi
wants() {
  local p
  for p in "${selected[@]}"; do [ "$p" = "$1" ] && return 0; done
  return 1
}

# ---------------------------------------------------------------------------------------------
# What each mode runs. Full: the figures. Smoke: every code path, in seconds.
if [ "$smoke" = 1 ]; then
  run_s=${seconds:-1}
  window=1
  warm_min=2 warm_max=8
  clients=(4)
  live_consoles=(1 3) live_rates=(10)
  mix_supervisors=1 mix_per_dispatcher=1 mix_rate=10
  surge_count=50 surge_rate=50
  open_rate=50 open_s=1
  stations_rate=50 stations_s=1 stations_synthetic=200
  cold_rate=20 cold_s=1
  alarm_devices=200 alarm_period=4 alarm_warmup=2 alarm_s=2 alarm_rate=2.5
  drain=10 catch_up_s=10 stop_grace_s=3
else
  run_s=${seconds:-30}
  window=10
  warm_min=120 warm_max=360
  clients=(4 16 64)
  live_consoles=(1 200 1000) live_rates=(20 100)
  mix_supervisors=20 mix_per_dispatcher=160 mix_rate=100
  surge_count=10000 surge_rate=200
  open_rate=400 open_s=$run_s
  stations_rate=200 stations_s=$run_s stations_synthetic=100000
  cold_rate=100 cold_s=30
  # The warm-up lasts a link-test period and more, so that every transmitter has been heard once (UNKNOWN ->
  # NORMAL, announced live) before measuring: the measured window is supervision's steady state.
  alarm_devices=10000 alarm_period=60 alarm_warmup=70 alarm_s=$run_s alarm_rate=2
  drain=30 catch_up_s=120 stop_grace_s=25
fi
spreads=(scattered hotspot)
live_cap=${BENCH_LIVE_MAX_DELIVERIES:-$((12500 * $(nproc)))}

port=${BENCH_PORT:-8181}
mport=$((port + 1000))
aport=${BENCH_ALARM_PORT:-$((port + 2000))}
base=http://127.0.0.1:$port
db=baochay_bench
pg_host=${BAOCHAY_PG_HOST:-127.0.0.1}
pg_port=${BAOCHAY_PG_PORT:-5432}
jar=${BENCH_JAR:-backend/target/quarkus-app/quarkus-run.jar}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
work=${TMPDIR:-/tmp}/baochay-bench-$stamp
mkdir -p "$work"

# ---------------------------------------------------------------------------------------------
# Processes this script starts, stopped on every exit.
app_pid=
bg_pids=()
# stop_bg PID : stop a background process of ours and forget it (so its number is never signalled again)
stop_bg() {
  # The job is a subshell whose child (timeout, then wrk or java) outlives a signal to the subshell
  # alone: signal the children first (timeout passes it on to its own).
  pkill -TERM -P "$1" 2>/dev/null || true
  kill "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
  forget "$1"
}
# forget PID : a background process of ours that has ended and been waited for
forget() {
  local p kept=()
  for p in "${bg_pids[@]}"; do [ "$p" = "$1" ] || kept+=("$p"); done
  bg_pids=("${kept[@]}")
}
cleanup() {
  local status=$?
  set +e
  for p in "${bg_pids[@]}"; do pkill -TERM -P "$p" 2>/dev/null; kill "$p" 2>/dev/null; done
  stop_app
  wait 2>/dev/null
  [ "$status" = 0 ] || log "stopped (exit $status); logs in $work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

psql_at() { # SQL... : one value per line, unaligned, stop at the first error
  PGCONNECT_TIMEOUT=5 psql -X -q -At -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U postgres -d "$db" "$@"
}

# json_str TEXT : TEXT as a JSON string
json_str() {
  printf '"%s"' "$(printf '%s' "$1" | tr -d '\n\r' | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/\t/ /g')"
}

# kv_json "a=1 b=2.5" : {"a":1,"b":2.5} (values are numbers)
kv_json() {
  awk '{ printf "{"; for (i = 1; i <= NF; i++) { split($i, kv, "="); printf "%s\"%s\":%s", (i > 1 ? "," : ""), kv[1], (kv[2] == "" ? "null" : kv[2]) } printf "}" }' <<<"$1"
}

# json_get JSON KEY : a top-level number or string field of a one-line JSON object ('' if absent or null)
json_get() {
  python3 -c 'import json,sys; v=json.loads(sys.argv[1]).get(sys.argv[2]); print("" if v is None else v)' "$1" "$2"
}

# ---------------------------------------------------------------------------------------------
# The application
start_app() { # starts the application; sets app_pid, and ready_ms: from `java -jar` to /q/health/ready answering 200
  local t0 now
  t0=$(date +%s%N)
  # shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of options, split on purpose
  # The live phase's consoles all sign in as one supervisor, and an account holds 5 sockets at most.
  java ${BENCH_JAVA_OPTS:-} -Dquarkus.profile=demo -Dbaochay.alarm.port="$aport" -Dquarkus.http.port="$port" -Dquarkus.management.port="$mport" \
    -Dquarkus.log.level=WARN -Dbaochay.flood.unlimited=127.0.0.1 -Dbaochay.auth.key-dir="$work/keys" \
    -Dbaochay.auth.max-sockets-per-user=5000 \
    -jar "$jar" >>"$work/app.log" 2>&1 &
  app_pid=$!
  until curl -sf -o /dev/null --max-time 2 "http://127.0.0.1:$mport/q/health/ready"; do
    kill -0 "$app_pid" 2>/dev/null || { app_pid=; die "the application exited while starting; see $work/app.log"; }
    now=$(date +%s%N)
    [ $(((now - t0) / 1000000000)) -lt 180 ] || die "the application was not ready within 180 s; see $work/app.log"
    sleep 0.05
  done
  ready_ms=$((($(date +%s%N) - t0) / 1000000))
}

# stop_app : SIGTERM (running requests finish, for up to baochay.shutdown.drain-timeout), SIGKILL after
# stop_grace_s; sets stop_ms, and stop_killed when it had to be killed.
stop_app() {
  [ -n "$app_pid" ] || return 0
  local t0 _
  t0=$(date +%s%N)
  stop_killed=false
  kill -CONT "$app_pid" 2>/dev/null || true
  kill -TERM "$app_pid" 2>/dev/null || true
  for _ in $(seq 1 $((${stop_grace_s:-25} * 10))); do
    kill -0 "$app_pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$app_pid" 2>/dev/null; then
    kill -KILL "$app_pid" 2>/dev/null || true
    stop_killed=true
  fi
  wait "$app_pid" 2>/dev/null || true
  stop_ms=$((($(date +%s%N) - t0) / 1000000))
  app_pid=
}

# ---------------------------------------------------------------------------------------------
# Tools
openloop() { # OpenLoop options... (bounded by the caller's timeout)
  java -Xmx1g -cp "$work/classes" OpenLoop --url "$base" "$@" 2>>"$work/openloop.log"
}

# windows FILE : req/s between consecutive "epoch seq" samples, for intervals of at least 90 % of a window
windows() {
  awk -v w="$window" 'NR > 1 && $1 - t >= 0.9 * w { printf "%s%.1f", (n++ ? " " : ""), ($2 - s) / ($1 - t) } { t = $1; s = $2 }' "$1"
}

sample_seq() { printf '%s %s\n' "$(date +%s.%N)" "$(psql_at -c 'SELECT last_seq FROM event_sequence')"; }

sampler() { # FILE : a sample of the event log's length every window (one event per report taken)
  while :; do
    sample_seq >>"$1"
    sleep "$window"
  done
}

as_array() { # "1 2 3" -> [1,2,3]
  awk '{ printf "["; for (i = 1; i <= NF; i++) printf "%s%s", (i > 1 ? "," : ""), $i; printf "]" }' <<<"$1"
}

# stable3 "r1 r2 ... rn" : true when the last three are within 10 % of their mean and that mean is within
# 5 % of the three before's: a JIT still compiling raises throughput slowly, window by window, which
# three close windows alone do not rule out.
stable3() {
  awk '{ if (NF < 6) exit 1; m = ($(NF) + $(NF-1) + $(NF-2)) / 3; p = ($(NF-3) + $(NF-4) + $(NF-5)) / 3;
         if (m <= 0 || p <= 0) exit 1;
         for (i = NF - 2; i <= NF; i++) if ($i < 0.9 * m || $i > 1.1 * m) exit 1;
         if (m < 0.95 * p || m > 1.05 * p) exit 1; exit 0 }' <<<"$1"
}

# cpu_ticks APP_PID : "machine app postgres" clock ticks so far: the machine's busy time (/proc/stat, all
# cores, idle and iowait left out), the application's, and every PostgreSQL process's (a backend that
# exits between two snapshots takes its ticks with it; the pools' connections live for the run). Two
# snapshots give who used the cores in between; the rest ("other") is the load tool and the machine's others.
cpu_ticks() {
  local p pg=0 t
  for p in $(pgrep -x postgres 2>/dev/null); do
    t=$(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null) && pg=$((pg + ${t:-0}))
  done
  t=$(awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0)
  printf '%s %s %s\n' "$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat)" "${t:-0}" "$pg"
}

# cpu_split "BEFORE" "AFTER" SECONDS DONE : JSON of the cores each used on average between the two
# cpu_ticks snapshots, and per unit of work done (ms of CPU per report or transaction)
cpu_split() {
  awk -v hz="$(getconf CLK_TCK)" -v s="$3" -v n="$4" -v a="$1" -v b="$2" 'BEGIN {
    split(a, x, " "); split(b, y, " ");
    m = (y[1] - x[1]) / hz / s; app = (y[2] - x[2]) / hz / s; pg = (y[3] - x[3]) / hz / s;
    per = (n > 0 ? 1000 * s / n : 0);
    printf "{\"machine_cores\":%.2f,\"app_cores\":%.2f,\"postgres_cores\":%.2f,\"other_cores\":%.2f,", m, app, pg, m - app - pg;
    printf "\"app_cpu_ms_per_unit\":%.2f,\"postgres_cpu_ms_per_unit\":%.2f}", app * per, pg * per }'
}

print_cpu() { # CPU_JSON UNIT : one line of who used the cores
  python3 -c 'import json, sys
c = json.loads(sys.argv[1]); u = sys.argv[2]
m, a, am, p, pm, o = (c[k] for k in ("machine_cores", "app_cores", "app_cpu_ms_per_unit", "postgres_cores",
                                     "postgres_cpu_ms_per_unit", "other_cores"))
print("   %17s cores: machine %.2f, application %.2f (%.2f ms per %s), PostgreSQL %.2f (%.2f ms per %s), other %.2f"
      % ("", m, a, am, u, p, pm, u, o))' "$1" "$2"
}

wrk_run() { # CLIENTS SPREAD SECONDS : intake.lua's BENCH line
  local threads=2
  [ "$1" -ge 2 ] || threads=1
  BENCH_SPREAD=$2 with_timeout $(($3 + 30)) wrk -t"$threads" -c"$1" -d"$3s" --timeout 10s -s "$here/intake.lua" "$base" \
    | sed -n 's/^BENCH //p'
}

# ---------------------------------------------------------------------------------------------
# Set-up: tools, a fresh database, the application
command -v wrk >/dev/null 2>&1 || apt_install wrk
command -v pgbench >/dev/null 2>&1 || apt_install postgresql-client
command -v python3 >/dev/null 2>&1 || apt_install python3
command -v curl >/dev/null 2>&1 || apt_install curl
if ! command -v javac >/dev/null 2>&1 || [ "$(javac -version 2>&1 | sed -E 's/^javac ([0-9]+).*/\1/')" -lt 17 ]; then
  apt_install openjdk-17-jdk-headless
fi
! tcp_open 127.0.0.1 "$port" || die "port $port is in use (set BENCH_PORT to another)"
! tcp_open 127.0.0.1 "$mport" || die "port $mport (management) is in use (set BENCH_PORT to another)"
! tcp_open 127.0.0.1 "$aport" || die "port $aport (DC-09 alarms) is in use (set BENCH_ALARM_PORT to another)"

"$root/infra/local/postgis.sh" >/dev/null
PGCONNECT_TIMEOUT=5 psql -X -q -h "$pg_host" -p "$pg_port" -U postgres -d postgres \
  -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" 2>&1 | grep -v 'does not exist, skipping' >&2 || true
"$root/infra/local/postgis.sh" "$db" >/dev/null
# shellcheck source-path=SCRIPTDIR source=../local/env.sh
BAOCHAY_DB=$db . "$root/infra/local/env.sh"
if [ ! -f "$jar" ]; then
  log "no packaged application at $jar: building it (./mvnw -B -q package -DskipTests)"
  ./mvnw -B -q package -DskipTests
fi
# Compiled once (java OpenLoop.java would compile it at every start), while the application starts.
javac -d "$work/classes" "$here/OpenLoop.java" "$here/AlarmLoad.java" &
javac_pid=$!
bg_pids+=("$javac_pid")

commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
dirty=false
[ -z "$(git status --porcelain 2>/dev/null)" ] || dirty=true
# A server without autovacuum (some CI images turn it off) never analyses the growing tables nor clears
# their dead rows during the run; the run says so, and analyses and vacuums once after the warm-up.
autovacuum=$(psql_at -c 'SHOW autovacuum')
machine=$(printf '{"nproc":%s,"memory_mb":%s,"cpu_model":%s,"kernel":%s,"java":%s,"postgresql":%s,"wrk":%s,"pgbench":%s,"load_average_at_start":%s,"postgresql_autovacuum":%s}' \
  "$(nproc)" "$(awk '/^MemTotal/ { printf "%d", $2 / 1024 }' /proc/meminfo)" \
  "$(json_str "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)")" \
  "$(json_str "$(uname -sr)")" "$(json_str "$(java -version 2>&1 | head -n 1)")" \
  "$(json_str "$(psql_at -c 'SHOW server_version')")" \
  "$(json_str "$(wrk -v 2>&1 | head -n 1 || true)")" "$(json_str "$(pgbench --version)")" \
  "$(json_str "$(cut -d' ' -f1-3 /proc/loadavg)")" "$(json_str "$autovacuum")")

log "starting the application on port $port (fresh database: migrations, provinces, demo data)"
start_app
first_start_ms=$ready_ms
wait "$javac_pid" || die "OpenLoop.java or AlarmLoad.java did not compile"
forget "$javac_pid"
mode=full
[ "$smoke" = 0 ] || mode=smoke
echo "# Báo cháy 114 benchmark ($mode): commit $commit$([ "$dirty" = false ] || echo ' (with uncommitted changes)'), $(date -u +%FT%TZ)"
echo "# $(nproc) cores, $(awk '/^MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg); application, PostgreSQL and load tools share this machine"
[ "$autovacuum" = on ] || echo "# PostgreSQL runs with autovacuum $autovacuum: nothing is analysed or vacuumed during the run but once after the warm-up; tables grow dead rows (every report that joins an incident leaves one)"
echo "# phases: ${selected[*]}; ${run_s} s per run, windows of ${window} s; work directory $work"
echo "first start (fresh database, migrations, demo data): ready in ${first_start_ms} ms"

notes=()
[ "$autovacuum" = on ] || notes+=("PostgreSQL ran with autovacuum $autovacuum: the database was analysed and vacuumed once, after the warm-up, and never during the phases")

# ---------------------------------------------------------------------------------------------
# (a) warm-up
warmed=0
if wants warmup; then
  echo
  echo "== (a) warm-up: wrk, 16 clients, scattered; at least ${warm_min} s, until three ${window} s windows agree within 10 % and with the three before within 5 % (at most ${warm_max} s)"
  : >"$work/warmup.samples"
  BENCH_SPREAD=scattered with_timeout $((warm_max + 30)) wrk -t2 -c16 -d"${warm_max}s" --timeout 10s -s "$here/intake.lua" "$base" \
    >"$work/warmup.wrk" 2>&1 &
  wrk_pid=$!
  bg_pids+=("$wrk_pid")
  t0=$SECONDS
  stable=false
  sample_seq >>"$work/warmup.samples"
  while kill -0 "$wrk_pid" 2>/dev/null; do
    sleep "$window"
    sample_seq >>"$work/warmup.samples"
    rates=$(windows "$work/warmup.samples")
    echo "   window $(wc -w <<<"$rates"): $(awk '{ print $NF }' <<<"$rates") req/s"
    if [ $((SECONDS - t0)) -ge "$warm_min" ] && stable3 "$rates"; then
      stable=true
      break
    fi
    [ $((SECONDS - t0)) -lt "$warm_max" ] || break
  done
  stop_bg "$wrk_pid"
  rates=$(windows "$work/warmup.samples")
  if [ "$stable" = true ]; then
    echo "   stable after $((SECONDS - t0)) s"
  else
    echo "   NOT stable after $((SECONDS - t0)) s: the figures below may drift"
  fi
  printf '{"load":"wrk, 16 clients, scattered","window_s":%s,"seconds":%s,"stable":%s,"windows_rps":%s}' \
    "$window" "$((SECONDS - t0))" "$stable" "$(as_array "$rates")" >"$work/warmup.json"
  warmed=1
  # What autovacuum does on a server that runs it, once the warm-up has filled the tables: statistics
  # for the planner, the warm-up's dead rows cleared. On one without it this is the only time.
  t1=$(date +%s%N)
  psql_at -c 'VACUUM (ANALYZE)' >/dev/null
  echo "   VACUUM (ANALYZE) of the database after the warm-up: $((($(date +%s%N) - t1) / 1000000)) ms (the server's autovacuum is $autovacuum)"
else
  notes+=("no warm-up in this run: the first figures are of a cold JVM")
fi

# ---------------------------------------------------------------------------------------------
# (b) intake, closed loop
declare -A intake_rps=()
if wants intake; then
  if [ -n "${BENCH_JFR:-}" ]; then
    jcmd "$app_pid" JFR.start name=intake settings=profile filename="$BENCH_JFR" >/dev/null \
      || die "could not start a flight recording (BENCH_JFR=$BENCH_JFR)"
  fi
  pgss=false
  if [ "$(psql_at -c "SELECT count(*) FROM pg_extension WHERE extname = 'pg_stat_statements'" 2>/dev/null || echo 0)" != 0 ] \
    || psql_at -c 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements' >/dev/null 2>&1; then
    psql_at -c 'SELECT pg_stat_statements_reset()' >/dev/null 2>&1 && pgss=true
  fi
  echo
  echo "== (b) intake: POST /api/v1/reports, closed loop (wrk, intake.lua), ${run_s} s per run"
  printf '   %-7s %-9s %8s %8s %8s %8s %8s %7s  %s\n' clients spread "req/s" "p50 ms" "p90 ms" "p99 ms" "max ms" errors "req/s per ${window} s window"
  : >"$work/intake.jsonl"
  for spread in "${spreads[@]}"; do
    for c in "${clients[@]}"; do
      : >"$work/intake-$c-$spread.samples"
      sampler "$work/intake-$c-$spread.samples" &
      sampler_pid=$!
      bg_pids+=("$sampler_pid")
      cpu0=$(cpu_ticks "$app_pid")
      line=$(wrk_run "$c" "$spread" "$run_s" || true)
      cpu1=$(cpu_ticks "$app_pid")
      stop_bg "$sampler_pid"
      sample_seq >>"$work/intake-$c-$spread.samples"
      [ -n "$line" ] || { echo "   $c $spread: wrk gave no result"; continue; }
      rates=$(windows "$work/intake-$c-$spread.samples")
      rec=$(kv_json "$line")
      # No answer at all within the run: wrk's percentiles are then zeros, not latencies.
      [ "$(json_get "$rec" requests)" != 0 ] || rec=$(sed -E 's/"(p50|p90|p99|max)_ms":[0-9.]+/"\1_ms":null/g' <<<"$rec")
      intake_rps[$c-$spread]=$(json_get "$rec" rps)
      cpu=$(cpu_split "$cpu0" "$cpu1" "$run_s" "$(json_get "$rec" requests)")
      printf '%s\n' "${rec%\}},\"clients\":$c,\"spread\":\"$spread\",\"seconds\":$run_s,\"windows_rps\":$(as_array "$rates"),\"cpu\":$cpu}" >>"$work/intake.jsonl"
      printf '   %-7s %-9s %8s %8s %8s %8s %8s %7s  %s\n' "$c" "$spread" "$(json_get "$rec" rps)" "$(json_get "$rec" p50_ms)" \
        "$(json_get "$rec" p90_ms)" "$(json_get "$rec" p99_ms)" "$(json_get "$rec" max_ms)" \
        "$(($(json_get "$rec" errors_status) + $(json_get "$rec" errors_socket)))" "$rates"
      print_cpu "$cpu" report
    done
  done
  echo "   stored: $(psql_at -c 'SELECT count(*) FROM reports') reports in $(psql_at -c 'SELECT count(*) FROM incidents') incidents"
  if [ -n "${BENCH_JFR:-}" ]; then
    jcmd "$app_pid" JFR.stop name=intake >/dev/null && echo "   flight recording of (b): $BENCH_JFR"
  fi
  if [ "$pgss" = true ]; then
    echo "   PostgreSQL's time over (b), top statements (pg_stat_statements):"
    psql_at -F ' | ' -c "SELECT round(total_exec_time::numeric / 1000, 1) || ' s', calls,
        round((total_exec_time / nullif(calls, 0))::numeric, 3) || ' ms', round(total_plan_time::numeric / 1000, 1) || ' s plan',
        left(regexp_replace(query, '\s+', ' ', 'g'), 90)
      FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
      ORDER BY total_exec_time + total_plan_time DESC LIMIT 15" | sed 's/^/     /' | tee "$work/pg_stat_statements.txt"
  fi
fi

# ---------------------------------------------------------------------------------------------
# (c) pgbench: the application's own intake SQL, the application paused
if wants pgbench; then
  echo
  echo "== (c) pgbench: the application's intake SQL (intake.pgbench, -M prepared) on the same database, ${run_s} s per run; the application is paused (SIGSTOP) meanwhile"
  printf '   %-7s %-9s %8s %8s %8s %8s %7s %12s %7s  %s\n' clients spread tps "p50 ms" "p99 ms" "max ms" failed "intake req/s" ratio "tps per ${window} s window"
  : >"$work/pgbench.jsonl"
  kill -STOP "$app_pid"
  max_conn=$(psql_at -c 'SHOW max_connections')
  for spread in "${spreads[@]}"; do
    hotspot=0
    [ "$spread" = scattered ] || hotspot=1
    for c in "${clients[@]}"; do
      in_use=$(psql_at -c 'SELECT count(*) FROM pg_stat_activity')
      n=$c
      capped=null
      if [ $((max_conn - in_use - 2)) -lt "$n" ]; then
        n=$((max_conn - in_use - 2))
        capped=$(json_str "$c clients wanted, $n connections free (max_connections $max_conn)")
        echo "   capped: only $n of $c clients (max_connections $max_conn, $in_use in use)"
      fi
      threads=2
      [ "$n" -ge 2 ] || threads=1
      rc=0
      # pgbench's backends exit with it, taking their CPU time along: sample inside the run instead.
      cpu_win=$((run_s - 4))
      if [ "$cpu_win" -ge 2 ]; then
        (sleep 2; cpu_ticks "$app_pid" >"$work/cpu-$c-$spread"; sleep "$cpu_win"; cpu_ticks "$app_pid" >>"$work/cpu-$c-$spread") &
        cpu_pid=$!
        bg_pids+=("$cpu_pid")
      fi
      PGOPTIONS="-c statement_timeout=10000 -c lock_timeout=3000 -c idle_in_transaction_session_timeout=30000" \
        with_timeout $((run_s + 60)) pgbench -n -M prepared -h "$pg_host" -p "$pg_port" -U postgres \
        -c "$n" -j "$threads" -T "$run_s" -P "$window" -f "$here/intake.pgbench" -D hotspot="$hotspot" -D limited=0 \
        --log --log-prefix="$work/pgb-$c-$spread" "$db" >"$work/pgbench-$c-$spread.out" 2>"$work/pgbench-$c-$spread.err" || rc=$?
      tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$work/pgbench-$c-$spread.out" | tail -n 1)
      failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$work/pgbench-$c-$spread.out")
      rates=$(sed -n 's/^progress: [0-9.]* s, \([0-9.]*\) tps.*/\1/p' "$work/pgbench-$c-$spread.err" | tr '\n' ' ' | sed 's/ $//')
      # The per-transaction logs: the third field is the transaction's latency in microseconds.
      pct=$( (cat "$work/pgb-$c-$spread".* 2>/dev/null || true) | awk '{ print $3 }' | sort -n \
        | awk '{ v[NR] = $1 } END { if (NR == 0) { print "null null null null"; exit }
               r50 = int(0.5 * NR + 0.999999); r99 = int(0.99 * NR + 0.999999);
               printf "%.3f %.3f %.3f %d\n", v[r50] / 1000, v[r99] / 1000, v[NR] / 1000, NR }')
      read -r p50 p99 pmax count <<<"$pct"
      app=${intake_rps[$c-$spread]:-}
      ratio=null
      if [ -n "$app" ] && [ -n "$tps" ]; then ratio=$(awk -v a="$app" -v t="$tps" 'BEGIN { printf "%.3f", (t > 0 ? a / t : 0) }'); fi
      cpu=null
      if [ "$cpu_win" -ge 2 ]; then
        wait "$cpu_pid" 2>/dev/null || true
        forget "$cpu_pid"
        if [ "$(wc -l <"$work/cpu-$c-$spread")" = 2 ]; then
          cpu=$(cpu_split "$(sed -n 1p "$work/cpu-$c-$spread")" "$(sed -n 2p "$work/cpu-$c-$spread")" "$cpu_win" \
            "$(awk -v t="${tps:-0}" -v s="$cpu_win" 'BEGIN { printf "%d", t * s }')")
        fi
      fi
      printf '{"clients":%s,"clients_run":%s,"spread":"%s","seconds":%s,"tps":%s,"p50_ms":%s,"p99_ms":%s,"max_ms":%s,"transactions":%s,"failed":%s,"exit_status":%s,"windows_tps":%s,"intake_rps":%s,"ratio_intake_to_pgbench":%s,"capped":%s,"cpu":%s}\n' \
        "$c" "$n" "$spread" "$run_s" "${tps:-null}" "$p50" "$p99" "$pmax" "${count:-0}" "${failed:-null}" "$rc" "$(as_array "$rates")" \
        "${app:-null}" "$ratio" "$capped" "$cpu" >>"$work/pgbench.jsonl"
      printf '   %-7s %-9s %8s %8s %8s %8s %7s %12s %7s  %s\n' "$c" "$spread" "$([ -n "$tps" ] && printf '%.1f' "$tps" || echo '?')" "$p50" "$p99" "$pmax" "${failed:-?}" "${app:--}" \
        "$([ "$ratio" = null ] && echo - || echo "$ratio")" "$rates"
      [ "$cpu" = null ] || print_cpu "$cpu" transaction
      [ "$rc" = 0 ] || echo "   pgbench exited with $rc; see $work/pgbench-$c-$spread.err"
    done
  done
  kill -CONT "$app_pid"
  # The application's live relay reads what pgbench appended to the event log before we go on.
  lag=1
  for _ in $(seq 1 $((catch_up_s * 5))); do
    lag=$(psql_at -c "SELECT (SELECT last_seq FROM event_sequence) - coalesce((SELECT last_seq FROM log_positions WHERE name = 'live'), 0)")
    [ "$lag" -gt 0 ] || break
    sleep 0.2
  done
  [ "$lag" -le 0 ] || notes+=("after pgbench the live relay was still $lag events behind after ${catch_up_s} s")
  echo "   the application is running again (live relay caught up with pgbench's events: $([ "$lag" -le 0 ] && echo yes || echo "no, $lag behind after ${catch_up_s} s"))"
fi

# ---------------------------------------------------------------------------------------------
# (d) report -> console
grid=0
# One OpenLoop run of consoles on the live feed: label, console count, rates (comma-separated), the mix's
# description (empty for supervisors only), then OpenLoop's options for the consoles and the spread.
live_run() {
  local label=$1 n=$2 rates_csv=$3 mix=$4 connect_s bound out rec steps
  shift 4
  steps=$(tr ',' '\n' <<<"$rates_csv" | wc -l)
  connect_s=$((smoke == 1 ? 20 : 30 + n / 10))
  bound=$((connect_s + steps * (run_s + drain + 5) + 30))
  out=$(with_timeout "$bound" java -Xmx1g -cp "$work/classes" OpenLoop --url "$base" --label "$label" \
    --target reports --connect-seconds "$connect_s" --rate "$rates_csv" --seconds "$run_s" --drain "$drain" "$@" \
    2>>"$work/openloop.log") || true
  [ -n "$out" ] || { printf '   %-9s failed: see %s\n' "$n" "$work/openloop.log"; return 0; }
  while IFS= read -r rec; do
    [ -n "$rec" ] || continue
    printf '%s\n' "${rec%\}},\"consoles_requested\":$n,\"mix\":$(json_str "$mix")}" >>"$work/live.jsonl"
    python3 - "$rec" <<'PY'
import json, sys
r = json.loads(sys.argv[1]); c = r.get("consoles") or {}
f = lambda v: "-" if v is None else v
print("   %-9s %-10s %13s %8s %8s %8s %10s  %s%s" % (
    "%s/%s" % (c.get("connected"), c.get("requested")), r["rate_per_s"], f(c.get("deliveries_per_s")),
    f(c.get("p50_ms")), f(c.get("p99_ms")), f(c.get("max_ms")), f(c.get("missed")), f(r.get("p99_ms")),
    ("  (%s)" % c["capped"]) if c.get("capped") else ""))
for name, a in (c.get("accounts") or {}).items():
    print("     %-24s %4s consoles, p50 %s ms, p99 %s ms, %s deliveries  (%s%s)" % (
        name, a.get("listening"), f(a.get("p50_ms")), f(a.get("p99_ms")), a.get("samples"), a.get("role"),
        ": " + a["provinces"] if a.get("provinces") else ""))
PY
  done <<<"$out"
}

if wants live; then
  echo
  echo "== (d) report -> console: consoles on the live feed; reports open new incidents at a constant rate, ${run_s} s per rate; latency from each report's due time to each console receiving it"
  printf '   %-9s %-10s %13s %8s %8s %8s %10s  %s\n' consoles "reports/s" "deliveries/s" "p50 ms" "p99 ms" "max ms" missed "report p99 ms"
  : >"$work/live.jsonl"
  for n in "${live_consoles[@]}"; do
    rates=()
    for r in "${live_rates[@]}"; do
      if [ $((n * r)) -gt "$live_cap" ]; then
        reason="$n consoles x $r reports/s = $((n * r)) deliveries/s, above the $live_cap/s this harness attempts on $(nproc) cores (BENCH_LIVE_MAX_DELIVERIES)"
        printf '{"consoles":%s,"rate_per_s":%s,"skipped":%s}\n' "$n" "$r" "$(json_str "$reason")" >>"$work/live.jsonl"
        printf '   %-9s %-10s  skipped: %s\n' "$n" "$r" "$reason"
      else
        rates+=("$r")
      fi
    done
    [ "${#rates[@]}" -gt 0 ] || continue
    live_run "live-$n" "$n" "$(IFS=,; echo "${rates[*]}")" "" --spread grid --grid-start "$grid" --consoles "$n"
    for r in "${rates[@]}"; do grid=$((grid + r * run_s)); done
  done
  # The mix of a disaster: a few supervisors watching everything, many dispatchers' consoles each
  # receiving only their provinces' incidents, reports over the northern provinces.
  mix_n=$((mix_supervisors + 3 * mix_per_dispatcher))
  mix_desc="$mix_supervisors supervisors + $((3 * mix_per_dispatcher)) dispatchers of the three demo dispatcher accounts, reports over northern Vietnam"
  echo "   mix: $mix_desc"
  # Cells ~700 m apart from Điện Biên to Hà Nội and Thái Nguyên, those inside the service area, in a
  # scattered (but fixed) order, so that any run's reports cover the whole region.
  psql_at -c "COPY (SELECT lat, lon FROM (SELECT round((20.55 + y * 0.0065)::numeric, 4) AS lat,
                           round((102.85 + x * 0.0065)::numeric, 4) AS lon
                    FROM generate_series(0, 339) AS y, generate_series(0, 499) AS x) g
              WHERE EXISTS (SELECT 1 FROM service_area
                            WHERE ST_Intersects(geom, ST_SetSRID(ST_MakePoint(lon::float8, lat::float8), 4326)))
              ORDER BY md5(lat || ',' || lon)) TO STDOUT WITH (FORMAT csv)" >"$work/north.points" \
    || die "could not compute the mix's points"
  live_run "live-mix" "$mix_n" "$mix_rate" "$mix_desc" --spread points --points "$work/north.points" \
    --console-mix "giamsat:giamsat114=$mix_supervisors,dieuphoi.dienbien:dienbien114=$mix_per_dispatcher,dieuphoi.laocai:laocai114=$mix_per_dispatcher,dieuphoi.hanoi:hanoi114=$mix_per_dispatcher"
fi

# ---------------------------------------------------------------------------------------------
# (e) surge of one fire, then 400/s scattered, both open loop
if wants surge; then
  echo
  echo "== (e) open loop: $surge_count reports of one fire (Chợ Hàn, Đà Nẵng) at ${surge_rate}/s, then ${open_rate} reports/s scattered for ${open_s} s"
  rm -f "$work/surge.ids"
  surge=$(with_timeout $((surge_count / surge_rate + drain + 60)) java -Xmx1g -cp "$work/classes" OpenLoop --url "$base" \
    --label surge --target reports --spread fire --fire 16.0678,108.2240 --rate "$surge_rate" --count "$surge_count" \
    --drain "$drain" --ids "$work/surge.ids" 2>>"$work/openloop.log") || true
  if [ -n "$surge" ] && [ -f "$work/surge.ids" ]; then
    answered='' stored='' incidents='' report_count=''
    read -r answered stored incidents report_count < <(psql_at -F' ' <<SQL
CREATE TEMP TABLE surge_ids (id text);
\copy surge_ids FROM '$work/surge.ids'
SELECT count(*), count(r.id), count(DISTINCT r.incident_id),
       coalesce((SELECT max(report_count) FROM incidents WHERE id IN (SELECT incident_id FROM reports r2
                 JOIN surge_ids s2 ON r2.client_report_key = sha256(convert_to('baochay:client-report:' || s2.id, 'UTF8')))), 0)
FROM surge_ids s
LEFT JOIN reports r ON r.client_report_key = sha256(convert_to('baochay:client-report:' || s.id, 'UTF8'));
SQL
    ) || true
    [ -n "$report_count" ] || die "could not check the surge's reports in the database"
    lost=$((answered - stored))
    one=false
    [ "$incidents" != 1 ] || one=true
    printf '%s\n' "${surge%\}},\"db_answered_2xx\":$answered,\"db_stored\":$stored,\"db_lost\":$lost,\"db_incidents\":$incidents,\"db_incident_report_count\":$report_count,\"one_incident\":$one}" >"$work/surge.json"
    python3 - "$(cat "$work/surge.json")" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
print("   surge: %s offered, %s answered 2xx, %s errors; p50 %s ms, p90 %s ms, p99 %s ms, max %s ms; peak in flight %s" % (
    r["offered"], r["db_answered_2xx"], r["errors"], r["p50_ms"], r["p90_ms"], r["p99_ms"], r["max_ms"], r["peak_in_flight"]))
print("   database: %s stored of %s answered (lost %s), %s incident(s) for the surge%s" % (
    r["db_stored"], r["db_answered_2xx"], r["db_lost"], r["db_incidents"],
    "" if r["one_incident"] and r["db_lost"] == 0 else "  <-- NOT one incident with none lost"))
PY
  else
    echo "   surge failed: see $work/openloop.log"
  fi
  open=$(with_timeout $((open_s + drain + 60)) java -Xmx1g -cp "$work/classes" OpenLoop --url "$base" --label open-scattered \
    --target reports --spread scattered --rate "$open_rate" --seconds "$open_s" --drain "$drain" 2>>"$work/openloop.log") || true
  if [ -n "$open" ]; then
    printf '%s\n' "$open" >"$work/open.json"
    python3 - "$open" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
print("   %s reports/s scattered: %s offered, %s errors; p50 %s ms, p90 %s ms, p99 %s ms, max %s ms (target p99 < 25 ms)" % (
    r["rate_per_s"], r["offered"], r["errors"], r["p50_ms"], r["p90_ms"], r["p99_ms"], r["max_ms"]))
PY
  else
    echo "   open loop at ${open_rate}/s failed: see $work/openloop.log"
  fi
fi

# ---------------------------------------------------------------------------------------------
# (f) nearest stations
if wants stations; then
  echo
  echo "== (f) nearest stations: GET /api/v1/stations/nearest?limit=3, open loop at ${stations_rate}/s for ${stations_s} s, scattered positions"
  : >"$work/stations.jsonl"
  measure_stations() { # LABEL
    local count rec
    count=$(psql_at -c 'SELECT count(*) FROM stations')
    rec=$(with_timeout $((stations_s + drain + 60)) java -Xmx1g -cp "$work/classes" OpenLoop --url "$base" --label "stations-$1" \
      --target stations --rate "$stations_rate" --seconds "$stations_s" --drain "$drain" 2>>"$work/openloop.log") || true
    [ -n "$rec" ] || { echo "   $1: failed, see $work/openloop.log"; return 0; }
    printf '%s\n' "${rec%\}},\"stations\":$count}" >>"$work/stations.jsonl"
    python3 - "$rec" "$count" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
print("   %7s stations: p50 %s ms, p90 %s ms, p99 %s ms, max %s ms, %s errors" % (
    sys.argv[2], r["p50_ms"], r["p90_ms"], r["p99_ms"], r["max_ms"], r["errors"]))
PY
  }
  measure_stations demo
  log "inserting $stations_synthetic synthetic stations inside the service area"
  PGOPTIONS='-c statement_timeout=600000' psql_at -c "
    INSERT INTO stations (id, name, phone, address, province, location)
    SELECT 'synthetic-' || n, 'Trạm tổng hợp ' || n || ' (synthetic, benchmark only)', '114', 'synthetic', 'synthetic',
           ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography
    FROM (SELECT row_number() OVER () AS n, lat, lon
          FROM (SELECT 8.4 + random() * 15.0 AS lat, 102.1 + random() * 7.5 AS lon
                FROM generate_series(1, $((stations_synthetic * 6)))) AS candidate
          WHERE EXISTS (SELECT 1 FROM service_area
                        WHERE ST_Intersects(geom, ST_SetSRID(ST_MakePoint(lon, lat), 4326)))
          LIMIT $stations_synthetic) AS s" -c 'ANALYZE stations' >/dev/null
  measure_stations synthetic
  psql_at -c "DELETE FROM stations WHERE id LIKE 'synthetic-%'" -c 'ANALYZE stations' >/dev/null
  echo "   (synthetic stations removed again)"
fi

# ---------------------------------------------------------------------------------------------
# (g) cold start
if wants coldstart; then
  echo
  echo "== (g) cold start: java -jar to ready (management port), then intake at ${cold_rate}/s open loop for ${cold_s} s, against the same on the warm application"
  if [ "$warmed" = 0 ]; then
    log "warming up for the warm reference (${warm_min} s)"
    BENCH_SPREAD=scattered with_timeout $((warm_min + 30)) wrk -t2 -c16 -d"${warm_min}s" --timeout 10s -s "$here/intake.lua" "$base" >/dev/null 2>&1 || true
  fi
  warm=$(with_timeout $((cold_s + drain + 60)) java -Xmx1g -cp "$work/classes" OpenLoop --url "$base" --label warm \
    --target reports --spread scattered --rate "$cold_rate" --seconds "$cold_s" --drain "$drain" 2>>"$work/openloop.log") || true
  stop_app
  stop_before_ms=$stop_ms stop_before_killed=$stop_killed
  echo "   stopped the warm application in ${stop_ms} ms$([ "$stop_killed" = false ] || echo " (killed: not down ${stop_grace_s} s after SIGTERM)")"
  start_app
  cold=$(with_timeout $((cold_s + drain + 60)) java -Xmx1g -cp "$work/classes" OpenLoop --url "$base" --label cold \
    --target reports --spread scattered --rate "$cold_rate" --seconds "$cold_s" --drain "$drain" 2>>"$work/openloop.log") || true
  warm_p99=
  cold_p99=
  if [ -n "$warm" ]; then warm_p99=$(json_get "$warm" p99_ms); fi
  if [ -n "$cold" ]; then cold_p99=$(json_get "$cold" p99_ms); fi
  ratio=null
  if [ -n "$warm_p99" ] && [ -n "$cold_p99" ]; then ratio=$(awk -v c="$cold_p99" -v w="$warm_p99" 'BEGIN { printf "%.3f", (w > 0 ? c / w : 0) }'); fi
  printf '{"ready_ms":%s,"first_start_ms":%s,"stop_ms":%s,"stop_killed":%s,"rate_per_s":%s,"seconds":%s,"warm":%s,"cold":%s,"cold_p99_to_warm_p99":%s}' \
    "$ready_ms" "$first_start_ms" "$stop_before_ms" "$stop_before_killed" "$cold_rate" "$cold_s" "${warm:-null}" "${cold:-null}" "$ratio" >"$work/coldstart.json"
  echo "   ready in ${ready_ms} ms (target < 3000); first ${cold_s} s at ${cold_rate}/s: p99 ${cold_p99:-?} ms against ${warm_p99:-?} ms warm (${ratio}x; target < 2x)"
fi

# ---------------------------------------------------------------------------------------------
# (h) fire-alarm transmitters on the DC-09 receiver
if wants alarms; then
  echo
  echo "== (h) alarms: $alarm_devices supervised transmitters, a DC-09 link test each per ${alarm_period} s over UDP; fire alarms at ${alarm_rate}/s over TCP, a connection each; ${alarm_warmup} s warm-up, then ${alarm_s} s measured (AlarmLoad.java)"
  # A grid of 100 columns north-east of Ho Chi Minh City (Hồ Chí Minh, Đồng Nai), ~440 m x ~650 m apart: wider
  # than the merge radius, so no two alarms share an incident, and away from every other phase's reports, so no
  # alarm joins a citizen's incident of this run. Registered like PremisesRepository#insert: status UNKNOWN.
  t0=$(date +%s%N)
  PGOPTIONS='-c statement_timeout=300000' psql_at -c "
    WITH seeded AS (
      INSERT INTO premises (id, account_id, name, address, lat, lon, reporting_interval_s, demo, created_at, updated_at)
      SELECT gen_random_uuid(), 'B' || lpad(upper(to_hex(n)), 7, '0'), 'Bench premises ' || lpad(n::text, 5, '0'),
             'Benchmark only, not a real building', 10.80 + (n / 100) * 0.004, 106.60 + (n % 100) * 0.006, 120, true,
             now(), now()
      FROM generate_series(0, $((alarm_devices - 1))) AS n
      RETURNING id)
    INSERT INTO transmitter_status (premises_id, state, since) SELECT id, 'UNKNOWN', now() FROM seeded" >/dev/null
  psql_at -F' ' -c "SELECT account_id, id FROM premises WHERE name LIKE 'Bench premises %' AND deleted_at IS NULL
                    ORDER BY account_id" >"$work/alarm-premises.txt"
  seeded=$(wc -l <"$work/alarm-premises.txt")
  echo "   registered $seeded premises in $((($(date +%s%N) - t0) / 1000000)) ms ($(psql_at -c "SELECT count(DISTINCT province) FROM premises WHERE name LIKE 'Bench premises %'") provinces)"
  line=$(with_timeout $((alarm_warmup + alarm_s + 90)) java -Xmx256m -XX:+UseSerialGC -cp "$work/classes" AlarmLoad \
    --url "$base" --port "$aport" --premises "$work/alarm-premises.txt" --link-period "$alarm_period" \
    --alarm-rate "$alarm_rate" --warmup "$alarm_warmup" --seconds "$alarm_s" 2>>"$work/alarmload.log" | sed -n 's/^BENCH //p') || true
  if [ -n "$line" ]; then
    rec=$(kv_json "$line")
    # The database's view, once every answer is in: each ACKed fire alarm stored, each in an incident of its own.
    read -r stored linked incidents normal silent unknown < <(psql_at -F' ' -c "
      WITH bench AS (SELECT id FROM premises WHERE name LIKE 'Bench premises %')
      SELECT (SELECT count(*) FROM alarm_signals WHERE premises_id IN (SELECT id FROM bench) AND meaning = 'FIRE_ALARM'),
             (SELECT count(*) FROM alarm_signals WHERE premises_id IN (SELECT id FROM bench) AND meaning = 'FIRE_ALARM'
                AND incident_id IS NOT NULL),
             (SELECT count(*) FROM incidents WHERE premises_id IN (SELECT id FROM bench) AND source = 'ALARM_DEVICE'),
             count(*) FILTER (WHERE state = 'NORMAL'), count(*) FILTER (WHERE state = 'SILENT'),
             count(*) FILTER (WHERE state = 'UNKNOWN')
      FROM transmitter_status WHERE premises_id IN (SELECT id FROM bench)") || true
    [ -n "$unknown" ] || die "could not read the alarms back from the database"
    acked_total=$(json_get "$rec" alarms_acked_total)
    problems=()
    [ "$stored" = "$acked_total" ] || problems+=("$stored fire alarms stored, $acked_total ACKed")
    [ "$incidents" = "$stored" ] || problems+=("$incidents incidents for $stored stored fire alarms")
    [ "$(json_get "$rec" console_missing)" = 0 ] || problems+=("$(json_get "$rec" console_missing) ACKed alarms never reached the console")
    agrees=true check=ok
    [ "$stored" = "$acked_total" ] || agrees=false
    if [ "${#problems[@]}" -gt 0 ]; then check=$(IFS=';'; echo "${problems[*]}" | sed 's/;/; /g'); fi
    printf '%s\n' "${rec%\}},\"transmitters_registered\":$seeded,\"db_fire_alarms_stored\":$stored,\"db_fire_alarms_in_incidents\":$linked,\"db_alarm_incidents\":$incidents,\"db_devices_normal\":$normal,\"db_devices_silent\":$silent,\"db_devices_unknown\":$unknown,\"stored_equals_acked\":$agrees,\"check\":$(json_str "$check")}" >"$work/alarms.json"
    python3 - "$(cat "$work/alarms.json")" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
f = lambda v: "-" if v is None else v
print("   %-26s %7s %8s %8s %8s %8s  %s" % ("measure", "count", "p50 ms", "p90 ms", "p99 ms", "max ms", "outcome"))
rows = [
    ("link test -> ACK (UDP)", r["link_sent"], "link_",
     "%s ACKed, %s NAK, %s DUH, %s lost (with the warm-up: %s of %s unanswered)" % (
         r["link_acked"], r["link_nak"], r["link_duh"], r["link_lost"], r["link_unanswered_total"], r["link_sent_total"])),
    ("fire alarm -> ACK (TCP)", r["alarms"], "alarm_ack_",
     "%s ACKed, %s NAK, %s DUH, %s timed out, %s failed" % (r["alarm_acked"], r["alarm_nak"], r["alarm_duh"],
                                                           r["alarm_timeout"], r["alarm_error"])),
    ("fire alarm -> console", r["alarm_acked"], "console_",
     "%s received, %s missing" % (r["console_received"], r["console_missing"])),
]
for name, n, k, outcome in rows:
    print("   %-26s %7s %8s %8s %8s %8s  %s" % (name, n, f(r.get(k + "p50_ms")), f(r.get(k + "p90_ms")),
                                               f(r.get(k + "p99_ms")), f(r.get(k + "max_ms")), outcome))
print("   database: %s fire alarms stored of %s ACKed (warm-up included), %s in an incident, %s incidents from ALARM_DEVICE;"
      " transmitters %s NORMAL, %s SILENT, %s UNKNOWN%s" % (
    r["db_fire_alarms_stored"], r["alarms_acked_total"], r["db_fire_alarms_in_incidents"], r["db_alarm_incidents"],
    r["db_devices_normal"], r["db_devices_silent"], r["db_devices_unknown"],
    "" if r["check"] == "ok" else "\n   <-- MISMATCH: %s" % r["check"]))
PY
  else
    echo "   alarms failed: see $work/alarmload.log"
  fi
  # Marked deleted, as the registry deletes (rows, signals and incidents stay): nothing after this phase sees
  # thousands of transmitters fall silent.
  psql_at -c "UPDATE premises SET deleted_at = now(), updated_at = now(), version = version + 1
              WHERE name LIKE 'Bench premises %' AND deleted_at IS NULL" >/dev/null
fi

# ---------------------------------------------------------------------------------------------
# The result file, the README table and the chart
slurp() { [ -s "$work/$1" ] && cat "$work/$1" || echo null; }
slurp_lines() { [ -s "$work/$1" ] && printf '[%s]' "$(paste -sd, "$work/$1")" || echo null; }
notes_json=$(for n in "${notes[@]}"; do json_str "$n"; echo; done | paste -sd, -)
if [ "$smoke" = 1 ]; then
  result=${BENCH_RESULT:-$work/result.json}
else
  mkdir -p "$here/results"
  result=${BENCH_RESULT:-$here/results/$(date -u +%F)-$commit.json}
fi
{
  printf '{"schema":1,"commit":%s,"dirty":%s,"date":%s,"mode":"%s",' "$(json_str "$commit")" "$dirty" "$(json_str "$(date -u +%FT%TZ)")" "$mode"
  printf '"options":{"phases":%s,"seconds_per_run":%s,"window_s":%s,"port":%s,"alarm_port":%s,"app_java_opts":%s,"live_max_deliveries_per_s":%s},' \
    "$(printf '%s\n' "${selected[@]}" | sed 's/.*/"&"/' | paste -sd, - | sed 's/.*/[&]/')" "$run_s" "$window" "$port" "$aport" \
    "$(json_str "${BENCH_JAVA_OPTS:-}")" "$live_cap"
  printf '"units":{"_ms":"milliseconds","_s":"seconds","rps":"requests per second","tps":"transactions per second","_per_s":"per second","ratio":"dimensionless"},'
  printf '"machine":%s,"first_start_ms":%s,"phases":{' "$machine" "$first_start_ms"
  printf '"warmup":%s,"intake":%s,"pgbench":%s,"live":%s,"surge":%s,"open_loop":%s,"stations":%s,"coldstart":%s,"alarms":%s' \
    "$(slurp warmup.json)" "$(slurp_lines intake.jsonl)" "$(slurp_lines pgbench.jsonl)" "$(slurp_lines live.jsonl)" \
    "$(slurp surge.json)" "$(slurp open.json)" "$(slurp_lines stations.jsonl)" "$(slurp coldstart.json)" "$(slurp alarms.json)"
  printf '},"notes":[%s]}\n' "$notes_json"
} >"$work/result.raw.json"
python3 -m json.tool "$work/result.raw.json" >"$result" || die "the result is not valid JSON: $work/result.raw.json"
echo
echo "result: $result (the run took $SECONDS s)"
if [ "$smoke" = 1 ] || [ "${#selected[@]}" -lt "${#all_phases[@]}" ] || [ -n "${BENCH_JFR:-}" ]; then
  # The README and the chart are regenerated in the work directory only: smoke figures are not figures,
  # a run of some phases would replace the table of a whole run, and a profiled run carries the recorder.
  cp README.md "$work/README.md"
  python3 "$here/report.py" "$result" --readme "$work/README.md" --svg "$work/latency.svg"
else
  python3 "$here/report.py" "$result"
fi
