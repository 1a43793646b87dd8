#!/usr/bin/env bash
# Ensure PostgreSQL 15+ with PostGIS 3 answers on BAOCHAY_PG_HOST:BAOCHAY_PG_PORT
# (default 127.0.0.1:5432) and that each DBNAME exists with the postgis extension.
# Idempotent: once everything is in place it only checks.
#
# Usage: infra/local/postgis.sh [DBNAME...]      (default DBNAME: baochay)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"

PG_HOST=${BAOCHAY_PG_HOST:-127.0.0.1}
PG_PORT=${BAOCHAY_PG_PORT:-5432}
# The same default as env.sh exports, so that the app logs in with what we check here.
PG_PASSWORD=${QUARKUS_DATASOURCE_PASSWORD:-postgres}
WAIT_SECONDS=${BAOCHAY_WAIT_SECONDS:-60}
MIN_MAJOR=15

if [ "$#" -gt 0 ]; then dbs=("$@"); else dbs=(baochay); fi
for db in "${dbs[@]}"; do
  # Plain identifiers only: they go unquoted into JDBC URLs and config.
  [[ $db =~ ^[a-z_][a-z0-9_]*$ ]] || die "invalid database name '$db' (use lower-case letters, digits and _)"
done

pg_ready() {
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h "$PG_HOST" -p "$PG_PORT" -t 2
  else
    tcp_open "$PG_HOST" "$PG_PORT"
  fi
}

# psql_su DB [psql args...] : run SQL as superuser postgres over TCP, unaligned,
# stopping at the first error; never prompts for a password (-w).
psql_su() {
  local db=$1
  shift
  PGPASSWORD=$PG_PASSWORD PGCONNECT_TIMEOUT=5 \
    psql -X -q -At -w -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U postgres -d "$db" "$@"
}

# Newest locally installed PostgreSQL server major version >= MIN_MAJOR (Debian layout).
newest_installed_major() {
  local bin v best=""
  for bin in /usr/lib/postgresql/*/bin/postgres; do
    [ -x "$bin" ] || continue
    v=${bin#/usr/lib/postgresql/}
    v=${v%%/*}
    if ! [[ $v =~ ^[0-9]+$ ]] || [ "$v" -lt "$MIN_MAJOR" ]; then continue; fi
    if [ -z "$best" ] || [ "$v" -gt "$best" ]; then best=$v; fi
  done
  [ -n "$best" ] && printf '%s\n' "$best"
}

start_cluster() {
  local ver=$1 name=$2
  need_root_for "start PostgreSQL cluster $ver/$name" "pg_ctlcluster --skip-systemctl-redirect $ver $name start"
  log "starting PostgreSQL cluster $ver/$name"
  if has_systemd; then
    # Let systemd own the service so it comes back after a reboot.
    as_root pg_ctlcluster "$ver" "$name" start >&2
  else
    as_root pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start >&2
  fi || die "could not start PostgreSQL cluster $ver/$name; see /var/log/postgresql/postgresql-$ver-$name.log"
}

# Start (or create, then start) the local cluster configured for PG_PORT.
# Returns 1 when no PostgreSQL server >= MIN_MAJOR is installed at all.
start_local_cluster() {
  local ver="" name="" status=""
  command -v pg_lsclusters >/dev/null 2>&1 || return 1
  # pg_lsclusters -h columns: Ver Cluster Port Status Owner Datadir Logfile
  read -r ver name status < <(pg_lsclusters -h | awk -v p="$PG_PORT" '$3 == p { print $1, $2, $4; exit }') || true
  if [ -z "$ver" ]; then
    ver=$(newest_installed_major) || return 1
    if pg_lsclusters -h | awk -v v="$ver" '$1 == v && $2 == "main" { f = 1 } END { exit !f }'; then
      die "PostgreSQL $ver cluster 'main' exists but is not configured for port $PG_PORT; set BAOCHAY_PG_PORT to its port (see pg_lsclusters)"
    fi
    need_root_for "create a PostgreSQL $ver cluster" "pg_createcluster --port $PG_PORT $ver main"
    log "creating PostgreSQL $ver cluster 'main' on port $PG_PORT"
    as_root pg_createcluster --port "$PG_PORT" "$ver" main >&2 || die "pg_createcluster failed"
    name=main status=down
  fi
  case $status in
    online*) log "cluster $ver/$name is already online" ;;
    *) start_cluster "$ver" "$name" ;;
  esac
}

install_postgresql() {
  local cand major
  apt_update_once
  # Debian's 'postgresql' metapackage version is MAJOR+N, e.g. 15+248.
  cand=$(apt-cache policy postgresql 2>/dev/null | awk '/Candidate:/ { print $2 }')
  major=${cand%%+*}
  if ! [[ $major =~ ^[0-9]+$ ]] || [ "$major" -lt "$MIN_MAJOR" ]; then
    die "apt offers PostgreSQL '${cand:-none}', the project needs $MIN_MAJOR+ with PostGIS 3: add PostgreSQL's own apt repository (PGDG) or install it yourself, then re-run"
  fi
  apt_install postgresql "postgresql-$major-postgis-3"
}

ensure_server() {
  if pg_ready; then
    log "ok: PostgreSQL answers on $PG_HOST:$PG_PORT"
    return 0
  fi
  is_local_host "$PG_HOST" \
    || die "nothing answers on $PG_HOST:$PG_PORT, which is not this machine; start that server or unset BAOCHAY_PG_HOST"
  if ! start_local_cluster; then
    log "no PostgreSQL $MIN_MAJOR+ server installed"
    install_postgresql
    start_local_cluster || die "PostgreSQL was installed but no cluster could be started on port $PG_PORT (see pg_lsclusters)"
  fi
  wait_for "$WAIT_SECONDS" "PostgreSQL on $PG_HOST:$PG_PORT" pg_ready \
    || die "PostgreSQL does not answer on $PG_HOST:$PG_PORT after ${WAIT_SECONDS}s; check listen_addresses/port in /etc/postgresql/*/*/postgresql.conf and the log in /var/log/postgresql/"
  log "ok: PostgreSQL answers on $PG_HOST:$PG_PORT"
}

