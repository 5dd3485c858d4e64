// The SQLite store on a worker thread (src/store/sqlite-store-thread.ts) is the same SqliteStore behind a message port,
// so what is tested here is the port: the same answers as the store on the event loop for the same calls (a random
// script run on both), calls answered in the order made, errors that keep their kind, the caller's clock, and a
// thread that dies or a database that cannot open.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { TelephonyEvent } from '@switchboard/contracts';
import type { SalesforceJob } from '../src/salesforce/telephony-api.js';
import { openSqliteStore } from '../src/store/sqlite-store.js';
import { openThreadedSqliteStore } from '../src/store/sqlite-store-thread.js';
import { StoreConflictError, type Batch, type Store } from '../src/store/store.js';

const hold = (callId: string): TelephonyEvent => ({ type: 'holdChanged', callId, isOnHold: true });
const job = (callKey: string, n: number): SalesforceJob => ({
    kind: 'updateVoiceCall',
    callKey,
    body: { numberOfHolds: n }
});
const batch = (b: Partial<Batch>): Batch => ({ carrierEventIds: [], calls: [], agentEvents: [], jobs: [], ...b });

type Step =
    | { kind: 'commit'; call: string; event: string; agent: string; jobs: number }
    | { kind: 'claim'; limit: number }
    | { kind: 'complete'; claim: number }
    | { kind: 'reschedule'; delay: number }
    | { kind: 'fail' }
    | { kind: 'tick'; ms: number }
    | { kind: 'purge' };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
    fc.record({
        kind: fc.constant('commit' as const),
        call: fc.constantFrom('c1', 'c2', 'c3'),
        event: fc.constantFrom('e1', 'e2', 'e3', 'e4', 'e5', 'e6'),
        agent: fc.constantFrom('ada', 'grace'),
        jobs: fc.integer({ min: 0, max: 3 })
    }),
    fc.record({ kind: fc.constant('claim' as const), limit: fc.integer({ min: 0, max: 4 }) }),
    fc.record({ kind: fc.constant('complete' as const), claim: fc.integer({ min: 0, max: 3 }) }),
    fc.record({ kind: fc.constant('reschedule' as const), delay: fc.integer({ min: 0, max: 50 }) }),
    fc.record({ kind: fc.constant('fail' as const) }),
    fc.record({ kind: fc.constant('tick' as const), ms: fc.integer({ min: 1, max: 40 }) }),
    fc.record({ kind: fc.constant('purge' as const) })
);

