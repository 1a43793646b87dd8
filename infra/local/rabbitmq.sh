#!/usr/bin/env bash
# Ensure RabbitMQ answers AMQP on 127.0.0.1:BAOCHAY_RABBITMQ_PORT (default 5672)
# and accepts guest/guest (RabbitMQ allows guest on loopback by default).
# Starts it if installed but stopped; installs it loopback-only if absent.
# Idempotent: once it is running it only checks.
#
# Usage: infra/local/rabbitmq.sh
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"

MQ_HOST=127.0.0.1
MQ_PORT=${BAOCHAY_RABBITMQ_PORT:-5672}
MQ_USER=guest
MQ_PASS=guest
WAIT_SECONDS=${BAOCHAY_WAIT_SECONDS:-90}
ENV_CONF=/etc/rabbitmq/rabbitmq-env.conf

# amqp_probe HOST PORT USER PASS
# Speaks just enough AMQP 0-9-1 to log in, open vhost "/" and close cleanly
# (no "client unexpectedly closed" warnings in the broker log), without client
# libraries and without root (rabbitmqctl would need the Erlang cookie).
# Exit: 0 ok, 2 no AMQP broker there, 3 login refused, 4 no access to vhost "/".
amqp_probe() {
  local host=$1 port=$2 user=$3 pass=$4 resp_len
  local -a h p
  export LC_ALL=C # byte lengths, not character counts

  # out N... : write the bytes with these decimal values.
  out() {
    local b
    for b in "$@"; do
      # shellcheck disable=SC2059 # the format is an octal escape built on purpose
      printf "$(printf '\\%03o' "$b")"
    done
  }
  out_be32() { out $((($1 >> 24) & 255)) $((($1 >> 16) & 255)) $((($1 >> 8) & 255)) $(($1 & 255)); }
  # read_frame: 7-byte header into h, payload plus frame-end byte into p.
  read_frame() {
    local size
    read -r -a h < <(dd bs=1 count=7 <&3 2>/dev/null | od -An -tu1 -v | tr '\n' ' ')
    [ "${#h[@]}" -eq 7 ] && [ "${h[0]}" -eq 1 ] || return 1 # 1 = method frame
    size=$(((h[3] << 24) + (h[4] << 16) + (h[5] << 8) + h[6]))
    read -r -a p < <(dd bs=1 count=$((size + 1)) <&3 2>/dev/null | od -An -tu1 -v | tr '\n' ' ')
    [ "${#p[@]}" -eq $((size + 1)) ]
  }
  # is_method CLASS METHOD (both < 256 for the connection class)
  is_method() { [ "${p[1]:-}" = "$1" ] && [ "${p[3]:-}" = "$2" ]; }

  exec 3<>"/dev/tcp/$host/$port" || return 2
  printf 'AMQP\0\0\11\1' >&3
  read_frame && is_method 10 10 || return 2 # Connection.Start
  resp_len=$((2 + ${#user} + ${#pass}))
  { # Connection.Start-Ok: no client properties, PLAIN "\0user\0pass", locale en_US
    out 1 0 0
    out_be32 $((24 + resp_len))
    out 0 10 0 11 0 0 0 0 5
    printf PLAIN
    out_be32 "$resp_len"
    out 0
    printf %s "$user"
    out 0
    printf %s "$pass"
    out 5
    printf en_US
    out 206
  } >&3
  read_frame && is_method 10 30 || return 3 # Connection.Tune; a refused login just closes
  # Tune-Ok with the server's channel-max and frame-max and no heartbeats,
  # then Connection.Open of vhost "/".
  out 1 0 0 0 0 0 12 0 10 0 31 "${p[@]:4:6}" 0 0 206 >&3
  out 1 0 0 0 0 0 8 0 10 0 40 1 47 0 0 206 >&3
  read_frame && is_method 10 41 || return 4 # Connection.Open-Ok
  out 1 0 0 0 0 0 11 0 10 0 50 0 200 0 0 0 0 0 206 >&3 # Connection.Close, 200
  read_frame || true # Connection.Close-Ok
}

# Runs amqp_probe in a child bash so that a stuck peer cannot hang us;
# leaves its exit code in MQ_RC and succeeds when a broker answered at all.
MQ_RC=2
amqp_answers() {
  MQ_RC=0
  with_timeout 10 bash -c "$(declare -f amqp_probe); amqp_probe \"\$@\"" amqp_probe \
    "$MQ_HOST" "$MQ_PORT" "$MQ_USER" "$MQ_PASS" 2>/dev/null || MQ_RC=$?
  [ "$MQ_RC" -eq 0 ] || [ "$MQ_RC" -eq 3 ] || [ "$MQ_RC" -eq 4 ]
}

rabbitmq_installed() { command -v rabbitmq-server >/dev/null 2>&1 || [ -x /usr/sbin/rabbitmq-server ]; }

sbin() { if command -v "$1" >/dev/null 2>&1; then command -v "$1"; else printf '/usr/sbin/%s\n' "$1"; fi; }

# A fresh install gets an env file that keeps the node, its distribution port
# and epmd on loopback; an existing file is the admin's and is left alone.
write_loopback_env_conf() {
  if as_root test -e "$ENV_CONF"; then
    log "keeping existing $ENV_CONF"
    return 0
  fi
  log "writing $ENV_CONF (loopback only)"
  as_root mkdir -p "$(dirname "$ENV_CONF")"
  as_root tee "$ENV_CONF" >/dev/null <<'EOF'
# Written by infra/local/rabbitmq.sh (Báo cháy): a loopback-only development broker.
NODENAME=rabbit@localhost
NODE_IP_ADDRESS=127.0.0.1
export ERL_EPMD_ADDRESS=127.0.0.1
export ERL_FLAGS="-kernel inet_dist_use_interface {127,0,0,1}"
EOF
}

start_rabbitmq() {
  need_root_for "start RabbitMQ" \
    "RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=$MQ_PORT ERL_EPMD_ADDRESS=127.0.0.1 rabbitmq-server -detached"
  if has_systemd; then
    # systemd owns the service on full machines; it reads rabbitmq-env.conf.
    log "starting RabbitMQ (systemctl start rabbitmq-server)"
    as_root systemctl start rabbitmq-server >&2 || die "systemctl start rabbitmq-server failed; see journalctl -u rabbitmq-server"
  else
    log "starting RabbitMQ (rabbitmq-server -detached, loopback only)"
    as_root env RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT="$MQ_PORT" \
      ERL_EPMD_ADDRESS=127.0.0.1 "$(sbin rabbitmq-server)" -detached >&2 \
      || die "rabbitmq-server -detached failed; see /var/log/rabbitmq/"
  fi
}

# True when a RabbitMQ node is up (maybe with other listeners); call as root (Erlang cookie).
node_running() {
  with_timeout 30 "$(sbin rabbitmq-diagnostics)" -q ping >/dev/null 2>&1
}

ensure_broker() {
  if amqp_answers; then
    log "ok: RabbitMQ answers AMQP on $MQ_HOST:$MQ_PORT"
    return 0
  fi
  if tcp_open "$MQ_HOST" "$MQ_PORT"; then
    die "port $MQ_PORT on $MQ_HOST is taken by something that does not speak AMQP 0-9-1; free it or set BAOCHAY_RABBITMQ_PORT"
  fi
  if rabbitmq_installed; then
    if is_root && node_running; then
      die "a RabbitMQ node is running but does not listen on $MQ_HOST:$MQ_PORT; check listeners in /etc/rabbitmq/rabbitmq.conf or set BAOCHAY_RABBITMQ_PORT"
    fi
    log "RabbitMQ is installed but not running"
  else
    log "RabbitMQ is not installed"
    is_debian_like || die "this is not a Debian-like system: install RabbitMQ 3.x yourself, start it on $MQ_HOST:$MQ_PORT, then re-run"
    need_root_for "install RabbitMQ" "apt-get update && apt-get install -y rabbitmq-server"
    # Before the install: on systemd machines the package starts the broker at once.
    write_loopback_env_conf
    apt_install rabbitmq-server
  fi
  if ! amqp_answers; then start_rabbitmq; fi
  wait_for "$WAIT_SECONDS" "RabbitMQ on $MQ_HOST:$MQ_PORT" amqp_answers \
    || die "RabbitMQ does not answer on $MQ_HOST:$MQ_PORT after ${WAIT_SECONDS}s; see /var/log/rabbitmq/"
  log "ok: RabbitMQ answers AMQP on $MQ_HOST:$MQ_PORT"
}

ensure_login() {
  case $MQ_RC in
    0) log "ok: $MQ_USER/$MQ_PASS can log in and open vhost / on $MQ_HOST:$MQ_PORT" ;;
    3) die "RabbitMQ on $MQ_HOST:$MQ_PORT refuses $MQ_USER/$MQ_PASS; as root: rabbitmqctl add_user guest guest (or change_password guest guest), then rabbitmqctl set_permissions -p / guest '.*' '.*' '.*'" ;;
    4) die "RabbitMQ on $MQ_HOST:$MQ_PORT lets $MQ_USER log in but not open vhost /; as root: rabbitmqctl set_permissions -p / guest '.*' '.*' '.*'" ;;
    *) die "unexpected AMQP check result $MQ_RC" ;;
  esac
}

ensure_broker
ensure_login
log "RabbitMQ ready on $MQ_HOST:$MQ_PORT ($MQ_USER/$MQ_PASS)"
