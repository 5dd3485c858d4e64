// The Store contract, run against every implementation: a new store (PostgreSQL...) joins by adding one factory to
// STORES. What a test checks is what the gateway and the outbox dispatcher rely on; nothing implementation-specific.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import type { TelephonyEvent } from '@switchboard/contracts';
import type { SalesforceJob } from '../src/salesforce/telephony-api.js';
import { createMemoryStore } from '../src/store/memory-store.js';
import { openSqliteStore } from '../src/store/sqlite-store.js';
import { openThreadedSqliteStore } from '../src/store/sqlite-store-thread.js';
import { dropTestSchemas, freshSchema, openTestPgStore } from './pg-server.js';
import { StoreConflictError, type Batch, type CallRecord, type OutboxJob, type Store } from '../src/store/store.js';

interface StoreFactory {
    name: string;
    /** A fresh, empty store using `now` as its clock. */
    open(now: () => number): Promise<Store>;
    /**
     * For stores that outlive close(): a place where each open() after the first sees what earlier ones committed.
     * Absent for the in-memory store.
     */
    durable?: () => { open(now: () => number): Promise<Store>; dispose(): void };
}

const STORES: StoreFactory[] = [
    { name: 'memory', open: (now) => Promise.resolve(createMemoryStore({ now })) },
    {
        name: 'sqlite',
        open: (now) => Promise.resolve(openSqliteStore(':memory:', { now })),
        durable: () => {
            const dir = mkdtempSync(join(tmpdir(), 'switchboard-store-'));
            return {
                open: (now) => Promise.resolve(openSqliteStore(join(dir, 'gateway.db'), { now })),
                dispose: () => rmSync(dir, { recursive: true, force: true })
            };
        }
    },
    {
        // The same SqliteStore behind a message port, with the calls it keeps on the event loop's side.
        name: 'sqlite on a thread',
        open: (now) => openThreadedSqliteStore(':memory:', { now }),
        durable: () => {
            const dir = mkdtempSync(join(tmpdir(), 'switchboard-store-'));
            return {
                open: (now) => openThreadedSqliteStore(join(dir, 'gateway.db'), { now }),
                dispose: () => rmSync(dir, { recursive: true, force: true })
            };
        }
    },
    {
        // Each open() a fresh schema on the throwaway server (see pg-server.ts).
        name: 'postgres',
        open: (now) => openTestPgStore({ now }),
        durable: () => {
            const schema = freshSchema('durable');
            return { open: (now) => openTestPgStore({ now, schema }), dispose: () => undefined };
        }
    }
];

after(async () => {
    if (process.env.SWITCHBOARD_TEST_DATABASE_URL) await dropTestSchemas();
});

const LEASE = 1000;

function hold(callId: string): TelephonyEvent {
    return { type: 'holdChanged', callId, isOnHold: true };
}

function job(callKey: string, n: number): SalesforceJob {
    return { kind: 'updateVoiceCall', callKey, body: { numberOfHolds: n } };
}

function batch(parts: Partial<Batch>): Batch {
    return { carrierEventIds: [], calls: [], agentEvents: [], jobs: [], ...parts };
}

/** A call record as a writer commits it: `version` is the new one (the loaded version + 1). */
function call(callKey: string, version: number, extra: Partial<CallRecord> = {}): CallRecord {
    return { callKey, agentId: 'agent-1', state: { phase: 'talking' }, version, ...extra };
}

/** Numbers identifying each job's place in its call, read back from claimed jobs. */
function holdsOf(jobs: { job: SalesforceJob }[]): (number | undefined)[] {
    return jobs.map((j) => (j.job.kind === 'updateVoiceCall' ? j.job.body.numberOfHolds : undefined));
}

