"""The cluster set-up of docs/operations.md ("Several nodes on Redis", "Behind nginx"), for
real: the documented upstream block (between the `nginx-cluster-upstream` markers) replaces
the single server of the documented TLS site, in front of two chat-server nodes sharing a
private redis-server. The single-node proxy tests of test_nginx run through it, and a node
killed with SIGKILL leaves nginx sending clients to the other node, which has the history.

    CHAT_SERVER_BIN=build/dev/server/chat-server /usr/bin/python3 -m unittest -v test_nginx_cluster
"""

import os
import re
import shutil
import signal
import subprocess
import tempfile
import unittest

import test_nginx
from chatprocess import TIMEOUT, HOST, ServerProcess, chat_round_trip, free_port, wait_until

REDIS = shutil.which("redis-server")


def documented_upstream():
    """The upstream block docs/operations.md prints for several nodes."""
    with open(test_nginx.OPERATIONS_MD, encoding="utf-8") as f:
        text = f.read()
    match = re.search(r"<!-- nginx-cluster-upstream -->\s*```nginx\n(.*?)```\s*"
                      r"<!-- /nginx-cluster-upstream -->", text, re.S)
    if not match:
        raise AssertionError("docs/operations.md has no nginx-cluster-upstream block")
    return match.group(1)


@unittest.skipUnless(test_nginx.NGINX and REDIS, "nginx or redis-server is not installed")
class NginxClusterTest(test_nginx.NginxTest):
    def start_servers(self, binary):
        redis_dir = tempfile.mkdtemp(prefix="chat-nginx-redis-")
        self.addCleanup(shutil.rmtree, redis_dir, ignore_errors=True)
        redis_port = free_port()
        self.redis = subprocess.Popen(
            [REDIS, "--port", str(redis_port), "--bind", HOST, "--save", "", "--appendonly",
             "no", "--dir", redis_dir],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.addCleanup(self.stop_redis)
        secret = os.path.join(redis_dir, "token-secret")
        with open(secret, "w") as f:
            f.write("the nginx cluster test's shared secret\n")
        args = ["--message-rate", "0", "--cluster", f"redis://{HOST}:{redis_port}/0",
                "--token-secret-file", secret]
        self.nodes = []
        for _ in range(2):
            node = ServerProcess(binary, args)
            self.addCleanup(node.cleanup)
            node.start()  # healthy only once it reached Redis
            self.nodes.append(node)
        self.server = self.nodes[0]

    def stop_redis(self):
        self.redis.kill()
        self.redis.wait(timeout=TIMEOUT)

    def upstream(self, site):
        upstream = documented_upstream()
        upstream = test_nginx.substitute(upstream, "server 10.0.0.11:8000",
                                         f"server 127.0.0.1:{self.nodes[0].port}")
        upstream = test_nginx.substitute(upstream, "server 10.0.0.12:8000",
                                         f"server 127.0.0.1:{self.nodes[1].port}")
        return test_nginx.substitute(site, "upstream chat_server {\n    server 127.0.0.1:8000;\n}\n",
                                     upstream)

    def connections_total(self, node):
        _, body = test_nginx.http_get(f"http://{HOST}:{node.port}/metrics")
        match = re.search(r"^chat_connections_total (\d+)$", body, re.M)
        return int(match.group(1)) if match else 0

    def test_a_dead_node_leaves_clients_to_the_other(self):
        url = f"https://127.0.0.1:{self.https_port}"
        before = [self.connections_total(node) for node in self.nodes]
        session, joined, message = chat_round_trip(url, "Cluster-Failover", ssl_verify=False)
        self.assertTrue(joined["ok"])
        after = [self.connections_total(node) for node in self.nodes]
        used = [i for i in range(2) if after[i] > before[i]]
        self.assertEqual(len(used), 1, (before, after))
        victim = self.nodes[used[0]]
        victim.process.send_signal(signal.SIGKILL)
        victim.process.wait(timeout=TIMEOUT)
        # The next connection goes to the other node, which shares history and seq.
        _, joined, second = chat_round_trip(url, "Cluster-Failover", ssl_verify=False)
        self.assertTrue(joined["ok"])
        self.assertEqual([m["id"] for m in joined["history"]], [message["id"]])
        self.assertEqual(second["seq"], message["seq"] + 1)


if __name__ == "__main__":
    unittest.main()
