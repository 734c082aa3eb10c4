// The state of one room as this tab sees it, and the delivery rules: history and live
// messages merged by seq (never twice, never a gap unnoticed), members and presence, who is
// typing, and the outbox (a message goes out once, in order, and waits through disconnects
// and rate limits). UI-free: the view (roomview.js) renders what emit() reports.

import { RoomConnection } from './connection.js';
import * as store from './store.js';

/** Longest message, in code points (shared protocol, send_message). */
export const MAX_MESSAGE_CODE_POINTS = 4000;
/** A join without `since` returns this many messages; fewer after a recovery are topped up. */
export const HISTORY_PAGE = 50;
/** Repeat `typing:true` this often while the user types, and send false after the idle time (ms). */
export const TYPING_REFRESH_MS = 3000;
export const TYPING_IDLE_MS = 5000;
/** Someone else's `typing:true` counts this long without a refresh (ms). */
export const TYPING_EXPIRY_MS = 6000;

const BLANK = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;
// Error codes that can only answer a message (never a typing or history request): an error
// without client_id but with one of these codes is about the message in flight. Others, such
// as rate_limited, also answer typing events, which carry no client_id.
const MESSAGE_ONLY_ERRORS = new Set(['empty_message', 'message_too_long']);

/** Why @p text cannot be sent, or '' when it can. */
export function messageProblem(text) {
    if (BLANK.test(text)) return 'empty';
    const length = [...text].length;
    if (length > MAX_MESSAGE_CODE_POINTS) return `${length - MAX_MESSAGE_CODE_POINTS} characters too long`;
    return '';
}

export class RoomSession {
    /**
     * @param {string} room canonical room name.
     * @param {(kind: string, data: object) => void} emit  receives the changes (see the view).
     */
    constructor(room, emit) {
        this.room = room;
        this.emit = emit;
        this.me = null; // {user_id, handle}
        this.seqs = new Set();
        this.oldestSeq = 0;
        this.newestSeq = 0; // highest seq seen in this page: the `since` of reconnects
        this.joinedOnce = false;
        this.members = new Map(); // user_id -> handle
        this.typists = new Map(); // user_id -> {handle, expires}
        this.typingTimer = null;
        this.pending = store.outboxOf(room).map((entry) => ({ ...entry, status: 'waiting' }));
        this.inFlight = null; // client_id sent and not yet answered
        this.holdTimer = null; // a rate limit or a busy server: wait before sending again
        this.older = { loading: false, exhausted: false }; // exhausted: the server has nothing older
        this.typingOut = { sentAt: 0, idleTimer: null };
        this.connection = new RoomConnection({
            params: () => this.#params(),
            onFrame: (frame) => this.#onFrame(frame),
            onState: (state, detail) => this.#onState(state, detail),
        });
    }

    start() {
        for (const entry of this.pending) this.emit('pending-add', entry);
        this.connection.start();
    }

    close() {
        this.connection.close();
        clearTimeout(this.holdTimer);
        clearTimeout(this.typingTimer);
        clearTimeout(this.typingOut.idleTimer);
    }

