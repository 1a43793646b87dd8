#!/usr/bin/python3
"""Fault test of the Báo cháy cluster in a box: the driver behind infra/cluster/faults.sh.

Run it through faults.sh (which checks the cluster and the options first). Python 3 standard
library only: report intake over HTTP/1.1, two dispatch consoles over WebSocket (a small RFC 6455
client below), psql and lib-cluster.sh for the database and the fault injection.

What it does, in order (README.md, "Fault test", says the same for readers):
  1. closes (FALSE_ALARM, through the dispatcher API) the incidents that earlier runs left open,
     so that the consoles' first snapshot holds every open incident (the server caps a snapshot
     at 500);
  2. connects a supervisor console straight to each instance (8091, 8092) and waits until both
     are current;
  3. sends reports through HAProxy (8090) at --rate per second from --senders threads, each report
     retried with the same body and clientReportId until it is answered 201 or 200;
  4. meanwhile injects, one after the other with the system settling in between: kill -9 of the
     PostgreSQL primary's postmaster, kill -9 of app1 and its restart, a RabbitMQ restart;
  5. stops the load, lets every report get its answer, waits (bounded) until the consoles are
     current and the log is quiet, then checks the database and the consoles against each other
     and writes report.json; exit 0 only when nothing was lost, nothing stored twice, every report
     answered, every fault injected and recovered from, and both consoles consistent.
"""
import argparse
import base64
import hashlib
import http.client
import json
import os
import queue
import random
import re
import signal
import socket
import statistics
import struct
import subprocess
import sys
import threading
import time
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
LIB = os.path.join(HERE, "lib-cluster.sh")
PSQL = "/usr/lib/postgresql/15/bin/psql"
HOST = "127.0.0.1"
FRONT_PORT = 8090
APP_PORTS = {"app1": 8091, "app2": 8092}
# Health and metrics are on each instance's management interface, its port + 1000.
MGMT_PORTS = {app: port + 1000 for app, port in APP_PORTS.items()}
PG_PORT = 5440
MQ_PORT = 5672
ENDED = ("CLOSED", "FALSE_ALARM", "MERGED")
OPEN_SQL = "status NOT IN ('CLOSED','FALSE_ALARM','MERGED')"
# IncidentQueries.SNAPSHOT_LIMIT: a live snapshot holds at most this many open incidents.
SNAPSHOT_LIMIT = 500
USER, PASSWORD = "giamsat", "giamsat114"
DESC_PREFIX = "faults.sh run "
# The area of the load: northern Vietnam, cells of 0.01 degree (about 1.1 km) whose centre lies in
# one of the provinces (the application's own polygons).
LAT0, LAT_CELLS, LON0, LON_CELLS, CELL = 20.5, 200, 103.5, 250, 0.01
# Four grid offsets, one per run in turn: a point of one run is at least ~400 m from any point of
# the three runs before it, more than the merge radius (300 m + accuracy 20 m), so a new run opens
# its own incidents instead of joining those of a run a few minutes earlier.
OFFSETS = [(0.0, 0.0), (0.005, 0.005), (0.005, 0.0), (0.0, 0.005)]

T0 = time.time()
LOG_FILE = None
LOG_LOCK = threading.Lock()


def now():
    return time.time()


def log(msg):
    t = now()
    line = "[faults %s +%6.1fs] %s" % (time.strftime("%H:%M:%S", time.localtime(t)), t - T0, msg)
    with LOG_LOCK:
        print(line, file=sys.stderr, flush=True)
        if LOG_FILE:
            LOG_FILE.write(line + "\n")
            LOG_FILE.flush()


class Fatal(Exception):
    """Something the test cannot go on without (a fault that cannot be injected, say)."""


class Precondition(Exception):
    """The test cannot start (exit 2): nothing was measured."""


# ---------------------------------------------------------------------------------------------
# Database and cluster helpers


def psql(sql, timeout=15, stdin=None):
    """Runs SQL (or the script on stdin) through HAProxy on the primary; returns the rows (lists)."""
    cmd = [PSQL, "-X", "-q", "-At", "-w", "-F", "\t", "-v", "ON_ERROR_STOP=1",
           "-h", HOST, "-p", str(PG_PORT), "-U", "postgres", "-d", "baochay"]
    cmd += ["-f", "-"] if stdin is not None else ["-c", sql]
    env = dict(os.environ, PGCONNECT_TIMEOUT="2")
    r = subprocess.run(cmd, input=stdin, capture_output=True, text=True, timeout=timeout, env=env)
    if r.returncode != 0:
        raise RuntimeError("psql failed (%d): %s" % (r.returncode, r.stderr.strip()[:300]))
    return [line.split("\t") for line in r.stdout.splitlines() if line != ""]


def psql_value(sql, timeout=15):
    rows = psql(sql, timeout)
    return rows[0][0] if rows else None


