"""Regression guard for the bench (bench/): every chat-bench scenario runs for about a
second, small, against chat-server, and the WebSocket scenarios also against the floor
(bench/floor, which must stay able to serve any load generator). A scenario fails when it
reports an error or loses a message. Not a timing test: no figure is compared with
anything; `make bench` measures."""

import json
import os
import subprocess
import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "packaging"))
from chatprocess import HOST, ServerProcess, free_port, wait_until  # noqa: E402

BENCH = os.environ["CHAT_BENCH_BIN"]
SERVER = os.environ["CHAT_SERVER_BIN"]
FLOOR = os.environ["CHAT_FLOOR_BIN"]

# Small versions of bench/run.sh's scenarios: (name, extra chat-bench arguments).
SCENARIOS = {
    "fanout": ["--subscribers", "50", "--in-flight", "8"],
    "rooms": ["--clients", "100", "--rooms", "10", "--rate", "5"],
    "idle": ["--connections", "200", "--rooms", "20", "--concurrency", "32"],
    "polling": ["--clients", "8"],
}


def run_bench(port, pid, scenario):
    """chat-bench's JSON result for @scenario against the server on @port (process @pid)."""
    command = [BENCH, "--port", str(port), "--server-pid", str(pid), "--scenario", scenario,
               "--duration-s", "1", "--warmup-s", "0.3"] + SCENARIOS[scenario]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)
    lines = done.stdout.strip().splitlines()
    if not lines:
        raise AssertionError(f"chat-bench printed nothing (exit {done.returncode}): {done.stderr}")
    return done.returncode, json.loads(lines[-1])


class BenchScenarios(unittest.TestCase):
    def check(self, scenario, code, result):
        self.assertNotIn("error", result, result)
        self.assertEqual(code, 0, result)
        if scenario == "fanout":
            self.assertGreater(result["deliveries"], 0, result)
            self.assertEqual(result["lost_deliveries"], 0, result)
        elif scenario == "rooms":
            self.assertGreater(result["deliveries"], 0, result)
            self.assertEqual(result["deliveries"], result["deliveries_expected"], result)
            self.assertEqual(result["loss"], 0, result)
        elif scenario == "idle":
            self.assertEqual(result["still_joined"], 200, result)
        elif scenario == "polling":
            self.assertGreater(result["rounds"], 0, result)
            self.assertEqual(result["failed_clients"], 0, result)

    def test_chat_server(self):
        for scenario in SCENARIOS:
            with self.subTest(scenario=scenario):
                server = ServerProcess(SERVER, ["--storage", "memory", "--message-rate", "0",
                                                "--max-connections", "0",
                                                "--max-connections-per-ip", "0"])
                try:
                    server.start()
                    code, result = run_bench(server.port, server.process.pid, scenario)
                    self.check(scenario, code, result)
                finally:
                    server.stop()
                    server.cleanup()

    def test_floor(self):
        for scenario in ("fanout", "rooms", "idle"):
            with self.subTest(scenario=scenario):
                port = free_port()
                floor = subprocess.Popen([FLOOR, "--port", str(port)], stdin=subprocess.DEVNULL,
                                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                try:
                    wait_until(lambda: self.accepts(port), what="floor-server listening")
                    code, result = run_bench(port, floor.pid, scenario)
                    self.check(scenario, code, result)
                finally:
                    floor.kill()
                    floor.wait(timeout=10)

    @staticmethod
    def accepts(port):
        import socket

        try:
            with socket.create_connection((HOST, port), timeout=1):
                return True
        except OSError:
            return False


if __name__ == "__main__":
    unittest.main()
