// What scv-connector-base 3.6.2 sends Salesforce by itself, found by driving the real library (stand-in window, real
// MessageChannel) rather than read from the guard's own table:
//   1. after each connector method resolves — a probe connector holds every answer until the test releases it, one
//      at a time, so each event is attributed to the method whose answer released it; compared with AUTO_EVENTS;
//   2. for each event type the connector may publish — compared with PUBLISHED_AS.
// A library upgrade that changes either makes this file fail before the guard silently drifts.
import './salesforce-host.js';
import scv from '@salesforce/scv-connector-base';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { before, describe, it } from 'node:test';
import { AUTO_EVENTS } from '../src/event-guard.js';
import * as sdk from '../src/sdk.js';
import { drain, type HostMessage, SalesforceHost } from './salesforce-host.js';

type Method = keyof sdk.VendorConnector;

/** The methods 3.6.2's own VendorConnector declares: the ones the library may call. */
const METHODS = Object.getOwnPropertyNames(sdk.LibraryVendorConnector.prototype).filter(
    (name) => name !== 'constructor'
) as Method[];
/** Called without awaiting a result (connector-sdk.md §5.3). */
const NOT_AWAITED = new Set<Method>(['handleMessage', 'wrapUpCall', 'downloadLogs', 'logMessageToVendor']);
/** Reads the library makes to build another method's event: END_CALL asks getActiveCalls() after endCall(). */
const READS = new Set<Method>(['getActiveCalls', 'getAgentConfig', 'getCapabilities']);

const call = (over: Partial<Omit<sdk.PhoneCall, '__brand'>> = {}): sdk.PhoneCall =>
    new sdk.PhoneCall({
        callId: 'c1',
        callType: 'Inbound',
        state: 'connected',
        phoneNumber: '+14155550100',
        contact: new sdk.Contact({ phoneNumber: '+14155550100' }),
        callInfo: new sdk.CallInfo({ isOnHold: false }),
        callAttributes: { participantType: 'Initial_Caller' },
        ...over
    });
const holdResult = () => new sdk.HoldToggleResult({ isThirdPartyOnHold: false, isCustomerOnHold: true });
const softPhone = () =>
    new sdk.AgentConfigResult({ phones: ['SOFT_PHONE'], selectedPhone: new sdk.Phone({ type: 'SOFT_PHONE' }) });
const deskPhone = () =>
    new sdk.AgentConfigResult({
        phones: ['SOFT_PHONE', 'DESK_PHONE'],
        selectedPhone: new sdk.Phone({ type: 'DESK_PHONE', number: '+14155550111' })
    });
const activeCalls =
    (...calls: sdk.PhoneCall[]) =>
    () =>
        new sdk.ActiveCallsResult({ activeCalls: calls });

