#!/usr/bin/env python3
"""Turns a result file of infra/bench/run.sh into the README's figures.

Writes the Markdown between the markers <!-- bench:begin --> and <!-- bench:end --> in README.md
(inserting the markers at the top of the "## Figures" section when they are missing), and one chart,
report -> 201 latency (p50 and p99) against load, as hand-written SVG in
infra/bench/results/latency.svg. Python 3 standard library only.

Usage: infra/bench/report.py [RESULT.json] [--readme PATH] [--svg PATH]
       (default: the newest file in infra/bench/results/, the project's README.md)
"""

import argparse
import glob
import json
import math
import os
import re
import sys
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
BEGIN = "<!-- bench:begin -->"
END = "<!-- bench:end -->"
SECTION = "## Figures"


def ms(value):
    """A latency for people: 0.84 ms, 12.3 ms, 240 ms, 2.6 s."""
    if value is None:
        return "–"
    if value >= 1000:
        return f"{value / 1000:.1f} s"
    if value >= 100:
        return f"{value:.0f} ms"
    if value >= 10:
        return f"{value:.1f} ms"
    return f"{value:.2f} ms"


def count(value):
    return "–" if value is None else f"{value:,.0f}"


def rate(value):
    return "–" if value is None else (f"{value:,.0f}" if value >= 10 else f"{value:.1f}")


JUDGE = True  # False for a smoke run: its figures are not measurements, so no target is met or missed


def verdict(met, miss=""):
    if met is None:
        return ""
    if not JUDGE:
        return "not judged (smoke run)"
    return "met" if met else f"**missed**{(' ' + miss) if miss else ''}"


def header(r):
    m = r.get("machine", {})
    warm = (r.get("phases") or {}).get("warmup")
    lines = []
    mode = "a smoke run (seconds per phase: not figures)" if r.get("mode") == "smoke" else "one run"
    lines.append(
        f"`infra/bench/run.sh`, {mode} of commit `{r.get('commit')}`{' (with uncommitted changes)' if r.get('dirty') else ''}"
        f" on {r.get('date', '')[:10]}: {m.get('nproc')} cores ({m.get('cpu_model', '?')}), "
        f"{(m.get('memory_mb') or 0) / 1024:.0f} GB, {m.get('kernel', '?')}, {m.get('java', '?')}, "
        f"PostgreSQL {m.get('postgresql', '?')}; the application, PostgreSQL and the load tools share the machine "
        f"(load average at the start {m.get('load_average_at_start', '?')}). "
        f"{r.get('options', {}).get('seconds_per_run')} s per run."
    )
    if warm:
        windows = ", ".join(rate(w) for w in warm.get("windows_rps") or [])
        state = "stable" if warm.get("stable") else "**not stable**"
        lines.append(
            f"Warm-up first ({warm.get('load')}): {state} after {warm.get('seconds')} s "
            f"(req/s per {warm.get('window_s')} s window: {windows})."
        )
    else:
        lines.append("No warm-up in this run.")
    return " ".join(lines)


