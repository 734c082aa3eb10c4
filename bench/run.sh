#!/usr/bin/env bash
# `make bench`: every scenario of chat-bench against chat-server and its peers, one fresh
# server process per run, the server pinned to CPU 0 and the generator to CPU 1; then the
# table goes into docs/benchmarks.md ("## Server throughput (issue 7)").
#
#   bench/run.sh [BUILD_DIR]        (default build/dev; chat-server and chat-bench built)
#
# Environment: BENCH_SERVERS (default "chat-server chat-server-qt chat-server-2t floor node
# python"; floor is bench/floor: the kernel's share alone, no chat logic; chat-server-base is
# the chat-server binary named by BENCH_BASE_SERVER_BIN, e.g. a build of an earlier commit,
# run like chat-server: before/after figures of a change in one run),
# BENCH_SCENARIOS ("fanout rooms idle polling"; the floor speaks WebSocket only and sits out
# polling), BENCH_DURATION_S (10), BENCH_WARMUP_S (2),
# BENCH_CONNECTIONS (10000), BENCH_REPEAT (1; the report takes each scenario's median run),
# BENCH_NO_REPORT=1 to leave docs/benchmarks.md alone. chat-server-cluster (not in the
# default list): two chat-server nodes on one redis-server (--cluster), the generator's
# connections spread over both, so that half the deliveries take the hop through Redis;
# the CPU figures are of both nodes and redis-server together, the memory figures the first
# node's.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="$(cd "${1:-$repo_root/build/dev}" && pwd)"
servers="${BENCH_SERVERS:-chat-server chat-server-qt chat-server-2t floor node python}"
scenarios="${BENCH_SCENARIOS:-fanout rooms idle polling}"
duration="${BENCH_DURATION_S:-10}"
warmup="${BENCH_WARMUP_S:-2}"
connections="${BENCH_CONNECTIONS:-10000}"
repeat="${BENCH_REPEAT:-1}"
port="${BENCH_PORT:-18700}"

bench_bin="$build_dir/bench/chat-bench"
server_bin="$build_dir/server/chat-server"
for bin in "$bench_bin" "$server_bin" "$build_dir/bench/floor-server"; do
    [[ -x "$bin" ]] || { echo "bench: $bin is missing; build first (make build)" >&2; exit 1; }
done

results="$build_dir/bench-results"
rm -rf "$results"
mkdir -p "$results"
data_dir="$(mktemp -d)"
server_pid=""
extra_pids="" # chat-server-cluster: the second node and redis-server
port2=0

cleanup() {
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        kill -KILL "$server_pid" 2>/dev/null || true
    fi
    for pid in $extra_pids; do
        kill -KILL "$pid" 2>/dev/null || true
    done
    rm -rf "$data_dir"
}
trap cleanup EXIT

# 10 000 connections need more descriptors than the usual soft limit of 1024, in the
# servers (started from here) and in the generator.
ulimit -n "$(ulimit -Hn)"

# Server on CPU 0, generator on CPU 1; on a single-CPU machine both share CPU 0.
server_cpu=0
bench_cpu=1
if [[ "$(nproc)" -lt 2 ]]; then
    bench_cpu=0
fi