/** A valid answer for every method; scenarios override some. */
const ANSWERS: Record<Method, () => unknown> = {
    init: () => new sdk.InitResult({}),
    getActiveCalls: activeCalls(),
    acceptCall: () => new sdk.CallResult({ call: call() }),
    declineCall: () => new sdk.CallResult({ call: call({ state: 'ended' }) }),
    endCall: () => new sdk.HangupResult({ calls: [call({ state: 'ended' })] }),
    mute: () => new sdk.MuteToggleResult({ isMuted: true }),
    unmute: () => new sdk.MuteToggleResult({ isMuted: false }),
    hold: holdResult,
    resume: holdResult,
    setAgentStatus: () => new sdk.GenericResult({ success: true }),
    getAgentStatus: () => new sdk.AgentVendorStatusInfo({ statusId: '0N5x' }),
    dial: () => new sdk.CallResult({ call: call({ callType: 'Outbound', state: 'ringing' }) }),
    sendDigits: () => undefined,
    getPhoneContacts: () => new sdk.PhoneContactsResult({ contacts: [], contactTypes: [] }),
    swap: holdResult,
    conference: holdResult,
    addParticipant: () =>
        new sdk.ParticipantResult({
            initialCallHasEnded: false,
            callInfo: new sdk.CallInfo({ isOnHold: false }),
            phoneNumber: '+14155550199',
            callId: 'leg'
        }),
    pauseRecording: () => new sdk.RecordingToggleResult({ isRecordingPaused: true }),
    resumeRecording: () => new sdk.RecordingToggleResult({ isRecordingPaused: false }),
    getAgentConfig: softPhone,
    setAgentConfig: () => new sdk.GenericResult({ success: true }),
    getCapabilities: () => new sdk.CapabilitiesResult({}),
    logout: () => new sdk.LogoutResult({ success: true }),
    handleMessage: () => undefined,
    wrapUpCall: () => undefined,
    getSignedRecordingUrl: () =>
        new sdk.SignedRecordingUrlResult({
            success: true,
            url: 'https://rec.example.com/1',
            duration: 1,
            callId: 'c1'
        }),
    downloadLogs: () => undefined,
    logMessageToVendor: () => undefined,
    superviseCall: () =>
        new sdk.SuperviseCallResult({ call: call({ callAttributes: { participantType: 'Supervisor' } }) }),
    supervisorDisconnect: () => new sdk.SupervisorHangupResult({ calls: [call({ state: 'ended' })] }),
    supervisorBargeIn: () =>
        new sdk.SuperviseCallResult({
            call: call({ callAttributes: { participantType: 'Supervisor', hasSupervisorBargedIn: true } })
        })
};

/** A connector for the library whose every awaited answer waits until the test releases it. */
class Probe {
    readonly pending: { method: Method; release: () => void }[] = [];
    readonly called: Method[] = [];
    answers: Partial<Record<Method, () => unknown>> = {};
    readonly connector = Object.fromEntries(
        METHODS.map((method) => [
            method,
            () => {
                this.called.push(method);
                if (NOT_AWAITED.has(method)) return undefined;
                return new Promise((resolve) =>
                    this.pending.push({ method, release: () => resolve((this.answers[method] ?? ANSWERS[method])()) })
                );
            }
        ])
    ) as unknown as sdk.VendorConnector;
}

/** What a port message tells Salesforce, in the vocabulary of sdk.SENT (LOG echoes tell it nothing). */
const sentBy = (m: HostMessage): string[] =>
    m.type === 'TELEPHONY_EVENT_DISPATCHED'
        ? [m.payload!.telephonyEventType!]
        : m.type === 'CONNECTOR_READY'
          ? ['CONNECTOR_READY']
          : [];

/** Method → what the library sent after it resolved, over every scenario driven so far. */
const derived = new Map<Method, Set<string>>();
const note = (method: Method, events: string[]) => {
    const set = derived.get(method) ?? new Set<string>();
    for (const e of events) set.add(e);
    derived.set(method, set);
};

/**
 * Starts an exchange (a handshake, a Salesforce message or a publish) and releases the probe's answers one at a
 * time. With `attribute`, what reaches Salesforce after each release is noted against the method whose answer it
 * was — or, for a read the library makes while building another method's event, against that method. Returns every
 * event, in order.
 */
async function exchange(host: SalesforceHost, probe: Probe, start: () => unknown, attribute = true): Promise<string[]> {
    let seen = host.received.length;
    const take = () => {
        const out = host.received.slice(seen).flatMap(sentBy);
        seen = host.received.length;
        return out;
    };
    const firstCall = probe.called.length;
    const all: string[] = [];
    void start();
    await drain();
    const early = take();
    all.push(...early);
    const resolved: Method[] = [];
    while (probe.pending.length) {
        const next = probe.pending.shift()!;
        next.release();
        await drain();
        const owner =
            READS.has(next.method) && resolved.some((m) => !READS.has(m))
                ? resolved.filter((m) => !READS.has(m)).at(-1)!
                : next.method;
        const events = take();
        if (attribute) {
            note(next.method, []);
            note(owner, events);
        }
        all.push(...events);
        resolved.push(next.method);
    }
    if (attribute) {
        for (const method of probe.called.slice(firstCall)) if (NOT_AWAITED.has(method)) note(method, []);
        // Nothing may reach Salesforce for a message before one of its methods resolved: there would be no owner.
        assert.deepEqual(early, [], `sent before any method resolved: ${early.join(', ')}`);
    }
    return all;
}

