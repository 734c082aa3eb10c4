// What survives a reload or a closed tab, in localStorage: the identity token, each room's
// last seen seq and the outbox (messages not yet acknowledged by the server). When storage
// is unavailable (disabled, private mode with no quota) everything lives in memory instead:
// the page still works, it only forgets on reload.

const PREFIX = 'anonchat.v1.';
const memory = new Map();

function read(key) {
    try {
        return window.localStorage.getItem(PREFIX + key);
    } catch {
        return memory.has(key) ? memory.get(key) : null;
    }
}

function write(key, value) {
    try {
        if (value === null) window.localStorage.removeItem(PREFIX + key);
        else window.localStorage.setItem(PREFIX + key, value);
    } catch {
        if (value === null) memory.delete(key);
        else memory.set(key, value);
    }
}

/** The resume token of the anonymous identity, or null. */
export function loadToken() {
    return read('token');
}

export function saveToken(token) {
    write('token', token || null);
}

/** The highest seq seen in canonical room @p room, or 0. */
export function loadLastSeq(room) {
    const value = Number(read('seq.' + room));
    return Number.isSafeInteger(value) && value > 0 ? value : 0;
}

/** Remembers @p seq for @p room when it is higher than what is stored. */
export function saveLastSeq(room, seq) {
    if (seq > loadLastSeq(room)) write('seq.' + room, String(seq));
}

/**
 * The outbox: [{room, client_id, text, created}] in the order typed, all rooms. Read from
 * storage each time, so that several tabs share one outbox (the server dedups by
 * (user_id, client_id), so a message two tabs both send arrives once).
 */
export function loadOutbox() {
    try {
        const list = JSON.parse(read('outbox') || '[]');
        return Array.isArray(list)
            ? list.filter((m) => m && typeof m.room === 'string' && typeof m.client_id === 'string' && typeof m.text === 'string')
            : [];
    } catch {
        return [];
    }
}

function saveOutbox(list) {
    write('outbox', list.length ? JSON.stringify(list) : null);
}

export function addToOutbox(entry) {
    const list = loadOutbox();
    list.push(entry);
    saveOutbox(list);
}

export function removeFromOutbox(clientId) {
    const list = loadOutbox();
    const kept = list.filter((m) => m.client_id !== clientId);
    if (kept.length !== list.length) saveOutbox(kept);
}

/** The outbox entries of @p room, oldest first. */
export function outboxOf(room) {
    return loadOutbox().filter((m) => m.room === room);
}

/** A fresh client_id: 96 random bits (crypto.getRandomValues works outside secure contexts too). */
export function newClientId() {
    const bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return 'w' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