ensure_client() {
  if command -v psql >/dev/null 2>&1; then return 0; fi
  log "psql not found"
  apt_install postgresql-client
}

# Make 'psql -h HOST -U postgres' work with PG_PASSWORD. Under trust auth it
# already does; otherwise set the password through the local socket (peer auth).
ensure_login() {
  local err
  if err=$(psql_su postgres -c 'SELECT 1' 2>&1 >/dev/null); then
    log "ok: user postgres can log in over TCP"
    return 0
  fi
  if ! is_local_host "$PG_HOST" || ! [ -S "/var/run/postgresql/.s.PGSQL.$PG_PORT" ]; then
    die "cannot log in as postgres on $PG_HOST:$PG_PORT: ${err//$'\n'/ }; set QUARKUS_DATASOURCE_PASSWORD to that user's password"
  fi
  local manual
  printf -v manual 'su postgres -c %q' "psql -p $PG_PORT -c \"ALTER ROLE postgres PASSWORD '$PG_PASSWORD'\""
  need_root_for "set the password of the postgres role" "$manual"
  log "TCP login as postgres refused (${err//$'\n'/ }); setting its password through the local socket"
  # The password is a psql variable quoted by psql itself (:'pw'): no quoting bugs.
  # cd / : the postgres user may not be allowed into the caller's directory.
  (cd / && as_root runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -p "$PG_PORT" -d postgres \
    -v pw="$PG_PASSWORD" >/dev/null <<<"ALTER ROLE postgres PASSWORD :'pw';") \
    || die "could not set the password of role postgres through the local socket"
  err=$(psql_su postgres -c 'SELECT 1' 2>&1 >/dev/null) \
    || die "password set, but TCP login as postgres is still refused: ${err//$'\n'/ }; pg_hba.conf needs a 'host all all 127.0.0.1/32 scram-sha-256' (or md5/trust) line"
  log "ok: user postgres can log in over TCP (password set)"
}

ensure_version() {
  local num
  num=$(psql_su postgres -c 'SHOW server_version_num') || die "could not read the server version"
  PG_MAJOR=$((num / 10000))
  [ "$PG_MAJOR" -ge "$MIN_MAJOR" ] \
    || die "PostgreSQL $PG_MAJOR answers on $PG_HOST:$PG_PORT, the project needs $MIN_MAJOR+"
  log "ok: PostgreSQL major version $PG_MAJOR (server_version_num $num)"
}

available_postgis() {
  psql_su postgres -c "SELECT default_version FROM pg_available_extensions WHERE name = 'postgis'"
}

ensure_postgis_package() {
  local ver
  ver=$(available_postgis)
  if [ -z "$ver" ]; then
    is_local_host "$PG_HOST" \
      || die "the server on $PG_HOST:$PG_PORT has no PostGIS; install PostGIS 3 for PostgreSQL $PG_MAJOR there"
    log "PostGIS is not installed for PostgreSQL $PG_MAJOR"
    apt_install "postgresql-$PG_MAJOR-postgis-3"
    ver=$(available_postgis)
    [ -n "$ver" ] || die "installed postgresql-$PG_MAJOR-postgis-3, but the server on $PG_HOST:$PG_PORT still offers no postgis extension (is it another installation, e.g. a container?)"
  fi
  case $ver in
    3.*) log "ok: PostGIS $ver is available to PostgreSQL $PG_MAJOR" ;;
    *) die "the server offers PostGIS $ver, the project needs PostGIS 3" ;;
  esac
}

ensure_database() {
  local db=$1 ext
  if [ "$(psql_su postgres -v db="$db" <<<"SELECT 1 FROM pg_database WHERE datname = :'db';")" = 1 ]; then
    log "ok: database $db exists"
  else
    psql_su postgres -v db="$db" <<<'CREATE DATABASE :"db";' || die "could not create database $db"
    log "created database $db"
  fi
  ext=$(psql_su "$db" -c "SELECT extversion FROM pg_extension WHERE extname = 'postgis'")
  if [ -n "$ext" ]; then
    log "ok: database $db has extension postgis $ext"
  else
    # CREATE EXTENSION postgis needs a superuser, hence user postgres.
    psql_su "$db" -c 'CREATE EXTENSION IF NOT EXISTS postgis' || die "could not create extension postgis in $db"
    ext=$(psql_su "$db" -c "SELECT extversion FROM pg_extension WHERE extname = 'postgis'")
    log "created extension postgis $ext in database $db"
  fi
}

ensure_server
ensure_client
ensure_login
ensure_version
ensure_postgis_package
for db in "${dbs[@]}"; do ensure_database "$db"; done
log "PostgreSQL/PostGIS ready on $PG_HOST:$PG_PORT for: ${dbs[*]}"
