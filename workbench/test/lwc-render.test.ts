// Renders the real Voice Extension and call monitor (force-app's compiled JavaScript, lightning-base-components, SLDS)
// in Chromium through the workbench build, with a fake softphone bus and the Apex and UI API endpoints answered by
// Playwright. Needs Debian's chromium (`apt-get install chromium`; .ci/run installs it): without it the test fails.
import assert from 'node:assert/strict';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { Browser, Page, Route } from 'playwright-core';
import { launchChromium } from './browser.js';
import { buildPage } from '../src/build.js';

const here = dirname(fileURLToPath(import.meta.url));
const ENTRY = join(here, 'fixtures', 'lwc-render-entry.ts');
// Kept between runs: the build's own cache makes a second run fast, and its hash covers this entry.
const OUT_DIR = join(tmpdir(), 'switchboard-workbench-lwc-render-test');
const SLDS = join(dirname(fileURLToPath(import.meta.resolve('@salesforce-ux/design-system/package.json'))), 'assets');

const VOICE_CALL_ID = '0LQ000000000001AAA';
const CALL_ID = 'call-1';
const CALLER_NUMBER = '+14155550100';
const CONTACT_ID = '003000000000001AAA';

const PAGE = `<!doctype html>
<html lang="en">
    <head>
        <meta charset="utf-8" />
        <title>LWC render test</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/slds/styles/salesforce-lightning-design-system.min.css" />
    </head>
    <body class="slds-scope">
        <div id="softphone"></div>
        <div id="record"></div>
        <script type="module" src="/app.js"></script>
    </body>
</html>
`;

const TYPES: Record<string, string> = {
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.svg': 'image/svg+xml',
    '.woff2': 'font/woff2',
    '.woff': 'font/woff',
    '.png': 'image/png'
};

/** `/` is the test page, `/app.js` the build, `/slds/` the design system's assets. */
function serve(): Promise<Server> {
    const server = createServer((request, response) => {
        const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
        if (path === '/') {
            response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
            return;
        }
        const [root, rest] = path.startsWith('/slds/') ? [SLDS, path.slice(6)] : [OUT_DIR, path.slice(1)];
        const file = resolve(root, rest);
        if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) {
            response.writeHead(404).end();
            return;
        }
        response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
        createReadStream(file).pipe(response);
    });
    return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

let recordReads = 0;

interface ApexCall {
    method: string;
    params: Record<string, unknown>;
}

/** The Apex and UI API stand-ins, as the workbench server answers them. */
async function answerApi(route: Route, apexCalls: ApexCall[]): Promise<void> {
    const url = new URL(route.request().url());
    const json = (status: number, body: unknown) => route.fulfill({ status, json: body });
    const apex = /^\/api\/apex\/VoiceExtensionController\/(\w+)$/.exec(url.pathname);
    if (apex) {
        const method = apex[1]!;
        const params = (route.request().postDataJSON() ?? {}) as Record<string, unknown>;
        apexCalls.push({ method, params });
        if (method === 'getDispositionOptions') return json(200, [{ label: 'Resolved', value: 'Resolved' }]);
        if (method === 'getCallerContext')
            // No VoiceCall id or related ids: the monitor can find the call only through getRecord's VendorCallKey.
            return json(200, {
                voiceCallFound: true,
                voiceCallId: null,
                relatedRecordIds: [],
                match: {
                    recordId: CONTACT_ID,
                    objectApiName: 'Contact',
                    name: 'Ada Lovelace',
                    accountName: 'Analytical Engines'
                }
            });
        if (method === 'saveWrapUp') return json(500, { body: { message: 'The VoiceCall is locked.' } });
    }
    if (url.pathname === `/api/ui-api/records/${VOICE_CALL_ID}`) {
        recordReads++;
        assert.equal(url.searchParams.get('optionalFields'), 'VoiceCall.VendorCallKey');
        return json(200, {
            id: VOICE_CALL_ID,
            apiName: 'VoiceCall',
            fields: { VendorCallKey: { value: CALL_ID, displayValue: null } }
        });
    }
    return json(404, { message: `no stand-in for ${url.pathname}` });
}

/** Waits for something the page does to the test's side (an intercepted request). */
async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
        await new Promise((ok) => setTimeout(ok, 20));
    }
}

