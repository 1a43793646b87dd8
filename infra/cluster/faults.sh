#!/usr/bin/env bash
# Fault test of the Báo cháy cluster in a box, under load: report intake through HAProxy (8090)
# the way the phone app does it (each report retried with the same body and clientReportId until
# it is answered 201 or 200), a supervisor console on each instance (8091, 8092) over the live
# WebSocket, and meanwhile, one after the other: kill -9 of the PostgreSQL primary's postmaster,
# kill -9 of app1 and its restart, a RabbitMQ restart. Then checks that no answered report is
# missing from the database, none was stored twice, and both consoles show exactly the database's
# open incidents and sequence. Prints a summary and writes report.json (path printed at the end).
#
# Usage: infra/cluster/faults.sh [--quick] [--duration SECONDS] [--up] [options]
#   --quick             bounded version for CI: ~80 s of load, all three faults, tighter waits;
#                       finishes within 3 minutes on a cluster that is already up
#   --duration SECONDS  seconds of load over which the faults are spread (default 360; quick 80)
#   --rate N            reports per second (default 12; quick 10)
#   --senders N         concurrent senders (default 8)
#   --up                run infra/cluster/up.sh first (else the cluster must already be healthy)
#   --keep-incidents    leave this run's incidents open (default: FALSE_ALARM them at the end)
#   --retry-after-cap S wait at most S seconds between retries of a 503 (default 1)
#   BAOCHAY_APP_DIR     packaged application used to restart app1 (and by --up); default: the
#                       one app1 runs now
#   BAOCHAY_CLUSTER_DIR state directory (default /var/lib/baochay-cluster); results go to
#                       $BAOCHAY_CLUSTER_DIR/faults/<run>/ (report.json, run.log, reports.jsonl)
#
# Exit: 0 all checks passed; 1 a check failed (a report lost, stored twice or never answered, a
# console inconsistent, a fault that could not be injected or recovered from); 2 cannot run (not
# root, cluster not up/healthy, bad option).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib-cluster.sh
. "$here/lib-cluster.sh"

usage() { sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; }
fail2() {
  printf '[baochay] ERROR: %s\n' "$*" >&2
  exit 2
}

UP=0
pass=()
while [ $# -gt 0 ]; do
  case $1 in
    -h | --help)
      usage
      exit 0
      ;;
    --up) UP=1 ;;
    --quick | --keep-incidents) pass+=("$1") ;;
    --duration | --rate | --senders | --retry-after-cap | --join-fraction | --request-timeout)
      [ $# -ge 2 ] || fail2 "$1 needs a value"
      [[ $2 =~ ^[0-9]+([.][0-9]+)?$ ]] || fail2 "$1 needs a number, not '$2'"
      pass+=("$1" "$2")
      shift
      ;;
    *) fail2 "unknown argument '$1' (see --help)" ;;
  esac
  shift
done

is_root || fail2 "run as root (it kills PostgreSQL's postmaster and restarts RabbitMQ with rabbitmqctl): sudo $0"
command -v /usr/bin/python3 >/dev/null || fail2 "python3 is needed"
[ -x /usr/sbin/rabbitmqctl ] || fail2 "rabbitmqctl not found (/usr/sbin/rabbitmqctl): RabbitMQ must be the machine's, see infra/local/rabbitmq.sh"

# The application that app1 runs now: restarting it must use the same build and JVM options.
if pid=$(app_pid app1 2>/dev/null); then
  mapfile -d '' argv <"/proc/$pid/cmdline"
  running_jar="" opts=()
  for ((i = 1; i < ${#argv[@]}; i++)); do
    case ${argv[i]} in
      -Dquarkus.profile=*) break ;;
      *) opts+=("${argv[i]}") ;;
    esac
  done
  for ((i = 0; i < ${#argv[@]} - 1; i++)); do
    [ "${argv[i]}" != -jar ] || running_jar=${argv[i + 1]}
  done
  running_dir=$(dirname "$running_jar")
  if [ -n "${BAOCHAY_APP_DIR:-}" ] && [ "$(cd "$BAOCHAY_APP_DIR" 2>/dev/null && pwd)" != "$running_dir" ]; then
    fail2 "app1 runs $running_jar but BAOCHAY_APP_DIR is $BAOCHAY_APP_DIR: restart the cluster with that build (down.sh, up.sh) or unset BAOCHAY_APP_DIR"
  fi
  export BAOCHAY_APP_DIR=$running_dir
  if [ -z "${BAOCHAY_APP_JAVA_OPTS:-}" ] && [ "${#opts[@]}" -gt 0 ]; then export BAOCHAY_APP_JAVA_OPTS="${opts[*]}"; fi
fi

if [ "$UP" = 1 ]; then
  log "faults.sh --up: infra/cluster/up.sh"
  "$here/up.sh" || fail2 "infra/cluster/up.sh failed"
  pid=$(app_pid app1) || fail2 "app1 is not running after up.sh"
  [ -n "${BAOCHAY_APP_DIR:-}" ] || export BAOCHAY_APP_DIR="$CLUSTER_APP_DIR"
fi

status=0
lines=$(cluster_report) || status=$?
if [ "$status" -ne 0 ]; then
  printf '%s\n' "$lines" >&2
  fail2 "the cluster in a box is not up and healthy (lines above). Start it first: BAOCHAY_APP_DIR=<quarkus-app dir> infra/cluster/up.sh (or pass --up)"
fi
[ -n "${BAOCHAY_APP_DIR:-}" ] || fail2 "cannot tell which build app1 runs"
tcp_open 127.0.0.1 5672 || fail2 "RabbitMQ does not listen on 127.0.0.1:5672 (infra/local/rabbitmq.sh starts it)"
printf '%s\n' "$lines" >&2
log "cluster healthy; app1/app2 run $BAOCHAY_APP_DIR (${BAOCHAY_APP_JAVA_OPTS:-default JVM options})"

install -d -m 0755 "$CLUSTER_DIR/faults"
export BAOCHAY_CLUSTER_DIR=$CLUSTER_DIR
exec /usr/bin/python3 "$here/faults.py" --cluster-dir "$CLUSTER_DIR" "${pass[@]}"
