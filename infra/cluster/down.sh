#!/usr/bin/env bash
# Stops the Báo cháy cluster in a box: application instances, HAProxy, both Patroni nodes (and
# their PostgreSQL), etcd. Works when some or all of them are already dead; data is kept.
#
# Usage: infra/cluster/down.sh [--purge]
#   --purge   also delete the state directory (BAOCHAY_CLUSTER_DIR, default /var/lib/baochay-cluster)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib-cluster.sh
. "$here/lib-cluster.sh"

PURGE=0
for arg in "$@"; do
  case $arg in
    --purge) PURGE=1 ;;
    -h | --help)
      sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *) die "unknown argument '$arg' (usage: down.sh [--purge])" ;;
  esac
done

is_root || die "run as root (the box's processes run as root, postgres and etcd): sudo $0"

# stop_postgres NODE : stops a PostgreSQL that outlived its Patroni (e.g. Patroni was killed).
stop_postgres() {
  local node=$1 pid data
  pid=$(postmaster_pid "$node") || return 0
  data=$(node_data_dir "$node")
  log "stopping PostgreSQL of $node without Patroni (pid $pid)"
  (cd / && runuser -u postgres -- "$PG_BIN/pg_ctl" stop -D "$data" -m fast -w -t 30 >&2) \
    || (cd / && runuser -u postgres -- "$PG_BIN/pg_ctl" stop -D "$data" -m immediate -w -t 30 >&2) \
    || kill -KILL "$pid" 2>/dev/null || true
  wait_for 10 "PostgreSQL of $node to exit" proc_gone "$pid" "-D $data" || die "could not stop PostgreSQL of $node (pid $pid)"
}

stop_all() {
  local app node primary order=()
  for app in "${CLUSTER_APPS[@]}"; do
    stop_daemon "$app" "$(app_pidfile "$app")" "$(app_pattern "$app")" 30
  done
  stop_daemon haproxy "$(haproxy_pidfile)" "$(haproxy_pattern)" 10
  # Replicas first, the primary last: stopping the primary first would make Patroni promote
  # the replica just before it is stopped too.
  primary=$(cluster_primary 2>/dev/null | head -n 1) || primary=""
  for node in "${CLUSTER_NODES[@]}"; do [ "$node" = "$primary" ] || order+=("$node"); done
  [ -z "$primary" ] || order+=("$primary")
  for node in "${order[@]}"; do
    # Patroni stops its PostgreSQL (fast shutdown) before it exits on SIGTERM.
    stop_daemon "patroni $node" "$(patroni_pidfile "$node")" "$(node_config "$node")" 60
    stop_postgres "$node"
  done
  stop_daemon etcd "$(etcd_pidfile)" "$(etcd_pattern)" 30
}

if [ -d "$CLUSTER_DIR" ]; then
  cluster_lock
  stop_all
else
  log "no state directory $CLUSTER_DIR: nothing of the box to stop"
fi

busy=()
for port in "$ETCD_CLIENT_PORT" "$ETCD_PEER_PORT" "$HAPROXY_PG_PORT" 5441 5442 8008 8009 \
  "$HAPROXY_APP_PORT" 8091 8092 "$HAPROXY_STATS_PORT"; do
  if tcp_open 127.0.0.1 "$port"; then busy+=("$port ($(port_owner "$port"))"); fi
done
[ "${#busy[@]}" -eq 0 ] || die "still in use after stopping the box (not started by it?): ${busy[*]}"

if [ "$PURGE" = 1 ] && [ -d "$CLUSTER_DIR" ]; then
  [ -e "$CLUSTER_DIR/.baochay-cluster" ] \
    || die "$CLUSTER_DIR has no .baochay-cluster marker: not deleting a directory up.sh did not make"
  rm -rf -- "$CLUSTER_DIR"
  log "deleted $CLUSTER_DIR"
fi
log "cluster in a box is down"
