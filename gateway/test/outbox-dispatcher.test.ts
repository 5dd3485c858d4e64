// The outbox dispatcher against a fake Telephony Integration API: a call's jobs go out one at a time and in order
// whatever fails, calls go in parallel, and a stop, a crash or a restart loses nothing.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import { pino } from 'pino';
import { OutboxDispatcher, type FailureInfo, type OutboxDispatcherOptions } from '../src/outbox/outbox-dispatcher.js';
import {
    TelephonyApiError,
    type SalesforceJob,
    type SalesforceJobResult,
    type TelephonyApi
} from '../src/salesforce/telephony-api.js';
import { createMemoryStore } from '../src/store/memory-store.js';
import { openSqliteStore } from '../src/store/sqlite-store.js';
import type { Store } from '../src/store/store.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await sleep(1);
    }
}

/** The n-th job of a call: n is carried in the body so the fake can tell jobs apart. */
function job(callKey: string, n: number): SalesforceJob {
    return { kind: 'updateVoiceCall', callKey, body: { numberOfHolds: n } };
}
const numberOf = (j: SalesforceJob): number => (j.kind === 'updateVoiceCall' ? (j.body.numberOfHolds ?? -1) : -1);

type Outcome = 'ok' | 'hang' | Error;

/** Records every send; `outcome` decides each one (by the job and how many times it was sent before). */
class FakeTelephonyApi implements TelephonyApi {
    readonly sends: SalesforceJob[] = [];
    readonly accepted: SalesforceJob[] = [];
    maxActive = 0;
    maxActivePerCall = 0;
    private active = 0;
    private readonly activePerCall = new Map<string, number>();
    private readonly sendCounts = new Map<string, number>();

    constructor(
        private readonly outcome: (job: SalesforceJob, previousSends: number) => Outcome = () => 'ok',
        private readonly latencyMs: () => number = () => 0
    ) {}

    async send(sent: SalesforceJob): Promise<SalesforceJobResult> {
        this.sends.push(sent);
        const key = `${sent.callKey}#${numberOf(sent)}`;
        const previous = this.sendCounts.get(key) ?? 0;
        this.sendCounts.set(key, previous + 1);
        const perCall = (this.activePerCall.get(sent.callKey) ?? 0) + 1;
        this.activePerCall.set(sent.callKey, perCall);
        this.maxActivePerCall = Math.max(this.maxActivePerCall, perCall);
        this.maxActive = Math.max(this.maxActive, ++this.active);
        const outcome = this.outcome(sent, previous);
        if (outcome === 'hang') return new Promise(() => {});
        try {
            await sleep(this.latencyMs());
            if (outcome instanceof Error) throw outcome;
            this.accepted.push(sent);
            return { status: 200 };
        } finally {
            this.active--;
            this.activePerCall.set(sent.callKey, (this.activePerCall.get(sent.callKey) ?? 1) - 1);
        }
    }

    /** Per call, the job numbers in the order they were sent (`accepted`: only the accepted sends). */
    order(which: 'sends' | 'accepted' = 'accepted'): Map<string, number[]> {
        const byCall = new Map<string, number[]>();
        for (const j of this[which]) byCall.set(j.callKey, [...(byCall.get(j.callKey) ?? []), numberOf(j)]);
        return byCall;
    }
}

const EMPTY = { carrierEventIds: [], calls: [], agentEvents: [] };

/** Commits `jobsPerCall` jobs for each call, interleaved over several batches, as a busy gateway would. */
async function commitJobs(store: Store, calls: number, jobsPerCall: number, prefix = 'call'): Promise<void> {
    for (let n = 1; n <= jobsPerCall; n++) {
        await store.commit({ ...EMPTY, jobs: Array.from({ length: calls }, (_, c) => job(`${prefix}-${c}`, n)) });
    }
}

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i + 1);

const dispatchers: OutboxDispatcher[] = [];
function dispatcher(options: OutboxDispatcherOptions): OutboxDispatcher {
    const created = new OutboxDispatcher({ pollMs: 5, backoff: { baseMs: 1, maxMs: 5 }, ...options });
    dispatchers.push(created);
    return created;
}
afterEach(async () => {
    await Promise.all(dispatchers.splice(0).map((d) => d.stop(100)));
});

