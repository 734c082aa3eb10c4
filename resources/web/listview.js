// The room list at `/`: the server's rooms (GET /rooms) with member counts, refreshed while
// the list is on screen, and a field to join any room by name, checked before connecting.

import { el, plural, relativeTime } from './dom.js';
import { canonicalRoom } from './roomname.js';
import { loadOutbox } from './store.js';

const $ = (id) => document.getElementById(id);
/** How often the list is fetched again while it is visible (ms). */
export const REFRESH_MS = 10000;

/** The page's own link to @p room: `?room=NAME` next to the page. */
export function roomHref(room, base = window.location.href) {
    const url = new URL('./', base);
    url.searchParams.set('room', room);
    return url.href;
}

export class ListView {
    /** @param {(room: string) => void} open  opens a (canonical) room. */
    constructor(open) {
        this.open = open;
        this.timer = null;
        this.lastBody = null;
        this.controller = null;
        this.onVisibility = () => {
            if (document.visibilityState === 'visible') this.#refresh();
        };
        const form = $('join-form');
        const input = $('room-input');
        form.addEventListener('submit', (event) => {
            event.preventDefault();
            const result = canonicalRoom(input.value);
            if (!result.ok) {
                this.#showError(result.reason);
                input.focus();
                return;
            }
            this.#showError('');
            this.open(result.room);
        });
        input.addEventListener('input', () => {
            // Explain as soon as the name is wrong, but do not nag about an empty field.
            const result = canonicalRoom(input.value);
            this.#showError(result.ok || input.value === '' ? '' : result.reason);
        });
        $('room-list').addEventListener('click', (event) => {
            const link = event.target.closest('a[data-room]');
            if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
            event.preventDefault();
            this.open(link.dataset.room);
        });
    }

    /** Shows the list; @p invalid is a name from the address that is not a valid room. */
    show(invalid = null) {
        $('list-view').hidden = false;
        if (invalid !== null) {
            $('room-input').value = invalid;
            this.#showError(canonicalRoom(invalid).reason || '');
        }
        document.addEventListener('visibilitychange', this.onVisibility);
        this.lastBody = null;
        this.#refresh();
    }

    hide() {
        $('list-view').hidden = true;
        clearTimeout(this.timer);
        this.controller?.abort();
        document.removeEventListener('visibilitychange', this.onVisibility);
    }

    #showError(reason) {
        const error = $('room-error');
        error.textContent = reason;
        error.hidden = !reason;
        $('room-input').setAttribute('aria-invalid', reason ? 'true' : 'false');
    }

    async #refresh() {
        clearTimeout(this.timer);
        this.controller?.abort();
        if (document.visibilityState === 'hidden') return; // visibilitychange resumes
        const controller = new AbortController();
        this.controller = controller;
        const timeout = setTimeout(() => controller.abort(), 8000);
        try {
            const response = await fetch(new URL('rooms', window.location.href), { cache: 'no-store', signal: controller.signal });
            if (!response.ok) throw new Error(`HTTP ${response.status}`);
            const body = await response.text();
            if (body !== this.lastBody) {
                this.lastBody = body;
                this.#render(JSON.parse(body).rooms || []);
            }
        } catch {
            if (controller.signal.aborted && this.controller !== controller) return; // superseded
            $('rooms-state').textContent = 'Could not reach the server; trying again…';
        } finally {
            clearTimeout(timeout);
        }
        if (this.controller === controller) this.timer = setTimeout(() => this.#refresh(), REFRESH_MS);
    }

    #render(rooms) {
        const list = $('room-list');
        const focused = document.activeElement?.closest?.('#room-list a')?.dataset.room;
        const unsent = new Map();
        for (const entry of loadOutbox()) unsent.set(entry.room, (unsent.get(entry.room) || 0) + 1);
        list.replaceChildren(...rooms.map((room) => {
            const name = String(room.room);
            const members = Number(room.members) || 0;
            const activity = relativeTime(room.last_activity);
            return el('li', {},
                el('a', { href: roomHref(name), dataset: { room: name } }, name),
                el('span', { className: 'meta' }, members ? `${plural(members, 'member')} online` : 'nobody here now'),
                activity ? el('span', { className: 'meta' }, `active ${activity}`) : null,
                unsent.has(name) ? el('span', { className: 'unsent' }, `${unsent.get(name)} unsent`) : null);
        }));
        $('rooms-state').textContent = rooms.length ? plural(rooms.length, 'room') : 'No rooms yet. Type a name above to start one.';
        if (focused !== undefined) list.querySelector(`a[data-room="${CSS.escape(focused)}"]`)?.focus();
    }
}
