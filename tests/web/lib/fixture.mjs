// What each describe() block of the browser tests starts with: its own chat-server (on a free
// port, fresh data directory), one Chromium, and Socket.IO clients closed with them.
import assert from 'node:assert/strict';
import { after, before } from 'node:test';

import { TestClient } from '../../interop/js/lib/client.mjs';
import { launchBrowser } from './browser.mjs';
import { WebServer } from './server.mjs';

/**
 * Registers before/after hooks in the calling describe() block.
 * @param {object} [options] {extraArgs: more chat-server flags, e.g. ['--history-limit', '3']}.
 * @returns {{server: WebServer, browser: object, socketClient: Function, say: Function}}
 *   server and browser are set once the before hook has run.
 */
export function useServerAndBrowser({ extraArgs = [] } = {}) {
    const clients = [];
    const env = {
        server: null,
        browser: null,
        /** A Socket.IO client (socket.io-client, websocket transport) that joined @p room. */
        async socketClient(room) {
            const client = await TestClient.connect(env.server.origin);
            clients.push(client);
            const joined = await client.request('join_room', { room });
            assert.equal(joined.ok, true, JSON.stringify(joined));
            return client;
        },
        /** @p client says @p text in @p room; resolves with the stored message. */
        async say(client, room, text) {
            const ack = await client.request('send_message', { room, text });
            assert.equal(ack.ok, true, JSON.stringify(ack));
            return ack.message;
        },
    };
    before(async () => {
        env.server = await new WebServer({ extraArgs }).start();
        env.browser = await launchBrowser();
    });
    after(async () => {
        for (const client of clients) client.close();
        await env.browser?.close();
        await env.server?.stop();
    });
    return env;
}
