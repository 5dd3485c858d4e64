// The Store on an embedded SQLite file (better-sqlite3): one gateway instance, one writer. better-sqlite3 is
// synchronous, so every method does its work at once and returns a settled promise; a transaction never spans an
// await, which is what makes the batches atomic without locks of our own.
//
// Durability. The database runs in WAL mode. Batches (commit) run with synchronous FULL by default: the WAL is
// fsynced before commit returns, so a batch the gateway acknowledged to the carrier survives a power loss or kernel
// crash, not only a kill -9. With NORMAL (the `synchronous` option), a commit is written to the OS but not fsynced:
// that survives kill -9 (the page cache outlives the process) but may lose the last commits on power loss.
//
// The outbox bookkeeping (claims, completions, reschedules, failures) always runs with NORMAL: losing the last of
// those on power loss only re-sends jobs, which Salesforce dedupes; never skips or reorders one, because the WAL is
// replayed as a prefix (the next FULL commit also fsyncs every frame before it). That keeps the fsyncs (~0.4 ms
// each on the development disk) to one per event batch.
import Database from 'better-sqlite3';
import type { SalesforceJob, SalesforceJobResult } from '../salesforce/telephony-api.js';
import { eventIdGenerator } from './event-ids.js';
import type { AgentState, TelephonyEvent } from '@switchboard/contracts';
import {
    StoreConflictError,
    toAgentDevice,
    toAgentDeviceRow,
    type AgentDeviceRow,
    type AgentEventRecord,
    type Batch,
    type CallRecord,
    type ClaimRequest,
    type OutboxJob,
    type Store
} from './store.js';

export interface SqliteStoreOptions {
    /** The clock for the times the store records (committed `at`, `createdAt`, purge ages). */
    now?: () => number;
    /** For event batches; see the file comment. Default 'full'. */
    synchronous?: 'full' | 'normal';
    /** How long a statement waits for a lock held by another connection (a backup, an operator's sqlite3 shell). */
    busyTimeoutMs?: number;
}

/**
 * Schema versions, applied in order; PRAGMA user_version records how many ran. Append only: a released migration
 * never changes, since files in the field have already run it.
 */
const MIGRATIONS: readonly string[] = [
    `
    CREATE TABLE carrier_events (
        event_id TEXT PRIMARY KEY,
        seen_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX carrier_events_by_seen_at ON carrier_events (seen_at);

    CREATE TABLE calls (
        call_key TEXT PRIMARY KEY,
        agent_id TEXT,
        state TEXT NOT NULL,
        version INTEGER NOT NULL,
        ended_at INTEGER
    );
    CREATE INDEX calls_live_by_agent ON calls (agent_id) WHERE ended_at IS NULL;
    CREATE INDEX calls_by_ended_at ON calls (ended_at) WHERE ended_at IS NOT NULL;

    CREATE TABLE agent_events (
        agent_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        event_id TEXT NOT NULL UNIQUE,
        caused_by TEXT,
        event TEXT NOT NULL,
        at INTEGER NOT NULL,
        PRIMARY KEY (agent_id, seq)
    ) WITHOUT ROWID;
    CREATE INDEX agent_events_by_at ON agent_events (at);

    -- purged_through: the highest seq purge deleted; events after a seq below it are gone.
    CREATE TABLE agent_seq (
        agent_id TEXT PRIMARY KEY,
        last_seq INTEGER NOT NULL,
        purged_through INTEGER NOT NULL DEFAULT 0
    ) WITHOUT ROWID;

    CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        call_key TEXT NOT NULL,
        kind TEXT NOT NULL,
        job TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'claimed', 'done', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0,
        not_before INTEGER NOT NULL,
        lease_until INTEGER,
        created_at INTEGER NOT NULL,
        finished_at INTEGER,
        last_error TEXT,
        result TEXT
    );
    CREATE INDEX outbox_by_call ON outbox (call_key, id);
    CREATE INDEX outbox_by_status ON outbox (status, finished_at);

    -- One row per call with unfinished jobs: its oldest unfinished job and when that job is next claimable
    -- (not_before while pending, lease_until while claimed). claimJobs reads only this table's due_at index, so it
    -- stays cheap however many jobs wait behind their calls' heads or Salesforce is down.
    CREATE TABLE outbox_heads (
        call_key TEXT PRIMARY KEY,
        job_id INTEGER NOT NULL,
        due_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX outbox_heads_by_due_at ON outbox_heads (due_at, job_id);
    `,
    `
    -- An agent's device, one column per part (NULL: never recorded), so a change of one part leaves the others.
    CREATE TABLE agent_devices (
        agent_id TEXT PRIMARY KEY,
        is_muted INTEGER,
        phone TEXT,
        vendor_status TEXT
    ) WITHOUT ROWID;
    `,
    `
    -- Fewer index writes per job. A claim is held by outbox_heads alone (its due_at is the lease's end), so claiming
    -- writes no outbox row and a job is 'pending' until it is 'done' or 'dead'; the indexes hold only the rows their
    -- queries read: unfinished jobs by call (the next head, the outbox depth), dead jobs, done jobs by age (purge).
    UPDATE outbox SET status = 'pending', lease_until = NULL WHERE status = 'claimed';
    DROP INDEX IF EXISTS outbox_by_call;
    DROP INDEX IF EXISTS outbox_by_status;
    CREATE INDEX outbox_pending_by_call ON outbox (call_key, id) WHERE status = 'pending';
    CREATE INDEX outbox_dead ON outbox (id) WHERE status = 'dead';
    CREATE INDEX outbox_done_by_finished_at ON outbox (finished_at) WHERE status = 'done';
    `
];