for (const factory of STORES) {
    describe(`Store contract: ${factory.name}`, () => {
        let time = 1_000_000;
        const clock = (): number => time;
        const fresh = async (): Promise<Store> => {
            time = 1_000_000;
            return factory.open(clock);
        };

        describe('commit', () => {
            it('numbers agent events per agent, gapless across commits, with globally unique ids', async () => {
                const store = await fresh();
                const first = await store.commit(
                    batch({
                        agentEvents: [
                            { agentId: 'a', event: hold('c1') },
                            { agentId: 'b', event: hold('c2'), causedBy: 'req-7' },
                            { agentId: 'a', event: hold('c1') }
                        ]
                    })
                );
                assert.deepEqual(
                    first.map((e) => [e.agentId, e.seq]),
                    [
                        ['a', 1],
                        ['b', 1],
                        ['a', 2]
                    ]
                );
                assert.equal(first[1]?.causedBy, 'req-7');
                assert.equal(first[0]?.at, time);
                const second = await store.commit(batch({ agentEvents: [{ agentId: 'a', event: hold('c1') }] }));
                assert.equal(second[0]?.seq, 3);
                assert.equal(await store.lastAgentSeq('a'), 3);
                assert.equal(await store.lastAgentSeq('b'), 1);
                assert.equal(await store.lastAgentSeq('nobody'), 0);
                const ids = [...first, ...second].map((e) => e.eventId);
                assert.equal(new Set(ids).size, ids.length);
                await store.close();
            });

            it('remembers carrier event ids: unseenCarrierEvents returns only the new ones', async () => {
                const store = await fresh();
                await store.commit(batch({ carrierEventIds: ['e1', 'e2'] }));
                assert.deepEqual(await store.unseenCarrierEvents(['e1', 'e3', 'e2', 'e4']), new Set(['e3', 'e4']));
                assert.deepEqual(await store.unseenCarrierEvents([]), new Set());
                await store.close();
            });

            it('stores calls at the version the writer sets; loadCalls and liveCallsOfAgent read them back', async () => {
                const store = await fresh();
                await store.commit(
                    batch({
                        calls: [
                            call('c1', 1),
                            call('c2', 1, { endedAt: 5 }),
                            call('c3', 1, { agentId: 'agent-2' }),
                            { callKey: 'ivr', state: { phase: 'ivr' }, version: 1 }
                        ]
                    })
                );
                const loaded = await store.loadCalls(['c1', 'ivr', 'missing']);
                assert.deepEqual([...loaded.keys()].sort(), ['c1', 'ivr']);
                assert.deepEqual(loaded.get('c1'), call('c1', 1));
                assert.deepEqual(loaded.get('ivr'), { callKey: 'ivr', state: { phase: 'ivr' }, version: 1 });
                assert.deepEqual(loaded.get('c2'), undefined);
                assert.deepEqual((await store.loadCalls(['c2'])).get('c2'), call('c2', 1, { endedAt: 5 }));
                await store.commit(batch({ calls: [{ ...call('c1', 2), state: { phase: 'held' } }] }));
                assert.equal((await store.loadCalls(['c1'])).get('c1')?.version, 2);
                const live = await store.liveCallsOfAgent('agent-1');
                assert.deepEqual(
                    live.map((c) => [c.callKey, c.state]),
                    [['c1', { phase: 'held' }]]
                );
                assert.deepEqual(await store.liveCallsOfAgent('nobody'), []);
                await store.close();
            });

            it('writes a call it does not hold (new, or purged since it was loaded) at the version carried', async () => {
                const store = await fresh();
                await store.commit(batch({ calls: [call('c1', 7)] }));
                assert.equal((await store.loadCalls(['c1'])).get('c1')?.version, 7);
                await store.close();
            });

            it('keeps the last record of a call written twice in one batch', async () => {
                const store = await fresh();
                await store.commit(
                    batch({ calls: [call('c1', 1, { state: { n: 1 } }), call('c1', 1, { state: { n: 2 } })] })
                );
                const stored = (await store.loadCalls(['c1'])).get('c1');
                assert.deepEqual([stored?.state, stored?.version], [{ n: 2 }, 1]);
                await store.close();
            });

            it('does not share objects with the caller', async () => {
                const store = await fresh();
                const record = call('c1', 1, { state: { list: [1] } });
                await store.commit(batch({ calls: [record] }));
                (record.state.list as number[]).push(2);
                assert.deepEqual((await store.loadCalls(['c1'])).get('c1')?.state, { list: [1] });
                await store.close();
            });

            /** Commits a known state, then a failing batch; asserts nothing of the failing batch is visible. */
            async function assertAtomic(failing: Batch, expected: (error: unknown) => boolean): Promise<void> {
                const store = await fresh();
                await store.commit(
                    batch({
                        carrierEventIds: ['seen'],
                        calls: [call('c1', 1)],
                        agentEvents: [{ agentId: 'a', event: hold('c1') }],
                        jobs: [job('c1', 1)]
                    })
                );
                await assert.rejects(store.commit(failing), expected);
                assert.deepEqual(await store.unseenCarrierEvents(['new-1', 'new-2']), new Set(['new-1', 'new-2']));
                assert.deepEqual(await store.loadCalls(['c1', 'c2']), new Map([['c1', call('c1', 1)]]));
                assert.equal(await store.lastAgentSeq('a'), 1);
                assert.equal(await store.lastAgentSeq('b'), 0);
                assert.equal(await store.outboxDepth(), 1);
                // And the store still works: the sequence continues where it was.
                const [next] = await store.commit(batch({ agentEvents: [{ agentId: 'a', event: hold('c1') }] }));
                assert.equal(next?.seq, 2);
                await store.close();
            }

            const everything = (extra: Partial<Batch>): Batch =>
                batch({
                    carrierEventIds: ['new-1', 'new-2'],
                    calls: [call('c2', 1), call('c1', 2)],
                    agentEvents: [
                        { agentId: 'a', event: hold('c1') },
                        { agentId: 'b', event: hold('c2') }
                    ],
                    jobs: [job('c1', 2), job('c2', 1)],
                    ...extra
                });
            const conflict = (reason: string) => (error: unknown) =>
                error instanceof StoreConflictError && error.reason === reason;

            it('is atomic: a carrier event id already committed fails the whole batch', () =>
                assertAtomic(
                    everything({ carrierEventIds: ['new-1', 'seen', 'new-2'] }),
                    conflict('duplicateCarrierEvent')
                ));

            it('is atomic: a carrier event id twice in one batch fails it', () =>
                assertAtomic(everything({ carrierEventIds: ['new-1', 'new-1'] }), conflict('duplicateCarrierEvent')));

            it('is atomic: a call written by someone else since it was loaded fails the whole batch', () =>
                assertAtomic(everything({ calls: [call('c2', 1), call('c1', 1)] }), conflict('staleCall')));

            it('is atomic: a call skipping a version fails the whole batch', () =>
                assertAtomic(everything({ calls: [call('c2', 1), call('c1', 3)] }), conflict('staleCall')));

            it('is atomic: a value JSON cannot carry, met mid-way, fails the whole batch', () =>
                assertAtomic(
                    everything({ calls: [call('c2', 1), call('c1', 2, { state: { big: 1n } })] }),
                    (error) => error instanceof TypeError
                ));

            it('is atomic: an agent event JSON cannot carry fails the whole batch', () =>
                assertAtomic(
                    everything({
                        agentEvents: [
                            { agentId: 'a', event: hold('c1') },
                            { agentId: 'b', event: { ...hold('c2'), extra: 1n } as unknown as TelephonyEvent }
                        ]
                    }),
                    (error) => error instanceof TypeError
                ));
        });

        describe('agent events', () => {
            it('agentEventsAfter: oldest first, after the given seq, at most limit', async () => {
                const store = await fresh();
                for (let i = 0; i < 5; i++) {
                    await store.commit(batch({ agentEvents: [{ agentId: 'a', event: hold(`c${i}`) }] }));
                }
                const after2 = await store.agentEventsAfter('a', 2, 2);
                assert.deepEqual(
                    after2?.map((e) => [e.seq, e.event]),
                    [
                        [3, hold('c2')],
                        [4, hold('c3')]
                    ]
                );
                assert.deepEqual(
                    (await store.agentEventsAfter('a', 0, 100))?.map((e) => e.seq),
                    [1, 2, 3, 4, 5]
                );
                assert.deepEqual(await store.agentEventsAfter('a', 5, 10), []);
                assert.deepEqual(await store.agentEventsAfter('a', 1, 0), []);
                assert.deepEqual(await store.agentEventsAfter('nobody', 0, 10), []);
                await store.close();
            });

            it('after a purge: undefined for a seq whose successors are gone, the rest still served', async () => {
                const store = await fresh();
                for (let i = 1; i <= 6; i++) {
                    time = 1_000_000 + i * 100;
                    await store.commit(
                        batch({
                            agentEvents: [
                                { agentId: 'a', event: hold(`c${i}`) },
                                { agentId: 'b', event: hold(`c${i}`) }
                            ]
                        })
                    );
                }
                // Events 1..3 were committed before 1_000_350.
                await store.purge(1_000_350);
                for (const agentId of ['a', 'b']) {
                    assert.equal(await store.agentEventsAfter(agentId, 0, 10), undefined);
                    assert.equal(await store.agentEventsAfter(agentId, 2, 10), undefined);
                    assert.deepEqual(
                        (await store.agentEventsAfter(agentId, 3, 10))?.map((e) => e.seq),
                        [4, 5, 6]
                    );
                    assert.equal(await store.lastAgentSeq(agentId), 6);
                }
                // The sequence continues; a purge of everything keeps it going.
                const [seventh] = await store.commit(batch({ agentEvents: [{ agentId: 'a', event: hold('c7') }] }));
                assert.equal(seventh?.seq, 7);
                await store.purge(time + 1);
                assert.equal(await store.agentEventsAfter('a', 6, 10), undefined);
                assert.deepEqual(await store.agentEventsAfter('a', 7, 10), []);
                const [eighth] = await store.commit(batch({ agentEvents: [{ agentId: 'a', event: hold('c8') }] }));
                assert.equal(eighth?.seq, 8);
                assert.deepEqual(
                    (await store.agentEventsAfter('a', 7, 10))?.map((e) => e.seq),
                    [8]
                );
                await store.close();
            });
        });

        describe('agent devices', () => {
            it('records each part apart: a change of one leaves the others, a purge leaves them all', async () => {
                const store = await fresh();
                assert.equal(await store.loadAgentDevice('a'), undefined);
                await store.updateAgentDevice('a', { isMuted: true });
                assert.deepEqual(await store.loadAgentDevice('a'), { isMuted: true, phone: { type: 'SOFT_PHONE' } });
                await store.updateAgentDevice('a', { phone: { type: 'DESK_PHONE', number: '+14155550123' } });
                await store.updateAgentDevice('a', {
                    vendorStatus: { statusId: '0N5xx', statusName: 'Available', statusType: 'ROUTABLE' }
                });
                await store.updateAgentDevice('a', { isMuted: false });
                await store.updateAgentDevice('b', { isMuted: true });
                await store.purge(time + 1_000_000);
                assert.deepEqual(await store.loadAgentDevice('a'), {
                    isMuted: false,
                    phone: { type: 'DESK_PHONE', number: '+14155550123' },
                    vendorStatus: { statusId: '0N5xx', statusName: 'Available', statusType: 'ROUTABLE' }
                });
                assert.deepEqual(await store.loadAgentDevice('b'), { isMuted: true, phone: { type: 'SOFT_PHONE' } });
                await store.close();
            });
        });

        describe('purge', () => {
            it('deletes old carrier ids, ended calls and done jobs; keeps live calls, unfinished and dead jobs', async () => {
                const store = await fresh();
                await store.commit(
                    batch({
                        carrierEventIds: ['old'],
                        calls: [call('ended', 1, { endedAt: time }), call('live', 1)],
                        jobs: [job('a', 1), job('b', 1), job('c', 1)]
                    })
                );
                const [a, b] = await store.claimJobs(2, time, LEASE);
                assert.ok(a && b);
                await store.completeJobs([{ id: a.id, result: { status: 200 } }]);
                await store.failJob(b.id, 'refused');
                time += 10;
                await store.commit(
                    batch({ carrierEventIds: ['new'], calls: [call('ended-later', 1, { endedAt: time })] })
                );
                await store.purge(time);
                assert.deepEqual(await store.unseenCarrierEvents(['old', 'new']), new Set(['old']));
                assert.deepEqual([...(await store.loadCalls(['ended', 'live', 'ended-later'])).keys()].sort(), [
                    'ended-later',
                    'live'
                ]);
                assert.equal(await store.outboxDepth(), 1);
                assert.deepEqual(
                    (await store.deadJobs(10)).map((j) => j.id),
                    [b.id]
                );
                await store.close();
            });
        });

        describe('outbox', () => {
            it('claims, per call, only its oldest job; calls in parallel; oldest first; up to limit', async () => {
                const store = await fresh();
                await store.commit(batch({ jobs: [job('c1', 1), job('c2', 1), job('c1', 2)] }));
                await store.commit(batch({ jobs: [job('c3', 1), job('c2', 2)] }));
                assert.equal(await store.outboxDepth(), 5);
                const two = await store.claimJobs(2, time, LEASE);
                assert.deepEqual(
                    two.map((j) => [j.job.callKey, j.attempts, j.createdAt]),
                    [
                        ['c1', 0, time],
                        ['c2', 0, time]
                    ]
                );
                assert.deepEqual(holdsOf(two), [1, 1]);
                const rest = await store.claimJobs(10, time, LEASE);
                assert.deepEqual(
                    rest.map((j) => j.job),
                    [job('c3', 1)]
                );
                assert.deepEqual(await store.claimJobs(10, time, LEASE), []);
                assert.equal(await store.outboxDepth(), 5);
                await store.close();
            });

            it('complete releases the call: its next job becomes claimable; completing twice is harmless', async () => {
                const store = await fresh();
                await store.commit(batch({ jobs: [job('c1', 1), job('c1', 2), job('c1', 3)] }));
                const [first] = await store.claimJobs(10, time, LEASE);
                assert.ok(first);
                await store.completeJobs([{ id: first.id, result: { status: 201, voiceCallId: '0LQ' } }]);
                await store.completeJobs([{ id: first.id, result: { status: 201 } }]);
                const [second] = await store.claimJobs(10, time, LEASE);
                assert.deepEqual(holdsOf(second ? [second] : []), [2]);
                assert.equal(await store.outboxDepth(), 2);
                await store.close();
            });

            it('completeJobs with a claim claims in the same commit what claimJobs would claim next', async () => {
                const store = await fresh();
                await store.commit(batch({ jobs: [job('c1', 1), job('c1', 2), job('c2', 1), job('c1', 3)] }));
                await store.commit(batch({ jobs: [job('c3', 1), job('c4', 1)] }));
                const [c1, c2] = await store.claimJobs(2, time, LEASE);
                assert.ok(c1 && c2);
                // c1's next job (older than c3's and c4's first) comes first; the limit holds; c2 has no next job.
                const claimed = await store.completeJobs(
                    [
                        { id: c1.id, result: { status: 200 } },
                        { id: c2.id, result: { status: 200 } }
                    ],
                    { limit: 2, now: time, leaseMs: LEASE }
                );
                assert.deepEqual(
                    claimed.map((j) => j.job),
                    [job('c1', 2), job('c3', 1)]
                );
                assert.ok(claimed.every((j) => j.attempts === 0 && j.createdAt === time));
                // Claimed for real: not claimable again within the lease.
                assert.deepEqual(
                    (await store.claimJobs(10, time, LEASE)).map((j) => j.job),
                    [job('c4', 1)]
                );
                assert.deepEqual(
                    await store.completeJobs([{ id: claimed[0]?.id ?? 0, result: { status: 200 } }], {
                        limit: 0,
                        now: time,
                        leaseMs: LEASE
                    }),
                    [],
                    'a limit of 0 claims nothing'
                );
                assert.deepEqual(
                    (await store.completeJobs([], { limit: 5, now: time, leaseMs: LEASE })).map((j) => j.job),
                    [job('c1', 3)],
                    'with no completions it claims like claimJobs'
                );
                assert.deepEqual(await store.completeJobs([{ id: claimed[1]?.id ?? 0, result: { status: 200 } }]), []);
                assert.equal(await store.outboxDepth(), 2);
                await store.close();
            });

            it('a lease that expires makes the job claimable again (takeover of a dead claimer)', async () => {
                const store = await fresh();
                await store.commit(batch({ jobs: [job('c1', 1), job('c1', 2)] }));
                const [claimed] = await store.claimJobs(10, time, LEASE);
                assert.ok(claimed);
                assert.deepEqual(await store.claimJobs(10, time + LEASE - 1, LEASE), []);
                const [again] = await store.claimJobs(10, time + LEASE, LEASE);
                assert.equal(again?.id, claimed.id);
                // The new lease counts from the takeover.
                assert.deepEqual(await store.claimJobs(10, time + 2 * LEASE - 1, LEASE), []);
                await store.close();
            });

            it('reschedule: the job waits until notBefore, keeps its place, counts attempts and the error', async () => {
                const store = await fresh();
                await store.commit(batch({ jobs: [job('c1', 1), job('c1', 2), job('c2', 1)] }));
                const claimed = await store.claimJobs(10, time, LEASE);
                const c1 = claimed.find((j) => j.job.callKey === 'c1');
                assert.ok(c1);
                await store.rescheduleJob(c1.id, time + 500, 3, '503 Service Unavailable');
                assert.deepEqual(await store.claimJobs(10, time + 499, LEASE), []);
                const [retried] = await store.claimJobs(10, time + 500, LEASE);
                assert.deepEqual(
                    [retried?.id, retried?.attempts, retried?.notBefore, retried?.lastError],
                    [c1.id, 3, time + 500, '503 Service Unavailable']
                );
                await store.rescheduleJob(c1.id, time, 3, 'again');
                const [third] = await store.claimJobs(10, time + 500, LEASE);
                assert.deepEqual([third?.id, third?.attempts], [c1.id, 6]);
                await store.close();
            });

            it('fail: the job is dead (listed, never claimed again) and the call moves on', async () => {
                const store = await fresh();
                await store.commit(batch({ jobs: [job('c1', 1), job('c1', 2)] }));
                const [first] = await store.claimJobs(10, time, LEASE);
                assert.ok(first);
                await store.failJob(first.id, '400 INVALID_FIELD', 3);
                const [second] = await store.claimJobs(10, time, LEASE);
                assert.deepEqual(holdsOf(second ? [second] : []), [2]);
                const dead = await store.deadJobs(10);
                assert.deepEqual(
                    dead.map((j) => [j.id, j.attempts, j.lastError]),
                    [[first.id, 3, '400 INVALID_FIELD']]
                );
                assert.equal(await store.outboxDepth(), 1);
                // A late reschedule or failure of a finished job changes nothing.
                await store.rescheduleJob(first.id, time, 1, 'late');
                await store.failJob(first.id, 'late');
                assert.equal((await store.deadJobs(10))[0]?.lastError, '400 INVALID_FIELD');
                // Only the live job comes back once its lease is over; the dead one never does.
                assert.deepEqual(
                    (await store.claimJobs(10, time + 10 * LEASE, LEASE)).map((j) => j.id),
                    [second?.id]
                );
                await store.close();
            });

            it('a job claimed after it lost its lease stays at the head until someone finishes it', async () => {
                const store = await fresh();
                await store.commit(batch({ jobs: [job('c1', 1), job('c1', 2)] }));
                const [lost] = await store.claimJobs(10, time, LEASE);
                time += LEASE;
                const [taken] = await store.claimJobs(10, time, LEASE);
                assert.equal(taken?.id, lost?.id);
                assert.deepEqual(await store.claimJobs(10, time, LEASE), []);
                await store.completeJobs([{ id: lost?.id ?? 0, result: { status: 200 } }]);
                assert.deepEqual(holdsOf(await store.claimJobs(10, time, LEASE)), [2]);
                await store.close();
            });

            it('refuses work once closed', async () => {
                const store = await fresh();
                await store.close();
                await assert.rejects(store.outboxDepth());
                await assert.rejects(store.commit(batch({})));
                await store.close();
            });
        });

        describe('model-based: random commits, claims, completions, reschedules, failures, crashes', () => {
            type Op =
                | { op: 'commit'; calls: number[] }
                | { op: 'claim'; limit: number }
                | { op: 'complete'; pick: number[] }
                | { op: 'reschedule'; pick: number; delay: number }
                | { op: 'fail'; pick: number }
                | { op: 'drop'; pick: number }
                | { op: 'tick'; ms: number };
            const ops: fc.Arbitrary<Op> = fc.oneof(
                fc.record({ op: fc.constant('commit' as const), calls: fc.array(fc.nat(3), { maxLength: 5 }) }),
                fc.record({ op: fc.constant('claim' as const), limit: fc.integer({ min: 1, max: 4 }) }),
                fc.record({ op: fc.constant('complete' as const), pick: fc.array(fc.nat(), { maxLength: 3 }) }),
                fc.record({ op: fc.constant('reschedule' as const), pick: fc.nat(), delay: fc.nat(30) }),
                fc.record({ op: fc.constant('fail' as const), pick: fc.nat() }),
                fc.record({ op: fc.constant('drop' as const), pick: fc.nat() }),
                fc.record({ op: fc.constant('tick' as const), ms: fc.nat(40) })
            );
            const MODEL_LEASE = 50;

            it('never hands out a job before the older unfinished ones of its call, never loses one', async () => {
                await fc.assert(
                    fc.asyncProperty(fc.array(ops, { maxLength: 60 }), async (script) => {
                        const store = await fresh();
                        try {
                            await runModel(store, script);
                        } finally {
                            await store.close();
                        }
                    }),
                    { numRuns: 150 }
                );
            });

            /**
             * The model names jobs by their number (numberOfHolds, unique in a run), not by the store's ids, which
             * commit does not return.
             */
            async function runModel(store: Store, script: Op[]): Promise<void> {
                /** Per call, its job numbers in commit order. */
                const committed = new Map<string, number[]>();
                const finished = new Set<number>();
                const dead = new Set<number>();
                /** Per call, the job numbers in the order they were completed. */
                const completedOrder = new Map<string, number[]>();
                /** Claims this "worker" holds, by job number. */
                const held = new Map<number, { id: number; callKey: string; leaseUntil: number }>();
                let numbered = 0;
                const numberOf = (j: { job: SalesforceJob }): number => holdsOf([j])[0] ?? -1;
                const pickHeld = (pick: number): [number, { id: number; callKey: string }] | undefined => {
                    const entries = [...held];
                    return entries.length === 0 ? undefined : entries[pick % entries.length];
                };
                const finish = (n: number, callKey: string, isDone: boolean): void => {
                    assert.ok(!finished.has(n), `job ${n} finished once`);
                    finished.add(n);
                    if (isDone) completedOrder.set(callKey, [...(completedOrder.get(callKey) ?? []), n]);
                    else dead.add(n);
                };
                const claim = async (limit: number): Promise<OutboxJob[]> => {
                    const claimed = await store.claimJobs(limit, time, MODEL_LEASE);
                    const calls = claimed.map((j) => j.job.callKey);
                    assert.equal(new Set(calls).size, calls.length, 'one job per call per claim');
                    for (const j of claimed) {
                        const head = committed.get(j.job.callKey)?.find((n) => !finished.has(n));
                        assert.equal(numberOf(j), head, `job ${numberOf(j)} is its call's oldest unfinished`);
                        for (const [n, h] of held) {
                            if (h.callKey === j.job.callKey && n !== numberOf(j)) {
                                assert.ok(h.leaseUntil <= time, 'no second claim on a call while a lease runs');
                            }
                        }
                    }
                    return claimed;
                };

                for (const step of script) {
                    if (step.op === 'commit') {
                        const jobs = step.calls.map((c) => job(`call-${c}`, ++numbered));
                        await store.commit(batch({ jobs }));
                        for (const j of jobs)
                            committed.set(j.callKey, [...(committed.get(j.callKey) ?? []), numberOf({ job: j })]);
                    } else if (step.op === 'claim') {
                        for (const j of await claim(step.limit)) {
                            held.set(numberOf(j), { id: j.id, callKey: j.job.callKey, leaseUntil: time + MODEL_LEASE });
                        }
                    } else if (step.op === 'complete') {
                        const picked = new Map(step.pick.map((p) => pickHeld(p)).filter((h) => h !== undefined));
                        await store.completeJobs(
                            [...picked.values()].map(({ id }) => ({ id, result: { status: 200 } }))
                        );
                        for (const [n, { callKey }] of picked) {
                            held.delete(n);
                            finish(n, callKey, true);
                        }
                    } else if (step.op === 'reschedule' || step.op === 'fail' || step.op === 'drop') {
                        const picked = pickHeld(step.pick);
                        if (picked === undefined) continue;
                        const [n, { id, callKey }] = picked;
                        held.delete(n);
                        if (step.op === 'reschedule') await store.rescheduleJob(id, time + step.delay, 1, 'retry');
                        if (step.op === 'fail') {
                            await store.failJob(id, 'refused');
                            finish(n, callKey, false);
                        }
                        // 'drop': the claimer died; only the lease frees the job.
                    } else {
                        time += step.ms;
                    }
                }

                // Drain, far enough in the future that every lease and backoff is over.
                held.clear();
                time += 10_000;
                for (let claimed = await claim(100); claimed.length > 0; claimed = await claim(100)) {
                    await store.completeJobs(claimed.map((j) => ({ id: j.id, result: { status: 200 } })));
                    for (const j of claimed) finish(numberOf(j), j.job.callKey, true);
                }
                assert.equal(await store.outboxDepth(), 0);
                for (const [callKey, numbers] of committed) {
                    assert.deepEqual(
                        completedOrder.get(callKey) ?? [],
                        numbers.filter((n) => !dead.has(n)),
                        `${callKey}: every job completed once, in commit order`
                    );
                }
                assert.deepEqual(
                    (await store.deadJobs(1000)).map(numberOf),
                    [...dead].sort((a, b) => a - b)
                );
            }
        });

        const durable = factory.durable;
        if (durable !== undefined) {
            describe('across reopen', () => {
                it('keeps sequences gapless, the outbox, carrier ids, calls and running leases', async () => {
                    const place = durable();
                    try {
                        const first = await place.open(clock);
                        await first.commit(
                            batch({
                                carrierEventIds: ['e1'],
                                calls: [call('c1', 1)],
                                agentEvents: [
                                    { agentId: 'a', event: hold('c1') },
                                    { agentId: 'a', event: hold('c1') }
                                ],
                                jobs: [job('c1', 1), job('c1', 2), job('c2', 1)]
                            })
                        );
                        const claimed = await first.claimJobs(1, time, LEASE);
                        await first.close();

                        const second = await place.open(clock);
                        const [third] = await second.commit(
                            batch({ agentEvents: [{ agentId: 'a', event: hold('c1') }] })
                        );
                        assert.equal(third?.seq, 3);
                        assert.deepEqual(
                            (await second.agentEventsAfter('a', 0, 10))?.map((e) => e.seq),
                            [1, 2, 3]
                        );
                        assert.deepEqual(await second.unseenCarrierEvents(['e1']), new Set());
                        assert.equal((await second.loadCalls(['c1'])).get('c1')?.version, 1);
                        assert.equal(await second.outboxDepth(), 3);
                        // c1's head is still leased by the claimer that went away; c2 is free.
                        assert.deepEqual(
                            (await second.claimJobs(10, time, LEASE)).map((j) => j.job),
                            [job('c2', 1)]
                        );
                        const [takenOver] = await second.claimJobs(10, time + LEASE, LEASE);
                        assert.equal(takenOver?.id, claimed[0]?.id);
                        await second.close();
                    } finally {
                        place.dispose();
                    }
                });
            });
        }
    });
}
