// Headless Chromium (Debian's, /usr/bin/chromium) driven by puppeteer-core, with a fresh
// profile per browser and nothing that talks to the network on its own.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import puppeteer from 'puppeteer-core';

export const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';

/**
 * Launches Chromium. Every page it opens records console errors, page errors (uncaught
 * exceptions, CSP violations are console errors) and failed requests in page.problems.
 * @param {object} [options] {colorScheme: 'light'|'dark'} for every page.
 */
export async function launchBrowser({ colorScheme = 'light' } = {}) {
    const profile = mkdtempSync(path.join(os.tmpdir(), 'chat-web-chromium-'));
    const args = [
        '--headless',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--no-default-browser-check',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-extensions',
        '--disable-dev-shm-usage',
        `--user-data-dir=${profile}`,
    ];
    // As root Chromium refuses to start without this (no user namespace sandbox for root).
    if (typeof process.getuid === 'function' && process.getuid() === 0) args.push('--no-sandbox');
    const browser = await puppeteer.launch({
        executablePath: CHROMIUM,
        args,
        headless: true,
        // puppeteer's own defaults add flags for its bundled Chrome; ours are the ones above.
        ignoreDefaultArgs: ['--enable-automation'],
        defaultViewport: { width: 1024, height: 720 },
        protocolTimeout: 60000,
    });
    const newPage = async ({ viewport } = {}) => {
        const context = await browser.createBrowserContext();
        const page = await context.newPage();
        if (viewport) await page.setViewport(viewport);
        await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: colorScheme }]);
        page.problems = [];
        page.on('console', (message) => {
            // Chromium logs each refused WebSocket as an error: expected while a server is down.
            if (message.type() === 'error' && !/^WebSocket connection to .* failed/.test(message.text())) {
                page.problems.push(`console: ${message.text()}`);
            }
        });
        page.on('pageerror', (error) => page.problems.push(`pageerror: ${error.message}`));
        page.on('requestfailed', (request) => {
            // A WebSocket refused while the server is down is expected; anything else is not.
            if (request.resourceType() !== 'websocket') page.problems.push(`requestfailed: ${request.url()}`);
        });
        page.setDefaultTimeout(15000);
        return page;
    };
    return {
        browser,
        newPage,
        async close() {
            await browser.close().catch(() => {});
            rmSync(profile, { recursive: true, force: true });
        },
    };
}