export interface CallRow {
    call_key: string;
    agent_id: string | null;
    state: string;
    version: number;
    ended_at: number | null;
}

interface AgentEventRow {
    agent_id: string;
    seq: number;
    event_id: string;
    caused_by: string | null;
    event: string;
    at: number;
}

export interface OutboxRow {
    id: number;
    job: string;
    attempts: number;
    not_before: number;
    created_at: number;
    last_error: string | null;
}

/** Runs synchronous work as the Store's asynchronous shape: a throw becomes a rejection. */
function settle<T>(work: () => T): Promise<T> {
    try {
        return Promise.resolve(work());
    } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
}

export function toCallRecord(row: CallRow): CallRecord {
    const record: CallRecord = {
        callKey: row.call_key,
        state: JSON.parse(row.state) as Record<string, unknown>,
        version: row.version
    };
    if (row.agent_id !== null) record.agentId = row.agent_id;
    if (row.ended_at !== null) record.endedAt = row.ended_at;
    return record;
}

function toAgentEvent(row: AgentEventRow): AgentEventRecord {
    const record: AgentEventRecord = {
        agentId: row.agent_id,
        seq: row.seq,
        eventId: row.event_id,
        event: JSON.parse(row.event) as TelephonyEvent,
        at: row.at
    };
    if (row.caused_by !== null) record.causedBy = row.caused_by;
    return record;
}

export function toOutboxJob(row: OutboxRow): OutboxJob {
    const job: OutboxJob = {
        id: row.id,
        job: JSON.parse(row.job) as SalesforceJob,
        attempts: row.attempts,
        notBefore: row.not_before,
        createdAt: row.created_at
    };
    if (row.last_error !== null) job.lastError = row.last_error;
    return job;
}

/**
 * A batch as the store writes it: each call state, agent event and job already JSON text (a call appearing twice:
 * the last). The thread store (sqlite-store-thread.ts) serialises on the event loop and sends this text as it is, so
 * the records are not parsed and serialised again on the store's thread.
 */
export interface SerializedBatch {
    carrierEventIds: string[];
    calls: { callKey: string; agentId: string | null; state: string; version: number; endedAt: number | null }[];
    agentEvents: { agentId: string; causedBy: string | null; event: string }[];
    jobs: { callKey: string; kind: string; job: string }[];
}

