#!/usr/bin/python3
"""One status line per PostgreSQL node of the Báo cháy cluster in a box, from Patroni's REST API.

Usage (lib-cluster.sh's cluster_report calls it):
    pgstate.py NAME REST_PORT PG_PORT POSTMASTER_PID PATRONI_PID [NAME ...]
(a pid is "-" when that process is not running).

Exit status 0 only when every node's PostgreSQL runs, exactly one node is primary, and another
node streams from it as its synchronous standby.
"""
import json
import sys
import urllib.error
import urllib.request


def get(port, path):
    """JSON body of GET http://127.0.0.1:PORT/PATH (also on a non-2xx status), or None."""
    try:
        with urllib.request.urlopen("http://127.0.0.1:%s%s" % (port, path), timeout=2) as r:
            return json.load(r)
    except urllib.error.HTTPError as e:
        try:
            return json.load(e)
        except ValueError:
            return None
    except (OSError, ValueError):
        return None


def human_bytes(n):
    if not isinstance(n, int):
        return str(n)
    for unit in ("B", "kB", "MB", "GB"):
        if abs(n) < 1024 or unit == "GB":
            return "%d %s" % (n, unit) if unit == "B" else "%.1f %s" % (n, unit)
        n /= 1024.0
    return str(n)


def main(argv):
    if not argv or len(argv) % 5:
        sys.exit(__doc__)
    nodes = [argv[i:i + 5] for i in range(0, len(argv), 5)]
    info = {name: get(rest, "/patroni") for name, rest, _, _, _ in nodes}
    cluster = None
    for name, rest, _, _, _ in nodes:
        cluster = get(rest, "/cluster")
        if cluster:
            break
    members = {m.get("name"): m for m in (cluster or {}).get("members", [])}

    primaries = [n for n, d in info.items()
                 if d and d.get("role") in ("master", "primary") and d.get("state") == "running"]
    replication = {}
    for p in primaries:
        for r in info[p].get("replication", []):
            replication[r.get("application_name")] = r

    healthy = len(primaries) == 1
    sync_ok = False
    for name, rest, pg_port, pm_pid, pat_pid in nodes:
        d = info.get(name)
        pids = "postmaster pid %s, patroni pid %s" % (pm_pid, pat_pid)
        where = "127.0.0.1:%s" % pg_port
        if not d:
            what = "Patroni REST 127.0.0.1:%s not answering" % rest
            print("%-8s %-8s %s; %s" % (name, "down", what, pids))
            healthy = False
            continue
        state = d.get("state", "?")
        role = d.get("role", "?")
        tl = d.get("timeline")
        tl = ", timeline %s" % tl if tl is not None else ""
        m = members.get(name, {})
        if state != "running":
            healthy = False
            print("%-8s %-8s Patroni says PostgreSQL is %s (role %s), %s; %s"
                  % (name, "down", state, role, where, pids))
        elif role in ("master", "primary"):
            syncs = [a for a, r in replication.items()
                     if r.get("state") == "streaming" and r.get("sync_state") in ("sync", "quorum")]
            label = "primary" if len(primaries) == 1 else "primary!"
            print("%-8s %-8s %s%s, sync standby: %s; %s"
                  % (name, label, where, tl, ", ".join(syncs) or "none", pids))
        else:
            r = replication.get(name)
            if r:
                rep = "%s, %s" % (r.get("state"), "sync standby" if r.get("sync_state") in ("sync", "quorum")
                                  else "%s (not synchronous)" % r.get("sync_state"))
                if r.get("state") == "streaming" and r.get("sync_state") in ("sync", "quorum"):
                    sync_ok = True
            else:
                rep = "not streaming from a primary"
            lag = m.get("lag")
            lag = ", lag %s" % human_bytes(lag) if lag is not None else ""
            print("%-8s %-8s %s%s, %s%s; %s" % (name, "replica", where, tl, rep, lag, pids))
    return 0 if healthy and sync_ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
