#!/usr/bin/env bash
# Installs what the project needs on Debian bookworm, and only what is missing.
#
#   scripts/install-deps.sh run    build and runtime dependencies (the default)
#   scripts/install-deps.sh test   the above, plus what the test suite needs, and
#                                  `npm ci` for the JavaScript interop and web tests
#   scripts/install-deps.sh bench  the run dependencies, plus the benchmark's peers (the
#                                  FastAPI/python-socketio seed stack, Node socket.io via
#                                  `npm ci` in bench/peers/node) and taskset
#
# Safe to run again and again: with everything present it changes nothing and needs no
# network. It prompts for nothing (sudo asks for a password only at a terminal), so it
# runs unattended in CI.
set -euo pipefail

mode="${1:-run}"
case "$mode" in
run | test | bench) ;;
-h | --help)
    sed -n '2,13s/^# \{0,1\}//p' "$0"
    exit 0
    ;;
*)
    echo "usage: $0 [run|test|bench]" >&2
    exit 2
    ;;
esac

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Compiler, build system, Qt 6.4 and the tools to run the client under a virtual display.
run_packages=(
    cmake ninja-build g++ make pkg-config
    qt6-base-dev qt6-websockets-dev libqt6sql6-sqlite
    # gzip for the web client the server serves (Content-Encoding: gzip).
    zlib1g-dev
    # The resume tokens' HMAC-SHA256 (libcrypto).
    libssl-dev
    qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
    libqt6svg6 qt6-translations-l10n
    libgl-dev
    # Runtime pieces libqt6gui6 only recommends: the xcb platform plugin for a real
    # window, the SVG icon engine for the icons, and a font to draw text with.
    qt6-qpa-plugins libqt6svg6 fonts-dejavu-core
    xvfb xauth
    # `make package`: CPack's DEB generator runs dpkg-shlibdeps (dpkg-dev) and file.
    dpkg-dev file
    # Compiler cache: CMakeLists.txt uses it when present (rebuilds, several checkouts).
    ccache
    # --cluster: the Redis client (hiredis, found by pkg-config).
    libhiredis-dev
    # The per-packet JSON codec (server/wire): Boost.JSON, parse and serialize.
    libboost-json1.81-dev
)
# Third-party clients for the interop tests, the formatter that `make format-check` uses,
# openssl (also the certificates of the TLS tests), and clang 14 with its sanitizer and
# libFuzzer runtimes for the `asan` preset (sanitized test suite and fuzzers).
test_packages=(
    # python-socketio's sync client: websocket-client for WebSocket, requests for polling.
    python3 python3-socketio python3-websocket python3-requests
    clang-format
    # tests/packaging: the reverse proxy and its certificate, and the validators of the
    # systemd unit, the desktop entry, the AppStream metadata and the man pages.
    nginx openssl systemd desktop-file-utils appstream groff-base
    # The `asan` preset (sanitized suite and fuzzers): clang 14 and its runtimes.
    clang-14 libclang-rt-14-dev
    chromium # tests/web: the web client in headless Chromium (driven by puppeteer-core)
    redis-server # tests/interop/js/test/cluster.test.mjs and tst_redismessagestore
)

# `make bench`: the seed stack as Debian ships it (uvicorn with its usual extras: websockets,
# uvloop, httptools), Node.js for the socket.io peer, taskset (util-linux) to pin processes.
bench_packages=(
    python3 python3-socketio python3-fastapi python3-uvicorn
    python3-websockets python3-uvloop python3-httptools
    util-linux
)

log() { echo "install-deps: $*" >&2; }

is_installed() {
    [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" == "install ok installed" ]]
}

as_root() {
    if [[ "$(id -u)" -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        if [[ -t 0 ]]; then
            sudo "$@"
        else
            # No terminal to ask for a password on (CI): never prompt, fail clearly.
            sudo -n "$@" || {
                log "sudo needs a password; run 'sudo -v' in a terminal, then run this again"
                return 1
            }
        fi
    else
        log "not root and sudo is missing: install these as root: ${missing[*]}"
        return 1
    fi
}

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    log "this script supports Debian bookworm (apt/dpkg) only"
    exit 1
fi

wanted=("${run_packages[@]}")
if [[ "$mode" == bench ]]; then
    wanted+=("${bench_packages[@]}")
fi
if [[ "$mode" == test ]]; then
    wanted+=("${test_packages[@]}")
fi
if [[ "$mode" == test || "$mode" == bench ]]; then
    # Node.js may already come from another source (e.g. nodesource, which bundles npm):
    # use it as it is. Debian's own nodejs and npm only when there is no node at all.
    if ! command -v node >/dev/null 2>&1; then
        wanted+=(nodejs npm)
    elif ! command -v npm >/dev/null 2>&1; then
        wanted+=(npm)
    fi
fi

missing=()
for pkg in "${wanted[@]}"; do
    is_installed "$pkg" || missing+=("$pkg")
done

if ((${#missing[@]} > 0)); then
    log "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # Tools only: packages such as nginx must not start their services (nginx would take
    # port 80). policy-rc.d (exit 101) is Debian's switch for that; ours only while apt
    # runs, and never over one that exists.
    policy=/usr/sbin/policy-rc.d
    own_policy=false
    if [[ ! -e "$policy" ]]; then
        as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"
        own_policy=true
    fi
    status=0
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q || status=$?
    if ((status == 0)); then
        as_root env DEBIAN_FRONTEND=noninteractive \
            apt-get install -y -q --no-install-recommends "${missing[@]}" || status=$?
    fi
    if [[ "$own_policy" == true ]]; then
        as_root rm -f "$policy"
    fi
    ((status == 0)) || exit "$status"
else
    log "all $mode packages present"
fi

# npm ci in $1 unless its node_modules matches package.json and package-lock.json already.
npm_ci() {
    local js_dir="$1"
    local lock="$js_dir/package-lock.json"
    local stamp="$js_dir/node_modules/.install-stamp"
    local want_stamp
    want_stamp="$(sha256sum "$js_dir/package.json" "$lock" | sha256sum | cut -d' ' -f1)"
    if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$want_stamp" ]]; then
        log "npm ci in ${js_dir#"$repo_root"/}"
        (cd "$js_dir" && npm ci --no-audit --no-fund </dev/null)
        echo "$want_stamp" >"$stamp"
    else
        log "${js_dir#"$repo_root"/}/node_modules up to date"
    fi
}

if [[ "$mode" == test ]]; then
    npm_ci "$repo_root/tests/interop/js"
    npm_ci "$repo_root/tests/web"
fi
if [[ "$mode" == bench ]]; then
    npm_ci "$repo_root/bench/peers/node"
fi
