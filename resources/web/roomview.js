// The view of one room: messages in seq order with a truncation marker where the server
// lost some, the pending (not yet acknowledged) messages dimmed below them, members, who is
// typing, and the message box. It renders what RoomSession (roomsession.js) reports.

import { el, linkified, plural, timeElement } from './dom.js';
import { handleColors } from './handlecolor.js';
import { messageProblem, MAX_MESSAGE_CODE_POINTS, RoomSession } from './roomsession.js';

const $ = (id) => document.getElementById(id);
// Consecutive messages of one author within this long are grouped under one header (ms).
const GROUP_MS = 5 * 60 * 1000;
const COUNTER_FROM = MAX_MESSAGE_CODE_POINTS - 500;

const colourCache = new Map();

/** Sets the handle colour custom properties (light and dark) of @p node. */
export function paintHandle(node, handle) {
    let colours = colourCache.get(handle);
    if (!colours) {
        colours = handleColors(handle);
        colourCache.set(handle, colours);
    }
    node.style.setProperty('--handle-light', colours.light);
    node.style.setProperty('--handle-dark', colours.dark);
    return node;
}

function errorText(code, message) {
    switch (code) {
    case 'message_too_long':
        return `Not sent: longer than ${MAX_MESSAGE_CODE_POINTS} characters.`;
    case 'empty_message':
        return 'Not sent: the message is empty.';
    case 'invalid_payload':
        return 'Not sent: the server could not read it.';
    default:
        return `Not sent: ${message || code}.`;
    }
}

export class RoomView {
    /**
     * @param {string} room canonical room name.
     * @param {object} hooks {onStatus(state, detail), announce(text), onUnread()}.
     */
    constructor(room, hooks) {
        this.room = room;
        this.hooks = hooks;
        this.messages = $('messages');
        this.pendingList = $('pending');
        this.pane = $('pane');
        this.input = $('message-input');
        this.me = null;
        this.pendingNodes = new Map(); // client_id -> li
        this.holdTicker = null;
        this.messages.replaceChildren();
        this.pendingList.replaceChildren();
        $('member-list').replaceChildren();
        $('typing').textContent = '';
        $('notice').textContent = '';
        this.session = new RoomSession(room, (kind, data) => this.#on(kind, data));
        this.cleanups = [];
        this.#bindComposer();
        this.#updateEmpty();
    }

    start() {
        this.session.start();
    }

    close() {
        this.session.close();
        clearInterval(this.holdTicker);
        for (const cleanup of this.cleanups) cleanup();
    }

    retryNow() {
        this.session.retryNow();
    }

    #listen(target, name, fn) {
        target.addEventListener(name, fn);
        this.cleanups.push(() => target.removeEventListener(name, fn));
    }

