// The pure modules on their own: the duplicate-event guard, settings, error mapping, the call store, backoff, and
// the agent channel client's failure paths (timeouts, lost sessions, gaps, bad frames) on a scripted transport.
import './salesforce-host.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { type CallSnapshot, encodeServerFrame, type ServerFrame } from '@switchboard/contracts';
import { AgentChannelClient, ChannelError, type Clock, type ConnectionHandlers } from '../src/agent-channel-client.js';
import { backoffDelay } from '../src/backoff.js';
import { CallStore, UnknownCallError } from '../src/call-store.js';
import { readSettings } from '../src/config.js';
import { errorTypeFor } from '../src/errors.js';
import { DuplicateEventError, InFlightRequests } from '../src/event-guard.js';
import { toContact, toContactsQuery, toDestination, toPhoneCall } from '../src/translate.js';
import { SIMULATED_CAPABILITIES } from '../../gateway/src/carrier/simulated-carrier.js';

describe('duplicate-event guard', () => {
    it('throws in strict mode when an in-flight method would have its event published twice', () => {
        const inFlight = new InFlightRequests();
        const mute = inFlight.begin('mute', { kind: 'agent' });
        assert.throws(
            () => inFlight.assertMayPublish('MUTE_TOGGLE', undefined, true),
            (e: unknown) => {
                assert.ok(e instanceof DuplicateEventError);
                assert.match(
                    e.message,
                    /MUTE_TOGGLE would reach Salesforce as MUTE_TOGGLE, which scv-connector-base sends itself when mute\(\) resolves/
                );
                return true;
            }
        );
        assert.equal(inFlight.assertMayPublish('MUTE_TOGGLE', undefined, false)?.method, 'mute');
        assert.equal(inFlight.assertMayPublish('HOLD_TOGGLE', 'c1', true), undefined);
        inFlight.end(mute);
        assert.equal(inFlight.assertMayPublish('MUTE_TOGGLE', undefined, true), undefined);
    });

    it('is scoped to the calls a request concerns, widened when a result names a new call', () => {
        const inFlight = new InFlightRequests();
        const end = inFlight.begin('endCall', { kind: 'calls', callIds: ['a'] });
        assert.ok(inFlight.covers('HANGUP', 'a'));
        assert.equal(inFlight.covers('HANGUP', 'b'), undefined);
        const dial = inFlight.begin('dial', { kind: 'calls', callIds: [] });
        assert.equal(inFlight.covers('CALL_STARTED', 'new'), undefined);
        inFlight.addCall(dial, 'new');
        inFlight.addCall(dial, 'new');
        assert.deepEqual(inFlight.covers('CALL_STARTED', 'new')?.scope, { kind: 'calls', callIds: ['new'] });
        inFlight.begin('getPhoneContacts', { kind: 'agent' });
        assert.equal(inFlight.covers('PHONE_CONTACTS' as never), undefined);
        inFlight.end(end);
        assert.equal(inFlight.size, 2);
    });

    it('sees through the names the library publishes under', () => {
        const inFlight = new InFlightRequests();
        inFlight.begin('swap', { kind: 'calls', callIds: ['a', 'b'] });
        // PARTICIPANTS_SWAPPED reaches Salesforce as HOLD_TOGGLE, which swap() makes the library send.
        assert.equal(inFlight.covers('PARTICIPANTS_SWAPPED', 'a')?.method, 'swap');
        assert.equal(inFlight.covers('PARTICIPANT_REMOVED', 'a'), undefined);
        const status = inFlight.begin('setAgentStatus', { kind: 'agent' });
        // The library answers setAgentStatus with SET_AGENT_STATUS_RESULT; SET_AGENT_STATUS is the connector's own.
        assert.equal(inFlight.covers('SET_AGENT_STATUS'), undefined);
        inFlight.end(status);
        inFlight.begin('init', { kind: 'agent' });
        // A successful LOGIN_RESULT makes the library send CONNECTOR_READY, as init() does.
        assert.equal(inFlight.covers('LOGIN_RESULT')?.event, 'CONNECTOR_READY');
        inFlight.begin('endCall', { kind: 'calls', callIds: ['c'] });
        assert.equal(inFlight.covers('PARTICIPANT_REMOVED', 'c', ['PARTICIPANT_CONNECTED']), undefined);
        assert.equal(inFlight.covers('PARTICIPANT_REMOVED', 'c')?.method, 'endCall');
        // A warm transfer: the library will send PARTICIPANT_ADDED, not the HANGUP a blind one brings.
        const transfers = new InFlightRequests();
        transfers.begin('addParticipant', { kind: 'calls', callIds: ['w'] }, ['PARTICIPANT_ADDED']);
        assert.equal(transfers.covers('HANGUP', 'w'), undefined);
        assert.equal(transfers.covers('PARTICIPANT_ADDED', 'w')?.method, 'addParticipant');
    });
});

