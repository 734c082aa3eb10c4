// Protocol 1.1 clients beside the standard one, against the real chat-server: a plain
// WebSocket on /ws (the `ws` package, as a browser WebSocket would) and a client written for
// the Flask-SocketIO seed app (its event names), all in one room with a standard
// socket.io-client member.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';

import { TestClient } from '../lib/client.mjs';
import { ChatServer } from '../lib/server.mjs';
import { DEFAULT_TIMEOUT_MS, withTimeout } from '../lib/wait.mjs';

let counter = 0;
function uniqueRoom() {
    counter += 1;
    return `mixed-${process.pid}-${counter}`;
}

// A /ws connection that records every JSON frame, so that a test can wait for one that may
// already have arrived.
class PlainClient {
    constructor(url) {
        this.frames = [];
        this.waiters = [];
        this.ws = new WebSocket(url);
        this.closed = new Promise((resolve) => this.ws.on('close', (code) => resolve(code)));
        this.ws.on('message', (data) => {
            const frame = JSON.parse(data.toString());
            this.frames.push(frame);
            for (const waiter of [...this.waiters]) waiter();
        });
    }

    static async join(port, query) {
        const client = new PlainClient(`ws://127.0.0.1:${port}/ws${query}`);
        client.session = await client.next('session');
        client.joined = await client.next('joined');
        return client;
    }

    // The first frame of `type` that satisfies predicate (waits for it).
    next(type, predicate = () => true) {
        const find = () => this.frames.find((f) => f.type === type && predicate(f));
        return withTimeout(
            new Promise((resolve) => {
                const check = () => {
                    const found = find();
                    if (!found) return;
                    this.waiters.splice(this.waiters.indexOf(check), 1);
                    resolve(found);
                };
                this.waiters.push(check);
                check();
            }),
            DEFAULT_TIMEOUT_MS,
            `a ${type} frame`,
        );
    }

    send(object) {
        this.ws.send(typeof object === 'string' ? object : JSON.stringify(object));
    }

    close() {
        this.ws.close();
    }
}

describe('/ws and seed-app clients with socket.io-client in one room', () => {
    const server = new ChatServer();
    const clients = [];

    before(async () => {
        await server.start();
    });
    after(async () => {
        for (const client of clients) client.close();
        await server.stop();
    });

    it('chats between a plain WebSocket and a Socket.IO client', async () => {
        const room = uniqueRoom();
        const plain = await PlainClient.join(server.port, `?room=${room}`);
        clients.push(plain);
        assert.equal(plain.joined.room, room);
        const standard = await TestClient.connect(server.url);
        clients.push(standard);
        const ack = await standard.request('join_room', { room });
        assert.equal(ack.ok, true);
        assert.deepEqual(
            ack.members.map((m) => m.user_id).sort(),
            [plain.session.user_id, standard.userId].sort(),
        );
        const joined = await plain.next('user_joined');
        assert.equal(joined.user_id, standard.userId);

        plain.send({ type: 'message', text: 'from a plain WebSocket', client_id: 'p-1' });
        const atStandard = await standard.next('message');
        assert.equal(atStandard.text, 'from a plain WebSocket');
        assert.equal(atStandard.client_id, 'p-1');
        assert.equal(atStandard.user_id, plain.session.user_id);
        const echo = await plain.next('message', (m) => m.client_id === 'p-1');
        assert.equal(echo.seq, atStandard.seq);

        const sent = await standard.request('send_message', { room, text: 'from Socket.IO' });
        assert.equal(sent.ok, true);
        const atPlain = await plain.next('message', (m) => m.text === 'from Socket.IO');
        assert.equal(atPlain.seq, sent.message.seq);
        assert.equal(atPlain.handle, standard.session.handle);
    });

    it('resumes a plain WebSocket with token and since', async () => {
        const room = uniqueRoom();
        const first = await PlainClient.join(server.port, `?room=${room}`);
        clients.push(first);
        first.send('one');
        first.send('two');
        await first.next('message', (m) => m.text === 'two');
        first.close();
        await first.closed;
        const token = encodeURIComponent(first.session.token);
        const again = await PlainClient.join(server.port, `?room=${room}&token=${token}&since=1`);
        clients.push(again);
        assert.equal(again.session.resumed, true);
        assert.equal(again.session.user_id, first.session.user_id);
        assert.deepEqual(again.joined.history.map((m) => m.text), ['two']);
    });

    it('speaks the seed app\'s names beside a standard member', async () => {
        const room = uniqueRoom();
        const seed = await TestClient.connect(server.url);
        clients.push(seed);
        const connected = await seed.next('connected');
        assert.equal(typeof connected.sid, 'string');
        assert.equal(connected.sid, seed.socket.id);
        seed.socket.emit('join', { room });
        const joined = await seed.next('joined');
        assert.equal(joined.room, room);
        assert.equal(joined.last_seq, 0);

        const standard = await TestClient.connect(server.url);
        clients.push(standard);
        await standard.request('join_room', { room });
        seed.socket.emit('message', { room, message: 'hello seed', username: 'spoofed' });
        const seedView = await seed.next('message');
        assert.equal(seedView.message, 'hello seed');
        assert.equal(seedView.username, seed.session.handle);
        assert.equal(typeof seedView.timestamp, 'number');
        const standardView = await standard.next('message');
        assert.equal(standardView.text, 'hello seed');
        assert.equal(standardView.handle, seed.session.handle);
        assert.equal(standardView.seq, seedView.seq);

        seed.socket.emit('test_message', { message: 'ping?' });
        assert.deepEqual(await seed.next('test_response'), {
            data: { message: 'ping?' },
            status: 'ok',
        });
        seed.socket.emit('leave', { room });
        assert.deepEqual(await seed.next('left'), { room });
        const left = await standard.next('user_left');
        assert.equal(left.user_id, seed.userId);
        assert.equal(left.reason, 'left');
    });
});
