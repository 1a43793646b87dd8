#!/usr/bin/env bash
# One line per component of the Báo cháy cluster in a box: etcd, pg1, pg2 (role, timeline,
# replication state and lag from Patroni's REST API), haproxy, app1, app2 (/q/health/ready).
# Exit 0 only when all are up and exactly one node is primary with a synchronous standby; the
# application instances count unless BAOCHAY_CLUSTER_APPS=0 (or the last up.sh ran with it).
#
# Usage: infra/cluster/status.sh
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=lib-cluster.sh
. "$here/lib-cluster.sh"

cluster_report
