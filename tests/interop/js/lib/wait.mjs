// Bounded waiting: every wait in these tests has a deadline, and none is a bare sleep.
import { setTimeout as delay } from 'node:timers/promises';

export const DEFAULT_TIMEOUT_MS = 5000;

// Rejects with "timed out waiting for <what>" unless promise settles within ms.
export function withTimeout(promise, ms, what) {
    let timer;
    const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    });
    return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

// Polls condition() (sync or async) until it returns truthy; returns that value.
export async function waitUntil(condition, { timeoutMs = DEFAULT_TIMEOUT_MS, intervalMs = 20, what = 'condition' } = {}) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const value = await condition();
        if (value) return value;
        if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
        await delay(intervalMs);
    }
}
