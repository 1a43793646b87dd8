#!/usr/bin/env bash
# shellcheck disable=SC2034 # the settings below are used by the scripts that source this file
# Settings and helpers of the Báo cháy "cluster in a box" (infra/cluster/). Sourced by up.sh,
# down.sh and status.sh, and meant to be sourced by other scripts too (fault injection):
#
#   . infra/cluster/lib-cluster.sh
#   node=$(cluster_primary)          # pg1 or pg2
#   read -r node pid < <(kill_primary)
#   wait_cluster_healthy 60 || echo "no primary with a synchronous standby after 60 s"
#
# Public functions (each documented where it is defined):
#   cluster_primary, cluster_sync_standby, cluster_healthy, wait_cluster_healthy,
#   wait_primary_writable, postmaster_pid, patroni_pid, kill_postmaster, kill_primary,
#   app_start, app_pid, psql_box, psql_node, cluster_report
# Messages go to stderr (log/die from infra/local/lib.sh); stdout carries only data.
set -euo pipefail

CLUSTER_HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CLUSTER_REPO=$(cd "$CLUSTER_HERE/../.." && pwd)
# shellcheck source=../local/lib.sh
. "$CLUSTER_REPO/infra/local/lib.sh"

## Settings
# State directory: data, rendered configuration, logs and pid files of every part.
CLUSTER_DIR=${BAOCHAY_CLUSTER_DIR:-/var/lib/baochay-cluster}
# Bounded waits (seconds) for each component to become ready.
CLUSTER_WAIT=${BAOCHAY_CLUSTER_WAIT:-120}
# Packaged application (quarkus-app directory of the Maven build).
CLUSTER_APP_DIR=${BAOCHAY_APP_DIR:-$CLUSTER_REPO/backend/target/quarkus-app}
CLUSTER_APP_JAVA_OPTS=${BAOCHAY_APP_JAVA_OPTS:--Xmx512m}

PG_BIN=/usr/lib/postgresql/15/bin
CLUSTER_NODES=(pg1 pg2)
CLUSTER_APPS=(app1 app2)
ETCD_CLIENT_PORT=2379
ETCD_PEER_PORT=2380
HAPROXY_PG_PORT=5440
HAPROXY_APP_PORT=8090
HAPROXY_STATS_PORT=8404
# What up.sh installs when missing (python3-etcd: the DCS client module Debian's patroni imports).
CLUSTER_PACKAGES=(etcd-server patroni python3-etcd python3-psycopg2 haproxy postgresql-15 postgresql-15-postgis-3 curl)