/** What a serialised batch's commit numbered: each agent event's seq and id, in the batch's order, all at `at`. */
export interface CommitReceipt {
    at: number;
    seqs: number[];
    eventIds: string[];
}

export function serializeBatch(batch: Batch): SerializedBatch {
    const calls = new Map(batch.calls.map((call) => [call.callKey, call]));
    return {
        carrierEventIds: batch.carrierEventIds,
        calls: [...calls.values()].map((call) => ({
            callKey: call.callKey,
            agentId: call.agentId ?? null,
            state: JSON.stringify(call.state),
            version: call.version,
            endedAt: call.endedAt ?? null
        })),
        agentEvents: batch.agentEvents.map(({ agentId, causedBy, event }) => ({
            agentId,
            causedBy: causedBy ?? null,
            event: JSON.stringify(event)
        })),
        jobs: batch.jobs.map((job) => ({ callKey: job.callKey, kind: job.kind, job: JSON.stringify(job) }))
    };
}

/** The batch's agent events as the receipt numbered them. */
export function numberedEvents(agentEvents: Batch['agentEvents'], receipt: CommitReceipt): AgentEventRecord[] {
    return agentEvents.map(({ agentId, causedBy, event }, i) => {
        const record: AgentEventRecord = {
            agentId,
            seq: receipt.seqs[i]!,
            eventId: receipt.eventIds[i]!,
            event,
            at: receipt.at
        };
        if (causedBy !== undefined) record.causedBy = causedBy;
        return record;
    });
}

function migrate(db: Database.Database): void {
    const applied = db.pragma('user_version', { simple: true }) as number;
    if (applied > MIGRATIONS.length) {
        throw new Error(`database schema version ${applied} is newer than this gateway's (${MIGRATIONS.length})`);
    }
    for (let version = applied; version < MIGRATIONS.length; version++) {
        db.transaction(() => {
            db.exec(MIGRATIONS[version] ?? '');
            // PRAGMA takes no bound parameters; the value is our own integer.
            db.pragma(`user_version = ${version + 1}`);
        }).immediate();
    }
}

/**
 * A job not yet done nor dead. (Schema 3 on: a claim is held by outbox_heads, so an unfinished job stays 'pending';
 * the migration turned the 'claimed' jobs of older files back into 'pending' ones, their heads keeping the lease.)
 */
const UNFINISHED = `status = 'pending'`;

export class SqliteStore implements Store {
    private readonly db: Database.Database;
    private readonly now: () => number;
    private readonly newEventId: () => string;
    private readonly batchSynchronous: 'FULL' | 'NORMAL';
    private readonly statements;

    constructor(path: string, options: SqliteStoreOptions = {}) {
        this.now = options.now ?? Date.now;
        this.newEventId = eventIdGenerator(this.now);
        this.batchSynchronous = options.synchronous === 'normal' ? 'NORMAL' : 'FULL';
        this.db = new Database(path);
        try {
            this.db.pragma('journal_mode = WAL');
            this.db.pragma(`synchronous = ${this.batchSynchronous}`);
            this.db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
            // Keeps the WAL from staying large after a burst (it is truncated to this at checkpoints).
            this.db.pragma('journal_size_limit = 67108864');
            // 64 MiB of page cache (the default is 2 MiB): calls and carrier ids are keyed by ids in random order,
            // so their index pages are touched all over; keeping them cached avoids reading them back from the OS.
            this.db.pragma('cache_size = -65536');
            migrate(this.db);
        } catch (error) {
            this.db.close();
            throw error;
        }
        this.statements = this.prepare();
    }

