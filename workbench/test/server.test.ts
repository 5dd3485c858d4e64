// The whole workbench server with the real gateway as a child process: the session, the page's files, an inbound
// call that the gateway turns into a VoiceCall through the API emulator, transcripts and gateway states on the
// stream, Salesforce faults, the gateway killed (on request and by surprise) and back on the same port, bad bodies.
import assert from 'node:assert/strict';
import { get, type IncomingMessage } from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import type { ApiFailure, RecordsView, ScenarioResult, StreamEvent, WorkbenchSession } from '../src/api.js';
import type { WrapUpResult } from '../src/org/apex/voice-extension-controller.js';
import { startWorkbench, type Workbench } from '../src/workbench.js';
import { tempDir } from './org-helpers.js';

const dir = tempDir('server');
let workbench: Workbench;
let base: string;
const events: StreamEvent[] = [];
let stream: IncomingMessage | undefined;

before(async () => {
    const dist = join(dir.path, 'dist');
    mkdirSync(join(dist, 'connector'), { recursive: true });
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>workbench</title><script src="/app.js"></script>');
    writeFileSync(join(dist, 'app.js'), 'console.log("page")');
    writeFileSync(join(dist, 'connector', 'index.html'), '<!doctype html><title>connector</title>');
    writeFileSync(join(dist, 'connector', 'connector.js'), 'console.log("connector")');
    workbench = await startWorkbench({
        port: 0,
        host: '127.0.0.1',
        dataDir: join(dir.path, 'data'),
        distDir: dist,
        logLevel: 'warn'
    });
    base = workbench.url.replace(/\/$/, '');
    stream = await new Promise<IncomingMessage>((resolve) => get(`${base}/api/stream`, resolve));
    let buffer = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            for (const line of block.split('\n'))
                if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)) as StreamEvent);
        }
    });
});

after(async () => {
    stream?.destroy();
    const pid = workbench.supervisor.pid;
    await workbench.close();
    if (pid) assert.throws(() => process.kill(pid, 0), 'the gateway is gone after close');
    dir.remove();
});

async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
    const response = await fetch(`${base}${path}`, {
        method,
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    });
    return { status: response.status, json: (await response.json()) as T };
}

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 15_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
        const value = await probe();
        if (value !== undefined && value !== false) return value;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
}

const gatewayStates = () => events.flatMap((event) => (event.type === 'gateway' ? [event.state] : []));

it('serves the session, the page and the design system', async () => {
    const { json: session } = await api<WorkbenchSession>('GET', '/api/session');
    const config = session.connectorConfig;
    assert.equal(config['/switchboard/gatewayUrl'], `${workbench.gatewayUrl.replace('http', 'ws')}/agent-channel`);
    assert.equal(config.isACWAllowed, true);
    assert.match(String(config.userId), /^005[0-9A-Za-z]{15}$/);
    assert.equal(config['/reqGeneralInfo/reqInternalName'], 'SwitchboardContactCenter');
    for (const key of [
        'organizationId',
        'orgDomainName',
        'scrtUrl',
        'callCenterId',
        'userName',
        'phoneServiceChannelId'
    ])
        assert.ok(config[key], key);
    assert.equal(typeof config.userPresenceStatuses, 'string');
    assert.equal(session.connectorUrl, `${base}/connector/`);
    assert.deepEqual(session.knownCallers[0], {
        name: 'Ada Lovelace',
        phoneNumber: '+14155550100',
        objectApiName: 'Contact'
    });
    assert.deepEqual(
        session.agents.map((agent) => agent.username),
        ['ada', 'grace']
    );
    for (const [path, text] of [
        ['/', 'workbench'],
        ['/app.js', 'page'],
        ['/connector/', 'connector'],
        ['/connector/connector.js', 'connector']
    ] as const) {
        const response = await fetch(`${base}${path}`);
        assert.equal(response.status, 200, path);
        assert.match(await response.text(), new RegExp(text));
    }
    const css = await fetch(`${base}/slds/styles/salesforce-lightning-design-system.min.css`);
    assert.equal(css.status, 200);
    assert.match(css.headers.get('content-type') ?? '', /text\/css/);
    await css.arrayBuffer();
    assert.equal((await fetch(`${base}/api/nothing`)).status, 404);
    assert.ok(gatewayStates().includes('up'), 'the stream starts with the gateway state');
});

