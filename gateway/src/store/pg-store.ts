// The Store on PostgreSQL (node-postgres), for several gateway instances sharing one database. Same contract as the
// SQLite store (test/store-contract.test.ts runs both); what differs is that writers are other processes:
//
// - Idempotency lives in the database: carrier event ids are a primary key (a concurrent duplicate waits for the
//   first insert, then conflicts), calls are written only at the version after the stored one (optimistic), a call's
//   createVoiceCall and each transcript message id are unique in the outbox.
// - Per-agent sequences come from one row per agent, incremented in the commit's transaction: its row lock orders two
//   instances' commits for the same agent, so seqs stay gapless and in commit order.
// - The outbox keeps one head row per call with unfinished jobs (as in SQLite). A claim locks due heads with
//   FOR UPDATE SKIP LOCKED, so instances never wait for nor take each other's heads; everything else that moves a
//   head (completion, reschedule, failure, a commit adding jobs) first locks it, in call-key order, so a job is never
//   left without a head and two writers never deadlock on heads.
// - A commit that wrote agent events NOTIFYs (delivered only if it commits) with the agent and its last seq; other
//   instances read the events themselves from agent_events (watchAgentEvents).
//
// Times are the gateway's clock (epoch ms, bigint), as in the other stores: instances' clocks must agree to well
// within the outbox lease (NTP does).
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import type { AgentState, TelephonyEvent } from '@switchboard/contracts';
import type { SalesforceJob, SalesforceJobResult } from '../salesforce/telephony-api.js';
import { eventIdGenerator } from './event-ids.js';
import {
    StoreConflictError,
    toAgentDevice,
    toAgentDeviceRow,
    type AgentDeviceRow,
    type AgentEventNotice,
    type AgentEventRecord,
    type Batch,
    type CallRecord,
    type ClaimRequest,
    type OutboxJob,
    type Store
} from './store.js';

export interface PgStoreOptions {
    now?: () => number;
    /** Connections in this instance's pool. Default 10. */
    poolSize?: number;
    /**
     * A schema of its own (created if missing): tests give each store a fresh one on a shared server. Default: the
     * connection's search_path (public).
     */
    schema?: string;
    /** How long a query may wait for a connection from the pool before failing. Default 10 s. */
    connectionTimeoutMs?: number;
    /** Told about connection errors the pool recovers from by itself (the database restarted). */
    onError?: (error: Error) => void;
}

/** Schema versions, applied in order under an advisory lock; append only (released ones never change). */
const MIGRATIONS: readonly string[] = [
    `
    CREATE TABLE carrier_events (
        event_id text PRIMARY KEY,
        seen_at bigint NOT NULL
    );
    CREATE INDEX carrier_events_by_seen_at ON carrier_events (seen_at);

    CREATE TABLE calls (
        call_key text PRIMARY KEY,
        agent_id text,
        state text NOT NULL,
        version integer NOT NULL,
        ended_at bigint
    );
    CREATE INDEX calls_live_by_agent ON calls (agent_id) WHERE ended_at IS NULL;
    CREATE INDEX calls_by_ended_at ON calls (ended_at) WHERE ended_at IS NOT NULL;

    CREATE TABLE agent_seq (
        agent_id text PRIMARY KEY,
        last_seq bigint NOT NULL,
        purged_through bigint NOT NULL DEFAULT 0
    );

    CREATE TABLE agent_events (
        agent_id text NOT NULL,
        seq bigint NOT NULL,
        event_id text NOT NULL UNIQUE,
        caused_by text,
        event text NOT NULL,
        at bigint NOT NULL,
        PRIMARY KEY (agent_id, seq)
    );
    CREATE INDEX agent_events_by_at ON agent_events (at);

    CREATE TABLE outbox (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        call_key text NOT NULL,
        kind text NOT NULL,
        -- Salesforce's idempotency keys, once per outbox: a call's VoiceCall creation, a transcript message id.
        idempotency_key text UNIQUE,
        job text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'claimed', 'done', 'dead')),
        attempts integer NOT NULL DEFAULT 0,
        not_before bigint NOT NULL,
        lease_until bigint,
        created_at bigint NOT NULL,
        finished_at bigint,
        last_error text,
        result text
    );
    CREATE INDEX outbox_unfinished_by_call ON outbox (call_key, id) WHERE status IN ('pending', 'claimed');
    CREATE INDEX outbox_by_status ON outbox (status, finished_at);

    CREATE TABLE outbox_heads (
        call_key text PRIMARY KEY,
        job_id bigint NOT NULL,
        due_at bigint NOT NULL
    );
    CREATE INDEX outbox_heads_by_due_at ON outbox_heads (due_at, job_id);
    `,
    `
    -- An agent's device, one column per part (NULL: never recorded), so a change of one part leaves the others.
    CREATE TABLE agent_devices (
        agent_id text PRIMARY KEY,
        is_muted boolean,
        phone text,
        vendor_status text
    );
    `
];