    private prepare() {
        const db = this.db;
        return {
            unseenCarrierEvents: db
                .prepare(
                    `SELECT value AS id FROM json_each(?) WHERE value NOT IN (SELECT event_id FROM carrier_events)`
                )
                .pluck(),
            insertCarrierEvent: db.prepare(`INSERT OR IGNORE INTO carrier_events (event_id, seen_at) VALUES (?, ?)`),
            loadCalls: db.prepare(`SELECT * FROM calls WHERE call_key IN (SELECT value FROM json_each(?))`),
            callVersion: db.prepare(`SELECT version FROM calls WHERE call_key = ?`).pluck(),
            // Writes the call only over the version before the one carried (or as new): no change means a conflict.
            upsertCall: db.prepare(
                `INSERT INTO calls (call_key, agent_id, state, version, ended_at) VALUES (?, ?, ?, ?, ?)
                 ON CONFLICT (call_key) DO UPDATE SET agent_id = excluded.agent_id, state = excluded.state,
                     version = excluded.version, ended_at = excluded.ended_at
                 WHERE calls.version = excluded.version - 1`
            ),
            liveCallsOfAgent: db.prepare(`SELECT * FROM calls WHERE agent_id = ? AND ended_at IS NULL`),
            agentSeq: db.prepare(`SELECT last_seq, purged_through FROM agent_seq WHERE agent_id = ?`),
            loadAgentDevice: db.prepare(`SELECT is_muted, phone, vendor_status FROM agent_devices WHERE agent_id = ?`),
            updateAgentDevice: db.prepare(
                `INSERT INTO agent_devices (agent_id, is_muted, phone, vendor_status) VALUES (?, ?, ?, ?)
                 ON CONFLICT (agent_id) DO UPDATE SET is_muted = coalesce(excluded.is_muted, is_muted),
                     phone = coalesce(excluded.phone, phone), vendor_status = coalesce(excluded.vendor_status, vendor_status)`
            ),
            setAgentSeq: db.prepare(
                `INSERT INTO agent_seq (agent_id, last_seq) VALUES (?, ?)
                 ON CONFLICT (agent_id) DO UPDATE SET last_seq = excluded.last_seq`
            ),
            insertAgentEvent: db.prepare(
                `INSERT INTO agent_events (agent_id, seq, event_id, caused_by, event, at) VALUES (?, ?, ?, ?, ?, ?)`
            ),
            agentEventsAfter: db.prepare(
                `SELECT * FROM agent_events WHERE agent_id = ? AND seq > ? ORDER BY seq LIMIT ?`
            ),
            insertJob: db.prepare(
                `INSERT INTO outbox (call_key, kind, job, status, attempts, not_before, created_at)
                 VALUES (?, ?, ?, 'pending', 0, 0, ?)`
            ),
            // A call that has a head keeps it: the new job waits behind it.
            insertHead: db.prepare(
                `INSERT INTO outbox_heads (call_key, job_id, due_at) VALUES (?, ?, 0) ON CONFLICT (call_key) DO NOTHING`
            ),
            // A claim is the head's due_at moved to the lease's end: the job's row is read, not written.
            dueHeads: db.prepare(
                `SELECT h.call_key, o.id, o.job, o.attempts, o.not_before, o.created_at, o.last_error
                 FROM outbox_heads h JOIN outbox o ON o.id = h.job_id AND o.${UNFINISHED}
                 WHERE h.due_at <= ? ORDER BY h.due_at, h.job_id LIMIT ?`
            ),
            setHeadDue: db.prepare(`UPDATE outbox_heads SET due_at = ? WHERE call_key = ? AND job_id = ?`),
            complete: db
                .prepare(
                    `UPDATE outbox SET status = 'done', result = ?, finished_at = ?
                 WHERE id = ? AND status <> 'done' RETURNING call_key`
                )
                .pluck(),
            reschedule: db
                .prepare(
                    `UPDATE outbox SET not_before = ?, attempts = attempts + ?, last_error = ?
                 WHERE id = ? AND ${UNFINISHED} RETURNING call_key`
                )
                .pluck(),
            fail: db
                .prepare(
                    `UPDATE outbox SET status = 'dead', last_error = ?, attempts = attempts + ?, finished_at = ?
                 WHERE id = ? AND ${UNFINISHED} RETURNING call_key`
                )
                .pluck(),
            headOf: db.prepare(`SELECT job_id FROM outbox_heads WHERE call_key = ?`).pluck(),
            nextUnfinished: db.prepare(
                `SELECT id, not_before FROM outbox WHERE call_key = ? AND id > ? AND ${UNFINISHED} ORDER BY id LIMIT 1`
            ),
            replaceHead: db.prepare(`UPDATE outbox_heads SET job_id = ?, due_at = ? WHERE call_key = ?`),
            deleteHead: db.prepare(`DELETE FROM outbox_heads WHERE call_key = ?`),
            outboxDepth: db.prepare(`SELECT count(*) FROM outbox WHERE ${UNFINISHED}`).pluck(),
            deadJobs: db.prepare(`SELECT * FROM outbox WHERE status = 'dead' ORDER BY id LIMIT ?`),
            purgeCarrierEvents: db.prepare(`DELETE FROM carrier_events WHERE seen_at < ?`),
            purgeCalls: db.prepare(`DELETE FROM calls WHERE ended_at < ?`),
            purgeJobs: db.prepare(`DELETE FROM outbox WHERE status = 'done' AND finished_at < ?`),
            // Raise each agent's floor to its newest event older than `before`, then delete up to the floor: a
            // prefix of the sequence, even if the clock stepped back between two commits.
            raisePurgeFloors: db.prepare(
                `UPDATE agent_seq SET purged_through = max(purged_through, floor.seq)
                 FROM (SELECT agent_id, max(seq) AS seq FROM agent_events WHERE at < ? GROUP BY agent_id) AS floor
                 WHERE agent_seq.agent_id = floor.agent_id`
            ),
            purgeAgentEvents: db.prepare(
                `DELETE FROM agent_events WHERE seq <=
                     (SELECT purged_through FROM agent_seq WHERE agent_seq.agent_id = agent_events.agent_id)`
            )
        };
    }

