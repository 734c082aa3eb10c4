// The server under test: the real chat-server binary (CHAT_SERVER_BIN), which serves the web
// client at `/`, `GET /rooms` and `/ws` on one port. Any executable that takes the same
// command line can stand in for it (CHAT_SERVER_BIN=/path/to/other-server).
// A test can SIGKILL it and start it again on the same port and data directory.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { freePort, HOST, httpGet, serverBinary } from '../../interop/js/lib/server.mjs';
import { waitUntil } from '../../interop/js/lib/wait.mjs';

export { httpGet };

export class WebServer {
    /** @param {string[]} [extraArgs] more flags, e.g. ['--message-rate', '0']. */
    constructor({ extraArgs = [] } = {}) {
        this.extraArgs = extraArgs;
        this.dataDir = mkdtempSync(path.join(os.tmpdir(), 'chat-web-'));
        this.port = 0;
        this.child = null;
        this.exited = null; // Promise of the running child's end
        this.output = '';
    }

    /** http://127.0.0.1:PORT/ : where the web client is served. */
    get url() {
        return `http://${HOST}:${this.port}/`;
    }

    /** Socket.IO clients connect here. */
    get origin() {
        return `http://${HOST}:${this.port}`;
    }

    /**
     * Starts the server and resolves once GET /health answers 200: on a free port the first
     * time (another one when a different process takes it first), on the same port and data
     * directory after kill().
     */
    async start() {
        const samePort = this.port !== 0;
        let lastError = null;
        for (let i = 0; i < 5; ++i) {
            if (!samePort) this.port = await freePort();
            try {
                await this.#startOnce();
                return this;
            } catch (err) {
                lastError = err;
            }
        }
        throw lastError;
    }

    /** SIGKILL: no graceful shutdown, no notice; resolves once the process is gone. */
    async kill() {
        const child = this.child;
        this.child = null;
        if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        await this.exited;
    }

    async stop() {
        await this.kill();
        rmSync(this.dataDir, { recursive: true, force: true });
    }

    async #startOnce() {
        // Every browser page is 127.0.0.1, and the per-address cap applies to loopback too.
        const args = ['--host', HOST, '--port', String(this.port), '--data-dir', this.dataDir, '--storage', 'sqlite',
            '--max-connections-per-ip', '10000', ...this.extraArgs];
        const child = spawn(serverBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
        this.child = child;
        for (const stream of [child.stdout, child.stderr]) {
            stream.setEncoding('utf8');
            stream.on('data', (chunk) => {
                this.output += chunk;
                if (process.env.CHAT_WEB_VERBOSE) process.stderr.write(chunk);
            });
        }
        let gone = false;
        this.exited = new Promise((resolve) => {
            child.on('exit', () => {
                gone = true;
                resolve();
            });
            child.on('error', (err) => {
                gone = true;
                this.output += String(err);
                resolve();
            });
        });
        try {
            await waitUntil(async () => {
                if (gone) throw new Error(`chat-server exited during start-up:\n${this.output}`);
                try {
                    return (await httpGet(this.port, '/health', 1000)).status === 200;
                } catch {
                    return false;
                }
            }, { timeoutMs: 15000, intervalMs: 50, what: `chat-server on port ${this.port} to answer /health` });
        } catch (err) {
            child.kill('SIGKILL');
            await this.exited;
            this.child = null;
            throw err;
        }
    }
}
