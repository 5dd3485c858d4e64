// npm run bench:gateway — simulated calls through the whole path (signed carrier POSTs → gateway → outbox → the
// Telephony Integration API emulator over loopback HTTP), once with the durable SQLite outbox and once with the
// in-memory store, in the same run. Prints events/s, the latency from a carrier event's POST to the emulator's
// receipt of the Salesforce request it causes, peak RSS, and a last line of JSON.
//
// With --pg (and --instances 1,2,3): instead, one, two and three gateway processes on one PostgreSQL (a throwaway
// server, scripts/pg/throwaway.mjs), the carrier's posters spread over them; a table and a last line of JSON with
// each count's ratio to one instance.
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { CarrierClient } from '../src/carrier/carrier-client.js';
import type { CarrierEvent } from '../src/carrier/carrier-event.js';
import pg from 'pg';
import { startThrowawayPostgres } from '../../scripts/pg/throwaway.mjs';
import { gatewayProcess } from '../test/gateway-process.js';
import { runCommandLine, usageFailure } from '../src/command-line.js';

const BENCH = {
    usage: 'npm run bench:gateway -- [options]',
    about:
        'Simulated calls through the whole path, durable SQLite outbox against the in-memory store (or, with --pg, ' +
        'gateways on one PostgreSQL). The last line is one JSON object.',
    options: {
        calls: { type: 'string', value: '<n>', help: 'calls per measured run (default 2000)' },
        batch: { type: 'string', value: '<n>', help: 'carrier events per POST (default 25)' },
        parallel: { type: 'string', value: '<n>', help: 'carrier posters at once (default 8)' },
        'paced-seconds': { type: 'string', value: '<s>', help: 'length of the steady 1,000 events/s run (default 5)' },
        'warm-up-calls': {
            type: 'string',
            value: '<n>',
            help: 'calls before each measured run, not counted (default 300)'
        },
        'cpu-prof-dir': {
            type: 'string',
            value: '<dir>',
            help: "write a V8 CPU profile of each gateway process here (open it in Chrome's DevTools)"
        },
        pg: {
            type: 'boolean',
            help: 'gateways on one throwaway PostgreSQL instead of the SQLite / in-memory comparison'
        },
        instances: {
            type: 'string',
            value: '<list>',
            help: 'with --pg: the instance counts to measure (default 1,2,3)'
        },
        'durable-only': {
            type: 'boolean',
            help: 'only the durable throughput run (its CPU per 1,000 events compares two builds of the gateway)'
        }
    }
} as const;
const { values } = runCommandLine(BENCH);
/** A whole number of at least `min` from an option, or a usage error that names the option. */
function count(name: keyof typeof BENCH.options, fallback: number, min = 1): number {
    const text = values[name];
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n < min)
        usageFailure(`--${name} must be a whole number of at least ${min}, not ${String(text)}`);
    return n;
}
const CALLS = count('calls', 2000);
const BATCH = count('batch', 25);
const PARALLEL = count('parallel', 8);
const PACED_SECONDS = count('paced-seconds', 5);
const WARM_UP_CALLS = count('warm-up-calls', 300, 0);
const UTTERANCES = 4;

/** One call's events: 4 transcript lines, hold and resume, recording pause and resume, DTMF, end: 12 events. */
function callEvents(callId: string, n: number): CarrierEvent[] {
    const now = Date.now();
    const iso = new Date(now).toISOString();
    let i = 0;
    const e = () => ({ eventId: `${callId}-${i++}`, callId, occurredAt: iso });
    return [
        {
            ...e(),
            type: 'call.ringing',
            direction: 'inbound',
            from: `+1415${String(n).padStart(7, '0')}`,
            to: '+18005550199',
            agentId: 'agent-ada'
        },
        { ...e(), type: 'call.answered', agentId: 'agent-ada' },
        ...Array.from({ length: UTTERANCES }, (_, u) => ({
            ...e(),
            type: 'transcript.utterance' as const,
            utteranceId: `${callId}-u${u}`,
            speaker: u % 2 ? ('agent' as const) : ('customer' as const),
            text: 'A sentence of about the length people say in one breath on a call.',
            startedAt: now,
            endedAt: now + 1
        })),
        { ...e(), type: 'call.hold', onHold: true },
        { ...e(), type: 'call.hold', onHold: false },
        { ...e(), type: 'recording', state: 'paused' },
        { ...e(), type: 'recording', state: 'resumed' },
        { ...e(), type: 'dtmf', digits: '1' },
        { ...e(), type: 'call.ended', reason: 'customer_hangup' }
    ];
}

