// A socket.io-client socket that records every event it receives, so that a test can wait
// for an event that may already have arrived (no race between triggering and listening).
import { io } from 'socket.io-client';

import { DEFAULT_TIMEOUT_MS, withTimeout } from './wait.mjs';

const RESERVED = ['connect', 'connect_error', 'disconnect'];

export class TestClient {
    // url: http://HOST:PORT (optionally with a namespace path). opts go to io().
    constructor(url, opts = {}) {
        this.received = []; // [{name, args, taken}]
        this.waiters = [];
        this.session = null;
        this.socket = io(url, {
            transports: ['websocket'],
            forceNew: true,
            reconnection: false,
            timeout: DEFAULT_TIMEOUT_MS,
            ...opts,
        });
        this.socket.onAny((name, ...args) => this.#record(name, args));
        for (const name of RESERVED) {
            this.socket.on(name, (...args) => this.#record(name, args));
        }
    }

    // Connects and waits for the `session` event that follows CONNECT.
    static async connect(url, opts = {}) {
        const client = new TestClient(url, opts);
        try {
            client.session = await client.next('session');
        } catch (err) {
            client.close();
            throw err;
        }
        return client;
    }

    get userId() {
        return this.session.user_id;
    }

    #record(name, args) {
        const entry = { name, args, taken: false };
        this.received.push(entry);
        for (const waiter of [...this.waiters]) {
            if (!entry.taken && waiter.matches(entry)) {
                entry.taken = true;
                this.waiters.splice(this.waiters.indexOf(waiter), 1);
                waiter.resolve(entry.args[0]);
            }
        }
    }

    // Resolves with the first argument of the oldest not-yet-taken `name` event whose
    // first argument satisfies predicate; waits at most timeoutMs for it to arrive.
    next(name, predicate = () => true, timeoutMs = DEFAULT_TIMEOUT_MS) {
        const matches = (entry) => entry.name === name && predicate(entry.args[0]);
        const found = this.received.find((entry) => !entry.taken && matches(entry));
        if (found) {
            found.taken = true;
            return Promise.resolve(found.args[0]);
        }
        let waiter;
        const promise = new Promise((resolve) => {
            waiter = { matches, resolve };
            this.waiters.push(waiter);
        });
        return withTimeout(promise, timeoutMs, `event '${name}'`).catch((err) => {
            this.waiters.splice(this.waiters.indexOf(waiter), 1);
            throw err;
        });
    }

    // Events named `name` received so far (first arguments), taken or not.
    all(name) {
        return this.received.filter((e) => e.name === name).map((e) => e.args[0]);
    }

    // Marks everything received so far as taken: next() then waits for new events only.
    drain() {
        for (const entry of this.received) entry.taken = true;
    }

    // Emits with an ack and resolves with the ack's first argument.
    request(event, payload, timeoutMs = DEFAULT_TIMEOUT_MS) {
        return this.socket.timeout(timeoutMs).emitWithAck(event, payload);
    }

    close() {
        this.socket.disconnect();
    }
}