describe('contact-center settings', () => {
    const base = { '/switchboard/gatewayUrl': 'wss://gw.example.com/agent' };
    it('reads the gateway and platform settings', () => {
        const s = readSettings({
            ...base,
            isACWAllowed: 'true',
            userId: '005x',
            '/switchboard/loginFrameHeight': '420'
        });
        assert.deepEqual(s, {
            gatewayUrl: 'wss://gw.example.com/agent',
            ssoUrl: undefined,
            loginFrameHeight: 420,
            acwEnabled: true,
            salesforceUserId: '005x',
            contactCenter: undefined
        });
        assert.equal(
            readSettings({ '/switchboard/gatewayUrl': 'ws://localhost:8080/a' }).gatewayUrl,
            'ws://localhost:8080/a'
        );
    });
    it('names the setting to fix', () => {
        assert.throws(() => readSettings(null), /no contact center configuration/);
        assert.throws(() => readSettings({}), /no \/switchboard\/gatewayUrl setting/);
        assert.throws(
            () => readSettings({ '/switchboard/gatewayUrl': 'ws://gw.example.com' }),
            /must be a wss:\/\/ URL/
        );
        assert.throws(() => readSettings({ '/switchboard/gatewayUrl': 'nope' }), /is not a URL/);
        assert.throws(() => readSettings({ '/switchboard/gatewayUrl': 7 }), /must be text/);
        assert.throws(() => readSettings({ ...base, '/switchboard/ssoUrl': 'http://sso.example.com' }), /https:\/\//);
        assert.throws(() => readSettings({ ...base, '/switchboard/loginFrameHeight': '5' }), /100 to 1000/);
    });
});

describe('error mapping', () => {
    it('maps gateway codes to what the library recognises for each message', () => {
        assert.equal(errorTypeFor('INVALID_DESTINATION', 'dial'), 'INVALID_DESTINATION');
        assert.equal(errorTypeFor('UNKNOWN_CALL', 'hold'), 'INVALID_PARTICIPANT');
        assert.equal(errorTypeFor('INVALID_AGENT_STATUS', 'setAgentStatus'), 'INVALID_AGENT_STATUS');
        assert.equal(errorTypeFor('INVALID_PARAMS', 'setAgentConfig'), 'CAN_NOT_UPDATE_PHONE_NUMBER');
        assert.equal(errorTypeFor('INVALID_PARAMS', 'init'), 'INVALID_PARAMS');
        assert.equal(errorTypeFor('INVALID_PARAMS', 'dial'), 'INVALID_DESTINATION');
        assert.equal(errorTypeFor('INVALID_PARAMS', 'hold'), undefined);
        assert.equal(errorTypeFor('INTERNAL', 'dial'), 'GENERIC_ERROR');
        assert.equal(errorTypeFor('TIMEOUT', 'mute'), undefined);
        // No 3.6.2 type is more specific than the sign-in's own CAN_NOT_LOG_IN, which undefined selects.
        assert.equal(errorTypeFor('VERSION_MISMATCH', 'init'), undefined);
    });
    it('checks destinations and phone-book filters', () => {
        assert.deepEqual(toDestination({ type: 'Queue', id: 'q1', name: 'Sales' }), {
            type: 'Queue',
            id: 'q1',
            name: 'Sales'
        });
        assert.throws(() => toDestination({ type: 'Pigeon', phoneNumber: '1' }), /type "Pigeon"/);
        assert.throws(() => toDestination(null), /needs a phone number or an id/);
        assert.deepEqual(toContactsQuery(undefined), {});
        assert.deepEqual(toContactsQuery({ limit: 9999, types: ['AGENT', 'AGENT'] }), { limit: 500, types: ['AGENT'] });
        assert.throws(() => toContactsQuery('x'), /must be an object/);
        assert.throws(() => toContactsQuery({ contains: 3 }), /"contains" must be text/);
        assert.throws(() => toContactsQuery({ types: ['NOPE'] }), /Unknown phone-book filter type/);
        assert.throws(() => toContactsQuery({ offset: -1 }), /"offset" must be a whole number/);
    });
});

describe('translation to the library', () => {
    it('keeps every optional field a gateway may send, and leaves out the absent ones', () => {
        const call: CallSnapshot = {
            callId: 'leg-1',
            callType: 'AddParticipant',
            participantType: 'Third_Party',
            state: 'transferring',
            phoneNumber: '+14155550111',
            contactName: 'Front desk',
            isOnHold: false,
            isRecordingPaused: false,
            startedAt: 1_700_000_000_000,
            voiceCallId: '0LQ000000000001',
            parentCallId: 'call-1',
            isExternalTransfer: true,
            hasSupervisorBargedIn: true,
            queue: { id: 'q1', name: 'Support', enqueuedAt: 1_700_000_000_000 }
        };
        const full = toPhoneCall(call, SIMULATED_CAPABILITIES, false, 'transferred');
        assert.equal(full.contact?.name, 'Front desk');
        assert.equal(full.callInfo?.isExternalTransfer, true);
        assert.deepEqual(
            [full.callAttributes?.voiceCallId, full.callAttributes?.parentId, full.callAttributes?.initialCallHasEnded],
            ['0LQ000000000001', 'call-1', false]
        );
        assert.equal(full.reason, 'transferred');
        const bare = toPhoneCall(
            { ...call, contactName: undefined, isExternalTransfer: undefined, voiceCallId: undefined },
            SIMULATED_CAPABILITIES,
            false
        );
        assert.equal(bare.contact?.name, undefined);
        assert.equal(bare.callInfo?.isExternalTransfer, undefined);
        assert.equal(bare.callAttributes?.voiceCallId, undefined);

        const contact = toContact({
            id: 'a-bob',
            type: 'Agent',
            name: 'Bob Agent',
            phoneNumber: '+14155550112',
            extension: '12',
            prefix: '9',
            description: 'second line',
            recordId: '005000000000002',
            availability: 'AVAILABLE',
            queueWaitTime: '2 min'
        });
        assert.deepEqual(
            [contact.extension, contact.prefix, contact.description, contact.recordId, contact.availability],
            ['12', '9', 'second line', '005000000000002', 'AVAILABLE']
        );
        assert.equal(contact.queueWaitTime, '2 min');
        assert.equal(toContact({ id: 'q', type: 'Queue', name: 'Queue' }).phoneNumber, undefined);
    });
});

describe('call store', () => {
    // Plain snapshots, as a gateway would send them: the store is tested on its own.
    let next = 1;
    const newCall = (partial: Partial<CallSnapshot> = {}): CallSnapshot => ({
        callId: `call-${next}`,
        callType: 'Inbound',
        participantType: 'Initial_Caller',
        state: 'ringing',
        phoneNumber: '+14155550100',
        isOnHold: false,
        isRecordingPaused: false,
        startedAt: 1_700_000_000_000 + next++,
        ...partial
    });
    it('resolves partial calls and explains what it cannot resolve', () => {
        const store = new CallStore();
        assert.throws(() => store.resolve({}), /the agent has no active call/);
        const a = newCall();
        const b = newCall({
            participantType: 'Third_Party',
            callType: 'AddParticipant',
            parentCallId: a.callId,
            state: 'transferring'
        });
        const c = newCall({
            participantType: 'Third_Party',
            callType: 'AddParticipant',
            parentCallId: a.callId,
            state: 'transferring'
        });
        [a, b, c].forEach((x) => store.upsert(x));
        assert.equal(store.resolve({ callAttributes: { participantType: 'Initial_Caller' } }).callId, a.callId);
        assert.throws(
            () => store.resolve({ callAttributes: { participantType: 'Third_Party' } }),
            (e: unknown) => e instanceof UnknownCallError && /ambiguous/.test(e.message)
        );
        assert.throws(() => store.resolve(undefined), /ambiguous/);
        assert.throws(() => store.resolve({ callId: 'zz' }, 'call to hold'), /The call to hold zz is not one of/);
        assert.equal(store.upsert(a), null, 'no change, no announcement');
        assert.equal(store.update('zz', { isOnHold: true }), null);
        store.remove(a.callId);
        assert.deepEqual(store.problems(), []);
        assert.ok(store.list().every((x) => x.initialCallHasEnded));
        assert.equal(store.remove('zz'), undefined);
    });
    it('keeps a reply older than a removal from bringing the call back', () => {
        const store = new CallStore();
        const a = newCall();
        store.upsert(a);
        const sent = store.removals();
        store.remove(a.callId);
        assert.equal(store.upsert(a, sent), null, 'the reply was written before the call ended');
        assert.equal(store.size, 0);
        for (let i = 0; i < 1000; i++) store.remove(store.upsert(newCall())!.current.callId);
        assert.ok(store.upsert(a, sent), 'only the recent removals are remembered');
        store.remove(a.callId);
        assert.ok(store.upsert(a, store.removals()), 'a reply to a later request is the gateway speaking');
    });

    it('reports inconsistencies', () => {
        const store = new CallStore();
        store.upsert(newCall({ callId: 'x', parentCallId: 'x' }));
        store.upsert(newCall({ callId: 'y', parentCallId: 'gone' }));
        store.upsert(newCall({ callId: 'z', state: 'transferred' }));
        assert.deepEqual(store.problems().length, 3);
    });
});

describe('backoff', () => {
    it('stays within [0, min(max, base·2^n)]', () => {
        fc.assert(
            fc.property(fc.integer({ min: -5, max: 80 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (n, r) => {
                const d = backoffDelay(n, () => r, { baseMs: 100, maxMs: 5000 });
                assert.ok(d >= 0 && d <= Math.min(5000, 100 * 2 ** Math.max(n, 0)));
            })
        );
    });
});

/** A transport whose server side the test scripts frame by frame, and a clock the test advances. */
function scripted(heartbeatMs = 60_000) {
    const timers: { at: number; fn: () => void; id: number }[] = [];
    let now = 0;
    let nextId = 1;
    const clock: Clock = {
        now: () => now,
        random: () => 0.5,
        setTimeout: (fn, ms) => {
            const t = { at: now + ms, fn, id: nextId++ };
            timers.push(t);
            return t.id;
        },
        clearTimeout: (id) => {
            const at = timers.findIndex((t) => t.id === id);
            if (at >= 0) timers.splice(at, 1);
        }
    };
    const advance = (ms: number) => {
        now += ms;
        for (;;) {
            timers.sort((a, b) => a.at - b.at);
            const due = timers[0];
            if (!due || due.at > now) return;
            timers.shift();
            due.fn();
        }
    };
    const links: { handlers: ConnectionHandlers; sent: string[]; closed: boolean }[] = [];
    const events: string[] = [];
    const logs: string[] = [];
    const tokens: string[] = [];
    const client = new AgentChannelClient({
        url: 'wss://gw.example.com',
        clock,
        client: { name: 't', version: '0' },
        requestTimeoutMs: 1000,
        readyTimeoutMs: 500,
        heartbeatMs,
        connect: (_url, handlers) => {
            const link = { handlers, sent: [] as string[], closed: false };
            links.push(link);
            return { send: (t) => link.sent.push(t), close: () => (link.closed = true) };
        },
        listener: {
            onEvent: (f) => events.push(`event ${f.seq}`),
            onReconnected: () => events.push('reconnected'),
            onSessionLost: (e) => events.push(`lost ${e.code}: ${e.message}`),
            onSessionToken: (token, expiresAt) => tokens.push(`${token} ${expiresAt}`),
            log: (level, message) => logs.push(`${level} ${message}`)
        }
    });
    const serve = (link: number, frame: ServerFrame | string) =>
        links[link]!.handlers.onMessage(typeof frame === 'string' ? frame : encodeServerFrame(frame));
    /** The frames the client sent on a link, decoded. */
    const sent = (link: number) => links[link]!.sent.map((t) => JSON.parse(t) as Record<string, unknown>);
    return { client, links, events, logs, tokens, advance, serve, sent, now: () => now };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

const welcome = (
    lastEventSeq = 0,
    options: { resumed?: boolean; expiresAt?: number; token?: string; version?: number } = {}
): ServerFrame => ({
    kind: 'welcome',
    version: options.version ?? 2,
    sessionId: 's',
    sessionToken: options.token ?? 'tok-0123456789abcdef',
    sessionTokenExpiresAt: options.expiresAt ?? 3_600_000,
    resumed: options.resumed ?? false,
    agent: { agentId: 'a', displayName: 'A' },
    capabilities: SIMULATED_CAPABILITIES,
    snapshot: { calls: [], agent: { isMuted: false, phone: { type: 'SOFT_PHONE' } }, lastEventSeq }
});

describe('agent channel client', () => {
    it('signs in, times out requests, and refuses requests when signed out', async () => {
        const s = scripted();
        const opening = s.client.open({ kind: 'password', username: 'u', password: 'p' });
        s.links[0]!.handlers.onOpen();
        assert.match(s.links[0]!.sent[0]!, /"kind":"hello"/);
        s.serve(0, welcome());
        await opening;
        await assert.rejects(s.client.open({ kind: 'session', token: 'tok-0123456789abcdef' }), /already ready/);
        const slow = s.client.request('logout', {});
        await Promise.resolve();
        s.advance(1001);
        await assert.rejects(slow, (e: unknown) => e instanceof ChannelError && e.code === 'TIMEOUT');
        const bad = s.client.request('setMute', { muted: true });
        await Promise.resolve();
        s.serve(0, { kind: 'reply', ok: true, id: 'r2', result: { wrong: 1 } });
        await assert.rejects(bad, /invalid result/);
        s.client.close();
        await assert.rejects(s.client.request('logout', {}), /not signed in/);
    });

    it('reports a refused sign-in, a silent gateway and a gateway that does not greet', async () => {
        const s = scripted();
        const refused = s.client.open({ kind: 'password', username: 'u', password: 'p' });
        s.serve(0, { kind: 'rejected', error: { code: 'UNAUTHENTICATED', message: 'no' } });
        await assert.rejects(refused, (e: unknown) => (e as ChannelError).code === 'UNAUTHENTICATED');
        const silent = s.client.open({ kind: 'password', username: 'u', password: 'p' });
        s.advance(1001);
        await assert.rejects(silent, /did not answer the sign-in/);
        const rude = s.client.open({ kind: 'password', username: 'u', password: 'p' });
        s.serve(2, { kind: 'pong', id: 'x' });
        await assert.rejects(rude, /did not start with a welcome/);
    });

    it('drops repeated events, resynchronises on a gap or a bad frame, and reconnects with backoff', async () => {
        const s = scripted();
        const opening = s.client.open({ kind: 'password', username: 'u', password: 'p' });
        s.serve(0, welcome(5));
        await opening;
        const ev = (seq: number): ServerFrame => ({
            kind: 'event',
            seq,
            eventId: `e${seq}`,
            event: { type: 'muteChanged', isMuted: true }
        });
        s.serve(0, ev(5));
        s.serve(0, ev(6));
        s.serve(0, ev(6));
        assert.deepEqual(s.events, ['event 6']);
        s.serve(0, ev(9));
        assert.equal(s.client.state, 'reconnecting');
        assert.equal(s.links[0]!.closed, true);
        const waiting = s.client.request('logout', {});
        s.advance(250);
        assert.equal(s.links.length, 2, 'reconnect after backoff');
        s.links[1]!.handlers.onOpen();
        assert.match(s.links[1]!.sent[0]!, /"kind":"session"/);
        assert.equal(s.sent(1)[0]!.resumeFromSeq, undefined, 'a gap asks for a snapshot, not a replay');
        s.serve(1, welcome(9));
        await flush();
        assert.deepEqual(s.events, ['event 6', 'reconnected']);
        s.serve(1, { kind: 'reply', ok: true, id: 'r1', result: {} });
        await waiting;
        s.serve(1, 'garbage');
        assert.equal(s.client.state, 'reconnecting');
        s.advance(250);
        s.serve(2, { kind: 'rejected', error: { code: 'UNAUTHENTICATED', message: 'revoked' } });
        await flush();
        await flush();
        assert.deepEqual(s.events.at(-1), 'lost UNAUTHENTICATED: revoked');
        assert.equal(s.client.state, 'closed');
    });

    it('gives up waiting for a reconnect after readyTimeoutMs and pings while idle', async () => {
        const s = scripted(100);
        const opening = s.client.open({ kind: 'password', username: 'u', password: 'p' });
        s.serve(0, welcome());
        await opening;
        s.advance(100);
        assert.match(s.links[0]!.sent.at(-1)!, /"kind":"ping"/);
        s.advance(300);
        assert.equal(s.client.state, 'reconnecting', 'no answer to heartbeats');
        const waiting = s.client.request('logout', {});
        s.links[1]?.handlers.onClose('refused');
        s.advance(501);
        await assert.rejects(waiting, /unreachable for 500 ms/);
        s.serve(0, { kind: 'rejected', error: { code: 'FORBIDDEN', message: 'x' } });
    });
});

const ev = (seq: number, causedBy?: string): ServerFrame => ({
    kind: 'event',
    seq,
    eventId: `e${seq}`,
    ...(causedBy ? { causedBy } : {}),
    event: { type: 'muteChanged', isMuted: seq % 2 === 0 }
});

/** A scripted client signed in with `welcome`, its first link open. */
async function signedIn(w: ServerFrame = welcome(5), heartbeatMs?: number) {
    const s = scripted(heartbeatMs);
    const opening = s.client.open({ kind: 'password', username: 'u', password: 'p' });
    s.links[0]!.handlers.onOpen();
    s.serve(0, w);
    await opening;
    return s;
}

describe('agent channel client, protocol version 2', () => {
    it('resumes after a network loss: asks from its last sequence number and processes the replay, no snapshot', async () => {
        const s = await signedIn();
        s.serve(0, ev(6));
        s.links[0]!.handlers.onClose('network lost');
        assert.equal(s.client.state, 'reconnecting');
        s.advance(250);
        s.links[1]!.handlers.onOpen();
        assert.equal(s.sent(1)[0]!.resumeFromSeq, 6);
        // The welcome's snapshot is current (seq 9); the replay brings the client there event by event.
        s.serve(1, welcome(9, { resumed: true }));
        assert.equal(s.client.lastSeq, 6, 'not reset from the snapshot');
        for (const seq of [7, 8, 9]) s.serve(1, ev(seq));
        s.serve(1, ev(9));
        assert.deepEqual(s.events, ['event 6', 'event 7', 'event 8', 'event 9']);
        assert.ok(s.logs.includes('INFO agent channel reconnected; the gateway replays the events after 6'));
    });

    it('reconciles from the snapshot when the gateway cannot resume', async () => {
        const s = await signedIn();
        s.links[0]!.handlers.onClose('network lost');
        s.advance(250);
        s.links[1]!.handlers.onOpen();
        assert.equal(s.sent(1)[0]!.resumeFromSeq, 5);
        s.serve(1, welcome(12, { resumed: false }));
        assert.deepEqual(s.events, ['reconnected']);
        assert.equal(s.client.lastSeq, 12);
        s.serve(1, ev(12));
        s.serve(1, ev(13));
        assert.deepEqual(s.events, ['reconnected', 'event 13']);
    });

    it('renews its session token at two thirds of its lifetime and reconnects with the newest', async () => {
        const s = await signedIn(welcome(0, { expiresAt: 30_000 }));
        assert.deepEqual(s.tokens, ['tok-0123456789abcdef 30000']);
        s.advance(19_999);
        assert.equal(s.links[0]!.sent.length, 1, 'only the hello so far');
        s.advance(1);
        await flush();
        const renew = s.sent(0).at(-1)!;
        assert.equal(renew.command, 'renewSession');
        s.serve(0, {
            kind: 'reply',
            ok: true,
            id: renew.id as string,
            result: { sessionToken: 'tok-renewed-0123456789', expiresAt: 80_000 }
        });
        await flush();
        assert.equal(s.client.sessionToken, 'tok-renewed-0123456789');
        assert.deepEqual(s.tokens.at(-1), 'tok-renewed-0123456789 80000');
        // Next renewal at 20 000 + (80 000 - 20 000) · 2/3 = 60 000.
        s.advance(39_999);
        assert.equal(s.sent(0).at(-1)!.id, renew.id);
        s.links[0]!.handlers.onClose('network lost');
        s.advance(250);
        s.links[1]!.handlers.onOpen();
        assert.deepEqual(s.sent(1)[0]!.credential, { kind: 'session', token: 'tok-renewed-0123456789' });
    });

    it('retries a failed renewal before the token expires, and never renews in a tight loop', async () => {
        const s = await signedIn(welcome(0, { expiresAt: 30_000 }));
        s.advance(20_000);
        await flush();
        s.serve(0, {
            kind: 'reply',
            ok: false,
            id: s.sent(0).at(-1)!.id as string,
            error: { code: 'UNAVAILABLE', message: 'busy' }
        });
        await flush();
        assert.ok(s.logs.some((l) => /renewing the session token failed \(busy\)/.test(l)));
        s.advance(5_000); // half of the 10 s left
        await flush();
        const retry = s.sent(0).at(-1)!;
        assert.equal(retry.command, 'renewSession');
        // A gateway clock far ahead of this one: the token looks expired already; renew after a second, not at once.
        s.serve(0, {
            kind: 'reply',
            ok: true,
            id: retry.id as string,
            result: { sessionToken: 'tok-next-0123456789ab', expiresAt: 1 }
        });
        await flush();
        const count = s.links[0]!.sent.length;
        s.advance(999);
        assert.equal(s.links[0]!.sent.length, count);
        s.advance(1);
        await flush();
        assert.equal(s.links[0]!.sent.length, count + 1);
    });

    it('an expired token refused as UNAUTHENTICATED loses the session', async () => {
        const s = await signedIn();
        const mute = s.client.request('setMute', { muted: true });
        await flush();
        s.serve(0, {
            kind: 'reply',
            ok: false,
            id: s.sent(0).at(-1)!.id as string,
            error: { code: 'UNAUTHENTICATED', message: 'the session token has expired' }
        });
        await assert.rejects(mute, (e: unknown) => (e as ChannelError).code === 'UNAUTHENTICATED');
        assert.deepEqual(s.events, ['lost UNAUTHENTICATED: the session token has expired']);
        assert.equal(s.client.state, 'closed');
        assert.equal(s.links[0]!.closed, true);
        assert.equal(s.client.sessionToken, undefined);
        s.advance(60_000);
        assert.equal(s.links.length, 1, 'no reconnect');
    });

    it('a refused frame fails its request, never the connection', async () => {
        const s = await signedIn();
        const hold = s.client.request('setHold', { callId: 'c1', onHold: true });
        await flush();
        s.serve(0, {
            kind: 'refused',
            id: s.sent(0).at(-1)!.id as string,
            error: { code: 'INVALID_PARAMS', message: '$.params: nope' }
        });
        await assert.rejects(hold, /The gateway could not read the setHold request: \$\.params: nope/);
        s.serve(0, { kind: 'refused', error: { code: 'INVALID_PARAMS', message: 'frame is not JSON' } });
        s.serve(0, { kind: 'refused', id: 'r999', error: { code: 'INVALID_PARAMS', message: 'late' } });
        assert.equal(s.client.state, 'ready');
        assert.equal(s.links.length, 1);
        assert.equal(s.links[0]!.closed, false);
        assert.equal(s.logs.filter((l) => l.startsWith('ERROR the gateway could not read a frame')).length, 3);
    });

    it('skips a frame kind or an event type from a newer gateway with a log line, counting its sequence', async () => {
        const s = await signedIn();
        s.serve(0, JSON.stringify({ kind: 'announcement', text: 'hello from 2.1' }));
        s.serve(
            0,
            JSON.stringify({ kind: 'event', seq: 6, eventId: 'e6', event: { type: 'transcriptLine', line: 'x' } })
        );
        s.serve(0, ev(7));
        assert.deepEqual(s.events, ['event 7']);
        assert.equal(s.client.state, 'ready');
        assert.ok(
            s.logs.includes(
                'INFO ignored a "announcement" frame: this connector does not know that kind (a newer gateway?)'
            )
        );
        assert.ok(s.logs.some((l) => l.includes('ignored event 6 of type "transcriptLine"')));
    });

    it('an unreadable frame forces exactly one snapshot reconnect, never a replay of it', async () => {
        const s = await signedIn();
        s.serve(0, JSON.stringify({ kind: 'event', seq: 6, eventId: 'e6', event: { type: 'callRinging', call: {} } }));
        assert.equal(s.client.state, 'reconnecting');
        assert.ok(
            s.logs.some((l) => /unreadable frame from the gateway: \$\.event\.call\.callId: expected a string/.test(l))
        );
        s.advance(250);
        assert.equal(s.links.length, 2);
        s.links[1]!.handlers.onOpen();
        assert.equal(s.sent(1)[0]!.resumeFromSeq, undefined);
        s.serve(1, welcome(6));
        assert.deepEqual(s.events, ['reconnected']);
        // The next network loss resumes again, from after the unreadable event.
        s.links[1]!.handlers.onClose('network lost');
        s.advance(250);
        s.links[2]!.handlers.onOpen();
        assert.equal(s.sent(2)[0]!.resumeFromSeq, 6);
    });

    it('a version mismatch fails the sign-in with a message saying which side to update', async () => {
        const s = scripted();
        const opening = s.client.open({ kind: 'password', username: 'u', password: 'p' });
        s.serve(0, { kind: 'rejected', error: { code: 'VERSION_MISMATCH', message: 'no' }, supportedVersions: [3] });
        await assert.rejects(opening, (e: unknown) => {
            assert.equal((e as ChannelError).code, 'VERSION_MISMATCH');
            assert.match(
                (e as Error).message,
                /connector speaks agent-channel version 2; the gateway speaks version 3\. Update the connector/
            );
            return true;
        });
        const old = s.client.open({ kind: 'password', username: 'u', password: 'p' });
        s.serve(1, welcome(0, { version: 1 }));
        await assert.rejects(old, /the gateway speaks version 1\. Update the gateway/);
        const plain = s.client.open({ kind: 'password', username: 'u', password: 'p' });
        s.serve(2, { kind: 'rejected', error: { code: 'VERSION_MISMATCH', message: 'speak 2.0' } });
        await assert.rejects(plain, /speak 2\.0/);
        const unreadable = s.client.open({ kind: 'password', username: 'u', password: 'p' });
        s.serve(3, { kind: 'refused', error: { code: 'INVALID_PARAMS', message: 'bad hello' } });
        await assert.rejects(unreadable, /could not read the sign-in: bad hello/);
        const garbled = s.client.open({ kind: 'password', username: 'u', password: 'p' });
        s.serve(4, JSON.stringify({ kind: 'future' }));
        s.serve(4, 'garbage');
        await assert.rejects(garbled, /unreadable frame/);
    });

    it('a version mismatch on reconnect loses the session', async () => {
        const s = await signedIn();
        s.links[0]!.handlers.onClose('gateway upgraded');
        s.advance(250);
        s.serve(1, { kind: 'rejected', error: { code: 'VERSION_MISMATCH', message: 'x' }, supportedVersions: [3] });
        await flush();
        await flush();
        assert.match(s.events.at(-1)!, /^lost VERSION_MISMATCH: The connector speaks agent-channel version 2/);
    });

    it('refuses to send a request over the byte limit, and the session goes on', async () => {
        const s = await signedIn();
        // Under the limit in characters, over it in UTF-8 bytes.
        const payload = 'é'.repeat(140_000);
        await assert.rejects(
            s.client.request('log', { level: 'INFO', message: 'm', payload }),
            (e: unknown) =>
                (e as ChannelError).code === 'INVALID_PARAMS' &&
                /The log request cannot be sent: frame of \d+ bytes exceeds/.test((e as Error).message)
        );
        assert.equal(s.links[0]!.sent.length, 1);
        assert.equal(s.client.state, 'ready');
        s.serve(0, 'x'.repeat(300_000));
        assert.equal(s.client.state, 'reconnecting', 'an oversized frame from the gateway is unreadable');
    });

    it('a welcome after close() during a reconnect is not taken', async () => {
        const s = await signedIn();
        s.links[0]!.handlers.onClose('network lost');
        s.advance(250);
        s.client.close();
        s.serve(1, welcome(5));
        await flush();
        assert.equal(s.client.state, 'closed');
        assert.equal(s.links[1]!.closed, true);
    });
});