/** One line per key where the table and what the library sent differ. */
function disagreements(table: Record<string, readonly string[]>, library: Map<string, Set<string>>): string[] {
    const show = (events: Iterable<string> | undefined) => (events ? `[${[...events].sort().join(', ')}]` : 'never');
    return [...new Set([...Object.keys(table), ...library.keys()])]
        .sort()
        .filter((key) => show(table[key]) !== show(library.get(key)))
        .map((key) => `${key}: table ${show(table[key])}, library ${show(library.get(key))}`);
}

const inbound = { callId: 'c1', callType: 'Inbound', callAttributes: { participantType: 'Initial_Caller' } };
const supervisorCall = (state: sdk.CallState, bargedIn = false) =>
    call({
        callId: `sup-${state}`,
        state,
        callAttributes: { participantType: 'Supervisor', hasSupervisorBargedIn: bargedIn }
    });
const leg = (state: 'transferring' | 'transferred') =>
    call({
        callId: `leg-${state}`,
        callType: 'AddParticipant',
        state,
        callAttributes: { participantType: 'Third_Party', initialCallHasEnded: false }
    });

/** Every message Salesforce can send, with the answers that reach each branch of the library's handler. */
const SCENARIOS: [Record<string, unknown>, Partial<Record<Method, () => unknown>>?][] = [
    [{ type: 'ACCEPT_CALL', call: inbound }],
    [
        { type: 'ACCEPT_CALL', call: { ...inbound, callType: 'Callback' } },
        { acceptCall: () => new sdk.CallResult({ call: call({ callType: 'Callback' }) }) }
    ],
    [{ type: 'DECLINE_CALL', call: inbound }],
    [{ type: 'END_CALL', call: inbound, agentStatus: 'Online' }],
    [{ type: 'END_CALL', call: inbound }, { getActiveCalls: activeCalls(leg('transferred')) }],
    [{ type: 'MUTE' }],
    [{ type: 'UNMUTE' }],
    [{ type: 'HOLD', call: inbound }],
    [{ type: 'RESUME', call: inbound }],
    [{ type: 'SET_AGENT_STATUS', agentStatus: 'Online', statusInfo: { statusId: '0N5x' }, enqueueNextState: true }],
    [{ type: 'GET_AGENT_STATUS' }],
    [{ type: 'DIAL', contact: { phoneNumber: '+14155550123' } }],
    [{ type: 'SEND_DIGITS', digits: '12#' }],
    [{ type: 'GET_PHONE_CONTACTS', filter: { contains: 'a' } }],
    [{ type: 'SWAP_PARTICIPANTS', callToHold: inbound, callToResume: { callId: 'leg' } }],
    [{ type: 'CONFERENCE', calls: [inbound, { callId: 'leg' }] }],
    [{ type: 'ADD_PARTICIPANT', contact: { phoneNumber: '+14155550199' }, call: inbound, isBlindTransfer: false }],
    [{ type: 'ADD_PARTICIPANT', contact: { phoneNumber: '+14155550199' }, call: inbound, isBlindTransfer: true }],
    [{ type: 'PAUSE_RECORDING', call: inbound }],
    [{ type: 'RESUME_RECORDING', call: inbound }],
    [{ type: 'LOGOUT' }],
    [{ type: 'MESSAGE', message: { source: 'VOICE_EXTENSION', type: 't', version: 1 } }],
    [{ type: 'WRAP_UP_CALL', call: inbound }],
    [{ type: 'SET_AGENT_CONFIG', config: { selectedPhone: { type: 'SOFT_PHONE' } } }],
    [{ type: 'GET_SIGNED_RECORDING_URL', recordingUrl: 'https://rec.example.com/1', vendorCallKey: 'k', callId: 'c1' }],
    [{ type: 'DOWNLOAD_VENDOR_LOGS' }],
    [{ type: 'LOG', logLevel: 'INFO', logMessage: 'hello', payload: {} }],
    [{ type: 'SUPERVISE_CALL', call: inbound }],
    // Accepting a call while supervising: the library disconnects the supervised call first.
    [{ type: 'ACCEPT_CALL', call: inbound }],
    [{ type: 'SUPERVISE_CALL', call: inbound }, { getAgentConfig: deskPhone }],
    [{ type: 'SUPERVISOR_BARGE_IN', call: inbound }],
    [{ type: 'SUPERVISOR_DISCONNECT', call: inbound }],
    [
        { type: 'AGENT_AVAILABLE', isAvailable: true },
        {
            getActiveCalls: activeCalls(
                call(),
                call({ callId: 'c-ringing', state: 'ringing' }),
                leg('transferring'),
                leg('transferred'),
                supervisorCall('connected', true),
                supervisorCall('ringing')
            )
        }
    ]
];

