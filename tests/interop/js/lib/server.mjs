// Starts and stops the real chat-server binary for a test, on a free loopback port.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { waitUntil, withTimeout } from './wait.mjs';

export const HOST = '127.0.0.1';

export function serverBinary() {
    const bin = process.env.CHAT_SERVER_BIN;
    if (!bin) {
        throw new Error('CHAT_SERVER_BIN is not set (path to the chat-server executable)');
    }
    return bin;
}

// A port the kernel reports free right now. Another process may take it before the server
// binds it; ChatServer.start() retries with a new port when the server exits early.
export function freePort() {
    return new Promise((resolve, reject) => {
        const srv = net.createServer();
        srv.unref();
        srv.on('error', reject);
        srv.listen(0, HOST, () => {
            const { port } = srv.address();
            srv.close(() => resolve(port));
        });
    });
}

// GET http://HOST:port/path -> {status, headers, body}; bounded by timeoutMs.
export function httpGet(port, urlPath, timeoutMs = 3000) {
    return withTimeout(
        new Promise((resolve, reject) => {
            const req = http.get({ host: HOST, port, path: urlPath, agent: false }, (res) => {
                let body = '';
                res.setEncoding('utf8');
                res.on('data', (chunk) => (body += chunk));
                res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
                res.on('error', reject);
            });
            req.on('error', reject);
        }),
        timeoutMs,
        `GET ${urlPath}`,
    );
}

export class ChatServer {
    // extraArgs: additional command-line flags, e.g. ['--ping-interval-ms', '300'].
    constructor({ extraArgs = [], dataDir = null } = {}) {
        this.extraArgs = extraArgs;
        this.dataDir = dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'chat-interop-js-'));
        this.ownsDataDir = dataDir === null;
        this.port = 0;
        this.child = null;
        this.exit = null; // Promise<{code, signal}> of the running child
        this.stderr = '';
    }

    get url() {
        return `http://${HOST}:${this.port}`;
    }

    // Starts the server and resolves once GET /health answers 200. With a port, binds that
    // one (used to restart on the same port); without, picks a free one, retrying if lost.
    async start(port = 0) {
        const attempts = port ? 1 : 5;
        let lastError = null;
        for (let i = 0; i < attempts; ++i) {
            this.port = port || (await freePort());
            try {
                await this.#startOnce();
                return this;
            } catch (err) {
                lastError = err;
            }
        }
        throw lastError;
    }

    // With CHAT_INTEROP_CLUSTER=redis://HOST:PORT/DB (run-js-cluster.sh) every server runs
    // as a node of a cluster on that Redis: the single-node suites then run on a cluster.
    #clusterArgs() {
        const url = process.env.CHAT_INTEROP_CLUSTER;
        if (!url) return [];
        const secret = path.join(this.dataDir, 'cluster-token-secret');
        writeFileSync(secret, 'the interop suite cluster secret\n');
        return ['--cluster', url, '--token-secret-file', secret];
    }

    async #startOnce() {
        const args = [
            '--host', HOST,
            '--port', String(this.port),
            '--storage', 'memory',
            '--data-dir', this.dataDir,
            '--message-rate', '0',
            ...this.#clusterArgs(),
            // Every test client is 127.0.0.1, and the per-address cap applies to loopback too.
            '--max-connections-per-ip', '10000',
            ...this.extraArgs,
        ];
        this.stderr = '';
        // Output is collected, not inherited: the test runner owns this process's stdout.
        const child = spawn(serverBinary(), args, { stdio: ['ignore', 'pipe', 'pipe'] });
        this.child = child;
        for (const stream of [child.stdout, child.stderr]) {
            stream.setEncoding('utf8');
            stream.on('data', (chunk) => {
                this.stderr += chunk;
                if (process.env.CHAT_INTEROP_VERBOSE) process.stderr.write(chunk);
            });
        }
        let exited = false;
        this.exit = new Promise((resolve) => {
            child.on('exit', (code, signal) => {
                exited = true;
                resolve({ code, signal });
            });
            child.on('error', (err) => {
                exited = true;
                resolve({ code: null, signal: null, error: err });
            });
        });

        try {
            await waitUntil(
                async () => {
                    if (exited) throw new Error(`chat-server exited during start-up:\n${this.stderr}`);
                    try {
                        const res = await httpGet(this.port, '/health', 1000);
                        return res.status === 200;
                    } catch {
                        return false;
                    }
                },
                { timeoutMs: 15000, intervalMs: 50, what: `chat-server on port ${this.port} to answer /health` },
            );
        } catch (err) {
            if (!exited) child.kill('SIGKILL');
            await this.exit;
            this.child = null;
            throw err;
        }
    }

    // Sends SIGTERM and resolves with the exit status once the process ended; fails if it
    // does not end within timeoutMs (then it is killed).
    async stop(timeoutMs = 10000) {
        if (!this.child) return { code: 0, signal: null };
        const child = this.child;
        this.child = null;
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        try {
            return await withTimeout(this.exit, timeoutMs, 'chat-server to exit after SIGTERM');
        } catch (err) {
            child.kill('SIGKILL');
            await this.exit;
            throw err;
        }
    }

    cleanup() {
        if (this.child) {
            this.child.kill('SIGKILL');
            this.child = null;
        }
        if (this.ownsDataDir) rmSync(this.dataDir, { recursive: true, force: true });
    }
}
