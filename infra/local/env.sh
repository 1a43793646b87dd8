#!/usr/bin/env bash
# Exports the connection settings for the services that postgis.sh, rabbitmq.sh and
# mosquitto.sh (or infra/docker-compose.yml) provide. SOURCE it, do not run it:
#
#   source infra/local/env.sh                  # database baochay
#   BAOCHAY_DB=baochay_test source infra/local/env.sh
#
# Values already set in the environment win, so CI or a developer can override
# any of them. No 'set -e' here: it would leak into the caller's shell.

# Refuse to run as a program: the exports would vanish with the child process.
if ! (return 0 2>/dev/null); then
  echo "[baochay] env.sh must be sourced: source ${0%/*}/env.sh" >&2
  exit 1
fi

export BAOCHAY_PG_HOST="${BAOCHAY_PG_HOST:-127.0.0.1}"
export BAOCHAY_PG_PORT="${BAOCHAY_PG_PORT:-5432}"

# Superuser postgres with password 'postgres': postgis.sh makes that password work
# (under trust auth any password does), and docker-compose.yml sets the same.
export QUARKUS_DATASOURCE_USERNAME="${QUARKUS_DATASOURCE_USERNAME:-postgres}"
export QUARKUS_DATASOURCE_PASSWORD="${QUARKUS_DATASOURCE_PASSWORD:-postgres}"

# An IPv6 literal needs brackets inside a URL.
case "$BAOCHAY_PG_HOST" in
  *:*) _baochay_hostport="[$BAOCHAY_PG_HOST]:$BAOCHAY_PG_PORT" ;;
  *) _baochay_hostport="$BAOCHAY_PG_HOST:$BAOCHAY_PG_PORT" ;;
esac
export QUARKUS_DATASOURCE_JDBC_URL="${QUARKUS_DATASOURCE_JDBC_URL:-jdbc:postgresql://$_baochay_hostport/${BAOCHAY_DB:-baochay}}"
export QUARKUS_DATASOURCE_REACTIVE_URL="${QUARKUS_DATASOURCE_REACTIVE_URL:-postgresql://$_baochay_hostport/${BAOCHAY_DB:-baochay}}"
unset _baochay_hostport

export RABBITMQ_HOST="${RABBITMQ_HOST:-127.0.0.1}"
export RABBITMQ_PORT="${RABBITMQ_PORT:-${BAOCHAY_RABBITMQ_PORT:-5672}}"
export RABBITMQ_USERNAME="${RABBITMQ_USERNAME:-guest}"
export RABBITMQ_PASSWORD="${RABBITMQ_PASSWORD:-guest}"

# The MQTT broker of the alarm transmitters' MQTT input (mosquitto.sh).
export MQTT_HOST="${MQTT_HOST:-127.0.0.1}"
export MQTT_PORT="${MQTT_PORT:-1883}"
export BAOCHAY_ALARM_MQTT_HOST="${BAOCHAY_ALARM_MQTT_HOST:-$MQTT_HOST}"
export BAOCHAY_ALARM_MQTT_PORT="${BAOCHAY_ALARM_MQTT_PORT:-$MQTT_PORT}"
