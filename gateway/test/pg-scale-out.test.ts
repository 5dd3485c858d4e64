// Several gateway instances on one PostgreSQL database: what the store contract cannot show with one store. Start-up
// migrations racing, idempotency held by the database across instances, the shared outbox (a call's jobs never in
// parallel nor out of order, whichever instance holds them, and a dead instance's claims taken over), and agent
// events crossing instances (LISTEN/NOTIFY), with the resume-from-seq on another instance.
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { OutboxDispatcher } from '../src/outbox/outbox-dispatcher.js';
import type { SalesforceJob, SalesforceJobResult, TelephonyApi } from '../src/salesforce/telephony-api.js';
import type { PgStore } from '../src/store/pg-store.js';
import { StoreConflictError, type Batch } from '../src/store/store.js';
import { eventually, startHarness, TestAgent } from './harness.js';
import { dropTestSchemas, freshSchema, openTestPgStore, testDatabaseUrl } from './pg-server.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function batch(parts: Partial<Batch>): Batch {
    return { carrierEventIds: [], calls: [], agentEvents: [], jobs: [], ...parts };
}

function update(callKey: string, n: number): SalesforceJob {
    return { kind: 'updateVoiceCall', callKey, body: { numberOfHolds: n } };
}

after(async () => {
    if (process.env.SWITCHBOARD_TEST_DATABASE_URL) await dropTestSchemas();
});

describe('PostgreSQL store, several instances', () => {
    it('three instances starting together migrate once', async () => {
        const schema = freshSchema();
        const stores = await Promise.all([1, 2, 3].map(() => openTestPgStore({ schema })));
        try {
            const { rows } = await stores[0]!.pool.query<{ version: number }>(
                'SELECT version FROM switchboard_schema ORDER BY version'
            );
            assert.deepEqual(
                rows.map((r) => r.version),
                [1, 2]
            );
        } finally {
            await Promise.all(stores.map((s) => s.close()));
        }
    });

    it('says which database it could not reach', async () => {
        const url = new URL(await testDatabaseUrl());
        url.port = '1';
        const { openPgStore } = await import('../src/store/pg-store.js');
        await assert.rejects(
            openPgStore(url.toString(), { connectionTimeoutMs: 2000 }),
            /PostgreSQL store at 127\.0\.0\.1:1\//
        );
    });

    it('a carrier event delivered to two instances at once is committed by one; the other gets a conflict', async () => {
        const schema = freshSchema();
        const [a, b] = await Promise.all([openTestPgStore({ schema }), openTestPgStore({ schema })]);
        try {
            for (let i = 0; i < 20; i++) {
                const outcomes = await Promise.allSettled([
                    a.commit(batch({ carrierEventIds: [`e${i}`], jobs: [update(`c${i}`, 1)] })),
                    b.commit(batch({ carrierEventIds: [`e${i}`], jobs: [update(`c${i}`, 1)] }))
                ]);
                assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1);
                const refused = outcomes.find((o) => o.status === 'rejected');
                assert.ok(
                    refused?.reason instanceof StoreConflictError && refused.reason.reason === 'duplicateCarrierEvent'
                );
            }
            assert.equal(await a.outboxDepth(), 20);
        } finally {
            await Promise.all([a.close(), b.close()]);
        }
    });

    it("two instances writing one call: one wins, the other's batch is refused whole", async () => {
        const schema = freshSchema();
        const [a, b] = await Promise.all([openTestPgStore({ schema }), openTestPgStore({ schema })]);
        try {
            const call = { callKey: 'c1', state: { n: 0 }, version: 1 };
            const outcomes = await Promise.allSettled([
                a.commit(batch({ calls: [call], agentEvents: [{ agentId: 'x', event: ringing('c1') }] })),
                b.commit(batch({ calls: [call], agentEvents: [{ agentId: 'x', event: ringing('c1') }] }))
            ]);
            assert.equal(outcomes.filter((o) => o.status === 'fulfilled').length, 1);
            assert.equal(await a.lastAgentSeq('x'), 1, 'the refused batch numbered nothing');
        } finally {
            await Promise.all([a.close(), b.close()]);
        }
    });

    it("queues a call's VoiceCall creation and each transcript message id once, whoever commits them", async () => {
        const store = await openTestPgStore();
        try {
            const create: SalesforceJob = {
                kind: 'createVoiceCall',
                callKey: 'c1',
                body: { callCenterApiName: 'cc', vendorCallKey: 'c1' } as never
            };
            const message: SalesforceJob = {
                kind: 'createTranscript',
                callKey: 'c1',
                body: { messageId: 'u1' } as never
            };
            await store.commit(batch({ jobs: [create, message] }));
            await store.commit(batch({ jobs: [create, message, { ...message, body: { messageId: 'u2' } as never }] }));
            assert.equal(await store.outboxDepth(), 3);
        } finally {
            await store.close();
        }
    });
});

