"""python-socketio (Debian's python3-socketio, WebSocket transport) against the real server.

Run with Debian's interpreter, which sees the python3-* packages:
    CHAT_SERVER_BIN=build/dev/server/chat-server /usr/bin/python3 -m unittest -v test_interop
"""

import itertools
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.request

import socketio

HOST = "127.0.0.1"
TIMEOUT = 5.0
TS = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def http_get(port, path, timeout=3.0):
    """GET http://HOST:port/path -> (status, body text); HTTP errors are answers too."""
    try:
        with urllib.request.urlopen(f"http://{HOST}:{port}{path}", timeout=timeout) as res:
            return res.status, res.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


def wait_until(condition, timeout=TIMEOUT, interval=0.02, what="condition"):
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


class ChatServer:
    """The chat-server binary on a free loopback port, with a throw-away data directory."""

    def __init__(self, storage="memory"):
        self.storage = storage
        self.binary = os.environ.get("CHAT_SERVER_BIN")
        if not self.binary:
            raise RuntimeError("CHAT_SERVER_BIN is not set (path to the chat-server executable)")
        self.data_dir = tempfile.mkdtemp(prefix="chat-interop-py-")
        self.log = tempfile.TemporaryFile(mode="w+")
        self.process = None
        self.port = 0

    @property
    def url(self):
        return f"http://{HOST}:{self.port}"

    def start(self, attempts=5, port=0):
        # The free port may be taken before the server binds it: try another one then.
        for attempt in range(1 if port else attempts):
            self.port = port or free_port()
            self.process = subprocess.Popen(
                [self.binary, "--host", HOST, "--port", str(self.port),
                 "--storage", self.storage, "--data-dir", self.data_dir, "--message-rate", "0",
                 # Every test client is 127.0.0.1; the per-address cap applies to loopback.
                 "--max-connections-per-ip", "10000"],
                stdin=subprocess.DEVNULL, stdout=self.log, stderr=subprocess.STDOUT)
            try:
                wait_until(self._healthy, timeout=15.0,
                           what=f"chat-server on port {self.port} to answer /health")
                return
            except AssertionError:
                if self.process.poll() is None:
                    self.process.kill()
                self.process.wait(timeout=TIMEOUT)
                if port or attempt == attempts - 1:
                    raise AssertionError("chat-server did not start:\n" + self.output())

    def _healthy(self):
        if self.process.poll() is not None:
            raise AssertionError("chat-server exited during start-up:\n" + self.output())
        try:
            return http_get(self.port, "/health", timeout=1.0)[0] == 200
        except OSError:
            return False

    def stop(self, timeout=10.0):
        """SIGTERM, then the exit code (None if it had to be killed)."""
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
        self.log.close()
        shutil.rmtree(self.data_dir, ignore_errors=True)


class Client:
    """A socketio.Client that records every event, so a test can wait for one that may
    already have arrived."""

    def __init__(self, **options):
        self.sio = socketio.Client(reconnection=False, **options)
        self.events = []  # [name, data, taken]
        self.cond = threading.Condition()
        self.session = None
        self.sio.on("*", self._record)

    def _record(self, name, *args):
        with self.cond:
            self.events.append([name, args[0] if args else None, False])
            self.cond.notify_all()

    def connect(self, url, transports=("websocket",), auth=None):
        """transports None: python-socketio's default (polling, then the upgrade)."""
        self.sio.connect(url, transports=list(transports) if transports else None,
                         auth=auth, wait_timeout=TIMEOUT)
        self.session = self.next("session")
        return self

    @property
    def user_id(self):
        return self.session["user_id"]

    def next(self, name, predicate=lambda data: True, timeout=TIMEOUT):
        """The oldest not-yet-taken `name` event whose data satisfies predicate."""
        deadline = time.monotonic() + timeout
        with self.cond:
            while True:
                for entry in self.events:
                    if not entry[2] and entry[0] == name and predicate(entry[1]):
                        entry[2] = True
                        return entry[1]
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"timed out after {timeout} s waiting for event {name!r}")
                self.cond.wait(remaining)

    def all(self, name):
        with self.cond:
            return [data for (n, data, _) in self.events if n == name]

    def request(self, event, data):
        """Emits with an ack (python-socketio numbers them from 1) and returns the reply."""
        return self.sio.call(event, data, timeout=TIMEOUT)

    def close(self):
        if self.sio.connected:
            self.sio.disconnect()


