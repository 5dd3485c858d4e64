// Three gateway processes on one PostgreSQL (a throwaway server, scripts/pg/throwaway.mjs), the carrier (this
// process) spreading every event over them at random and retrying what was not acknowledged on another one, while
// two of them are killed with SIGKILL again and again and restarted, and PostgreSQL itself is stopped (immediate)
// and started again in the middle of the load. Agent Ada watches from two connections: one on the instance never
// killed, one that follows the kills, reconnecting to another instance with resume-from-seq. At the end the
// Telephony Integration API emulator (here, outside the gateways) must hold every call once, closed, with every
// transcript line once and in order; both of Ada's connections must have every event once, gapless.
//
//   npm run test:pg:crash -w @switchboard/gateway [-- --calls 60 --kills 6 --seed 7]
// Last line: {"instances":3,"calls":N,"voiceCalls":N,"lost":0,"duplicated":0,"outOfOrder":0,"kills":K}
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { CarrierEvent } from '../../src/carrier/carrier-event.js';
import { CarrierClient } from '../../src/carrier/carrier-client.js';
import { runCommandLine } from '../../src/command-line.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../../scripts/pg/throwaway.mjs';
import { gatewayProcess } from '../gateway-process.js';
import { TestAgent } from '../harness.js';
import { callEvents, random, UTTERANCES } from './crash.js';

export interface PgCrashOptions {
    calls: number;
    kills: number;
    seed: number;
    parallel: number;
    timeoutMs: number;
    /** Restart PostgreSQL once, halfway through the kills. Default true. */
    restartDatabase?: boolean;
    /** A server to use instead of starting one (it must allow restart()). */
    database?: ThrowawayPostgres;
    log?: (line: string) => void;
}

export interface PgCrashFigures {
    instances: number;
    calls: number;
    voiceCalls: number;
    transcripts: number;
    lost: number;
    duplicated: number;
    outOfOrder: number;
    kills: number;
    databaseRestarts: number;
    /** Events one of Ada's connections missed or got twice (sequence gaps and repeats). */
    agentEventsLost: number;
    agentEventsDuplicated: number;
    /** Requests sent again after a takeover, which Salesforce's idempotency keys absorbed. */
    resent: number;
    seconds: number;
}

const INSTANCES = 3;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What one of Ada's connections received: gaps and repeats counted as they come. */
class Watcher {
    agent: TestAgent | undefined;
    lastSeq = 0;
    token = '';
    gaps = 0;
    repeats = 0;
    ended = 0;
    #seen = 0;

    /** Signs in (resuming when it has a session) on `url`. */
    async connect(url: string): Promise<void> {
        const agent = new TestAgent(url);
        await agent.connect();
        const welcome = this.token
            ? await agent.signIn({ kind: 'session', token: this.token }, { resumeFromSeq: this.lastSeq })
            : await agent.signIn({ kind: 'password', username: 'ada', password: 'ada-test-password' });
        if (welcome.kind !== 'welcome') throw new Error(`Ada was refused: ${JSON.stringify(welcome)}`);
        this.token = welcome.sessionToken;
        if (!welcome.resumed) {
            // A fresh start (first sign-in): counting begins after the snapshot.
            if (this.lastSeq !== 0) this.gaps += Math.max(0, welcome.snapshot.lastEventSeq - this.lastSeq);
            this.lastSeq = welcome.snapshot.lastEventSeq;
        }
        this.agent = agent;
        this.#seen = 0;
    }

