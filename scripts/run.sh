#!/usr/bin/env bash
# Starts the built chat-server on 127.0.0.1:8000 and, when a display is available, one
# desktop client in the room "lobby". Ctrl+C stops both; closing the window stops the server.
#
#   scripts/run.sh [BUILD_DIR]        (default build/dev; `make run` builds first)
#
# Environment: CHAT_HOST (127.0.0.1), CHAT_PORT (8000), CHAT_DATA_DIR (BUILD_DIR/run-data),
# CHAT_ROOM (lobby).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${1:-$repo_root/build/dev}"
host="${CHAT_HOST:-127.0.0.1}"
port="${CHAT_PORT:-8000}"
data_dir="${CHAT_DATA_DIR:-$build_dir/run-data}"
room="${CHAT_ROOM:-lobby}"

server_bin="$build_dir/server/chat-server"
client_bin="$build_dir/desktop-client/chat-client"

if [[ ! -x "$server_bin" ]]; then
    echo "run: $server_bin not found; build first (make build)" >&2
    exit 1
fi

mkdir -p "$data_dir"

server_pid=""
client_pid=""

stop() {
    trap - INT TERM EXIT
    if [[ -n "$client_pid" ]] && kill -0 "$client_pid" 2>/dev/null; then
        kill -TERM "$client_pid" 2>/dev/null || true
    fi
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        echo "run: stopping chat-server" >&2
        kill -TERM "$server_pid" 2>/dev/null || true
    fi
    # The server shuts down gracefully on SIGTERM; give it a bounded time to do so.
    for _ in $(seq 1 100); do
        [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null || break
        sleep 0.1
    done
    if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
        echo "run: chat-server did not stop in 10 s; killing it" >&2
        kill -KILL "$server_pid" 2>/dev/null || true
    fi
    wait 2>/dev/null || true
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM
trap stop EXIT

echo "run: chat-server on $host:$port, data in $data_dir" >&2
"$server_bin" --host "$host" --port "$port" --data-dir "$data_dir" &
server_pid=$!

# Wait (bounded) until the server answers GET /health. Plain bash: no curl needed.
health_ok() {
    timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2" &&
        printf "GET /health HTTP/1.1\r\nHost: %s:%s\r\nConnection: close\r\n\r\n" "$1" "$2" >&3 &&
        head -n 1 <&3 | grep -q " 200"' _ "$host" "$port" 2>/dev/null
}
health_url="http://$host:$port/health"
ready=""
for _ in $(seq 1 100); do
    if ! kill -0 "$server_pid" 2>/dev/null; then
        wait "$server_pid" || true
        echo "run: chat-server exited during start-up (is port $port already in use?)" >&2
        server_pid=""
        exit 1
    fi
    if health_ok; then
        ready=1
        break
    fi
    sleep 0.1
done
if [[ -z "$ready" ]]; then
    echo "run: chat-server did not answer $health_url within 10 s" >&2
    exit 1
fi
echo "run: chat-server ready: ws://$host:$port (health: $health_url)" >&2
# The one line to copy: open it in a browser, share it with ?room=NAME.
echo "run: web client: http://$host:$port/?room=$room"

if [[ -n "${DISPLAY:-}" ]]; then
    if [[ ! -x "$client_bin" ]]; then
        echo "run: $client_bin not found; running the server alone" >&2
    else
        echo "run: starting chat-client in room '$room'; close it or press Ctrl+C to stop" >&2
        "$client_bin" --server "ws://$host:$port" --room "$room" &
        client_pid=$!
    fi
else
    echo "run: no display found (DISPLAY is unset): running headless, server only." >&2
    echo "run: connect any Socket.IO v5 client to ws://$host:$port, or a plain WebSocket" >&2
    echo "run: to ws://$host:$port/ws?room=$room; Ctrl+C stops it" >&2
fi

# Return as soon as either process ends (or on Ctrl+C, through the trap).
if [[ -n "$client_pid" ]]; then
    wait -n "$server_pid" "$client_pid" || true
    if ! kill -0 "$server_pid" 2>/dev/null; then
        echo "run: chat-server exited" >&2
        server_pid=""
    fi
else
    status=0
    wait "$server_pid" || status=$?
    server_pid=""
    echo "run: chat-server exited with status $status" >&2
    exit "$status"
fi