_rooms = itertools.count(1)


def unique_room(prefix="Room"):
    """A room name no other test uses, in mixed case: the server answers in lower case."""
    return f"{prefix}-Py-{os.getpid()}-{next(_rooms)}"


class InteropTest(unittest.TestCase):
    server = None

    @classmethod
    def setUpClass(cls):
        cls.server = ChatServer()
        try:
            cls.server.start()
        except BaseException:
            cls.server.cleanup()
            raise

    @classmethod
    def tearDownClass(cls):
        try:
            code = cls.server.stop()
            if code != 0:
                raise AssertionError(
                    f"chat-server exited with {code} after SIGTERM, expected 0:\n"
                    + cls.server.output())
        finally:
            cls.server.cleanup()

    def setUp(self):
        self.clients = []

    def tearDown(self):
        for client in self.clients:
            client.close()

    def connect(self):
        client = Client()
        self.clients.append(client)
        return client.connect(self.server.url)

    def assert_error(self, ack, code):
        self.assertIs(ack.get("ok"), False, ack)
        self.assertEqual(ack["error"]["code"], code, ack)
        self.assertIsInstance(ack["error"]["message"], str)

    def pair_in_room(self):
        a = self.connect()
        b = self.connect()
        name = unique_room()
        room = name.lower()
        self.assertTrue(a.request("join_room", {"room": name})["ok"])
        self.assertTrue(b.request("join_room", {"room": name})["ok"])
        a.next("user_joined", lambda e: e["room"] == room and e["user_id"] == b.user_id)
        return a, b, room

    def assert_message(self, message, room, user, text):
        self.assertEqual(message["room"], room)
        self.assertIsInstance(message["seq"], int)
        self.assertGreaterEqual(message["seq"], 1)
        self.assertIsInstance(message["id"], str)
        self.assertTrue(message["id"])
        self.assertEqual(message["user_id"], user.user_id)
        self.assertEqual(message["handle"], user.session["handle"])
        self.assertEqual(message["text"], text)
        self.assertRegex(message["ts"], TS)

    # --- identity ---------------------------------------------------------------------

    def test_connect_receives_new_session(self):
        client = self.connect()
        self.assertEqual(client.sio.transport(), "websocket")
        s = client.session
        for key in ("user_id", "handle", "token"):
            self.assertIsInstance(s[key], str, key)
            self.assertTrue(s[key], key)
        self.assertIs(s["resumed"], False)

    def test_token_in_auth_resumes_the_identity(self):
        first = self.connect()
        again = Client()
        self.clients.append(again)
        again.sio.connect(self.server.url, transports=["websocket"], wait_timeout=TIMEOUT,
                          auth={"token": first.session["token"]})
        session = again.next("session")
        self.assertIs(session["resumed"], True, session)
        self.assertEqual(session["user_id"], first.user_id)
        self.assertEqual(session["handle"], first.session["handle"])

    # --- rooms ------------------------------------------------------------------------

    def test_two_clients_join_the_same_room(self):
        a = self.connect()
        b = self.connect()
        name = unique_room("Lobby")
        room = name.lower()

        ack_a = a.request("join_room", {"room": name})  # python's first ack id is 1
        self.assertIs(ack_a["ok"], True, ack_a)
        self.assertEqual(ack_a["room"], room)
        self.assertEqual([m["user_id"] for m in ack_a["members"]], [a.user_id])
        self.assertEqual(ack_a["history"], [])
        self.assertEqual(ack_a["last_seq"], 0)

        ack_b = b.request("join_room", {"room": name.upper()})
        self.assertIs(ack_b["ok"], True, ack_b)
        self.assertEqual(ack_b["room"], room)
        self.assertEqual(sorted(m["user_id"] for m in ack_b["members"]),
                         sorted([a.user_id, b.user_id]))
        self.assertEqual(ack_b["history"], [])
        self.assertEqual(ack_b["last_seq"], 0)

        joined = a.next("user_joined", lambda e: e["room"] == room)
        self.assertEqual(joined["user_id"], b.user_id)
        self.assertEqual(joined["handle"], b.session["handle"])
        self.assertRegex(joined["ts"], TS)

    def test_send_message_is_acked_and_delivered(self):
        a, b, room = self.pair_in_room()

        ack = a.request("send_message", {"room": room, "text": "hello from python",
                                         "client_id": "c-py-1"})
        self.assertIs(ack["ok"], True, ack)
        message = ack["message"]
        self.assert_message(message, room, a, "hello from python")
        self.assertEqual(message["client_id"], "c-py-1")

        at_b = b.next("message", lambda m: m["room"] == room)
        self.assertEqual(at_b["seq"], message["seq"])
        self.assertEqual(at_b["id"], message["id"])
        self.assert_message(at_b, room, a, "hello from python")
        self.assertEqual(a.next("message", lambda m: m["room"] == room)["id"], message["id"])

        second = b.request("send_message", {"room": room, "text": "reply"})
        self.assertIs(second["ok"], True, second)
        self.assertEqual(second["message"]["seq"], message["seq"] + 1)
        at_a = a.next("message", lambda m: m["room"] == room)
        self.assertEqual(at_a["seq"], message["seq"] + 1)
        self.assertEqual(at_a["user_id"], b.user_id)

    def test_ack_ids_match_requests(self):
        a = self.connect()
        names = [unique_room("Many") for _ in range(5)]
        for name in names:
            ack = a.request("join_room", {"room": name})
            self.assertEqual(ack["room"], name.lower(), ack)

    def test_list_rooms_matches_get_rooms(self):
        a, _, room = self.pair_in_room()
        listing = a.request("list_rooms", {})
        self.assertIs(listing["ok"], True, listing)
        entry = next((r for r in listing["rooms"] if r["room"] == room), None)
        self.assertIsNotNone(entry, listing)
        self.assertEqual(entry["members"], 2)
        self.assertRegex(entry["last_activity"], TS)
        names = [r["room"] for r in listing["rooms"]]
        self.assertEqual(names, sorted(names))

        status, body = http_get(self.server.port, "/rooms")
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(body), listing)

    def test_leave_room_notifies_the_other_member(self):
        a, b, room = self.pair_in_room()
        self.assertEqual(b.request("leave_room", {"room": room}), {"ok": True, "room": room})
        left = a.next("user_left", lambda e: e["room"] == room)
        self.assertEqual(left["user_id"], b.user_id)
        self.assertEqual(left["reason"], "left")
        self.assertRegex(left["ts"], TS)

    # --- errors -----------------------------------------------------------------------

    def test_invalid_room_name(self):
        a = self.connect()
        for room in ("bad room!", "", "   ", "x" * 65, "a/b"):
            with self.subTest(room=room):
                self.assert_error(a.request("join_room", {"room": room}), "invalid_room")

    def test_send_to_room_not_joined(self):
        _, _, room = self.pair_in_room()
        outsider = self.connect()
        self.assert_error(outsider.request("send_message", {"room": room, "text": "hi"}),
                          "not_in_room")

    def test_blank_text(self):
        a, _, room = self.pair_in_room()
        for text in ("", "   ", "\t\n"):
            with self.subTest(text=text):
                self.assert_error(a.request("send_message", {"room": room, "text": text}),
                                  "empty_message")

    def test_wrongly_shaped_payload(self):
        a = self.connect()
        self.assert_error(a.request("join_room", {"room": ["lobby"]}), "invalid_payload")

    def test_invalid_namespace(self):
        client = socketio.Client(reconnection=False)
        refused = threading.Event()
        details = []

        def on_connect_error(data=None):
            details.append(data)
            refused.set()

        client.on("connect_error", on_connect_error, namespace="/nope")
        with self.assertRaises(socketio.exceptions.ConnectionError):
            client.connect(self.server.url, namespaces=["/nope"], transports=["websocket"],
                           wait_timeout=1)
        self.assertTrue(refused.wait(TIMEOUT))
        self.assertEqual(details[0], {"message": "Invalid namespace"})
        client.disconnect()

    # --- HTTP -------------------------------------------------------------------------

    def test_unknown_transport_is_refused(self):
        status, body = http_get(self.server.port, "/socket.io/?EIO=4&transport=flash")
        self.assertEqual(status, 400)
        self.assertEqual(json.loads(body), {"code": 0, "message": "Transport unknown"})

    # --- long-polling -----------------------------------------------------------------

    def chat_over(self, transports, expected_transport):
        """Two clients on @transports: join, chat with acks, history, in order."""
        a = Client()
        b = Client()
        self.clients += [a, b]
        a.connect(self.server.url, transports=transports)
        b.connect(self.server.url, transports=transports)
        self.assertEqual(a.sio.transport(), expected_transport)
        name = unique_room("Poll")
        room = name.lower()
        self.assertTrue(a.request("join_room", {"room": name})["ok"])
        self.assertTrue(b.request("join_room", {"room": name})["ok"])
        for i in range(1, 11):
            ack = a.request("send_message", {"room": name, "text": f"m{i}"})
            self.assertTrue(ack["ok"], ack)
            self.assertEqual(ack["message"]["seq"], i)
        wait_until(lambda: len([m for m in b.all("message") if m["room"] == room]) == 10,
                   what="10 messages on b")
        self.assertEqual([m["seq"] for m in b.all("message") if m["room"] == room],
                         list(range(1, 11)))
        history = b.request("history", {"room": name, "before": 11, "limit": 3})
        self.assertEqual([m["text"] for m in history["history"]], ["m8", "m9", "m10"])
        self.assertEqual(a.sio.transport(), expected_transport)

    def test_default_transports_poll_then_upgrade(self):
        self.chat_over(None, "websocket")

    def test_polling_only(self):
        self.chat_over(["polling"], "polling")

    def test_health(self):
        status, body = http_get(self.server.port, "/health")
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(body)["status"], "ok")

    def test_unknown_path(self):
        status, _ = http_get(self.server.port, "/no/such/path")
        self.assertEqual(status, 404)


