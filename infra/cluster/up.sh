#!/usr/bin/env bash
# Starts the Báo cháy "cluster in a box" on loopback: etcd, two Patroni-managed PostgreSQL 15 +
# PostGIS nodes with synchronous streaming replication, HAProxy in front of the primary and of
# two application instances. Idempotent: what already runs is reused, what is missing is
# installed (apt) or started. Ends with one status line per component (as status.sh prints).
#
# Usage: infra/cluster/up.sh
#   BAOCHAY_CLUSTER_DIR   state directory (default /var/lib/baochay-cluster)
#   BAOCHAY_CLUSTER_APPS  0: database tier only, no application instances (default 1)
#   BAOCHAY_APP_DIR       packaged application (default backend/target/quarkus-app; built with
#                         ./mvnw when that default has no quarkus-run.jar)
#   BAOCHAY_APP_JAVA_OPTS JVM options of each instance (default -Xmx512m)
#   BAOCHAY_CLUSTER_WAIT  seconds to wait for each database-tier part (default 120)
#   BAOCHAY_CLUSTER_APP_WAIT  seconds to wait for each application instance (default 180)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib-cluster.sh
. "$here/lib-cluster.sh"

APPS=${BAOCHAY_CLUSTER_APPS:-1}
case $APPS in 0 | 1) ;; *) die "BAOCHAY_CLUSTER_APPS must be 0 or 1, not '$APPS'" ;; esac
APP_WAIT=${BAOCHAY_CLUSTER_APP_WAIT:-180}
TEMPLATES=$here/templates

is_root || die "run as root (the box runs PostgreSQL as user postgres and etcd as user etcd): sudo $0"

