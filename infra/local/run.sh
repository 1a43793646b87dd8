#!/usr/bin/env bash
# Starts the whole system on one port (http://localhost:8080) with the demo data: makes sure
# PostgreSQL+PostGIS, RabbitMQ and Mosquitto run, builds the application, and runs it in the demo profile.
# Stop it with Ctrl-C. BAOCHAY_SKIP_BUILD=1 reuses the last build.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"
cd "$root"

"$here/tools.sh"
"$here/postgis.sh" "${BAOCHAY_DB:-baochay}"
"$here/rabbitmq.sh"
"$here/mosquitto.sh"
# shellcheck source-path=SCRIPTDIR source=env.sh
. "$here/env.sh"

jar=backend/target/quarkus-app/quarkus-run.jar
if [ "${BAOCHAY_SKIP_BUILD:-0}" != 1 ] || [ ! -f "$jar" ]; then
  log "building (./mvnw package, tests skipped: the test command runs them)"
  ./mvnw -B -q package -DskipTests
fi

log "starting on http://localhost:${QUARKUS_HTTP_PORT:-8080} (profile ${QUARKUS_PROFILE:-demo}): console at /, API docs at http://localhost:${QUARKUS_MANAGEMENT_PORT:-9000}/q/swagger-ui"
exec java ${JAVA_OPTS:-} -Dquarkus.profile="${QUARKUS_PROFILE:-demo}" -jar "$jar"