it('an inbound call becomes a VoiceCall through the gateway; its transcript and wrap-up follow', async () => {
    const inbound = await api<ScenarioResult>('POST', '/api/scenarios/inbound', {});
    assert.equal(inbound.status, 200);
    const callId = inbound.json.callId!;
    assert.match(inbound.json.message, /from \+14155550100 rings for agent-ada/);
    const record = await until('the VoiceCall', async () => {
        const { json } = await api<RecordsView>('GET', '/api/records');
        return json.voiceCalls.find((call) => call.vendorCallKey === callId);
    });
    assert.equal(record.fields.from, '+14155550100');
    assert.ok(
        events.some((event) => event.type === 'records'),
        'records changes are announced'
    );

    assert.equal((await api('POST', '/api/scenarios/say', { callId, text: 'My router keeps rebooting' })).status, 200);
    const line = await until('the transcript event', () =>
        events.find((event) => event.type === 'transcript' && event.vendorCallKey === callId)
    );
    assert.deepEqual(
        { ...line, at: 0, messageId: '' },
        {
            type: 'transcript',
            vendorCallKey: callId,
            messageId: '',
            speaker: 'customer',
            text: 'My router keeps rebooting',
            at: 0
        }
    );

    const barge = await api<ScenarioResult>('POST', '/api/scenarios/supervisor', {
        callId,
        mode: 'barge',
        supervisorName: 'Sam Supervisor'
    });
    assert.equal(barge.status, 200, JSON.stringify(barge.json));
    assert.match(barge.json.message, /Sam Supervisor barged in/);

    const wrap = await api<WrapUpResult>('POST', '/api/apex/VoiceExtensionController/saveWrapUp', {
        vendorCallKey: callId,
        disposition: 'Resolved',
        notes: 'Replaced the power supply'
    });
    assert.equal(wrap.status, 200);
    assert.equal(wrap.json.changed, true);
    assert.equal((await api('POST', '/api/scenarios/hangup', { callId })).status, 200);
    const ended = await until('the call to end', async () => {
        const { json } = await api<RecordsView>('GET', '/api/records');
        const call = json.voiceCalls.find((c) => c.vendorCallKey === callId);
        return call && !call.isActive ? call : undefined;
    });
    assert.deepEqual(ended.wrapUp, { disposition: 'Resolved', notes: 'Replaced the power supply' });
});

it("refuses a bad scenario body naming the field, and passes the simulator's refusals through", async () => {
    const bad = await api<ApiFailure>('POST', '/api/scenarios/inbound', { from: 'Ada' });
    assert.equal(bad.status, 400);
    assert.match(bad.json.errors?.[0] ?? '', /^\$\.from: a phone number such as \+14155550100/);
    const extra = await api<ApiFailure>('POST', '/api/scenarios/say', { callId: 'x', text: 'hi', volume: 11 });
    assert.equal(extra.status, 400);
    assert.match(extra.json.message, /\$\.volume: unknown field/);
    const missing = await api<ApiFailure>('POST', '/api/scenarios/supervisor', { callId: 'x' });
    assert.match(missing.json.message, /\$\.mode/);
    const unknownCall = await api<ApiFailure>('POST', '/api/scenarios/hangup', { callId: 'no-such-call' });
    assert.equal(unknownCall.status, 422);
    assert.match(unknownCall.json.message, /The gateway refused: .*no-such-call/);
});

