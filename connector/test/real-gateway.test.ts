// The whole system on loopback, nothing faked on the connector's path: Salesforce (the real scv-connector-base 3.6.2
// behind a real MessageChannel) → this connector → a real WebSocket → the real gateway (SQLite store, outbox) → the
// Telephony Integration API emulator over HTTP with a real signed JWT; the simulated carrier posts signed HTTP events.
// The other tests run the same gateway in process, without a socket; this one proves the transport and the HTTP
// side too: that both ends speak the same protocol over a real WebSocket.
import './salesforce-host.js';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, afterEach, before, describe, it } from 'node:test';
import {
    type ClientFrame,
    decodeServerFrame,
    type EventFrame,
    type ServerFrame,
    type WelcomeFrame
} from '@switchboard/contracts';
import type WebSocket from 'ws';
import type { SimulatedCarrier } from '../../gateway/src/carrier/simulated-carrier.js';
import { DEMO_AGENTS } from '../../gateway/src/config.js';
import type { Gateway } from '../../gateway/src/gateway.js';
import type { TelephonyApiEmulator } from '../../gateway/src/salesforce/emulator.js';
import { startHarness } from '../../gateway/test/harness.js';
import type { Connect } from '../src/agent-channel-client.js';
import { SwitchboardConnector } from '../src/connector.js';
import * as sdk from '../src/sdk.js';
import { CONFIG, MemoryTokens, testClock } from './harness.js';
import { drain, SalesforceHost } from './salesforce-host.js';
import { createWsConnect } from './ws-connect.js';

/** The Salesforce user the contact center reports (CONFIG.userId): the gateway checks it against ada's account. */
const ADA_SALESFORCE_USER_ID = CONFIG.userId;
const ADA_SALESFORCE_USERNAME = 'ada@switchboard.example';
const ADA = DEMO_AGENTS.find((a) => a.agentId === 'agent-ada')!;
const numbers = { from: '+14155550100', to: '+18005550199' };

// ---- the system: gateway, emulator, carrier ------------------------------------------------------------------------

interface System {
    gateway: Gateway;
    emulator: TelephonyApiEmulator;
    carrier: SimulatedCarrier;
    /** The agent channel's ws:// URL. */
    agentChannelUrl: string;
    close(): Promise<void>;
}

async function startSystem(): Promise<System> {
    const h = await startHarness({
        salesforceDomain: 'switchboard.example',
        salesforceUserIds: { [ADA.agentId]: ADA_SALESFORCE_USER_ID }
    });
    return {
        gateway: h.gateway,
        emulator: h.emulator,
        carrier: h.carrier,
        agentChannelUrl: `${h.url.replace(/^http/, 'ws')}/agent-channel`,
        close: () => h.close()
    };
}

/** A loopback port nobody listens on: connecting to it is refused at once, like a network that is down. */
async function deadPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
}

// ---- the agent's browser: Salesforce, the connector, a tapped WebSocket ----------------------------------------------

interface Wire {
    /** Which socket of the connector's (0 for its first). */
    socket: number;
    dir: 'in' | 'out';
    frame: ServerFrame | ClientFrame;
}

interface Browser {
    host: SalesforceHost;
    connector: SwitchboardConnector;
    tokens: MemoryTokens;
    /** Every frame on the agent channel, both ways, in order. */
    wire: Wire[];
    /** The connector's sockets, oldest first. */
    sockets: WebSocket[];
    /** While set, the connector's connection attempts are refused (its network is down). */
    offline: boolean;
    loginRequests: number;
    settle(): Promise<void>;
    stop(): Promise<void>;
}