def intake_table(r):
    phases = r.get("phases") or {}
    intake = phases.get("intake") or []
    pgbench = {(p["clients"], p["spread"]): p for p in phases.get("pgbench") or []}
    if not intake and not pgbench:
        return []
    rows = [
        "| clients | spread | intake (wrk, closed loop) | p50 | p99 | req/s per window | CPU ms per report: application / PostgreSQL | pgbench, same SQL | pgbench p99 | PostgreSQL CPU ms per transaction | intake ÷ pgbench |",
        "| ---: | --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    keys = [(i["clients"], i["spread"]) for i in intake] or list(pgbench)
    by_key = {(i["clients"], i["spread"]): i for i in intake}
    for key in keys:
        i = by_key.get(key, {})
        p = pgbench.get(key, {})
        spread = "one market" if key[1] == "hotspot" else key[1]
        windows = ", ".join(rate(w) for w in i.get("windows_rps") or [])
        ratio = p.get("ratio_intake_to_pgbench")
        icpu = i.get("cpu") or {}
        pcpu = p.get("cpu") or {}
        cpu = ("–" if not icpu else
               f"{icpu['app_cpu_ms_per_unit']:.1f} / {icpu['postgres_cpu_ms_per_unit']:.1f}")
        pg_ms = "–" if not pcpu else f"{pcpu['postgres_cpu_ms_per_unit']:.1f}"
        rows.append(
            f"| {key[0]} | {spread} | {rate(i.get('rps'))} req/s | {ms(i.get('p50_ms'))} | {ms(i.get('p99_ms'))} | "
            f"{windows or '–'} | {cpu} | {'–' if p.get('tps') is None else rate(p['tps']) + ' tps'}{' (capped)' if p.get('capped') else ''} | "
            f"{ms(p.get('p99_ms'))} | {pg_ms} | "
            f"{'–' if ratio is None else f'{ratio:.2f}'} |"
        )
    rows.append("")
    rows.append("Target: intake at least 0.8 of pgbench at 4 and 16 clients. "
                "pgbench runs `infra/bench/intake.pgbench` with the application paused. CPU: who used the "
                "two cores during the run (`/proc`), divided by what was done.")
    return rows


def other_table(r):
    phases = r.get("phases") or {}
    rows = ["| measure | load | p50 | p99 | max | outcome | target |", "| --- | --- | ---: | ---: | ---: | --- | --- |"]
    surge = phases.get("surge")
    if surge:
        ok = surge.get("one_incident") and surge.get("db_lost") == 0 and surge.get("errors") == 0
        p99 = surge.get("p99_ms")
        rows.append(
            f"| report → 201, open loop | {count(surge.get('offered'))} reports of one fire at {rate(surge.get('rate_per_s'))}/s | "
            f"{ms(surge.get('p50_ms'))} | {ms(p99)} | {ms(surge.get('max_ms'))} | "
            f"{surge.get('db_incidents')} incident, {surge.get('db_lost')} lost, {surge.get('errors')} errors | "
            f"one incident, 0 lost, p99 < 100 ms: {verdict(ok and p99 is not None and p99 < 100)} |"
        )
    open_loop = phases.get("open_loop")
    if open_loop:
        p99 = open_loop.get("p99_ms")
        rows.append(
            f"| report → 201, open loop | {rate(open_loop.get('rate_per_s'))}/s scattered, {open_loop.get('schedule_s', 0):.0f} s | "
            f"{ms(open_loop.get('p50_ms'))} | {ms(p99)} | {ms(open_loop.get('max_ms'))} | {open_loop.get('errors')} errors | "
            f"p99 < 25 ms: {verdict(None if p99 is None else p99 < 25, f'({ms(p99)})')} |"
        )
    for live in phases.get("live") or []:
        n = live.get("consoles_requested", live.get("consoles"))
        kind = f" ({live['mix']})" if live.get("mix") else (" (supervisors)" if n != 1 else " (a supervisor)")
        load = f"{count(n)} console{'' if n == 1 else 's'}{kind} × {rate(live.get('rate_per_s'))} reports/s"
        if live.get("skipped"):
            rows.append(f"| report → console | {load} | | | | not run: {live['skipped']} | |")
            continue
        c = live.get("consoles") or {}
        outcome = f"{count(c.get('delivered'))} of {count(c.get('expected_deliveries'))} delivered"
        if c.get("connected") != c.get("requested"):
            outcome += f"; {c.get('capped')}"
        target = ""
        if c.get("requested") == 1000 and live.get("rate_per_s") == 20 and not live.get("mix"):
            target = f"p99 < 250 ms: {verdict(c.get('p99_ms') is not None and c['p99_ms'] < 250 and c.get('missed') == 0)}"
        if live.get("mix") and c.get("requested") == 500 and live.get("rate_per_s") == 100:
            target = f"p99 < 100 ms: {verdict(c.get('p99_ms') is not None and c['p99_ms'] < 100 and c.get('missed') == 0)}"
        rows.append(f"| report → console | {load} | {ms(c.get('p50_ms'))} | {ms(c.get('p99_ms'))} | {ms(c.get('max_ms'))} | {outcome} | {target} |")
    for s in phases.get("stations") or []:
        p99 = s.get("p99_ms")
        target = ""
        if (s.get("stations") or 0) >= 100000:
            target = f"p99 < 2 ms: {verdict(None if p99 is None else p99 < 2)}"
        rows.append(
            f"| nearest stations | {count(s.get('stations'))} stations, {rate(s.get('rate_per_s'))}/s open loop | "
            f"{ms(s.get('p50_ms'))} | {ms(p99)} | {ms(s.get('max_ms'))} | {s.get('errors')} errors | {target} |"
        )
    cold = phases.get("coldstart")
    if cold:
        ready = cold.get("ready_ms")
        rows.append(f"| cold start | `java -jar` to ready (management port) | | | | ready in {ms(ready)}; the first start, "
                    f"on a fresh database, {ms(cold.get('first_start_ms'))} | < 3 s: {verdict(None if ready is None else ready < 3000)} |")
        warm, first = cold.get("warm") or {}, cold.get("cold") or {}
        ratio = cold.get("cold_p99_to_warm_p99")
        rows.append(
            f"| cold start | first {cold.get('seconds')} s at {rate(cold.get('rate_per_s'))}/s, open loop | "
            f"{ms(first.get('p50_ms'))} | {ms(first.get('p99_ms'))} | {ms(first.get('max_ms'))} | "
            f"warm: p50 {ms(warm.get('p50_ms'))}, p99 {ms(warm.get('p99_ms'))}; "
            f"{'–' if ratio is None else f'{ratio:.1f}×'} the warm p99 | "
            f"< 2× warm: {verdict(None if ratio is None else ratio < 2)} |"
        )
    alarms = phases.get("alarms")
    if alarms:
        load = (f"{count(alarms.get('devices'))} transmitters, a link test each per {alarms.get('link_period_s')} s; "
                f"fire alarms at {rate(alarms.get('alarm_rate_per_s'))}/s")
        ok = alarms.get("check") == "ok"
        rows.append(
            f"| fire alarm → ACK (DC-09, TCP) | {load} | {ms(alarms.get('alarm_ack_p50_ms'))} | "
            f"{ms(alarms.get('alarm_ack_p99_ms'))} | {ms(alarms.get('alarm_ack_max_ms'))} | "
            f"{alarms.get('alarm_acked')} of {alarms.get('alarms')} ACKed; {alarms.get('db_fire_alarms_stored')} stored of "
            f"{alarms.get('alarms_acked_total')} ACKed (warm-up included) | "
            f"every ACKed alarm stored, none missing on the console: {verdict(ok)} |"
        )
        rows.append(
            f"| fire alarm → console | {load} | {ms(alarms.get('console_p50_ms'))} | {ms(alarms.get('console_p99_ms'))} | "
            f"{ms(alarms.get('console_max_ms'))} | {alarms.get('console_received')} received, "
            f"{alarms.get('console_missing')} missing | |"
        )
        rows.append(
            f"| link test → ACK (DC-09, UDP) | {load} | {ms(alarms.get('link_p50_ms'))} | {ms(alarms.get('link_p99_ms'))} | "
            f"{ms(alarms.get('link_max_ms'))} | {count(alarms.get('link_acked'))} of {count(alarms.get('link_sent'))} ACKed, "
            f"{alarms.get('link_nak')} NAK, {alarms.get('link_lost')} lost | |"
        )
    return rows if len(rows) > 2 else []


def markdown(r, result_path, readme_path, svg_path):
    rel_result = os.path.relpath(result_path, ROOT)
    rel_svg = os.path.relpath(svg_path, os.path.dirname(os.path.abspath(readme_path)))
    parts = [BEGIN, f"<!-- generated by infra/bench/report.py from {rel_result}; edit the prose around it, not this -->", "",
             header(r), ""]
    for table in (intake_table(r), other_table(r)):
        if table:
            parts += table + [""]
    parts.append(f"![Report → 201 latency against load: p50 and p99]({rel_svg})")
    for note in r.get("notes") or []:
        parts += ["", f"Note: {note}"]
    parts.append(END)
    return "\n".join(parts)


def update_readme(path, block):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if BEGIN in text and END in text:
        start, end = text.index(BEGIN), text.index(END) + len(END)
        text = text[:start] + block + text[end:]
    else:
        heading = re.search(r"^" + re.escape(SECTION) + r"[ \t]*$", text, re.M)
        if not heading:
            sys.exit(f"report.py: {path} has neither the markers nor a '{SECTION}' section to put them in")
        # After the section's first paragraph (what the figures are measured on).
        after = text.find("\n\n", text.find("\n\n", heading.end()) + 2)
        after = len(text) if after < 0 else after + 2
        text = text[:after] + block + "\n\n" + text[after:]
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def chart_series(r):
    """(name, colour, marker, [(load, p50, p99, label)]) for report -> 201 latency."""
    phases = r.get("phases") or {}
    series = []
    for spread, name, colour in (("scattered", "intake, scattered (wrk, closed loop)", "#1f77b4"),
                                 ("hotspot", "intake, one market (wrk, closed loop)", "#d62728")):
        points = [(i.get("rps"), i.get("p50_ms"), i.get("p99_ms"), f"{i['clients']} clients")
                  for i in phases.get("intake") or [] if i.get("spread") == spread]
        points = sorted(p for p in points if None not in p[:3])
        if points:
            series.append((name, colour, "circle", points))
    open_points = []
    cold = phases.get("coldstart") or {}
    if (cold.get("warm") or {}).get("p99_ms") is not None:
        w = cold["warm"]
        open_points.append((w["rate_per_s"], w["p50_ms"], w["p99_ms"], f"{rate(w['rate_per_s'])}/s"))
    o = phases.get("open_loop") or {}
    if o.get("p99_ms") is not None:
        open_points.append((o["rate_per_s"], o["p50_ms"], o["p99_ms"], f"{rate(o['rate_per_s'])}/s"))
    if open_points:
        series.append(("reports scattered, open loop", "#2ca02c", "square", sorted(open_points)))
    s = phases.get("surge") or {}
    if s.get("p99_ms") is not None:
        series.append(("one fire, open loop (surge)", "#ff7f0e", "triangle",
                       [(s["rate_per_s"], s["p50_ms"], s["p99_ms"], f"{count(s['offered'])} reports")]))
    return series


def svg(r):
    series = chart_series(r)
    width, height = 840, 440
    left, right, top, bottom = 70, 300, 50, 60
    plot_w, plot_h = width - left - right, height - top - bottom
    loads = [p[0] for _, _, _, pts in series for p in pts]
    lats = [v for _, _, _, pts in series for p in pts for v in (p[1], p[2]) if v and v > 0]
    x_max = max(loads) * 1.1 if loads else 1
    x_step = nice_step(x_max / 5)
    x_max = math.ceil(x_max / x_step) * x_step
    y_lo = 10 ** math.floor(math.log10(min(lats))) if lats else 0.1
    y_hi = 10 ** math.ceil(math.log10(max(lats))) if lats else 1000
    if y_hi <= y_lo:
        y_hi = y_lo * 10

    def x(v):
        return left + plot_w * v / x_max

    def y(v):
        v = max(v, y_lo)
        return top + plot_h * (1 - (math.log10(v) - math.log10(y_lo)) / (math.log10(y_hi) - math.log10(y_lo)))

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
           f'font-family="Helvetica, Arial, sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
           f'<text x="{left}" y="24" font-size="15" font-weight="bold">{escape("Report → 201 latency against load")}</text>',
           f'<text x="{left}" y="40" fill="#555">{escape(subtitle(r))}</text>']
    # grid and axes
    decade = y_lo
    while decade <= y_hi * 1.0001:
        for k in (1, 2, 5):
            v = decade * k
            if v > y_hi * 1.0001:
                break
            major = k == 1
            out.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y(v):.1f}" y2="{y(v):.1f}" '
                       f'stroke="{"#cccccc" if major else "#eeeeee"}"/>')
            out.append(f'<text x="{left - 6}" y="{y(v) + 4:.1f}" text-anchor="end" fill="#333">{escape(tick_ms(v))}</text>')
        decade *= 10
    v = 0
    while v <= x_max + 1e-9:
        out.append(f'<line x1="{x(v):.1f}" x2="{x(v):.1f}" y1="{top}" y2="{top + plot_h}" stroke="#eeeeee"/>')
        out.append(f'<text x="{x(v):.1f}" y="{top + plot_h + 16}" text-anchor="middle" fill="#333">{v:,.0f}</text>')
        v += x_step
    out.append(f'<rect x="{left}" y="{top}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#333"/>')
    out.append(f'<text x="{left + plot_w / 2}" y="{height - 18}" text-anchor="middle">'
               f'{escape("load: reports per second (closed loop: achieved; open loop: offered)")}</text>')
    out.append(f'<text x="18" y="{top + plot_h / 2}" text-anchor="middle" transform="rotate(-90 18 {top + plot_h / 2})">'
               f'{escape("latency (log scale)")}</text>')
    # series
    for name, colour, marker, points in series:
        for index, dash in ((1, ""), (2, ' stroke-dasharray="5,4"')):
            if len(points) > 1:
                path = " ".join(f"{'M' if i == 0 else 'L'}{x(p[0]):.1f},{y(p[index]):.1f}" for i, p in enumerate(points))
                out.append(f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="1.8"{dash}/>')
            for p in points:
                out.append(shape(marker, x(p[0]), y(p[index]), colour, filled=index == 1))
        for p in points:
            out.append(f'<text x="{x(p[0]) + 7:.1f}" y="{y(p[2]) - 6:.1f}" fill="{colour}" font-size="10">{escape(p[3])}</text>')
    # legend
    lx, ly = left + plot_w + 16, top + 8
    for name, colour, marker, _ in series:
        out.append(shape(marker, lx + 6, ly, colour, filled=True))
        out.append(f'<text x="{lx + 18}" y="{ly + 4}">{escape(name)}</text>')
        ly += 20
    ly += 8
    out.append(f'<line x1="{lx}" x2="{lx + 24}" y1="{ly}" y2="{ly}" stroke="#333" stroke-width="1.8"/>')
    out.append(f'<text x="{lx + 30}" y="{ly + 4}">p50 (filled)</text>')
    ly += 18
    out.append(f'<line x1="{lx}" x2="{lx + 24}" y1="{ly}" y2="{ly}" stroke="#333" stroke-width="1.8" stroke-dasharray="5,4"/>')
    out.append(f'<text x="{lx + 30}" y="{ly + 4}">p99 (hollow)</text>')
    if not series:
        out.append(f'<text x="{left + plot_w / 2}" y="{top + plot_h / 2}" text-anchor="middle" fill="#999">no latency figures in this result</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def subtitle(r):
    m = r.get("machine", {})
    smoke = ", smoke run: not figures" if r.get("mode") == "smoke" else ""
    return f"commit {r.get('commit')}, {r.get('date', '')[:10]}, {m.get('nproc')} cores shared by app, PostgreSQL and load{smoke}"


def shape(marker, cx, cy, colour, filled):
    fill = colour if filled else "#ffffff"
    if marker == "square":
        return f'<rect x="{cx - 4:.1f}" y="{cy - 4:.1f}" width="8" height="8" fill="{fill}" stroke="{colour}" stroke-width="1.5"/>'
    if marker == "triangle":
        return (f'<path d="M{cx:.1f},{cy - 5:.1f} L{cx + 5:.1f},{cy + 4:.1f} L{cx - 5:.1f},{cy + 4:.1f} Z" '
                f'fill="{fill}" stroke="{colour}" stroke-width="1.5"/>')
    return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" fill="{fill}" stroke="{colour}" stroke-width="1.5"/>'


def nice_step(raw):
    if raw <= 0:
        return 1
    power = 10 ** math.floor(math.log10(raw))
    for k in (1, 2, 5, 10):
        if raw <= k * power:
            return k * power
    return 10 * power


def tick_ms(v):
    if v >= 1000:
        return f"{v / 1000:g} s"
    return f"{v:g} ms"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("result", nargs="?", help="a result file (default: the newest in infra/bench/results/)")
    parser.add_argument("--readme", default=os.path.join(ROOT, "README.md"))
    parser.add_argument("--svg", default=os.path.join(HERE, "results", "latency.svg"))
    args = parser.parse_args()
    result = args.result
    if not result:
        files = sorted(glob.glob(os.path.join(HERE, "results", "*.json")))
        if not files:
            sys.exit("report.py: no result files in infra/bench/results/ (run infra/bench/run.sh)")
        result = max(files, key=os.path.getmtime)
    with open(result, encoding="utf-8") as f:
        r = json.load(f)
    global JUDGE
    JUDGE = r.get("mode") != "smoke"
    os.makedirs(os.path.dirname(os.path.abspath(args.svg)), exist_ok=True)
    with open(args.svg, "w", encoding="utf-8") as f:
        f.write(svg(r))
    update_readme(args.readme, markdown(r, os.path.abspath(result), args.readme, os.path.abspath(args.svg)))
    print(f"report.py: {os.path.relpath(args.readme)} (table) and {os.path.relpath(args.svg)} (chart) from {os.path.relpath(result)}")


if __name__ == "__main__":
    main()
