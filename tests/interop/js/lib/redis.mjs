// Starts and stops a private redis-server for the cluster tests, on a free loopback port,
// with append-only persistence in its own temporary directory.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

import { freePort, HOST } from './server.mjs';
import { waitUntil, withTimeout } from './wait.mjs';

// True when Debian's redis-server is installed (scripts/install-deps.sh test).
export function haveRedis() {
    return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

function canConnect(port) {
    return new Promise((resolve) => {
        const socket = net.connect({ host: HOST, port }, () => {
            socket.end();
            resolve(true);
        });
        socket.on('error', () => resolve(false));
    });
}

export class RedisServer {
    constructor() {
        this.dir = mkdtempSync(path.join(os.tmpdir(), 'chat-redis-'));
        this.port = 0;
        this.child = null;
        this.exit = null;
        this.log = '';
    }

    get url() {
        return `redis://${HOST}:${this.port}/0`;
    }

    // Starts redis-server (on the same port again when restarting) and waits for it.
    async start() {
        this.port ||= await freePort();
        const args = ['--port', String(this.port), '--bind', HOST, '--save', '',
            '--appendonly', 'yes', '--appendfsync', 'always', '--dir', this.dir];
        const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
        this.child = child;
        for (const stream of [child.stdout, child.stderr]) {
            stream.setEncoding('utf8');
            stream.on('data', (chunk) => (this.log += chunk));
        }
        this.exit = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
        await waitUntil(() => canConnect(this.port), { timeoutMs: 10000, what: 'redis-server to listen' });
        return this;
    }

    // Stops it with SIGTERM (Redis then writes its append-only file out) or another signal.
    async stop(signal = 'SIGTERM') {
        if (!this.child) return;
        const child = this.child;
        this.child = null;
        child.kill(signal);
        await withTimeout(this.exit, 10000, 'redis-server to exit');
    }

    async cleanup() {
        await this.stop('SIGKILL');
        rmSync(this.dir, { recursive: true, force: true });
    }
}