describe('what the library sends after each connector method resolves', () => {
    const sent = new Set<string>();
    let probe: Probe;
    let host: SalesforceHost;

    before(async () => {
        probe = new Probe();
        // The handshake is one-shot per registration: once asking for a login, once ready at once.
        for (const init of [() => new sdk.InitResult({ showLogin: true }), () => new sdk.InitResult({})]) {
            probe.answers = { init };
            sdk.initializeConnector(probe.connector);
            host?.close();
            host = new SalesforceHost();
            await exchange(host, probe, () => host.handshake({}));
        }
        sent.add('SETUP_CONNECTOR');
        for (const [message, answers] of SCENARIOS) {
            probe.answers = answers ?? {};
            await exchange(host, probe, () => host.send(message));
            sent.add(message.type as string);
        }
        // The replay flagged a supervised call; leave the library as the next suite expects it.
        probe.answers = {};
        await exchange(host, probe, () => host.send({ type: 'SUPERVISOR_DISCONNECT', call: inbound }), false);
        host.close();
    });

    it('equals AUTO_EVENTS, method by method', () => {
        assert.deepEqual(Object.keys(AUTO_EVENTS).sort(), [...METHODS].sort(), 'one entry per library method');
        assert.deepEqual(disagreements(AUTO_EVENTS, derived), []);
    });

    it('drove every message type the library handles', () => {
        const require = createRequire(import.meta.url);
        const pkg = require.resolve('@salesforce/scv-connector-base/package.json');
        const source = readFileSync(pkg.replace(/package\.json$/, 'src/main/constants.js'), 'utf8');
        const block = /MESSAGE_TYPE: \{([\s\S]*?)\}/.exec(source)![1]!;
        const inboundTypes = [...block.matchAll(/^\s*(\w+)\s*:/gm)]
            .map((m) => m[1]!)
            .filter((t) => t !== 'CONNECTOR_READY' && t !== 'TELEPHONY_EVENT_DISPATCHED');
        assert.ok(inboundTypes.length >= 28, 'parsed the library constants');
        assert.deepEqual(
            inboundTypes.filter((t) => !sent.has(t)),
            []
        );
    });
});

