// One plain JSON WebSocket to the server's `/ws` endpoint for one room (shared protocol,
// "Browsers and other clients", "Plain JSON WebSocket"), kept up: on a drop it reconnects
// after a full-jitter exponential backoff, at once when the browser comes back online or the
// tab becomes visible again, and after the delay a `notice` shutting_down asks for.
// UI-free: it reports through the callbacks given to the constructor.

/** Backoff: the n-th retry waits a uniformly random 0..min(MAX, BASE * 2^n) ms ("full jitter"). */
export const BACKOFF_BASE_MS = 1000;
export const BACKOFF_MAX_MS = 15000;
/** An attempt that has not reached `joined` after this long (ms) is dropped and retried. */
export const JOIN_TIMEOUT_MS = 10000;

/**
 * Delay before retry number @p attempt (0 for the first), in ms.
 * @param {number} attempt  retries so far since the last successful join.
 * @param {() => number} random uniform in [0, 1).
 */
export function backoffDelayMs(attempt, random = Math.random) {
    const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.min(attempt, 16));
    return Math.floor(random() * ceiling);
}

/** The `/ws` URL next to the page: same host, ws: or wss: as the page is http: or https:. */
export function socketUrl(params, base = window.location.href) {
    const url = new URL('ws', base);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    url.search = '';
    url.hash = '';
    for (const [key, value] of Object.entries(params)) {
        if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
    }
    return url.href;
}

/**
 * States reported through onState(state, detail):
 *  'connecting'  a WebSocket is opening (or open, waiting for `joined`);
 *  'connected'   `joined` arrived;
 *  'waiting'     dropped; detail.retryAt (ms since epoch) is when the next attempt starts;
 *  'offline'     the browser says it has no network; retries when it has again;
 *  'stopped'     close() was called, or the server refused the room for good.
 */
export class RoomConnection {
    /**
     * @param {object} options
     * @param {() => object} options.params  query for each attempt: {room, token, since}.
     * @param {(frame: object) => void} options.onFrame  every JSON object received.
     * @param {(state: string, detail: object) => void} options.onState  state changes.
     */
    constructor({ params, onFrame, onState }) {
        this.params = params;
        this.onFrame = onFrame;
        this.onState = onState;
        this.state = 'stopped';
        this.socket = null;
        this.attempt = 0;
        this.timer = null;
        this.nextDelayMs = null; // set by a shutting_down notice
        this.listeners = [
            [window, 'online', () => this.retryNow()],
            [window, 'offline', () => this.#goOffline()],
            [document, 'visibilitychange', () => document.visibilityState === 'visible' && this.retryNow()],
        ];
    }

    start() {
        for (const [target, name, fn] of this.listeners) target.addEventListener(name, fn);
        this.#open();
    }

    /** Stops for good: closes the socket, no more attempts. */
    close() {
        for (const [target, name, fn] of this.listeners) target.removeEventListener(name, fn);
        clearTimeout(this.timer);
        this.#dropSocket();
        this.#setState('stopped');
    }

    /** Sends @p frame as JSON; false when there is no open socket (nothing is queued here). */
    send(frame) {
        if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return false;
        this.socket.send(JSON.stringify(frame));
        return true;
    }

    get isJoined() {
        return this.state === 'connected';
    }

    /** Skips the wait of a pending retry (network back, tab visible, the user asked). */
    retryNow() {
        if (this.state === 'waiting' || this.state === 'offline') {
            clearTimeout(this.timer);
            this.#open();
        }
    }

    /** The server will refuse every attempt (e.g. an invalid room): stop after this socket. */
    giveUp() {
        this.fatal = true;
    }

    #setState(state, detail = {}) {
        this.state = state;
        this.onState(state, detail);
    }

    #open() {
        if (navigator.onLine === false) {
            this.#setState('offline');
            return;
        }
        this.#dropSocket();
        let socket;
        try {
            socket = new WebSocket(socketUrl(this.params()));
        } catch {
            this.#scheduleRetry();
            return;
        }
        this.socket = socket;
        this.#setState('connecting');
        clearTimeout(this.timer);
        this.timer = setTimeout(() => {
            if (socket === this.socket && this.state === 'connecting') {
                this.#dropSocket();
                this.#scheduleRetry();
            }
        }, JOIN_TIMEOUT_MS);
        socket.onmessage = (event) => {
            if (socket !== this.socket || typeof event.data !== 'string') return;
            let frame;
            try {
                frame = JSON.parse(event.data);
            } catch {
                return; // not ours to interpret; the contract sends JSON objects only
            }
            if (!frame || typeof frame !== 'object' || typeof frame.type !== 'string') return;
            if (frame.type === 'joined') {
                clearTimeout(this.timer);
                this.attempt = 0;
                this.#setState('connected');
            } else if (frame.type === 'notice' && frame.code === 'shutting_down') {
                const ms = Number(frame.retry_after_ms);
                if (Number.isFinite(ms) && ms >= 0) this.nextDelayMs = Math.min(ms, BACKOFF_MAX_MS * 4);
            }
            this.onFrame(frame);
        };
        socket.onclose = () => {
            if (socket !== this.socket) return;
            clearTimeout(this.timer);
            this.socket = null;
            if (this.fatal) this.close();
            else this.#scheduleRetry();
        };
        // onerror is always followed by onclose, which decides.
    }

    #scheduleRetry() {
        if (navigator.onLine === false) {
            this.#setState('offline');
            return;
        }
        let delay = this.nextDelayMs ?? backoffDelayMs(this.attempt);
        this.nextDelayMs = null;
        this.attempt += 1;
        delay = Math.max(delay, 0);
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.#open(), delay);
        this.#setState('waiting', { retryAt: Date.now() + delay });
    }

    #goOffline() {
        clearTimeout(this.timer);
        this.#dropSocket();
        this.#setState('offline');
    }

    #dropSocket() {
        const socket = this.socket;
        this.socket = null;
        if (socket) {
            socket.onmessage = socket.onclose = null;
            try {
                socket.close();
            } catch {
                // already closed
            }
        }
    }
}
