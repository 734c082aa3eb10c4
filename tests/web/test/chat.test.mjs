// The web client at `/` in headless Chromium against the real server: the room list, rooms
// opened from a link, pages and a Socket.IO client talking in one room, text shown as text.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { handleColors } from '../../../resources/web/handlecolor.js';
import * as chat from '../lib/chat.mjs';
import { useServerAndBrowser } from '../lib/fixture.mjs';

describe('web client', () => {
    const env = useServerAndBrowser();
    const { socketClient, say } = env;

    test('/ lists the rooms with member counts, refreshes, and explains an invalid name', async () => {
        await socketClient('plaza');
        const page = await env.browser.newPage();
        await page.goto(env.server.url);
        await page.waitForFunction(() => [...document.querySelectorAll('#room-list li')]
            .some((li) => li.querySelector('a')?.textContent === 'plaza' && li.textContent.includes('1 member online')), { polling: 100 });

        // A room that appears later shows up without a reload.
        await socketClient('later');
        await page.waitForFunction(() => [...document.querySelectorAll('#room-list a')].some((a) => a.textContent === 'later'),
            { timeout: 30000, polling: 200 });

        const input = await page.waitForSelector('#room-input');
        await input.type('no spaces!');
        await page.keyboard.press('Enter');
        await page.waitForSelector('#room-error:not([hidden])');
        const error = await page.$eval('#room-error', (node) => node.textContent);
        assert.match(error, /letters, digits/);
        assert.equal(new URL(page.url()).searchParams.get('room'), null, 'an invalid name must not open a room');

        await input.click({ count: 3 });
        await input.type('Plaza');
        await page.keyboard.press('Enter');
        await chat.waitForState(page, 'connected');
        assert.equal(new URL(page.url()).searchParams.get('room'), 'plaza');
        assert.equal(await page.$eval('#title', (node) => node.textContent), 'plaza');
        assert.deepEqual(page.problems, []);
        await page.close();
    });

    test('two pages and a Socket.IO client in one room exchange messages', async () => {
        const room = 'talk';
        const a = await env.browser.newPage();
        const b = await env.browser.newPage();
        await chat.openRoom(a, env.server, room);
        await chat.openRoom(b, env.server, room);
        const io = await socketClient(room);
        const handleA = await chat.ownHandle(a);
        const handleB = await chat.ownHandle(b);

        // Presence: each page lists the three members.
        for (const page of [a, b]) {
            await page.waitForFunction((n) => document.querySelectorAll('#member-list li').length === n, {}, 3);
            assert.deepEqual((await chat.memberHandles(page)).sort(), [handleA, handleB, io.session.handle].sort());
        }

        await chat.send(a, 'hello from A');
        const seen = await io.next('message', (m) => m.text === 'hello from A');
        assert.equal(seen.handle, handleA);
        await chat.waitForTexts(b, ['hello from A']);

        // Typing: B types without sending; A and the Socket.IO client hear of it.
        const box = await b.waitForSelector('::-p-aria(Message)');
        await box.type('reply from B');
        await a.waitForFunction((h) => document.getElementById('typing').textContent === `${h} is typing…`, {}, handleB);
        const typing = await io.next('typing', (t) => t.user_id !== io.userId);
        assert.equal(typing.typing, true);
        await b.keyboard.press('Enter');
        await io.next('message', (m) => m.text === 'reply from B');

        await say(io, room, 'hello from Socket.IO');
        // Line breaks: Shift+Enter starts a new line, Enter sends both lines as one message.
        await (await a.waitForSelector('::-p-aria(Message)')).type('first line');
        await a.keyboard.down('Shift');
        await a.keyboard.press('Enter');
        await a.keyboard.up('Shift');
        await a.keyboard.type('second line');
        await a.keyboard.press('Enter');
        const everything = ['hello from A', 'reply from B', 'hello from Socket.IO', 'first line\nsecond line'];
        for (const page of [a, b]) {
            await chat.waitForTexts(page, everything);
            const shown = await chat.shownMessages(page);
            assert.deepEqual(shown.map((m) => m.text), everything, 'each message once, in order');
            assert.deepEqual(shown.map((m) => m.handle), [handleA, handleB, io.session.handle, handleA]);
            assert.deepEqual(await chat.pendingTexts(page), []);
        }
        await a.waitForFunction(() => document.getElementById('typing').textContent === '');

        // Handles are drawn in the desktop client's colours (light scheme here).
        const colour = await a.$eval('#messages li.msg .handle', (node) => node.style.getPropertyValue('--handle-light'));
        assert.equal(colour, handleColors(handleA).light);
        assert.deepEqual(a.problems, []);
        assert.deepEqual(b.problems, []);
        await a.close();
        await b.close();
    });

    test('a link to /?room=NAME opens that room with its history', async () => {
        const io = await socketClient('archive');
        const texts = ['one', 'two', 'three'];
        const sent = [];
        for (const text of texts) sent.push(await say(io, 'archive', text));
        io.close();

        const page = await env.browser.newPage();
        await chat.openRoom(page, env.server, 'Archive'); // names are compared lower-cased
        await chat.waitForTexts(page, texts);
        const shown = await chat.shownMessages(page);
        assert.deepEqual(shown.map((m) => [m.seq, m.text]), sent.map((m) => [m.seq, m.text]));
        assert.equal(new URL(page.url()).searchParams.get('room'), 'archive');
        // Local time, and the full date on hover.
        const time = await page.$eval('#messages li.msg time', (node) => ({ dateTime: node.dateTime, title: node.title }));
        assert.equal(new Date(time.dateTime).getTime(), new Date(sent[0].ts).getTime());
        assert.match(time.title, /\d{4}/);
        assert.deepEqual(page.problems, []);
        await page.close();
    });

    test('text from others is shown as text, links open safely', async () => {
        const room = 'xss';
        const page = await env.browser.newPage();
        let dialogs = 0;
        page.on('dialog', async (dialog) => {
            dialogs += 1;
            await dialog.dismiss();
        });
        await chat.openRoom(page, env.server, room);
        const io = await socketClient(room);
        const attack = '<img src=x onerror=alert(1)>';
        const linkText = 'see https://example.com/wiki/A_(b). <b>not bold</b>';
        const long = 'x'.repeat(3000);
        await say(io, room, attack);
        await say(io, room, linkText);
        await say(io, room, long);
        await page.waitForFunction(() => document.querySelectorAll('#messages li.msg').length === 3);
        assert.deepEqual((await chat.shownMessages(page)).map((m) => m.text), [attack, linkText, long]);
        assert.equal(await page.$$eval('#messages img, #messages b', (nodes) => nodes.length), 0);
        const link = await page.$eval('#messages a', (a) => ({ href: a.href, rel: a.rel, target: a.target, text: a.textContent }));
        assert.deepEqual(link, { href: 'https://example.com/wiki/A_(b)', rel: 'noopener noreferrer', target: '_blank', text: 'https://example.com/wiki/A_(b)' });
        // A long word wraps instead of widening the page.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.equal(overflow, 0);
        assert.equal(dialogs, 0);
        assert.deepEqual(page.problems, []);
        await page.close();
    });

    test('keyboard only: join from the list, send, hear messages and status changes', async () => {
        const room = 'keys';
        const page = await env.browser.newPage();
        await page.goto(env.server.url);
        // Tab from the top of the page reaches the room field; every stop is visibly focused.
        let focused = null;
        for (let i = 0; i < 10 && focused !== 'room-input'; ++i) {
            await page.keyboard.press('Tab');
            focused = await page.evaluate(() => {
                const node = document.activeElement;
                const style = getComputedStyle(node);
                if (style.outlineStyle === 'none' || parseFloat(style.outlineWidth) < 2) throw new Error(`no visible focus on ${node.outerHTML}`);
                return node.id;
            });
        }
        assert.equal(focused, 'room-input');
        await page.keyboard.type(room);
        await page.keyboard.press('Enter');
        await chat.waitForState(page, 'connected');
        // The message box is reachable by Tab from the top of the room view too.
        await page.evaluate(() => document.activeElement?.blur());
        for (let i = 0; i < 12 && focused !== 'message-input'; ++i) {
            await page.keyboard.press('Tab');
            focused = await page.evaluate(() => document.activeElement.id);
        }
        assert.equal(focused, 'message-input');
        await page.keyboard.type('typed with keys');
        await page.keyboard.press('Enter');
        await chat.waitForTexts(page, ['typed with keys']);

        // New messages from others are read out by the polite live region.
        const io = await socketClient(room);
        await say(io, room, 'heard by a screen reader');
        await page.waitForFunction((h) => {
            const live = document.querySelector('[aria-live="polite"]');
            return live && live.textContent === `${h}: heard by a screen reader`;
        }, {}, io.session.handle);
        // So is a change of the connection status.
        await page.setOfflineMode(true);
        await page.waitForFunction(() => document.querySelector('[aria-live="polite"]').textContent.startsWith('Offline'));
        await page.setOfflineMode(false);
        await page.waitForFunction(() => document.querySelector('[aria-live="polite"]').textContent === 'Connected.');
        assert.deepEqual(page.problems, []);
        await page.close();
    });

    test('messages over the rate limit wait and go out by themselves, in order, once', async () => {
        const room = 'burst';
        const page = await env.browser.newPage();
        await chat.openRoom(page, env.server, room);
        // The default limit: a burst of 10, then 2 per second.
        const texts = Array.from({ length: 14 }, (_, i) => `burst ${i + 1}`);
        for (const text of texts) await chat.send(page, text);
        await chat.waitForTexts(page, texts, 30000);
        assert.deepEqual((await chat.shownMessages(page)).map((m) => m.text), texts);
        assert.deepEqual(await chat.pendingTexts(page), []);
        const io = await socketClient(room);
        const history = await io.request('history', { room, before: 1000, limit: 100 });
        assert.deepEqual(history.history.map((m) => m.text), texts, 'stored once each, in order');
        assert.deepEqual(page.problems, []);
        await page.close();
    });
});
