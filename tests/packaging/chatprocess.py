"""Helpers shared by the packaging and reverse-proxy tests: a chat-server process on a
free loopback port, polling with a deadline, and a python-socketio round trip."""

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.error
import urllib.request

HOST = "127.0.0.1"
TIMEOUT = 10.0


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def wait_until(condition, timeout=TIMEOUT, interval=0.05, what="condition"):
    """Polls condition() until it returns something true; AssertionError at the deadline."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


def http_get(url, timeout=2.0, context=None):
    """GET url -> (status, body text); HTTP errors are answers too, OSError is not."""
    try:
        with urllib.request.urlopen(url, timeout=timeout, context=context) as res:
            return res.status, res.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


class ServerProcess:
    """chat-server (any binary path, e.g. an unpacked package's) on a free loopback port
    with a throw-away data directory. `wrapper` is prepended to the command line."""

    def __init__(self, binary, extra_args=(), wrapper=(), env=None):
        self.binary = binary
        self.extra_args = list(extra_args)
        self.wrapper = list(wrapper)
        self.env = env
        self.data_dir = tempfile.mkdtemp(prefix="chat-pkg-data-")
        self.log = tempfile.TemporaryFile(mode="w+")
        self.process = None
        self.port = 0

    def start(self, attempts=3):
        for attempt in range(attempts):
            self.port = free_port()
            self.process = subprocess.Popen(
                self.wrapper + [self.binary, "--host", HOST, "--port", str(self.port),
                                "--data-dir", self.data_dir] + self.extra_args,
                stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT,
                env=self.env)
            try:
                wait_until(self._healthy, what=f"chat-server on port {self.port}")
                return self
            except AssertionError:
                if self.process.poll() is None:
                    self.process.kill()
                self.process.wait(timeout=TIMEOUT)
                if attempt == attempts - 1:
                    raise AssertionError("chat-server did not start:\n" + self.output())
        return self

    def _healthy(self):
        if self.process.poll() is not None:
            raise AssertionError("chat-server exited during start-up:\n" + self.output())
        try:
            return http_get(f"http://{HOST}:{self.port}/health", timeout=1.0)[0] == 200
        except OSError:
            return False

    def stop(self, timeout=TIMEOUT):
        """SIGTERM; the exit code, or None when it had to be killed."""
        if self.process is None:
            return 0
        process, self.process = self.process, None
        process.send_signal(signal.SIGTERM)
        try:
            return process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=TIMEOUT)
            return None

    def output(self):
        self.log.flush()
        self.log.seek(0)
        return self.log.read()

    def cleanup(self):
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=TIMEOUT)
            self.process = None
        self.log.close()
        shutil.rmtree(self.data_dir, ignore_errors=True)


def chat_round_trip(url, room, ssl_verify=True, transports=("websocket",)):
    """Connects python-socketio to url (http(s)://host:port, over @transports: None for
    its default, polling then the upgrade), joins
    room, sends a message and waits for it to come back as a `message` event. Returns
    (session, join reply, message event)."""
    import socketio  # Debian's python3-socketio

    sio = socketio.Client(reconnection=False, ssl_verify=ssl_verify)
    received = []
    arrived = threading.Event()
    session = {}

    @sio.on("session")
    def on_session(data):
        session.update(data)

    @sio.on("message")
    def on_message(data):
        received.append(data)
        arrived.set()

    sio.connect(url, transports=list(transports) if transports else None, wait_timeout=TIMEOUT)
    try:
        wait_until(lambda: session, what="the session event")
        joined = sio.call("join_room", {"room": room}, timeout=TIMEOUT)
        sent = sio.call("send_message", {"room": room, "text": "hello through the stack"},
                        timeout=TIMEOUT)
        if not sent.get("ok"):
            raise AssertionError(f"send_message failed: {sent}")
        if not arrived.wait(TIMEOUT):
            raise AssertionError("the message event did not arrive")
        return dict(session), joined, received[0]
    finally:
        sio.disconnect()


def mdwe_wrapper():
    """A command prefix that runs a program with PR_SET_MDWE (refuse memory that is both
    writable and executable, as systemd's MemoryDenyWriteExecute=yes does), or [] when
    the kernel does not support it (before Linux 6.3)."""
    probe = subprocess.run(
        ["/usr/bin/python3", "-c",
         "import ctypes,sys; sys.exit(0 if ctypes.CDLL(None).prctl(65, 1, 0, 0, 0) == 0 else 1)"],
        capture_output=True)
    if probe.returncode != 0:
        return []
    return ["/usr/bin/python3", os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                             "mdwe_exec.py")]