describe('what publishEvent sends for each event the connector may publish', () => {
    const probe = new Probe();
    let host: SalesforceHost;
    const observed = new Map<string, Set<string>>();

    /** Publishes through the real library, releasing the reads it makes, and records what reached Salesforce. */
    async function publish(event: sdk.EventType, payload: object, answers: Probe['answers'] = {}): Promise<void> {
        probe.answers = answers;
        const events = await exchange(
            host,
            probe,
            // eslint-disable-next-line no-restricted-syntax -- this test checks what the library's publishEvent sends
            () => sdk.publishEvent(event, payload),
            false
        );
        const set = observed.get(event) ?? new Set<string>();
        for (const e of events) set.add(e);
        observed.set(event, set);
    }

    before(async () => {
        sdk.initializeConnector(probe.connector);
        host = new SalesforceHost();
        await exchange(host, probe, () => host.handshake({}), false);
        const participant = ANSWERS.addParticipant() as sdk.ParticipantResult;
        const removed = (participantType: sdk.ParticipantType) =>
            new sdk.CallResult({ call: call({ callAttributes: { participantType } }) });
        await publish('LOGIN_RESULT', new sdk.GenericResult({ success: true }));
        await publish('LOGOUT_RESULT', new sdk.LogoutResult({ success: true }));
        await publish('CALL_STARTED', new sdk.CallResult({ call: call({ state: 'ringing' }) }));
        await publish('QUEUED_CALL_STARTED', new sdk.CallResult({ call: call({ callType: 'Callback' }) }));
        await publish('CALL_CONNECTED', new sdk.CallResult({ call: call() }));
        // With a supervised call flagged, CALL_CONNECTED first disconnects it.
        probe.answers = {};
        await exchange(host, probe, () => host.send({ type: 'SUPERVISE_CALL', call: inbound }), false);
        await publish('CALL_CONNECTED', new sdk.CallResult({ call: call() }));
        await publish('HANGUP', new sdk.HangupResult({ calls: [call()] }));
        await publish('PARTICIPANT_ADDED', participant);
        await publish('PARTICIPANT_CONNECTED', participant);
        await publish('PARTICIPANT_REMOVED', removed('Third_Party'));
        await publish('PARTICIPANT_REMOVED', removed('Third_Party'), { getActiveCalls: activeCalls(call()) });
        await publish('PARTICIPANT_REMOVED', removed('Initial_Caller'), {
            getActiveCalls: activeCalls(leg('transferring'))
        });
        await publish('PARTICIPANT_REMOVED', removed('Initial_Caller'), {
            getActiveCalls: activeCalls(leg('transferred'))
        });
        await publish('PARTICIPANTS_SWAPPED', holdResult());
        await publish('PARTICIPANTS_CONFERENCED', holdResult());
        await publish('MESSAGE', { source: 'CONNECTOR', type: 't', version: 1 });
        await publish('AFTER_CALL_WORK_STARTED', { callId: 'c1' });
        await publish('WRAP_UP_ENDED', { callId: 'c1' });
        await publish('MUTE_TOGGLE', new sdk.MuteToggleResult({ isMuted: true }));
        await publish('HOLD_TOGGLE', holdResult());
        await publish('RECORDING_TOGGLE', new sdk.RecordingToggleResult({ isRecordingPaused: true }));
        await publish(
            'UPDATE_AUDIO_STATS',
            new (scv as unknown as { AudioStats: new (init: object) => object }).AudioStats({
                callId: 'c1',
                stats: [],
                isAudioStatsCompleted: true
            })
        );
        await publish('SUPERVISOR_BARGED_IN', ANSWERS.supervisorBargeIn() as object);
        await publish('CALL_BARGED_IN', new sdk.SupervisedCallInfo({ callId: 'c1', isBargedIn: true }));
        await publish('SUPERVISOR_CALL_STARTED', ANSWERS.superviseCall() as object);
        await publish('SUPERVISOR_CALL_CONNECTED', ANSWERS.superviseCall() as object);
        await publish('SUPERVISOR_HANGUP', ANSWERS.supervisorDisconnect() as object);
        await publish('SET_AGENT_STATUS', new sdk.AgentStatusInfo({ statusId: '0N5x' }));
        host.close();
    });

    it('equals PUBLISHED_AS, event by event', () => {
        assert.deepEqual([...observed.keys()].sort(), Object.keys(sdk.EVENT).sort(), 'every publishable event tried');
        assert.deepEqual(disagreements(sdk.PUBLISHED_AS, observed), []);
    });
});
