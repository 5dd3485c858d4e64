// The Store in process memory: the same contract as the SQLite store (test/store-contract.test.ts runs both), with
// nothing durable. For fast tests and for measuring the gateway without the cost of the disk.
//
// It mirrors the SQLite store's observable behaviour, including what is easy to get wrong in memory: records are
// kept as JSON (a value JSON cannot carry fails the commit; a caller mutating an object afterwards changes nothing
// stored), and a batch is validated and serialised completely before anything is applied, which is what makes it
// atomic here.
import type { SalesforceJob, SalesforceJobResult } from '../salesforce/telephony-api.js';
import { eventIdGenerator } from './event-ids.js';
import type { AgentState, TelephonyEvent } from '@switchboard/contracts';
import {
    DEFAULT_DEVICE,
    StoreConflictError,
    type AgentEventRecord,
    type Batch,
    type CallRecord,
    type ClaimRequest,
    type OutboxJob,
    type Store
} from './store.js';

export interface MemoryStoreOptions {
    /** The clock for the times the store records (committed `at`, `createdAt`, purge ages). */
    now?: () => number;
}

interface StoredCall {
    agentId?: string;
    state: string;
    version: number;
    endedAt?: number;
}

interface StoredAgentEvent {
    seq: number;
    eventId: string;
    causedBy?: string;
    event: string;
    at: number;
}

interface AgentLog {
    lastSeq: number;
    /** The highest seq purged; see SqliteStore's purged_through. */
    purgedThrough: number;
    /** Consecutive seqs, oldest first. */
    events: StoredAgentEvent[];
}

interface StoredJob {
    id: number;
    callKey: string;
    job: string;
    status: 'pending' | 'claimed' | 'done' | 'dead';
    attempts: number;
    notBefore: number;
    leaseUntil?: number;
    createdAt: number;
    finishedAt?: number;
    lastError?: string;
    result?: string;
}

/** A call's oldest unfinished job and when it is next claimable (see SqliteStore's outbox_heads). */
interface Head {
    jobId: number;
    dueAt: number;
}

function isUnfinished(job: StoredJob): boolean {
    return job.status === 'pending' || job.status === 'claimed';
}

function toOutboxJob(stored: StoredJob): OutboxJob {
    const job: OutboxJob = {
        id: stored.id,
        job: JSON.parse(stored.job) as SalesforceJob,
        attempts: stored.attempts,
        notBefore: stored.notBefore,
        createdAt: stored.createdAt
    };
    if (stored.lastError !== undefined) job.lastError = stored.lastError;
    return job;
}

export class MemoryStore implements Store {
    private readonly now: () => number;
    private readonly newEventId: () => string;
    private closed = false;
    private readonly carrierEvents = new Map<string, number>();
    private readonly calls = new Map<string, StoredCall>();
    private readonly agents = new Map<string, AgentLog>();
    private readonly jobs = new Map<number, StoredJob>();
    /** Per call, the ids of its unfinished jobs in ascending order. */
    private readonly unfinishedByCall = new Map<string, number[]>();
    private readonly heads = new Map<string, Head>();
    /** Kept as JSON, like the databases keep it: what a caller changes afterwards is not the store's. */
    private readonly devices = new Map<string, string>();
    private nextJobId = 1;

    constructor(options: MemoryStoreOptions = {}) {
        this.now = options.now ?? Date.now;
        this.newEventId = eventIdGenerator(this.now);
    }

    /** Runs work as the Store's asynchronous shape, refusing once closed as a closed database would. */
    private settle<T>(work: () => T): Promise<T> {
        try {
            if (this.closed) throw new Error('the store is closed');
            return Promise.resolve(work());
        } catch (error) {
            return Promise.reject(error instanceof Error ? error : new Error(String(error)));
        }
    }

    unseenCarrierEvents(ids: readonly string[]): Promise<Set<string>> {
        return this.settle(() => new Set(ids.filter((id) => !this.carrierEvents.has(id))));
    }

    loadCalls(keys: readonly string[]): Promise<Map<string, CallRecord>> {
        return this.settle(() => {
            const found = new Map<string, CallRecord>();
            for (const key of keys) {
                const stored = this.calls.get(key);
                if (stored !== undefined) found.set(key, this.toCallRecord(key, stored));
            }
            return found;
        });
    }

    private toCallRecord(callKey: string, stored: StoredCall): CallRecord {
        const record: CallRecord = {
            callKey,
            state: JSON.parse(stored.state) as Record<string, unknown>,
            version: stored.version
        };
        if (stored.agentId !== undefined) record.agentId = stored.agentId;
        if (stored.endedAt !== undefined) record.endedAt = stored.endedAt;
        return record;
    }

    liveCallsOfAgent(agentId: string): Promise<CallRecord[]> {
        return this.settle(() =>
            [...this.calls]
                .filter(([, call]) => call.agentId === agentId && call.endedAt === undefined)
                .map(([key, call]) => this.toCallRecord(key, call))
        );
    }