async function openBrowser(system: System): Promise<Browser> {
    const refused = `ws://127.0.0.1:${await deadPort()}/agent-channel`;
    const sockets: WebSocket[] = [];
    const wire: Wire[] = [];
    const ws = createWsConnect({ onSocket: (socket) => sockets.push(socket) });
    const browser: Browser = {
        host: new SalesforceHost(),
        tokens: new MemoryTokens(),
        connector: undefined as unknown as SwitchboardConnector,
        wire,
        sockets,
        offline: false,
        loginRequests: 0,
        async settle() {
            await drain();
            await browser.connector.settled();
            await drain();
        },
        async stop() {
            await browser.connector.logout().catch(() => undefined);
            browser.host.close();
            for (const socket of sockets) socket.terminate();
        }
    };
    // The real transport, with a tap on both directions and a switch for the network.
    const connect: Connect = (url, handlers) => {
        const socket = sockets.length;
        const connection = ws(browser.offline ? refused : url, {
            ...handlers,
            onMessage: (text) => {
                wire.push({ socket, dir: 'in', frame: decodeServerFrame(text) as ServerFrame });
                handlers.onMessage(text);
            }
        });
        return {
            send: (text) => {
                wire.push({ socket, dir: 'out', frame: JSON.parse(text) as ClientFrame });
                connection.send(text);
            },
            close: () => connection.close()
        };
    };
    browser.connector = new SwitchboardConnector({
        connect,
        clock: testClock,
        tokens: browser.tokens,
        strictEvents: true,
        client: { name: 'switchboard-connector-real-gateway-test', version: '0' },
        download: () => undefined,
        onLoginRequired: () => browser.loginRequests++
    });
    sdk.initializeConnector(browser.connector);
    browser.host.handshake({ ...CONFIG, '/switchboard/gatewayUrl': system.agentChannelUrl });
    await browser.settle();
    return browser;
}