    /** Reads the frames received since the last call. */
    take(): void {
        const events = this.agent?.events() ?? [];
        for (const event of events.slice(this.#seen)) {
            if (event.seq <= this.lastSeq) this.repeats++;
            else {
                this.gaps += event.seq - this.lastSeq - 1;
                this.lastSeq = event.seq;
                if (event.event.type === 'callEnded') this.ended++;
            }
        }
        this.#seen = events.length;
    }
}

export async function runPgCrashTest(options: PgCrashOptions): Promise<PgCrashFigures> {
    const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
    const started = Date.now();
    const deadline = started + options.timeoutMs;
    const rand = random(options.seed);
    const database = options.database ?? (await startThrowawayPostgres());
    const gateway = await gatewayProcess({
        name: 'pg-crash',
        deadline,
        instances: INSTANCES,
        // A short lease: a killed instance's claimed jobs are taken over within 2 s.
        env: { DATABASE_URL: database.url, OUTBOX_LEASE_MS: '2000' }
    });
    const { emulator, instances } = gateway;
    const carriers = instances.map((i) => new CarrierClient(`${i.url}/carrier/events`, gateway.carrierSecret));
    const steady = new Watcher();
    const follower = new Watcher();
    let kills = 0;
    let databaseRestarts = 0;
    let killsOver = (): void => undefined;
    const allKilled = new Promise<void>((resolve) => (killsOver = resolve));
    try {
        await Promise.all(instances.map((i) => i.start()));
        await steady.connect(instances[0]!.url);
        await follower.connect(instances[2]!.url);

        /** Delivers to a random instance until one acknowledges (202) after committing. */
        const deliver = async (event: CarrierEvent): Promise<void> => {
            for (let attempt = 0; ; attempt++) {
                if (Date.now() > deadline) throw new Error(`event ${event.eventId} not delivered in time`);
                const carrier = carriers[Math.floor(rand() * carriers.length)]!;
                try {
                    const result = await carrier.post([event], AbortSignal.timeout(10_000));
                    if (result.status === 202) return;
                    // The gateway remembers a signature before it commits: the same body re-signed within the same
                    // second after a 503 is refused as a replay. A later second signs differently.
                    if (result.status === 401 && JSON.stringify(result.body).includes('replay')) {
                        await sleep(1000);
                        continue;
                    }
                    if (result.status < 500)
                        throw new Error(
                            `event ${event.eventId} refused: ${result.status} ${JSON.stringify(result.body)}`
                        );
                } catch (error) {
                    if (error instanceof Error && error.message.includes('refused:')) throw error;
                    // down, or the database away: another instance, or this one again a little later
                }
                await sleep(Math.min(500, 20 * 2 ** Math.min(attempt, 5)));
            }
        };
        const calls = Array.from({ length: options.calls }, (_, i) => `pgcrash-${options.seed}-${i}`);
        let next = 0;
        let finished = 0;
        // The load is paced to last about as long as the kills (~1.2 s apart), so they land in the middle of it.
        const perWorker = (calls.length * callEvents('x', 0).length) / options.parallel;
        const pauseMs = (options.kills * 1200) / perWorker;
        const worker = async (): Promise<void> => {
            while (next < calls.length) {
                const n = next++;
                const events = callEvents(calls[n]!, n);
                for (const [i, event] of events.entries()) {
                    if (next >= calls.length && i === events.length - 1) await allKilled;
                    await deliver(event);
                    await sleep(rand() * 2 * pauseMs);
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

        /** The follower's socket went with its instance: it resumes on another live one. */
        const follow = async (): Promise<void> => {
            follower.take();
            if (follower.agent && !follower.agent.closed) return;
            const live = instances.filter((i) => i.running);
            await follower.connect(live[Math.floor(rand() * live.length)]!.url);
        };

        // Each victim restarts in the background while the other one is killed next: two of three instances are
        // down at times, never the steady one.
        const restarting = new Map<number, Promise<void>>();
        while (kills < options.kills && !loadDone) {
            await sleep(600 + rand() * 1200);
            if (loadDone) break;
            if (
                options.restartDatabase !== false &&
                databaseRestarts === 0 &&
                kills === Math.floor(options.kills / 2)
            ) {
                await database.bounce(1000);
                databaseRestarts++;
                log(`PostgreSQL stopped (immediate) and started again after ${finished} of ${calls.length} calls`);
            }
            const index = 1 + (kills % (INSTANCES - 1));
            await restarting.get(index);
            const victim = instances[index]!;
            await victim.kill();
            kills++;
            log(`kill -9 #${kills} after ${finished} of ${calls.length} calls delivered`);
            await sleep(50);
            await follow();
            // A restart that fails (the database away at that moment) is tried again, as a supervisor would.
            restarting.set(
                index,
                victim.start().catch(async (error: unknown) => {
                    log(`restart of instance ${index} failed, trying again: ${String(error).slice(0, 300)}`);
                    await victim.start();
                })
            );
        }
        await Promise.all(restarting.values());
        killsOver();
        await load;
        for (;;) {
            if (Date.now() > deadline) throw new Error('the outbox did not drain in time');
            await follow();
            steady.take();
            const ready = (await (await fetch(`${instances[0]!.url}/readyz`)).json()) as { outboxDepth: number };
            if (ready.outboxDepth === 0 && steady.ended >= calls.length && follower.ended >= 1) break;
            await sleep(100);
        }
        // Both connections have caught up with the last event of the agent.
        for (let i = 0; i < 50 && steady.lastSeq !== follower.lastSeq; i++) {
            await sleep(100);
            await follow();
            steady.take();
        }

        const state = emulator.state;
        let withRecord = 0;
        let closed = 0;
        let messages = 0;
        let extraUpdates = 0;
        let outOfOrder = 0;
        for (const [n, callId] of calls.entries()) {
            const call = state.findVoiceCall(callId);
            if (!call) continue;
            withRecord++;
            if (!call.isActive) closed++;
            extraUpdates += Math.max(0, call.updates.length - 1);
            const lines = state.transcripts.get(callId)?.messages ?? [];
            messages += lines.length;
            const expected = callEvents(callId, n)
                .filter((e) => e.type === 'transcript.utterance')
                .map((e) => (e.type === 'transcript.utterance' ? e.utteranceId : ''));
            const close = call.updates.findIndex((u) => u.isActiveCall === false);
            const afterClose = close === -1 ? [] : call.updates.slice(close + 1);
            if (
                !isDeepStrictEqual(
                    lines.map((m) => m.messageId),
                    expected
                ) ||
                afterClose.some((u) => !isDeepStrictEqual(u, call.updates[close]))
            )
                outOfOrder++;
        }
        const expectedMessages = calls.length * UTTERANCES;
        const totalMessages = [...state.transcripts.values()].reduce((n, t) => n + t.messages.length, 0);
        return {
            instances: INSTANCES,
            calls: calls.length,
            voiceCalls: state.voiceCalls.size,
            transcripts: totalMessages,
            lost: calls.length - withRecord + (withRecord - closed) + Math.max(0, expectedMessages - messages),
            duplicated:
                Math.max(0, state.voiceCalls.size - calls.length) + Math.max(0, totalMessages - expectedMessages),
            outOfOrder,
            kills,
            databaseRestarts,
            agentEventsLost: steady.gaps + follower.gaps + Math.abs(steady.lastSeq - follower.lastSeq),
            agentEventsDuplicated: steady.repeats + follower.repeats,
            resent: state.duplicateCreates + state.duplicateMessages + extraUpdates,
            seconds: Math.round((Date.now() - started) / 100) / 10
        };
    } finally {
        killsOver();
        steady.agent?.close();
        follower.agent?.close();
        await Promise.all(carriers.map((c) => c.close()));
        await gateway.close();
        if (!options.database) database.stop();
    }
}

/** The last line. */
export function lastLine(f: PgCrashFigures): string {
    return JSON.stringify({
        instances: f.instances,
        calls: f.calls,
        voiceCalls: f.voiceCalls,
        lost: f.lost,
        duplicated: f.duplicated,
        outOfOrder: f.outOfOrder,
        kills: f.kills
    });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
    const { values } = runCommandLine({
        usage: 'npm run test:pg:crash -w @switchboard/gateway -- [options]',
        about: 'Three gateways on one throwaway PostgreSQL, killed with SIGKILL while calls run, PostgreSQL restarted once.',
        options: {
            calls: { type: 'string', value: '<n>', help: 'calls to send (default 60)' },
            kills: { type: 'string', value: '<n>', help: 'times the gateway is killed (default 6)' },
            seed: { type: 'string', value: '<n>', help: 'the random seed (default: from the clock)' },
            parallel: { type: 'string', value: '<n>', help: 'calls in flight at once (default 6)' }
        }
    });
    values.calls ??= '60';
    values.kills ??= '6';
    values.seed ??= String(Date.now() % 100_000);
    values.parallel ??= '6';
    const options: PgCrashOptions = {
        calls: Number(values.calls),
        kills: Number(values.kills),
        seed: Number(values.seed),
        parallel: Number(values.parallel),
        timeoutMs: 240_000
    };
    console.log(
        `PostgreSQL crash test: ${INSTANCES} gateways, ${options.calls} calls, ${options.kills} kill -9, PostgreSQL restarted once, seed ${options.seed}`
    );
    runPgCrashTest(options).then(
        (f) => {
            console.log(
                `VoiceCalls ${f.voiceCalls} of ${f.calls}; transcript lines ${f.transcripts}; lost ${f.lost}; duplicated ${f.duplicated}; ` +
                    `out of order ${f.outOfOrder}; PostgreSQL restarts ${f.databaseRestarts}; agent events lost ${f.agentEventsLost}, ` +
                    `twice ${f.agentEventsDuplicated}; requests resent and absorbed by idempotency ${f.resent}; ${f.seconds} s`
            );
            console.log(lastLine(f));
            const ok =
                f.lost === 0 &&
                f.duplicated === 0 &&
                f.outOfOrder === 0 &&
                f.agentEventsLost === 0 &&
                f.agentEventsDuplicated === 0;
            process.exit(ok ? 0 : 1);
        },
        (error: unknown) => {
            console.error(error);
            process.exit(1);
        }
    );
}