/** Runs the script on a store and returns everything it answered (errors by kind and message). */
async function run(store: Store, script: readonly Step[], clock: { time: number }): Promise<unknown[]> {
    const answers: unknown[] = [];
    const versions = new Map<string, number>();
    let claimed: number[] = [];
    const record = async (work: () => Promise<unknown>) => {
        try {
            answers.push(await work());
        } catch (error) {
            answers.push({ error: (error as Error).name, message: (error as Error).message });
        }
    };
    let n = 0;
    for (const step of script) {
        n++;
        if (step.kind === 'commit') {
            const version = (versions.get(step.call) ?? 0) + 1;
            await record(async () => {
                const numbered = await store.commit(
                    batch({
                        carrierEventIds: [step.event],
                        calls: [{ callKey: step.call, agentId: step.agent, state: { n }, version }],
                        agentEvents: [{ agentId: step.agent, event: hold(step.call) }],
                        jobs: Array.from({ length: step.jobs }, (_, j) => job(step.call, n * 10 + j))
                    })
                );
                versions.set(step.call, version);
                // Event ids are unique per store, not equal across two: compare their shape only.
                return numbered.map(({ eventId, ...rest }) => ({ ...rest, eventId: typeof eventId }));
            });
            await record(() => store.unseenCarrierEvents(['e1', 'e2', 'e3', 'e4', 'e5', 'e6']));
            await record(() => store.loadCalls(['c1', 'c2', 'c3']));
        } else if (step.kind === 'claim') {
            await record(async () => {
                const jobs = await store.claimJobs(step.limit, clock.time, 100);
                claimed.push(...jobs.map((j) => j.id));
                return jobs;
            });
        } else if (step.kind === 'complete') {
            const done = claimed.map((id) => ({ id, result: { status: 200 } }));
            claimed = [];
            await record(async () => {
                const jobs = await store.completeJobs(
                    done,
                    step.claim > 0 ? { limit: step.claim, now: clock.time, leaseMs: 100 } : undefined
                );
                claimed.push(...jobs.map((j) => j.id));
                return jobs;
            });
        } else if (step.kind === 'reschedule' || step.kind === 'fail') {
            const id = claimed.shift();
            if (id === undefined) continue;
            await record(() =>
                step.kind === 'fail'
                    ? store.failJob(id, 'refused', 3)
                    : store.rescheduleJob(id, clock.time + step.delay, 3, '503')
            );
        } else if (step.kind === 'tick') {
            clock.time += step.ms;
        } else {
            await record(() => store.purge(clock.time - 50));
        }
        await record(() => store.outboxDepth());
    }
    for (const agent of ['ada', 'grace']) {
        await record(() => store.lastAgentSeq(agent));
        await record(() => store.agentEventsAfter(agent, 0, 100));
        await record(() => store.liveCallsOfAgent(agent));
    }
    await record(() => store.deadJobs(100));
    return answers.map((answer) =>
        // agentEventsAfter's records carry event ids too.
        Array.isArray(answer)
            ? answer.map((a: unknown) =>
                  a && typeof a === 'object' && 'eventId' in a ? { ...a, eventId: typeof a.eventId } : a
              )
            : answer
    );
}

