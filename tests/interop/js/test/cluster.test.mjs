// A cluster of chat-server nodes on one Redis (issue 16): clients on different nodes see
// one server; a node killed mid-traffic and a Redis restart lose nothing acknowledged.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';

import { TestClient } from '../lib/client.mjs';
import { haveRedis, RedisServer } from '../lib/redis.mjs';
import { ChatServer, httpGet } from '../lib/server.mjs';
import { waitUntil } from '../lib/wait.mjs';

const skip = haveRedis() ? false : 'redis-server is not installed (scripts/install-deps.sh test)';

describe('cluster on Redis', { skip }, () => {
    let redis;
    let secretDir;
    let secretFile;
    const nodes = [];
    const clients = [];

    before(async () => {
        redis = await new RedisServer().start();
        secretDir = mkdtempSync(path.join(os.tmpdir(), 'chat-cluster-secret-'));
        secretFile = path.join(secretDir, 'token-secret');
        writeFileSync(secretFile, 'a cluster-wide secret of the tests\n');
    });

    after(async () => {
        for (const client of clients) client.close();
        for (const node of nodes) node.cleanup();
        await redis?.cleanup();
        if (secretDir) rmSync(secretDir, { recursive: true, force: true });
    });

    // host: the name in the --cluster URL instead of the loopback address.
    async function startNode(db = 0, host = undefined) {
        let url = redis.url.replace(/\/0$/, `/${db}`);
        if (host) url = `redis://${host}:${redis.port}/${db}`;
        const node = new ChatServer({
            extraArgs: ['--cluster', url, '--token-secret-file', secretFile,
                '--presence-grace-ms', '500'],
        });
        nodes.push(node);
        await node.start();
        return node;
    }

    async function connect(node, opts = {}) {
        const client = await TestClient.connect(node.url, opts);
        clients.push(client);
        return client;
    }

    const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

    async function health(node, status, what) {
        await waitUntil(async () => (await httpGet(node.port, '/health')).status === status, {
            timeoutMs: 10000, what,
        });
    }

    // Two nodes on database @db, a writer on the first and a reader on the second in @room.
    async function writerAndReader(db, room) {
        const [a, b] = [await startNode(db), await startNode(db)];
        const writer = await connect(a);
        const reader = await connect(b);
        assert.equal((await writer.request('join_room', { room })).ok, true);
        assert.equal((await reader.request('join_room', { room })).ok, true);
        return { a, b, writer, reader };
    }

    // Sends until acknowledged: a refusal while Redis is away is server_busy with a retry
    // hint, the connection stays, and the retry keeps the client_id. sent() runs once the
    // first attempt is on its way, refused() after each refusal.
    async function sendRetrying(client, room, text, clientId, { sent, refused } = {}) {
        for (let attempt = 0; ; ++attempt) {
            const pending = client.request('send_message', { room, text, client_id: clientId });
            if (attempt === 0 && sent) await sent();
            const ack = await pending;
            if (ack.ok) return ack.message;
            assert.equal(ack.error.code, 'server_busy', JSON.stringify(ack));
            assert.equal(typeof ack.error.retry_after_ms, 'number');
            assert.ok(client.socket.connected);
            if (refused) await refused();
            await sleep(50);
        }
    }

    async function send(client, room, text, clientId = undefined) {
        const ack = await client.request('send_message', { room, text, client_id: clientId });
        assert.equal(ack.ok, true, JSON.stringify(ack));
        return ack.message;
    }

    it('delivers, numbers, dedups and keeps history across two nodes', async () => {
        const [a, b] = [await startNode(1), await startNode(1)];
        const alice = await connect(a);
        const bob = await connect(b);
        const room = 'cluster-basic';
        assert.equal((await alice.request('join_room', { room })).ok, true);
        assert.equal((await bob.request('join_room', { room })).ok, true);

        const first = await send(alice, room, 'hello from node a', 'c-1');
        assert.equal(first.seq, 1);
        const seen = await bob.next('message', (m) => m.room === room);
        assert.deepEqual(seen, first);
        // The sender's own node delivers it too, exactly once, before the ack.
        assert.deepEqual(alice.all('message'), [first]);

        const second = await send(bob, room, 'hello from node b');
        assert.equal(second.seq, 2);
        assert.deepEqual(await alice.next('message', (m) => m.seq === 2), second);

        // A retried client_id is answered with the original, on any node, and not broadcast.
        const retry = await alice.request('send_message', { room, text: 'again?', client_id: 'c-1' });
        assert.equal(retry.ok, true, JSON.stringify(retry));
        assert.deepEqual(retry.message, first);

        // history and since-recovery on the other node.
        const history = await bob.request('history', { room, limit: 10 });
        assert.equal(history.ok, true, JSON.stringify(history));
        assert.deepEqual(history.history.map((m) => m.id), [first.id, second.id]);
        const late = await connect(b);
        const join = await late.request('join_room', { room, since: 1 });
        assert.deepEqual(join.history, [second]);
        assert.equal(join.last_seq, 2);
        assert.deepEqual(alice.all('message').map((m) => m.seq), [1, 2]);
        assert.deepEqual(bob.all('message').map((m) => m.seq), [1, 2]);

        // Typing reaches the other node.
        alice.socket.emit('typing', { room, typing: true });
        const typing = await bob.next('typing', (t) => t.user_id === alice.userId);
        assert.equal(typing.typing, true);

        // /health and /metrics of a node.
        const health = await httpGet(a.port, '/health');
        assert.equal(health.status, 200);
        const metrics = await httpGet(a.port, '/metrics');
        assert.match(metrics.body, /chat_redis_up 2/);
        assert.match(metrics.body, /chat_redis_round_trip_seconds_count [1-9]/);
    });

    it('has one presence across nodes: members, counts, and a dead node\'s users leave', async () => {
        const [a, b, c] = [await startNode(5), await startNode(5), await startNode(5)];
        const room = 'cluster-presence';
        const alice = await connect(a);
        const bob = await connect(b);
        assert.equal((await alice.request('join_room', { room })).ok, true);
        const bobJoin = await bob.request('join_room', { room });
        assert.deepEqual(bobJoin.members.map((m) => m.user_id).sort(), [alice.userId, bob.userId].sort());
        const joined = await alice.next('user_joined', (e) => e.user_id === bob.userId);
        assert.equal(joined.room, room);
        // The joiner is not told about itself, as on one node.
        assert.deepEqual(bob.all('user_joined').filter((e) => e.user_id === bob.userId), []);

        // Alice on a second node is still one member: no user_joined, counts of 2.
        const aliceOnB = await connect(b, { auth: { token: alice.session.token } });
        assert.equal(aliceOnB.userId, alice.userId);
        const again = await aliceOnB.request('join_room', { room });
        assert.equal(again.members.length, 2, JSON.stringify(again.members));
        const listed = await alice.request('list_rooms', {});
        assert.equal(listed.rooms.find((r) => r.room === room)?.members, 2, JSON.stringify(listed));
        const viaHttp = JSON.parse((await httpGet(b.port, '/rooms')).body);
        assert.equal(viaHttp.rooms.find((r) => r.room === room)?.members, 2);

        // Leaving on one node while connected on the other: still a member.
        assert.equal((await alice.request('leave_room', { room })).ok, true);
        assert.equal((await aliceOnB.request('leave_room', { room })).ok, true);
        const left = await bob.next('user_left', (e) => e.user_id === alice.userId);
        assert.equal(left.reason, 'left');
        assert.equal(bob.all('user_left').length, 1);
        assert.equal(bob.all('user_joined').filter((e) => e.user_id === alice.userId).length, 0);

        // A node that dies: its users leave after the grace period, as "disconnected".
        const carol = await connect(c);
        assert.equal((await carol.request('join_room', { room })).ok, true);
        await bob.next('user_joined', (e) => e.user_id === carol.userId);
        c.child.kill('SIGKILL');
        const gone = await bob.next('user_left', (e) => e.user_id === carol.userId, 15000);
        assert.equal(gone.reason, 'disconnected');
        const after = await bob.request('list_rooms', {});
        assert.equal(after.rooms.find((r) => r.room === room)?.members, 1, JSON.stringify(after));
    });

    it('loses nothing when a node is killed: its clients resume on another with token and since', async () => {
        const [a, b, c] = [await startNode(2), await startNode(2), await startNode(2)];
        const room = 'cluster-failover';
        const writer = await connect(a);
        const victim = await connect(c);
        const token = victim.session.token;
        assert.equal((await writer.request('join_room', { room })).ok, true);
        assert.equal((await victim.request('join_room', { room })).ok, true);

        const sent = [];
        let killed = false;
        for (let i = 1; i <= 40; ++i) {
            sent.push(await send(writer, room, `message ${i}`, `k-${i}`));
            if (i === 15) {
                await victim.next('message', (m) => m.seq === 10);
                c.child.kill('SIGKILL');
                killed = true;
            }
        }
        assert.ok(killed);
        const lastSeen = Math.max(0, ...victim.all('message').map((m) => m.seq));
        assert.ok(lastSeen >= 10);

        const resumed = await connect(b, { auth: { token } });
        assert.equal(resumed.session.resumed, true, JSON.stringify(resumed.session));
        assert.equal(resumed.userId, victim.userId);
        const join = await resumed.request('join_room', { room, since: lastSeen });
        assert.equal(join.truncated, false);
        const recovered = [...victim.all('message').filter((m) => m.seq <= lastSeen), ...join.history];
        assert.deepEqual(recovered.map((m) => m.seq), sent.map((m) => m.seq));
        assert.deepEqual(recovered.map((m) => m.id), sent.map((m) => m.id));
    });

    it('keeps every acknowledged message once across a Redis restart', async () => {
        const room = 'cluster-redis-restart';
        const { a, b, writer, reader } = await writerAndReader(3, room);
        const acked = new Map(); // client_id -> message
        const total = 30;
        let restarted = false;
        for (let i = 1; i <= total; ++i) {
            const clientId = `r-${i}`;
            acked.set(clientId, await sendRetrying(writer, room, `m ${i}`, clientId));
            if (i === 10) {
                await redis.stop('SIGTERM');
                await waitUntil(async () => (await httpGet(a.port, '/health')).status === 503, {
                    timeoutMs: 5000, what: 'node a to report not_ready',
                });
                const busy = await writer.request('send_message', { room, text: 'while down', client_id: 'r-down' });
                assert.equal(busy.ok, false);
                assert.equal(busy.error.code, 'server_busy');
                await redis.start();
                restarted = true;
            }
        }
        assert.ok(restarted);
        await waitUntil(async () => (await httpGet(b.port, '/health')).status === 200, {
            timeoutMs: 10000, what: 'node b to be ready again',
        });
        const seqs = [...acked.values()].map((m) => m.seq);
        const history = await reader.request('history', { room, limit: 100 });
        assert.equal(history.ok, true, JSON.stringify(history));
        const stored = history.history.filter((m) => m.client_id !== 'r-down');
        assert.deepEqual(stored.map((m) => m.client_id), [...acked.keys()]);
        assert.deepEqual(stored.map((m) => m.seq), seqs);
        // The reader got every message live or through the feed's catch-up, once, in order.
        await reader.next('message', (m) => m.client_id === `r-${total}`, 10000);
        const live = reader.all('message').filter((m) => m.client_id !== 'r-down');
        assert.deepEqual(live.map((m) => m.seq), seqs);
    });

    it('keeps presence and refuses joins across a Redis outage longer than a dead node\'s silence', async () => {
        const a = await startNode(6);
        const b = await startNode(6, 'localhost'); // a host name: looked up off the event loop
        const room = 'cluster-outage-presence';
        const alice = await connect(a);
        const bob = await connect(b);
        assert.equal((await alice.request('join_room', { room })).ok, true);
        assert.equal((await bob.request('join_room', { room })).ok, true);
        await alice.next('user_joined', (e) => e.user_id === bob.userId);

        await redis.stop('SIGTERM');
        await health(a, 503, 'node a to report not_ready');
        await health(b, 503, 'node b to report not_ready');
        // A join while Redis is away: server_busy with a retry hint, not an empty history.
        const carol = await connect(a);
        const refused = await carol.request('join_room', { room });
        assert.equal(refused.ok, false, JSON.stringify(refused));
        assert.equal(refused.error.code, 'server_busy');
        assert.equal(typeof refused.error.retry_after_ms, 'number');
        // Away for longer than DeadAfterMs (3 s) + the 500 ms grace: every heartbeat is stale
        // when Redis returns. (A duration to outlast, not a wait for an event.)
        await sleep(4500);
        await redis.start();
        await health(a, 200, 'node a to be ready again');
        await health(b, 200, 'node b to be ready again');
        // Nodes reap only after 3.5 s of connected time: outlast it and a heartbeat more,
        // then a message through both nodes, behind any presence event on the channel.
        await sleep(5000);
        await send(alice, room, 'after the outage');
        await bob.next('message', (m) => m.text === 'after the outage');
        assert.deepEqual(alice.all('user_left'), []);
        assert.deepEqual(bob.all('user_left'), []);
        assert.deepEqual(bob.all('user_joined').filter((e) => e.user_id === alice.userId), []);

        // The members are right on both nodes.
        const join = await carol.request('join_room', { room });
        assert.equal(join.ok, true, JSON.stringify(join));
        assert.deepEqual(join.members.map((m) => m.user_id).sort(),
            [alice.userId, bob.userId, carol.userId].sort());
        await bob.next('user_joined', (e) => e.user_id === carol.userId);
        for (const client of [alice, bob]) {
            const listed = await client.request('list_rooms', {});
            assert.equal(listed.rooms.find((r) => r.room === room)?.members, 3, JSON.stringify(listed));
        }
    });

    it('keeps every acknowledged message once when Redis is killed with SIGKILL mid-traffic', async () => {
        // appendonly + appendfsync always (lib/redis.mjs): Redis answers only what is on disk.
        const room = 'cluster-redis-kill';
        const { a, b, writer, reader } = await writerAndReader(7, room);
        const acked = new Map(); // client_id -> message
        const total = 30;
        let killed = false;
        for (let i = 1; i <= total; ++i) {
            const clientId = `k-${i}`;
            const sent = async () => {
                if (i !== 10) return;
                // While the send is on its way: through the node, in Redis, or answered.
                killed = true;
                await redis.stop('SIGKILL');
            };
            const refused = async () => {
                if (redis.child) return;
                await health(a, 503, 'node a to report not_ready');
                await redis.start();
            };
            acked.set(clientId, await sendRetrying(writer, room, `m ${i}`, clientId, { sent, refused }));
        }
        assert.ok(killed);
        await health(b, 200, 'node b to be ready again');
        const seqs = [...acked.values()].map((m) => m.seq);
        assert.deepEqual(seqs, Array.from({ length: total }, (_, k) => k + 1));
        const history = await reader.request('history', { room, limit: 100 });
        assert.equal(history.ok, true, JSON.stringify(history));
        assert.deepEqual(history.history.map((m) => m.client_id), [...acked.keys()]);
        assert.deepEqual(history.history.map((m) => m.id), [...acked.values()].map((m) => m.id));
        await reader.next('message', (m) => m.client_id === `k-${total}`, 10000);
        assert.deepEqual(reader.all('message').map((m) => m.seq), seqs);
    });
});
