// npm run bench:connector — round-trip time per Salesforce request through the real scv-connector-base 3.6.2 and a
// real MessageChannel: this connector (with the in-memory fake gateway behind it) versus a minimal connector that
// resolves every request at once. Prints both medians and their ratio.
import { startRig } from '../test/harness.js';
import * as sdk from '../src/sdk.js';
import { drain, SalesforceHost } from '../test/salesforce-host.js';
import { performance } from 'node:perf_hooks';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 400);
const WARMUP = 50;

/** The cheapest connector the library accepts: every request resolved immediately, no state. */
function minimalConnector(): sdk.VendorConnector {
    const call = new sdk.PhoneCall({ callId: 'c1', callType: 'Inbound', state: 'connected', callAttributes: {} });
    const hold = () => Promise.resolve(new sdk.HoldToggleResult({ isThirdPartyOnHold: false, isCustomerOnHold: true }));
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
        setAgentStatus: notUsed,
        getAgentStatus: notUsed,
        dial: notUsed,
        sendDigits: notUsed,
        getPhoneContacts: notUsed,
        swap: notUsed,
        conference: notUsed,
        addParticipant: notUsed,
        pauseRecording: notUsed,
        resumeRecording: notUsed,
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
    [{ type: 'RESUME', call: { callId: 'c1' } }, 'HOLD_TOGGLE']
];

async function measure(host: SalesforceHost): Promise<number[]> {
    const samples: number[] = [];
    for (let i = 0; i < ROUNDS + WARMUP; i++) {
        const [message, event] = REQUESTS[i % REQUESTS.length]!;
        const ms = await roundTrip(host, message, event);
        if (i >= WARMUP) samples.push(ms);
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
const call = rig.gateway.ring({ callId: 'c1' });
await rig.settle();
await rig.send({ type: 'ACCEPT_CALL', call: { callId: call.callId } });
const switchboard = await measure(rig.host);
rig.stop();

const fmt = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;
console.log(
    `Round trip per Salesforce request (MUTE/UNMUTE/HOLD/RESUME), ${ROUNDS} requests each, after ${WARMUP} warm-up:`
);
console.log(`  minimal connector      median ${fmt(median(minimal))}  p95 ${fmt(p95(minimal))}`);
console.log(
    `  Switchboard connector  median ${fmt(median(switchboard))}  p95 ${fmt(p95(switchboard))}  (fake gateway in memory)`
);
console.log(`  ratio (median)         ${(median(switchboard) / median(minimal)).toFixed(2)}x`);
