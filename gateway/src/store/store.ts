// The gateway's durable state behind one small interface: the embedded SQLite store (sqlite-store.ts) for one
// instance, the PostgreSQL store (pg-store.ts) for several instances sharing one database.
//
// Writes follow one rule: everything a carrier event causes (the event id that makes it idempotent, the call's new
// state, the agents' events and the Salesforce jobs) commits in one atomic batch, and the gateway answers the carrier
// only after that commit. A crash before the commit loses nothing the carrier was told was accepted (it retries);
// a crash after it loses nothing either (the outbox drains on restart). Reads are done before the pure computation
// (load → compute → commit), so an implementation with an asynchronous driver fits the same shape.
import type { AgentState, TelephonyEvent } from '@switchboard/contracts';
import type { SalesforceJob, SalesforceJobResult } from '../salesforce/telephony-api.js';

/** What the gateway remembers of one call (one carrier call id = one Salesforce vendorCallKey). */
export interface CallRecord {
    callKey: string;
    /** The agent the call is (or was last) with; undefined while it waits in IVR or a queue. */
    agentId?: string;
    /** The gateway's ledger entry for the call, serialised by the store as JSON. */
    state: Record<string, unknown>;
    /**
     * Incremented by every commit that writes the record (optimistic concurrency for multi-instance stores). The
     * writer sets it: a batch carries the loaded version + 1 (1 for a call not loaded). The store refuses the batch
     * with a StoreConflictError when it holds the call at another version than the one carried − 1 (someone else
     * wrote it since it was loaded); a call it does not hold (new, or purged meanwhile) is written as carried.
     */
    version: number;
    /** Epoch ms; ended calls are kept for a while, then purged. */
    endedAt?: number;
}

/** An event for one agent, numbered by the store: per agent, `seq` starts at 1 and has no gaps. */
export interface AgentEventRecord {
    agentId: string;
    seq: number;
    /** Globally unique (the store's choice of format); the connector may use it to recognise a repeat. */
    eventId: string;
    /** The agent-channel request that caused the event, if any. */
    causedBy?: string;
    event: TelephonyEvent;
    /** Epoch ms when it was committed. */
    at: number;
}

export interface NewAgentEvent {
    agentId: string;
    causedBy?: string;
    event: TelephonyEvent;
}

export interface OutboxJob {
    id: number;
    job: SalesforceJob;
    /** Attempts already made (each attempt of the client's own retry round counts once here). */
    attempts: number;
    /** Epoch ms before which the job is not claimed again. */
    notBefore: number;
    createdAt: number;
    lastError?: string;
}

/** What an agent's device is until something is recorded: unmuted, on the soft phone. */
export const DEFAULT_DEVICE: AgentState = { isMuted: false, phone: { type: 'SOFT_PHONE' } };

/** One atomic unit of work. Empty arrays are allowed. */
export interface Batch {
    /** Carrier event ids now processed; a later delivery of one of them is a duplicate. */
    carrierEventIds: string[];
    /** Each with its new version (see CallRecord.version); a call appearing twice in one batch: the last wins. */
    calls: CallRecord[];
    agentEvents: NewAgentEvent[];
    jobs: SalesforceJob[];
}

export interface Store {
    /** The subset of `ids` not yet committed by any batch (the others are duplicates, answered without effect). */
    unseenCarrierEvents(ids: readonly string[]): Promise<Set<string>>;
    loadCalls(keys: readonly string[]): Promise<Map<string, CallRecord>>;
    /** Calls currently with the agent (not ended), for the welcome snapshot. */
    liveCallsOfAgent(agentId: string): Promise<CallRecord[]>;
    /** Commits a batch atomically and returns the agents' events as numbered. */
    commit(batch: Batch): Promise<AgentEventRecord[]>;
    /**
     * The agent's device as last recorded (mute, phone, the telephony-side status), the same whichever instance asks;
     * undefined for an agent never recorded.
     */
    loadAgentDevice(agentId: string): Promise<AgentState | undefined>;
    /**
     * Records the given parts of an agent's device; the others stay as stored. Parts, not the whole: two instances
     * changing different parts at once (a desk-phone mute here, a phone change there) both stay.
     */
    updateAgentDevice(agentId: string, change: Partial<AgentState>): Promise<void>;
    /** The agent's last sequence number (0 if none). */
    lastAgentSeq(agentId: string): Promise<number>;
    /** Events after `seq`, oldest first, at most `limit`; `undefined` when events after `seq` were already purged. */
    agentEventsAfter(agentId: string, seq: number, limit: number): Promise<AgentEventRecord[] | undefined>;

