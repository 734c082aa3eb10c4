// The standard JavaScript client (socket.io-client 4.8, WebSocket transport only) against
// the real chat-server: identity, rooms, messages, errors and the HTTP endpoints.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { TestClient } from '../lib/client.mjs';
import { ChatServer, httpGet } from '../lib/server.mjs';

const TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

let counter = 0;
// A room name no other test uses, in mixed case: the server answers in lower case.
function uniqueRoom(prefix = 'Room') {
    counter += 1;
    return `${prefix}-JS-${process.pid}-${counter}`;
}

function assertMessage(message, { room, user, text, clientId }) {
    assert.equal(message.room, room);
    assert.equal(typeof message.seq, 'number');
    assert.ok(Number.isInteger(message.seq) && message.seq >= 1, `seq ${message.seq}`);
    assert.equal(typeof message.id, 'string');
    assert.ok(message.id.length > 0);
    assert.equal(message.user_id, user.session.user_id);
    assert.equal(message.handle, user.session.handle);
    assert.equal(message.text, text);
    assert.match(message.ts, TS);
    if (clientId !== undefined) assert.equal(message.client_id, clientId);
}

function assertError(ack, code) {
    assert.equal(ack.ok, false, `expected an error ack, got ${JSON.stringify(ack)}`);
    assert.equal(typeof ack.error, 'object');
    assert.equal(ack.error.code, code, `error ${JSON.stringify(ack.error)}`);
    assert.equal(typeof ack.error.message, 'string');
}