/** A Telephony Integration API that records, per call, what was sent and whether two sends ever overlapped. */
class RecordingApi implements TelephonyApi {
    readonly order = new Map<string, number[]>();
    readonly active = new Map<string, number>();
    overlaps = 0;
    sends = 0;

    async send(job: SalesforceJob): Promise<SalesforceJobResult> {
        this.sends++;
        const active = (this.active.get(job.callKey) ?? 0) + 1;
        this.active.set(job.callKey, active);
        if (active > 1) this.overlaps++;
        try {
            await sleep(1 + Math.random() * 4);
            const n = job.kind === 'updateVoiceCall' ? (job.body.numberOfHolds ?? -1) : -1;
            this.order.set(job.callKey, [...(this.order.get(job.callKey) ?? []), n]);
            return { status: 200 };
        } finally {
            this.active.set(job.callKey, (this.active.get(job.callKey) ?? 1) - 1);
        }
    }
}

describe('the shared outbox', () => {
    it("three instances drain one outbox: every job once, a call's jobs in order and one at a time; a dead claimer's jobs are taken over", async () => {
        const schema = freshSchema();
        const stores = await Promise.all([1, 2, 3, 4].map(() => openTestPgStore({ schema })));
        const [s1, s2, s3, dead] = stores as [PgStore, PgStore, PgStore, PgStore];
        const api = new RecordingApi();
        const LEASE = 400;
        const dispatchers = [s1, s2, s3].map(
            (store) =>
                new OutboxDispatcher({ store, api, leaseMs: LEASE, sendTimeoutMs: 200, pollMs: 20, concurrency: 8 })
        );
        try {
            const CALLS = 40;
            const JOBS = 6;
            // Jobs committed in rounds from different instances, as carrier events for one call reach any of them.
            for (let n = 1; n <= JOBS; n++) {
                const committer = stores[n % 3]!;
                await committer.commit(
                    batch({ jobs: Array.from({ length: CALLS }, (_, c) => update(`call-${c}`, n)) })
                );
                if (n === 1) {
                    // An instance claims some calls' first jobs and dies with them (kill -9: no release).
                    const claimed = await dead.claimJobs(5, Date.now(), LEASE);
                    assert.equal(claimed.length, 5);
                    for (const d of dispatchers) d.start();
                }
            }
            await eventually(async () => (await s1.outboxDepth()) === 0 || undefined, 'the outbox drained', 20_000);
            assert.equal(api.overlaps, 0, 'no call had two sends in flight');
            assert.equal(api.order.size, CALLS);
            for (const [callKey, order] of api.order)
                assert.deepEqual(order, [1, 2, 3, 4, 5, 6], `${callKey}: every job once, in order`);
            const handled = dispatchers.map((d) => d.stats().sent);
            assert.equal(
                handled.reduce((a, b) => a + b, 0),
                CALLS * JOBS
            );
            assert.ok(handled.filter((n) => n > 0).length >= 2, `work spread over instances: ${handled.join(', ')}`);
        } finally {
            await Promise.all(dispatchers.map((d) => d.stop()));
            await Promise.all(stores.map((s) => s.close()));
        }
    });
});

function ringing(callId: string) {
    return { type: 'callRinging', callId } as never;
}