const dir = mkdtempSync(join(tmpdir(), 'switchboard-outbox-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('OutboxDispatcher', () => {
    it("sends each call's jobs in order, one at a time, many calls in parallel", async () => {
        const store = createMemoryStore();
        await commitJobs(store, 100, 6);
        const api = new FakeTelephonyApi(undefined, () => Math.floor(Math.random() * 3));
        const outbox = dispatcher({ store, api, concurrency: 16, pollMs: 50 });
        outbox.start();
        await outbox.drain(10_000);
        for (const [callKey, numbers] of api.order()) assert.deepEqual(numbers, range(6), callKey);
        assert.equal(api.order().size, 100);
        assert.equal(api.maxActivePerCall, 1);
        assert.ok(api.maxActive <= 16 && api.maxActive > 1, `max in flight ${api.maxActive}`);
        assert.deepEqual(outbox.stats(), { inFlight: 0, sent: 600, failed: 0, retried: 0, dead: 0 });
    });

    it('records completions in few store commits', async () => {
        const store = createMemoryStore();
        let commits = 0;
        const completeJobs = store.completeJobs.bind(store);
        store.completeJobs = (done) => {
            commits++;
            return completeJobs(done);
        };
        await commitJobs(store, 64, 1);
        const outbox = dispatcher({ store, api: new FakeTelephonyApi(), concurrency: 64 });
        outbox.start();
        await outbox.drain(5000);
        assert.ok(commits <= 8, `${commits} completeJobs calls for 64 jobs`);
    });

    it("claims a call's next job in the commit that records the last one's completion, not in a claim of its own", async () => {
        const store = createMemoryStore();
        let claims = 0;
        const claimJobs = store.claimJobs.bind(store);
        store.claimJobs = (...args) => {
            claims++;
            return claimJobs(...args);
        };
        await commitJobs(store, 1, 40);
        const api = new FakeTelephonyApi();
        const outbox = dispatcher({ store, api, pollMs: 60_000 });
        outbox.start();
        // Not drain(): it kicks a claim on every look.
        await until(() => api.order().get('call-0')?.length === 40, 'the 40 sends');
        assert.deepEqual(api.order().get('call-0'), range(40));
        assert.ok(claims <= 2, `${claims} claimJobs calls for one call's 40 jobs`);
        await outbox.stop();
    });

    it('retries a retryable failure in place: the call waits, order holds, the job gets through', async () => {
        const store = createMemoryStore();
        await commitJobs(store, 30, 4);
        const api = new FakeTelephonyApi((j, previous) =>
            numberOf(j) === 2 && previous < 2 ? new TelephonyApiError('Service Unavailable', true, 503) : 'ok'
        );
        const failures: FailureInfo[] = [];
        const outbox = dispatcher({ store, api, onFailure: (_job, _error, info) => failures.push(info) });
        outbox.start();
        await outbox.drain(5000);
        for (const [callKey, numbers] of api.order('sends')) assert.deepEqual(numbers, [1, 2, 2, 2, 3, 4], callKey);
        assert.equal(failures.length, 60);
        assert.equal(failures.filter((f) => f.firstRoundExhausted).length, 30);
        assert.ok(failures.every((f) => !f.final));
        assert.deepEqual(
            [...new Set(failures.map((f) => f.attempts))].sort((a, b) => a - b),
            [3, 6]
        );
        assert.deepEqual(outbox.stats(), { inFlight: 0, sent: 120, failed: 60, retried: 60, dead: 0 });
    });

    it('gives up a job Salesforce refuses (dead, reported final) and goes on with the call', async () => {
        const store = createMemoryStore();
        await commitJobs(store, 3, 3);
        const api = new FakeTelephonyApi((j) =>
            j.callKey === 'call-1' && numberOf(j) === 2 ? new TelephonyApiError('INVALID_FIELD', false, 400) : 'ok'
        );
        const reported: [SalesforceJob, FailureInfo][] = [];
        const outbox = dispatcher({ store, api, onFailure: (j, _error, info) => reported.push([j.job, info]) });
        outbox.start();
        await outbox.drain(5000);
        assert.deepEqual(api.order('sends').get('call-1'), [1, 2, 3]);
        assert.deepEqual(reported, [[job('call-1', 2), { attempts: 3, final: true, firstRoundExhausted: true }]]);
        const dead = await store.deadJobs(10);
        assert.deepEqual(
            dead.map((d) => [d.job, d.lastError, d.attempts]),
            [[job('call-1', 2), '400 INVALID_FIELD', 3]]
        );
        assert.equal(outbox.stats().dead, 1);
    });

    it('retries an unexpected error (not a TelephonyApiError) rather than dropping the job', async () => {
        const store = createMemoryStore();
        await commitJobs(store, 1, 2);
        const api = new FakeTelephonyApi((j, previous) =>
            numberOf(j) === 1 && previous === 0 ? new TypeError('body could not be built') : 'ok'
        );
        const outbox = dispatcher({ store, api, logger: pino({ level: 'silent' }) });
        outbox.start();
        await outbox.drain(5000);
        assert.deepEqual(api.order('sends').get('call-0'), [1, 1, 2]);
    });

    it('treats a send that does not answer in time as a retryable failure', async () => {
        const store = createMemoryStore();
        await commitJobs(store, 1, 2);
        const api = new FakeTelephonyApi((j, previous) => (numberOf(j) === 1 && previous === 0 ? 'hang' : 'ok'));
        const outbox = dispatcher({ store, api, sendTimeoutMs: 30 });
        outbox.start();
        await outbox.drain(5000);
        assert.deepEqual(api.order('sends').get('call-0'), [1, 1, 2]);
        assert.equal(outbox.stats().retried, 1);
    });

    describe('with an injected clock', () => {
        let time = 1_000_000;
        const clock = (): number => time;

        it('honours Retry-After over a shorter backoff', async () => {
            time = 1_000_000;
            const store = createMemoryStore({ now: clock });
            await commitJobs(store, 1, 2);
            const api = new FakeTelephonyApi((j, previous) =>
                numberOf(j) === 1 && previous === 0 ? new TelephonyApiError('Too Many Requests', true, 429, 5000) : 'ok'
            );
            const outbox = dispatcher({ store, api, now: clock, random: () => 0.999, backoff: { baseMs: 500 } });
            outbox.start();
            await until(() => outbox.stats().retried === 1, 'the 429 to be rescheduled');
            time += 4999;
            await sleep(40);
            assert.equal(api.sends.length, 1, 'not before Retry-After');
            time += 1;
            await outbox.drain(3000);
            assert.deepEqual(api.order('sends').get('call-0'), [1, 1, 2]);
        });

        it('backs off with full jitter over base·2^(n−1), capped', async () => {
            time = 1_000_000;
            const store = createMemoryStore({ now: clock });
            await commitJobs(store, 1, 1);
            const api = new FakeTelephonyApi((_j, previous) =>
                previous < 3 ? new TelephonyApiError('Bad Gateway', true, 502) : 'ok'
            );
            const outbox = dispatcher({
                store,
                api,
                now: clock,
                random: () => 0.5,
                backoff: { baseMs: 1000, maxMs: 3000 }
            });
            outbox.start();
            // Delays: 0.5·1000, then 0.5·2000, then 0.5·min(4000, 3000).
            for (const [sends, delay] of [
                [1, 500],
                [2, 1000],
                [3, 1500]
            ] as const) {
                await until(() => outbox.stats().retried === sends, `failure ${sends} rescheduled`);
                time += delay - 1;
                await sleep(30);
                assert.equal(api.sends.length, sends, `no resend before ${delay} ms`);
                time += 1;
                await until(() => api.sends.length === sends + 1, `resend after ${delay} ms`);
            }
            await outbox.drain(3000);
        });

        it('gives a retryable job up once it is older than maxJobAgeMs', async () => {
            time = 1_000_000;
            const store = createMemoryStore({ now: clock });
            await commitJobs(store, 1, 2);
            const api = new FakeTelephonyApi((j) =>
                numberOf(j) === 1 ? new TelephonyApiError('Service Unavailable', true, 503) : 'ok'
            );
            const infos: FailureInfo[] = [];
            const outbox = dispatcher({
                store,
                api,
                now: clock,
                maxJobAgeMs: 10_000,
                backoff: { baseMs: 1000, maxMs: 1000 },
                onFailure: (_j, _e, info) => infos.push(info)
            });
            outbox.start();
            await until(() => infos.length === 1, 'the first failure');
            time += 10_000;
            await outbox.drain(3000);
            assert.deepEqual(infos, [
                { attempts: 3, final: false, firstRoundExhausted: true },
                { attempts: 6, final: true, firstRoundExhausted: false }
            ]);
            assert.match((await store.deadJobs(1))[0]?.lastError ?? '', /^gave up after 6 attempts: 503/);
            assert.deepEqual(api.order('sends').get('call-0'), [1, 1, 2]);
        });

        it('takes over the jobs of a claimer that died once their lease expires', async () => {
            time = 1_000_000;
            const store = createMemoryStore({ now: clock });
            await commitJobs(store, 1, 2);
            // The dead claimer: claims and is never heard of again.
            assert.equal((await store.claimJobs(10, time, 1000)).length, 1);
            const api = new FakeTelephonyApi();
            const outbox = dispatcher({ store, api, now: clock, leaseMs: 1000 });
            outbox.start();
            await sleep(40);
            assert.equal(api.sends.length, 0, 'the lease still runs');
            time += 1000;
            await outbox.drain(3000);
            assert.deepEqual(api.order().get('call-0'), [1, 2]);
        });
    });

    it('after a crash, a restart over the same SQLite file sends what was left, in order', async () => {
        const path = join(dir, 'restart.db');
        const first = openSqliteStore(path);
        await commitJobs(first, 20, 3);
        const firstApi: FakeTelephonyApi = new FakeTelephonyApi((): Outcome =>
            firstApi.accepted.length >= 10 ? 'hang' : 'ok'
        );
        const crashed = dispatcher({ store: first, api: firstApi, concurrency: 8, leaseMs: 200 });
        crashed.start();
        await until(() => firstApi.accepted.length >= 10 && firstApi.sends.length > 12, 'some sends, some hanging');
        // kill -9: from here on nothing the first dispatcher does reaches the file.
        await first.close();
        await crashed.stop(0);

        const second = openSqliteStore(path);
        const secondApi = new FakeTelephonyApi();
        const restarted = dispatcher({ store: second, api: secondApi, leaseMs: 200 });
        restarted.start();
        await restarted.drain(5000);
        await second.close();

        const all = [...firstApi.accepted, ...secondApi.accepted];
        const byCall = new Map<string, number[]>();
        for (const j of all) byCall.set(j.callKey, [...(byCall.get(j.callKey) ?? []), numberOf(j)]);
        assert.equal(byCall.size, 20);
        for (const [callKey, numbers] of byCall) {
            // Nothing lost, nothing out of order; a job accepted but not recorded before the crash may go twice.
            assert.deepEqual([...new Set(numbers)], [1, 2, 3], callKey);
            assert.deepEqual(
                numbers,
                [...numbers].sort((a, b) => a - b),
                callKey
            );
        }
    });

    it('stop() lets sends in flight finish and records them, then sends nothing more', async () => {
        const store = createMemoryStore();
        await commitJobs(store, 5, 1);
        const api = new FakeTelephonyApi(undefined, () => 30);
        const outbox = dispatcher({ store, api });
        outbox.start();
        await until(() => outbox.stats().inFlight === 5, 'five sends in flight');
        await outbox.stop();
        assert.equal(api.accepted.length, 5);
        assert.equal(await store.outboxDepth(), 0);
        await commitJobs(store, 1, 1, 'later');
        outbox.kick();
        await sleep(30);
        assert.equal(api.sends.length, 5);
    });

    it('stop() gives up on a send that hangs after its timeout and releases the job at once', async () => {
        const store = createMemoryStore();
        await commitJobs(store, 1, 1);
        const api = new FakeTelephonyApi(() => 'hang');
        const outbox = dispatcher({ store, api });
        outbox.start();
        await until(() => api.sends.length === 1, 'the send');
        const started = Date.now();
        await outbox.stop(50);
        assert.ok(Date.now() - started < 1000);
        const [released] = await store.claimJobs(10, Date.now(), 1000);
        assert.deepEqual(released?.job, job('call-0', 1));
    });

    it('gives back the jobs of a claim that was under way when stop() was called', async () => {
        const store = createMemoryStore();
        await commitJobs(store, 2, 1);
        let openGate = (): void => {};
        const gate = new Promise<void>((resolve) => (openGate = resolve));
        let claims = 0;
        const claimJobs = store.claimJobs.bind(store);
        store.claimJobs = async (...args) => {
            claims++;
            await gate;
            return claimJobs(...args);
        };
        const api = new FakeTelephonyApi();
        const outbox = dispatcher({ store, api });
        outbox.start();
        await until(() => claims === 1, 'a claim under way');
        await outbox.stop();
        openGate();
        await sleep(20);
        assert.equal(api.sends.length, 0);
        assert.equal((await claimJobs(10, Date.now(), 1000)).length, 2, 'both jobs claimable at once');
    });

    it('kick() sends a new job at once, without waiting for the poll', async () => {
        const store = createMemoryStore();
        const api = new FakeTelephonyApi();
        const outbox = dispatcher({ store, api, pollMs: 60_000 });
        outbox.start();
        await sleep(20);
        await commitJobs(store, 1, 1);
        await sleep(50);
        assert.equal(api.sends.length, 0, 'nothing before the kick (the poll is a minute away)');
        const kicked = performance.now();
        outbox.kick();
        await until(() => api.sends.length === 1, 'the send');
        const latency = performance.now() - kicked;
        assert.ok(latency < 50, `kick to send: ${latency.toFixed(1)} ms`);
    });

    it('a hook that throws does not stop the outbox', async () => {
        const store = createMemoryStore();
        await commitJobs(store, 2, 2);
        const outbox = dispatcher({
            store,
            api: new FakeTelephonyApi(),
            onResult: () => {
                throw new Error('metrics broke');
            }
        });
        outbox.start();
        await outbox.drain(3000);
        assert.equal(outbox.stats().sent, 4);
    });

    it('drain() rejects when the outbox does not empty in time', async () => {
        const store = createMemoryStore();
        await commitJobs(store, 1, 1);
        const outbox = dispatcher({ store, api: new FakeTelephonyApi(() => 'hang') });
        outbox.start();
        await assert.rejects(outbox.drain(30), /1 jobs left/);
    });
});