it('injects and clears Salesforce faults', async () => {
    const faults = workbench.org.emulator.faults;
    assert.equal((await api('POST', '/api/scenarios/fail-create', { count: 2 })).status, 200);
    assert.deepEqual(
        faults.active().map(({ kind, match, remaining }) => ({ kind, match, remaining })),
        [{ kind: '500', match: 'createVoiceCall', remaining: 2 }]
    );
    const before = workbench.org.emulator.state.faulted;
    const { json } = await api<ScenarioResult>('POST', '/api/scenarios/inbound', { from: '+13125550147' });
    await until('the faulted creates and the VoiceCall', async () => {
        const records = (await api<RecordsView>('GET', '/api/records')).json;
        return workbench.org.emulator.state.faulted >= before + 2 &&
            records.voiceCalls.some((call) => call.vendorCallKey === json.callId)
            ? true
            : undefined;
    });
    const rate = await api<ScenarioResult>('POST', '/api/scenarios/rate-limit', { seconds: 30 });
    assert.match(rate.json.message, /429 for 30 s/);
    const limit = faults.active().find((fault) => fault.kind === '429');
    assert.ok(limit?.until && limit.until > Date.now() + 25_000);
    assert.equal((await api('POST', '/api/scenarios/rate-limit', { seconds: 500 })).status, 400);
    assert.equal((await api('POST', '/api/scenarios/clear-faults', {})).status, 200);
    assert.deepEqual(faults.active(), []);
});

it('restart-gateway: kill -9 and back on the same port, "up" on the stream; a crash is restarted too', async () => {
    const firstPid = workbench.supervisor.pid!;
    const seen = events.length;
    const restarted = await api<ScenarioResult>('POST', '/api/scenarios/restart-gateway', {});
    assert.equal(restarted.status, 200);
    assert.match(restarted.json.message, /killed with SIGKILL and is up again/);
    assert.throws(() => process.kill(firstPid, 0), 'the old gateway is gone');
    const after = () => events.slice(seen).flatMap((event) => (event.type === 'gateway' ? [event.state] : []));
    await until('restarting then up on the stream', () => (after().join() === 'restarting,up' ? true : undefined));
    assert.equal((await fetch(`${workbench.gatewayUrl}/healthz`)).status, 200, 'the same port');

    const secondPid = workbench.supervisor.pid!;
    const beforeCrash = events.length;
    process.kill(secondPid, 'SIGKILL'); // nobody asked
    await until('the supervisor to bring it back', () => {
        const states = events.slice(beforeCrash).flatMap((event) => (event.type === 'gateway' ? [event] : []));
        return states.at(-1)?.state === 'up' && states.some((event) => event.state === 'restarting')
            ? states
            : undefined;
    });
    const restarting = events
        .slice(beforeCrash)
        .find((event) => event.type === 'gateway' && event.state === 'restarting');
    assert.match((restarting as { detail?: string }).detail ?? '', /was killed by SIGKILL; starting it again/);
    assert.notEqual(workbench.supervisor.pid, secondPid);
    const call = await api<ScenarioResult>('POST', '/api/scenarios/inbound', {});
    assert.equal(call.status, 200, 'the new gateway takes calls');
});

it('clears the records', async () => {
    const cleared = await api<RecordsView>('DELETE', '/api/records');
    assert.equal(cleared.status, 200);
    assert.deepEqual(cleared.json.voiceCalls, []);
    await until('the records event', () =>
        events.some((event) => event.type === 'records' && event.version >= cleared.json.version) ? true : undefined
    );
});

it("keeps secrets out of its logs and the gateway's", () => {
    const data = join(dir.path, 'data');
    const secrets = JSON.parse(readFileSync(join(data, 'gateway', 'dev-secrets.json'), 'utf8')) as Record<
        string,
        string
    >;
    const logs = ['workbench.log', 'gateway.log'].map((file) => readFileSync(join(data, file), 'utf8')).join('\n');
    assert.match(logs, /Switchboard gateway \(development\) listening/, 'the logs are written');
    for (const secret of Object.values(secrets)) assert.ok(!logs.includes(secret), 'a development secret is logged');
    assert.doesNotMatch(logs, /PRIVATE KEY|Bearer ey/);
});