    /**
     * Claims up to `limit` jobs that are due: for each call key, only the oldest unfinished job, and only when no
     * job of that call is already claimed (a call's jobs go out one at a time, in order). A claim is a lease: if the
     * claimer neither completes nor reschedules it within `leaseMs`, it is claimable again.
     */
    claimJobs(limit: number, now: number, leaseMs: number): Promise<OutboxJob[]>;
    /**
     * Marks jobs done (batched: one commit for many completions) and, with `claim`, claims in the same commit the
     * jobs that claimJobs(claim.limit, claim.now, claim.leaseMs) would claim after those completions: usually the
     * finished calls' next jobs. One commit instead of two per round of the outbox (the dispatcher's hot path).
     * Resolves to the claimed jobs ([] without `claim`).
     */
    completeJobs(
        done: readonly { id: number; result: SalesforceJobResult }[],
        claim?: ClaimRequest
    ): Promise<OutboxJob[]>;
    /** Releases a claimed job to be tried again at `notBefore`, counting `attemptsMade` more attempts. */
    rescheduleJob(id: number, notBefore: number, attemptsMade: number, error: string): Promise<void>;
    /**
     * Gives up on a job: kept as dead (never sent again) with the reason, so an operator can see and replay it. The
     * call's next job becomes claimable. `attemptsMade` (default 0) are counted like rescheduleJob's.
     */
    failJob(id: number, error: string, attemptsMade?: number): Promise<void>;
    /** Jobs not yet done nor dead. */
    outboxDepth(): Promise<number>;
    deadJobs(limit: number): Promise<OutboxJob[]>;

    /**
     * Deletes ended calls, processed carrier ids, finished (done) jobs and agent events older than `before` (epoch
     * ms). Dead jobs stay for an operator. Agent events go as a prefix of each agent's sequence, so that
     * agentEventsAfter can tell a purged range (undefined) from an empty one; the sequence itself never restarts.
     */
    purge(before: number): Promise<void>;
    close(): Promise<void>;

    /**
     * Only for stores shared by several gateway instances: calls `notice` when another instance committed events for
     * an agent (the caller reads them with agentEventsAfter), and `resync` when notices may have been missed (the
     * store lost and regained its listening connection). Resolves once listening; the result stops it.
     */
    watchAgentEvents?(notice: (n: AgentEventNotice) => void, resync: () => void): Promise<() => Promise<void>>;
}

/** What claimJobs takes, for claiming in the same commit as completions. */
export interface ClaimRequest {
    limit: number;
    now: number;
    leaseMs: number;
}

/** Another instance committed events for `agentId`, the last of them numbered `seq`. */
export interface AgentEventNotice {
    agentId: string;
    seq: number;
}

/**
 * A batch that cannot commit as it stands: a carrier event id already committed (a concurrent duplicate delivery) or
 * a call written by someone else since it was loaded. Nothing of the batch was written; the caller reloads and
 * recomputes (or, for a duplicate, answers the carrier as for any duplicate).
 */
export class StoreConflictError extends Error {
    override readonly name = 'StoreConflictError';
    constructor(
        message: string,
        readonly reason: 'duplicateCarrierEvent' | 'staleCall'
    ) {
        super(message);
    }
}

/** An agent_devices row of either database: one column per part, NULL for a part never recorded. */
export interface AgentDeviceRow {
    is_muted: boolean | number | null;
    phone: string | null;
    vendor_status: string | null;
}

export function toAgentDevice(row: AgentDeviceRow): AgentState {
    const device: AgentState = {
        isMuted: row.is_muted === null ? DEFAULT_DEVICE.isMuted : Boolean(row.is_muted),
        phone: row.phone === null ? DEFAULT_DEVICE.phone : (JSON.parse(row.phone) as AgentState['phone'])
    };
    if (row.vendor_status !== null) device.vendorStatus = JSON.parse(row.vendor_status) as AgentState['vendorStatus'];
    return device;
}

/** A change as a row: the parts not changed are NULL, which the upsert keeps as stored. */
export function toAgentDeviceRow(change: Partial<AgentState>): {
    is_muted: boolean | null;
    phone: string | null;
    vendor_status: string | null;
} {
    return {
        is_muted: change.isMuted ?? null,
        phone: change.phone === undefined ? null : JSON.stringify(change.phone),
        vendor_status: change.vendorStatus === undefined ? null : JSON.stringify(change.vendorStatus)
    };
}
