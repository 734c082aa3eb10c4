#!/usr/bin/env node
// Renders the web client for the docs: the room list and a room, in the light and the dark
// scheme, at a desktop size, and a room on a phone-sized screen, into
// docs/screenshots/web-*.png. It starts the real chat-server (CHAT_SERVER_BIN, by default
// build/dev/server/chat-server) on a free port with a fresh data directory, fills a few rooms
// with Socket.IO clients, and shoots each view once it shows what it should.
//
// usage: node tests/web/screenshots.mjs [--out DIR]     (after `make build`;
//        scripts/install-deps.sh test brings chromium and tests/web/node_modules)
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '..', '..');
process.env.CHAT_SERVER_BIN ??= path.join(repoRoot, 'build', 'dev', 'server', 'chat-server');

const { TestClient } = await import('../interop/js/lib/client.mjs');
const { launchBrowser } = await import('./lib/browser.mjs');
const chat = await import('./lib/chat.mjs');
const { WebServer } = await import('./lib/server.mjs');

const outIndex = process.argv.indexOf('--out');
const outDir = path.resolve(outIndex > 0 ? process.argv[outIndex + 1] : path.join(repoRoot, 'docs', 'screenshots'));

const DESKTOP = { width: 1100, height: 700, deviceScaleFactor: 1 };
const PHONE = { width: 390, height: 760, deviceScaleFactor: 2, isMobile: true, hasTouch: true };

// The room shown, and what is said in it (by three Socket.IO clients, in turn).
const ROOM = 'lobby';
const CONVERSATION = [
    [0, 'Morning all. Anyone tried the new release yet?'],
    [1, 'Yes, since yesterday. Reconnects are much quicker.'],
    [1, 'The release notes are at https://example.org/releases/1.1'],
    [2, 'Nice. Does the web client keep what I type while I am offline?'],
    [0, 'It does: it waits in an outbox and goes out once the connection is back.'],
    [2, 'Exactly once, by the look of it. Great.'],
];
// Other rooms for the list: name -> how many clients stay in it.
const OTHER_ROOMS = { 'book-club': 2, 'café': 1, 'help': 3, 'rust.beginners': 1 };

const clients = [];

async function client(room) {
    const c = await TestClient.connect(`http://127.0.0.1:${server.port}`);
    clients.push(c);
    const joined = await c.request('join_room', { room });
    if (!joined.ok) throw new Error(`join ${room}: ${JSON.stringify(joined)}`);
    return c;
}

async function say(c, room, text) {
    const ack = await c.request('send_message', { room, text });
    if (!ack.ok) throw new Error(`send in ${room}: ${JSON.stringify(ack)}`);
}

async function shoot(page, name) {
    const file = path.join(outDir, `web-${name}.png`);
    // Fonts and layout settled: the next frame is what a user would see.
    await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => r()))));
    await page.screenshot({ path: file });
    if (page.problems.length) throw new Error(`${name}: ${page.problems.join('; ')}`);
    console.log(path.relative(process.cwd(), file));
}

const server = await new WebServer({ extraArgs: ['--message-rate', '0', '--presence-grace-ms', '0'] }).start();
let browser = null;
try {
    mkdirSync(outDir, { recursive: true });
    const talkers = [await client(ROOM), await client(ROOM), await client(ROOM)];
    for (const [who, text] of CONVERSATION) await say(talkers[who], ROOM, text);
    for (const [room, count] of Object.entries(OTHER_ROOMS)) {
        const first = await client(room);
        await say(first, room, `Welcome to ${room}.`);
        for (let i = 1; i < count; ++i) await client(room);
    }
    const texts = CONVERSATION.map(([, text]) => text);

    for (const scheme of ['light', 'dark']) {
        browser = await launchBrowser({ colorScheme: scheme });
        const list = await browser.newPage({ viewport: DESKTOP });
        await list.goto(`${server.url}`);
        await list.waitForFunction((n) => document.querySelectorAll('#room-list li').length === n, {},
            Object.keys(OTHER_ROOMS).length + 1);
        await shoot(list, `rooms-${scheme}`);

        const room = await browser.newPage({ viewport: DESKTOP });
        await chat.openRoom(room, server, ROOM);
        await chat.waitForTexts(room, texts);
        await room.waitForFunction(() => document.querySelectorAll('#member-list li').length === 4);
        // Someone is typing, and the viewer has a reply half written.
        talkers[2].socket.emit('typing', { room: ROOM, typing: true });
        await room.waitForFunction(() => document.getElementById('typing').textContent.endsWith('is typing…'));
        await room.type('::-p-aria(Message)', 'Trying it now');
        await shoot(room, `room-${scheme}`);
        talkers[2].socket.emit('typing', { room: ROOM, typing: false });

        if (scheme === 'light') {
            const phone = await browser.newPage({ viewport: PHONE });
            await chat.openRoom(phone, server, ROOM);
            await chat.waitForTexts(phone, texts);
            await shoot(phone, 'room-phone');
        }
        await browser.close();
        browser = null;
    }
} finally {
    for (const c of clients) c.close();
    await browser?.close();
    await server.stop();
}
