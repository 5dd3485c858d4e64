// kill -9 of the gateway in the middle of load, at random points, again and again. The carrier (this process) keeps
// delivering every call's events as a real carrier's webhook does — retrying whatever was not acknowledged — while
// the gateway process is killed and restarted on the same SQLite file. The Telephony Integration API emulator runs
// here, outside the gateway, and holds what Salesforce would hold: at the end, every call has exactly one VoiceCall,
// closed, with every transcript line, and nothing twice.
//
//   npm run test:crash -w gateway [-- --calls 60 --kills 5 --seed 7]
// Last line: {"calls":N,"voiceCalls":N,"transcripts":N,"lost":0,"duplicated":0,"kills":K}
import { fileURLToPath } from 'node:url';
import type { CarrierEvent } from '../../src/carrier/carrier-event.js';
import { CarrierClient } from '../../src/carrier/carrier-client.js';
import { runCommandLine } from '../../src/command-line.js';
import { gatewayProcess } from '../gateway-process.js';

export interface CrashOptions {
    calls: number;
    kills: number;
    seed: number;
    /** Calls in flight at once. */
    parallel: number;
    /** Gives up (and fails) after this long. */
    timeoutMs: number;
    log?: (line: string) => void;
}

export interface CrashFigures {
    calls: number;
    voiceCalls: number;
    transcripts: number;
    lost: number;
    duplicated: number;
    kills: number;
    /** Requests the gateway sent again after a restart, which Salesforce's idempotency keys absorbed. */
    resent: number;
    unsignedAccepted: number;
    seconds: number;
}

export const UTTERANCES = 3;