describe('the workbench page renders the real LWC', () => {
    let server: Server;
    let browser: Browser;
    let page: Page;
    const errors: string[] = [];
    const apexCalls: ApexCall[] = [];

    before(async () => {
        await buildPage({ outDir: OUT_DIR, entry: ENTRY, log: () => {} });
        server = await serve();
        browser = await launchChromium();
        page = await browser.newPage({ viewport: { width: 900, height: 900 } });
        page.setDefaultTimeout(5000);
        // A failed build or a throwing component leaves a blank page and nothing else: collect every error.
        page.on('pageerror', (error) => errors.push(error.message));
        // The browser logs every 4xx/5xx as a console error; the API's are on purpose, any other is reported here.
        page.on('console', (message) => {
            if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
                errors.push(message.text());
        });
        page.on('response', (response) => {
            if (response.status() >= 400 && !new URL(response.url()).pathname.startsWith('/api/'))
                errors.push(`${response.status()} ${response.url()}`);
        });
        await page.route('**/api/**', (route) => answerApi(route, apexCalls));
        const { port } = server.address() as AddressInfo;
        await page.goto(`http://127.0.0.1:${port}/`);
    });

    after(async () => {
        await browser?.close();
        await new Promise((ok) => (server ? server.close(ok) : ok(undefined)));
    });

    const panel = () => page.getByRole('region', { name: 'Current call' });
    const emit = (name: string, detail: Record<string, unknown>) =>
        page.evaluate(([n, d]) => window.testBus.emit(n, d), [name, detail] as const);

    it('renders the Voice Extension, idle, with its dispositions loaded', async () => {
        await panel().getByText('No call. Ready for the next one.').waitFor();
        await until(() => apexCalls.length > 0, 'getDispositionOptions is called');
        assert.deepEqual(
            apexCalls.map((c) => c.method),
            ['getDispositionOptions']
        );
    });

    it('connects the Toolkit element to a softphone started after it', async () => {
        assert.equal(await page.evaluate(() => window.testBus.listeners()), 0);
        await page.evaluate(() => window.testBus.start());
        await page.waitForFunction(() => window.testBus.listeners() === 1);
    });

    it('shows a connected call with the caller Apex found', async () => {
        const call = { callId: CALL_ID, callType: 'inbound', participant: CALLER_NUMBER };
        await emit('callstarted', call);
        await emit('callconnected', call);
        await panel()
            .getByRole('paragraph')
            .filter({ hasText: /^\s*Ada Lovelace\s*$/ })
            .waitFor();
        const records = panel().getByRole('list', { name: 'Records for this call' });
        await records.getByRole('button', { name: 'Ada Lovelace' }).click();
        assert.deepEqual(await page.evaluate(() => window.testBus.navigations), [
            { type: 'standard__recordPage', attributes: { recordId: CONTACT_ID, actionName: 'view' } }
        ]);
        // The phase badge heads the panel; the caller's own status in the participant list says the same.
        await panel().getByText('Connected', { exact: true }).first().waitFor();
        const lookup = apexCalls.find((c) => c.method === 'getCallerContext');
        assert.deepEqual(lookup?.params, { vendorCallKey: CALL_ID, phoneNumber: CALLER_NUMBER });
    });

    it('shows what the softphone did, with no call controls of its own', async () => {
        await emit('mute', { callId: CALL_ID });
        await panel().getByText('Muted', { exact: true }).waitFor();
        await emit('hold', { callId: CALL_ID, participant: CALLER_NUMBER });
        await panel().getByText('On hold', { exact: true }).first().waitFor();
        // Mute, hold, end and the keypad are Salesforce's softphone's, right above the panel.
        assert.equal(await panel().getByRole('group').count(), 0);
        assert.equal(
            await panel()
                .getByRole('button', { name: /^(Mute|Unmute|Hold|Resume|End call|Send)/ })
                .count(),
            0
        );
        assert.equal(await panel().getByRole('textbox').count(), 0);
        await emit('resume', { callId: CALL_ID, participant: CALLER_NUMBER });
        await emit('unmute', { callId: CALL_ID });
        await panel().getByText('Talking', { exact: false }).waitFor();
        assert.deepEqual(await page.evaluate(() => window.testBus.actions), []);
    });

    it('shows the call on the VoiceCall record page, from the message channel', async () => {
        await page.getByRole('heading', { name: 'Live call' }).waitFor();
        const card = page.getByRole('article').filter({ has: page.getByRole('heading', { name: 'Live call' }) });
        await card.getByText('Ada Lovelace').waitFor();
        await card.getByText('Connected', { exact: true }).waitFor();
        // The page announces record changes; getRecord reads the record again.
        const reads = recordReads;
        const reread = page.waitForResponse((r) => r.url().includes(`/api/ui-api/records/${VOICE_CALL_ID}`));
        await page.evaluate(() => window.dispatchEvent(new CustomEvent('workbench:records-changed')));
        await reread;
        assert.equal(recordReads, reads + 1);
        const types = await page.evaluate(() => window.testBus.messages.map((m) => (m as { type?: string }).type));
        assert.ok(types.includes('callStateRequest'), `the monitor asked for the state: ${types.join(', ')}`);
        assert.ok(types.includes('callState'), `the extension published it: ${types.join(', ')}`);
    });

    it("shows an Apex failure's message (Aura's error shape)", async () => {
        await emit('callended', { callId: CALL_ID });
        const wrapUp = panel().getByRole('region', { name: 'Wrap-up' });
        // Save stays disabled, and says why, until a disposition is chosen
        await wrapUp.getByText('Choose a disposition to save.').waitFor();
        assert.equal(await wrapUp.getByRole('button', { name: 'Save wrap-up' }).isDisabled(), true);
        await wrapUp.getByRole('combobox', { name: 'Disposition' }).click();
        await wrapUp.getByRole('option', { name: 'Resolved' }).click();
        await wrapUp.getByRole('button', { name: 'Save wrap-up' }).click();
        await wrapUp
            .getByText(/not saved\. The VoiceCall is locked\./i)
            .first()
            .waitFor();
    });

    it('raised no page errors', () => {
        assert.deepEqual(errors, []);
    });
});
