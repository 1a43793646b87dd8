#!/usr/bin/env bash
# Imports (upserts) fire stations from GeoJSON files into the database that env.sh points at,
# using the packaged application without starting its HTTP server, so it can run beside a live one.
#
# Usage: infra/local/import-stations.sh FILE.geojson [FILE.geojson ...]
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$here/lib.sh"

[ "$#" -gt 0 ] || die "usage: $0 FILE.geojson [FILE.geojson ...]"
files=()
for f in "$@"; do
  [ -r "$f" ] || die "cannot read $f"
  files+=("$(cd "$(dirname "$f")" && pwd)/$(basename "$f")")
done

# shellcheck source-path=SCRIPTDIR source=env.sh
. "$here/env.sh"
jar=$root/backend/target/quarkus-app/quarkus-run.jar
[ -f "$jar" ] || (cd "$root" && ./mvnw -B -q package -DskipTests)
exec java -Dquarkus.http.host-enabled=false -Dquarkus.banner.enabled=false -Dquarkus.log.level=WARN -jar "$jar" import-stations "${files[@]}"
