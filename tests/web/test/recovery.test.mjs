// Nothing lost across a server crash: the server is SIGKILLed and started again on the same
// port and data directory; the page reconnects by itself, resumes its identity, catches up
// on what it missed and sends what was typed meanwhile, each message once.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { TestClient } from '../../interop/js/lib/client.mjs';
import * as chat from '../lib/chat.mjs';
import { useServerAndBrowser } from '../lib/fixture.mjs';

/** Records the URL of every WebSocket @p page opens (the reconnect's token= and since=). */
async function recordSockets(page) {
    const urls = [];
    const cdp = await page.createCDPSession();
    await cdp.send('Network.enable');
    cdp.on('Network.webSocketCreated', (event) => urls.push(new URL(event.url)));
    return urls;
}

/** The page's persisted outbox (resources/web/store.js), as stored, or null when empty. */
function storedOutbox(page) {
    return page.evaluate(() => localStorage.getItem('anonchat.v1.outbox'));
}

/** What the server stored in @p room, asked by a fresh Socket.IO client. */
async function storedTexts(server, room) {
    const client = await TestClient.connect(server.origin);
    try {
        const ack = await client.request('history', { room, before: 1000000, limit: 100 });
        assert.equal(ack.ok, true, JSON.stringify(ack));
        return ack.history.map((m) => m.text);
    } finally {
        client.close();
    }
}

describe('web client across a server crash', () => {
    const env = useServerAndBrowser();
    const { socketClient, say } = env;

    test('the page reconnects by itself and shows what was sent meanwhile, once', async () => {
        const room = 'crash';
        const page = await env.browser.newPage();
        const sockets = await recordSockets(page);
        await chat.openRoom(page, env.server, room);
        const handle = await chat.ownHandle(page);
        await chat.send(page, 'before the crash');
        await chat.waitForTexts(page, ['before the crash']);
        const lastSeq = Math.max(...(await chat.shownMessages(page)).map((m) => m.seq));

        await env.server.kill();
        await chat.waitForState(page, 'waiting');
        assert.match((await chat.status(page)).text, /^Reconnecting/);
        // Hold the page back while the others talk: the browser goes offline (the page
        // says so and waits), the server comes back, a Socket.IO client sends two messages.
        await page.setOfflineMode(true);
        await chat.waitForState(page, 'offline');
        assert.equal((await chat.status(page)).text, 'Offline');
        await env.server.start();
        const io = await socketClient(room);
        for (const text of ['sent meanwhile 1', 'sent meanwhile 2']) await say(io, room, text);

        // Back online: the page reconnects at once, with its token and the last seq it saw.
        await page.setOfflineMode(false);
        await chat.waitForTexts(page, ['sent meanwhile 1', 'sent meanwhile 2']);
        await chat.waitForState(page, 'connected');
        const resume = sockets.at(-1);
        assert.equal(resume.pathname, '/ws');
        assert.equal(resume.searchParams.get('since'), String(lastSeq));
        assert.ok(resume.searchParams.get('token'), 'the reconnect resumes the identity');
        assert.equal(await chat.ownHandle(page), handle, 'same identity after the restart');

        // Something later, so that anything duplicated would have arrived before it.
        await say(io, room, 'after');
        await chat.waitForTexts(page, ['after']);
        assert.deepEqual((await chat.shownMessages(page)).map((m) => m.text),
            ['before the crash', 'sent meanwhile 1', 'sent meanwhile 2', 'after']);
        assert.deepEqual(page.problems, []);
        await page.close();
    });

    test('a message typed while the server is down is delivered once after it returns', async () => {
        const room = 'typed-offline';
        const writer = await env.browser.newPage();
        const reader = await env.browser.newPage();
        await chat.openRoom(writer, env.server, room);
        await chat.openRoom(reader, env.server, room);

        await env.server.kill();
        await chat.waitForState(writer, 'waiting');
        await chat.send(writer, 'typed while down');
        // Waiting: shown dimmed under the messages, and kept in localStorage.
        await writer.waitForFunction(() => document.querySelector('#pending li .text')?.textContent === 'typed while down');
        assert.equal(await chat.countShown(writer, 'typed while down'), 0);
        const opacity = await writer.$eval('#pending li', (li) => Number(getComputedStyle(li).opacity));
        assert.ok(opacity < 1, `pending messages are dimmed (opacity ${opacity})`);
        assert.match(await storedOutbox(writer), /typed while down/);

        // The server returns; the pages find it by themselves (backoff, no user action).
        await env.server.start();
        for (const page of [writer, reader]) await chat.waitForTexts(page, ['typed while down'], 40000);
        await writer.waitForFunction(() => document.querySelectorAll('#pending li').length === 0);
        const io = await socketClient(room);
        await say(io, room, 'barrier');
        for (const page of [writer, reader]) {
            await chat.waitForTexts(page, ['barrier']);
            assert.deepEqual((await chat.shownMessages(page)).map((m) => m.text), ['typed while down', 'barrier']);
        }
        assert.deepEqual(await storedTexts(env.server, room), ['typed while down', 'barrier']);
        assert.equal(await storedOutbox(writer), null, 'the outbox is empty once the message is acknowledged');
        // Nothing is sent again by a reload: the room shows the message once, nothing pending.
        await writer.reload();
        await chat.waitForState(writer, 'connected');
        await chat.waitForTexts(writer, ['typed while down', 'barrier']);
        assert.deepEqual((await chat.shownMessages(writer)).map((m) => m.text), ['typed while down', 'barrier']);
        assert.deepEqual(await chat.pendingTexts(writer), []);
        assert.deepEqual(await storedTexts(env.server, room), ['typed while down', 'barrier']);
        assert.deepEqual(writer.problems, []);
        assert.deepEqual(reader.problems, []);
        await writer.close();
        await reader.close();
    });
});

describe('web client after a gap the server no longer stores', () => {
    // Three stored messages per room: what a page misses beyond that is gone for good.
    const env = useServerAndBrowser({ extraArgs: ['--history-limit', '3', '--message-rate', '0'] });
    const { socketClient, say } = env;

    test('the page marks where older messages are not available', async () => {
        const room = 'gap';
        const page = await env.browser.newPage();
        await chat.openRoom(page, env.server, room);
        const io = await socketClient(room);
        await say(io, room, 'seen');
        await chat.waitForTexts(page, ['seen']);
        assert.equal(await page.$('#messages .marker'), null, 'no marker without a gap');

        await page.setOfflineMode(true);
        await chat.waitForState(page, 'offline');
        const missed = ['missed 1', 'missed 2', 'missed 3', 'missed 4', 'missed 5'];
        for (const text of missed) await say(io, room, text);
        await page.setOfflineMode(false);

        // Back: the server still has the last three; the two before them are marked as gone.
        await chat.waitForTexts(page, missed.slice(2));
        await page.waitForSelector('#messages .marker');
        const rows = await page.$$eval('#messages > li', (items) => items.map((li) => (li.classList.contains('marker')
            ? `marker: ${li.textContent}` : li.querySelector('.text').textContent)));
        assert.deepEqual(rows, ['seen', 'marker: Some older messages are not available.', 'missed 3', 'missed 4', 'missed 5']);
        assert.deepEqual(page.problems, []);
        await page.close();
    });
});