    #bindComposer() {
        const form = $('composer');
        const submit = (event) => {
            event.preventDefault();
            this.#submit();
        };
        this.#listen(form, 'submit', submit);
        this.#listen(this.input, 'keydown', (event) => {
            if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && !event.altKey && !event.ctrlKey && !event.metaKey) {
                event.preventDefault();
                this.#submit();
            }
        });
        this.#listen(this.input, 'input', () => {
            this.#fitInput();
            this.#updateCounter();
            this.session.edited(this.input.value);
        });
        this.#listen($('load-older'), 'click', () => this.session.loadOlder());
        this.#listen($('jump-new'), 'click', () => this.#scrollToEnd());
        this.#listen(this.pane, 'scroll', () => {
            if (this.#atEnd()) $('jump-new').hidden = true;
        });
        this.#updateCounter();
    }

    #submit() {
        const text = this.input.value;
        const problem = messageProblem(text);
        if (problem === 'empty') return;
        if (problem) {
            $('notice').textContent = `This message is ${problem}: a message has at most ${MAX_MESSAGE_CODE_POINTS} characters.`;
            return;
        }
        this.session.send(text);
        this.input.value = '';
        this.#fitInput();
        this.#updateCounter();
        this.#scrollToEnd();
    }

    #fitInput() {
        this.input.style.setProperty('--input-height', 'auto');
        this.input.style.setProperty('--input-height', `${this.input.scrollHeight + 2}px`);
    }

    #updateCounter() {
        const counter = $('counter');
        const length = [...this.input.value].length;
        counter.textContent = length >= COUNTER_FROM ? `${length} / ${MAX_MESSAGE_CODE_POINTS}` : '';
        counter.classList.toggle('over', length > MAX_MESSAGE_CODE_POINTS);
    }

    // ---- events from the session

    #on(kind, data) {
        switch (kind) {
        case 'state':
            this.hooks.onStatus(data.state, data);
            break;
        case 'session':
            this.me = data;
            break;
        case 'message':
            this.#addMessage(data);
            break;
        case 'marker':
            this.#addMarker(data.beforeSeq);
            break;
        case 'older':
            $('load-older').hidden = !data.canLoad;
            $('load-older').disabled = data.loading;
            $('load-older').textContent = data.loading ? 'Loading older messages…' : 'Load older messages';
            $('older-unavailable').hidden = !data.unavailable;
            break;
        case 'members':
            this.#renderMembers(data);
            break;
        case 'typing':
            $('typing').textContent = this.#typingText(data.handles);
            break;
        case 'pending-add':
            this.#addPending(data);
            break;
        case 'pending-update':
            this.#updatePending(data);
            break;
        case 'pending-remove':
            this.#removePending(data.client_id);
            break;
        case 'problem':
            this.#problem(data);
            break;
        case 'notice':
            if (data.code === 'shutting_down') $('notice').textContent = 'The server is restarting; this page reconnects by itself.';
            else if (data.message) $('notice').textContent = String(data.message);
            break;
        default:
            break;
        }
    }

    #problem({ code, message }) {
        if (code === 'invalid_room') {
            $('notice').textContent = `The server does not accept this room name${message ? `: ${message}` : ''}.`;
        } else if (code === 'too_many_rooms' || code === 'server_busy') {
            $('notice').textContent = 'The server is busy right now; trying again shortly.';
        } else {
            $('notice').textContent = `The server said: ${message || code}`;
        }
        this.hooks.announce($('notice').textContent);
    }

    // ---- messages

    #messageNode(message, mine) {
        const meta = el('span', { className: 'meta' },
            paintHandle(el('span', { className: 'handle' }, String(message.handle ?? '')), String(message.handle ?? '')),
            mine ? el('span', { className: 'you' }, '(you)') : null,
            timeElement(message.ts));
        return el('li', { className: mine ? 'msg mine' : 'msg', dataset: { seq: String(message.seq), user: String(message.user_id ?? ''), ts: String(message.ts ?? '') } },
            meta, el('p', { className: 'text' }, linkified(String(message.text ?? ''))));
    }

    #addMessage({ message, live, mine }) {
        const stick = this.#atEnd();
        const node = this.#messageNode(message, mine);
        const firstBefore = this.messages.firstElementChild;
        const oldTop = this.pane.scrollHeight - this.pane.scrollTop;
        this.#insertOrdered(node, message.seq);
        this.#regroup(node);
        this.#regroup(node.nextElementSibling);
        this.#updateEmpty();
        if (firstBefore && node.nextElementSibling === firstBefore && !live) {
            // older history went in above: keep what the reader was looking at in place
            this.pane.scrollTop = this.pane.scrollHeight - oldTop;
        } else if (stick || mine) {
            this.#scrollToEnd();
        } else if (live) {
            $('jump-new').hidden = false;
        }
        if (live && !mine) {
            this.hooks.announce(`${message.handle}: ${String(message.text).slice(0, 300)}`);
            this.hooks.onUnread();
        }
    }

    // Children of #messages are ordered by data-order: a message's seq, a marker's seq - 0.5.
    #insertOrdered(node, order) {
        node.dataset.order = String(order);
        let after = this.messages.lastElementChild;
        while (after && Number(after.dataset.order) > order) after = after.previousElementSibling;
        if (after) after.after(node);
        else this.messages.prepend(node);
    }

    #regroup(node) {
        if (!node || !node.classList.contains('msg')) return;
        const prev = node.previousElementSibling;
        const cont = Boolean(prev && prev.classList.contains('msg') && prev.dataset.user === node.dataset.user &&
            Date.parse(node.dataset.ts) - Date.parse(prev.dataset.ts) < GROUP_MS);
        node.classList.toggle('cont', cont);
    }

    #addMarker(beforeSeq) {
        const order = beforeSeq - 0.5;
        if (this.messages.querySelector(`[data-order="${order}"]`)) return;
        const marker = el('li', { className: 'marker', attrs: { role: 'note' } }, 'Some older messages are not available.');
        this.#insertOrdered(marker, order);
        this.#regroup(marker.nextElementSibling);
        this.hooks.announce('Some older messages are not available.');
    }

    // ---- pending messages

    #addPending(entry) {
        const state = el('span', { className: 'state' });
        const node = el('li', { className: 'msg mine', dataset: { clientId: entry.client_id } },
            el('span', { className: 'meta' }, el('span', { className: 'you' }, 'You'), state),
            el('p', { className: 'text' }, linkified(entry.text)));
        this.pendingNodes.set(entry.client_id, node);
        this.pendingList.append(node);
        this.#updatePending(entry);
        this.#updateEmpty();
        this.#scrollToEnd();
    }

    #updatePending(entry) {
        const node = this.pendingNodes.get(entry.client_id);
        if (!node) return;
        const state = node.querySelector('.state');
        node.classList.toggle('failed', entry.status === 'failed');
        node.querySelector('button')?.remove();
        if (entry.status === 'failed') {
            state.textContent = errorText(entry.reason, entry.message);
            const discard = el('button', { type: 'button', className: 'link-button' }, 'Remove');
            discard.addEventListener('click', () => this.session.discard(entry.client_id));
            node.querySelector('.meta').append(discard);
            this.hooks.announce(state.textContent);
        } else if (entry.status === 'held') {
            this.#tickHold(entry, state);
        } else {
            state.textContent = entry.status === 'sending' ? 'sending…' : 'waiting to send…';
        }
    }

    // "too fast: sending in 3 s", counting down, then it goes out by itself.
    #tickHold(entry, state) {
        clearInterval(this.holdTicker);
        const tick = () => {
            const seconds = Math.max(0, Math.ceil((entry.retryAt - Date.now()) / 1000));
            state.textContent = entry.reason === 'rate_limited' ? `sending too fast, next try in ${seconds} s` : `server busy, next try in ${seconds} s`;
            if (seconds === 0 || entry.status !== 'held') clearInterval(this.holdTicker);
        };
        tick();
        this.holdTicker = setInterval(tick, 1000);
        $('notice').textContent = entry.reason === 'rate_limited'
            ? 'You are sending messages quickly; the rest go out by themselves in a moment.'
            : 'The server is busy; your message goes out by itself in a moment.';
    }

    #removePending(clientId) {
        this.pendingNodes.get(clientId)?.remove();
        this.pendingNodes.delete(clientId);
        if (!this.pendingList.querySelector('.state')?.textContent.includes('next try')) $('notice').textContent = '';
        this.#updateEmpty();
    }

    // ---- members and typing

    #renderMembers({ members, joined, left }) {
        const list = $('member-list');
        const sorted = [...members].sort((a, b) => a[1].localeCompare(b[1]));
        list.replaceChildren(...sorted.map(([id, handle]) => {
            const me = this.me && id === this.me.user_id;
            return el('li', { dataset: { user: id } }, paintHandle(el('span', { className: 'handle' }, handle), handle), me ? el('span', { className: 'you' }, ' (you)') : null);
        }));
        $('member-count').textContent = `(${members.size})`;
        $('members-heading').textContent = `Members (${members.size})`;
        if (joined && (!this.me || joined.user_id !== this.me.user_id)) this.hooks.announce(`${joined.handle} joined.`);
        if (left) this.hooks.announce(`${left.handle} left.`);
    }

    #typingText(handles) {
        if (handles.length === 0) return '';
        if (handles.length === 1) return `${handles[0]} is typing…`;
        if (handles.length === 2) return `${handles[0]} and ${handles[1]} are typing…`;
        if (handles.length === 3) return `${handles[0]}, ${handles[1]} and ${handles[2]} are typing…`;
        return `${handles[0]}, ${handles[1]} and ${plural(handles.length - 2, 'other')} are typing…`;
    }

    // ---- scrolling

    #atEnd() {
        return this.pane.scrollHeight - this.pane.scrollTop - this.pane.clientHeight < 40;
    }

    #scrollToEnd() {
        this.pane.scrollTop = this.pane.scrollHeight;
        $('jump-new').hidden = true;
    }

    #updateEmpty() {
        $('empty-room').hidden = this.messages.childElementCount > 0 || this.pendingList.childElementCount > 0;
    }
}
