// Engine.IO / Socket.IO packets as a client library puts them on the wire, sent over a plain
// WebSocket (the `ws` package), for the cases the libraries never produce on their own.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import WebSocket from 'ws';

import { ChatServer } from '../lib/server.mjs';
import { DEFAULT_TIMEOUT_MS, withTimeout } from '../lib/wait.mjs';

// One WebSocket with a queue of the text frames it received. Answers Engine.IO pings.
class RawPeer {
    constructor(url) {
        this.frames = [];
        this.waiters = [];
        this.closed = null;
        this.ws = new WebSocket(url);
        this.opened = withTimeout(
            new Promise((resolve, reject) => {
                this.ws.once('open', resolve);
                this.ws.once('error', reject);
            }),
            DEFAULT_TIMEOUT_MS,
            'WebSocket open',
        );
        this.closedPromise = new Promise((resolve) => {
            this.ws.on('close', (code) => {
                this.closed = code;
                resolve(code);
            });
        });
        this.ws.on('message', (data, isBinary) => {
            const text = isBinary ? `<binary ${data.length} bytes>` : data.toString('utf8');
            if (text === '2') {
                this.ws.send('3');
                return;
            }
            const waiter = this.waiters.shift();
            if (waiter) waiter(text);
            else this.frames.push(text);
        });
    }

    static async open(port, query = 'EIO=4&transport=websocket') {
        const peer = new RawPeer(`ws://127.0.0.1:${port}/socket.io/?${query}`);
        await peer.opened;
        return peer;
    }

    // The next text frame (other than pings), waiting at most timeoutMs.
    next(timeoutMs = DEFAULT_TIMEOUT_MS) {
        if (this.frames.length > 0) return Promise.resolve(this.frames.shift());
        let waiter;
        const promise = new Promise((resolve) => {
            waiter = resolve;
            this.waiters.push(resolve);
        });
        return withTimeout(promise, timeoutMs, 'a frame from the server').catch((err) => {
            const i = this.waiters.indexOf(waiter);
            if (i >= 0) this.waiters.splice(i, 1);
            throw err;
        });
    }

    // Next frame, parsed as a Socket.IO packet `4<type>[<nsp>,][<id>]<json>`.
    async nextPacket(timeoutMs) {
        const frame = await this.next(timeoutMs);
        const m = /^4(\d)(\/[^,]*,)?(\d*)(.*)$/s.exec(frame);
        assert.ok(m, `not a Socket.IO packet: ${frame}`);
        return {
            frame,
            type: Number(m[1]),
            nsp: m[2] ? m[2].slice(0, -1) : '/',
            id: m[3] === '' ? null : Number(m[3]),
            data: m[4] === '' ? null : JSON.parse(m[4]),
        };
    }

    send(text) {
        this.ws.send(text);
    }

    // Opens, reads the Engine.IO open packet, CONNECTs to / and reads `session` and `connected`.
    static async connected(port, query) {
        const peer = await RawPeer.open(port, query);
        const open = await peer.next();
        assert.equal(open[0], '0', `expected the Engine.IO open packet, got ${open}`);
        peer.handshake = JSON.parse(open.slice(1));
        peer.send('40');
        const connect = await peer.nextPacket();
        assert.equal(connect.type, 0, connect.frame);
        const session = await peer.nextPacket();
        assert.equal(session.type, 2, session.frame);
        assert.equal(session.data[0], 'session');
        peer.session = session.data[1];
        // The seed app's alias follows for every client (protocol 1.1).
        const alias = await peer.nextPacket();
        assert.deepEqual(alias.data, ['connected', { sid: connect.data.sid }], alias.frame);
        return peer;
    }

    close() {
        this.ws.close();
    }
}

