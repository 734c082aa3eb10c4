// Entry point: `/` shows the room list, `/?room=NAME` opens that room (so a link is an
// invitation). Navigation between the two stays in the page (history.pushState).

import { ListView, roomHref } from './listview.js';
import { canonicalRoom } from './roomname.js';
import { RoomView } from './roomview.js';

const $ = (id) => document.getElementById(id);
const APP = 'AnonChat';

const announcer = $('announcer');
let announceTimer = null;

/** Says @p text to screen readers (a polite live region), once. */
function announce(text) {
    // Re-setting the same text is not a change: clear first, then set on the next turn.
    announcer.textContent = '';
    clearTimeout(announceTimer);
    announceTimer = setTimeout(() => {
        announcer.textContent = text;
    }, 50);
}

// ---- the connection status in the bar

const status = {
    ticker: null,
    last: null,
    show(state, detail = {}) {
        clearInterval(this.ticker);
        const node = $('status');
        node.hidden = false;
        node.dataset.state = state;
        $('reconnect-now').hidden = state !== 'waiting';
        const text = $('status-text');
        if (state === 'waiting') {
            const tick = () => {
                const seconds = Math.max(0, Math.ceil((detail.retryAt - Date.now()) / 1000));
                text.textContent = seconds > 0 ? `Reconnecting in ${seconds} s` : 'Reconnecting…';
            };
            tick();
            this.ticker = setInterval(tick, 1000);
        } else {
            text.textContent = { connecting: 'Connecting…', connected: 'Connected', offline: 'Offline', stopped: 'Not connected' }[state] || state;
        }
        // Screen readers hear changes of state, not every second of a countdown.
        if (state !== this.last) {
            const spoken = { connected: 'Connected.', waiting: 'Connection lost. Reconnecting…', offline: 'Offline. Waiting for the network.' }[state];
            if (spoken && !(state === 'connected' && this.last === null)) announce(spoken);
            this.last = state;
        }
    },
    hide() {
        clearInterval(this.ticker);
        $('status').hidden = true;
        this.last = null;
    },
};

// ---- title with unread count while the tab is in the background

let unread = 0;
let titleBase = APP;

function updateTitle() {
    document.title = unread ? `(${unread}) ${titleBase}` : titleBase;
}

document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && unread) {
        unread = 0;
        updateTitle();
    }
});

// ---- views

let roomView = null;
const listView = new ListView((room) => navigate(room));

function showList(invalid = null) {
    roomView?.close();
    roomView = null;
    status.hide();
    $('room-view').hidden = true;
    $('room-actions').hidden = true;
    $('title').textContent = 'Rooms';
    titleBase = APP;
    unread = 0;
    updateTitle();
    listView.show(invalid);
}

function showRoom(room) {
    listView.hide();
    roomView?.close();
    $('list-view').hidden = true;
    $('room-view').hidden = false;
    $('room-actions').hidden = false;
    $('title').textContent = room;
    titleBase = `${room} – ${APP}`;
    unread = 0;
    updateTitle();
    setMembersOpen(false);
    roomView = new RoomView(room, {
        onStatus: (state, detail) => status.show(state, detail),
        announce,
        onUnread: () => {
            if (document.visibilityState === 'hidden') {
                unread += 1;
                updateTitle();
            }
        },
    });
    roomView.start();
    if (window.matchMedia('(pointer: fine)').matches) $('message-input').focus();
}

// Renders what the address asks for: a room (canonical name in the address), or the list.
function route() {
    const param = new URLSearchParams(window.location.search).get('room');
    if (param === null) {
        showList();
        return;
    }
    const result = canonicalRoom(param);
    if (!result.ok) {
        showList(param);
        return;
    }
    if (result.room !== param) window.history.replaceState(null, '', roomHref(result.room));
    showRoom(result.room);
}

function navigate(room) {
    window.history.pushState(null, '', room === null ? new URL('./', window.location.href).href : roomHref(room));
    route();
}

window.addEventListener('popstate', route);

$('home').addEventListener('click', (event) => {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (roomView) navigate(null);
});

$('reconnect-now').addEventListener('click', () => roomView?.retryNow());

// ---- room actions

async function copyLink() {
    const link = roomHref(roomView.room);
    let copied = false;
    try {
        await navigator.clipboard.writeText(link);
        copied = true;
    } catch {
        // Not a secure context, or no permission: select a copy of the text and copy that.
        const field = document.createElement('textarea');
        field.value = link;
        field.setAttribute('readonly', '');
        field.className = 'sr-only';
        document.body.append(field);
        field.select();
        try {
            copied = document.execCommand('copy');
        } catch {
            copied = false;
        }
        field.remove();
    }
    const button = $('copy-link');
    button.textContent = copied ? 'Link copied' : 'Copy failed';
    announce(copied ? `Link copied: ${link}` : `Copying failed. The link is ${link}`);
    setTimeout(() => {
        button.textContent = 'Copy link';
    }, 2000);
}

$('copy-link').addEventListener('click', () => copyLink());

function setMembersOpen(open) {
    $('members').classList.toggle('open', open);
    $('toggle-members').setAttribute('aria-expanded', String(open));
}

$('toggle-members').addEventListener('click', () => setMembersOpen(!$('members').classList.contains('open')));
document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && $('members').classList.contains('open')) {
        setMembersOpen(false);
        $('toggle-members').focus();
    }
});

route();
