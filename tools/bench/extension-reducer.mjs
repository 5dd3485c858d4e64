#!/usr/bin/env node
// npm run bench:extension
// Feeds the deployed call model (force-app/.../callStateReducer/*.js, what runs in the softphone) with
//   1. 10,000 transcript events on one call, and
//   2. 10,000 mixed events over many calls (start, connect, hold, mute, participants, audio, transcript, end, wrap-up),
// and prints per-event p50/p99 time and retained heap. The transcript's retained memory must stay flat once the
// transcript is full: the run fails when it grows by more than FLAT_TOLERANCE_BYTES between 2,000 and 10,000 lines.
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { runCommandLine, usageFailure } from '../../scripts/lib/cli.mjs';

const { values } = runCommandLine({
    usage: 'npm run bench:extension [-- --events <n>]',
    about: "Times the deployed call model per event and checks that a full transcript's memory stays flat.",
    options: { events: { type: 'string', value: '<n>', help: 'events per run (default: BENCH_EVENTS, or 10000)' } }
});
const EVENTS = Number(values.events ?? process.env.BENCH_EVENTS ?? 10_000);
if (!Number.isInteger(EVENTS) || EVENTS < 1) usageFailure('--events must be a whole number of events, 1 or more');
const CAPACITY = 200;
const FLAT_TOLERANCE_BYTES = 256 * 1024;
const reducerPath = fileURLToPath(
    new URL('../../force-app/voice-extension/main/default/lwc/callStateReducer/callStateReducer.js', import.meta.url)
);

if (typeof globalThis.gc !== 'function') {
    console.error('Run with --expose-gc (npm run bench:extension does).');
    process.exit(2);
}

const loaded = await import(reducerPath);
const { initialState, lineCount, reduceToolkitEvent } = loaded.initialState ? loaded : loaded.default;

function heapAfterGc() {
    for (let i = 0; i < 3; i++) globalThis.gc();
    return process.memoryUsage().heapUsed;
}

// Timings live in preallocated typed arrays so the bench itself does not grow the heap it measures.
function percentile(sorted, p) {
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function timed(state, envelope) {
    const start = performance.now();
    const result = reduceToolkitEvent(state, envelope, { transcriptCapacity: CAPACITY });
    return { result, micros: (performance.now() - start) * 1000 };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const us = (micros) => `${micros.toFixed(2)} µs`;

// ---- 1. transcript stream -------------------------------------------------------------------------------------
let clock = 1_700_000_000_000;
let state = initialState();
state = reduceToolkitEvent(state, {
    name: 'callconnected',
    detail: { callId: 'T-1', callType: 'inbound', participant: '+15550100' },
    receivedAt: clock
}).state;
const baseline = heapAfterGc();
const transcriptTimes = new Float64Array(EVENTS);
const checkpoints = new Map();
for (let i = 1; i <= EVENTS; i++) {
    const detail = {
        callId: 'T-1',
        id: `m-${i}`,
        content: { formatType: 'Text', text: `Customer line ${i}: my order number is ${100000 + i}` },
        sender: { role: i % 2 ? 'EndUser' : 'Agent' },
        clientSentTimestamp: ++clock
    };
    const { result, micros } = timed(state, { name: 'transcript', detail, receivedAt: clock });
    state = result.state;
    transcriptTimes[i - 1] = micros;
    if ([1000, 2000, 5000, 10000].includes(i)) checkpoints.set(i, heapAfterGc() - baseline);
}
transcriptTimes.sort();
const lines = lineCount(state.calls['T-1'].transcript);

// ---- 2. mixed call events -------------------------------------------------------------------------------------
const pattern = [
    'callstarted',
    'callconnected',
    'mute',
    'unmute',
    'hold',
    'participantadded',
    'swap',
    'conference',
    'audiostats',
    'transcript',
    'participantremoved',
    'resume',
    'pauserecording',
    'resumerecording',
    'note',
    'callended',
    'wrapupended'
];
let mixed = initialState();
const mixedBaseline = heapAfterGc();
const mixedTimes = new Float64Array(EVENTS);
let applied = 0;
for (let i = 0; i < EVENTS; i++) {
    const callId = `M-${Math.floor(i / pattern.length)}`;
    const name = pattern[i % pattern.length];
    const detail = {
        callId,
        callType: 'inbound',
        participant: name === 'participantadded' || name === 'participantremoved' ? '+15550199' : '+15550100',
        stats: 'inputChannelStats',
        packetsLost: i % 7,
        packetsCount: 500,
        jitterBufferMillis: 20 + (i % 50),
        roundTripTimeMillis: 120,
        id: `x-${i}`,
        content: { formatType: 'Text', text: `line ${i}` },
        sender: { role: 'Supervisor', displayName: 'Sam' }
    };
    clock += 600;
    const { result, micros } = timed(mixed, { name, detail, receivedAt: clock });
    mixed = result.state;
    if (result.outcome.applied) applied++;
    mixedTimes[i] = micros;
}
const mixedRetained = heapAfterGc() - mixedBaseline;
mixedTimes.sort();

// ---- report -----------------------------------------------------------------------------------------------------
console.log(
    `Call model benchmark (${EVENTS} events per scenario, transcript capacity ${CAPACITY}, Node ${process.version})`
);
console.log('');
console.log('scenario                     p50          p99          max          retained heap');
console.log(
    `transcript stream            ${us(percentile(transcriptTimes, 50)).padEnd(12)} ${us(percentile(transcriptTimes, 99)).padEnd(12)} ${us(transcriptTimes.at(-1)).padEnd(12)} ${kb(checkpoints.get(10000) ?? 0)}`
);
console.log(
    `mixed call events           ${us(percentile(mixedTimes, 50)).padEnd(12)} ${us(percentile(mixedTimes, 99)).padEnd(12)} ${us(mixedTimes.at(-1)).padEnd(12)} ${kb(mixedRetained)}`
);
console.log('');
console.log('transcript retained heap by lines received:');
for (const [n, bytes] of checkpoints) console.log(`  ${String(n).padStart(6)} lines  ${kb(bytes)}`);
console.log(`  lines kept: ${lines} (capacity ${CAPACITY})`);
console.log(
    `mixed: ${applied} of ${EVENTS} events applied, ${mixed.order.length} calls kept in memory, ${mixed.retired.length} retired ids`
);

const growth = (checkpoints.get(10000) ?? 0) - (checkpoints.get(2000) ?? 0);
if (lines !== CAPACITY || growth > FLAT_TOLERANCE_BYTES) {
    console.error(
        `\nFAIL: transcript memory is not flat beyond capacity (grew ${kb(growth)} from 2,000 to 10,000 lines; ${lines} lines kept)`
    );
    process.exit(1);
}
console.log(`\nok: transcript memory flat beyond capacity (${kb(growth)} change from 2,000 to 10,000 lines)`);