describe('raw Engine.IO / Socket.IO packets', () => {
    const server = new ChatServer();
    const peers = [];

    async function connected(query) {
        const peer = await RawPeer.connected(server.port, query);
        peers.push(peer);
        return peer;
    }

    before(async () => {
        await server.start();
    });

    after(async () => {
        for (const peer of peers) peer.close();
        try {
            const status = await server.stop();
            assert.deepEqual(status, { code: 0, signal: null }, `server log:\n${server.stderr}`);
        } finally {
            server.cleanup();
        }
    });

    it('opens with the Engine.IO handshake and answers CONNECT with a sid and no pid', async () => {
        const peer = await RawPeer.open(server.port);
        peers.push(peer);
        const open = await peer.next();
        assert.equal(open[0], '0');
        const hs = JSON.parse(open.slice(1));
        assert.equal(typeof hs.sid, 'string');
        assert.deepEqual(hs.upgrades, []);
        assert.equal(hs.pingInterval, 25000);
        assert.equal(hs.pingTimeout, 20000);
        assert.equal(hs.maxPayload, 65536);

        peer.send('40');
        const connect = await peer.nextPacket();
        assert.equal(connect.type, 0);
        assert.equal(connect.nsp, '/');
        assert.equal(typeof connect.data.sid, 'string');
        assert.equal('pid' in connect.data, false);
        const session = await peer.nextPacket();
        assert.deepEqual(session.data[0], 'session');
        assert.equal(session.data[1].resumed, false);
    });

    it('parses the query by key, in any order, ignoring unknown keys', async () => {
        const peer = await connected('transport=websocket&EIO=4&t=NxYz123');
        assert.equal(typeof peer.session.user_id, 'string');
    });

    it('echoes ack ids exactly: 0, 1 and large ones', async () => {
        const peer = await connected();
        for (const id of [0, 1, 7, 123456]) {
            peer.send(`42${id}["list_rooms",{}]`);
            const ack = await peer.nextPacket();
            assert.equal(ack.type, 3, ack.frame);
            assert.equal(ack.id, id, ack.frame);
            assert.equal(ack.data[0].ok, true, ack.frame);
        }
    });

    it('resumes an identity with the token in CONNECT', async () => {
        const first = await connected();
        const peer = await RawPeer.open(server.port);
        peers.push(peer);
        await peer.next();
        peer.send(`40${JSON.stringify({ token: first.session.token })}`);
        assert.equal((await peer.nextPacket()).type, 0);
        const session = (await peer.nextPacket()).data[1];
        assert.equal(session.resumed, true);
        assert.equal(session.user_id, first.session.user_id);
        assert.equal(session.handle, first.session.handle);
    });

    it('treats a forged token as no token', async () => {
        const peer = await RawPeer.open(server.port);
        peers.push(peer);
        await peer.next();
        peer.send('40{"token":"forged.token.value"}');
        assert.equal((await peer.nextPacket()).type, 0);
        const session = (await peer.nextPacket()).data[1];
        assert.equal(session.resumed, false);
    });

    it('refuses another namespace with 44 Invalid namespace', async () => {
        const peer = await RawPeer.open(server.port);
        peers.push(peer);
        await peer.next();
        peer.send('40/nope,');
        const refused = await peer.nextPacket();
        assert.equal(refused.type, 4, refused.frame);
        assert.equal(refused.nsp, '/nope');
        assert.deepEqual(refused.data, { message: 'Invalid namespace' });
    });

    it('answers malformed JSON with an error event and keeps the connection', async () => {
        const peer = await connected();
        peer.send('42["join_room",{');
        const err = await peer.nextPacket();
        assert.equal(err.type, 2, err.frame);
        assert.equal(err.data[0], 'error');
        assert.equal(err.data[1].code, 'invalid_payload');
        assert.equal(typeof err.data[1].message, 'string');
        peer.send('421["list_rooms",{}]');
        const ack = await peer.nextPacket();
        assert.equal(ack.id, 1, ack.frame);
    });

    it('answers a malformed payload that has an ack id with an error ack', async () => {
        const peer = await connected();
        peer.send('425{"not":"an array"}');
        const ack = await peer.nextPacket();
        assert.equal(ack.type, 3, ack.frame);
        assert.equal(ack.id, 5, ack.frame);
        assert.equal(ack.data[0].ok, false);
        assert.equal(ack.data[0].error.code, 'invalid_payload');
    });

    it('answers a binary packet with an error event and keeps the connection', async () => {
        const peer = await connected();
        peer.send('451-["send_message",{"_placeholder":true,"num":0}]');
        const err = await peer.nextPacket();
        assert.equal(err.type, 2, err.frame);
        assert.equal(err.data[0], 'error');
        assert.equal(err.data[1].code, 'invalid_payload');
        peer.send('422["list_rooms",{}]');
        const ack = await peer.nextPacket();
        assert.equal(ack.type, 3, ack.frame);
        assert.equal(ack.id, 2, ack.frame);
        assert.equal(peer.closed, null);
    });

    it('answers an EVENT before CONNECT with an error event', async () => {
        const peer = await RawPeer.open(server.port);
        peers.push(peer);
        await peer.next();
        peer.send('42["list_rooms",{}]');
        const err = await peer.nextPacket();
        assert.equal(err.type, 2, err.frame);
        assert.equal(err.data[0], 'error');
        assert.equal(err.data[1].code, 'invalid_payload');
    });

    it('answers a binary WebSocket frame with an error event and keeps the connection', async () => {
        const peer = await connected();
        peer.ws.send(Buffer.from('423["list_rooms",{}]'), { binary: true });
        const err = await peer.nextPacket();
        assert.equal(err.type, 2, err.frame);
        assert.equal(err.data[0], 'error');
        assert.equal(err.data[1].code, 'invalid_payload');
        peer.send('424["list_rooms",{}]');
        const ack = await peer.nextPacket();
        assert.equal(ack.id, 4, ack.frame);
    });

    it('closes with 1009 on a message over maxPayload', async () => {
        const peer = await connected();
        peer.send(`42["send_message",{"room":"big","text":"${'x'.repeat(peer.handshake.maxPayload)}"}]`);
        const code = await withTimeout(peer.closedPromise, DEFAULT_TIMEOUT_MS, 'the close');
        assert.equal(code, 1009);
    });

    it('closes with 1007 on a text frame that is not UTF-8', async () => {
        const peer = await connected();
        peer.ws.send(Buffer.from([0x34, 0x32, 0xff, 0xfe]), { binary: false });
        const code = await withTimeout(peer.closedPromise, DEFAULT_TIMEOUT_MS, 'the close');
        assert.equal(code, 1007);
    });
});