    commit(batch: Batch): Promise<AgentEventRecord[]> {
        return this.settle(() => this.commitNow(batch));
    }

    private commitNow(batch: Batch): AgentEventRecord[] {
        const at = this.now();
        // Phase 1: everything that can fail, with no change to the store.
        const newCarrierIds = new Set<string>();
        for (const id of batch.carrierEventIds) {
            if (this.carrierEvents.has(id) || newCarrierIds.has(id)) {
                throw new StoreConflictError(`carrier event ${id} was already committed`, 'duplicateCarrierEvent');
            }
            newCarrierIds.add(id);
        }
        const newCalls = new Map<string, StoredCall>();
        for (const call of new Map(batch.calls.map((c) => [c.callKey, c])).values()) {
            const stored = this.calls.get(call.callKey)?.version;
            if (stored !== undefined && stored !== call.version - 1) {
                throw new StoreConflictError(
                    `call ${call.callKey} is at version ${stored}, the batch writes version ${call.version}`,
                    'staleCall'
                );
            }
            const next: StoredCall = { state: JSON.stringify(call.state), version: call.version };
            if (call.agentId !== undefined) next.agentId = call.agentId;
            if (call.endedAt !== undefined) next.endedAt = call.endedAt;
            newCalls.set(call.callKey, next);
        }
        const lastSeqs = new Map<string, number>();
        const numbered: AgentEventRecord[] = [];
        const newEvents: { agentId: string; stored: StoredAgentEvent }[] = [];
        for (const { agentId, causedBy, event } of batch.agentEvents) {
            const seq = (lastSeqs.get(agentId) ?? this.agents.get(agentId)?.lastSeq ?? 0) + 1;
            const record: AgentEventRecord = { agentId, seq, eventId: this.newEventId(), event, at };
            const stored: StoredAgentEvent = { seq, eventId: record.eventId, event: JSON.stringify(event), at };
            if (causedBy !== undefined) record.causedBy = stored.causedBy = causedBy;
            lastSeqs.set(agentId, seq);
            numbered.push(record);
            newEvents.push({ agentId, stored });
        }
        const newJobs = batch.jobs.map((job) => ({ callKey: job.callKey, json: JSON.stringify(job) }));

        // Phase 2: apply; nothing here throws.
        for (const id of newCarrierIds) this.carrierEvents.set(id, at);
        for (const [key, call] of newCalls) this.calls.set(key, call);
        for (const { agentId, stored } of newEvents) {
            let log = this.agents.get(agentId);
            if (log === undefined) {
                log = { lastSeq: 0, purgedThrough: 0, events: [] };
                this.agents.set(agentId, log);
            }
            log.events.push(stored);
            log.lastSeq = stored.seq;
        }
        for (const { callKey, json } of newJobs) {
            const id = this.nextJobId++;
            this.jobs.set(id, {
                id,
                callKey,
                job: json,
                status: 'pending',
                attempts: 0,
                notBefore: 0,
                createdAt: at
            });
            const unfinished = this.unfinishedByCall.get(callKey);
            if (unfinished === undefined) this.unfinishedByCall.set(callKey, [id]);
            else unfinished.push(id);
            if (!this.heads.has(callKey)) this.heads.set(callKey, { jobId: id, dueAt: 0 });
        }
        return numbered;
    }

    loadAgentDevice(agentId: string): Promise<AgentState | undefined> {
        return this.settle(() => {
            const stored = this.devices.get(agentId);
            return stored === undefined ? undefined : (JSON.parse(stored) as AgentState);
        });
    }

    updateAgentDevice(agentId: string, change: Partial<AgentState>): Promise<void> {
        return this.settle(() => {
            const stored = this.devices.get(agentId);
            const device = { ...DEFAULT_DEVICE, ...(stored ? (JSON.parse(stored) as AgentState) : {}), ...change };
            this.devices.set(agentId, JSON.stringify(device));
        });
    }

    lastAgentSeq(agentId: string): Promise<number> {
        return this.settle(() => this.agents.get(agentId)?.lastSeq ?? 0);
    }

    agentEventsAfter(agentId: string, seq: number, limit: number): Promise<AgentEventRecord[] | undefined> {
        return this.settle(() => {
            const log = this.agents.get(agentId);
            if (seq < (log?.purgedThrough ?? 0)) return undefined;
            if (log === undefined) return [];
            const first = log.events[0]?.seq ?? log.lastSeq + 1;
            const start = Math.max(0, Math.floor(seq) + 1 - first);
            return log.events.slice(start, start + Math.max(0, limit)).map((stored) => {
                const record: AgentEventRecord = {
                    agentId,
                    seq: stored.seq,
                    eventId: stored.eventId,
                    event: JSON.parse(stored.event) as TelephonyEvent,
                    at: stored.at
                };
                if (stored.causedBy !== undefined) record.causedBy = stored.causedBy;
                return record;
            });
        });
    }