describe('SQLite store on a worker thread', () => {
    // The store lets its idle thread go unreferenced, so that a store left open never holds a process; a gateway's
    // server holds its process anyway. Here nothing else does, and a test awaiting a thread's end (terminate(), its
    // 'exit') was seen cancelled as "the event loop has already resolved": this timer holds the loop meanwhile.
    let holdLoop: NodeJS.Timeout | undefined;
    before(() => {
        holdLoop = setInterval(() => {}, 60_000);
    });
    after(() => clearInterval(holdLoop));

    it('answers a random script exactly as the store on the event loop does', async () => {
        await fc.assert(
            fc.asyncProperty(fc.array(stepArb, { minLength: 1, maxLength: 60 }), async (script) => {
                const onLoop = { time: 1_000_000 };
                const onThread = { time: 1_000_000 };
                const direct = openSqliteStore(':memory:', { now: () => onLoop.time });
                const threaded = await openThreadedSqliteStore(':memory:', { now: () => onThread.time });
                try {
                    assert.deepEqual(await run(threaded, script, onThread), await run(direct, script, onLoop));
                } finally {
                    await direct.close();
                    await threaded.close();
                }
            }),
            { numRuns: 8 }
        );
    });

    it('answers calls in the order they were made, without waiting for each', async () => {
        let time = 0;
        const store = await openThreadedSqliteStore(':memory:', { now: () => time++ });
        time = 5000;
        try {
            const commits = Array.from({ length: 300 }, (_, i) =>
                store.commit(batch({ carrierEventIds: [`e${i}`], agentEvents: [{ agentId: 'ada', event: hold('c') }] }))
            );
            const numbered = (await Promise.all(commits)).flat();
            assert.deepEqual(
                numbered.map((e) => e.seq),
                Array.from({ length: 300 }, (_, i) => i + 1)
            );
            // The caller's clock, one tick per call as made on this thread.
            assert.deepEqual(
                numbered.slice(0, 3).map((e) => e.at),
                [5000, 5001, 5002]
            );
        } finally {
            await store.close();
        }
    });

    it('gives errors back as what they are: a conflict with its reason, a TypeError as a TypeError', async () => {
        const store = await openThreadedSqliteStore(':memory:');
        try {
            await store.commit(batch({ carrierEventIds: ['seen'] }));
            await assert.rejects(
                store.commit(batch({ carrierEventIds: ['seen'] })),
                (error) => error instanceof StoreConflictError && error.reason === 'duplicateCarrierEvent'
            );
            await assert.rejects(
                store.commit(batch({ calls: [{ callKey: 'c', state: { big: 1n }, version: 1 }] })),
                (error) => error instanceof TypeError && /BigInt/.test(error.message)
            );
            assert.equal(await store.outboxDepth(), 0, 'and it still works');
        } finally {
            await store.close();
        }
    });

    it('answers loadCalls as the file stands at the call, also for the calls it keeps on the event loop', async () => {
        const store = await openThreadedSqliteStore(':memory:');
        const call = (version: number, n: number) => ({ callKey: 'c1', agentId: 'ada', state: { n }, version });
        try {
            await store.commit(batch({ carrierEventIds: ['e1'], calls: [call(1, 1)] }));
            assert.deepEqual((await store.loadCalls(['c1', 'c2'])).get('c1')?.state, { n: 1 });
            // A refused commit changes nothing; one under way is seen by a load made after it.
            await assert.rejects(store.commit(batch({ carrierEventIds: ['e1'], calls: [call(2, 2)] })));
            assert.deepEqual((await store.loadCalls(['c1'])).get('c1'), {
                callKey: 'c1',
                agentId: 'ada',
                state: { n: 1 },
                version: 1
            });
            const committing = store.commit(batch({ carrierEventIds: ['e2'], calls: [call(2, 3)] }));
            const loaded = store.loadCalls(['c1']);
            await committing;
            assert.deepEqual((await loaded).get('c1')?.state, { n: 3 });
            // A call the file did not hold, then committed.
            assert.equal((await store.loadCalls(['c2'])).size, 0);
            await store.commit(batch({ carrierEventIds: ['e3'], calls: [{ ...call(1, 4), callKey: 'c2' }] }));
            assert.deepEqual((await store.loadCalls(['c2'])).get('c2')?.version, 1);
            // Each answer is the caller's own: changing it changes nothing stored.
            const mine = (await store.loadCalls(['c1'])).get('c1')!;
            mine.state.n = 99;
            assert.deepEqual((await store.loadCalls(['c1'])).get('c1')?.state, { n: 3 });
            await store.purge(Date.now() + 1);
            assert.deepEqual((await store.loadCalls(['c1'])).get('c1')?.state, { n: 3 }, 'a live call is not purged');
        } finally {
            await store.close();
        }
    });

    it('refuses to open a file that is not a database, with SQLite’s reason', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'switchboard-thread-'));
        try {
            const path = join(dir, 'not-a-database.sqlite');
            writeFileSync(
                path,
                'this is not a SQLite file, but it is long enough to have a header of sorts '.repeat(20)
            );
            await assert.rejects(openThreadedSqliteStore(path), /file is not a database/);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it('a thread that dies: calls under way settle, later ones reject, and the owner is told once', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'switchboard-thread-'));
        const failures: Error[] = [];
        try {
            const path = join(dir, 'gateway.sqlite');
            const store = await openThreadedSqliteStore(path, {}, (error) => failures.push(error));
            await store.commit(batch({ carrierEventIds: ['kept'], jobs: [job('c1', 1)] }));
            // Answered or rejected, depending on whether the thread got to it first: never left hanging.
            const underWay = Promise.allSettled([store.outboxDepth(), store.outboxDepth(), store.outboxDepth()]);
            await store.stopThread();
            assert.equal((await underWay).length, 3);
            await assert.rejects(store.outboxDepth(), /thread exited/);
            assert.equal(failures.length, 1);
            // Nothing committed is lost: the file opens again with what the dead thread had committed.
            const again = await openThreadedSqliteStore(path);
            assert.deepEqual(await again.unseenCarrierEvents(['kept', 'new']), new Set(['new']));
            assert.equal(await again.outboxDepth(), 1);
            await again.close();
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
