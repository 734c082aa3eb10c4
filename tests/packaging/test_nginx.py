"""The reverse-proxy set-up of docs/operations.md, for real: the nginx server block
printed there (between the `nginx-site` markers) is extracted, pointed at a temporary
certificate (made here with openssl) and at a chat-server on a free port, and run by
Debian's nginx as an unprivileged, foreground process with its own prefix directory.
A python-socketio client then talks to the chat through it over wss://, and WebSocket
upgrades from two loopback source addresses show that chat-server, with
--trusted-proxies 127.0.0.1, caps each client by the address nginx forwards.

    CHAT_SERVER_BIN=build/dev/server/chat-server /usr/bin/python3 -m unittest -v test_nginx
"""

import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import unittest
import urllib.error

from chatprocess import TIMEOUT, ServerProcess, chat_round_trip, free_port, http_get, wait_until

HERE = os.path.dirname(os.path.abspath(__file__))
OPERATIONS_MD = os.path.join(HERE, "..", "..", "docs", "operations.md")
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)


def documented_site():
    """The nginx configuration docs/operations.md prints between its markers."""
    with open(OPERATIONS_MD, encoding="utf-8") as f:
        text = f.read()
    match = re.search(r"<!-- nginx-site -->\s*```nginx\n(.*?)```\s*<!-- /nginx-site -->", text,
                      re.S)
    if not match:
        raise AssertionError("docs/operations.md has no nginx-site block")
    return match.group(1)


def substitute(text, old, new):
    """Replaces every `old` in text, insisting that there is one: a change to the
    documented configuration must not silently leave the test behind."""
    if old not in text:
        raise AssertionError(f"the documented nginx configuration no longer contains {old!r}")
    return text.replace(old, new)