case $CLUSTER_DIR in
  /*) ;;
  *) die "BAOCHAY_CLUSTER_DIR must be an absolute path, not '$CLUSTER_DIR'" ;;
esac
CLUSTER_DIR=${CLUSTER_DIR%/}
[ -n "$CLUSTER_DIR" ] || die "BAOCHAY_CLUSTER_DIR must not be /"

node_pg_port() {
  case $1 in
    pg1) echo 5441 ;;
    pg2) echo 5442 ;;
    *) die "unknown node '$1' (pg1 or pg2)" ;;
  esac
}

node_rest_port() {
  case $1 in
    pg1) echo 8008 ;;
    pg2) echo 8009 ;;
    *) die "unknown node '$1' (pg1 or pg2)" ;;
  esac
}

app_port() {
  case $1 in
    app1) echo 8091 ;;
    app2) echo 8092 ;;
    *) die "unknown application instance '$1' (app1 or app2)" ;;
  esac
}

# app_alarm_port APP : the TCP and UDP port of APP's SIA DC-09 receiver (both share one host here).
app_alarm_port() {
  case $1 in
    app1) echo 7009 ;;
    app2) echo 7010 ;;
    *) die "unknown application instance '$1' (app1 or app2)" ;;
  esac
}

# app_mgmt_port APP : the instance's management interface (health, metrics): its port + 1000.
app_mgmt_port() { echo $(($(app_port "$1") + 1000)); }

# app_health APP : HTTP status of the instance's readiness check (on its management port).
app_health() { http_code "http://127.0.0.1:$(app_mgmt_port "$1")/q/health/ready"; }

node_dir() { printf '%s/%s\n' "$CLUSTER_DIR" "$1"; }
node_data_dir() { printf '%s/%s/data\n' "$CLUSTER_DIR" "$1"; }
node_config() { printf '%s/%s/patroni.yml\n' "$CLUSTER_DIR" "$1"; }
rest_url() { printf 'http://127.0.0.1:%s\n' "$(node_rest_port "$1")"; }

## Packages

pkg_installed() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]
}

# apt-get that waits up to 10 minutes for the dpkg/apt locks (another script may be installing).
apt_wait() { as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 "$@"; }

# cluster_install_missing : installs whatever of CLUSTER_PACKAGES is missing (nothing when all are).
cluster_install_missing() {
  local p missing=()
  for p in "${CLUSTER_PACKAGES[@]}"; do pkg_installed "$p" || missing+=("$p"); done
  [ "${#missing[@]}" -gt 0 ] || return 0
  is_debian_like || die "this is not a Debian-like system (no apt-get): install these packages or their equivalents yourself, then re-run: ${missing[*]}"
  need_root_for "install ${missing[*]}" "apt-get update && apt-get install -y ${missing[*]}"
  if [ "$BAOCHAY_APT_UPDATED" != 1 ]; then
    log "apt-get update"
    apt_wait update -q >&2 || die "apt-get update failed (network or apt sources?)"
    BAOCHAY_APT_UPDATED=1
  fi
  log "installing: ${missing[*]}"
  apt_wait install -y -q --no-install-recommends "${missing[@]}" >&2 \
    || die "apt-get install failed for: ${missing[*]} (see the apt output above)"
  # On a systemd machine the etcd-server package starts its own etcd on 127.0.0.1:2379, the port
  # the box needs: the box runs its own etcd from its state directory, so that service goes.
  if [[ " ${missing[*]} " == *" etcd-server "* ]] && has_systemd; then
    log "disabling the etcd system service that the etcd-server package started (the box runs its own)"
    as_root systemctl disable --now etcd >&2 || log "could not disable etcd.service; if port $ETCD_CLIENT_PORT is taken, run: systemctl disable --now etcd"
  fi
}

## Processes

# proc_matches PID PATTERN : true when process PID is alive (not a zombie) and its command line
# contains PATTERN (guards against a pid file naming a recycled pid).
proc_matches() {
  local cmdline
  [[ $1 =~ ^[0-9]+$ ]] || return 1
  cmdline=$({ tr '\0' ' ' <"/proc/$1/cmdline"; } 2>/dev/null) || return 1
  [[ $cmdline == *"$2"* ]]
}

proc_gone() { ! proc_matches "$@"; }

# daemon_pid PIDFILE PATTERN : prints the pid in PIDFILE when that process runs and matches PATTERN.
daemon_pid() {
  local pid
  pid=$(head -n 1 "$1" 2>/dev/null) || return 1
  proc_matches "$pid" "$2" || return 1
  printf '%s\n' "$pid"
}

# start_daemon USER LOGFILE PIDFILE CMD... : starts CMD in the background in its own session
# (a Ctrl-C or a job kill of the caller does not reach it), as USER, in a clean environment
# (plus DAEMON_ENV=(VAR=value...) if the caller sets that array), working directory that of
# LOGFILE, output appended to LOGFILE, file descriptor 9 (cluster_lock) closed. PIDFILE gets
# CMD's own pid.
DAEMON_ENV=()
start_daemon() {
  local user=$1 logf=$2 pidf=$3 home
  shift 3
  home=$(getent passwd "$user" | cut -d: -f6)
  local -a run_as=()
  if [ "$user" != "$(id -un)" ]; then
    run_as=(setpriv --reuid="$user" --regid="$user" --init-groups --)
  fi
  rm -f "$pidf"
  (
    cd "$(dirname "$logf")"
    # The inner bash writes its pid, then execs (setpriv, then) CMD: the pid stays CMD's.
    # shellcheck disable=SC2016 # $$, $0 and $@ expand in the inner bash, on purpose
    setsid env -i HOME="$home" USER="$user" LOGNAME="$user" LANG=C.UTF-8 \
      PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "${DAEMON_ENV[@]}" \
      bash -c 'echo "$$" >"$0" && exec "$@"' "$pidf" "${run_as[@]}" "$@" </dev/null >>"$logf" 2>&1 9>&- &
  )
  local i
  for i in $(seq 50); do
    [ -s "$pidf" ] && return 0
    sleep 0.2
  done
  die "could not start $1 (no pid file $pidf after 10 s); see $logf"
}

# stop_daemon WHAT PIDFILE PATTERN [SECONDS] : SIGTERM, up to SECONDS (default 30) for it to
# exit, then SIGKILL. Nothing to do (and success) when it is not running.
stop_daemon() {
  local what=$1 pidf=$2 pattern=$3 secs=${4:-30} pid
  if ! pid=$(daemon_pid "$pidf" "$pattern"); then
    rm -f "$pidf"
    log "$what: not running"
    return 0
  fi
  log "stopping $what (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_for "$secs" "$what to exit" proc_gone "$pid" "$pattern"; then
    log "$what did not exit within ${secs}s: SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    wait_for 10 "$what to die" proc_gone "$pid" "$pattern" || die "could not stop $what (pid $pid)"
  fi
  rm -f "$pidf"
}

# port_owner PORT : "name(pid)" of what listens on 127.0.0.1:PORT, or "something" when unknown.
port_owner() {
  local o=""
  if command -v ss >/dev/null 2>&1; then
    o=$(ss -Hltnp "sport = :$1" 2>/dev/null | grep -o 'users:(([^)]*' | head -n 1 | sed 's/users:((//; s/,pid=/ pid /; s/,fd=.*//') || true
  fi
  printf '%s\n' "${o:-something}"
}