start_server() {
    local name="$1"
    case "$name" in
    chat-server | chat-server-qt | chat-server-2t | chat-server-base)
        # One I/O thread on one CPU (the per-core figures); chat-server-2t: two I/O threads
        # on CPUs 0 and 1, sharing CPU 1 with the generator (the scaling curve).
        local dispatcher=epoll threads=1 cpus="$server_cpu" bin="$server_bin"
        [[ "$name" == chat-server-qt ]] && dispatcher=qt
        [[ "$name" == chat-server-2t ]] && threads=2 && cpus="$server_cpu,$bench_cpu"
        [[ "$name" == chat-server-base ]] && bin="${BENCH_BASE_SERVER_BIN:?BENCH_BASE_SERVER_BIN is not set}"
        # Every generated client is 127.0.0.1, and the per-address cap covers loopback: off.
        CHAT_EVENT_DISPATCHER="$dispatcher" taskset -c "$cpus" "$bin" \
            --port "$port" --storage memory --message-rate 0 --data-dir "$data_dir" \
            --threads "$threads" --max-connections 0 --max-connections-per-ip 0 \
            2>>"$results/$name.log" &
        ;;
    chat-server-cluster)
        local redis_port=$((port + 1000))
        port2=$((port + 500))
        printf 'chat-bench cluster secret 0123456789\n' >"$data_dir/cluster-secret"
        redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no \
            --dir "$data_dir" >>"$results/$name-redis.log" 2>&1 &
        extra_pids="$!"
        for _ in $(seq 1 100); do
            (exec 3<>"/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null && break
            sleep 0.1
        done
        local cluster_args=(--storage memory --message-rate 0 --threads 1 --max-connections 0
            --max-connections-per-ip 0
            --cluster "redis://127.0.0.1:$redis_port/0"
            --token-secret-file "$data_dir/cluster-secret")
        CHAT_EVENT_DISPATCHER=epoll taskset -c "$bench_cpu" "$server_bin" --port "$port2" \
            --data-dir "$data_dir/node2" "${cluster_args[@]}" 2>>"$results/$name.log" &
        extra_pids="$extra_pids $!"
        CHAT_EVENT_DISPATCHER=epoll taskset -c "$server_cpu" "$server_bin" --port "$port" \
            --data-dir "$data_dir/node1" "${cluster_args[@]}" 2>>"$results/$name.log" &
        ;;
    floor)
        taskset -c "$server_cpu" "$build_dir/bench/floor-server" --port "$port" \
            2>>"$results/$name.log" &
        ;;
    node)
        taskset -c "$server_cpu" node "$repo_root/bench/peers/node/server.mjs" "$port" \
            2>>"$results/$name.log" &
        ;;
    python)
        taskset -c "$server_cpu" /usr/bin/python3 "$repo_root/bench/peers/python/server.py" \
            "$port" 2>>"$results/$name.log" &
        ;;
    *)
        echo "bench: unknown server '$name'" >&2
        exit 2
        ;;
    esac
    server_pid=$!
    # Ready when the port accepts connections (polling with a deadline); a cluster when
    # both nodes' /health say they reached Redis.
    for _ in $(seq 1 200); do
        if [[ "$name" == chat-server-cluster ]]; then
            if /usr/bin/python3 -c 'import sys, urllib.request
for p in sys.argv[1:]:
    urllib.request.urlopen(f"http://127.0.0.1:{p}/health", timeout=1)' "$port" "$port2" \
                2>/dev/null; then
                return 0
            fi
        elif (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            return 0
        fi
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "bench: $name did not start (see $results/$name.log)" >&2
    return 1
}

stop_server() {
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 50); do
        kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
    for pid in $extra_pids; do
        kill -TERM "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    extra_pids=""
    port2=0
    port=$((port + 1)) # a fresh port: no TIME_WAIT leftovers in the next run's way
}

# Rounds outermost: the repeats of one server are spread over the whole run, so that a
# passing disturbance of the shared machine does not hit all of them.
for round in $(seq 1 "$repeat"); do
for scenario in $scenarios; do
    for server in $servers; do
        [[ "$scenario" == polling && "$server" == floor ]] && continue
        echo "bench: $scenario against $server (round $round of $repeat)" >&2
        start_server "$server"
        load="$(cut -d' ' -f1-3 /proc/loadavg)"
        out="$results/$scenario-$server-$round.json"
        if ! taskset -c "$bench_cpu" "$bench_bin" --port "$port" --port2 "$port2" \
            --server-pid "$server_pid${extra_pids:+,${extra_pids// /,}}" \
            --scenario "$scenario" --duration-s "$duration" --warmup-s "$warmup" \
            --connections "$connections" >"$out.tmp"; then
            echo "bench: $scenario against $server failed: $(cat "$out.tmp")" >&2
        fi
        # Annotate the generator's line with the run's context.
        /usr/bin/python3 - "$out.tmp" "$out" "$server" "$load" <<'PY'
import json, sys
src, dst, server, load = sys.argv[1:5]
try:
    result = json.loads(open(src).read().strip().splitlines()[-1])
except (IndexError, ValueError):
    result = {"error": "no result"}
result.update({"server": server, "load_before": load})
json.dump(result, open(dst, "w"))
PY
        rm -f "$out.tmp"
        stop_server
        echo "bench:   $(cat "$out")" >&2
    done
done
done

if [[ "${BENCH_NO_REPORT:-0}" != 1 ]]; then
    /usr/bin/python3 "$repo_root/bench/report.py" "$results" "$repo_root/docs/benchmarks.md" \
        --duration "$duration" --warmup "$warmup"
    echo "bench: results written to docs/benchmarks.md" >&2
fi