/** The NOTIFY channel of committed agent events (payload: instance tag, agent id, last seq). */
const AGENT_EVENTS_CHANNEL = 'switchboard_agent_events';
const UNFINISHED = `status IN ('pending', 'claimed')`;
/** Transient conflicts PostgreSQL resolves by aborting one transaction: deadlock, serialization failure. */
const RETRYABLE = new Set(['40P01', '40001']);

interface CallRow {
    call_key: string;
    agent_id: string | null;
    state: string;
    version: number;
    ended_at: string | null;
}

interface AgentEventRow {
    agent_id: string;
    seq: string | number;
    event_id: string;
    caused_by: string | null;
    event: string;
    at: string | number;
}

interface OutboxRow {
    id: string;
    job: string;
    attempts: number;
    not_before: string;
    created_at: string;
    last_error: string | null;
}

function toCallRecord(row: CallRow): CallRecord {
    const record: CallRecord = {
        callKey: row.call_key,
        state: JSON.parse(row.state) as Record<string, unknown>,
        version: row.version
    };
    if (row.agent_id !== null) record.agentId = row.agent_id;
    if (row.ended_at !== null) record.endedAt = Number(row.ended_at);
    return record;
}

function toAgentEvent(row: AgentEventRow): AgentEventRecord {
    const record: AgentEventRecord = {
        agentId: row.agent_id,
        seq: Number(row.seq),
        eventId: row.event_id,
        event: JSON.parse(row.event) as TelephonyEvent,
        at: Number(row.at)
    };
    if (row.caused_by !== null) record.causedBy = row.caused_by;
    return record;
}

function toOutboxJob(row: OutboxRow): OutboxJob {
    const job: OutboxJob = {
        id: Number(row.id),
        job: JSON.parse(row.job) as SalesforceJob,
        attempts: row.attempts,
        notBefore: Number(row.not_before),
        createdAt: Number(row.created_at)
    };
    if (row.last_error !== null) job.lastError = row.last_error;
    return job;
}

type ClaimedRow = OutboxRow & { head_due: string };

/** A claim's rows in claimJobs' order (UPDATE … RETURNING gives them in no particular order). */
function claimedJobs(rows: readonly ClaimedRow[]): OutboxJob[] {
    return [...rows]
        .sort((a, b) => Number(a.head_due) - Number(b.head_due) || Number(a.id) - Number(b.id))
        .map(toOutboxJob);
}

function idempotencyKey(job: SalesforceJob): string | null {
    if (job.kind === 'createVoiceCall') return `create:${job.callKey}`;
    if (job.kind === 'createTranscript') return `message:${job.callKey}:${job.body.messageId}`;
    return null;
}

/** An integer written into a statement's text (scripts take no parameters); anything else is refused. */
function integer(n: number): string {
    if (!Number.isSafeInteger(n)) throw new TypeError(`not an integer: ${n}`);
    return String(n);
}

function quoteIdentifier(name: string): string {
    return `"${name.replaceAll('"', '""')}"`;
}

/** The error's SQLSTATE, when PostgreSQL sent one. */
function sqlState(error: unknown): string | undefined {
    const code = (error as { code?: unknown } | null)?.code;
    return typeof code === 'string' ? code : undefined;
}

