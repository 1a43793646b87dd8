#!/usr/bin/env bash
# Ensure an MQTT broker (Mosquitto) answers on MQTT_HOST:MQTT_PORT (default 127.0.0.1:1883) and lets an
# anonymous client connect: the broker that simpler fire-alarm transmitters publish to (alarm/MqttAlarm.java).
# Starts it if installed but stopped; installs it loopback-only if absent. Idempotent.
#
# Usage: infra/local/mosquitto.sh
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"

MQTT_HOST=${MQTT_HOST:-127.0.0.1}
MQTT_PORT=${MQTT_PORT:-1883}
WAIT_SECONDS=${BAOCHAY_WAIT_SECONDS:-60}
CONF=/etc/mosquitto/mosquitto.conf

# mqtt_answers: an MQTT 3.1.1 CONNECT (clean session, client id baochay-probe) is answered with a CONNACK that
# accepts it (20 02 00 00), then the probe disconnects cleanly.
mqtt_answers() {
  # shellcheck disable=SC2016 # $0/$1 expand in the child bash, on purpose
  local reply
  reply=$(with_timeout 5 bash -c '
    exec 3<>"/dev/tcp/$0/$1" || exit 2
    printf "\x10\x19\x00\x04MQTT\x04\x02\x00\x3c\x00\x0dbaochay-probe" >&3
    head -c 4 <&3 | od -An -tx1 | tr -d " \n"
    printf "\xe0\x00" >&3
  ' "$MQTT_HOST" "$MQTT_PORT" 2>/dev/null) || return 1
  [ "$reply" = 20020000 ]
}

# The configuration a fresh install gets: loopback only, anonymous clients (a development broker).
write_loopback_conf() {
  [ -f "$CONF" ] && grep -q '^listener' "$CONF" && return 0
  as_root mkdir -p /etc/mosquitto /run/mosquitto /var/lib/mosquitto /var/log/mosquitto
  as_root tee "$CONF" >/dev/null <<CONF
# Written by infra/local/mosquitto.sh (Báo cháy): a loopback-only development broker.
pid_file /run/mosquitto/mosquitto.pid
persistence true
persistence_location /var/lib/mosquitto/
log_dest file /var/log/mosquitto/mosquitto.log
listener $MQTT_PORT 127.0.0.1
allow_anonymous true
CONF
}

start_mosquitto() {
  if has_systemd; then
    log "starting Mosquitto (systemctl start mosquitto)"
    as_root systemctl start mosquitto >&2 || die "systemctl start mosquitto failed; see journalctl -u mosquitto"
  else
    log "starting Mosquitto (mosquitto -d, loopback only)"
    as_root mkdir -p /run/mosquitto
    if id mosquitto >/dev/null 2>&1; then
      as_root chown mosquitto /run/mosquitto /var/lib/mosquitto /var/log/mosquitto 2>/dev/null || true
    fi
    as_root mosquitto -d -c "$CONF" >&2 || die "mosquitto -d failed; see /var/log/mosquitto/mosquitto.log"
  fi
}

if mqtt_answers; then
  log "ok: Mosquitto answers MQTT on $MQTT_HOST:$MQTT_PORT"
  exit 0
fi
if tcp_open "$MQTT_HOST" "$MQTT_PORT"; then
  die "port $MQTT_PORT on $MQTT_HOST is taken by something that does not accept an anonymous MQTT client; free it, allow anonymous clients, or set MQTT_PORT"
fi
is_local_host "$MQTT_HOST" || die "no MQTT broker answers on $MQTT_HOST:$MQTT_PORT, and only a local one can be started here"
if ! command -v mosquitto >/dev/null 2>&1 && [ ! -x /usr/sbin/mosquitto ]; then
  log "Mosquitto is not installed"
  need_root_for "install Mosquitto" "apt-get update && apt-get install -y mosquitto"
  write_loopback_conf
  apt_install mosquitto
fi
write_loopback_conf
mqtt_answers || start_mosquitto
wait_for "$WAIT_SECONDS" "Mosquitto on $MQTT_HOST:$MQTT_PORT" mqtt_answers \
  || die "Mosquitto does not answer on $MQTT_HOST:$MQTT_PORT after ${WAIT_SECONDS}s; see /var/log/mosquitto/"
log "Mosquitto ready on $MQTT_HOST:$MQTT_PORT"