# ensure_port_free PORT WHAT : dies with a one-line hint when PORT on loopback is already taken.
ensure_port_free() {
  if tcp_open 127.0.0.1 "$1"; then
    die "port $1 (for $2) is taken by $(port_owner "$1"), which is not part of this box; stop it or free the port, then re-run"
  fi
}

# cluster_lock : one up.sh/down.sh at a time per state directory (waits up to 10 minutes).
# Holds the lock on file descriptor 9 until the script exits (start_daemon closes it for daemons).
cluster_lock() {
  exec 9>"$CLUSTER_DIR/.lock"
  flock -w 600 9 || die "another up.sh or down.sh still holds $CLUSTER_DIR/.lock after 10 minutes"
}

## Component pid files and patterns

# Pid files live in one world-readable directory, so that status.sh works without root too.
run_dir() { printf '%s/run\n' "$CLUSTER_DIR"; }
etcd_pidfile() { printf '%s/run/etcd.pid\n' "$CLUSTER_DIR"; }
etcd_pattern() { printf -- '--data-dir %s/etcd/data' "$CLUSTER_DIR"; }
patroni_pidfile() { printf '%s/run/%s-patroni.pid\n' "$CLUSTER_DIR" "$1"; }
haproxy_pidfile() { printf '%s/run/haproxy.pid\n' "$CLUSTER_DIR"; }
haproxy_pattern() { printf -- '-f %s/haproxy/haproxy.cfg' "$CLUSTER_DIR"; }
app_pidfile() { printf '%s/run/%s.pid\n' "$CLUSTER_DIR" "$1"; }
app_pattern() { printf -- '-Dquarkus.http.port=%s ' "$(app_port "$1")"; }

# patroni_pid NODE : pid of NODE's Patroni daemon (fails when it is not running).
patroni_pid() { daemon_pid "$(patroni_pidfile "$1")" "$(node_config "$1")"; }

# postmaster_pid NODE : pid of NODE's PostgreSQL postmaster (fails when it is not running).
postmaster_pid() {
  local data pid
  data=$(node_data_dir "$1")
  pid=$(head -n 1 "$data/postmaster.pid" 2>/dev/null) || return 1
  proc_matches "$pid" "-D $data" || return 1
  printf '%s\n' "$pid"
}

## HTTP

# http_code URL : HTTP status of a GET (000 when nothing answers within 2 s).
http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$1" 2>/dev/null || true; }

## Cluster state (from Patroni's REST API)