export class PgStore implements Store {
    readonly pool: pg.Pool;
    private readonly now: () => number;
    private readonly newEventId: () => string;
    /** Tells this instance's own notifications from the others'. */
    private readonly instanceTag = randomBytes(6).toString('base64url');
    private readonly connection: pg.PoolConfig;
    private readonly onError: (error: Error) => void;
    private closed = false;
    private readonly closers = new Set<() => Promise<void>>();

    constructor(connection: pg.PoolConfig, options: PgStoreOptions = {}) {
        this.now = options.now ?? Date.now;
        this.newEventId = eventIdGenerator(this.now);
        this.onError = options.onError ?? (() => undefined);
        this.connection = {
            ...connection,
            ...(options.schema ? { options: `-c search_path=${quoteIdentifier(options.schema)}` } : {})
        };
        this.pool = new pg.Pool({
            ...this.connection,
            max: options.poolSize ?? 10,
            connectionTimeoutMillis: options.connectionTimeoutMs ?? 10_000,
            // A statement stuck behind a lock (or a database that stopped answering) fails instead of hanging
            // the pipeline; the carrier retries what was not acknowledged.
            query_timeout: 30_000
        });
        // An idle connection the server dropped (restart, failover) is an 'error' event; without a listener it would
        // end the process. The pool replaces the connection on the next query.
        this.pool.on('error', (error) => this.onError(error));
    }

