#!/bin/sh
# CTest driver for the browser tests: the web client in headless Chromium against the real
# chat-server. Skips (exit 77) only when Node.js is absent, like tests/interop/run-js.sh;
# a missing Chromium or node_modules is a failure (scripts/install-deps.sh test brings both).
# usage: run.sh   with CHAT_SERVER_BIN set to the chat-server executable
set -eu
cd "$(dirname "$0")"
if ! command -v node >/dev/null 2>&1; then
    echo "node not found: web client tests skipped (scripts/install-deps.sh test installs it)"
    exit 77
fi
for module in node_modules/puppeteer-core ../interop/js/node_modules/socket.io-client; do
    if [ ! -d "$module" ]; then
        echo "tests/web: $module is missing: run scripts/install-deps.sh test" >&2
        exit 1
    fi
done
chromium="${CHROMIUM_BIN:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
    echo "tests/web: $chromium is missing: run scripts/install-deps.sh test" >&2
    exit 1
fi
exec node --test --test-reporter=spec --test-concurrency=1 test/*.test.mjs