    #params() {
        const params = { room: this.room, token: store.loadToken() };
        if (this.joinedOnce) {
            params.since = this.newestSeq;
        } else if (this.pending.length) {
            // Messages typed in an earlier visit may have been stored without this tab
            // seeing the echo: everything after the last seq seen then includes them, so the
            // outbox learns which ones are already delivered before it sends again.
            const last = store.loadLastSeq(this.room);
            if (last > 0) params.since = last;
        }
        return params;
    }

    // ---- what the user does

    /** Queues @p text (already checked with messageProblem()) and sends it when it can. */
    send(text) {
        const entry = { room: this.room, client_id: store.newClientId(), text, created: Date.now() };
        store.addToOutbox(entry);
        const shown = { ...entry, status: 'waiting' };
        this.pending.push(shown);
        this.emit('pending-add', shown);
        this.stopTyping();
        this.#pump();
    }

    /** Drops a message the server refused for good. */
    discard(clientId) {
        store.removeFromOutbox(clientId);
        this.#removePending(clientId);
        this.#pump();
    }

    /** Asks for the page of history before the oldest message shown. */
    loadOlder() {
        if (this.older.loading || !this.connection.isJoined || this.oldestSeq <= 1) return;
        this.#requestOlder(HISTORY_PAGE);
    }

    /** The message box changed; @p text is its content. Sends `typing` sparingly. */
    edited(text) {
        if (BLANK.test(text)) {
            this.stopTyping();
            return;
        }
        const now = Date.now();
        if (now - this.typingOut.sentAt >= TYPING_REFRESH_MS && this.connection.send({ type: 'typing', typing: true })) {
            this.typingOut.sentAt = now;
        }
        clearTimeout(this.typingOut.idleTimer);
        this.typingOut.idleTimer = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
    }

    stopTyping() {
        clearTimeout(this.typingOut.idleTimer);
        if (this.typingOut.sentAt) {
            this.typingOut.sentAt = 0;
            this.connection.send({ type: 'typing', typing: false });
        }
    }

    retryNow() {
        this.connection.retryNow();
    }

    // ---- what the server says

    #onState(state, detail) {
        if (state !== 'connected') {
            this.inFlight = null;
            this.typingOut.sentAt = 0;
            this.older.loading = false;
            if (this.typists.size) {
                this.typists.clear();
                this.#emitTyping();
            }
        }
        this.emit('state', { state, ...detail });
    }

    #onFrame(frame) {
        switch (frame.type) {
        case 'session':
            store.saveToken(frame.token);
            this.me = { user_id: frame.user_id, handle: frame.handle };
            this.emit('session', { ...this.me, resumed: frame.resumed === true });
            break;
        case 'joined':
            this.#onJoined(frame);
            break;
        case 'message':
            this.#onMessage(frame, true);
            break;
        case 'history':
            this.#onHistory(frame);
            break;
        case 'user_joined':
            this.members.set(frame.user_id, frame.handle);
            this.emit('members', { members: this.members, joined: frame });
            break;
        case 'user_left':
            this.members.delete(frame.user_id);
            this.#dropTypist(frame.user_id);
            this.emit('members', { members: this.members, left: frame });
            break;
        case 'typing':
            this.#onTyping(frame);
            break;
        case 'error':
            this.#onError(frame);
            break;
        case 'notice':
            this.emit('notice', frame);
            break;
        default:
            break; // a newer server's event: ignored
        }
    }

    #onJoined(frame) {
        const history = Array.isArray(frame.history) ? frame.history : [];
        if (frame.truncated === true) {
            // Between what this tab has and the oldest message returned, some are gone.
            const before = history.length ? history[0].seq : (Number(frame.last_seq) || this.newestSeq) + 1;
            this.emit('marker', { beforeSeq: before });
        }
        for (const message of history) this.#onMessage(message, false);
        this.members = new Map((frame.members || []).map((m) => [m.user_id, m.handle]));
        this.emit('members', { members: this.members });
        this.joinedOnce = true;
        this.inFlight = null;
        if (this.seqs.size < HISTORY_PAGE && this.oldestSeq > 1 && !this.older.loading && !this.older.exhausted) {
            this.#requestOlder(HISTORY_PAGE - this.seqs.size);
        } else {
            this.#emitOlder();
        }
        this.#pump();
    }

    #onMessage(message, live) {
        if (!message || !Number.isSafeInteger(message.seq)) return;
        const mine = this.me && message.user_id === this.me.user_id;
        if (mine && message.client_id) this.#acknowledge(message.client_id);
        if (this.seqs.has(message.seq)) return;
        this.seqs.add(message.seq);
        if (!this.oldestSeq || message.seq < this.oldestSeq) this.oldestSeq = message.seq;
        if (message.seq > this.newestSeq) {
            this.newestSeq = message.seq;
            store.saveLastSeq(this.room, message.seq);
        }
        if (live) this.#dropTypist(message.user_id);
        this.emit('message', { message, live, mine: Boolean(mine) });
    }

    #onHistory(frame) {
        this.older.loading = false;
        const history = Array.isArray(frame.history) ? frame.history : [];
        for (const message of history) this.#onMessage(message, false);
        this.older.exhausted = frame.has_more !== true;
        this.#emitOlder();
    }

    #requestOlder(limit) {
        if (this.connection.send({ type: 'history', before: this.oldestSeq, limit: Math.max(1, Math.min(limit, 100)) })) {
            this.older.loading = true;
        }
        this.#emitOlder();
    }

    #emitOlder() {
        const { loading, exhausted } = this.older;
        const older = this.oldestSeq > 1;
        this.emit('older', { loading, canLoad: older && !exhausted, unavailable: older && exhausted });
    }

    #onTyping(frame) {
        if (this.me && frame.user_id === this.me.user_id) return;
        if (frame.typing === true) {
            this.typists.set(frame.user_id, { handle: frame.handle, expires: Date.now() + TYPING_EXPIRY_MS });
        } else {
            this.typists.delete(frame.user_id);
        }
        this.#emitTyping();
    }

    #dropTypist(userId) {
        if (this.typists.delete(userId)) this.#emitTyping();
    }

    #emitTyping() {
        clearTimeout(this.typingTimer);
        const now = Date.now();
        for (const [id, typist] of this.typists) if (typist.expires <= now) this.typists.delete(id);
        if (this.typists.size) {
            const next = Math.min(...[...this.typists.values()].map((t) => t.expires));
            this.typingTimer = setTimeout(() => this.#emitTyping(), next - now + 10);
        }
        this.emit('typing', { handles: [...this.typists.values()].map((t) => t.handle) });
    }

    #onError(frame) {
        const entry = this.#errorTarget(frame);
        if (!entry) {
            // A typing event over the rate limit is nothing the user needs to hear about.
            if (frame.code === 'rate_limited') return;
            if (frame.code === 'invalid_room') this.connection.giveUp();
            this.emit('problem', { code: frame.code, message: frame.message, retryAfterMs: frame.retry_after_ms });
            return;
        }
        this.inFlight = null;
        if (frame.code === 'rate_limited' || frame.code === 'server_busy' || frame.code === 'not_in_room') {
            const wait = Math.max(250, Math.min(Number(frame.retry_after_ms) || 1000, 60000));
            entry.status = 'held';
            entry.retryAt = Date.now() + wait;
            entry.reason = frame.code;
            this.emit('pending-update', entry);
            clearTimeout(this.holdTimer);
            this.holdTimer = setTimeout(() => {
                this.holdTimer = null;
                this.#pump();
            }, wait);
            return;
        }
        // Refused for good: keep it on screen, marked, out of the outbox.
        store.removeFromOutbox(entry.client_id);
        entry.status = 'failed';
        entry.reason = frame.code;
        entry.message = frame.message;
        this.emit('pending-update', entry);
        this.#pump();
    }

    // The pending message an error answers: by client_id (the server echoes the one the
    // message carried; every message this client sends has one), or, for an error that can
    // only be about a message, the one in flight (one is in flight at a time).
    #errorTarget(frame) {
        if (frame.client_id) return this.pending.find((m) => m.client_id === frame.client_id) || null;
        if (this.inFlight && MESSAGE_ONLY_ERRORS.has(frame.code)) {
            return this.pending.find((m) => m.client_id === this.inFlight) || null;
        }
        return null;
    }

    // ---- the outbox

    #acknowledge(clientId) {
        store.removeFromOutbox(clientId);
        if (this.inFlight === clientId) this.inFlight = null;
        if (this.#removePending(clientId)) this.#pump();
    }

    #removePending(clientId) {
        const index = this.pending.findIndex((m) => m.client_id === clientId);
        if (index < 0) return false;
        this.pending.splice(index, 1);
        this.emit('pending-remove', { client_id: clientId });
        return true;
    }

    // Sends the oldest waiting message when the room is joined and nothing is in flight:
    // one at a time, so that messages arrive in the order typed even when some are refused
    // for a while (rate limit); its echo (or an error) releases the next one.
    #pump() {
        if (this.inFlight || this.holdTimer || !this.connection.isJoined) return;
        const next = this.pending.find((m) => m.status !== 'failed');
        if (!next) return;
        if (this.connection.send({ type: 'message', text: next.text, client_id: next.client_id })) {
            this.inFlight = next.client_id;
            next.status = 'sending';
            this.emit('pending-update', next);
        }
    }
}