describe('socket.io-client against chat-server', () => {
    const server = new ChatServer();
    const clients = [];

    async function connect(opts) {
        const client = await TestClient.connect(server.url, opts);
        clients.push(client);
        return client;
    }

    // Two connected clients that both joined a fresh room; returns [a, b, room, joinAckOfB].
    async function pairInRoom() {
        const a = await connect();
        const b = await connect();
        const name = uniqueRoom();
        const room = name.toLowerCase();
        const ackA = await a.request('join_room', { room: name });
        assert.equal(ackA.ok, true, JSON.stringify(ackA));
        const ackB = await b.request('join_room', { room: name });
        assert.equal(ackB.ok, true, JSON.stringify(ackB));
        await a.next('user_joined', (e) => e.room === room && e.user_id === b.userId);
        return [a, b, room, ackB];
    }

    before(async () => {
        await server.start();
    });

    after(async () => {
        for (const client of clients) client.close();
        try {
            const status = await server.stop();
            assert.deepEqual(status, { code: 0, signal: null }, `server log:\n${server.stderr}`);
        } finally {
            server.cleanup();
        }
    });

    it('connects over WebSocket only and receives a new session', async () => {
        const client = await connect();
        const s = client.session;
        assert.ok(client.socket.connected);
        assert.equal(client.socket.io.engine.transport.name, 'websocket');
        assert.equal(typeof client.socket.id, 'string');
        assert.equal(typeof s.user_id, 'string');
        assert.ok(s.user_id.length > 0);
        assert.equal(typeof s.handle, 'string');
        assert.ok(s.handle.length > 0);
        assert.equal(typeof s.token, 'string');
        assert.ok(s.token.length > 0);
        assert.equal(s.resumed, false);
    });

    it('gives two connections two identities', async () => {
        const a = await connect();
        const b = await connect();
        assert.notEqual(a.userId, b.userId);
        assert.notEqual(a.session.token, b.session.token);
    });

    it('joins a room with an ack: canonical name, members, history, last_seq', async () => {
        const a = await connect();
        const b = await connect();
        const name = uniqueRoom('Lobby');
        const room = name.toLowerCase();

        // The very first ack of a JS socket carries id 0: it must come back as 0.
        const ackA = await a.request('join_room', { room: name });
        assert.equal(ackA.ok, true, JSON.stringify(ackA));
        assert.equal(ackA.room, room);
        assert.deepEqual(
            ackA.members.map((m) => ({ user_id: m.user_id, handle: m.handle })),
            [{ user_id: a.userId, handle: a.session.handle }],
        );
        assert.deepEqual(ackA.history, []);
        assert.equal(ackA.last_seq, 0);

        const ackB = await b.request('join_room', { room: `  ${name.toUpperCase()}  ` });
        assert.equal(ackB.ok, true, JSON.stringify(ackB));
        assert.equal(ackB.room, room);
        const ids = ackB.members.map((m) => m.user_id).sort();
        assert.deepEqual(ids, [a.userId, b.userId].sort());
        for (const m of ackB.members) assert.equal(typeof m.handle, 'string');
        assert.deepEqual(ackB.history, []);
        assert.equal(ackB.last_seq, 0);

        const joined = await a.next('user_joined', (e) => e.room === room);
        assert.equal(joined.user_id, b.userId);
        assert.equal(joined.handle, b.session.handle);
        assert.match(joined.ts, TS);
    });

    it('join_room is idempotent and sends no second user_joined', async () => {
        const [a, b, room] = await pairInRoom();
        const again = await b.request('join_room', { room });
        assert.equal(again.ok, true, JSON.stringify(again));
        assert.equal(again.members.length, 2);
        // A barrier: A's own request is answered after anything the rejoin caused.
        await a.request('list_rooms', {});
        assert.equal(a.all('user_joined').filter((e) => e.room === room).length, 1);
    });

    it('delivers a message to every member with an ack carrying the stored message', async () => {
        const [a, b, room] = await pairInRoom();

        const ack = await a.request('send_message', { room, text: 'hello from js', client_id: 'c-js-1' });
        assert.equal(ack.ok, true, JSON.stringify(ack));
        assertMessage(ack.message, { room, user: a, text: 'hello from js', clientId: 'c-js-1' });
        assert.equal(ack.message.seq, 1);

        const atB = await b.next('message', (m) => m.room === room);
        assert.equal(atB.seq, ack.message.seq);
        assert.equal(atB.id, ack.message.id);
        assertMessage(atB, { room, user: a, text: 'hello from js', clientId: 'c-js-1' });
        // The sender is a member too.
        const atA = await a.next('message', (m) => m.room === room);
        assert.equal(atA.id, ack.message.id);

        const second = await b.request('send_message', { room, text: 'reply' });
        assert.equal(second.ok, true, JSON.stringify(second));
        assert.equal(second.message.seq, ack.message.seq + 1);
        assert.notEqual(second.message.id, ack.message.id);
        const atA2 = await a.next('message', (m) => m.room === room);
        assert.equal(atA2.seq, second.message.seq);
        assert.equal(atA2.user_id, b.userId);

        // A later joiner gets both in its history, ascending, and last_seq.
        const c = await connect();
        const ackC = await c.request('join_room', { room });
        assert.deepEqual(ackC.history.map((m) => m.seq), [1, 2]);
        assert.equal(ackC.history[0].id, ack.message.id);
        assert.equal(ackC.last_seq, 2);
    });

    it('treats a repeated client_id as a retry: original message, no second broadcast', async () => {
        const [a, b, room] = await pairInRoom();
        const first = await a.request('send_message', { room, text: 'once', client_id: 'c-retry' });
        assert.equal(first.ok, true, JSON.stringify(first));
        const retry = await a.request('send_message', { room, text: 'once?', client_id: 'c-retry' });
        assert.equal(retry.ok, true, JSON.stringify(retry));
        assert.deepEqual(retry.message, first.message);
        const next = await a.request('send_message', { room, text: 'twice', client_id: 'c-other' });
        assert.equal(next.message.seq, first.message.seq + 1);
        // B saw 'once' and then 'twice', nothing in between.
        assert.equal((await b.next('message', (m) => m.room === room)).text, 'once');
        assert.equal((await b.next('message', (m) => m.room === room)).text, 'twice');
    });

    it('serves history: join with since, and pages with before/limit', async () => {
        const [a, , room] = await pairInRoom();
        for (const text of ['one', 'two', 'three', 'four']) {
            const ack = await a.request('send_message', { room, text });
            assert.equal(ack.ok, true, JSON.stringify(ack));
        }
        const c = await connect();
        const since = await c.request('join_room', { room, since: 2 });
        assert.equal(since.ok, true, JSON.stringify(since));
        assert.deepEqual(since.history.map((m) => m.text), ['three', 'four']);
        assert.equal(since.last_seq, 4);
        assert.equal(since.truncated, false);

        const page = await c.request('history', { room, before: 4, limit: 2 });
        assert.equal(page.ok, true, JSON.stringify(page));
        assert.equal(page.room, room);
        assert.deepEqual(page.history.map((m) => m.seq), [2, 3]);
        assert.equal(page.has_more, true);
        const rest = await c.request('history', { room, before: 2, limit: 50 });
        assert.deepEqual(rest.history.map((m) => m.seq), [1]);
        assert.equal(rest.has_more, false);
    });

    it('rejects text over 4000 code points with message_too_long', async () => {
        const [a, , room] = await pairInRoom();
        // 4000 code points is fine even when each is two UTF-16 units.
        const max = '😀'.repeat(4000);
        const ok = await a.request('send_message', { room, text: max });
        assert.equal(ok.ok, true, JSON.stringify(ok).slice(0, 200));
        assertError(await a.request('send_message', { room, text: 'x'.repeat(4001) }), 'message_too_long');
    });

    it('answers concurrent requests with the matching ack ids', async () => {
        const a = await connect();
        const names = [1, 2, 3, 4, 5].map(() => uniqueRoom('Many'));
        const acks = await Promise.all(names.map((room) => a.request('join_room', { room })));
        acks.forEach((ack, i) => {
            assert.equal(ack.ok, true, JSON.stringify(ack));
            assert.equal(ack.room, names[i].toLowerCase());
        });
    });

    it('lists rooms with member counts, and GET /rooms returns the same object', async () => {
        const [a, , room] = await pairInRoom();
        const list = await a.request('list_rooms', {});
        assert.equal(list.ok, true, JSON.stringify(list));
        assert.ok(Array.isArray(list.rooms));
        const entry = list.rooms.find((r) => r.room === room);
        assert.ok(entry, `${room} missing from ${JSON.stringify(list.rooms)}`);
        assert.equal(entry.members, 2);
        assert.equal(typeof entry.last_activity, 'string');
        assert.match(entry.last_activity, TS);
        const sorted = [...list.rooms.map((r) => r.room)].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
        assert.deepEqual(list.rooms.map((r) => r.room), sorted);

        const res = await httpGet(server.port, '/rooms');
        assert.equal(res.status, 200);
        assert.deepEqual(JSON.parse(res.body), list);
    });

    it('rejects an invalid room name with invalid_room', async () => {
        const a = await connect();
        for (const room of ['bad room!', '', '   ', 'x'.repeat(65), 'a/b']) {
            assertError(await a.request('join_room', { room }), 'invalid_room');
        }
    });

    it('rejects sending to a room not joined with not_in_room', async () => {
        const [, , room] = await pairInRoom();
        const outsider = await connect();
        assertError(await outsider.request('send_message', { room, text: 'hi' }), 'not_in_room');
    });

    it('rejects blank text with empty_message', async () => {
        const [a, b, room] = await pairInRoom();
        assertError(await a.request('send_message', { room, text: '   ' }), 'empty_message');
        assertError(await a.request('send_message', { room, text: '' }), 'empty_message');
        // Nothing was broadcast: the next message is seq 1.
        const ok = await a.request('send_message', { room, text: 'first' });
        assert.equal(ok.message.seq, 1);
        const atB = await b.next('message', (m) => m.room === room);
        assert.equal(atB.text, 'first');
    });

    it('rejects a wrongly shaped payload with invalid_payload', async () => {
        const a = await connect();
        assertError(await a.request('join_room', { room: 42 }), 'invalid_payload');
        assertError(await a.request('no_such_event', {}), 'invalid_payload');
    });

    it('leave_room acks and the other member gets user_left with reason left', async () => {
        const [a, b, room] = await pairInRoom();
        const ack = await b.request('leave_room', { room });
        assert.deepEqual(ack, { ok: true, room });
        const left = await a.next('user_left', (e) => e.room === room);
        assert.equal(left.user_id, b.userId);
        assert.equal(left.handle, b.session.handle);
        assert.equal(left.reason, 'left');
        assert.match(left.ts, TS);
        assertError(await b.request('send_message', { room, text: 'gone' }), 'not_in_room');
    });

    it('refuses a namespace other than / with connect_error "Invalid namespace"', async () => {
        const client = new TestClient(`${server.url}/nope`);
        clients.push(client);
        const err = await client.next('connect_error');
        assert.equal(err.message, 'Invalid namespace');
        assert.equal(client.socket.connected, false);
    });

    it('answers a polling handshake with an open packet that offers the upgrade', async () => {
        const res = await httpGet(server.port, '/socket.io/?EIO=4&transport=polling');
        assert.equal(res.status, 200);
        assert.equal(res.body[0], '0');
        assert.deepEqual(JSON.parse(res.body.slice(1)).upgrades, ['websocket']);
    });

    it('answers an unknown transport with 400 Transport unknown', async () => {
        const res = await httpGet(server.port, '/socket.io/?EIO=4&transport=flash');
        assert.equal(res.status, 400);
        assert.deepEqual(JSON.parse(res.body), { code: 0, message: 'Transport unknown' });
    });

    it('answers GET /health', async () => {
        const res = await httpGet(server.port, '/health');
        assert.equal(res.status, 200);
        assert.equal(JSON.parse(res.body).status, 'ok');
    });

    it('answers an unknown path with 404', async () => {
        const res = await httpGet(server.port, '/no/such/path');
        assert.equal(res.status, 404);
    });
});