# cluster_primary : prints the node whose Patroni answers GET /primary with 200 (it holds the
# leader lock and its PostgreSQL runs). Returns 1 when no node is primary; returns 2 and prints
# every claimant when more than one is.
cluster_primary() {
  local n found=()
  for n in "${CLUSTER_NODES[@]}"; do
    if [ "$(http_code "$(rest_url "$n")/primary")" = 200 ]; then found+=("$n"); fi
  done
  [ "${#found[@]}" -gt 0 ] || return 1
  printf '%s\n' "${found[@]}"
  [ "${#found[@]}" -eq 1 ] || return 2
}

# cluster_sync_standby : prints the node that streams from the primary as its synchronous standby
# (pg_stat_replication state streaming, sync_state sync, as the primary's Patroni reports it).
# Returns 1 when there is no primary or no such standby.
cluster_sync_standby() {
  local p
  p=$(cluster_primary) || return 1
  curl -s --max-time 2 "$(rest_url "$p")/patroni" 2>/dev/null | /usr/bin/python3 -c '
import json, sys
try:
    d = json.load(sys.stdin)
except ValueError:
    sys.exit(1)
names = [r.get("application_name") for r in d.get("replication", [])
         if r.get("state") == "streaming" and r.get("sync_state") in ("sync", "quorum")]
print("\n".join(names))
sys.exit(0 if names else 1)'
}

# cluster_healthy : true when exactly one node is primary and another is its streaming
# synchronous standby.
cluster_healthy() {
  cluster_primary >/dev/null && cluster_sync_standby >/dev/null
}

# wait_cluster_healthy SECONDS : waits (bounded) until cluster_healthy; returns 1 on timeout.
wait_cluster_healthy() {
  wait_for "$1" "a primary with a synchronous standby" cluster_healthy
}

# psql_box [psql args...] : psql as postgres to database baochay through HAProxy (the primary),
# unaligned output, stops at the first error, never prompts; connect timeout PGCONNECT_TIMEOUT
# (default 3 s).
psql_box() {
  PGCONNECT_TIMEOUT=${PGCONNECT_TIMEOUT:-3} "$PG_BIN/psql" -X -q -At -w -v ON_ERROR_STOP=1 \
    -h 127.0.0.1 -p "$HAPROXY_PG_PORT" -U postgres -d baochay "$@"
}

# psql_node NODE [psql args...] : the same, straight to one node (bypassing HAProxy).
psql_node() {
  local node=$1
  shift
  PGCONNECT_TIMEOUT=${PGCONNECT_TIMEOUT:-3} "$PG_BIN/psql" -X -q -At -w -v ON_ERROR_STOP=1 \
    -h 127.0.0.1 -p "$(node_pg_port "$node")" -U postgres -d baochay "$@"
}

primary_writable() { [ "$(psql_box -c 'SELECT NOT pg_is_in_recovery()' 2>/dev/null)" = t ]; }

# wait_primary_writable SECONDS : waits (bounded) until a session through HAProxy (5440) reaches
# a primary; returns 1 on timeout.
wait_primary_writable() {
  wait_for "$1" "a writable primary through 127.0.0.1:$HAPROXY_PG_PORT" primary_writable
}

## Fault injection

# kill_postmaster NODE : kill -9 of NODE's postmaster (its backends then exit on their own);
# prints the pid. Fails when NODE's PostgreSQL is not running.
kill_postmaster() {
  local pid
  pid=$(postmaster_pid "$1") || {
    log "PostgreSQL of $1 is not running"
    return 1
  }
  kill -KILL "$pid"
  log "killed the postmaster of $1 (pid $pid) with SIGKILL"
  printf '%s\n' "$pid"
}

# kill_primary : kill -9 of the current primary's postmaster; prints "NODE PID".
# Fails when there is no single primary.
kill_primary() {
  local node pid
  node=$(cluster_primary) || {
    log "no single primary to kill"
    return 1
  }
  pid=$(kill_postmaster "$node") || return 1
  printf '%s %s\n' "$node" "$pid"
}

## Application instances