    /** What the connection runs with, for the startup log and the tests. */
    settings(): { journalMode: string; synchronous: 'off' | 'normal' | 'full' | 'extra'; schemaVersion: number } {
        const synchronous = (['off', 'normal', 'full', 'extra'] as const)[
            this.db.pragma('synchronous', { simple: true }) as number
        ];
        return {
            journalMode: this.db.pragma('journal_mode', { simple: true }) as string,
            synchronous: synchronous ?? 'full',
            schemaVersion: this.db.pragma('user_version', { simple: true }) as number
        };
    }

    unseenCarrierEvents(ids: readonly string[]): Promise<Set<string>> {
        return settle(() => new Set(this.statements.unseenCarrierEvents.all(JSON.stringify(ids)) as string[]));
    }

    loadCalls(keys: readonly string[]): Promise<Map<string, CallRecord>> {
        return settle(() => new Map(this.loadCallRows(keys).map((row) => [row.call_key, toCallRecord(row)])));
    }

    /** loadCalls' rows, the state as stored (JSON text). */
    loadCallRows(keys: readonly string[]): CallRow[] {
        return this.statements.loadCalls.all(JSON.stringify(keys)) as CallRow[];
    }

    liveCallsOfAgent(agentId: string): Promise<CallRecord[]> {
        return settle(() => (this.statements.liveCallsOfAgent.all(agentId) as CallRow[]).map(toCallRecord));
    }

    commit(batch: Batch): Promise<AgentEventRecord[]> {
        return settle(() => numberedEvents(batch.agentEvents, this.commitSerialized(serializeBatch(batch))));
    }