class RestartOverPollingTest(unittest.TestCase):
    """A server restart with resume (token + since) for clients on the default transports."""

    def test_resume_after_restart_loses_nothing(self):
        server = ChatServer(storage="sqlite")
        clients = []
        try:
            server.start()
            poller = Client()
            talker = Client()
            clients += [poller, talker]
            poller.connect(server.url, transports=None)
            talker.connect(server.url, transports=["polling"])
            name = unique_room("Restart")
            room = name.lower()
            self.assertTrue(poller.request("join_room", {"room": name})["ok"])
            self.assertTrue(talker.request("join_room", {"room": name})["ok"])
            for i in range(1, 4):
                self.assertTrue(talker.request("send_message", {"room": name, "text": f"b{i}"})["ok"])
            wait_until(lambda: len(poller.all("message")) == 3, what="3 messages")
            last_seq = poller.all("message")[-1]["seq"]
            self.assertEqual(server.stop(), 0, server.output())
            wait_until(lambda: not poller.sio.connected and not talker.sio.connected,
                       what="both clients to see the server go")
            server.start(port=server.port)

            talker2 = Client()
            clients.append(talker2)
            talker2.connect(server.url, transports=["polling"],
                            auth={"token": talker.session["token"]})
            self.assertTrue(talker2.request("join_room", {"room": name})["ok"])
            self.assertTrue(talker2.request("send_message", {"room": name, "text": "away"})["ok"])

            again = Client()
            clients.append(again)
            again.connect(server.url, transports=None, auth={"token": poller.session["token"]})
            self.assertIs(again.session["resumed"], True)
            self.assertEqual(again.user_id, poller.user_id)
            joined = again.request("join_room", {"room": name, "since": last_seq})
            self.assertEqual([m["text"] for m in joined["history"]], ["away"])
            self.assertTrue(talker2.request("send_message", {"room": name, "text": "after"})["ok"])
            after = again.next("message", lambda m: m["text"] == "after")
            seqs = ([m["seq"] for m in poller.all("message")] +
                    [m["seq"] for m in joined["history"]] + [after["seq"]])
            self.assertEqual(seqs, [1, 2, 3, 4, 5])
        finally:
            for client in clients:
                client.close()
            server.stop()
            server.cleanup()


if __name__ == "__main__":
    unittest.main()