    /** Creates the schema if asked, and applies missing migrations under an advisory lock. */
    async migrate(schema?: string): Promise<number> {
        const client = await this.pool.connect();
        // Session lock: two instances starting together run the migrations one after the other; the second finds
        // them applied. Keyed by the schema, taken before it is created (CREATE SCHEMA IF NOT EXISTS itself races).
        // On any failure the connection is destroyed, not pooled, which also ends its lock.
        const key = `switchboard migrations ${schema ?? ''}`;
        let failure: Error | undefined;
        try {
            await client.query(`SELECT pg_advisory_lock(hashtext($1))`, [key]);
            if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}`);
            await client.query(
                `CREATE TABLE IF NOT EXISTS switchboard_schema (version integer NOT NULL, applied_at timestamptz)`
            );
            const result = await client.query<{ version: number }>(
                `SELECT coalesce(max(version), 0) AS version FROM switchboard_schema`
            );
            const applied = result.rows[0]?.version ?? 0;
            if (applied > MIGRATIONS.length)
                throw new Error(
                    `database schema version ${applied} is newer than this gateway's (${MIGRATIONS.length})`
                );
            for (let version = applied; version < MIGRATIONS.length; version++) {
                await client.query('BEGIN');
                await client.query(MIGRATIONS[version] ?? '');
                await client.query(`INSERT INTO switchboard_schema (version, applied_at) VALUES ($1, now())`, [
                    version + 1
                ]);
                await client.query('COMMIT');
            }
            await client.query(`SELECT pg_advisory_unlock(hashtext($1))`, [key]);
            return MIGRATIONS.length;
        } catch (error) {
            failure = error as Error;
            throw error;
        } finally {
            client.release(failure ?? false);
        }
    }

    private async query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>> {
        if (this.closed) throw new Error('the store is closed');
        return this.pool.query<R>(text, values);
    }

    /**
     * Runs `work` in a transaction on one connection. A deadlock or serialization failure (PostgreSQL aborted this
     * transaction, nothing of it stays) is retried a few times; anything else rolls back and rejects.
     */
    private async transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
        for (let attempt = 1; ; attempt++) {
            if (this.closed) throw new Error('the store is closed');
            const client = await this.pool.connect();
            let broken: Error | undefined;
            try {
                await client.query('BEGIN');
                const result = await work(client);
                await client.query('COMMIT');
                return result;
            } catch (error) {
                try {
                    await client.query('ROLLBACK');
                } catch (rollbackError) {
                    // The connection is gone: it must not go back to the pool.
                    broken = rollbackError as Error;
                }
                if (attempt < 4 && RETRYABLE.has(sqlState(error) ?? '')) continue;
                throw error;
            } finally {
                client.release(broken);
            }
        }
    }

    async unseenCarrierEvents(ids: readonly string[]): Promise<Set<string>> {
        if (ids.length === 0) {
            if (this.closed) throw new Error('the store is closed');
            return new Set();
        }
        const result = await this.query<{ id: string }>(
            `SELECT id FROM unnest($1::text[]) AS id
             WHERE NOT EXISTS (SELECT 1 FROM carrier_events WHERE event_id = id)`,
            [ids]
        );
        return new Set(result.rows.map((row) => row.id));
    }

    async loadCalls(keys: readonly string[]): Promise<Map<string, CallRecord>> {
        const result = await this.query<CallRow>(`SELECT * FROM calls WHERE call_key = ANY($1::text[])`, [keys]);
        return new Map(result.rows.map((row) => [row.call_key, toCallRecord(row)]));
    }

    async liveCallsOfAgent(agentId: string): Promise<CallRecord[]> {
        const result = await this.query<CallRow>(
            `SELECT * FROM calls WHERE agent_id = $1 AND ended_at IS NULL ORDER BY call_key`,
            [agentId]
        );
        return result.rows.map(toCallRecord);
    }

    async commit(batch: Batch): Promise<AgentEventRecord[]> {
        const at = this.now();
        // Everything is serialised before the transaction: a value JSON cannot carry fails here, with nothing sent.
        const calls = [...new Map(batch.calls.map((call) => [call.callKey, call])).values()].sort((a, b) =>
            a.callKey < b.callKey ? -1 : a.callKey > b.callKey ? 1 : 0
        );
        const callStates = calls.map((call) => JSON.stringify(call.state));
        const events = batch.agentEvents.map(({ agentId, causedBy, event }) => ({
            agentId,
            causedBy,
            event,
            text: JSON.stringify(event),
            eventId: this.newEventId()
        }));
        const jobTexts = batch.jobs.map((job) => JSON.stringify(job));
        const carrierIds = [...batch.carrierEventIds].sort();

        return this.transaction(async (client) => {
            if (carrierIds.length > 0) {
                const inserted = await client.query(
                    `INSERT INTO carrier_events (event_id, seen_at)
                     SELECT id, $2 FROM unnest($1::text[]) AS id ORDER BY id
                     ON CONFLICT (event_id) DO NOTHING`,
                    [carrierIds, at]
                );
                if (inserted.rowCount !== carrierIds.length)
                    throw new StoreConflictError(
                        'a carrier event of the batch was already committed',
                        'duplicateCarrierEvent'
                    );
            }
            if (calls.length > 0) {
                const written = await client.query<{ call_key: string }>(
                    `INSERT INTO calls (call_key, agent_id, state, version, ended_at)
                     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::bigint[])
                     ORDER BY 1
                     ON CONFLICT (call_key) DO UPDATE SET agent_id = excluded.agent_id, state = excluded.state,
                         version = excluded.version, ended_at = excluded.ended_at
                     WHERE calls.version = excluded.version - 1
                     RETURNING call_key`,
                    [
                        calls.map((c) => c.callKey),
                        calls.map((c) => c.agentId ?? null),
                        callStates,
                        calls.map((c) => c.version),
                        calls.map((c) => c.endedAt ?? null)
                    ]
                );
                if (written.rowCount !== calls.length) {
                    const done = new Set(written.rows.map((row) => row.call_key));
                    const stale = calls.find((c) => !done.has(c.callKey));
                    throw new StoreConflictError(
                        `call ${stale?.callKey} was written by someone else since it was loaded (batch writes version ${stale?.version})`,
                        'staleCall'
                    );
                }
            }
            const numbered: AgentEventRecord[] = [];
            if (events.length > 0) {
                const counts = new Map<string, number>();
                for (const e of events) counts.set(e.agentId, (counts.get(e.agentId) ?? 0) + 1);
                const agents = [...counts.keys()].sort();
                // The sequences and the notice in one statement; NOTIFY is delivered only if the transaction commits.
                const seqs = await client.query<{ agent_id: string; last_seq: string }>(
                    `WITH seqs AS (
                         INSERT INTO agent_seq (agent_id, last_seq)
                         SELECT * FROM unnest($1::text[], $2::bigint[]) ORDER BY 1
                         ON CONFLICT (agent_id) DO UPDATE SET last_seq = agent_seq.last_seq + excluded.last_seq
                         RETURNING agent_id, last_seq
                     )
                     SELECT agent_id, last_seq, pg_notify($3, $4 || ' ' || last_seq || ' ' || agent_id) FROM seqs`,
                    [agents, agents.map((a) => counts.get(a)), AGENT_EVENTS_CHANNEL, this.instanceTag]
                );
                const next = new Map<string, number>();
                for (const row of seqs.rows)
                    next.set(row.agent_id, Number(row.last_seq) - (counts.get(row.agent_id) ?? 0) + 1);
                for (const e of events) {
                    const seq = next.get(e.agentId) ?? 1;
                    next.set(e.agentId, seq + 1);
                    const record: AgentEventRecord = {
                        agentId: e.agentId,
                        seq,
                        eventId: e.eventId,
                        event: e.event,
                        at
                    };
                    if (e.causedBy !== undefined) record.causedBy = e.causedBy;
                    numbered.push(record);
                }
                await client.query(
                    `INSERT INTO agent_events (agent_id, seq, event_id, caused_by, event, at)
                     SELECT a, s, i, c, e, $6 FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[])
                         AS t(a, s, i, c, e)`,
                    [
                        numbered.map((r) => r.agentId),
                        numbered.map((r) => r.seq),
                        numbered.map((r) => r.eventId),
                        numbered.map((r) => r.causedBy ?? null),
                        events.map((e) => e.text),
                        at
                    ]
                );
            }
            if (batch.jobs.length > 0) {
                // A call that has a head keeps it (the new jobs wait behind it); the no-op update locks that head,
                // so a completion moving it concurrently either sees these jobs or has deleted it first.
                await client.query(
                    `WITH inserted AS (
                         INSERT INTO outbox (call_key, kind, idempotency_key, job, status, not_before, created_at)
                         SELECT k, kind, ik, j, 'pending', 0, $5
                         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS t(k, kind, ik, j, n)
                         ORDER BY n
                         ON CONFLICT (idempotency_key) DO NOTHING
                         RETURNING id, call_key
                     )
                     INSERT INTO outbox_heads (call_key, job_id, due_at)
                     SELECT call_key, min(id), 0 FROM inserted GROUP BY call_key ORDER BY call_key
                     ON CONFLICT (call_key) DO UPDATE SET job_id = outbox_heads.job_id`,
                    [
                        batch.jobs.map((j) => j.callKey),
                        batch.jobs.map((j) => j.kind),
                        batch.jobs.map(idempotencyKey),
                        jobTexts,
                        at
                    ]
                );
            }
            return numbered;
        });
    }

    async loadAgentDevice(agentId: string): Promise<AgentState | undefined> {
        const result = await this.query<AgentDeviceRow>(
            `SELECT is_muted, phone, vendor_status FROM agent_devices WHERE agent_id = $1`,
            [agentId]
        );
        const row = result.rows[0];
        return row === undefined ? undefined : toAgentDevice(row);
    }

    async updateAgentDevice(agentId: string, change: Partial<AgentState>): Promise<void> {
        const row = toAgentDeviceRow(change);
        // One statement: concurrent changes of different parts from several instances all stay.
        await this.query(
            `INSERT INTO agent_devices (agent_id, is_muted, phone, vendor_status) VALUES ($1, $2, $3, $4)
             ON CONFLICT (agent_id) DO UPDATE SET is_muted = coalesce(EXCLUDED.is_muted, agent_devices.is_muted),
                 phone = coalesce(EXCLUDED.phone, agent_devices.phone),
                 vendor_status = coalesce(EXCLUDED.vendor_status, agent_devices.vendor_status)`,
            [agentId, row.is_muted, row.phone, row.vendor_status]
        );
    }

    async lastAgentSeq(agentId: string): Promise<number> {
        const result = await this.query<{ last_seq: string }>(`SELECT last_seq FROM agent_seq WHERE agent_id = $1`, [
            agentId
        ]);
        return Number(result.rows[0]?.last_seq ?? 0);
    }

    async agentEventsAfter(agentId: string, seq: number, limit: number): Promise<AgentEventRecord[] | undefined> {
        // One statement, one snapshot: the floor and the events agree even while a purge runs.
        const result = await this.query<{ floor: string; events: AgentEventRow[] | null }>(
            `SELECT coalesce((SELECT purged_through FROM agent_seq WHERE agent_id = $1), 0) AS floor,
                    (SELECT json_agg(e ORDER BY e.seq) FROM
                        (SELECT * FROM agent_events WHERE agent_id = $1 AND seq > $2 ORDER BY seq LIMIT $3) AS e
                    ) AS events`,
            [agentId, seq, Math.max(0, limit)]
        );
        const row = result.rows[0];
        if (seq < Number(row?.floor ?? 0)) return undefined;
        return (row?.events ?? []).map(toAgentEvent);
    }

    async claimJobs(limit: number, now: number, leaseMs: number): Promise<OutboxJob[]> {
        if (limit <= 0) return [];
        const result = await this.query<ClaimedRow>(PgStore.CLAIM('$1', '$2', '$3'), [now, limit, now + leaseMs]);
        return claimedJobs(result.rows);
    }

    /**
     * The claim, one statement: due heads locked with SKIP LOCKED (another instance's claim in progress is passed
     * over, not waited for), their due time pushed to the lease's end, their jobs marked claimed. Its arguments are
     * SQL: placeholders, or integers for a script.
     */
    private static CLAIM(now: string, limit: string, leaseUntil: string): string {
        return `WITH due AS (
                 SELECT call_key, job_id, due_at FROM outbox_heads WHERE due_at <= ${now}
                 ORDER BY due_at, job_id LIMIT ${limit}
                 FOR UPDATE SKIP LOCKED
             ), moved AS (
                 UPDATE outbox_heads h SET due_at = ${leaseUntil} FROM due WHERE h.call_key = due.call_key
             )
             UPDATE outbox o SET status = 'claimed', lease_until = ${leaseUntil}
             FROM due WHERE o.id = due.job_id AND o.${UNFINISHED}
             RETURNING o.id, o.job, o.attempts, o.not_before, o.created_at, o.last_error, due.due_at AS head_due`;
    }

    /** Locks the heads of the calls of these jobs, in call-key order (every head writer's order). */
    private async lockHeads(client: pg.PoolClient, ids: readonly number[]): Promise<void> {
        await client.query(
            `SELECT 1 FROM outbox_heads WHERE call_key IN (SELECT call_key FROM outbox WHERE id = ANY($1::bigint[]))
             ORDER BY call_key FOR UPDATE`,
            [ids]
        );
    }

    /**
     * The statement that moves the heads of calls whose head job just finished (`finished`: a CTE of call_key, id)
     * to their next unfinished job, or deletes them. Runs after the heads were locked, so it sees every job
     * committed before.
     */
    private static readonly ADVANCE = `
        next AS (
            SELECT f.call_key, n.id, n.status, n.not_before, n.lease_until
            FROM finished f JOIN outbox_heads h ON h.call_key = f.call_key AND h.job_id = f.id
            LEFT JOIN LATERAL (
                SELECT id, status, not_before, lease_until FROM outbox
                WHERE call_key = f.call_key AND id > f.id AND ${UNFINISHED} ORDER BY id LIMIT 1
            ) n ON true
        ), replaced AS (
            UPDATE outbox_heads h SET job_id = next.id,
                due_at = CASE WHEN next.status = 'claimed' THEN coalesce(next.lease_until, 0) ELSE next.not_before END
            FROM next WHERE h.call_key = next.call_key AND next.id IS NOT NULL
        )
        DELETE FROM outbox_heads h USING next WHERE h.call_key = next.call_key AND next.id IS NULL`;

    async completeJobs(
        done: readonly { id: number; result: SalesforceJobResult }[],
        claim?: ClaimRequest
    ): Promise<OutboxJob[]> {
        const claiming = claim !== undefined && claim.limit > 0;
        if (done.length === 0) return claiming ? this.claimJobs(claim.limit, claim.now, claim.leaseMs) : [];
        const finishedAt = this.now();
        // The hot path of the outbox (every job ends here): one round trip, the lock and the update as two statements
        // of one script, each with its own snapshot (READ COMMITTED), so the update sees what committed before the
        // lock was granted.
        const ids = `ARRAY[${done.map((d) => integer(d.id)).join(',')}]::bigint[]`;
        const results = `ARRAY[${done.map((d) => pg.escapeLiteral(JSON.stringify(d.result))).join(',')}]::text[]`;
        const statements = [
            `SELECT 1 FROM outbox_heads WHERE call_key IN (SELECT call_key FROM outbox WHERE id = ANY(${ids}))
             ORDER BY call_key FOR UPDATE`,
            `WITH finished AS (
                 UPDATE outbox o SET status = 'done', result = t.r, finished_at = ${integer(finishedAt)},
                     lease_until = NULL
                 FROM unnest(${ids}, ${results}) AS t(i, r)
                 WHERE o.id = t.i AND o.status <> 'done'
                 RETURNING o.call_key, o.id
             ), ${PgStore.ADVANCE}`
        ];
        // A later statement of the same transaction: it sees the heads just advanced.
        if (claiming) {
            statements.push(
                PgStore.CLAIM(integer(claim.now), integer(claim.limit), integer(claim.now + claim.leaseMs))
            );
        }
        const scriptResults = await this.script(statements);
        return claiming ? claimedJobs((scriptResults.at(-2)?.rows ?? []) as ClaimedRow[]) : [];
    }

    /**
     * Runs statements (no parameters: the simple protocol) in one transaction and one round trip, retried like
     * transaction() on a deadlock or serialization failure.
     */
    private async script(statements: readonly string[]): Promise<pg.QueryResult[]> {
        for (let attempt = 1; ; attempt++) {
            if (this.closed) throw new Error('the store is closed');
            const client = await this.pool.connect();
            let broken: Error | undefined;
            try {
                // A multi-statement simple query resolves to one result per statement (BEGIN and COMMIT included).
                const results = (await client.query(['BEGIN', ...statements, 'COMMIT'].join(';\n'))) as unknown;
                return results as pg.QueryResult[];
            } catch (error) {
                try {
                    await client.query('ROLLBACK');
                } catch (rollbackError) {
                    broken = rollbackError as Error;
                }
                if (attempt < 4 && RETRYABLE.has(sqlState(error) ?? '')) continue;
                throw error;
            } finally {
                client.release(broken);
            }
        }
    }

    async rescheduleJob(id: number, notBefore: number, attemptsMade: number, error: string): Promise<void> {
        await this.transaction(async (client) => {
            await this.lockHeads(client, [id]);
            await client.query(
                `WITH rescheduled AS (
                     UPDATE outbox SET status = 'pending', not_before = $2, attempts = attempts + $3, last_error = $4,
                         lease_until = NULL
                     WHERE id = $1 AND ${UNFINISHED} RETURNING call_key
                 )
                 UPDATE outbox_heads h SET due_at = $2 FROM rescheduled r WHERE h.call_key = r.call_key AND h.job_id = $1`,
                [id, notBefore, attemptsMade, error]
            );
        });
    }

    async failJob(id: number, error: string, attemptsMade = 0): Promise<void> {
        const finishedAt = this.now();
        await this.transaction(async (client) => {
            await this.lockHeads(client, [id]);
            await client.query(
                `WITH finished AS (
                     UPDATE outbox SET status = 'dead', last_error = $2, attempts = attempts + $3, finished_at = $4,
                         lease_until = NULL
                     WHERE id = $1 AND ${UNFINISHED} RETURNING call_key, id
                 ), ${PgStore.ADVANCE}`,
                [id, error, attemptsMade, finishedAt]
            );
        });
    }

    async outboxDepth(): Promise<number> {
        const result = await this.query<{ n: string }>(`SELECT count(*) AS n FROM outbox WHERE ${UNFINISHED}`);
        return Number(result.rows[0]?.n ?? 0);
    }

    async deadJobs(limit: number): Promise<OutboxJob[]> {
        const result = await this.query<OutboxRow>(`SELECT * FROM outbox WHERE status = 'dead' ORDER BY id LIMIT $1`, [
            Math.max(0, limit)
        ]);
        return result.rows.map(toOutboxJob);
    }

    async purge(before: number): Promise<void> {
        await this.transaction(async (client) => {
            await client.query(`DELETE FROM carrier_events WHERE seen_at < $1`, [before]);
            await client.query(`DELETE FROM calls WHERE ended_at < $1`, [before]);
            await client.query(`DELETE FROM outbox WHERE status = 'done' AND finished_at < $1`, [before]);
            // Floors raised in agent order (as commits lock these rows), then a prefix of each sequence deleted.
            await client.query(
                `WITH floor AS (
                     SELECT agent_id, max(seq) AS seq FROM agent_events WHERE at < $1 GROUP BY agent_id
                 ), locked AS (
                     SELECT s.agent_id FROM agent_seq s JOIN floor USING (agent_id) ORDER BY s.agent_id FOR UPDATE
                 )
                 UPDATE agent_seq s SET purged_through = greatest(s.purged_through, floor.seq)
                 FROM floor, locked WHERE s.agent_id = floor.agent_id AND locked.agent_id = floor.agent_id`,
                [before]
            );
            await client.query(
                `DELETE FROM agent_events e USING agent_seq s WHERE e.agent_id = s.agent_id AND e.seq <= s.purged_through`
            );
        });
    }

    /**
     * Listens for agent events other instances commit: `notice` gets the agent and its last seq (the events are read
     * from the table by the caller); `resync` is called after the listening connection was lost and is back, when
     * notices may have been missed. A dedicated connection, reconnected with backoff until unsubscribed.
     */
    async watchAgentEvents(notice: (n: AgentEventNotice) => void, resync: () => void): Promise<() => Promise<void>> {
        let client: pg.Client | undefined;
        let stopped = false;
        let retryTimer: NodeJS.Timeout | undefined;
        let delay = 100;
        const connect = async (first: boolean): Promise<void> => {
            const c = new pg.Client(this.connection);
            c.on('error', (error) => this.onError(error));
            c.on('notification', (message) => {
                if (message.channel !== AGENT_EVENTS_CHANNEL || !message.payload) return;
                const [tag, seq, ...agent] = message.payload.split(' ');
                if (tag === this.instanceTag) return;
                notice({ agentId: agent.join(' '), seq: Number(seq) });
            });
            c.on('end', () => {
                if (client !== c || stopped) return;
                client = undefined;
                schedule();
            });
            try {
                await c.connect();
                await c.query(`LISTEN ${AGENT_EVENTS_CHANNEL}`);
            } catch (error) {
                await c.end().catch(() => undefined);
                if (first) throw error;
                schedule();
                return;
            }
            if (stopped) {
                await c.end().catch(() => undefined);
                return;
            }
            client = c;
            delay = 100;
            if (!first) resync();
        };
        const schedule = (): void => {
            if (stopped) return;
            retryTimer = setTimeout(() => void connect(false), delay);
            delay = Math.min(delay * 2, 2000);
        };
        await connect(true);
        const unsubscribe = async (): Promise<void> => {
            stopped = true;
            clearTimeout(retryTimer);
            this.closers.delete(unsubscribe);
            const c = client;
            client = undefined;
            await c?.end().catch(() => undefined);
        };
        this.closers.add(unsubscribe);
        return unsubscribe;
    }

    async close(): Promise<void> {
        if (this.closed) return;
        this.closed = true;
        for (const close of [...this.closers]) await close();
        await this.pool.end();
    }
}

/**
 * Opens the store on `url` (postgres://…), checks it can reach the database and migrates. A failure to connect
 * rejects with a message naming PostgreSQL and the host (never the password).
 */
export async function openPgStore(url: string, options: PgStoreOptions = {}): Promise<PgStore> {
    const store = new PgStore({ connectionString: url }, options);
    try {
        await store.migrate(options.schema);
    } catch (error) {
        await store.close().catch(() => undefined);
        let where = 'the database';
        try {
            const parsed = new URL(url);
            where = `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
        } catch {
            // not a URL: keep it unnamed
        }
        throw new Error(`The gateway could not open its PostgreSQL store at ${where}: ${(error as Error).message}`, {
            cause: error
        });
    }
    return store;
}
