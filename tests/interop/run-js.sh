#!/bin/sh
# CTest driver for the JavaScript interop tests: skips (exit 77) only when Node.js is absent.
# usage: run-js.sh   with CHAT_SERVER_BIN set to the chat-server executable
set -eu
cd "$(dirname "$0")/js"
if ! command -v node >/dev/null 2>&1; then
    echo "node not found: JavaScript interop tests skipped (scripts/install-deps.sh test installs it)"
    exit 77
fi
if [ ! -d node_modules/socket.io-client ]; then
    echo "tests/interop/js/node_modules is missing: run scripts/install-deps.sh test" >&2
    exit 1
fi
exec node --test --test-reporter=spec test/*.test.mjs
