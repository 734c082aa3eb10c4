# Thin wrapper around the CMake preset `dev` (build dir build/dev, Ninja).
# `make run` and `make test` work on a fresh Debian bookworm machine: they install what is
# missing (scripts/install-deps.sh), build, then run.

PRESET    := dev
BUILD_DIR := build/$(PRESET)
# The machines this project is built on have two cores.
JOBS      ?= 2
# ccache (see CMakeLists.txt): paths relative to the checkout, so that other checkouts of the
# tree share cached objects.
export CCACHE_BASEDIR := $(CURDIR)
export CCACHE_NOHASHDIR := 1

.PHONY: all deps deps-test deps-bench configure build test test-asan test-tsan run package bench bench-storage screenshots format format-check clean help

all: build

help:
	@echo "make run           install what is missing, build, start the server (+ a client window)"
	@echo "make test          install what is missing (incl. test tools), build, run every test,"
	@echo "                   then the ASan+UBSan suite and the fuzzers (make test-asan), then the"
	@echo "                   server suites under ThreadSanitizer (make test-tsan)"
	@echo "make test-asan     build with the 'asan' preset (clang 14), run the sanitized suite and"
	@echo "                   each libFuzzer target for 30 s"
	@echo "make test-tsan     build the server suites with the 'tsan' preset (clang 14) and run"
	@echo "                   them with 4 I/O threads under ThreadSanitizer"
	@echo "make build         configure and build with the CMake preset '$(PRESET)'"
	@echo "make package       build the chat-server and chat-client .deb files into $(BUILD_DIR)/packages"
	@echo "make bench-storage acknowledged messages/s with SQLite vs memory storage (docs/benchmarks.md)"
	@echo "make deps          install build/runtime packages that are missing"
	@echo "make deps-test     the above plus the test dependencies"
	@echo "make bench         throughput benchmark vs Node socket.io and the Python seed stack"
	@echo "                   (3 rounds, about 20 minutes; BENCH_REPEAT=1 for one; writes"
	@echo "                   docs/benchmarks.md)"
	@echo "make screenshots   render the client's windows under Xvfb into docs/screenshots/"
	@echo "make format        clang-format the tracked C++ sources in place"
	@echo "make format-check  fail if any tracked C++ source is not clang-formatted"
	@echo "make clean         remove build/"

deps:
	scripts/install-deps.sh run

deps-test:
	scripts/install-deps.sh test

deps-bench:
	scripts/install-deps.sh bench

# Configure once; afterwards Ninja re-runs CMake by itself when a CMakeLists.txt changes.
configure:
	@test -f $(BUILD_DIR)/build.ninja || cmake --preset $(PRESET)

build: configure
	cmake --build --preset $(PRESET) -j $(JOBS)

# Steps run in order even under `make -j`.
test:
	$(MAKE) deps-test
	$(MAKE) build
	ctest --preset $(PRESET) -j $(JOBS)
	$(MAKE) test-asan
	$(MAKE) test-tsan

# The same suite under ASan+UBSan (interop tests excluded), then the fuzzers; one clang
# build in build/asan serves both (see CMakePresets.json).
test-asan:
	$(MAKE) deps-test
	@test -f build/asan/build.ninja || cmake --preset asan
	cmake --build --preset asan -j $(JOBS)
	ctest --preset asan -j $(JOBS)
	ctest --preset fuzz -j $(JOBS)

# The server suites that run I/O threads (ChatServer, IoWorkerPool) under ThreadSanitizer,
# with 4 I/O threads (CHAT_TEST_THREADS); only their targets are built, into build/tsan.
test-tsan:
	$(MAKE) deps-test
	@test -f build/tsan/build.ninja || cmake --preset tsan
	cmake --build --preset tsan -j $(JOBS)
	ctest --preset tsan -j $(JOBS)

# Both .deb packages (CPack, packaging/CMakeLists.txt) into $(BUILD_DIR)/packages/.
package:
	$(MAKE) deps
	$(MAKE) build
	cd $(BUILD_DIR) && cpack

# Every scenario of bench/chat-bench against chat-server and its peers (bench/run.sh).
bench:
	$(MAKE) deps-bench
	$(MAKE) build
	BENCH_REPEAT=$${BENCH_REPEAT:-3} bench/run.sh $(BUILD_DIR)

run:
	$(MAKE) deps
	$(MAKE) build
	scripts/run.sh $(BUILD_DIR)

bench-storage:
	$(MAKE) deps
	$(MAKE) build
	$(BUILD_DIR)/bench/storage/storage-bench

# The main window, room picker and settings dialog with a scripted conversation against an
# in-process server, rendered under a virtual X display (tests/desktop-client/screenshots.cpp),
# and the web client in headless Chromium (tests/web/screenshots.mjs).
screenshots:
	$(MAKE) deps-test
	$(MAKE) build
	xvfb-run -a -s "-screen 0 2200x1200x24" $(BUILD_DIR)/tests/desktop-client/chat-screenshots \
		--out docs/screenshots --composite docs/screenshot.png
	CHAT_SERVER_BIN=$(BUILD_DIR)/server/chat-server node tests/web/screenshots.mjs --out docs/screenshots

CXX_SOURCES = git ls-files -z -- '*.cpp' '*.h'

format:
	$(CXX_SOURCES) | xargs -0 -r clang-format -i

format-check:
	$(CXX_SOURCES) | xargs -0 -r clang-format --dry-run --Werror

clean:
	rm -rf build