// ---- waiting and counting ---------------------------------------------------------------------------------------------

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` holds (bounded: a hang fails with what was awaited). */
async function until<T>(check: () => T | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const value = check();
        if (value !== undefined && value !== false) return value;
        if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
        await sleep(10);
    }
}

const countOf = (b: Browser, type: string) => b.host.eventTypes().filter((t) => t === type).length;

/** Waits until Salesforce has received `type` `count` times in all. */
function published(b: Browser, type: string, count = 1, timeoutMs = 5000): Promise<true> {
    return until(
        () => countOf(b, type) >= count || undefined,
        `${type} ×${count} (so far ${b.host.eventTypes().join(', ')})`,
        timeoutMs
    );
}

/** Reconnecting waits for the connector's backoff: random, and doubling after each attempt refused while offline. */
const RECONNECT_MS = 15_000;

/** Lets anything still travelling arrive (a duplicate would), then settles the connector. */
async function quiet(b: Browser): Promise<void> {
    await sleep(250);
    await b.settle();
}

/** No event reached Salesforce twice: the same type with the same payload. */
function assertNoRepeats(b: Browser): void {
    const seen = new Set<string>();
    for (const event of b.host.events()) {
        const key = JSON.stringify(event);
        assert.ok(!seen.has(key), `published twice: ${key}`);
        seen.add(key);
    }
}

const welcomes = (b: Browser) =>
    b.wire.filter((w): w is Wire & { frame: WelcomeFrame } => w.dir === 'in' && w.frame.kind === 'welcome');
const eventFrames = (b: Browser) =>
    b.wire.filter((w): w is Wire & { frame: EventFrame } => w.dir === 'in' && w.frame.kind === 'event');
const hellos = (b: Browser) =>
    b.wire.filter(
        (w): w is Wire & { frame: Extract<ClientFrame, { kind: 'hello' }> } =>
            w.dir === 'out' && w.frame.kind === 'hello'
    );

async function signIn(b: Browser): Promise<void> {
    await b.connector.login({ kind: 'password', username: ADA.username, password: ADA.password });
    await published(b, 'LOGIN_RESULT');
    await until(() => b.host.received.some((m) => m.type === 'CONNECTOR_READY'), 'CONNECTOR_READY');
    await b.settle();
}

/** A call rung by the carrier for ada, announced to Salesforce and accepted there. */
async function connectedCall(b: Browser): Promise<string> {
    const callId = await system.carrier.ringInbound({ ...numbers, agentId: ADA.agentId });
    await published(b, 'CALL_STARTED');
    b.host.send({ type: 'ACCEPT_CALL', call: { callId, callType: 'Inbound' } });
    await published(b, 'CALL_CONNECTED');
    await b.settle();
    return callId;
}

// ---- the tests ----------------------------------------------------------------------------------------------------------

let system: System;
let browser: Browser | undefined;
before(async () => {
    system = await startSystem();
});
afterEach(async () => {
    await browser?.stop();
    browser = undefined;
});
after(async () => {
    await system.close();
});

describe('the connector against the real gateway over a real WebSocket', () => {
    it('signs in with the demo account through the login frame; the connector reports ready to Salesforce', async () => {
        const b = (browser = await openBrowser(system));
        // No stored session: Salesforce is asked to show the login frame.
        assert.deepEqual(b.host.eventTypes(), ['SHOW_LOGIN']);
        assert.equal(b.loginRequests, 1);
        await assert.rejects(
            b.connector.login({ kind: 'password', username: ADA.username, password: 'not-the-password' }),
            /check your user name and password/
        );
        await signIn(b);
        assert.deepEqual(b.host.eventTypes(), ['SHOW_LOGIN', 'LOGIN_RESULT']);
        assert.equal(b.host.received.filter((m) => m.type === 'CONNECTOR_READY').length, 1);
        const [welcome] = welcomes(b);
        assert.equal(welcome?.frame.agent.agentId, ADA.agentId);
        assert.equal(hellos(b).at(-1)?.frame.salesforceUserId, ADA_SALESFORCE_USER_ID, 'the contact center user');
        assert.equal(b.tokens.token, welcome.frame.sessionToken, 'the session token kept for a page refresh');
        assert.equal(system.gateway.agents.connectedAgents, 1);
        // Capabilities come from the gateway's carrier, through the welcome.
        const capabilities = (await b.connector.getCapabilities()) as unknown as Record<string, unknown>;
        assert.equal(capabilities.hasMute, true);
        assert.equal(capabilities.hasBlindTransfer, true);
    });

    it('an inbound call end to end: ring, accept, hold, resume, the customer hangs up; each event once; the VoiceCall closed', async () => {
        const b = (browser = await openBrowser(system));
        await signIn(b);
        b.host.clear();

        const callId = await system.carrier.ringInbound({ ...numbers, agentId: ADA.agentId });
        await published(b, 'CALL_STARTED');
        const started = b.host.events()[0]!.payload as { callId: string; state: string; phoneNumber?: string };
        assert.equal(started.callId, callId);
        assert.equal(started.state, 'ringing');
        // Salesforce already has its VoiceCall (the gateway creates it before the agent's phone rings).
        const created = await until(() => system.emulator.state.findVoiceCall(callId), 'the VoiceCall');
        assert.equal(created.create.from, numbers.from);
        assert.equal(created.isActive, true);

        b.host.send({ type: 'ACCEPT_CALL', call: { callId, callType: 'Inbound' } });
        await published(b, 'CALL_CONNECTED');
        b.host.send({ type: 'HOLD', call: { callId } });
        await published(b, 'HOLD_TOGGLE');
        b.host.send({ type: 'RESUME', call: { callId } });
        await published(b, 'HOLD_TOGGLE', 2);
        await b.settle();
        assert.equal(b.connector.calls[0]?.state, 'connected');
        assert.equal(b.connector.calls[0]?.isOnHold, false);

        await system.carrier.hangUp(callId);
        await published(b, 'HANGUP');
        await quiet(b);
        assert.deepEqual(b.host.eventTypes(), [
            'CALL_STARTED',
            'CALL_CONNECTED',
            'HOLD_TOGGLE',
            'HOLD_TOGGLE',
            'HANGUP',
            'AFTER_CALL_WORK_STARTED'
        ]);
        assert.deepEqual(
            b.host.events().map((e) => (e.payload as { isCustomerOnHold?: boolean }).isCustomerOnHold),
            [undefined, undefined, true, false, undefined, undefined]
        );
        assertNoRepeats(b);
        assert.deepEqual(b.connector.calls, [], 'the call store is empty');
        assert.deepEqual(b.connector.storeProblems(), []);
        // The gateway's echoes of the agent's own requests reached the connector and were not published.
        assert.ok(eventFrames(b).some((w) => w.frame.event.type === 'callConnected' && w.frame.causedBy));

        // Salesforce's side: one VoiceCall for the call, closed, with its hold and its agent.
        const closed = await until(() => {
            const call = system.emulator.state.findVoiceCall(callId);
            return call && !call.isActive ? call : undefined;
        }, 'the VoiceCall closed');
        const forThisCall = [...system.emulator.state.voiceCalls.values()].filter((c) => c.vendorCallKey === callId);
        assert.equal(forThisCall.length, 1);
        assert.equal(system.emulator.state.duplicateCreates, 0);
        assert.equal(closed.fields.numberOfHolds, 1);
        assert.equal(closed.fields.agent, ADA_SALESFORCE_USERNAME);
        assert.ok(closed.fields.acceptTime, 'accepted');
    });

    it('a dropped socket mid-call: the connector resumes and what happened meanwhile is published once', async () => {
        const b = (browser = await openBrowser(system));
        await signIn(b);
        const callId = await connectedCall(b);
        b.host.clear();

        // 1. The agent's network fails (the client's socket is cut); meanwhile the call is held on the switch.
        const lastSeq = eventFrames(b).at(-1)!.frame.seq;
        b.offline = true;
        b.sockets.at(-1)!.terminate();
        await system.carrier.emit([{ ...system.carrier.envelope(callId), type: 'call.hold', onHold: true }]);
        await sleep(100);
        assert.deepEqual(b.host.eventTypes(), [], 'nothing reaches Salesforce while the connector is cut off');
        b.offline = false;
        await published(b, 'HOLD_TOGGLE', 1, RECONNECT_MS);
        const firstResume = hellos(b).at(-1)!;
        assert.equal(firstResume.frame.credential.kind, 'session');
        assert.equal(firstResume.frame.resumeFromSeq, lastSeq, 'asked to resume after the last event it processed');
        assert.equal(welcomes(b).at(-1)!.frame.resumed, true, 'the gateway replayed');
        assert.equal((b.host.events()[0]!.payload as { isCustomerOnHold: boolean }).isCustomerOnHold, true);

        // 2. The gateway's end of the socket is cut; meanwhile the customer hangs up.
        await quiet(b);
        const beforeSecondDrop = eventFrames(b).at(-1)!.frame.seq;
        const socketsBefore = b.sockets.length;
        b.offline = true;
        for (const socket of system.gateway.app.websocketServer.clients) socket.terminate();
        await until(() => b.connector.calls.length === 1 && b.sockets.at(-1)!.readyState >= 2, 'the drop noticed');
        await system.carrier.hangUp(callId);
        await sleep(100);
        assert.deepEqual(b.host.eventTypes(), ['HOLD_TOGGLE']);
        b.offline = false;
        await published(b, 'HANGUP', 1, RECONNECT_MS);
        await quiet(b);
        assert.ok(b.sockets.length > socketsBefore, 'a new socket');
        const secondResume = hellos(b).at(-1)!;
        assert.equal(secondResume.frame.resumeFromSeq, beforeSecondDrop);
        assert.equal(welcomes(b).at(-1)!.frame.resumed, true);
        const ended = eventFrames(b).filter((w) => w.frame.event.type === 'callEnded');
        assert.equal(ended.length, 1, 'callEnded reached the connector once, replayed after the welcome');
        assert.equal(ended[0]!.socket, secondResume.socket);
        assert.ok(b.wire.indexOf(ended[0]!) > b.wire.indexOf(welcomes(b).at(-1)!), 'after the welcome');

        assert.deepEqual(b.host.eventTypes(), ['HOLD_TOGGLE', 'HANGUP', 'AFTER_CALL_WORK_STARTED']);
        const hangup = b.host.events()[1]!.payload as { reason?: string }[];
        assert.notEqual(hangup[0]!.reason, 'ended while the gateway was unreachable', 'from the replay, not a resync');
        assertNoRepeats(b);
        assert.deepEqual(b.connector.calls, []);
        const closed = await until(() => {
            const call = system.emulator.state.findVoiceCall(callId);
            return call && !call.isActive ? call : undefined;
        }, 'the VoiceCall closed');
        assert.equal(closed.fields.numberOfHolds, 1);
    });

    it('a ringing call the platform offers to another agent stops ringing here, announced once', async () => {
        const b = (browser = await openBrowser(system));
        await signIn(b);
        b.host.clear();
        const callId = await system.carrier.ringInbound({ ...numbers, agentId: ADA.agentId });
        await published(b, 'CALL_STARTED');
        // The platform re-routes the ringing call to grace (no answer, say): it is grace's call now.
        await system.carrier.ringInbound({ ...numbers, callId, agentId: 'agent-grace' });
        await published(b, 'HANGUP');
        await quiet(b);
        assert.deepEqual(b.connector.calls, []);
        assertNoRepeats(b);
        // Salesforce asking to accept it now is refused by the connector: the call is not this agent's any more.
        b.host.send({ type: 'ACCEPT_CALL', call: { callId, callType: 'Inbound' } });
        await published(b, 'INFO');
        const request = b.wire.find(
            (w) => w.dir === 'out' && w.frame.kind === 'request' && w.frame.command === 'acceptCall'
        );
        if (request) {
            // If the connector asks anyway, the gateway refuses: the call belongs to grace.
            const reply = await until(
                () =>
                    b.wire.find(
                        (w) =>
                            w.dir === 'in' &&
                            w.frame.kind === 'reply' &&
                            w.frame.id === (request.frame as { id: string }).id
                    ),
                'the reply'
            );
            assert.ok(reply.frame.kind === 'reply' && !reply.frame.ok && reply.frame.error.code === 'FORBIDDEN');
        }
        await system.carrier.hangUp(callId);
    });
});