# render SRC DST KEY=VALUE... : SRC with each @KEY@ replaced by VALUE, written to DST only when
# that changes DST. Sets RENDERED=1 when DST was (re)written, 0 when it was already up to date.
RENDERED=0
render() {
  local src=$1 dst=$2 text kv
  shift 2
  text=$(<"$src")
  for kv in "$@"; do text=${text//"@${kv%%=*}@"/"${kv#*=}"}; done
  if [[ $text =~ @[A-Z0-9_]+@ ]]; then die "template $src: no value for ${BASH_REMATCH[0]}"; fi
  RENDERED=0
  if [ -f "$dst" ] && [ "$(<"$dst")" = "$text" ]; then return 0; fi
  printf '%s\n' "$text" >"$dst.tmp"
  mv -f "$dst.tmp" "$dst"
  RENDERED=1
}

prepare_state_dir() {
  touch "$CLUSTER_DIR/.baochay-cluster" # marks the directory as ours (down.sh --purge checks it)
  install -d -m 0755 "$(run_dir)"
  runuser -u postgres -- test -x "$CLUSTER_DIR" \
    || die "user postgres cannot enter $CLUSTER_DIR (a parent directory is not searchable): set BAOCHAY_CLUSTER_DIR to a directory elsewhere, e.g. under /var/lib"
  printf '%s\n' "$APPS" >"$CLUSTER_DIR/apps-enabled"
  render "$TEMPLATES/post-bootstrap.sh.in" "$CLUSTER_DIR/post-bootstrap.sh" PG_BIN="$PG_BIN"
  chmod 0755 "$CLUSTER_DIR/post-bootstrap.sh"
  cp "$TEMPLATES/dcs.yml" "$CLUSTER_DIR/dcs.yml"
}

check_binaries() {
  local f
  for f in /usr/bin/etcd /usr/bin/patroni /usr/bin/patronictl /usr/sbin/haproxy "$PG_BIN/postgres" "$PG_BIN/psql" \
    /usr/share/postgresql/15/extension/postgis.control; do
    [ -e "$f" ] || die "$f is missing although its package is installed; reinstall it: apt-get install --reinstall ${CLUSTER_PACKAGES[*]}"
  done
  /usr/bin/python3 -c 'import etcd, psycopg2, urllib3, yaml' 2>/dev/null \
    || die "Patroni's Python modules are incomplete: apt-get install --reinstall python3-etcd python3-psycopg2 python3-urllib3 python3-yaml"
}

## etcd

etcd_healthy() {
  curl -s --max-time 2 "http://127.0.0.1:$ETCD_CLIENT_PORT/health" 2>/dev/null | grep -q '"health":"true"'
}

ensure_etcd() {
  local pid user=root dir=$CLUSTER_DIR/etcd
  if id -u etcd >/dev/null 2>&1; then user=etcd; fi
  install -d -m 0700 -o "$user" -g "$(id -gn "$user")" "$dir"
  if pid=$(daemon_pid "$(etcd_pidfile)" "$(etcd_pattern)"); then
    log "ok: etcd already running (pid $pid)"
  else
    ensure_port_free "$ETCD_CLIENT_PORT" "etcd clients"
    ensure_port_free "$ETCD_PEER_PORT" "etcd peers"
    log "starting etcd on 127.0.0.1:$ETCD_CLIENT_PORT (peer $ETCD_PEER_PORT), data $dir/data"
    # One member. v3 API only (Patroni uses it, see templates/patroni.yml.in); auto compaction
    # keeps Patroni's frequent writes from growing the database.
    start_daemon "$user" "$dir/etcd.log" "$(etcd_pidfile)" /usr/bin/etcd \
      --name box --data-dir "$dir/data" \
      --listen-client-urls "http://127.0.0.1:$ETCD_CLIENT_PORT" \
      --advertise-client-urls "http://127.0.0.1:$ETCD_CLIENT_PORT" \
      --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
      --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
      --initial-cluster "box=http://127.0.0.1:$ETCD_PEER_PORT" \
      --initial-cluster-token baochay-box --initial-cluster-state new \
      --auto-compaction-mode periodic --auto-compaction-retention 1h \
      --logger zap --log-outputs stderr
  fi
  wait_for "$CLUSTER_WAIT" "etcd on 127.0.0.1:$ETCD_CLIENT_PORT" etcd_healthy \
    || die "etcd is not healthy after ${CLUSTER_WAIT}s; see $dir/etcd.log"
  log "ok: etcd healthy on 127.0.0.1:$ETCD_CLIENT_PORT"
}

## Patroni + PostgreSQL nodes

ensure_node() {
  local node=$1 dir pid pg_port rest_port
  dir=$(node_dir "$node")
  pg_port=$(node_pg_port "$node")
  rest_port=$(node_rest_port "$node")
  install -d -m 0700 -o postgres -g postgres "$dir" "$dir/log"
  # Unix socket paths are limited to 107 bytes.
  [ "${#dir}" -le 80 ] || die "state directory path too long for PostgreSQL's Unix socket ($dir): use a shorter BAOCHAY_CLUSTER_DIR"
  render "$TEMPLATES/patroni.yml.in" "$(node_config "$node")" \
    NODE="$node" REST_PORT="$rest_port" PG_PORT="$pg_port" ETCD_CLIENT_PORT="$ETCD_CLIENT_PORT" \
    NODE_DIR="$dir" STATE_DIR="$CLUSTER_DIR" PG_BIN="$PG_BIN" \
    DCS_CONFIG="$(sed 's/^/    /' "$TEMPLATES/dcs.yml")"
  chown root:postgres "$(node_config "$node")"
  chmod 0640 "$(node_config "$node")"
  if pid=$(patroni_pid "$node"); then
    if [ "$RENDERED" = 1 ]; then
      log "$node: configuration changed, reloading Patroni (pid $pid)"
      kill -HUP "$pid"
    else
      log "ok: $node: Patroni already running (pid $pid)"
    fi
    return 0
  fi
  # A PostgreSQL left running by a killed Patroni is adopted by the new Patroni.
  if ! postmaster_pid "$node" >/dev/null; then ensure_port_free "$pg_port" "PostgreSQL $node"; fi
  ensure_port_free "$rest_port" "Patroni REST API of $node"
  log "starting Patroni $node (PostgreSQL 127.0.0.1:$pg_port, REST 127.0.0.1:$rest_port)"
  start_daemon postgres "$dir/patroni.log" "$(patroni_pidfile "$node")" /usr/bin/patroni "$(node_config "$node")"
}

# Makes the running cluster's dynamic configuration match templates/dcs.yml (bootstrap.dcs only
# applies when a cluster is created).
apply_dcs_config() {
  local out
  out=$(/usr/bin/patronictl -c "$(node_config pg1)" edit-config --apply "$CLUSTER_DIR/dcs.yml" --force 2>&1) \
    || die "patronictl edit-config failed: ${out//$'\n'/ }"
  case $out in
    *"Not changed"*) log "ok: the cluster's dynamic configuration matches templates/dcs.yml" ;;
    *) log "applied templates/dcs.yml to the cluster's dynamic configuration" ;;
  esac
}