# app_start APP : starts application instance APP (app1, app2) in the background, as up.sh does:
# CLUSTER_APP_DIR/quarkus-run.jar with CLUSTER_APP_JAVA_OPTS, profile demo,cluster, 127.0.0.1:PORT,
# datasource through HAProxy (5440), RabbitMQ guest/guest on 127.0.0.1:5672, log appended to
# CLUSTER_DIR/APP/app.log, pid in run/APP.pid, management interface (health) on 127.0.0.1:PORT+1000.
# Does not wait for readiness (GET /q/health/ready there).
# Dies when the port is taken, java or the jar is missing.
app_start() {
  local app=$1 port java dir
  port=$(app_port "$app")
  dir=$CLUSTER_DIR/$app
  install -d -m 0755 "$dir"
  ensure_port_free "$port" "$app"
  java=$(command -v java) || die "java not found: infra/local/tools.sh installs a JDK"
  [ -f "$CLUSTER_APP_DIR/quarkus-run.jar" ] || die "no $CLUSTER_APP_DIR/quarkus-run.jar (BAOCHAY_APP_DIR)"
  local -a opts=()
  read -r -a opts <<<"$CLUSTER_APP_JAVA_OPTS"
  log "starting $app on 127.0.0.1:$port ($CLUSTER_APP_DIR/quarkus-run.jar, profile demo,cluster)"
  DAEMON_ENV=(
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$port"
    QUARKUS_MANAGEMENT_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT="$(app_mgmt_port "$app")"
    QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:$HAPROXY_PG_PORT/baochay"
    QUARKUS_DATASOURCE_REACTIVE_URL="postgresql://127.0.0.1:$HAPROXY_PG_PORT/baochay"
    QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=postgres
    RABBITMQ_HOST=127.0.0.1 RABBITMQ_PORT=5672 RABBITMQ_USERNAME=guest RABBITMQ_PASSWORD=guest
    # HAProxy (on loopback) forwards the client's address; every client of the box (the fault test's
    # load, its consoles) runs on this machine, so loopback is also exempt from flood control here.
    BAOCHAY_HTTP_TRUSTED_PROXIES=127.0.0.1 BAOCHAY_FLOOD_UNLIMITED=127.0.0.1
  )
  start_daemon "$(id -un)" "$dir/app.log" "$(app_pidfile "$app")" "$java" "${opts[@]}" \
    -Dquarkus.profile=demo,cluster "-Dquarkus.http.port=$port" "-Dbaochay.alarm.port=$(app_alarm_port "$app")" \
    -jar "$CLUSTER_APP_DIR/quarkus-run.jar"
  DAEMON_ENV=()
}

# app_pid APP : pid of application instance APP (fails when it is not running).
app_pid() { daemon_pid "$(app_pidfile "$1")" "$(app_pattern "$1")"; }

## Status report

apps_required() {
  local want=${BAOCHAY_CLUSTER_APPS:-}
  if [ -z "$want" ] && [ -f "$CLUSTER_DIR/apps-enabled" ]; then want=$(cat "$CLUSTER_DIR/apps-enabled"); fi
  [ "${want:-1}" != 0 ]
}

# haproxy_servers : "proxy/server STATUS" for each server, from the stats page's CSV.
haproxy_servers() {
  curl -s --max-time 2 "http://127.0.0.1:$HAPROXY_STATS_PORT/;csv" 2>/dev/null \
    | awk -F, '$1 !~ /^#/ && $2 != "FRONTEND" && $2 != "BACKEND" && NF > 17 { print $1 "/" $2, $18 }'
}

# haproxy_pg_up : the servers HAProxy has UP behind 5440, comma-separated (e.g. "pg1").
haproxy_pg_up() {
  haproxy_servers | awk '$1 ~ /^postgres\// && $2 == "UP" { sub(/^postgres\//, "", $1); printf "%s%s", sep, $1; sep = "," }'
}

# haproxy_routes_to_primary : true when HAProxy has exactly the current primary UP behind 5440.
haproxy_routes_to_primary() {
  local p
  p=$(cluster_primary) || return 1
  [ "$(haproxy_pg_up)" = "$p" ]
}

# haproxy_apps_up : true when HAProxy has every application instance UP behind 8090.
haproxy_apps_up() {
  [ "$(haproxy_servers | awk '$1 ~ /^apps\// && $2 == "UP"' | wc -l)" -eq "${#CLUSTER_APPS[@]}" ]
}