    /** Commits a batch whose records are JSON text already (see SerializedBatch). */
    commitSerialized(batch: SerializedBatch): CommitReceipt {
        const s = this.statements;
        const at = this.now();
        // IMMEDIATE: takes the write lock up front, so a busy file fails before any work rather than at COMMIT.
        return this.db
            .transaction((): CommitReceipt => {
                for (const id of batch.carrierEventIds) {
                    if (s.insertCarrierEvent.run(id, at).changes === 0) {
                        throw new StoreConflictError(
                            `carrier event ${id} was already committed`,
                            'duplicateCarrierEvent'
                        );
                    }
                }
                for (const call of batch.calls) {
                    const written = s.upsertCall.run(
                        call.callKey,
                        call.agentId,
                        call.state,
                        call.version,
                        call.endedAt
                    ).changes;
                    if (written === 0) {
                        const stored = s.callVersion.get(call.callKey) as number | undefined;
                        throw new StoreConflictError(
                            `call ${call.callKey} is at version ${stored}, the batch writes version ${call.version}`,
                            'staleCall'
                        );
                    }
                }
                const lastSeqs = new Map<string, number>();
                const seqs: number[] = [];
                const eventIds: string[] = [];
                for (const { agentId, causedBy, event } of batch.agentEvents) {
                    const seq =
                        (lastSeqs.get(agentId) ??
                            (s.agentSeq.get(agentId) as { last_seq: number } | undefined)?.last_seq ??
                            0) + 1;
                    const eventId = this.newEventId();
                    s.insertAgentEvent.run(agentId, seq, eventId, causedBy, event, at);
                    lastSeqs.set(agentId, seq);
                    seqs.push(seq);
                    eventIds.push(eventId);
                }
                for (const [agentId, last] of lastSeqs) s.setAgentSeq.run(agentId, last);
                for (const job of batch.jobs) {
                    const id = s.insertJob.run(job.callKey, job.kind, job.job, at).lastInsertRowid;
                    s.insertHead.run(job.callKey, id);
                }
                return { at, seqs, eventIds };
            })
            .immediate();
    }

    loadAgentDevice(agentId: string): Promise<AgentState | undefined> {
        return settle(() => {
            const row = this.statements.loadAgentDevice.get(agentId) as AgentDeviceRow | undefined;
            return row === undefined ? undefined : toAgentDevice(row);
        });
    }

    updateAgentDevice(agentId: string, change: Partial<AgentState>): Promise<void> {
        return settle(() => {
            const row = toAgentDeviceRow(change);
            this.statements.updateAgentDevice.run(
                agentId,
                row.is_muted === null ? null : Number(row.is_muted),
                row.phone,
                row.vendor_status
            );
        });
    }

    lastAgentSeq(agentId: string): Promise<number> {
        return settle(() => (this.statements.agentSeq.get(agentId) as { last_seq: number } | undefined)?.last_seq ?? 0);
    }

    agentEventsAfter(agentId: string, seq: number, limit: number): Promise<AgentEventRecord[] | undefined> {
        return settle(() =>
            this.db
                .transaction(() => {
                    const floor =
                        (this.statements.agentSeq.get(agentId) as { purged_through: number } | undefined)
                            ?.purged_through ?? 0;
                    if (seq < floor) return undefined;
                    const rows = this.statements.agentEventsAfter.all(agentId, seq, Math.max(0, limit));
                    return (rows as AgentEventRow[]).map(toAgentEvent);
                })
                .deferred()
        );
    }

    claimJobs(limit: number, now: number, leaseMs: number): Promise<OutboxJob[]> {
        return settle(() => this.claimJobRows(limit, now, leaseMs).map(toOutboxJob));
    }

    /** claimJobs' rows, the job as stored (JSON text). */
    claimJobRows(limit: number, now: number, leaseMs: number): OutboxRow[] {
        return this.bookkeeping(() => this.db.transaction(() => this.claimNow(limit, now, leaseMs)).immediate());
    }

    /** Inside a transaction. */
    private claimNow(limit: number, now: number, leaseMs: number): OutboxRow[] {
        if (limit <= 0) return [];
        const leaseUntil = now + leaseMs;
        const heads = this.statements.dueHeads.all(now, limit) as (OutboxRow & { call_key: string })[];
        for (const row of heads) this.statements.setHeadDue.run(leaseUntil, row.call_key, row.id);
        return heads;
    }

