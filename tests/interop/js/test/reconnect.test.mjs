// socket.io-client's own reconnection across a server restart, and its heartbeat.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { TestClient } from '../lib/client.mjs';
import { ChatServer } from '../lib/server.mjs';
import { waitUntil } from '../lib/wait.mjs';

const FAST_RECONNECT = { reconnection: true, reconnectionDelay: 100, reconnectionDelayMax: 500 };

async function stopCleanly(server) {
    const status = await server.stop();
    assert.deepEqual(status, { code: 0, signal: null }, `server log:\n${server.stderr}`);
}

describe('socket.io-client reconnection', () => {
    it('reconnects on its own after a server restart and gets a fresh session', async () => {
        const server = new ChatServer();
        const clients = [];
        try {
            await server.start();
            const port = server.port;

            const plain = await TestClient.connect(server.url, FAST_RECONNECT);
            clients.push(plain);
            // auth as a function is evaluated on every attempt: it resends the latest token.
            let token = null;
            const resuming = await TestClient.connect(server.url, {
                ...FAST_RECONNECT,
                auth: (cb) => cb(token ? { token } : {}),
            });
            clients.push(resuming);
            token = resuming.session.token;
            const firstUser = resuming.userId;
            const joined = await plain.request('join_room', { room: 'Restart-Room' });
            assert.equal(joined.ok, true, JSON.stringify(joined));

            await stopCleanly(server);

            for (const client of clients) {
                const reason = await client.next('disconnect');
                // A `41` from the server ("io server disconnect") would stop the client from
                // reconnecting: on shutdown the server only closes the transport.
                assert.notEqual(reason, 'io server disconnect');
                for (const notice of client.all('notice')) {
                    assert.equal(notice.code, 'shutting_down');
                    assert.equal(typeof notice.message, 'string');
                }
                client.drain();
            }

            await server.start(port);

            for (const client of clients) {
                await client.next('connect', () => true, 15000);
                const session = await client.next('session', () => true, 5000);
                assert.equal(typeof session.user_id, 'string');
                assert.equal(typeof session.token, 'string');
                assert.ok(client.socket.connected);
            }
            const fresh = plain.all('session').at(-1);
            assert.equal(fresh.resumed, false);

            // The token, signed with the secret kept in the data directory, outlives the
            // process: the same identity comes back.
            const resumed = resuming.all('session').at(-1);
            assert.equal(resumed.resumed, true, JSON.stringify(resumed));
            assert.equal(resumed.user_id, firstUser);

            // The new connection works: rooms are joined again by the application.
            const again = await plain.request('join_room', { room: 'Restart-Room' });
            assert.equal(again.ok, true, JSON.stringify(again));
            assert.equal(again.room, 'restart-room');
        } finally {
            for (const client of clients) client.close();
            try {
                await stopCleanly(server);
            } finally {
                server.cleanup();
            }
        }
    });

    it('reports a dropped member as user_left disconnected after the grace period', async () => {
        const server = new ChatServer({ extraArgs: ['--presence-grace-ms', '300'] });
        const clients = [];
        try {
            await server.start();
            const a = await TestClient.connect(server.url);
            const b = await TestClient.connect(server.url);
            clients.push(a, b);
            assert.equal((await a.request('join_room', { room: 'grace' })).ok, true);
            assert.equal((await b.request('join_room', { room: 'grace' })).ok, true);
            await a.next('user_joined', (e) => e.user_id === b.userId);

            const dropped = Date.now();
            b.close();
            const left = await a.next('user_left', (e) => e.user_id === b.userId, 5000);
            assert.equal(left.room, 'grace');
            assert.equal(left.reason, 'disconnected');
            assert.ok(Date.now() - dropped >= 250, 'user_left came before the grace period ended');
        } finally {
            for (const client of clients) client.close();
            try {
                await stopCleanly(server);
            } finally {
                server.cleanup();
            }
        }
    });

    it('keeps a connection alive through Engine.IO heartbeats', async () => {
        const server = new ChatServer({
            extraArgs: ['--ping-interval-ms', '200', '--ping-timeout-ms', '400'],
        });
        let client = null;
        try {
            await server.start();
            client = await TestClient.connect(server.url);
            let pings = 0;
            client.socket.io.on('ping', () => (pings += 1));
            await waitUntil(() => pings >= 4, { timeoutMs: 5000, what: '4 server pings' });
            assert.ok(client.socket.connected);
            assert.equal(client.all('disconnect').length, 0);
            const ack = await client.request('list_rooms', {});
            assert.equal(ack.ok, true);
        } finally {
            client?.close();
            try {
                await stopCleanly(server);
            } finally {
                server.cleanup();
            }
        }
    });
});
