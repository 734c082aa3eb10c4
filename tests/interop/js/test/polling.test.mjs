// socket.io-client 4.8 over Engine.IO long-polling: its default options (polling, then the
// upgrade to a WebSocket) and transports: ["polling"] only; a connection killed in the
// middle of its upgrade; a server restart with resume (token + since) on polling.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { TestClient } from '../lib/client.mjs';
import { ChatServer } from '../lib/server.mjs';
import { waitUntil, withTimeout } from '../lib/wait.mjs';

const DEFAULTS = { transports: ['polling', 'websocket'] }; // socket.io-client's own default
const POLLING = { transports: ['polling'] };

// Resolves once the client's Engine.IO socket is on `name` ('websocket' after an upgrade).
function onTransport(client, name) {
    return waitUntil(() => client.socket.io.engine?.transport?.name === name, {
        what: `transport ${name}`,
    });
}

// The seqs of `message` events of `room` a client received, in order.
function seqs(client, room) {
    return client.all('message').filter((m) => m.room === room).map((m) => m.seq);
}

function range(from, to) {
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

describe('socket.io-client over long-polling', () => {
    const server = new ChatServer();
    const clients = [];
    const connect = async (opts) => {
        const client = await TestClient.connect(server.url, opts);
        clients.push(client);
        return client;
    };

    before(async () => {
        await server.start();
    });
    after(async () => {
        for (const client of clients) client.close();
        await server.stop();
        server.cleanup();
    });

    it('connects with default options, upgrades, and chats with a WebSocket client', async () => {
        const browser = await connect(DEFAULTS);
        assert.equal(browser.socket.io.engine.transport.name === 'polling' ||
                     browser.socket.io.engine.transport.name === 'websocket', true);
        // The upgrade may already be over by the time `session` arrived.
        const upgraded = browser.socket.io.engine.transport.name === 'websocket'
            ? Promise.resolve()
            : new Promise((resolve) => browser.socket.io.engine.once('upgrade', resolve));
        const ws = await connect({ transports: ['websocket'] });
        const joined = await browser.request('join_room', { room: 'poll-default' });
        assert.equal(joined.ok, true, JSON.stringify(joined));
        assert.equal((await ws.request('join_room', { room: 'poll-default' })).ok, true);
        // Messages flow while the upgrade happens: none may be lost, doubled or reordered.
        for (let i = 1; i <= 20; ++i) {
            const ack = await ws.request('send_message', { room: 'poll-default', text: `w${i}` });
            assert.equal(ack.ok, true, JSON.stringify(ack));
        }
        await withTimeout(upgraded, 10000, 'the upgrade');
        await onTransport(browser, 'websocket');
        const own = await browser.request('send_message', { room: 'poll-default', text: 'b1', client_id: 'b-1' });
        assert.equal(own.ok, true, JSON.stringify(own));
        await waitUntil(() => seqs(browser, 'poll-default').length === 21, { what: '21 messages' });
        assert.deepEqual(seqs(browser, 'poll-default'), range(1, 21));
        await ws.next('message', (m) => m.text === 'b1');
        const history = await browser.request('history', { room: 'poll-default', before: 100, limit: 50 });
        assert.equal(history.ok, true);
        assert.deepEqual(history.history.map((m) => m.seq), range(1, 21));
    });

    it('works on polling only: join, chat, ack, history, presence', async () => {
        const a = await connect(POLLING);
        const b = await connect(POLLING);
        assert.equal(a.socket.io.engine.transport.name, 'polling');
        assert.equal((await a.request('join_room', { room: 'poll-only' })).ok, true);
        const joined = await b.request('join_room', { room: 'poll-only' });
        assert.equal(joined.members.length, 2);
        await a.next('user_joined', (e) => e.user_id === b.userId);
        for (let i = 1; i <= 10; ++i) {
            const ack = await a.request('send_message', { room: 'poll-only', text: `p${i}` });
            assert.equal(ack.ok, true);
            assert.equal(ack.message.seq, i);
        }
        await waitUntil(() => seqs(b, 'poll-only').length === 10, { what: '10 messages on b' });
        assert.deepEqual(seqs(b, 'poll-only'), range(1, 10));
        assert.deepEqual(seqs(a, 'poll-only'), range(1, 10));
        const history = await b.request('history', { room: 'poll-only', before: 11, limit: 5 });
        assert.deepEqual(history.history.map((m) => m.text), ['p6', 'p7', 'p8', 'p9', 'p10']);
        assert.equal(a.socket.io.engine.transport.name, 'polling');
    });
});

describe('a WebSocket killed in the middle of its upgrade', () => {
    it('loses nothing: the client recovers with token and since', async () => {
        // After `3probe` socket.io-client pauses polling, so a probe that dies then leaves it
        // without a transport until its heartbeat check gives up (as with the reference
        // server): short heartbeats make that quick.
        const server = new ChatServer({ extraArgs: ['--ping-interval-ms', '1000', '--ping-timeout-ms', '1000'] });
        const clients = [];
        try {
            await server.start();
            const talker = await TestClient.connect(server.url, { transports: ['websocket'] });
            clients.push(talker);
            assert.equal((await talker.request('join_room', { room: 'mid-upgrade' })).ok, true);
            let token = null;
            let lastSeq = 0;
            let killed = 0;
            const client = new TestClient(server.url, {
                ...DEFAULTS,
                reconnection: true,
                reconnectionDelay: 100,
                reconnectionDelayMax: 300,
                auth: (cb) => cb(token ? { token } : {}),
            });
            clients.push(client);
            const history = [];
            let rejoined = Promise.resolve();
            client.socket.on('session', (session) => {
                token = session.token;
                // `since` as sent: a live message may arrive before the join's answer.
                const from = lastSeq;
                rejoined = (async () => {
                    try {
                        const since = from ? { since: from } : {};
                        const joined = await client.request('join_room', { room: 'mid-upgrade', ...since });
                        history.push(...joined.history.filter((m) => m.seq > from).map((m) => m.seq));
                    } catch {
                        // Lost with the dying transport: the next session joins with since.
                    }
                })();
            });
            client.socket.on('message', (m) => (lastSeq = Math.max(lastSeq, m.seq)));
            client.socket.io.on('open', () => {
                client.socket.io.engine.on('upgrading', (transport) => {
                    if (killed++ > 0) return; // the first upgrade only
                    transport.ws.terminate?.() ?? transport.ws.close();
                });
            });
            await waitUntil(() => killed > 0, { timeoutMs: 10000, what: 'the upgrade to start' });
            for (let i = 1; i <= 10; ++i) {
                const ack = await talker.request('send_message', { room: 'mid-upgrade', text: `t${i}` });
                assert.equal(ack.ok, true);
            }
            await client.next('disconnect', () => true, 10000);
            await waitUntil(() => client.all('session').length >= 2, { timeoutMs: 15000, what: 'a resumed session' });
            assert.equal(client.all('session').at(-1).resumed, true);
            await rejoined; // the resumed session's join answered, its history recorded
            await talker.request('send_message', { room: 'mid-upgrade', text: 'after' });
            await client.next('message', (m) => m.text === 'after', 10000);
            // Live messages come once each and in order; history may repeat what also came
            // live while the join was answered (a client keeps one per seq).
            const live = seqs(client, 'mid-upgrade');
            assert.deepEqual(live, [...live].sort((x, y) => x - y));
            assert.equal(new Set(live).size, live.length);
            const got = [...new Set([...live, ...history])].sort((x, y) => x - y);
            assert.deepEqual(got, range(1, 11));
        } finally {
            for (const client of clients) client.close();
            await server.stop();
            server.cleanup();
        }
    });
});

describe('long-polling across a server restart', () => {
    it('resumes with token and since: nothing lost, nothing twice', async () => {
        const server = new ChatServer({ extraArgs: ['--storage', 'sqlite'] });
        const clients = [];
        try {
            await server.start();
            const port = server.port;
            let token = null;
            const reconnecting = { reconnection: true, reconnectionDelay: 100, reconnectionDelayMax: 500 };
            const poller = await TestClient.connect(server.url, {
                ...POLLING,
                ...reconnecting,
                auth: (cb) => cb(token ? { token } : {}),
            });
            clients.push(poller);
            token = poller.session.token;
            const talker = await TestClient.connect(server.url, { transports: ['websocket'], ...reconnecting });
            clients.push(talker);
            assert.equal((await poller.request('join_room', { room: 'restart-poll' })).ok, true);
            assert.equal((await talker.request('join_room', { room: 'restart-poll' })).ok, true);
            for (let i = 1; i <= 3; ++i)
                await talker.request('send_message', { room: 'restart-poll', text: `before${i}` });
            await waitUntil(() => seqs(poller, 'restart-poll').length === 3, { what: '3 messages' });
            const lastSeq = seqs(poller, 'restart-poll').at(-1);

            const status = await server.stop();
            assert.deepEqual(status, { code: 0, signal: null }, server.stderr);
            await poller.next('disconnect');
            await server.start(port);
            await talker.next('session', (s) => s !== null, 15000);
            await talker.request('join_room', { room: 'restart-poll' });
            // Sent while the poller is (maybe) still reconnecting: it must come in its history.
            await talker.request('send_message', { room: 'restart-poll', text: 'while-away' });

            const resumed = await poller.next('session', (s) => s.resumed === true, 15000);
            assert.equal(resumed.user_id, poller.session.user_id);
            const rejoined = await poller.request('join_room', { room: 'restart-poll', since: lastSeq });
            assert.equal(rejoined.ok, true, JSON.stringify(rejoined));
            assert.deepEqual(rejoined.history.map((m) => m.text), ['while-away']);
            await talker.request('send_message', { room: 'restart-poll', text: 'after' });
            await poller.next('message', (m) => m.text === 'after');
            const all = [...seqs(poller, 'restart-poll'), ...rejoined.history.map((m) => m.seq)].sort((x, y) => x - y);
            assert.deepEqual(all, range(1, 5));
        } finally {
            for (const client of clients) client.close();
            await server.stop();
            server.cleanup();
        }
    });
});