# Database baochay with PostGIS. The post_bootstrap hook creates them on a new cluster; this
# covers a cluster whose hook did not (e.g. made by an older version of these scripts).
ensure_database() {
  local primary port
  primary=$(cluster_primary) || die "no single primary to create database baochay on"
  port=$(node_pg_port "$primary")
  psql_pg() { PGCONNECT_TIMEOUT=5 "$PG_BIN/psql" -X -q -At -w -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres "$@"; }
  if [ "$(psql_pg -d postgres -c "SELECT 1 FROM pg_database WHERE datname = 'baochay'")" != 1 ]; then
    psql_pg -d postgres -c 'CREATE DATABASE baochay OWNER postgres' || die "could not create database baochay on $primary"
    log "created database baochay on $primary"
  fi
  if [ -z "$(psql_pg -d baochay -c "SELECT extversion FROM pg_extension WHERE extname = 'postgis'")" ]; then
    psql_pg -d baochay -c 'CREATE EXTENSION IF NOT EXISTS postgis' || die "could not create extension postgis in baochay on $primary"
    log "created extension postgis in database baochay on $primary"
  fi
  log "ok: database baochay with PostGIS $(psql_pg -d baochay -c 'SELECT postgis_lib_version()') on primary $primary"
}

ensure_database_tier() {
  local node primary fresh=1
  for node in "${CLUSTER_NODES[@]}"; do
    if [ -e "$(node_data_dir "$node")/PG_VERSION" ]; then fresh=0; fi
  done
  for node in "${CLUSTER_NODES[@]}"; do
    ensure_node "$node"
    # A new cluster: let pg1 bootstrap it alone (the others then clone it), so pg1 is the first primary.
    if [ "$fresh" = 1 ]; then
      wait_for "$CLUSTER_WAIT" "$node to bootstrap the cluster" cluster_primary >/dev/null \
        || die "$node did not bootstrap a primary within ${CLUSTER_WAIT}s; see $(node_dir "$node")/patroni.log"
      fresh=0
    fi
  done
  wait_for "$CLUSTER_WAIT" "a primary (Patroni GET /primary)" cluster_primary >/dev/null \
    || die "no primary after ${CLUSTER_WAIT}s; see $CLUSTER_DIR/pg*/patroni.log and $CLUSTER_DIR/pg*/log/"
  primary=$(cluster_primary)
  log "ok: $primary is the primary"
  ensure_database
  apply_dcs_config
  wait_cluster_healthy "$CLUSTER_WAIT" \
    || die "no synchronous standby streaming from $primary after ${CLUSTER_WAIT}s; see $CLUSTER_DIR/pg*/patroni.log"
  log "ok: $(cluster_sync_standby) is the synchronous standby of $primary"
}

## HAProxy