def lib(cmd, timeout=60):
    """Runs CMD in bash with lib-cluster.sh sourced; returns (exit code, stdout, stderr)."""
    try:
        r = subprocess.run(["bash", "-c", '. "$0"; ' + cmd, LIB], capture_output=True, text=True,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        return 124, "", "timed out after %ss" % timeout
    return r.returncode, r.stdout.strip(), r.stderr.strip()


def tcp_open(port, timeout=1.0):
    try:
        with socket.create_connection((HOST, port), timeout=timeout):
            return True
    except OSError:
        return False


def http_json(port, method, path, body=None, token=None, timeout=10):
    """(status, headers, parsed body or text); raises OSError/HTTPException when nothing answers."""
    c = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        if token:
            headers["Authorization"] = "Bearer " + token
        c.request(method, path, body=data, headers=headers)
        r = c.getresponse()
        raw = r.read()
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = raw.decode("utf-8", "replace")
        return r.status, dict(r.getheaders()), parsed
    finally:
        c.close()


class KeepAlive:
    """JSON requests over one kept-alive connection (reopened after an error)."""

    def __init__(self, port, timeout=10):
        self.port, self.timeout, self.conn = port, timeout, None

    def call(self, method, path, body=None, token=None):
        headers = {"Accept": "application/json", "Content-Type": "application/json"}
        if token:
            headers["Authorization"] = "Bearer " + token
        try:
            if self.conn is None:
                self.conn = http.client.HTTPConnection(HOST, self.port, timeout=self.timeout)
            self.conn.request(method, path, body=None if body is None else json.dumps(body).encode(), headers=headers)
            r = self.conn.getresponse()
            raw = r.read()
            if r.will_close:
                self.conn.close()
                self.conn = None
            return r.status, raw
        except (OSError, http.client.HTTPException):
            if self.conn is not None:
                self.conn.close()
            self.conn = None
            return 0, b""


def http_status(port, path, timeout=2):
    try:
        return http_json(port, "GET", path, timeout=timeout)[0]
    except (OSError, http.client.HTTPException):
        return 0


def login(port):
    st, _, body = http_json(port, "POST", "/api/v1/dispatch/login", {"username": USER, "password": PASSWORD})
    if st != 200 or not isinstance(body, dict) or "token" not in body:
        raise RuntimeError("login as %s on %d answered %s" % (USER, port, st))
    return body["token"]


# ---------------------------------------------------------------------------------------------
# A minimal WebSocket client (RFC 6455): text frames, fragmentation, ping/pong, close codes.


class HandshakeError(Exception):
    def __init__(self, status, text):
        super().__init__("handshake answered %s: %s" % (status, text))
        self.status = status


class WSClosed(Exception):
    def __init__(self, code, reason):
        super().__init__("closed %s %s" % (code, reason))
        self.code = code
        self.reason = reason


class WebSocket:
    def __init__(self, port, path, timeout=5.0):
        self.sock = socket.create_connection((HOST, port), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        req = ("GET %s HTTP/1.1\r\nHost: %s:%d\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               "Sec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n\r\n") % (path, HOST, port, key)
        self.sock.sendall(req.encode())
        buf = b""
        while b"\r\n\r\n" not in buf:
            chunk = self.sock.recv(4096)
            if not chunk:
                self.sock.close()
                raise HandshakeError(0, "connection closed during the handshake")
            buf += chunk
        head, rest = buf.split(b"\r\n\r\n", 1)
        first = head.split(b"\r\n", 1)[0].decode("latin-1")
        try:
            status = int(first.split(" ")[1])
        except (IndexError, ValueError):
            status = 0
        if status != 101:
            self.sock.close()
            raise HandshakeError(status, first)
        want = base64.b64encode(hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest())
        if want not in head:
            self.sock.close()
            raise HandshakeError(status, "wrong Sec-WebSocket-Accept")
        self.buf = bytearray(rest)
        self.fragments = None

    def _frame(self):
        b = self.buf
        if len(b) < 2:
            return None
        fin, op, masked, n, i = b[0] & 0x80, b[0] & 0x0F, b[1] & 0x80, b[1] & 0x7F, 2
        if n == 126:
            if len(b) < 4:
                return None
            n, i = struct.unpack(">H", bytes(b[2:4]))[0], 4
        elif n == 127:
            if len(b) < 10:
                return None
            n, i = struct.unpack(">Q", bytes(b[2:10]))[0], 10
        mask = None
        if masked:
            if len(b) < i + 4:
                return None
            mask, i = bytes(b[i:i + 4]), i + 4
        if len(b) < i + n:
            return None
        payload = bytes(b[i:i + n])
        del b[:i + n]
        if mask:
            payload = bytes(c ^ mask[k % 4] for k, c in enumerate(payload))
        return bool(fin), op, payload

    def send(self, op, payload=b""):
        mask = os.urandom(4)
        n = len(payload)
        head = bytes([0x80 | op])
        if n < 126:
            head += bytes([0x80 | n])
        elif n < 65536:
            head += bytes([0x80 | 126]) + struct.pack(">H", n)
        else:
            head += bytes([0x80 | 127]) + struct.pack(">Q", n)
        self.sock.sendall(head + mask + bytes(c ^ mask[k % 4] for k, c in enumerate(payload)))

    def recv(self, timeout):
        """The next text message, or None after TIMEOUT seconds without one. Raises WSClosed on a
        close frame (answered), ConnectionError when the connection drops."""
        deadline = now() + timeout
        while True:
            f = self._frame()
            if f is None:
                left = deadline - now()
                if left <= 0:
                    return None
                self.sock.settimeout(left)
                try:
                    chunk = self.sock.recv(65536)
                except socket.timeout:
                    return None
                if not chunk:
                    raise ConnectionError("connection closed without a close frame")
                self.buf += chunk
                continue
            fin, op, payload = f
            if op == 8:
                code = struct.unpack(">H", payload[:2])[0] if len(payload) >= 2 else 1005
                try:
                    self.send(8, payload[:2])
                except OSError:
                    pass
                raise WSClosed(code, payload[2:].decode("utf-8", "replace"))
            if op == 9:
                self.send(10, payload)
                continue
            if op == 10:
                continue
            if op in (1, 2):
                self.fragments = bytearray(payload)
            elif op == 0 and self.fragments is not None:
                self.fragments += payload
            else:
                continue
            if fin:
                data, self.fragments = bytes(self.fragments), None
                return data.decode("utf-8")

    def close(self):
        try:
            self.send(8, struct.pack(">H", 1000))
        except OSError:
            pass
        try:
            self.sock.close()
        except OSError:
            pass


# ---------------------------------------------------------------------------------------------
# Dispatch consoles


class Console(threading.Thread):
    """A supervisor console connected straight to one instance, as the dispatch console's store
    works (dispatch-console/README.md): a snapshot replaces the open incidents; an event above the
    applied position upserts its incident (or removes it once ended); the highest seq heard (also
    from heartbeats) is the lastSeq of the next connection; 4409 means the next connection asks for
    a snapshot; a refused ticket or token means a new ticket or a new login. Reconnects with
    back-off 0.5 s, 1 s, 2 s, 4 s, 5 s (the real console goes up to 10 s)."""

    IDLE = 40.0  # seconds without any message before the console gives up on a connection

    def __init__(self, name, port, stop):
        super().__init__(name="console-" + name, daemon=True)
        self.app, self.port, self.stop = name, port, stop
        self.incidents = {}
        self.applied = None       # highest snapshot/event seq applied
        self.seq = None           # highest seq heard in any message (lastSeq of the next connection)
        self.need_snapshot = True
        self.token = None
        self.lock = threading.Lock()
        self.hist_t, self.hist_s = [], []   # when the heard seq went up (time, seq)
        self.connections = []     # one dict per attempt
        self.snapshots = []       # (time, seq, incidents)
        self.gaps = []            # (time, expected, got) for events skipping a seq
        self.duplicates = 0
        self.events = 0
        self.logins = 0
        self.tickets = 0
        self.last_current = None
        self.live_ws = None

    # -- state

    def _heard(self, seq):
        if seq is not None and (self.seq is None or seq > self.seq):
            self.seq = seq
            self.hist_t.append(now())
            self.hist_s.append(seq)

    def handle(self, msg):
        kind = msg.get("type")
        seq = msg.get("seq")
        with self.lock:
            if kind == "snapshot":
                incs = msg.get("incidents") or []
                self.incidents = {i["id"]: i.get("reportCount") for i in incs if i.get("status") not in ENDED}
                self.applied = seq
                self.need_snapshot = False
                self.snapshots.append((now(), seq, len(incs)))
                self._heard(seq)
            elif kind == "event":
                self.events += 1
                if self.applied is not None and seq <= self.applied:
                    self.duplicates += 1
                else:
                    if self.applied is not None and seq != self.applied + 1:
                        # A supervisor gets every event: a skipped seq is an event it never saw.
                        self.gaps.append((now(), self.applied + 1, seq))
                    inc = msg.get("incident")
                    if inc and inc.get("id"):
                        if inc.get("status") in ENDED:
                            self.incidents.pop(inc["id"], None)
                        else:
                            self.incidents[inc["id"]] = inc.get("reportCount")
                    self.applied = seq
                self._heard(seq)
            elif kind == "heartbeat":
                self._heard(seq)

    def view(self):
        with self.lock:
            return dict(self.incidents), self.applied, self.seq

    # -- connection

    def _ticket(self):
        for _ in range(2):
            if not self.token:
                self.token = login(self.port)
                self.logins += 1
            st, _, body = http_json(self.port, "POST", "/api/v1/dispatch/live-ticket", token=self.token)
            if st == 401:
                self.token = None
                continue
            if st != 200 or not isinstance(body, dict) or "ticket" not in body:
                raise RuntimeError("live-ticket answered %s" % st)
            self.tickets += 1
            return body["ticket"]
        raise RuntimeError("live-ticket refused the new token too")

    def run(self):
        backoff = [0.5, 1, 2, 4, 5]
        failures = 0
        while not self.stop.is_set():
            c = {"start": now()}
            self.connections.append(c)
            ws = None
            try:
                ticket = self._ticket()
                with self.lock:
                    last = None if self.need_snapshot or self.seq is None else self.seq
                path = "/api/v1/dispatch/live?ticket=" + ticket + ("" if last is None else "&lastSeq=%d" % last)
                c["lastSeq"] = last
                ws = WebSocket(self.port, path)
                self.live_ws = ws
                c["open"] = now()
                idle_since = now()
                while not self.stop.is_set():
                    text = ws.recv(1.0)
                    if text is None:
                        if now() - idle_since > self.IDLE:
                            raise ConnectionError("no message for %.0f s" % self.IDLE)
                        continue
                    idle_since = now()
                    msg = json.loads(text)
                    if "first" not in c:
                        c["first"] = now()
                        c["first_type"] = msg.get("type")
                        c["first_seq"] = msg.get("seq")
                        failures = 0
                    self.handle(msg)
                c["end"] = now()
                c["why"] = "stopped"
                ws.close()
                return
            except WSClosed as e:
                c["end"], c["why"], c["code"] = now(), "closed", e.code
                c["reason"] = e.reason
                if e.code == 4409:
                    with self.lock:
                        self.need_snapshot = True
                log("console %s: closed by the server with %s %s" % (self.app, e.code, e.reason))
                if e.code in (4401, 4409):
                    failures = 0
                    continue
            except HandshakeError as e:
                c["end"], c["why"], c["code"] = now(), "handshake", e.status
                if e.status == 401:
                    continue  # a new ticket at once
            except (OSError, http.client.HTTPException, RuntimeError, ValueError) as e:
                c["end"], c["why"] = now(), "%s: %s" % (type(e).__name__, str(e)[:120])
            finally:
                self.live_ws = None
                if ws is not None:
                    try:
                        ws.sock.close()
                    except OSError:
                        pass
            if "open" in c and failures == 0 and not self.stop.is_set():
                log("console %s: connection lost (%s); reconnecting" % (self.app, c["why"]))
            wait = backoff[min(failures, len(backoff) - 1)] * random.uniform(0.8, 1.2)
            failures += 1
            self.stop.wait(wait)

    def reach_time(self, s):
        """When the console first heard a seq >= s (None: not yet)."""
        lo, hi = 0, len(self.hist_s)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.hist_s[mid] >= s:
                hi = mid
            else:
                lo = mid + 1
        return self.hist_t[lo] if lo < len(self.hist_s) else None


# ---------------------------------------------------------------------------------------------
# Report intake load


class Report:
    __slots__ = ("n", "cid", "body", "created", "first_send", "attempts", "final", "report_id",
                 "incident_id", "joined", "ids", "join_of")

    def __init__(self, n, cid, body, join_of):
        self.n, self.cid, self.body, self.join_of = n, cid, body, join_of
        self.created = now()
        self.first_send = None
        self.attempts = []   # [send time, answer time, status (int) or "conn:Error"]
        self.final = None    # time of the 201/200
        self.report_id = self.incident_id = self.joined = None
        self.ids = set()     # every reportId answered for this clientReportId


def ok_status(st):
    return st in (200, 201)


class Load:
    def __init__(self, args, run_id, points, stop_new, give_up):
        self.args, self.run_id, self.points = args, run_id, points
        self.stop_new, self.give_up = stop_new, give_up
        self.reports = []
        self.q = queue.Queue()
        self.next_point = 0
        self.rng = random.Random(run_id)
        self.threads = []
        self.pending = 0     # queued or being sent: counted when queued, so no report is between counts
        self.lock = threading.Lock()

    def make(self, n):
        recent = [r for r in self.reports[-300:] if r.join_of is None]
        join_of = None
        if recent and self.rng.random() < self.args.join_fraction:
            base = self.rng.choice(recent)
            lat = base.body["location"]["lat"] + self.rng.uniform(-0.0004, 0.0004)
            lon = base.body["location"]["lon"] + self.rng.uniform(-0.0004, 0.0004)
            join_of = base.n
        else:
            if self.next_point >= len(self.points):
                raise Fatal("ran out of grid points (%d)" % len(self.points))
            lat, lon = self.points[self.next_point]
            self.next_point += 1
            lat += self.rng.uniform(-0.0005, 0.0005)
            lon += self.rng.uniform(-0.0005, 0.0005)
        cid = str(uuid.uuid4())
        body = {"clientReportId": cid,
                "location": {"lat": round(lat, 6), "lon": round(lon, 6), "accuracyM": 20},
                "kind": "FIRE",
                "description": "%s%s report %d: fault test load" % (DESC_PREFIX, self.run_id, n)}
        return Report(n, cid, body, join_of)

    def pacer(self):
        interval = 1.0 / self.args.rate
        t = now()
        n = 0
        while not self.stop_new.is_set():
            n += 1
            r = self.make(n)
            with self.lock:
                self.reports.append(r)
                self.pending += 1
            self.q.put(r)
            t += interval
            d = t - now()
            if d > 0:
                self.stop_new.wait(d)
            elif d < -5:
                t = now()  # fell far behind (a stalled machine): do not burst
        for _ in self.threads:
            self.q.put(None)

    def sender(self):
        conn = None
        cap = self.args.retry_after_cap
        while True:
            r = self.q.get()
            if r is None:
                break
            data = json.dumps(r.body).encode()
            headers = {"Content-Type": "application/json", "Accept": "application/json"}
            while True:
                if self.give_up.is_set():
                    break
                t_send = now()
                if r.first_send is None:
                    r.first_send = t_send
                wait = 0.5
                try:
                    if conn is None:
                        conn = http.client.HTTPConnection(HOST, FRONT_PORT, timeout=self.args.request_timeout)
                    conn.request("POST", "/api/v1/reports", body=data, headers=headers)
                    resp = conn.getresponse()
                    raw = resp.read()
                    st = resp.status
                    if resp.will_close:
                        conn.close()
                        conn = None
                    t_ans = now()
                    if ok_status(st):
                        try:
                            b = json.loads(raw)
                            rid, iid = b.get("reportId"), b.get("incidentId")
                        except ValueError:
                            rid = iid = b = None
                        r.attempts.append([t_send, t_ans, st])
                        if rid:
                            r.ids.add(rid)
                            r.report_id, r.incident_id = rid, iid
                            r.joined = b.get("joinedExistingIncident")
                            r.final = t_ans
                            break
                        r.attempts[-1][2] = "%d-without-reportId" % st
                    else:
                        # HAProxy's own 503 (no instance UP) says "load balancer" (templates/503.http).
                        src = "lb" if b"load balancer" in raw else "app"
                        r.attempts.append([t_send, t_ans, st, src])
                        ra = resp.getheader("Retry-After")
                        if st == 503 and ra:
                            try:
                                wait = min(float(ra), cap)
                            except ValueError:
                                wait = min(1.0, cap)
                        else:
                            wait = 1.0
                except (OSError, http.client.HTTPException) as e:
                    r.attempts.append([t_send, now(), "conn:" + type(e).__name__])
                    if conn is not None:
                        conn.close()
                    conn = None
                    wait = 0.5
                self.give_up.wait(wait)
            with self.lock:
                self.pending -= 1

    def start(self):
        for i in range(self.args.senders):
            th = threading.Thread(target=self.sender, name="sender-%d" % i, daemon=True)
            th.start()
            self.threads.append(th)
        self.pacer_thread = threading.Thread(target=self.pacer, name="pacer", daemon=True)
        self.pacer_thread.start()

    def recent_answers(self, secs):
        """(successes, failures) answered in the last SECS seconds."""
        t = now() - secs
        ok = bad = 0
        with self.lock:
            reps = self.reports[-int(self.args.rate * (secs + 30) + 50):]
        for r in reps:
            for a in r.attempts[-3:]:
                if a[1] >= t:
                    if ok_status(a[2]):
                        ok += 1
                    else:
                        bad += 1
        return ok, bad

    def backlog(self):
        """Reports made and not yet answered or given up on (queued, or being sent)."""
        with self.lock:
            return self.pending


# ---------------------------------------------------------------------------------------------
# Monitor: the database's last_seq over time, consoles' currency, the broker's port


class Monitor(threading.Thread):
    def __init__(self, consoles, stop):
        super().__init__(name="monitor", daemon=True)
        self.consoles, self.stop = consoles, stop
        self.samples = []        # (query start, query end, last_seq)
        self.db_errors = []      # (time, error)
        self.mq = []             # (time, port open)
        self.prev = None

    def current(self, c):
        """Live: the console has heard at least the last_seq the database had one sample ago."""
        p = self.prev
        return p is not None and c.seq is not None and c.seq >= p[2]

    def run(self):
        last_mq = 0
        while not self.stop.is_set():
            t = now()
            try:
                s = int(psql_value("SELECT last_seq FROM event_sequence", timeout=4))
                sample = (t, now(), s)
                self.samples.append(sample)
                for c in self.consoles:
                    if self.prev is not None and c.seq is not None and c.seq >= self.prev[2]:
                        c.last_current = t
                self.prev = sample
            except (RuntimeError, ValueError, TypeError, subprocess.TimeoutExpired) as e:
                self.db_errors.append((t, str(e)[:200]))
            if t - last_mq >= 1.0:
                last_mq = t
                self.mq.append((t, tcp_open(MQ_PORT, 0.5)))
            self.stop.wait(max(0.05, 0.5 - (now() - t)))


# ---------------------------------------------------------------------------------------------
# Faults


class Faults:
    def __init__(self, args, load, consoles, monitor):
        self.args, self.load, self.consoles, self.monitor = args, load, consoles, monitor
        self.done = []

    def wait(self, secs, what, check, every=0.5):
        """Waits up to SECS for CHECK() to be true; returns the time it became true, or None."""
        end = now() + secs
        while True:
            try:
                if check():
                    return now()
            except Fatal:
                raise
            except Exception as e:  # a check that fails is a check that is not true yet
                log("  (check %s: %s)" % (what, e))
            if now() >= end:
                log("  %s: not after %.0f s" % (what, secs))
                return None
            time.sleep(every)

    def settled(self, f):
        """Intake answers and the consoles are current again (after fault F)."""
        ok, bad = self.load.recent_answers(2.0)
        qlen = self.load.q.qsize()
        cons = all(self.monitor.current(c) for c in self.consoles)
        return ok > 0 and bad == 0 and qlen <= self.args.senders and cons

    def recover(self, f, specific):
        """Common end of a fault: the fault-specific checks, then the cluster, intake and consoles."""
        bound = self.args.recovery_wait
        ok = True
        for what, check in specific:
            left = max(5.0, bound - (now() - f["t_inject"]))
            tt = self.wait(left, what, check)
            f["steps"][what] = None if tt is None else round(tt - f["t_inject"], 2)
            if tt is None:
                ok = False
                break
        if ok:
            left = max(5.0, bound - (now() - f["t_inject"]))
            tt = self.wait(left, "cluster healthy", lambda: lib("cluster_healthy", 15)[0] == 0, 1.0)
            f["steps"]["cluster healthy"] = None if tt is None else round(tt - f["t_inject"], 2)
            ok = tt is not None
        if ok:
            left = max(5.0, bound - (now() - f["t_inject"]))
            tt = self.wait(left, "intake answering and consoles current", lambda: self.settled(f))
            f["steps"]["intake and consoles current"] = None if tt is None else round(tt - f["t_inject"], 2)
            ok = tt is not None
        f["recovered"] = ok
        f["t_recovered"] = now() if ok else None
        log("%s: %s %.1f s after the injection" % (f["name"], "recovered" if ok else "NOT recovered",
                                                   now() - f["t_inject"]))
        return ok

    def kill_primary(self):
        f = {"name": "postgres-primary-kill", "steps": {}}
        rc, out, err = lib("kill_primary", 20)
        f["t_inject"] = now()
        if rc != 0 or len(out.split()) != 2:
            raise Fatal("could not kill the PostgreSQL primary: %s" % (err or out or "kill_primary failed"))
        old, pid = out.split()
        f["detail"] = {"killed_node": old, "postmaster_pid": int(pid)}
        log("FAULT 1: kill -9 of the postmaster of primary %s (pid %s)" % (old, pid))
        self.done.append(f)

        def new_primary():
            rc, out, _ = lib("cluster_primary", 10)
            if rc == 0 and out and out != old:
                f["detail"]["new_primary"] = out
                return True
            return False

        def old_is_sync_standby():
            rc, out, _ = lib("cluster_sync_standby", 10)
            return rc == 0 and old in out.split()

        ok = self.recover(f, [("new primary", new_primary),
                              ("writable through 5440", lambda: psql_value("SELECT NOT pg_is_in_recovery()", 5) == "t"),
                              ("old primary back as synchronous standby", old_is_sync_standby)])
        return ok

    def kill_app1(self):
        f = {"name": "app1-kill-and-restart", "steps": {}}
        rc, out, err = lib("app_pid app1", 10)
        if rc != 0 or not out.isdigit():
            raise Fatal("app1 is not running (no pid): cannot kill it")
        pid = int(out)
        os.kill(pid, signal.SIGKILL)
        f["t_inject"] = now()
        f["detail"] = {"pid": pid}
        log("FAULT 2: kill -9 of app1 (pid %d)" % pid)
        self.done.append(f)

        def gone():
            try:
                os.kill(pid, 0)
                with open("/proc/%d/stat" % pid) as fh:
                    return fh.read().split()[2] == "Z"
            except (ProcessLookupError, FileNotFoundError):
                return True

        if self.wait(10, "app1 to die", gone, 0.1) is None:
            raise Fatal("app1 (pid %d) is still alive after kill -9" % pid)
        time.sleep(self.args.app_down)
        rc, out, err = lib("app_start app1", 30)
        if rc != 0:
            raise Fatal("could not start app1 again: %s" % (err or out))
        f["t_restart"] = now()
        rc, out, _ = lib("app_pid app1", 10)
        f["detail"]["new_pid"] = int(out) if out.isdigit() else None
        log("app1 restarted (pid %s) %.1f s after the kill" % (out, f["t_restart"] - f["t_inject"]))

        def ready():
            if lib("app_pid app1", 10)[0] != 0:
                raise Fatal("app1 exited during start-up; see its app.log")
            return http_status(MGMT_PORTS["app1"], "/q/health/ready") == 200

        ok = self.recover(f, [("app1 ready", ready),
                              ("HAProxy has both apps UP", lambda: lib("haproxy_apps_up", 10)[0] == 0)])
        if f["steps"].get("app1 ready") is not None:
            f["detail"]["start_to_ready_s"] = round(f["t_inject"] + f["steps"]["app1 ready"] - f["t_restart"], 2)
        return ok

    def restart_rabbitmq(self):
        f = {"name": "rabbitmq-restart", "steps": {}}
        ctl = "/usr/sbin/rabbitmqctl"
        if not tcp_open(MQ_PORT):
            raise Fatal("RabbitMQ is not listening on %d before the restart (someone else restarting it?)" % MQ_PORT)
        f["t_inject"] = now()
        self.done.append(f)
        log("FAULT 3: RabbitMQ restart: rabbitmqctl stop_app")
        r = subprocess.run([ctl, "stop_app"], capture_output=True, text=True, timeout=90)
        if r.returncode != 0:
            raise Fatal("rabbitmqctl stop_app failed: %s" % (r.stderr.strip() or r.stdout.strip())[:300])
        f["detail"] = {"stop_app_s": round(now() - f["t_inject"], 2), "port_closed": not tcp_open(MQ_PORT)}
        log("RabbitMQ stopped (%.1f s)" % f["detail"]["stop_app_s"])
        time.sleep(self.args.mq_down)
        r = subprocess.run([ctl, "start_app"], capture_output=True, text=True, timeout=120)
        f["t_restart"] = now()
        f["detail"]["broker_down_s"] = round(f["t_restart"] - f["t_inject"], 2)
        if r.returncode != 0:
            raise Fatal("rabbitmqctl start_app failed: %s" % (r.stderr.strip() or r.stdout.strip())[:300])
        log("RabbitMQ started again (rabbitmqctl start_app) %.1f s after the stop" % (f["t_restart"] - f["t_inject"]))
        ok = self.recover(f, [("AMQP port open", lambda: tcp_open(MQ_PORT))])
        return ok


def ensure_rabbitmq():
    """At the end: RabbitMQ must be running, whatever happened."""
    if tcp_open(MQ_PORT):
        return True
    log("RabbitMQ does not listen on %d: rabbitmqctl start_app" % MQ_PORT)
    subprocess.run(["/usr/sbin/rabbitmqctl", "start_app"], capture_output=True, timeout=120)
    for _ in range(60):
        if tcp_open(MQ_PORT):
            return True
        time.sleep(1)
    log("RabbitMQ still down: infra/local/rabbitmq.sh")
    subprocess.run([os.path.join(HERE, "..", "local", "rabbitmq.sh")], timeout=180)
    return tcp_open(MQ_PORT)


# ---------------------------------------------------------------------------------------------
# Incidents of earlier runs


def close_test_incidents(token, bound_s, label):
    """Marks FALSE_ALARM, through the dispatcher API, the open incidents that hold a report of
    faults.sh; bounded in time. Returns (closed, left, errors)."""
    rows = psql("SELECT DISTINCT i.id, i.revision FROM incidents i JOIN reports r ON r.incident_id = i.id "
                "WHERE i.%s AND r.description LIKE '%s%%'" % (OPEN_SQL, DESC_PREFIX), timeout=60)
    if not rows:
        return 0, 0, 0
    log("%s: closing %d open incidents of faults.sh runs (FALSE_ALARM through the API)" % (label, len(rows)))
    work = queue.Queue()
    for r in rows:
        work.put(r)
    end = now() + bound_s
    counts = {"closed": 0, "errors": 0}
    lock = threading.Lock()

    def worker():
        client = KeepAlive(FRONT_PORT)
        while now() < end:
            try:
                iid, version = work.get_nowait()
            except queue.Empty:
                return
            for attempt in range(3):
                st, _ = client.call("POST", "/api/v1/dispatch/incidents/%s/status" % iid,
                                    {"version": int(version), "status": "FALSE_ALARM",
                                     "reason": "faults.sh: fault-test load"}, token=token)
                if st == 200:
                    with lock:
                        counts["closed"] += 1
                    break
                if st == 409:
                    v = psql_value("SELECT revision FROM incidents WHERE id = '%s' AND %s" % (iid, OPEN_SQL))
                    if v is None:
                        break
                    version = v
                    continue
                time.sleep(0.5)
            else:
                with lock:
                    counts["errors"] += 1

    ths = [threading.Thread(target=worker, daemon=True) for _ in range(4)]
    t = now()
    for th in ths:
        th.start()
    for th in ths:
        th.join()
    left = work.qsize()
    log("%s: closed %d in %.1f s (%d failed, %d left)" % (label, counts["closed"], now() - t, counts["errors"], left))
    return counts["closed"], left, counts["errors"]


# ---------------------------------------------------------------------------------------------
# Analysis


def failed(a):
    return not ok_status(a[2])


def status_key(a):
    """'201', '503 app' (the application's own), '503 lb' (HAProxy: no instance UP), 'conn:…'."""
    return "%s %s" % (a[2], a[3]) if len(a) > 3 else str(a[2])


def stretches(reports):
    """Stretches of failing answers: from the first failing answer after a success to the next
    success. Returns [(start, end or None, failed answers)] in time order."""
    answers = sorted((a[1], failed(a)) for r in reports for a in r.attempts)
    out, start, n = [], None, 0
    for t, bad in answers:
        if bad:
            if start is None:
                start, n = t, 0
            n += 1
        elif start is not None:
            out.append((start, t, n))
            start = None
    if start is not None:
        out.append((start, None, n))
    return out


def console_lags(c, samples, t_from, t_to, tol):
    """Per database sample in [t_from, t_to): how long the console took to hear that seq."""
    out = []
    for ts, te, s in samples:
        if t_from <= ts < t_to:
            rt = c.reach_time(s)
            out.append((ts, s, rt, None if rt is None else max(0.0, rt - ts)))
    return out


def analyse_console_window(c, samples, f, t_to, tol):
    lags = console_lags(c, samples, f["t_inject"] - 0.0, t_to, tol)
    behind = [x for x in lags if x[3] is None or x[3] > tol]
    res = {"samples": len(lags)}
    known = [x[3] for x in lags if x[3] is not None]
    res["max_lag_s"] = round(max(known), 2) if known else None
    if not behind:
        res["behind"] = False
        res["current_again_s"] = 0.0
        return res
    res["behind"] = True
    res["first_behind_s"] = round(behind[0][0] - f["t_inject"], 2)
    last = behind[-1]
    if last[2] is None:
        res["current_again_s"] = None
    else:
        res["current_again_s"] = round(last[2] - f["t_inject"], 2)
    res["behind_samples"] = len(behind)
    return res


def log_lines_near(cluster_dir, t, secs=3.0, limit=40):
    """WARN/ERROR lines of both app logs within SECS of time T (the logs' local time stamps)."""
    out = []
    lo, hi = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(t - secs)), time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(t + secs + 1))
    for app in APP_PORTS:
        p = os.path.join(cluster_dir, app, "app.log")
        try:
            with open(p, encoding="utf-8", errors="replace") as fh:
                for line in fh:
                    if lo <= line[:19] <= hi and (" ERROR " in line[:40] or " WARN " in line[:40]):
                        out.append("%s: %s" % (app, line.rstrip()[:300]))
        except OSError:
            pass
    return out[:limit]


def report_detail(r, t0, cluster_dir, what):
    when = r.final or (r.attempts[-1][1] if r.attempts else r.created)
    return {"what": what, "clientReportId": r.cid, "reportIds_answered": sorted(r.ids), "incidentId": r.incident_id,
            "created_at": time.strftime("%H:%M:%S", time.localtime(r.created)) + ".%03d" % (r.created % 1 * 1000),
            "first_send_s": rel(r.first_send, t0), "final_s": rel(r.final, t0),
            "attempts_s": [[rel(x[0], t0), rel(x[1], t0)] + x[2:] for x in r.attempts],
            "app_log_lines_near": log_lines_near(cluster_dir, when)}


def console_diagnosis(c, ids, t0):
    """For the incidents a console has wrong: their events in the log and whether the console heard them."""
    out = []
    if not ids:
        return out
    rows = psql("SELECT incident_id, seq, type FROM incident_events WHERE incident_id IN (%s) ORDER BY seq"
                % ",".join("'%s'" % i for i in ids[:10]), timeout=60)
    for iid in ids[:10]:
        evs = [(int(r[1]), r[2]) for r in rows if r[0] == iid]
        heard = [(s, typ, rel(c.reach_time(s), t0)) for s, typ in evs]
        out.append({"incident": iid, "console_reportCount": c.incidents.get(iid), "events (seq, type, console heard a seq >= it at s)": heard})
    return out


def event_delivery(c, evs, t_inject, tol):
    """Events stamped in a fault's window: how long after its time stamp the console heard each."""
    if not evs:
        return {"events": 0}
    lat = []
    for seq, t in evs:
        rt = c.reach_time(seq)
        lat.append(None if rt is None else max(0.0, rt - t))
    known = [x for x in lat if x is not None]
    late = [i for i, x in enumerate(lat) if x is None or x > tol]
    first_rt = c.reach_time(evs[0][0])
    res = {"events": len(evs), "event_latency_max_s": round(max(known), 2) if known else None,
           "event_latency_median_s": median(known), "events_never_heard": len(lat) - len(known),
           "events_late": len(late),
           "first_event_stamped_s": round(evs[0][1] - t_inject, 2),
           "first_event_heard_s": None if first_rt is None else round(first_rt - t_inject, 2)}
    if late:
        i = late[-1]
        rt = c.reach_time(evs[i][0])
        res["all_events_on_time_after_s"] = None if rt is None else round(rt - t_inject, 2)
    else:
        res["all_events_on_time_after_s"] = 0.0
    return res


def median(xs):
    xs = [x for x in xs if x is not None]
    return round(statistics.median(xs), 2) if xs else None


def app_log_offsets(cluster_dir):
    out = {}
    for app in APP_PORTS:
        p = os.path.join(cluster_dir, app, "app.log")
        out[app] = os.path.getsize(p) if os.path.exists(p) else 0
    return out


def app_log_summary(cluster_dir, offsets, t_from):
    res = {}
    for app in APP_PORTS:
        p = os.path.join(cluster_dir, app, "app.log")
        if not os.path.exists(p):
            continue
        with open(p, "rb") as fh:
            fh.seek(offsets.get(app, 0))
            text = fh.read().decode("utf-8", "replace")
        lines = text.splitlines()
        errors = [l for l in lines if re.search(r"^\S+ \S+ ERROR ", l)]
        warns = [l for l in lines if re.search(r"^\S+ \S+ WARN ", l)]
        kinds = {}
        for l in errors + warns:
            m = re.match(r"^\S+ \S+ (\w+)\s+\[([^\]]+)\] \([^)]*\) (.{0,90})", l)
            key = "%s [%s] %s" % (m.group(1), m.group(2), re.sub(r"[0-9a-f-]{36}|\d+", "N", m.group(3))) if m else l[:120]
            kinds[key] = kinds.get(key, 0) + 1
        res[app] = {"log": p, "lines": len(lines), "errors": len(errors), "warnings": len(warns),
                    "kinds": dict(sorted(kinds.items(), key=lambda kv: -kv[1])[:25]),
                    "first_errors": [l[:400] for l in errors[:10]]}
    return res


def rel(t, t0):
    return None if t is None else round(t - t0, 2)


# ---------------------------------------------------------------------------------------------
# Main


def grid_points(cluster_dir, offset_index):
    dlat, dlon = OFFSETS[offset_index]
    cache = os.path.join(cluster_dir, "faults", "grid-%d.tsv" % offset_index)
    if os.path.exists(cache):
        with open(cache) as fh:
            pts = [tuple(map(float, l.split("\t"))) for l in fh if l.strip()]
        if pts:
            return pts
    sql = ("SELECT round(g.lat::numeric, 4), round(g.lon::numeric, 4) FROM (SELECT %f + %f * i + %f AS lat, "
           "%f + %f * j + %f AS lon FROM generate_series(0, %d) i, generate_series(0, %d) j) g "
           "WHERE EXISTS (SELECT 1 FROM provinces p WHERE ST_Covers(p.geom, ST_SetSRID(ST_MakePoint(g.lon, g.lat), 4326)))"
           % (LAT0, CELL, CELL / 2 + dlat, LON0, CELL, CELL / 2 + dlon, LAT_CELLS - 2, LON_CELLS - 2))
    rows = psql(sql, timeout=120)
    pts = [(float(a), float(b)) for a, b in rows]
    if len(pts) < 1000:
        raise Fatal("only %d grid points inside the provinces (is the provinces table loaded?)" % len(pts))
    with open(cache + ".tmp", "w") as fh:
        fh.write("".join("%s\t%s\n" % p for p in pts))
    os.replace(cache + ".tmp", cache)
    return pts


def main():
    global LOG_FILE
    ap = argparse.ArgumentParser(prog="faults.sh", description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--duration", type=float)
    ap.add_argument("--rate", type=float)
    ap.add_argument("--senders", type=int, default=8)
    ap.add_argument("--join-fraction", type=float, default=0.25)
    ap.add_argument("--retry-after-cap", type=float, default=1.0)
    ap.add_argument("--request-timeout", type=float, default=10.0)
    ap.add_argument("--keep-incidents", action="store_true")
    ap.add_argument("--cluster-dir", required=True)
    a = ap.parse_args()
    quick = a.quick
    a.duration = a.duration or (80.0 if quick else 360.0)
    a.rate = a.rate or (10.0 if quick else 12.0)
    a.warmup = 10.0 if quick else 30.0
    a.min_settle = 5.0 if quick else 20.0
    a.tail = 5.0 if quick else 30.0
    a.recovery_wait = 75.0 if quick else 120.0
    a.app_down = 2.0 if quick else 5.0
    a.mq_down = 2.0 if quick else 5.0
    a.drain = 30.0 if quick else 60.0
    a.final_wait = 45.0 if quick else 60.0
    a.cleanup_bound = 40.0 if quick else 240.0
    a.lag_tolerance = 1.0
    if a.duration < (60 if quick else 120):
        print("faults.sh: --duration must be at least %d s in this mode" % (60 if quick else 120), file=sys.stderr)
        return 2
    if not (0 < a.rate <= 50):
        print("faults.sh: --rate must be in (0, 50]", file=sys.stderr)
        return 2

    run_id = time.strftime("%Y%m%d-%H%M%S") + ("-quick" if quick else "-full")
    base = os.path.join(a.cluster_dir, "faults")
    run_dir = os.path.join(base, run_id)
    os.makedirs(run_dir, exist_ok=True)
    LOG_FILE = open(os.path.join(run_dir, "run.log"), "w")
    log("run %s (%s): load %.0f s at %.1f reports/s from %d senders; output in %s"
        % (run_id, "quick" if quick else "full", a.duration, a.rate, a.senders, run_dir))

    counter = os.path.join(base, "run-counter")
    try:
        n_run = int(open(counter).read().strip()) + 1
    except (OSError, ValueError):
        n_run = 0
    with open(counter, "w") as fh:
        fh.write("%d\n" % n_run)
    offset_index = n_run % len(OFFSETS)

    result = {"run": run_id, "mode": "quick" if quick else "full", "started_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
              "settings": {k: getattr(a, k) for k in ("duration", "rate", "senders", "join_fraction", "retry_after_cap",
                                                       "request_timeout", "warmup", "min_settle", "recovery_wait",
                                                       "app_down", "mq_down", "lag_tolerance")},
              "problems": []}
    problems = result["problems"]
    stop_consoles = threading.Event()
    stop_monitor = threading.Event()
    stop_new = threading.Event()
    give_up = threading.Event()
    consoles, monitor, load, faults = [], None, None, None
    t_load0 = t_load_end = None
    precondition = None
    rc = 1
    try:
        # -- preparation
        points = grid_points(a.cluster_dir, offset_index)
        random.Random(run_id).shuffle(points)
        log("grid: %d points in the provinces (offset %d)" % (len(points), offset_index))
        token = login(FRONT_PORT)
        closed, left, errs = close_test_incidents(token, a.cleanup_bound, "before the run")
        result["closed_before"] = closed
        n_open = int(psql_value("SELECT count(*) FROM incidents WHERE " + OPEN_SQL))
        if n_open > SNAPSHOT_LIMIT - 50:
            raise Precondition("%d open incidents in the database before the run (%d of faults.sh left): a console "
                        "snapshot holds at most %d, so the consoles could not be checked; close them first"
                        % (n_open, left, SNAPSHOT_LIMIT))
        seq0 = int(psql_value("SELECT last_seq FROM event_sequence"))
        reports0 = int(psql_value("SELECT count(*) FROM reports"))
        result["before"] = {"open_incidents": n_open, "last_seq": seq0, "reports": reports0}
        offsets = app_log_offsets(a.cluster_dir)

        consoles = [Console(app, port, stop_consoles) for app, port in APP_PORTS.items()]
        monitor = Monitor(consoles, stop_monitor)
        monitor.start()
        for c in consoles:
            c.start()
        faults_probe = Faults(a, None, consoles, monitor)
        if faults_probe.wait(30, "both consoles current", lambda: all(monitor.current(c) and c.applied is not None
                                                                      for c in consoles)) is None:
            raise Fatal("the consoles did not get their first snapshot within 30 s")
        log("consoles connected: %s" % ", ".join("%s seq %s, %d open" % (c.app, c.seq, len(c.incidents)) for c in consoles))

        # -- load and faults
        load = Load(a, run_id, points, stop_new, give_up)
        faults = Faults(a, load, consoles, monitor)
        t_load0 = now()
        load.start()
        log("load started")
        spacing = (a.duration - a.warmup) / 3.0
        plan = [faults.kill_primary, faults.kill_app1, faults.restart_rabbitmq]
        earliest = t_load0 + a.warmup
        for i, fault in enumerate(plan):
            at = max(t_load0 + a.warmup + i * spacing, earliest)
            time.sleep(max(0.0, at - now()))
            ok = fault()
            if not ok:
                problems.append("%s: the system did not recover within %.0f s" % (faults.done[-1]["name"], a.recovery_wait))
                break
            earliest = now() + a.min_settle
        end = max(t_load0 + a.duration, now() + a.tail)
        time.sleep(max(0.0, end - now()))
    except Fatal as e:
        problems.append("FATAL: " + str(e))
        log("FATAL: %s" % e)
    except Precondition as e:
        precondition = str(e)
    finally:
        stop_new.set()
        t_load_end = now()
        if load:
            log("load stopped after %.0f s (%d reports); waiting for their answers" % (t_load_end - t_load0, len(load.reports)))
            end = now() + a.drain
            load.pacer_thread.join(timeout=a.drain)  # it may be making one last report
            while now() < end and load.backlog() > 0:
                time.sleep(0.5)
            give_up.set()
            for th in load.threads:
                th.join(timeout=a.request_timeout + 5)
        ensure_rabbitmq()

    if precondition:
        stop_consoles.set()
        stop_monitor.set()
        log("cannot run: %s" % precondition)
        result["problems"].append("cannot run: " + precondition)
        result["exit_code"] = 2
        with open(os.path.join(run_dir, "report.json"), "w") as fh:
            json.dump(result, fh, indent=2)
        print("faults.sh: cannot run: %s\nreport: %s" % (precondition, os.path.join(run_dir, "report.json")))
        return 2
    try:
        if consoles and monitor:
            # -- settle: the consoles hear the database's last_seq and the log is quiet
            t_settle = now()
            last, stable = None, 0
            final_seq = None
            while now() - t_settle < a.final_wait:
                try:
                    s = int(psql_value("SELECT last_seq FROM event_sequence", 5))
                except (RuntimeError, ValueError, TypeError, subprocess.TimeoutExpired):
                    time.sleep(1)
                    continue
                stable = stable + 1 if s == last else 0
                last = s
                if stable >= 2 and all(c.seq == s and c.applied == s for c in consoles):
                    final_seq = s
                    break
                time.sleep(1)
            result["settle_s"] = round(now() - t_settle, 2)
            log("settled after %.1f s" % result["settle_s"])
            stop_monitor.set()
            monitor.join(timeout=10)
        rc = report(a, result, run_dir, load, consoles, monitor, faults, t_load0, t_load_end, offsets if load else {})
    except Exception as e:  # never print figures we could not compute
        problems.append("FATAL during the checks: %s: %s" % (type(e).__name__, e))
        log("FATAL during the checks: %s: %s" % (type(e).__name__, e))
        rc = 1
    finally:
        stop_consoles.set()
        stop_monitor.set()
        for c in consoles:
            ws = c.live_ws
            if ws is not None:
                try:
                    ws.sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
            c.join(timeout=5)
    if problems and rc == 0:
        rc = 1
    path = os.path.join(run_dir, "report.json")
    result["exit_code"] = rc
    result["seconds_until_report"] = round(now() - T0, 1)
    with open(path, "w") as fh:
        json.dump(result, fh, indent=2, sort_keys=False)
    latest = os.path.join(base, "latest")
    try:
        if os.path.islink(latest):
            os.unlink(latest)
        os.symlink(run_id, latest)
    except OSError:
        pass
    print_summary(result)
    print("\nreport: %s (run took %.0f s so far; closing this run's incidents comes next)" % (path, now() - T0))
    # -- leave no open test incidents behind (after the verdict: it makes events of its own)
    if load and not a.keep_incidents:
        try:
            token = login(FRONT_PORT)
            close_test_incidents(token, a.cleanup_bound, "after the run")
        except Exception as e:
            log("could not close this run's incidents (%s); the next run closes them first" % e)
    if not ensure_rabbitmq():
        log("RabbitMQ is NOT running")
        rc = rc or 1
    log("exit %d after %.0f s" % (rc, now() - T0))
    return rc


def report(a, result, run_dir, load, consoles, monitor, faults, t_load0, t_load_end, offsets):
    problems = result["problems"]
    tol = a.lag_tolerance
    reports = load.reports if load else []
    result["load"] = {"seconds": rel(t_load_end, t_load0), "started_at": t_load0}

    # -- intake
    answered = [r for r in reports if r.final is not None]
    unanswered = [r for r in reports if r.final is None]
    attempts = sum(len(r.attempts) for r in reports)
    statuses = {}
    for r in reports:
        for x in r.attempts:
            k = status_key(x)
            statuses[k] = statuses.get(k, 0) + 1
    multi = [r for r in answered if len(r.ids) > 1]
    by_id = {}
    for r in answered:
        by_id.setdefault(r.report_id, []).append(r.cid)
    shared = {k: v for k, v in by_id.items() if len(v) > 1}
    latency = [r.final - r.created for r in answered]
    intake = {"reports_created": len(reports), "reports_sent": sum(1 for r in reports if r.attempts),
              "http_requests": attempts, "answered_201_or_200": len(answered),
              "answered_201": sum(1 for r in answered if any(x[2] == 201 for x in r.attempts)),
              "answered_200_only": sum(1 for r in answered if not any(x[2] == 201 for x in r.attempts)),
              "unanswered": len(unanswered), "statuses": statuses,
              "needed_retries": sum(1 for r in reports if len(r.attempts) > 1),
              "joined_existing_incident": sum(1 for r in answered if r.joined),
              "opened_incident": sum(1 for r in answered if r.joined is False),
              "answer_latency_s": {"median": median(latency),
                                   "p99": round(sorted(latency)[int(0.99 * (len(latency) - 1))], 2) if latency else None,
                                   "max": round(max(latency), 2) if latency else None},
              "clientReportIds_with_two_reportIds": len(multi),
              "reportIds_shared_by_two_clientReportIds": len(shared)}
    result["intake"] = intake
    if unanswered:
        problems.append("%d reports never got a 201/200 (gave up after the drain)" % len(unanswered))
    if multi:
        problems.append("%d clientReportIds were answered with two different reportIds: %s"
                        % (len(multi), [(r.cid, sorted(r.ids)) for r in multi[:5]]))
    if shared:
        problems.append("%d reportIds were answered to two clientReportIds: %s" % (len(shared), list(shared.items())[:5]))

    # -- database
    db = {}
    if reports:
        lines = ["CREATE TEMP TABLE ans (client uuid PRIMARY KEY, report uuid, incident uuid);",
                 "CREATE TEMP TABLE unans (client uuid PRIMARY KEY);", "COPY ans FROM STDIN;"]
        lines += ["%s\t%s\t%s" % (r.cid, r.report_id, r.incident_id or "\\N") for r in answered]
        lines += ["\\.", "COPY unans FROM STDIN;"] + [r.cid for r in unanswered] + ["\\."]
        key = "sha256(convert_to('baochay:client-report:' || %s::text, 'UTF8'))"
        lines += [
            "SELECT 'found', count(*) FROM ans a JOIN reports r ON r.id = a.report;",
            "SELECT 'lost', a.client, a.report FROM ans a WHERE NOT EXISTS (SELECT 1 FROM reports r WHERE r.id = a.report);",
            "SELECT 'other_report_for_client', a.client, a.report, r.id FROM ans a JOIN reports r ON r.client_report_key = %s AND r.id <> a.report;" % (key % "a.client"),
            "SELECT 'incident_differs', count(*) FROM ans a JOIN reports r ON r.id = a.report WHERE r.incident_id <> a.incident;",
            "SELECT 'unanswered_stored', count(*) FROM unans u JOIN reports r ON r.client_report_key = %s;" % (key % "u.client"),
            "SELECT 'run_reports', count(*), count(DISTINCT client_report_key) FROM reports WHERE description LIKE '%s%s %%';" % (DESC_PREFIX, result["run"]),
            "SELECT 'reports_total', count(*) FROM reports;",
            "SELECT 'report_count_sum', coalesce(sum(report_count), 0) FROM incidents;",
            "SELECT 'duplicate_keys', count(*) FROM (SELECT client_report_key FROM reports GROUP BY 1 HAVING count(*) > 1) d;",
            "SELECT 'incident_count_mismatch', count(*) FROM incidents i WHERE i.report_count <> (SELECT count(*) FROM reports r WHERE r.incident_id = i.id);",
        ]
        rows = psql(None, timeout=120, stdin="\n".join(lines) + "\n")
        lost = [r[1:] for r in rows if r[0] == "lost"]
        other = [r[1:] for r in rows if r[0] == "other_report_for_client"]
        val = {r[0]: r[1:] for r in rows if r[0] not in ("lost", "other_report_for_client")}
        db = {"answered_found_in_db": int(val["found"][0]), "lost": len(lost), "lost_examples": lost[:20],
              "answered_reportId_differs_from_stored": len(other), "differs_examples": other[:20],
              "answered_incident_differs_from_stored": int(val["incident_differs"][0]),
              "unanswered_but_stored": int(val["unanswered_stored"][0]),
              "reports_of_this_run_in_db": int(val["run_reports"][0]),
              "distinct_clientReportIds_of_this_run_in_db": int(val["run_reports"][1]),
              "reports_total": int(val["reports_total"][0]),
              "report_count_sum_over_incidents": int(val["report_count_sum"][0]),
              "clientReportIds_stored_twice": int(val["duplicate_keys"][0]),
              "incidents_whose_report_count_differs_from_their_reports": int(val["incident_count_mismatch"][0]),
              "reports_added_during_run": int(val["reports_total"][0]) - result["before"]["reports"]}
        result["database"] = db
        by_cid = {r.cid: r for r in reports}
        if lost or other or unanswered:
            db["details"] = [report_detail(by_cid[x[0]], t_load0, a.cluster_dir, "lost (answered, not in the database)")
                             for x in lost[:10]]
            db["details"] += [report_detail(by_cid[x[0]], t_load0, a.cluster_dir, "another report stored for its clientReportId")
                              for x in other[:10]]
            db["details"] += [report_detail(r, t_load0, a.cluster_dir, "never answered 201/200") for r in unanswered[:10]]
        if lost:
            problems.append("LOST: %d reports answered 201/200 are not in the database: %s" % (len(lost), lost[:10]))
        if other:
            problems.append("%d clientReportIds have a stored report other than the answered one" % len(other))
        if db["reports_of_this_run_in_db"] != len(answered) + db["unanswered_but_stored"]:
            problems.append("this run stored %d reports but %d were answered (+%d unanswered but stored): a report stored twice or one never answered"
                            % (db["reports_of_this_run_in_db"], len(answered), db["unanswered_but_stored"]))
        if db["reports_of_this_run_in_db"] != db["distinct_clientReportIds_of_this_run_in_db"] or db["clientReportIds_stored_twice"]:
            problems.append("a clientReportId was stored twice")
        if db["report_count_sum_over_incidents"] != db["reports_total"]:
            problems.append("the incidents' report_count sum (%d) differs from the number of reports (%d)"
                            % (db["report_count_sum_over_incidents"], db["reports_total"]))
        if db["incidents_whose_report_count_differs_from_their_reports"]:
            problems.append("%d incidents have a report_count that differs from their reports"
                            % db["incidents_whose_report_count_differs_from_their_reports"])
        if db["reports_added_during_run"] != db["reports_of_this_run_in_db"]:
            problems.append("%d reports were added during the run, %d of them this run's (something else wrote reports?)"
                            % (db["reports_added_during_run"], db["reports_of_this_run_in_db"]))

    # -- consoles against the database
    open_rows = psql("SELECT id, report_count FROM incidents WHERE " + OPEN_SQL, timeout=60)
    db_open = {r[0]: int(r[1]) for r in open_rows}
    db_seq = int(psql_value("SELECT last_seq FROM event_sequence"))
    result["final_db"] = {"open_incidents": len(db_open), "last_seq": db_seq}
    cons = {}
    for c in consoles:
        incs, applied, seq = c.view()
        missing = [k for k in db_open if k not in incs]
        extra = [k for k in incs if k not in db_open]
        wrong = [k for k in db_open if k in incs and incs[k] != db_open[k]]
        consistent = not missing and not extra and not wrong and seq == db_seq and applied == db_seq
        conns = []
        for x in c.connections:
            conns.append({"start_s": rel(x.get("start"), t_load0 or T0), "open_s": rel(x.get("open"), t_load0 or T0),
                          "lastSeq": x.get("lastSeq"), "first": x.get("first_type"), "first_seq": x.get("first_seq"),
                          "end_s": rel(x.get("end"), t_load0 or T0), "why": x.get("why"), "code": x.get("code")})
        cons[c.app] = {"consistent": consistent, "open_incidents": len(incs), "applied_seq": applied, "last_seq": seq,
                       "missing": len(missing), "missing_examples": missing[:10], "extra": len(extra),
                       "extra_examples": extra[:10], "report_count_differs": len(wrong),
                       "report_count_examples": [(k, incs[k], db_open[k]) for k in wrong[:10]],
                       "events": c.events, "duplicates_ignored": c.duplicates, "gaps": len(c.gaps),
                       "gap_examples": [(rel(t, t_load0 or T0), e, g) for t, e, g in c.gaps[:10]],
                       "snapshots": [(rel(t, t_load0 or T0), s, n) for t, s, n in c.snapshots],
                       "logins": c.logins, "tickets": c.tickets,
                       "last_current_s": rel(c.last_current, t_load0 or T0),
                       "connections": conns}
        if not consistent:
            cons[c.app]["diagnosis"] = console_diagnosis(c, missing + extra + wrong, t_load0)
            problems.append("console %s inconsistent: seq %s/applied %s vs database %s; %d missing, %d extra, %d with another reportCount"
                            % (c.app, seq, applied, db_seq, len(missing), len(extra), len(wrong)))
            big = [s for s in c.snapshots if s[2] >= SNAPSHOT_LIMIT]
            if big:
                problems.append("console %s got %d snapshot(s) with %d incidents, the server's cap: the database had more open"
                                % (c.app, len(big), SNAPSHOT_LIMIT))
        if c.gaps:
            problems.append("console %s skipped %d seq range(s) (a supervisor gets every event)" % (c.app, len(c.gaps)))
    result["consoles"] = cons

    # -- per fault
    st = stretches(reports)
    # Every event of the run with its time stamp (the application's clock, same machine): how long
    # each took to reach each console.
    seq0 = result["before"]["last_seq"]
    events = [(int(x[0]), float(x[1])) for x in psql(
        "SELECT seq, extract(epoch FROM occurred_at) FROM incident_events WHERE seq > %d ORDER BY seq" % seq0, timeout=60)]
    fl = []
    done = faults.done if faults else []
    for i, f in enumerate(done):
        w0 = f["t_inject"] - 1.0
        w1 = done[i + 1]["t_inject"] - 1.0 if i + 1 < len(done) else (t_load_end or now()) + a.drain
        mine = [s for s in st if w0 <= s[0] < w1]
        longest = max(mine, key=lambda s: ((s[1] or w1) - s[0])) if mine else None
        retried = [r for r in reports if any(failed(x) and w0 <= x[0] < w1 for x in r.attempts)]
        fails = sum(1 for r in reports for x in r.attempts if failed(x) and w0 <= x[1] < w1)
        entry = {"fault": f["name"], "injected_at_s": rel(f["t_inject"], t_load0), "detail": f.get("detail"),
                 "recovered": f.get("recovered"), "recovered_after_s": rel(f.get("t_recovered"), f["t_inject"]),
                 "steps_s": f["steps"],
                 "longest_failing_stretch_s": None if not longest else (round(longest[1] - longest[0], 2) if longest[1] else None),
                 "longest_stretch_from_s": None if not longest else rel(longest[0], f["t_inject"]),
                 "longest_stretch_failed_answers": longest[2] if longest else 0,
                 "failing_stretches": len(mine), "failed_answers": fails,
                 "reports_needing_retries": len(retried),
                 "max_attempts_of_a_report": max((len(r.attempts) for r in retried), default=0),
                 "failed_statuses": {}, "consoles": {}}
        if longest and longest[1] is None:
            problems.append("%s: intake never answered 201/200 again" % f["name"])
        for r in reports:
            for x in r.attempts:
                if failed(x) and w0 <= x[1] < w1:
                    k = status_key(x)
                    entry["failed_statuses"][k] = entry["failed_statuses"].get(k, 0) + 1
        mine_ev = [e for e in events if f["t_inject"] <= e[1] < w1]
        for c in (consoles if monitor else []):
            entry["consoles"][c.app] = analyse_console_window(c, monitor.samples, f, w1, tol)
            entry["consoles"][c.app].update(event_delivery(c, mine_ev, f["t_inject"], tol))
            if entry["consoles"][c.app]["current_again_s"] is None:
                problems.append("%s: console %s was not current again before the next fault/the end" % (f["name"], c.app))
        fl.append(entry)
    names = ["postgres-primary-kill", "app1-kill-and-restart", "rabbitmq-restart"]
    for n in names:
        if n not in [f["name"] for f in done]:
            problems.append("fault %s was not injected" % n)
    result["faults"] = fl
    outside = [s for s in st if not any(done[i]["t_inject"] - 1.0 <= s[0] < (done[i + 1]["t_inject"] - 1.0 if i + 1 < len(done) else 1e18)
                                        for i in range(len(done)))]
    result["failing_stretches_outside_faults"] = [(rel(s[0], t_load0), round(((s[1] or now()) - s[0]), 2), s[2]) for s in outside]
    mq_down = [t for t, up in monitor.mq if not up] if monitor else []
    if done and mq_down:
        mq_fault = [f for f in done if f["name"] == "rabbitmq-restart"]
        expected = [t for t in mq_down if mq_fault and mq_fault[0]["t_inject"] - 2 <= t <= (mq_fault[0].get("t_recovered") or now())]
        if len(expected) != len(mq_down):
            result["rabbitmq_down_outside_the_fault_s"] = [rel(t, t_load0) for t in mq_down if t not in expected][:50]
            log("note: RabbitMQ's port was closed outside this test's restart (another test suite?)")
    result["db_sample_errors"] = len(monitor.db_errors) if monitor else 0
    result["app_logs"] = app_log_summary(a.cluster_dir, offsets, t_load0) if offsets else {}

    # raw data for a closer look
    with open(os.path.join(run_dir, "reports.jsonl"), "w") as fh:
        for r in reports:
            fh.write(json.dumps({"n": r.n, "clientReportId": r.cid, "reportId": r.report_id, "incidentId": r.incident_id,
                                 "joined": r.joined, "join_of": r.join_of, "created": round(r.created, 3),
                                 "first_send": r.first_send and round(r.first_send, 3),
                                 "final": r.final and round(r.final, 3),
                                 "attempts": [[round(x[0], 3), round(x[1], 3)] + x[2:] for x in r.attempts],
                                 "lat": r.body["location"]["lat"], "lon": r.body["location"]["lon"]}) + "\n")
    for c in consoles:
        with open(os.path.join(run_dir, "console-%s.tsv" % c.app), "w") as fh:
            fh.write("".join("%.3f\t%d\n" % x for x in zip(c.hist_t, c.hist_s)))
    if monitor:
        with open(os.path.join(run_dir, "seq-samples.tsv"), "w") as fh:
            for ts, te, s in monitor.samples:
                fh.write("%.3f\t%.3f\t%d\n" % (ts, te, s))
    result["verdict"] = "PASS" if not problems else "FAIL"
    return 0 if not problems else 1


def print_summary(r):
    p = print
    p("\n==================== faults.sh %s (%s) ====================" % (r["run"], r["mode"]))
    i = r.get("intake")
    if i:
        p("load: %.0f s, %d reports sent (%d HTTP requests), %d answered 201/200 (%d unanswered), %d needed retries, "
          "%d got their only 201/200 as a 200 (stored by an attempt whose answer was lost)"
          % (r["load"]["seconds"] or 0, i["reports_sent"], i["http_requests"], i["answered_201_or_200"], i["unanswered"],
             i["needed_retries"], i["answered_200_only"]))
        p("      statuses: %s; %d opened an incident, %d joined one; answer latency median %s s, p99 %s s, max %s s"
          % (", ".join("%s x%d" % kv for kv in sorted(i["statuses"].items())), i["opened_incident"],
             i["joined_existing_incident"], i["answer_latency_s"]["median"], i["answer_latency_s"]["p99"],
             i["answer_latency_s"]["max"]))
    d = r.get("database")
    if d:
        p("database: %d of %d answered reports found, LOST %d; this run's reports stored %d (distinct clientReportIds %d); "
          "clientReportIds stored twice %d; answered reportId differs from stored %d; sum(report_count) %d = reports %d: %s"
          % (d["answered_found_in_db"], i["answered_201_or_200"], d["lost"], d["reports_of_this_run_in_db"],
             d["distinct_clientReportIds_of_this_run_in_db"], d["clientReportIds_stored_twice"],
             d["answered_reportId_differs_from_stored"], d["report_count_sum_over_incidents"], d["reports_total"],
             "ok" if d["report_count_sum_over_incidents"] == d["reports_total"] else "MISMATCH"))
    for f in r.get("faults", []):
        if f["failing_stretches"] == 0:
            stretch = "no failed answer"
        elif f["longest_failing_stretch_s"] is None:
            stretch = "failing until the end (NO success after it)"
        else:
            stretch = "longest 503/no-connection stretch %.2f s (%d failed answers, from +%.2f s)" % (
                f["longest_failing_stretch_s"], f["longest_stretch_failed_answers"], f["longest_stretch_from_s"])
        p("fault %-22s at +%5.1fs: recovered %s after %s s; %s; %d reports needed retries (max %d attempts); failures: %s"
          % (f["fault"], f["injected_at_s"] or 0, f["recovered"], f["recovered_after_s"], stretch,
             f["reports_needing_retries"], f["max_attempts_of_a_report"],
             ", ".join("%s x%d" % kv for kv in f["failed_statuses"].items()) or "none"))
        p("      steps (s after injection): %s" % ", ".join("%s %s" % kv for kv in f["steps_s"].items()))
        p("      consoles current again (s after injection): %s"
          % ", ".join("%s %s (max lag %s s)" % (k, v["current_again_s"], v["max_lag_s"]) for k, v in f["consoles"].items()))
        p("      events stamped after the injection: %s"
          % "; ".join("%s: first stamped +%s s, heard +%s s; %d events, latency median %s s, max %s s, %d late (> %.0f s), %d never heard"
                      % (k, v.get("first_event_stamped_s"), v.get("first_event_heard_s"), v.get("events", 0),
                         v.get("event_latency_median_s"), v.get("event_latency_max_s"), v.get("events_late", 0),
                         r["settings"]["lag_tolerance"], v.get("events_never_heard", 0))
                      for k, v in f["consoles"].items()))
    fdb = r.get("final_db")
    for k, c in r.get("consoles", {}).items():
        p("console %s: %s — %d open incidents vs database %s, seq %s (applied %s) vs database %s; %d missing, %d extra, "
          "%d reportCount differ; %d events, %d duplicates ignored, %d gaps, %d connections, %d snapshots"
          % (k, "CONSISTENT" if c["consistent"] else "INCONSISTENT", c["open_incidents"], fdb and fdb["open_incidents"],
             c["last_seq"], c["applied_seq"], fdb and fdb["last_seq"], c["missing"], c["extra"], c["report_count_differs"],
             c["events"], c["duplicates_ignored"], c["gaps"], len(c["connections"]), len(c["snapshots"])))
    for app, l in (r.get("app_logs") or {}).items():
        p("%s log during the run: %d ERROR, %d WARN lines (%s)" % (app, l["errors"], l["warnings"], l["log"]))
    if r.get("failing_stretches_outside_faults"):
        p("failing stretches outside the faults (start s, length s, answers): %s" % r["failing_stretches_outside_faults"])
    if r["problems"]:
        p("PROBLEMS:")
        for x in r["problems"]:
            p("  - " + x)
    p("verdict: %s" % ("PASS" if not r["problems"] else "FAIL"))


if __name__ == "__main__":
    sys.exit(main())