    /** Runs outbox bookkeeping with synchronous NORMAL (see the file comment), then restores the batches' level. */
    private bookkeeping<T>(work: () => T): T {
        if (this.batchSynchronous === 'NORMAL') return work();
        this.db.pragma('synchronous = NORMAL');
        try {
            return work();
        } finally {
            this.db.pragma('synchronous = FULL');
        }
    }

    /** After a job finished (done or dead): its call's head moves to the next unfinished job, or goes. */
    private advanceHead(callKey: string, finishedId: number): void {
        const s = this.statements;
        if (s.headOf.get(callKey) !== finishedId) return;
        // Jobs before the head are all finished: start after it, not at the call's first job.
        // Only heads are claimed, so the next job is not: it is due at its not_before.
        const next = s.nextUnfinished.get(callKey, finishedId) as { id: number; not_before: number } | undefined;
        if (next === undefined) s.deleteHead.run(callKey);
        else s.replaceHead.run(next.id, next.not_before, callKey);
    }

    completeJobs(
        done: readonly { id: number; result: SalesforceJobResult }[],
        claim?: ClaimRequest
    ): Promise<OutboxJob[]> {
        return settle(() => this.completeJobRows(done, claim).map(toOutboxJob));
    }

    /** completeJobs' claimed rows, the job as stored (JSON text). */
    completeJobRows(done: readonly { id: number; result: SalesforceJobResult }[], claim?: ClaimRequest): OutboxRow[] {
        return this.bookkeeping(() => {
            const finishedAt = this.now();
            return this.db
                .transaction(() => {
                    for (const { id, result } of done) {
                        const callKey = this.statements.complete.get(JSON.stringify(result), finishedAt, id) as
                            string | undefined;
                        if (callKey !== undefined) this.advanceHead(callKey, id);
                    }
                    return claim === undefined ? [] : this.claimNow(claim.limit, claim.now, claim.leaseMs);
                })
                .immediate();
        });
    }

    rescheduleJob(id: number, notBefore: number, attemptsMade: number, error: string): Promise<void> {
        return settle(() =>
            this.bookkeeping(() => {
                this.db
                    .transaction(() => {
                        const callKey = this.statements.reschedule.get(notBefore, attemptsMade, error, id) as
                            string | undefined;
                        if (callKey !== undefined) this.statements.setHeadDue.run(notBefore, callKey, id);
                    })
                    .immediate();
            })
        );
    }

    failJob(id: number, error: string, attemptsMade = 0): Promise<void> {
        return settle(() =>
            this.bookkeeping(() => {
                const finishedAt = this.now();
                this.db
                    .transaction(() => {
                        const callKey = this.statements.fail.get(error, attemptsMade, finishedAt, id) as
                            string | undefined;
                        if (callKey !== undefined) this.advanceHead(callKey, id);
                    })
                    .immediate();
            })
        );
    }

    outboxDepth(): Promise<number> {
        return settle(() => this.statements.outboxDepth.get() as number);
    }

    deadJobs(limit: number): Promise<OutboxJob[]> {
        return settle(() => (this.statements.deadJobs.all(Math.max(0, limit)) as OutboxRow[]).map(toOutboxJob));
    }

    purge(before: number): Promise<void> {
        return settle(() => {
            const s = this.statements;
            this.db
                .transaction(() => {
                    s.purgeCarrierEvents.run(before);
                    s.purgeCalls.run(before);
                    s.purgeJobs.run(before);
                    s.raisePurgeFloors.run(before);
                    s.purgeAgentEvents.run();
                })
                .immediate();
        });
    }

    close(): Promise<void> {
        return settle(() => {
            if (this.db.open) this.db.close();
        });
    }
}

/** Opens (creating and migrating as needed) the store at `path`; `':memory:'` for a private throwaway database. */
export function openSqliteStore(path: string, options?: SqliteStoreOptions): SqliteStore {
    return new SqliteStore(path, options);
}
