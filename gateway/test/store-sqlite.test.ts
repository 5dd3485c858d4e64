// What only the SQLite store has: its file, pragmas, migrations, locking, and claimJobs' cost on a large outbox.
// The behaviour it shares with every store is in store-contract.test.ts.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { SalesforceJob } from '../src/salesforce/telephony-api.js';
import { openSqliteStore } from '../src/store/sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'switchboard-sqlite-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const newFile = (): string => join(dir, `gateway-${++files}.db`);

const EMPTY = { carrierEventIds: [], calls: [], agentEvents: [], jobs: [] };

describe('SqliteStore', () => {
    it('runs in WAL mode, batches with synchronous FULL by default, NORMAL on request', async () => {
        const path = newFile();
        const store = openSqliteStore(path);
        assert.deepEqual(store.settings(), { journalMode: 'wal', synchronous: 'full', schemaVersion: 3 });
        // Outbox bookkeeping runs with NORMAL and gives the connection back at FULL for the next batch.
        await store.commit({ ...EMPTY, jobs: [{ kind: 'clearRouting', callKey: 'c1' }] });
        const [claimed] = await store.claimJobs(1, 0, 1000);
        await store.completeJobs([{ id: claimed?.id ?? 0, result: { status: 204 } }]);
        assert.equal(store.settings().synchronous, 'full');
        await store.close();
        const relaxed = openSqliteStore(path, { synchronous: 'normal' });
        assert.equal(relaxed.settings().synchronous, 'normal');
        await relaxed.close();
    });

    it('migrates once: reopening keeps the schema version and the data', async () => {
        const path = newFile();
        const first = openSqliteStore(path);
        await first.commit({ ...EMPTY, carrierEventIds: ['e1'] });
        await first.close();
        const second = openSqliteStore(path);
        assert.equal(second.settings().schemaVersion, 3);
        assert.deepEqual(await second.unseenCarrierEvents(['e1']), new Set());
        await second.close();
    });

    it("upgrades an older gateway's file in place: the new table is added, the data stays", async () => {
        const path = newFile();
        const first = openSqliteStore(path);
        await first.commit({ ...EMPTY, carrierEventIds: ['e1'] });
        await first.close();
        // As the gateway before agent devices left it: schema version 1, no agent_devices table, the first outbox
        // indexes.
        const older = new Database(path);
        older.exec(`
            DROP TABLE agent_devices;
            DROP INDEX outbox_pending_by_call;
            DROP INDEX outbox_dead;
            DROP INDEX outbox_done_by_finished_at;
            CREATE INDEX outbox_by_call ON outbox (call_key, id);
            CREATE INDEX outbox_by_status ON outbox (status, finished_at);`);
        older.pragma('user_version = 1');
        older.close();
        const upgraded = openSqliteStore(path);
        assert.equal(upgraded.settings().schemaVersion, 3);
        assert.deepEqual(await upgraded.unseenCarrierEvents(['e1']), new Set());
        await upgraded.updateAgentDevice('a', { isMuted: true });
        assert.equal((await upgraded.loadAgentDevice('a'))?.isMuted, true);
        await upgraded.close();
    });

    it('upgrades a file with claimed jobs (schema 2): a claim keeps its lease, the jobs behind it keep their order', async () => {
        const path = newFile();
        const first = openSqliteStore(path);
        const jobs: SalesforceJob[] = [1, 2, 3].map(() => ({ kind: 'clearRouting', callKey: 'c1' }));
        await first.commit({ ...EMPTY, jobs: [...jobs, { kind: 'clearRouting', callKey: 'c2' }] });
        await first.close();
        // As schema 2 left a claim: the job 'claimed' with its lease, the head due when the lease ends.
        const older = new Database(path);
        older.exec(`
            DROP INDEX outbox_pending_by_call;
            DROP INDEX outbox_dead;
            DROP INDEX outbox_done_by_finished_at;
            CREATE INDEX outbox_by_call ON outbox (call_key, id);
            CREATE INDEX outbox_by_status ON outbox (status, finished_at);
            UPDATE outbox SET status = 'claimed', lease_until = 5000 WHERE id = 1;
            UPDATE outbox_heads SET due_at = 5000 WHERE call_key = 'c1';`);
        older.pragma('user_version = 2');
        older.close();
        const upgraded = openSqliteStore(path);
        assert.equal(upgraded.settings().schemaVersion, 3);
        assert.equal(await upgraded.outboxDepth(), 4);
        // c1's claim holds until 5000: only c2's job is claimable before.
        assert.deepEqual(
            (await upgraded.claimJobs(10, 4999, 1000)).map((j) => [j.id, j.job.callKey]),
            [[4, 'c2']]
        );
        const [retaken] = await upgraded.claimJobs(10, 5000, 1000);
        assert.equal(retaken?.id, 1);
        await upgraded.completeJobs([{ id: 1, result: { status: 204 } }]);
        assert.deepEqual(
            (await upgraded.claimJobs(10, 5000, 1000)).map((j) => j.id),
            [2]
        );
        await upgraded.failJob(2, 'refused');
        assert.deepEqual(
            (await upgraded.claimJobs(10, 5000, 1000)).map((j) => j.id),
            [3]
        );
        assert.deepEqual(
            (await upgraded.deadJobs(10)).map((j) => j.id),
            [2]
        );
        assert.equal(await upgraded.outboxDepth(), 2);
        await upgraded.close();
    });

    it('refuses a file written by a newer schema', () => {
        const path = newFile();
        const db = new Database(path);
        db.pragma('user_version = 99');
        db.close();
        assert.throws(() => openSqliteStore(path), /schema version 99 is newer/);
    });

    it('a commit that cannot get the write lock in time fails and writes nothing', async () => {
        const path = newFile();
        const store = openSqliteStore(path, { busyTimeoutMs: 20 });
        const other = new Database(path);
        other.exec('BEGIN IMMEDIATE');
        await assert.rejects(store.commit({ ...EMPTY, carrierEventIds: ['e1'] }), /locked|busy/i);
        other.exec('ROLLBACK');
        other.close();
        assert.deepEqual(await store.unseenCarrierEvents(['e1']), new Set(['e1']));
        await store.commit({ ...EMPTY, carrierEventIds: ['e1'] });
        await store.close();
    });

    it('claimJobs stays fast with 100k jobs: most done, the rest waiting behind backed-off heads', async () => {
        const path = newFile();
        const store = openSqliteStore(path, { synchronous: 'normal' });
        const job = (callKey: string): SalesforceJob => ({ kind: 'clearRouting', callKey });
        // 90k done jobs over 9k calls, written directly: going through claim and complete would only be slower.
        const db = new Database(path);
        db.exec(`
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 90000)
            INSERT INTO outbox (call_key, kind, job, status, attempts, not_before, created_at, finished_at, result)
            SELECT 'done-' || (i % 9000), 'clearRouting', json_object('kind', 'clearRouting', 'callKey', 'done-' || (i % 9000)),
                'done', 1, 0, 0, 0, '{"status":204}' FROM n`);
        db.close();
        // 10k waiting: 1000 calls whose heads failed and wait for a retry in the future.
        await store.commit({ ...EMPTY, jobs: Array.from({ length: 10_000 }, (_, i) => job(`waiting-${i % 1000}`)) });
        for (const j of await store.claimJobs(1000, 0, 1000)) await store.rescheduleJob(j.id, 1_000_000, 3, '503');
        assert.equal(await store.outboxDepth(), 10_000);

        const started = process.hrtime.bigint();
        for (let i = 0; i < 100; i++) assert.deepEqual(await store.claimJobs(32, 1000, 1000), []);
        const perClaimMs = Number(process.hrtime.bigint() - started) / 1e6 / 100;
        assert.ok(perClaimMs < 2, `an empty claim took ${perClaimMs.toFixed(3)} ms`);
        assert.equal((await store.claimJobs(2000, 1_000_000, 1000)).length, 1000);
        await store.close();
    });
});
