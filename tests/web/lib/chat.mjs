// What a user does with the web client and sees in it, for the tests: open a room, type,
// read the messages, the pending ones, the members and the connection status. Every wait has
// a deadline and is a condition (waitForFunction/waitForSelector), never a sleep.

/** Messages shown in the room (acknowledged ones), in order: [{seq, handle, text, mine}]. */
export function shownMessages(page) {
    return page.$$eval('#messages li.msg', (items) => items.map((li) => ({
        seq: Number(li.dataset.seq),
        handle: li.querySelector('.handle')?.textContent ?? '',
        text: li.querySelector('.text')?.textContent ?? '',
        mine: li.classList.contains('mine'),
    })));
}

/** Texts of the messages still waiting to be sent (shown dimmed under the others). */
export function pendingTexts(page) {
    return page.$$eval('#pending li .text', (items) => items.map((p) => p.textContent));
}

/** How many shown messages have exactly @p text. */
export async function countShown(page, text) {
    return (await shownMessages(page)).filter((m) => m.text === text).length;
}

/** Waits until every text in @p texts is shown as a message. */
export async function waitForTexts(page, texts, timeout = 15000) {
    await page.waitForFunction(
        (wanted) => {
            const shown = new Set([...document.querySelectorAll('#messages li.msg .text')].map((p) => p.textContent));
            return wanted.every((t) => shown.has(t));
        },
        { timeout, polling: 50 },
        texts,
    );
}

/** The connection status in the top bar: {state, text}. */
export function status(page) {
    return page.$eval('#status', (node) => ({ state: node.dataset.state, text: node.querySelector('#status-text').textContent }));
}

/** Waits until the status bar reports @p state ('connected', 'waiting', 'offline', ...). */
export async function waitForState(page, state, timeout = 20000) {
    await page.waitForFunction((s) => document.getElementById('status')?.dataset.state === s, { timeout, polling: 50 }, state);
}

/** Opens @p server's web client at `/?room=NAME` and waits until the room is joined. */
export async function openRoom(page, server, room) {
    await page.goto(`${server.url}?room=${encodeURIComponent(room)}`, { waitUntil: 'load' });
    await waitForState(page, 'connected');
}

/** Types @p text into the message box (found by its accessible name) and presses Enter. */
export async function send(page, text) {
    const box = await page.waitForSelector('::-p-aria(Message)');
    await box.type(text);
    await page.keyboard.press('Enter');
}

/** The user's own handle, from the member list entry marked "(you)". */
export async function ownHandle(page) {
    await page.waitForSelector('#member-list li .you');
    return page.$eval('#member-list li:has(.you) .handle', (node) => node.textContent);
}

/** Handles in the member list. */
export function memberHandles(page) {
    return page.$$eval('#member-list li .handle', (items) => items.map((n) => n.textContent));
}