# cluster_report : one line per component on stdout (etcd, pg1, pg2, haproxy, app1, app2).
# Returns 0 only when all are up, exactly one node is primary with a synchronous standby, HAProxy
# routes 5440 to that primary, and (unless the apps are not required: BAOCHAY_CLUSTER_APPS=0 or
# the last up.sh ran with it) both application instances are ready, also through 8090.
cluster_report() {
  local ok=0 pid code primary="" servers line node app up_pg up_apps state
  # etcd
  if pid=$(daemon_pid "$(etcd_pidfile)" "$(etcd_pattern)"); then
    if curl -s --max-time 2 "http://127.0.0.1:$ETCD_CLIENT_PORT/health" 2>/dev/null | grep -q '"health":"true"'; then
      printf '%-8s %-8s pid %s, http://127.0.0.1:%s healthy\n' etcd up "$pid" "$ETCD_CLIENT_PORT"
    else
      printf '%-8s %-8s pid %s, but http://127.0.0.1:%s/health is not healthy\n' etcd unhealthy "$pid" "$ETCD_CLIENT_PORT"
      ok=1
    fi
  else
    printf '%-8s %s\n' etcd down
    ok=1
  fi
  # PostgreSQL nodes
  local -a args=()
  for node in "${CLUSTER_NODES[@]}"; do
    pid=$(postmaster_pid "$node" || true)
    args+=("$node" "$(node_rest_port "$node")" "$(node_pg_port "$node")" "${pid:--}" "$(patroni_pid "$node" || echo -)")
  done
  /usr/bin/python3 "$CLUSTER_HERE/pgstate.py" "${args[@]}" || ok=1
  primary=$(cluster_primary 2>/dev/null) || primary=""
  # HAProxy
  if pid=$(daemon_pid "$(haproxy_pidfile)" "$(haproxy_pattern)"); then
    servers=$(haproxy_servers)
    up_pg=$(haproxy_pg_up)
    up_apps=$(awk '$1 ~ /^apps\// { sub(/^apps\//, "", $1); printf "%s%s %s", sep, $1, $2; sep = ", " }' <<<"$servers")
    line="pid $pid, $HAPROXY_PG_PORT -> ${up_pg:-no server UP}"
    state=up
    if [ -z "$primary" ] || [ "$up_pg" != "$primary" ]; then
      state=degraded
      ok=1
    elif primary_writable; then
      line+=" (writable)"
    else
      line+=" (not writable)"
      state=degraded
      ok=1
    fi
    line+=", $HAPROXY_APP_PORT -> ${up_apps:-?}"
    if apps_required; then
      # Health is not on the public port: a database-backed public endpoint, answered through HAProxy.
      code=$(http_code "http://127.0.0.1:$HAPROXY_APP_PORT/api/v1/stations/nearest?lat=21.03&lon=105.85&limit=1")
      line+=" (answers $code)"
      if [ "$code" != 200 ]; then
        state=degraded
        ok=1
      fi
    fi
    printf '%-8s %-8s %s, stats http://127.0.0.1:%s/\n' haproxy "$state" "$line" "$HAPROXY_STATS_PORT"
  else
    printf '%-8s %s\n' haproxy down
    ok=1
  fi
  # Application instances
  for app in "${CLUSTER_APPS[@]}"; do
    local port note=""
    port=$(app_port "$app")
    apps_required || note=" (not required: BAOCHAY_CLUSTER_APPS=0)"
    if pid=$(daemon_pid "$(app_pidfile "$app")" "$(app_pattern "$app")"); then
      code=$(app_health "$app")
      if [ "$code" = 200 ]; then
        printf '%-8s %-8s pid %s, http://127.0.0.1:%s/ (health :%s) 200%s\n' "$app" up "$pid" "$port" \
          "$(app_mgmt_port "$app")" "$note"
      else
        printf '%-8s %-8s pid %s, http://127.0.0.1:%s/ (health :%s) %s%s\n' "$app" notready "$pid" "$port" \
          "$(app_mgmt_port "$app")" "$code" "$note"
        if apps_required; then ok=1; fi
      fi
    else
      printf '%-8s %s%s\n' "$app" down "$note"
      if apps_required; then ok=1; fi
    fi
  done
  return "$ok"
}