/** A small deterministic generator, so a failing run can be repeated with its seed. */
export function random(seed: number): () => number {
    let state = seed >>> 0 || 1;
    return () => {
        state = (state * 1664525 + 1013904223) >>> 0;
        return state / 2 ** 32;
    };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function callEvents(callId: string, n: number): CarrierEvent[] {
    const base = Date.now();
    const at = (i: number) => new Date(base + i * 10).toISOString();
    const e = (i: number) => ({ eventId: `${callId}-e${i}`, callId, occurredAt: at(i) });
    return [
        {
            ...e(0),
            type: 'call.ringing',
            direction: 'inbound',
            from: `+1415555${String(n).padStart(4, '0')}`,
            to: '+18005550199',
            agentId: 'agent-ada'
        },
        { ...e(1), type: 'call.answered', agentId: 'agent-ada' },
        ...Array.from({ length: UTTERANCES }, (_, i) => ({
            ...e(2 + i),
            type: 'transcript.utterance' as const,
            utteranceId: `${callId}-u${i}`,
            speaker: i % 2 ? ('agent' as const) : ('customer' as const),
            text: `line ${i} of ${callId}`,
            startedAt: base + i * 10,
            endedAt: base + i * 10 + 5
        })),
        { ...e(10), type: 'call.hold', onHold: true },
        { ...e(11), type: 'call.hold', onHold: false },
        { ...e(12), type: 'call.ended', reason: 'customer_hangup' }
    ];
}

export async function runCrashTest(options: CrashOptions): Promise<CrashFigures> {
    const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
    const started = Date.now();
    const deadline = started + options.timeoutMs;
    const rand = random(options.seed);
    const gateway = await gatewayProcess({ name: 'crash', deadline });
    const { url, emulator } = gateway;
    const start = () => gateway.start();
    const kill = () => gateway.kill();

    let kills = 0;
    let unsignedAccepted = 0;
    // The load may not end before every kill has happened, or a fast machine delivers all calls before the first
    // kill: each worker's last event waits for the kills.
    let killsOver = (): void => undefined;
    const allKilled = new Promise<void>((resolve) => (killsOver = resolve));
    try {
        await start();
        const carrier = new CarrierClient(`${url}/carrier/events`, gateway.carrierSecret);
        const calls = Array.from({ length: options.calls }, (_, i) => `crash-${options.seed}-${i}`);
        let next = 0;
        let finished = 0;
        const worker = async (): Promise<void> => {
            while (next < calls.length) {
                const n = next++;
                const events = callEvents(calls[n]!, n);
                for (const [i, event] of events.entries()) {
                    if (next >= calls.length && i === events.length - 1) await allKilled;
                    const result = await carrier.deliver([event], 400);
                    if (result.status !== 202)
                        throw new Error(
                            `event ${event.eventId} refused: ${result.status} ${JSON.stringify(result.body)}`
                        );
                }
                finished++;
            }
        };
        const load = Promise.all(Array.from({ length: options.parallel }, worker));
        let loadDone = false;
        void load.then(
            () => (loadDone = true),
            () => (loadDone = true)
        );
        while (kills < options.kills && !loadDone) {
            await sleep(100 + rand() * 900);
            if (loadDone) break;
            // An unsigned request between kills must never be accepted.
            const unsigned = await fetch(`${url}/carrier/events`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify(callEvents(`unsigned-${kills}`, 0)[0])
            }).catch(() => undefined);
            if (unsigned && unsigned.status < 400) unsignedAccepted++;
            await kill();
            kills++;
            log(`kill -9 #${kills} after ${finished} of ${calls.length} calls delivered`);
            await start();
        }
        killsOver();
        await load;
        for (;;) {
            if (Date.now() > deadline) throw new Error('the outbox did not drain in time');
            const ready = (await (await fetch(`${url}/readyz`)).json()) as { outboxDepth: number };
            if (ready.outboxDepth === 0) break;
            await sleep(100);
        }

        const state = emulator.state;
        let withRecord = 0;
        let closed = 0;
        let messages = 0;
        let extraUpdates = 0;
        for (const callId of calls) {
            const call = state.findVoiceCall(callId);
            if (!call) continue;
            withRecord++;
            if (!call.isActive) closed++;
            extraUpdates += Math.max(0, call.updates.length - 1);
            messages += state.transcripts.get(callId)?.messages.length ?? 0;
        }
        const expectedMessages = calls.length * UTTERANCES;
        const totalMessages = [...state.transcripts.values()].reduce((n, t) => n + t.messages.length, 0);
        const figures: CrashFigures = {
            calls: calls.length,
            voiceCalls: state.voiceCalls.size,
            transcripts: totalMessages,
            lost: calls.length - withRecord + (withRecord - closed) + (expectedMessages - messages),
            duplicated:
                Math.max(0, state.voiceCalls.size - calls.length) + Math.max(0, totalMessages - expectedMessages),
            kills,
            resent: state.duplicateCreates + state.duplicateMessages + extraUpdates,
            unsignedAccepted,
            seconds: Math.round((Date.now() - started) / 100) / 10
        };
        return figures;
    } finally {
        killsOver();
        await gateway.close();
    }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
    const { values } = runCommandLine({
        usage: 'npm run test:crash -w @switchboard/gateway -- [options]',
        about: 'Starts the gateway, sends calls through it and kills it with SIGKILL while they run; counts what was lost.',
        options: {
            calls: { type: 'string', value: '<n>', help: 'calls to send (default 60)' },
            kills: { type: 'string', value: '<n>', help: 'times the gateway is killed (default 5)' },
            seed: { type: 'string', value: '<n>', help: 'the random seed (default: from the clock)' },
            parallel: { type: 'string', value: '<n>', help: 'calls in flight at once (default 6)' }
        }
    });
    values.calls ??= '60';
    values.kills ??= '5';
    values.seed ??= String(Date.now() % 100_000);
    values.parallel ??= '6';
    const options: CrashOptions = {
        calls: Number(values.calls),
        kills: Number(values.kills),
        seed: Number(values.seed),
        parallel: Number(values.parallel),
        timeoutMs: 240_000
    };
    console.log(
        `crash test: ${options.calls} calls (${UTTERANCES} transcript lines each), ${options.kills} kill -9, seed ${options.seed}`
    );
    runCrashTest(options).then(
        (f) => {
            console.log(
                `VoiceCalls ${f.voiceCalls} of ${f.calls}; transcript lines ${f.transcripts}; lost ${f.lost}; duplicated ${f.duplicated}; ` +
                    `requests resent after a restart and absorbed by idempotency ${f.resent}; unsigned accepted ${f.unsignedAccepted}; ${f.seconds} s`
            );
            console.log(
                JSON.stringify({
                    calls: f.calls,
                    voiceCalls: f.voiceCalls,
                    transcripts: f.transcripts,
                    lost: f.lost,
                    duplicated: f.duplicated,
                    kills: f.kills
                })
            );
            process.exit(f.lost === 0 && f.duplicated === 0 && f.unsignedAccepted === 0 ? 0 : 1);
        },
        (error: unknown) => {
            console.error(error);
            process.exit(1);
        }
    );
}