ensure_haproxy() {
  local dir=$CLUSTER_DIR/haproxy cfg pid port
  cfg=$dir/haproxy.cfg
  install -d -m 0755 "$dir"
  cp "$TEMPLATES/503.http" "$dir/503.http"
  render "$TEMPLATES/haproxy.cfg.in" "$cfg" HAPROXY_DIR="$dir" RUN_DIR="$(run_dir)" \
    HAPROXY_PG_PORT="$HAPROXY_PG_PORT" HAPROXY_APP_PORT="$HAPROXY_APP_PORT" HAPROXY_STATS_PORT="$HAPROXY_STATS_PORT" \
    PG1_PORT="$(node_pg_port pg1)" PG1_REST_PORT="$(node_rest_port pg1)" \
    PG2_PORT="$(node_pg_port pg2)" PG2_REST_PORT="$(node_rest_port pg2)" \
    APP1_PORT="$(app_port app1)" APP2_PORT="$(app_port app2)" \
    APP1_MGMT_PORT="$(app_mgmt_port app1)" APP2_MGMT_PORT="$(app_mgmt_port app2)"
  local check
  check=$(/usr/sbin/haproxy -c -q -f "$cfg" 2>&1) || die "invalid HAProxy configuration $cfg: ${check//$'\n'/ }"
  if pid=$(daemon_pid "$(haproxy_pidfile)" "$(haproxy_pattern)"); then
    if [ "$RENDERED" = 1 ]; then
      log "HAProxy configuration changed: reloading (pid $pid)"
      kill -USR2 "$pid"
    else
      log "ok: HAProxy already running (pid $pid)"
    fi
  else
    for port in "$HAPROXY_PG_PORT" "$HAPROXY_APP_PORT" "$HAPROXY_STATS_PORT"; do ensure_port_free "$port" HAProxy; done
    log "starting HAProxy ($HAPROXY_PG_PORT -> primary, $HAPROXY_APP_PORT -> apps, stats $HAPROXY_STATS_PORT)"
    # Master-worker in the foreground (-W -db): the pid file holds the master, which USR2 reloads.
    start_daemon root "$dir/haproxy.log" "$(haproxy_pidfile)" /usr/sbin/haproxy -W -db -f "$cfg"
  fi
  wait_for "$CLUSTER_WAIT" "HAProxy stats on 127.0.0.1:$HAPROXY_STATS_PORT" tcp_open 127.0.0.1 "$HAPROXY_STATS_PORT" \
    || die "HAProxy does not listen after ${CLUSTER_WAIT}s; see $dir/haproxy.log"
  # HAProxy 2.6 starts every server as UP until its checks say otherwise: wait until only the
  # primary is UP behind 5440 (about 1-2 s after a start or reload).
  wait_for "$CLUSTER_WAIT" "HAProxy to route $HAPROXY_PG_PORT to the primary only" haproxy_routes_to_primary \
    || die "HAProxy does not route $HAPROXY_PG_PORT to the primary only after ${CLUSTER_WAIT}s; see http://127.0.0.1:$HAPROXY_STATS_PORT/"
  wait_primary_writable "$CLUSTER_WAIT" \
    || die "no writable primary through 127.0.0.1:$HAPROXY_PG_PORT after ${CLUSTER_WAIT}s; see $dir/haproxy.log and http://127.0.0.1:$HAPROXY_STATS_PORT/"
  log "ok: 127.0.0.1:$HAPROXY_PG_PORT reaches the primary"
}

## Application instances

APP_DEAD=""
app_ready_or_dead() {
  local app=$1
  if ! daemon_pid "$(app_pidfile "$app")" "$(app_pattern "$app")" >/dev/null; then
    APP_DEAD=$app
    return 0
  fi
  [ "$(app_health "$app")" = 200 ]
}

ensure_app_jar() {
  local jar=$CLUSTER_APP_DIR/quarkus-run.jar
  [ -f "$jar" ] && return 0
  [ "$CLUSTER_APP_DIR" = "$CLUSTER_REPO/backend/target/quarkus-app" ] \
    || die "no $jar: point BAOCHAY_APP_DIR at a quarkus-app directory of a packaged build (or unset it to build one)"
  log "no packaged application: building it (./mvnw -B -q package -DskipTests)"
  (cd "$CLUSTER_REPO" && ./mvnw -B -q package -DskipTests) >&2 || die "the Maven build failed (see above)"
  [ -f "$jar" ] || die "the build did not produce $jar"
}