class NginxFixture(unittest.TestCase):
    """chat-server (with SERVER_ARGS) behind the documented nginx site, per test."""

    # nginx on this machine is the proxy whose X-Forwarded-For / X-Real-IP are believed,
    # as docs/operations.md says to run it.
    SERVER_ARGS = ["--storage", "memory", "--message-rate", "0", "--trusted-proxies", "127.0.0.1"]

    def setUp(self):
        binary = os.environ.get("CHAT_SERVER_BIN")
        if not binary:
            raise RuntimeError("CHAT_SERVER_BIN is not set (path to the chat-server executable)")
        self.dir = tempfile.mkdtemp(prefix="chat-nginx-")
        self.addCleanup(shutil.rmtree, self.dir, ignore_errors=True)
        # Worker processes (nobody, when the test runs as root) need to enter it.
        os.chmod(self.dir, 0o755)
        self.nginx = None
        self.start_servers(binary)
        self.cert, self.key = self.make_certificate()
        self.https_port = free_port()
        self.start_nginx()

    def start_servers(self, binary):
        """The chat-server(s) behind the proxy (test_nginx_cluster starts a cluster)."""
        self.server = ServerProcess(binary, self.SERVER_ARGS)
        self.addCleanup(self.server.cleanup)
        self.server.start()

    def upstream(self, site):
        """The documented site with its upstream pointed at the server(s) started here."""
        return substitute(site, "server 127.0.0.1:8000;", f"server 127.0.0.1:{self.server.port};")

    def tearDown(self):
        if self.nginx is not None and self.nginx.poll() is None:
            self.nginx.send_signal(signal.SIGQUIT)  # graceful stop
            try:
                self.nginx.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                self.nginx.kill()
                self.nginx.wait(timeout=TIMEOUT)

    def make_certificate(self):
        cert = os.path.join(self.dir, "cert.pem")
        key = os.path.join(self.dir, "key.pem")
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
             "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
             "-keyout", key, "-out", cert],
            check=True, capture_output=True, timeout=60)
        return cert, key

    def start_nginx(self):
        site = documented_site()
        site = substitute(site, "listen 443 ssl;", f"listen 127.0.0.1:{self.https_port} ssl;")
        site = substitute(site, "listen [::]:443 ssl;", "")
        site = substitute(site, "listen 80;", f"listen 127.0.0.1:{free_port()};")
        site = substitute(site, "listen [::]:80;", "")
        site = self.upstream(site)
        site = substitute(site, "/etc/letsencrypt/live/chat.example.org/fullchain.pem", self.cert)
        site = substitute(site, "/etc/letsencrypt/live/chat.example.org/privkey.pem", self.key)
        site_path = os.path.join(self.dir, "chat-site.conf")
        with open(site_path, "w") as f:
            f.write(site)
        temp = {name: os.path.join(self.dir, name) for name in
                ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")}
        conf = f"""
daemon off;
worker_processes 1;
pid {self.dir}/nginx.pid;
error_log {self.dir}/error.log info;
events {{ worker_connections 64; }}
http {{
    access_log {self.dir}/access.log;
    client_body_temp_path {temp['client_body']};
    proxy_temp_path {temp['proxy']};
    fastcgi_temp_path {temp['fastcgi']};
    uwsgi_temp_path {temp['uwsgi']};
    scgi_temp_path {temp['scgi']};
    include {site_path};
}}
"""
        conf_path = os.path.join(self.dir, "nginx.conf")
        with open(conf_path, "w") as f:
            f.write(conf)
        command = [NGINX, "-p", self.dir, "-c", conf_path, "-e", f"{self.dir}/error.log"]
        check = subprocess.run(command + ["-t"], capture_output=True, text=True, timeout=30)
        self.assertEqual(check.returncode, 0, check.stderr)
        self.nginx = subprocess.Popen(command, stdin=subprocess.DEVNULL,
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        context = self.tls_context()

        def ready():
            if self.nginx.poll() is not None:
                raise AssertionError("nginx exited:\n" + self.error_log())
            try:
                return http_get(f"https://127.0.0.1:{self.https_port}/health", timeout=1.0,
                                context=context)[0] == 200
            except OSError:
                return False

        wait_until(ready, what="nginx to proxy /health")

    def tls_context(self):
        """Verifies the proxy's certificate against the one made for the test."""
        return ssl.create_default_context(cafile=self.cert)

    def error_log(self):
        try:
            with open(os.path.join(self.dir, "error.log")) as f:
                return f.read()
        except OSError:
            return ""


@unittest.skipUnless(NGINX, "nginx is not installed (Debian package nginx)")
class NginxTest(NginxFixture):
    def test_chat_through_tls_proxy(self):
        # python-socketio's ssl_verify is all or nothing; the certificate itself is checked
        # with the CA file in tls_context() (the /health probes above and below).
        session, joined, message = chat_round_trip(f"https://127.0.0.1:{self.https_port}",
                                                   "Behind-Nginx", ssl_verify=False)
        self.assertTrue(joined["ok"])
        self.assertEqual(joined["room"], "behind-nginx")
        self.assertEqual(message["text"], "hello through the stack")
        self.assertEqual(message["user_id"], session["user_id"])
        # The upgrade really went through nginx: its access log has the 101.
        with open(os.path.join(self.dir, "access.log")) as f:
            access = f.read()
        self.assertRegex(access, r'"GET /socket\.io/\?[^"]*transport=websocket[^"]*" 101 ')

    def test_polling_and_upgrade_through_tls_proxy(self):
        # python-engineio polls with requests, which ignores ssl_verify=False here: trust the
        # test certificate instead.
        os.environ["REQUESTS_CA_BUNDLE"] = self.cert
        self.addCleanup(os.environ.pop, "REQUESTS_CA_BUNDLE", None)
        for transports, name in ((["polling"], "Nginx-Polling"), (None, "Nginx-Upgrade")):
            session, joined, message = chat_round_trip(f"https://127.0.0.1:{self.https_port}",
                                                       name, ssl_verify=False,
                                                       transports=transports)
            self.assertTrue(joined["ok"])
            self.assertEqual(message["user_id"], session["user_id"])
        with open(os.path.join(self.dir, "access.log")) as f:
            access = f.read()
        self.assertRegex(access, r'"POST /socket\.io/\?[^"]*transport=polling[^"]*" 200 ')
        self.assertRegex(access, r'"GET /socket\.io/\?(?=[^"]*transport=websocket)(?=[^"]*sid=)[^"]*" 101 ')

    def test_plain_http_routes(self):
        context = self.tls_context()
        status, body = http_get(f"https://127.0.0.1:{self.https_port}/rooms", context=context)
        self.assertEqual(status, 200)
        self.assertIn('"ok":true', body)
        # /metrics is for the local scraper, not the internet.
        status, _ = http_get(f"https://127.0.0.1:{self.https_port}/metrics", context=context)
        self.assertEqual(status, 404)
        # The proxy's certificate is the one made here: the system's CAs refuse it.
        with self.assertRaises(urllib.error.URLError) as refused:
            http_get(f"https://127.0.0.1:{self.https_port}/health",
                     context=ssl.create_default_context())
        self.assertIsInstance(refused.exception.reason, ssl.SSLCertVerificationError)


@unittest.skipUnless(NGINX, "nginx is not installed (Debian package nginx)")
class NginxForwardedAddressTest(NginxFixture):
    SERVER_ARGS = NginxFixture.SERVER_ARGS + ["--max-connections-per-ip", "1"]

    def upgrade_from(self, source):
        """A WebSocket upgrade through nginx from loopback address `source`; returns the
        HTTP status and the open socket (closed by the test's cleanup)."""
        raw = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        raw.settimeout(TIMEOUT)
        raw.bind((source, 0))
        raw.connect(("127.0.0.1", self.https_port))
        conn = self.tls_context().wrap_socket(raw, server_hostname="localhost")
        self.addCleanup(conn.close)
        # A client's own X-Forwarded-For is appended to by nginx, and read from the right.
        conn.sendall(b"GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\n"
                     b"Host: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                     b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                     b"Sec-WebSocket-Version: 13\r\nX-Forwarded-For: 203.0.113.7\r\n\r\n")
        head = b""
        while b"\r\n" not in head:
            chunk = conn.recv(4096)
            if not chunk:
                break
            head += chunk
        return int(head.split(b" ", 2)[1]) if head.startswith(b"HTTP/") else 0

    def test_each_forwarded_client_has_its_own_cap(self):
        self.assertEqual(self.upgrade_from("127.0.0.2"), 101)
        # The same client again: over the cap of one, whatever it claims in its header.
        self.assertEqual(self.upgrade_from("127.0.0.2"), 429)
        # Another client behind the same proxy is not affected.
        self.assertEqual(self.upgrade_from("127.0.0.3"), 101)


if __name__ == "__main__":
    unittest.main()