describe('agents across instances', () => {
    it('an event accepted by instance B reaches the agent connected to instance A; the agent resumes on B', async () => {
        const schema = freshSchema();
        const a = await startHarness({ store: await openTestPgStore({ schema }) });
        const b = await startHarness({ store: await openTestPgStore({ schema }) });
        try {
            const ada = new TestAgent(a.url);
            await ada.connect();
            const welcome = await ada.signIn({ kind: 'password', username: 'ada', password: 'ada-demo-password' });
            assert.equal(welcome.kind, 'welcome');
            const token = welcome.kind === 'welcome' ? welcome.sessionToken : '';

            // B's carrier rings Ada: the call is committed by B, the event reaches Ada on A.
            const callId = await b.carrier.ringInbound({
                from: '+14155550100',
                to: '+18005550199',
                agentId: 'agent-ada'
            });
            await ada.waitForEvent('callRinging');
            // Events for the same call reach A and B alternately: Ada gets all of them, in order, once.
            await a.carrierClient.deliver([
                { ...b.carrier.envelope(callId), type: 'call.answered', agentId: 'agent-ada' }
            ]);
            await b.carrierClient.deliver([{ ...b.carrier.envelope(callId), type: 'call.hold', onHold: true }]);
            await a.carrierClient.deliver([{ ...b.carrier.envelope(callId), type: 'call.hold', onHold: false }]);
            await eventually(
                () => ada.events().filter((e) => e.event.type === 'holdChanged').length === 2 || undefined,
                'both hold changes'
            );
            const seqs = ada.events().map((e) => e.seq);
            assert.deepEqual(
                seqs,
                seqs.map((_, i) => seqs[0]! + i),
                'gapless, in order, once'
            );
            const lastSeq = seqs.at(-1)!;

            // Ada's socket drops; the call ends through A; she reconnects to B and resumes from her last seq.
            ada.drop();
            await eventually(() => ada.closed || undefined, 'socket closed');
            await a.carrierClient.deliver([
                { ...b.carrier.envelope(callId), type: 'call.ended', reason: 'customer_hangup' }
            ]);
            const again = new TestAgent(b.url);
            await again.connect();
            const resumed = await again.signIn({ kind: 'session', token }, { resumeFromSeq: lastSeq });
            assert.equal(resumed.kind === 'welcome' && resumed.resumed, true);
            const ended = await again.waitForEvent('callEnded');
            assert.equal(ended.seq, lastSeq + 1);
            assert.equal(again.events()[0]?.seq, lastSeq + 1);
            again.close();
        } finally {
            await a.close();
            await b.close();
        }
    });

    it("an agent's device (mute, phone, status) is the same on every instance", async () => {
        const schema = freshSchema();
        const a = await startHarness({ store: await openTestPgStore({ schema }) });
        const b = await startHarness({ store: await openTestPgStore({ schema }) });
        try {
            const ada = new TestAgent(a.url);
            await ada.connect();
            await ada.signIn({ kind: 'password', username: 'ada', password: 'ada-demo-password' });
            assert.equal((await ada.request('setPhone', { type: 'DESK_PHONE', number: '+14155550123' })).ok, true);
            assert.equal(
                (
                    await ada.request('setPresence', {
                        statusId: '0N5000000000001',
                        statusName: 'Available',
                        agentStatus: 'Online',
                        enqueueNextState: true
                    })
                ).ok,
                true
            );
            assert.equal((await ada.request('setMute', { muted: true })).ok, true);
            // Connected to B, Ada's softphone starts from what she set through A.
            const there = new TestAgent(b.url);
            await there.connect();
            const welcome = await there.signIn({ kind: 'password', username: 'ada', password: 'ada-demo-password' });
            assert.deepEqual(welcome.kind === 'welcome' ? welcome.snapshot.agent : undefined, {
                isMuted: true,
                phone: { type: 'DESK_PHONE', number: '+14155550123' },
                vendorStatus: { statusId: '0N5000000000001', statusName: 'Available', statusType: 'ROUTABLE' }
            });
            const status = await there.request('getVendorStatus', {});
            assert.deepEqual(status.ok ? status.result : undefined, {
                statusId: '0N5000000000001',
                statusName: 'Available',
                statusType: 'ROUTABLE'
            });
            ada.close();
            there.close();
        } finally {
            await a.close();
            await b.close();
        }
    });

    it('after PostgreSQL drops the listening connection, the agent catches up on what was missed', async () => {
        const schema = freshSchema();
        const storeA = await openTestPgStore({ schema });
        const a = await startHarness({ store: storeA });
        const b = await startHarness({ store: await openTestPgStore({ schema }) });
        const admin = new pg.Client(await testDatabaseUrl());
        await admin.connect();
        try {
            const ada = new TestAgent(a.url);
            await ada.connect();
            await ada.signIn({ kind: 'password', username: 'ada', password: 'ada-demo-password' });
            // Every listening connection is cut (as a failover would); B commits meanwhile.
            await admin.query(
                `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()`
            );
            await b.carrier.ringInbound({ from: '+14155550100', to: '+18005550199', agentId: 'agent-ada' });
            await ada.waitForEvent('callRinging');
            ada.close();
        } finally {
            await admin.end();
            await a.close();
            await b.close();
        }
    });
});
