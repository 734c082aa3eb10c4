#!/usr/bin/env python3
"""Turns bench/run.sh's JSON results into the "## Server throughput (issue 7)" section of
docs/benchmarks.md, replacing that section only (other sections are left as they are).

    report.py RESULTS_DIR docs/benchmarks.md [--duration S] [--warmup S]
"""

import argparse
import datetime
import json
import os
import platform
import re
from pathlib import Path

HEADING = "## Server throughput (issue 7)"
SERVERS = [
    ("chat-server", "chat-server"),
    ("chat-server-qt", "chat-server, Qt loop"),
    ("chat-server-2t", "chat-server, 2 I/O threads"),
    ("chat-server-cluster", "chat-server, 2 nodes on Redis"),
    ("floor", "floor: kernel only (bench/floor)"),
    ("node", "Node socket.io 4.8"),
    ("python", "FastAPI + python-socketio"),
]


# The figure that ranks repeated runs of a scenario; the run with its median is reported
# whole, so that a table column always comes from one run.
RANKED_BY = {
    "fanout": "deliveries_per_s",
    "rooms": "deliveries_per_server_cpu_s",
    "idle": "connect_join_per_s",
    "polling": "rounds_per_server_cpu_s",
}


def load(results_dir):
    grouped = {}
    for path in sorted(Path(results_dir).glob("*.json")):
        data = json.loads(path.read_text())
        key = (data.get("scenario") or path.stem.split("-")[0], data["server"])
        grouped.setdefault(key, []).append(data)
    runs = {}
    for key, group in grouped.items():
        field = RANKED_BY.get(key[0], "")
        ok = sorted((r for r in group if "error" not in r), key=lambda r: r.get(field) or 0)
        chosen = ok[(len(ok) - 1) // 2] if ok else group[0]
        chosen = dict(chosen)
        chosen["repeats"] = len(group)
        chosen["range"] = (ok[0].get(field), ok[-1].get(field)) if len(ok) > 1 else None
        runs[key] = chosen
    return runs


def cpu_model():
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def fmt(value, digits=0):
    if value is None:
        return "–"
    if isinstance(value, float) and digits == 0:
        return f"{value:,.0f}"
    return f"{value:,.{digits}f}"


def ms(us):
    return None if us is None else us / 1000.0


def table(runs, scenario, rows, servers):
    present = [(key, label) for key, label in servers if (scenario, key) in runs]
    if not present:
        return ["(not run)", ""]
    lines = ["| | " + " | ".join(label for _, label in present) + " |",
             "|---|" + "---|" * len(present)]
    for title, getter in rows:
        cells = []
        for key, _ in present:
            run = runs[(scenario, key)]
            if "error" in run and getter is not None:
                cells.append("failed: " + str(run["error"])[:60])
                continue
            cells.append(getter(run, runs))
        lines.append(f"| {title} | " + " | ".join(cells) + " |")
    lines.append("")
    return lines


def repeats(run, scenario):
    n = run.get("repeats", 1)
    span = run.get("range")
    if n <= 1 or not span:
        return "1"
    return f"median of {n} ({fmt(span[0])} – {fmt(span[1])})"


def ratio(runs, scenario, field, run, to="node"):
    node = runs.get((scenario, to), {}).get(field)
    mine = run.get(field)
    if not node or mine is None:
        return "–"
    return f"{mine / node:.0%}" if to == "floor" else f"{mine / node:.1f}x"


def target_lines(runs):
    """Issue 17's targets: ratios to the floor and to Node socket.io measured in this run."""

    def get(scenario, server, field):
        return runs.get((scenario, server), {}).get(field)

    def verdict(ok):
        return "yes" if ok else "no"

    lines = ["| target (issue 17) | now | met |", "|---|---|---|"]
    rooms = get("rooms", "chat-server", "deliveries_per_server_cpu_s")
    rooms_floor = get("rooms", "floor", "deliveries_per_server_cpu_s")
    p99 = get("rooms", "chat-server", "latency_p99_us")
    p99_floor = get("rooms", "floor", "latency_p99_us")
    loss = get("rooms", "chat-server", "loss")
    if rooms and rooms_floor:
        lines.append(f"| rooms: deliveries per server CPU-second >= 90% of the floor's | "
                     f"{rooms / rooms_floor:.0%} | {verdict(rooms >= 0.9 * rooms_floor)} |")
    if p99 is not None and p99_floor:
        ok = p99 < 1000 or p99 <= 1.25 * p99_floor
        lines.append(f"| rooms: p99 < 1 ms, or <= 1.25x the floor's p99 | {p99 / 1000:.2f} ms "
                     f"(floor {p99_floor / 1000:.2f} ms, {p99 / p99_floor:.2f}x) | {verdict(ok)} |")
    if loss is not None:
        lines.append(f"| rooms: zero loss | {loss:.2%} | {verdict(loss == 0)} |")
    cj = get("idle", "chat-server", "connect_join_per_server_cpu_s")
    cj_floor = get("idle", "floor", "connect_join_per_server_cpu_s")
    if cj and cj_floor:
        lines.append(f"| connect+join: >= 90% of the floor per server CPU-second | {cj / cj_floor:.0%} | "
                     f"{verdict(cj >= 0.9 * cj_floor)} |")
    rate = get("idle", "chat-server", "connect_join_per_s")
    rate_floor = get("idle", "floor", "connect_join_per_s")
    if rate and rate_floor:
        applies = rate_floor >= 11000
        lines.append(f"| connect+join: >= 10 000/s where the floor reaches 11 000/s | {rate:,.0f}/s "
                     f"(floor {rate_floor:,.0f}/s) | "
                     f"{verdict(rate >= 10000) if applies else 'n/a (floor below 11 000/s)'} |")
    fan = get("fanout", "chat-server", "deliveries_per_s")
    fan_floor = get("fanout", "floor", "deliveries_per_s")
    fan_node = get("fanout", "node", "deliveries_per_s")
    if fan and fan_floor:
        lines.append(f"| fan-out: >= 95% of the floor's deliveries/s | {fan / fan_floor:.0%} | "
                     f"{verdict(fan >= 0.95 * fan_floor)} |")
    if fan and fan_node:
        lines.append(f"| fan-out: >= 25x Node socket.io | {fan / fan_node:.1f}x | {verdict(fan >= 25 * fan_node)} |")
    rss = get("idle", "chat-server", "rss_per_connection_kib")
    if rss is not None:
        lines.append(f"| idle: <= 4 KiB RSS per joined connection at 10 000 | {rss:.1f} KiB | {verdict(rss <= 4)} |")
    poll = get("polling", "chat-server", "rounds_per_server_cpu_s")
    poll_node = get("polling", "node", "rounds_per_server_cpu_s")
    if poll and poll_node:
        lines.append(f"| polling: rounds per server CPU-second >= 3x Node's own polling | {poll / poll_node:.1f}x | "
                     f"{verdict(poll >= 3 * poll_node)} |")
    two = get("rooms", "chat-server-2t", "deliveries_per_server_cpu_s")
    if rooms and two:
        lines.append(f"| rooms with 1 and 2 server threads (reported) | {rooms:,.0f} / {two:,.0f} per server CPU-second | "
                     "reported |")
    cluster = get("rooms", "chat-server-cluster", "deliveries_per_server_cpu_s")
    if rooms and cluster:
        hop = 1 - cluster / rooms
        lines.append(f"| cluster: the Redis hop costs <= 30% of a single node's deliveries per CPU-second | "
                     f"{hop:.0%} | {verdict(hop <= 0.3)} |")
    lines.append("")
    return lines


def section(runs, duration, warmup):
    now = datetime.datetime.now().astimezone()
    loads = sorted({r.get("load_before", "?") for r in runs.values()})
    out = [HEADING, "",
           f"Measured by `make bench` on {now:%Y-%m-%d %H:%M %Z}; machine: {os.cpu_count()} CPUs, "
           f"{cpu_model()}, Linux {platform.release()}. Each server runs alone pinned to CPU 0, "
           f"the generator `chat-bench` pinned to CPU 1; a fresh server process per run; "
           f"{duration:g} s measured after {warmup:g} s of warm-up. chat-server runs with "
           "`--storage memory --message-rate 0 --threads 1` (all WebSocket I/O on the main "
           "thread) and the epoll event loop; \"chat-server, Qt loop\" is the same with "
           "`CHAT_EVENT_DISPATCHER=qt`; \"chat-server, 2 I/O threads\" runs `--threads 2` on "
           "CPUs 0 and 1, sharing CPU 1 with the generator (the scaling curve: compare its "
           "deliveries per server CPU-second). With `BENCH_REPEAT=N` every scenario runs N "
           "times per server, in rounds, and each column is the run with the median of the "
           "scenario's main figure (its range is given). The peers implement only "
           "`join_room` and `send_message` (no history, no presence): chat-server does more per "
           "join. \"floor\" is `bench/floor/floor-server`: the same frames and system calls as a "
           "lean chat-server (one read per readable connection, one write per connection and "
           "turn, presence included) with no chat logic at all: what the kernel alone costs on "
           "this machine, the ceiling for any server's figures per CPU-second.",
           "",
           "The machine is shared: load averages (1, 5, 15 min) just before the runs were "
           + ", ".join(f"`{l}`" for l in loads) + " (per run in `build/dev/bench-results`). "
           "On a loaded machine every number is lower, the servers' alike.",
           "",
           "### fanout: 1 room, 1000 subscribers, 1 publisher keeping 64 messages in flight",
           ""]
    out += table(runs, "fanout", [
        ("deliveries/s", lambda r, _: fmt(r.get("deliveries_per_s"))),
        ("runs (range of deliveries/s)", lambda r, _: repeats(r, "fanout")),
        ("vs Node", lambda r, rs: ratio(rs, "fanout", "deliveries_per_s", r)),
        ("of the floor", lambda r, rs: ratio(rs, "fanout", "deliveries_per_s", r, "floor")),
        ("deliveries per server CPU-second", lambda r, _: fmt(r.get("deliveries_per_server_cpu_s"))),
        ("latency p50 / p99 (ms)", lambda r, _: f"{fmt(ms(r.get('latency_p50_us')), 2)} / {fmt(ms(r.get('latency_p99_us')), 2)}"),
        ("lost deliveries", lambda r, _: fmt(r.get("lost_deliveries"))),
        ("generator CPU (of one core)", lambda r, _: f"{r.get('bench_cpu_fraction', 0):.0%}"),
    ], SERVERS)
    out += ["### rooms: 2000 clients in 200 rooms, each sending 1 message/s with jitter", "",
            "Loss counts the window's deliveries that had not arrived 3 s after it ended: a server "
            "that falls behind the offered 2000 messages/s loses everything by that measure.", ""]
    out += table(runs, "rooms", [
        ("deliveries/s", lambda r, _: fmt(r.get("deliveries_per_s"))),
        ("server CPU (of one core)", lambda r, _: f"{r.get('server_cpu_s', 0) / duration:.0%}"),
        ("deliveries per server CPU-second", lambda r, _: fmt(r.get("deliveries_per_server_cpu_s"))),
        ("runs (range of the above)", lambda r, _: repeats(r, "rooms")),
        ("vs Node (per CPU-second)", lambda r, rs: ratio(rs, "rooms", "deliveries_per_server_cpu_s", r)),
        ("of the floor (per CPU-second)", lambda r, rs: ratio(rs, "rooms", "deliveries_per_server_cpu_s", r, "floor")),
        ("latency p50 / p99 / p99.9 (ms)", lambda r, _: " / ".join(fmt(ms(r.get(k)), 2) for k in ("latency_p50_us", "latency_p99_us", "latency_p999_us"))),
        ("loss", lambda r, _: f"{r.get('loss', 0):.2%}"),
        ("generator CPU (of one core)", lambda r, _: f"{r.get('bench_cpu_fraction', 0):.0%}"),
    ], SERVERS)
    out += ["### idle: 10 000 connections, each joined to one of 1000 rooms", ""]
    out += table(runs, "idle", [
        ("joined", lambda r, _: fmt(r.get("still_joined"))),
        ("connect+join per second", lambda r, _: fmt(r.get("connect_join_per_s"))),
        ("runs (range of the above)", lambda r, _: repeats(r, "idle")),
        ("connect+join per server CPU-second", lambda r, _: fmt(r.get("connect_join_per_server_cpu_s"))),
        ("of the floor (per CPU-second)", lambda r, rs: ratio(rs, "idle", "connect_join_per_server_cpu_s", r, "floor")),
        ("server RSS per connection (KiB)", lambda r, _: fmt(r.get("rss_per_connection_kib"), 1)),
        ("server RSS before / after (MiB)", lambda r, _: f"{r.get('server_rss_before_kib', 0) / 1024:.0f} / {r.get('server_rss_after_kib', 0) / 1024:.0f}"),
        ("generator CPU (of one core)", lambda r, _: f"{r.get('bench_cpu_fraction', 0):.0%}"),
    ], SERVERS)
    out += ["### polling: 64 browsers on Engine.IO long-polling, rounds back to back", "",
            "A round is what a browser on socket.io-client's first transport does: the handshake "
            "GET, POST `40`, GETs until the CONNECT answer and `session`, POST `join_room`, GET "
            "its ack, POST `send_message`, GETs until its ack and the `message`, POST `1` (close); "
            "one keep-alive HTTP connection per browser, one request at a time (bench/"
            "pollingclient.h). The floor speaks WebSocket only and sits this one out.", ""]
    out += table(runs, "polling", [
        ("rounds/s", lambda r, _: fmt(r.get("rounds_per_s"))),
        ("server CPU (of one core)", lambda r, _: f"{r.get('server_cpu_s', 0) / duration:.0%}"),
        ("rounds per server CPU-second", lambda r, _: fmt(r.get("rounds_per_server_cpu_s"))),
        ("runs (range of the above)", lambda r, _: repeats(r, "polling")),
        ("vs Node (per CPU-second)", lambda r, rs: ratio(rs, "polling", "rounds_per_server_cpu_s", r)),
        ("round p50 / p99 (ms)", lambda r, _: f"{fmt(ms(r.get('round_p50_us')), 2)} / {fmt(ms(r.get('round_p99_us')), 2)}"),
        ("failed clients", lambda r, _: fmt(r.get("failed_clients"))),
        ("generator CPU (of one core)", lambda r, _: f"{r.get('bench_cpu_fraction', 0):.0%}"),
    ], SERVERS)
    out += ["### Against the issue's targets", ""]
    out += target_lines(runs)
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("results")
    parser.add_argument("doc")
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--warmup", type=float, default=2)
    args = parser.parse_args()
    runs = load(args.results)
    new = "\n".join(section(runs, args.duration, args.warmup)) + "\n"

    doc = Path(args.doc)
    text = doc.read_text() if doc.exists() else "# Benchmarks\n\n"
    pattern = re.compile(r"^" + re.escape(HEADING) + r"\n.*?(?=^## |\Z)", re.S | re.M)
    if pattern.search(text):
        text = pattern.sub(lambda _: new + "\n", text, count=1)
    else:
        text = text.rstrip("\n") + "\n\n" + new
    doc.write_text(text.rstrip("\n") + "\n")


if __name__ == "__main__":
    main()
