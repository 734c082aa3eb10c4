// Room names as the protocol defines them (shared protocol, "Rooms"; the server's and the
// desktop client's common/roomname.cpp): 1-64 code points after trimming surrounding
// White_Space, NFC first; letters (L*), decimal digits (Nd), '-', '_' and '.'; compared
// after Unicode simple lower-casing, the canonical form the server answers with.

export const MAX_ROOM_CODE_POINTS = 64;

// Unicode White_Space (PropList.txt); String.prototype.trim() differs (U+FEFF, U+0085).
const EDGE_SPACE =
    /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g;
const ALLOWED = /^[\p{L}\p{Nd}._-]$/u;

/**
 * Validates a room name typed by the user and computes its canonical form.
 * @param {string} input what was typed.
 * @returns {{ok: true, room: string} | {ok: false, reason: string}} the canonical name, or
 *   a one-sentence reason for the user.
 */
export function canonicalRoom(input) {
    const trimmed = String(input).replace(EDGE_SPACE, '').normalize('NFC');
    if (trimmed === '') return { ok: false, reason: 'Type a room name.' };
    const codePoints = [...trimmed];
    if (codePoints.length > MAX_ROOM_CODE_POINTS) {
        return {
            ok: false,
            reason: `A room name has at most ${MAX_ROOM_CODE_POINTS} characters (this one has ${codePoints.length}).`,
        };
    }
    const bad = codePoints.find((cp) => !ALLOWED.test(cp));
    if (bad !== undefined) {
        const shown = /\s/u.test(bad) ? 'spaces' : `“${bad}”`;
        return {
            ok: false,
            reason: `A room name may contain only letters, digits, “-”, “_” and “.”, not ${shown}.`,
        };
    }
    // Simple (one-to-one) lower-casing, per code point: toLowerCase() of a lone code point
    // has no context (no final sigma); U+0130 is the one letter whose full lower-casing is
    // two code points, its simple mapping is "i".
    const room = codePoints.map((cp) => (cp === '\u0130' ? 'i' : cp.toLowerCase())).join('');
    return { ok: true, room };
}