ensure_app() {
  local app=$1 port pid dir
  port=$(app_port "$app")
  dir=$CLUSTER_DIR/$app
  install -d -m 0755 "$dir"
  if pid=$(daemon_pid "$(app_pidfile "$app")" "$(app_pattern "$app")"); then
    log "ok: $app already running (pid $pid)"
  else
    app_start "$app"
  fi
  APP_DEAD=""
  wait_for "$APP_WAIT" "$app on http://127.0.0.1:$(app_mgmt_port "$app")/q/health/ready" app_ready_or_dead "$app" \
    || die "$app is not ready after ${APP_WAIT}s; see $dir/app.log"
  [ -z "$APP_DEAD" ] || die "$app exited during start-up: $(app_failure "$dir/app.log") (see $dir/app.log)"
  log "ok: $app ready on 127.0.0.1:$port"
}

# app_failure LOG : the gist of a failed start: the last "Caused by:" line, else the first ERROR line.
app_failure() {
  local why
  why=$(grep -E '^Caused by: ' "$1" | tail -n 1 | cut -c1-300) || true
  [ -n "$why" ] || why=$(grep -m 1 -E ' ERROR ' "$1" | cut -c1-300) || true
  printf '%s\n' "${why:-no error in the log}"
}

apps_through_haproxy() {
  haproxy_apps_up \
    && [ "$(http_code "http://127.0.0.1:$HAPROXY_APP_PORT/api/v1/stations/nearest?lat=21.03&lon=105.85&limit=1")" = 200 ]
}

ensure_apps() {
  if [ "$APPS" = 0 ]; then
    log "BAOCHAY_CLUSTER_APPS=0: not starting application instances"
    return 0
  fi
  # 9>&-: a broker started from here must not inherit (and keep) the state directory lock.
  "$CLUSTER_REPO/infra/local/rabbitmq.sh" 9>&-
  ensure_app_jar
  # One after the other: the first runs the Flyway migrations and the demo data import alone.
  local app
  for app in "${CLUSTER_APPS[@]}"; do ensure_app "$app"; done
  wait_for "$CLUSTER_WAIT" "HAProxy to have both apps UP behind 127.0.0.1:$HAPROXY_APP_PORT" apps_through_haproxy \
    || die "HAProxy does not have both apps UP behind 127.0.0.1:$HAPROXY_APP_PORT; see http://127.0.0.1:$HAPROXY_STATS_PORT/ and $CLUSTER_DIR/haproxy/haproxy.log"
}

# Fails before anything starts when a port that a part still to be started needs is taken.
preflight_ports() {
  local node app
  if ! daemon_pid "$(etcd_pidfile)" "$(etcd_pattern)" >/dev/null; then
    ensure_port_free "$ETCD_CLIENT_PORT" "etcd clients"
    ensure_port_free "$ETCD_PEER_PORT" "etcd peers"
  fi
  for node in "${CLUSTER_NODES[@]}"; do
    patroni_pid "$node" >/dev/null || ensure_port_free "$(node_rest_port "$node")" "Patroni REST API of $node"
    postmaster_pid "$node" >/dev/null || ensure_port_free "$(node_pg_port "$node")" "PostgreSQL $node"
  done
  if ! daemon_pid "$(haproxy_pidfile)" "$(haproxy_pattern)" >/dev/null; then
    ensure_port_free "$HAPROXY_PG_PORT" "HAProxy (PostgreSQL primary)"
    ensure_port_free "$HAPROXY_APP_PORT" "HAProxy (application front)"
    ensure_port_free "$HAPROXY_STATS_PORT" "HAProxy (stats)"
  fi
  [ "$APPS" = 1 ] || return 0
  for app in "${CLUSTER_APPS[@]}"; do
    daemon_pid "$(app_pidfile "$app")" "$(app_pattern "$app")" >/dev/null || ensure_port_free "$(app_port "$app")" "$app"
  done
}

cluster_install_missing
check_binaries
install -d -m 0755 "$CLUSTER_DIR"
cluster_lock
preflight_ports
prepare_state_dir
ensure_etcd
ensure_database_tier
ensure_haproxy
ensure_apps
log "cluster in a box is up (state in $CLUSTER_DIR)"
rc=0
cluster_report || rc=$?
[ "$rc" -eq 0 ] || die "some component is not healthy (see the lines above)"
