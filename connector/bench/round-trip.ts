// npm run bench:connector — round-trip time per Salesforce request through the real scv-connector-base 3.6.2 and a
// real MessageChannel: this connector (with the real gateway in this process behind it) versus a minimal connector that
// resolves every request at once. Prints the medians per request type and overall, and their ratio.
// BENCH_ROUNDS sets the number of requests per connector (default 800, spread over the request types).
import { startRig } from '../test/harness.js';
import * as sdk from '../src/sdk.js';
import { drain, SalesforceHost } from '../test/salesforce-host.js';
import { performance } from 'node:perf_hooks';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 800);
const WARMUP = 50;

/** The cheapest connector the library accepts: every request resolved immediately, no state. */
function minimalConnector(): sdk.VendorConnector {
    const call = new sdk.PhoneCall({ callId: 'c1', callType: 'Inbound', state: 'connected', callAttributes: {} });
    const hold = () => Promise.resolve(new sdk.HoldToggleResult({ isThirdPartyOnHold: false, isCustomerOnHold: true }));
    const recording = (isRecordingPaused: boolean) => () =>
        Promise.resolve(new sdk.RecordingToggleResult({ isRecordingPaused }));
    const notUsed = () => Promise.reject(new Error('not used by the benchmark'));
    return {
        init: () => Promise.resolve(new sdk.InitResult({})),
        getActiveCalls: () => Promise.resolve(new sdk.ActiveCallsResult({ activeCalls: [call] })),
        getAgentConfig: () =>
            Promise.resolve(
                new sdk.AgentConfigResult({
                    phones: ['SOFT_PHONE'],
                    selectedPhone: new sdk.Phone({ type: 'SOFT_PHONE' })
                })
            ),
        getCapabilities: () => Promise.resolve(new sdk.CapabilitiesResult({})),
        mute: () => Promise.resolve(new sdk.MuteToggleResult({ isMuted: true })),
        unmute: () => Promise.resolve(new sdk.MuteToggleResult({ isMuted: false })),
        hold,
        resume: hold,
        acceptCall: notUsed,
        declineCall: notUsed,
        endCall: notUsed,
        setAgentStatus: () => Promise.resolve(new sdk.GenericResult({ success: true })),
        getAgentStatus: () => Promise.resolve(new sdk.AgentVendorStatusInfo({ statusId: '0N5x' })),
        dial: notUsed,
        sendDigits: notUsed,
        getPhoneContacts: () => Promise.resolve(new sdk.PhoneContactsResult({ contacts: [], contactTypes: [] })),
        swap: notUsed,
        conference: notUsed,
        addParticipant: notUsed,
        pauseRecording: recording(true),
        resumeRecording: recording(false),
        setAgentConfig: notUsed,
        logout: notUsed,
        handleMessage: () => undefined,
        wrapUpCall: () => undefined,
        getSignedRecordingUrl: notUsed,
        downloadLogs: () => undefined,
        logMessageToVendor: () => undefined,
        superviseCall: notUsed,
        supervisorDisconnect: notUsed,
        supervisorBargeIn: notUsed
    };
}

/** Sends `message` and resolves when the host receives the event it causes. */
function roundTrip(host: SalesforceHost, message: Record<string, unknown>, event: string): Promise<number> {
    const before = host.received.length;
    const started = performance.now();
    host.send(message);
    return new Promise((resolve) => {
        const poll = () => {
            const got = host.received
                .slice(before)
                .some((m) => m.type === 'TELEPHONY_EVENT_DISPATCHED' && m.payload?.telephonyEventType === event);
            if (got) resolve(performance.now() - started);
            else setImmediate(poll);
        };
        poll();
    });
}

const REQUESTS: [Record<string, unknown>, string][] = [
    [{ type: 'MUTE' }, 'MUTE_TOGGLE'],
    [{ type: 'UNMUTE' }, 'MUTE_TOGGLE'],
    [{ type: 'HOLD', call: { callId: 'c1' } }, 'HOLD_TOGGLE'],
    [{ type: 'RESUME', call: { callId: 'c1' } }, 'HOLD_TOGGLE'],
    [{ type: 'PAUSE_RECORDING', call: { callId: 'c1' } }, 'RECORDING_TOGGLE'],
    [{ type: 'RESUME_RECORDING', call: { callId: 'c1' } }, 'RECORDING_TOGGLE'],
    [{ type: 'SET_AGENT_STATUS', agentStatus: 'Online', statusInfo: { statusId: '0N5x' } }, 'SET_AGENT_STATUS_RESULT'],
    [{ type: 'GET_AGENT_STATUS' }, 'GET_AGENT_STATUS_RESULT'],
    [{ type: 'GET_PHONE_CONTACTS', filter: { contains: 'queue' } }, 'PHONE_CONTACTS']
];

/** Samples (ms) per request type, the requests taken in turn. */
async function measure(host: SalesforceHost): Promise<Map<string, number[]>> {
    const samples = new Map<string, number[]>(REQUESTS.map(([m]) => [String(m.type), []]));
    for (let i = 0; i < ROUNDS + WARMUP; i++) {
        const [message, event] = REQUESTS[i % REQUESTS.length]!;
        const ms = await roundTrip(host, message, event);
        if (i >= WARMUP) samples.get(String(message.type))!.push(ms);
    }
    return samples;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;

// Minimal connector: same library, same MessageChannel, no gateway.
const minimalHost = new SalesforceHost();
sdk.initializeConnector(minimalConnector());
minimalHost.handshake({});
await drain();
const minimal = await measure(minimalHost);
minimalHost.close();

// This connector, with a connected call, against the in-memory gateway (the same protocol code as production).
const rig = await startRig();
const callId = await rig.telephony.ring({ callId: 'c1' });
await rig.settle();
await rig.send({ type: 'ACCEPT_CALL', call: { callId } });
const switchboard = await measure(rig.host);
await rig.stop();

const fmt = (ms: number) => `${(ms * 1000).toFixed(0)} µs`.padStart(8);
const all = (m: Map<string, number[]>) => [...m.values()].flat();
console.log(
    `Round trip per Salesforce request, ${ROUNDS} requests per connector over ${REQUESTS.length} types, after ` +
        `${WARMUP} warm-up. Switchboard connector with the real gateway in this process; minimal connector resolves at once.`
);
console.log(`  ${'request'.padEnd(18)}  minimal median     p95   Switchboard median     p95   ratio`);
const row = (name: string, a: number[], b: number[]) =>
    console.log(
        `  ${name.padEnd(18)}  ${fmt(median(a))} ${fmt(p95(a))}   ${fmt(median(b)).padStart(17)} ${fmt(p95(b))}   ` +
            `${(median(b) / median(a)).toFixed(2)}x`
    );
for (const [type, samples] of minimal) row(type, samples, switchboard.get(type)!);
row('all', all(minimal), all(switchboard));