function percentile(sorted: number[], p: number): number {
    if (!sorted.length) return NaN;
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface RunFigures {
    /** Peak RSS of the gateway process. */
    rssMb: number;
    events: number;
    seconds: number;
    eventsPerSecond: number;
    p50Ms: number;
    p99Ms: number;
    /** The gateway process's CPU time per 1,000 events over the measured run (load-insensitive, unlike events/s). */
    cpuMsPer1000Events: number;
    /** Of which the event loop's (the rest is the SQLite store's thread, and V8's and libuv's helpers). */
    eventLoopCpuMsPer1000Events: number;
}

/**
 * The gateway in a process of its own (one core), the emulator and the carrier's load in this one (the other core):
 * what is measured is the gateway, not the load generator sharing its event loop.
 */
async function setUp(durable: boolean, shared?: { databaseUrl: string; instances: number }) {
    // Each run starts on a quiet disk: the kernel would otherwise still be writing the last run's files back, and
    // this run's fsyncs would queue behind that.
    execFileSync('sync');
    /** When the emulator received each transcript line (by messageId) and each create (by vendorCallKey). */
    const received = new Map<string, number>();
    const gateway = await gatewayProcess({
        name: 'bench',
        store: durable ? 'sqlite' : 'memory',
        deadline: Date.now() + 60_000,
        ...(shared ? { instances: shared.instances, env: { DATABASE_URL: shared.databaseUrl } } : {}),
        emulatorRequestLog: 100,
        ...(values['cpu-prof-dir'] ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof-dir']}`] } : {}),
        prepareEmulator: (emulator) =>
            emulator.app.addHook('preHandler', (request, _reply, done) => {
                const body = request.body as { messageId?: string; vendorCallKey?: string } | undefined;
                const key = body?.messageId ?? body?.vendorCallKey;
                if (key) received.set(key, performance.now());
                done();
            })
    });
    await Promise.all(gateway.instances.map((instance) => instance.start()));
    const clients = gateway.instances.map((i) => new CarrierClient(`${i.url}/carrier/events`, gateway.carrierSecret));
    const run = {
        received,
        client: clients[0]!,
        /** One per instance: poster p posts to instance p mod n (a load balancer's round robin). */
        clients,
        peakRssMb: () => gateway.peakRssMb() ?? 0,
        cpuSeconds: () => gateway.cpuSeconds() ?? NaN,
        eventLoopCpuSeconds: () => gateway.eventLoopCpuSeconds() ?? NaN,
        /** Waits until the gateway has sent every job it holds (its /readyz outbox depth is 0), or 60 s. */
        outboxEmpty: async () => {
            const deadline = Date.now() + 60_000;
            for (;;) {
                const ready = (await (await fetch(`${gateway.url}/readyz`)).json()) as { outboxDepth?: number };
                if (ready.outboxDepth === 0) return;
                if (Date.now() > deadline)
                    throw new Error(`the outbox still holds ${ready.outboxDepth} jobs after 60 s`);
                await new Promise((resolve) => setTimeout(resolve, 20));
            }
        },
        close: async () => {
            await Promise.all(gateway.instances.map((instance) => instance.stop()));
            await Promise.all(clients.map((c) => c.close()));
            await gateway.close();
        }
    };
    return run;
}

type BenchRun = Awaited<ReturnType<typeof setUp>>;

/** Waits until the emulator has every key, or 60 s. */
async function awaitReceipts(received: Map<string, number>, keys: string[]): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (keys.some((k) => !received.has(k))) {
        if (Date.now() > deadline) throw new Error('the emulator did not receive every request within 60 s');
        await new Promise((resolve) => setTimeout(resolve, 5));
    }
}

/**
 * Posts the calls as fast as the carrier can: `PARALLEL` posters, each sending batches of `BATCH` events of different
 * calls, every call's events in order. Returns when the gateway accepted them all, with when each transcript line
 * was posted.
 */
async function postAtFullSpeed(run: BenchRun, calls: CarrierEvent[][]): Promise<Map<string, number>> {
    const sent = new Map<string, number>();
    const steps = calls[0]!.length;
    const groups: CarrierEvent[][][] = [];
    for (let g = 0; g < calls.length; g += BATCH) groups.push(calls.slice(g, g + BATCH));
    let nextGroup = 0;
    await Promise.all(
        Array.from({ length: PARALLEL }, async (_, poster) => {
            const client = run.clients[poster % run.clients.length]!;
            while (nextGroup < groups.length) {
                const group = groups[nextGroup++]!;
                for (let step = 0; step < steps; step++) {
                    const batch = group.map((events) => events[step]!);
                    const at = performance.now();
                    for (const event of batch)
                        if (event.type === 'transcript.utterance') sent.set(event.utteranceId, at);
                    const answer = await client.post(batch);
                    if (answer.status !== 202) throw new Error(`carrier POST answered ${answer.status}`);
                }
            }
        })
    );
    return sent;
}

/**
 * A gateway that has just started runs cold: V8 has not compiled its hot paths yet, and its connections to
 * Salesforce are not open. A gateway in service runs for days, so each measured run starts after `WARM_UP_CALLS`
 * calls went through the whole path; how the cold start fared is printed apart.
 */
async function warmUp(run: BenchRun, prefix: string): Promise<void> {
    const started = performance.now();
    const calls = Array.from({ length: WARM_UP_CALLS }, (_, n) => callEvents(`${prefix}-warm-${n}`, n));
    const sent = await postAtFullSpeed(run, calls);
    await awaitReceipts(run.received, [...sent.keys()]);
    const latencies = [...sent].map(([key, at]) => run.received.get(key)! - at).sort((a, b) => a - b);
    await run.outboxEmpty();
    console.log(
        `  (warm-up: ${WARM_UP_CALLS * calls[0]!.length} events in ${((performance.now() - started) / 1000).toFixed(2)} s, p99 ${percentile(latencies, 99).toFixed(0)} ms; not counted)`
    );
    run.received.clear();
}

async function throughput(durable: boolean, shared?: { databaseUrl: string; instances: number }): Promise<RunFigures> {
    const run = await setUp(durable, shared);
    try {
        const prefix = shared ? `pg${shared.instances}` : durable ? 'd' : 'm';
        await warmUp(run, prefix);
        const calls = Array.from({ length: CALLS }, (_, n) => callEvents(`${prefix}-${n}`, n));
        const started = performance.now();
        const cpuBefore = run.cpuSeconds();
        const loopCpuBefore = run.eventLoopCpuSeconds();
        const sent = await postAtFullSpeed(run, calls);
        const accepted = (performance.now() - started) / 1000;
        await awaitReceipts(run.received, [...sent.keys()]);
        // Counted until every job of every call went to Salesforce, the calls' final updates included.
        await run.outboxEmpty();
        const seconds = (performance.now() - started) / 1000;
        const cpuSeconds = run.cpuSeconds() - cpuBefore;
        const loopCpuSeconds = run.eventLoopCpuSeconds() - loopCpuBefore;
        const latencies = [...sent].map(([key, at]) => run.received.get(key)! - at).sort((a, b) => a - b);
        const events = calls.length * calls[0]!.length;
        console.log(
            `  (${shared ? `${shared.instances} on PostgreSQL` : durable ? 'durable' : 'memory'}: all events accepted by the gateway after ${accepted.toFixed(2)} s)`
        );
        return {
            events,
            seconds,
            eventsPerSecond: events / seconds,
            p50Ms: percentile(latencies, 50),
            p99Ms: percentile(latencies, 99),
            rssMb: run.peakRssMb(),
            // With several instances this would count only the first.
            cpuMsPer1000Events: shared ? NaN : (cpuSeconds * 1e6) / events,
            eventLoopCpuMsPer1000Events: shared ? NaN : (loopCpuSeconds * 1e6) / events
        };
    } finally {
        await run.close();
    }
}

/** A steady 1,000 events/s (durable), one event per POST, for the latency an agent and Salesforce see. */
async function paced(): Promise<RunFigures> {
    const run = await setUp(true);
    try {
        await warmUp(run, 's');
        const rate = 1000;
        const total = rate * PACED_SECONDS;
        const perCall = callEvents('x', 0).length;
        const calls = Array.from({ length: Math.ceil(total / perCall) }, (_, n) => callEvents(`p-${n}`, n));
        const order: CarrierEvent[] = [];
        // Interleave calls as a contact center does: many calls in progress, each advancing in order.
        const live = 50;
        for (let g = 0; g < calls.length; g += live)
            for (let step = 0; step < perCall; step++)
                for (const events of calls.slice(g, g + live)) order.push(events[step]!);
        // The carrier generates events at `rate` and sends what it has every FLUSH_MS, one POST at a time so that a
        // call's events arrive in order (as a webhook sender that batches does). Latency counts from generation,
        // so the wait in the carrier's buffer is included.
        const FLUSH_MS = 10;
        const sent = new Map<string, number>();
        const acks: number[] = [];
        const started = performance.now();
        const cpuBefore = run.cpuSeconds();
        const loopCpuBefore = run.eventLoopCpuSeconds();
        let generated = 0;
        let posted = 0;
        while (posted < order.length) {
            const now = performance.now();
            generated = Math.min(order.length, Math.floor(((now - started) * rate) / 1000) + 1);
            const batch = order.slice(posted, generated);
            if (batch.length) {
                batch.forEach((event, k) => {
                    const bornAt = started + ((posted + k) * 1000) / rate;
                    if (event.type === 'transcript.utterance') sent.set(event.utteranceId, bornAt);
                    if (event.type === 'call.ringing') sent.set(event.callId, bornAt);
                });
                posted = generated;
                const at = performance.now();
                const answer = await run.client.post(batch);
                if (answer.status !== 202) throw new Error(`carrier POST answered ${answer.status}`);
                acks.push(performance.now() - at);
            }
            const next = FLUSH_MS - (performance.now() - now);
            if (next > 1) await new Promise((resolve) => setTimeout(resolve, next));
        }
        acks.sort((a, b) => a - b);
        console.log(
            `  (steady: batches every ${FLUSH_MS} ms; the gateway acknowledged a POST in p50 ${percentile(acks, 50).toFixed(1)} ms, p99 ${percentile(acks, 99).toFixed(1)} ms)`
        );
        await awaitReceipts(run.received, [...sent.keys()]);
        const seconds = (performance.now() - started) / 1000;
        const latencies = [...sent].map(([key, at]) => run.received.get(key)! - at).sort((a, b) => a - b);
        return {
            events: order.length,
            seconds,
            eventsPerSecond: order.length / seconds,
            p50Ms: percentile(latencies, 50),
            p99Ms: percentile(latencies, 99),
            rssMb: run.peakRssMb(),
            cpuMsPer1000Events: ((run.cpuSeconds() - cpuBefore) * 1e6) / order.length,
            eventLoopCpuMsPer1000Events: ((run.eventLoopCpuSeconds() - loopCpuBefore) * 1e6) / order.length
        };
    } finally {
        await run.close();
    }
}

const fmt = (f: RunFigures) =>
    `${f.events} events in ${f.seconds.toFixed(2)} s: ${Math.round(f.eventsPerSecond)} events/s, carrier event → Salesforce request p50 ${f.p50Ms.toFixed(1)} ms, p99 ${f.p99Ms.toFixed(1)} ms${
        Number.isFinite(f.cpuMsPer1000Events)
            ? `; gateway CPU ${Math.round(f.cpuMsPer1000Events)} ms per 1,000 events (event loop ${Math.round(f.eventLoopCpuMsPer1000Events)})`
            : ''
    }`;

/** --pg: each instance count on a database of its own on one throwaway server (fsync on, as in service). */
async function scaleOut(): Promise<void> {
    const counts = (values.instances ?? '1,2,3')
        .split(',')
        .map((n) => Number(n.trim()))
        .filter((n) => Number.isInteger(n) && n > 0);
    if (counts.length === 0) throw new Error('--instances takes a list of counts, e.g. 1,2,3');
    const server = await startThrowawayPostgres({ fsync: true });
    try {
        console.log(
            `gateway bench on PostgreSQL: ${CALLS} calls × 12 events, ${PARALLEL} carrier posters spread over the instances, ${BATCH} events per POST; Node ${process.version}`
        );
        const rows: { instances: number; figures: RunFigures }[] = [];
        for (const instances of counts) {
            const admin = new pg.Client(server.url);
            await admin.connect();
            await admin.query(`CREATE DATABASE bench_${instances}`);
            await admin.end();
            const databaseUrl = server.url.replace(/\/postgres$/, `/bench_${instances}`);
            execFileSync('sync');
            const figures = await throughput(true, { databaseUrl, instances });
            console.log(`${instances} instance${instances > 1 ? 's' : ' '}  ${fmt(figures)}`);
            rows.push({ instances, figures });
        }
        const base = rows[0]!.figures.eventsPerSecond;
        console.log('');
        console.log('instances | events/s | p50 ms | p99 ms | throughput vs 1');
        for (const { instances, figures } of rows)
            console.log(
                `${String(instances).padStart(9)} | ${String(Math.round(figures.eventsPerSecond)).padStart(8)} | ${figures.p50Ms.toFixed(1).padStart(6)} | ${figures.p99Ms.toFixed(1).padStart(6)} | ${(figures.eventsPerSecond / base).toFixed(2)}`
            );
        console.log(
            JSON.stringify({
                store: 'postgres',
                instances: rows.map((r) => r.instances),
                eventsPerSecond: rows.map((r) => Math.round(r.figures.eventsPerSecond)),
                p99Ms: rows.map((r) => Number(r.figures.p99Ms.toFixed(2))),
                ratioToOne: rows.map((r) => Number((r.figures.eventsPerSecond / base).toFixed(2)))
            })
        );
    } finally {
        server.stop();
    }
}

if (values.pg) {
    await scaleOut();
    process.exit(0);
}

console.log(
    `gateway bench: ${CALLS} calls × 12 events, ${PARALLEL} carrier posters, ${BATCH} events per POST; Node ${process.version}`
);
const durable = await throughput(true);
console.log(`durable outbox (SQLite)   ${fmt(durable)}`);
if (values['durable-only']) process.exit(0);
const memory = await throughput(false);
console.log(`in-memory store           ${fmt(memory)}`);
const steady = await paced();
console.log(`durable at 1,000 events/s ${fmt(steady)} (the carrier batching every 10 ms)`);
const rssMb = Math.max(durable.rssMb, memory.rssMb, steady.rssMb);
console.log(
    `peak RSS of the gateway process ${rssMb} MB (durable ${durable.rssMb}, in-memory ${memory.rssMb}, steady ${steady.rssMb})`
);
console.log(
    JSON.stringify({
        eventsPerSecond: Math.round(durable.eventsPerSecond),
        p50Ms: Number(steady.p50Ms.toFixed(2)),
        p99Ms: Number(steady.p99Ms.toFixed(2)),
        durableVsMemory: Number((durable.eventsPerSecond / memory.eventsPerSecond).toFixed(2)),
        rssMb
    })
);