    claimJobs(limit: number, now: number, leaseMs: number): Promise<OutboxJob[]> {
        return this.settle(() => this.claimNow(limit, now, leaseMs));
    }

    private claimNow(limit: number, now: number, leaseMs: number): OutboxJob[] {
        const leaseUntil = now + leaseMs;
        const due = [...this.heads.values()]
            .filter((head) => head.dueAt <= now)
            .sort((a, b) => a.dueAt - b.dueAt || a.jobId - b.jobId)
            .slice(0, Math.max(0, limit));
        return due.map((head) => {
            const job = this.jobs.get(head.jobId) as StoredJob;
            job.status = 'claimed';
            job.leaseUntil = leaseUntil;
            head.dueAt = leaseUntil;
            return toOutboxJob(job);
        });
    }

    /** After a job finished (done or dead): its call's head moves to the next unfinished job, or goes. */
    private finish(job: StoredJob): void {
        const unfinished = this.unfinishedByCall.get(job.callKey) ?? [];
        const at = unfinished.indexOf(job.id);
        if (at >= 0) unfinished.splice(at, 1);
        if (unfinished.length === 0) this.unfinishedByCall.delete(job.callKey);
        if (this.heads.get(job.callKey)?.jobId !== job.id) return;
        const nextId = unfinished.find((id) => id > job.id);
        const next = nextId === undefined ? undefined : this.jobs.get(nextId);
        if (next === undefined) this.heads.delete(job.callKey);
        else {
            this.heads.set(job.callKey, {
                jobId: next.id,
                dueAt: next.status === 'claimed' ? (next.leaseUntil ?? 0) : next.notBefore
            });
        }
    }

    completeJobs(
        done: readonly { id: number; result: SalesforceJobResult }[],
        claim?: ClaimRequest
    ): Promise<OutboxJob[]> {
        return this.settle(() => {
            const finishedAt = this.now();
            const results = done.map(({ id, result }) => ({ id, result: JSON.stringify(result) }));
            for (const { id, result } of results) {
                const job = this.jobs.get(id);
                if (job === undefined || job.status === 'done') continue;
                const wasUnfinished = isUnfinished(job);
                job.status = 'done';
                job.result = result;
                job.finishedAt = finishedAt;
                delete job.leaseUntil;
                if (wasUnfinished) this.finish(job);
            }
            return claim === undefined ? [] : this.claimNow(claim.limit, claim.now, claim.leaseMs);
        });
    }

    rescheduleJob(id: number, notBefore: number, attemptsMade: number, error: string): Promise<void> {
        return this.settle(() => {
            const job = this.jobs.get(id);
            if (job === undefined || !isUnfinished(job)) return;
            job.status = 'pending';
            job.notBefore = notBefore;
            job.attempts += attemptsMade;
            job.lastError = error;
            delete job.leaseUntil;
            const head = this.heads.get(job.callKey);
            if (head?.jobId === id) head.dueAt = notBefore;
        });
    }

    failJob(id: number, error: string, attemptsMade = 0): Promise<void> {
        return this.settle(() => {
            const job = this.jobs.get(id);
            if (job === undefined || !isUnfinished(job)) return;
            job.status = 'dead';
            job.lastError = error;
            job.attempts += attemptsMade;
            job.finishedAt = this.now();
            delete job.leaseUntil;
            this.finish(job);
        });
    }

    outboxDepth(): Promise<number> {
        return this.settle(() => {
            let depth = 0;
            for (const unfinished of this.unfinishedByCall.values()) depth += unfinished.length;
            return depth;
        });
    }

    deadJobs(limit: number): Promise<OutboxJob[]> {
        return this.settle(() =>
            [...this.jobs.values()]
                .filter((job) => job.status === 'dead')
                .sort((a, b) => a.id - b.id)
                .slice(0, Math.max(0, limit))
                .map(toOutboxJob)
        );
    }

    purge(before: number): Promise<void> {
        return this.settle(() => {
            for (const [id, seenAt] of this.carrierEvents) if (seenAt < before) this.carrierEvents.delete(id);
            for (const [key, call] of this.calls) {
                if (call.endedAt !== undefined && call.endedAt < before) this.calls.delete(key);
            }
            for (const [id, job] of this.jobs) {
                if (job.status === 'done' && (job.finishedAt ?? 0) < before) this.jobs.delete(id);
            }
            for (const log of this.agents.values()) {
                for (const event of log.events) {
                    if (event.at < before) log.purgedThrough = Math.max(log.purgedThrough, event.seq);
                }
                const keep = log.events.findIndex((event) => event.seq > log.purgedThrough);
                log.events = keep < 0 ? [] : log.events.slice(keep);
            }
        });
    }

    close(): Promise<void> {
        this.closed = true;
        return Promise.resolve();
    }
}

export function createMemoryStore(options?: MemoryStoreOptions): MemoryStore {
    return new MemoryStore(options);
}
