// Carrier events in, one durable batch out. Events that arrive close together (from many HTTP requests, and from the
// agents' own requests) are folded and committed together: one transaction for hundreds of events is what makes the
// durable path fast without weakening it, since nobody is answered before the commit that holds their event.
import type { CarrierEvent } from '../carrier/carrier-event.js';
import type { AgentEventRecord, CallRecord, NewAgentEvent, Store } from '../store/store.js';
import type { SalesforceJob } from '../salesforce/telephony-api.js';
import { applyCarrierEvent, keysTouched, relatedKeys, type LedgerCall, type LedgerContext } from './call-ledger.js';

export type EventResult =
    | { eventId: string; status: 'accepted' }
    | { eventId: string; status: 'duplicate' }
    | { eventId: string; status: 'ignored'; reason: string }
    | { eventId: string; status: 'rejected'; reason: string };

export interface PipelineOptions {
    store: Store;
    context: Omit<LedgerContext, 'causedBy' | 'requestedBy'>;
    /** Called after each commit with the agents' numbered events, in commit order. */
    onCommitted(records: AgentEventRecord[], jobs: number): void;
    /** Most events folded into one commit. */
    maxBatchEvents?: number;
}

interface Submission {
    events: CarrierEvent[];
    /** Events for agents that no carrier event causes (a mute or wrap-up echo), committed in the same order. */
    agentEvents?: NewAgentEvent[];
    causedBy?: string;
    /** The agent whose request `causedBy` is. */
    requestedBy?: string;
    resolve(results: EventResult[]): void;
    reject(error: unknown): void;
}

export function toLedgerCall(record: CallRecord): LedgerCall {
    return record.state as unknown as LedgerCall;
}

export class EventPipeline {
    readonly #o: Required<PipelineOptions>;
    #queue: Submission[] = [];
    #running = false;

    constructor(options: PipelineOptions) {
        this.#o = { maxBatchEvents: 1000, ...options };
    }

    /**
     * Resolves once the events are committed (or found to be duplicates), with one result per event. `causedBy` and
     * `requestedBy` name the agent's request that made the platform do what the events say.
     */
    submit(
        events: CarrierEvent[],
        causedBy?: string,
        agentEvents?: NewAgentEvent[],
        requestedBy?: string
    ): Promise<EventResult[]> {
        return new Promise((resolve, reject) => {
            this.#queue.push({
                events,
                ...(causedBy ? { causedBy } : {}),
                ...(requestedBy ? { requestedBy } : {}),
                ...(agentEvents?.length ? { agentEvents } : {}),
                resolve,
                reject
            });
            if (!this.#running) {
                this.#running = true;
                // Let the requests that arrive in the same turn of the event loop join this batch.
                setImmediate(() => void this.#drain());
            }
        });
    }

    async #drain(): Promise<void> {
        try {
            while (this.#queue.length) {
                const batch: Submission[] = [];
                let size = 0;
                while (
                    this.#queue.length &&
                    (size === 0 || size + this.#queue[0]!.events.length <= this.#o.maxBatchEvents)
                ) {
                    const next = this.#queue.shift()!;
                    size += next.events.length;
                    batch.push(next);
                }
                try {
                    const results = await this.#process(batch);
                    batch.forEach((submission, i) => submission.resolve(results[i]!));
                } catch (error) {
                    for (const submission of batch) submission.reject(error);
                }
            }
        } finally {
            this.#running = false;
        }
    }

    async #process(batch: Submission[]): Promise<EventResult[][]> {
        const { store } = this.#o;
        const all = batch.flatMap((s) => s.events);
        const unseen = await store.unseenCarrierEvents(all.map((e) => e.eventId));
        const keys = [...new Set(all.filter((e) => unseen.has(e.eventId)).flatMap(keysTouched))];
        const loaded = await store.loadCalls(keys);
        // And the calls those name (a call's supervisors, which end with it).
        const related = [...new Set([...loaded.values()].flatMap((r) => relatedKeys(toLedgerCall(r))))].filter(
            (key) => !loaded.has(key)
        );
        if (related.length) for (const [key, record] of await store.loadCalls(related)) loaded.set(key, record);
        const versions = new Map<string, number>();
        const working = new Map<string, LedgerCall>();
        for (const [key, record] of loaded) {
            working.set(key, toLedgerCall(record));
            versions.set(key, record.version);
        }
        const changed = new Map<string, LedgerCall>();
        const agentEvents: NewAgentEvent[] = [];
        const jobs: SalesforceJob[] = [];
        const processed: string[] = [];
        const seenNow = new Set<string>();
        const results = batch.map((submission) => {
            const eventResults = submission.events.map((event): EventResult => {
                if (!unseen.has(event.eventId) || seenNow.has(event.eventId))
                    return { eventId: event.eventId, status: 'duplicate' };
                const touched = new Map<string, LedgerCall>();
                const own = working.get(event.callId);
                for (const key of [...keysTouched(event), ...(own ? relatedKeys(own) : [])]) {
                    const call = working.get(key);
                    if (call) touched.set(key, call);
                }
                // Ending a call marks its legs: give the fold every leg of this call that is loaded.
                for (const call of working.values())
                    if (call.parentKey === event.callId) touched.set(call.callKey, call);
                const outcome = applyCarrierEvent(touched, event, {
                    ...this.#o.context,
                    ...(submission.causedBy ? { causedBy: submission.causedBy } : {}),
                    ...(submission.requestedBy ? { requestedBy: submission.requestedBy } : {})
                });
                if (outcome.status === 'rejected')
                    return { eventId: event.eventId, status: 'rejected', reason: outcome.reason };
                seenNow.add(event.eventId);
                processed.push(event.eventId);
                if (outcome.status === 'ignored')
                    return { eventId: event.eventId, status: 'ignored', reason: outcome.reason };
                for (const call of outcome.calls) {
                    working.set(call.callKey, call);
                    changed.set(call.callKey, call);
                }
                agentEvents.push(...outcome.agentEvents);
                jobs.push(...outcome.jobs);
                return { eventId: event.eventId, status: 'accepted' };
            });
            if (submission.agentEvents) agentEvents.push(...submission.agentEvents);
            return eventResults;
        });
        if (processed.length || agentEvents.length) {
            const calls: CallRecord[] = [...changed.values()].map((call) => {
                // One commit writes each call once, at the version it was loaded with plus one (new calls: 1).
                const version = (versions.get(call.callKey) ?? 0) + 1;
                return {
                    callKey: call.callKey,
                    ...(call.agentId ? { agentId: call.agentId } : {}),
                    state: call as unknown as Record<string, unknown>,
                    version,
                    ...(call.endedAt !== undefined && call.state === 'ended' ? { endedAt: call.endedAt } : {})
                };
            });
            const records = await store.commit({ carrierEventIds: processed, calls, agentEvents, jobs });
            this.#o.onCommitted(records, jobs.length);
        }
        return results;
    }
}
