// The SQLite store on a worker thread of its own. better-sqlite3 is synchronous: on the event loop, every commit
// (writing the pages of an event batch, ~3 ms per 100 events) stops the HTTP side for its duration. On a thread, SQLite
// works while the event loop parses, validates and answers, so the gateway uses a second core.
//
// The thread runs the very SqliteStore of sqlite-store.ts (sqlite-store-worker.ts), one method call per message, in
// the order they were made, so every guarantee of the Store contract holds as it does on the event loop. What
// crosses is text (see `pack`): a JSON header (Sets and Maps tagged) followed by the records the store keeps as JSON
// text (call states, agent events, jobs), as they are. The event loop serialises a batch's records once, as the store
// on the event loop would, and the thread writes that text without parsing it; call states and jobs read on the
// thread come back as stored and are parsed once, here. An error comes back by name, StoreConflictError with its
// reason, so the gateway's conflict handling sees what it would see without the thread.
import { Worker } from 'node:worker_threads';
import type { AgentState } from '@switchboard/contracts';
import type { SalesforceJobResult } from '../salesforce/telephony-api.js';
import {
    numberedEvents,
    serializeBatch,
    toCallRecord,
    toOutboxJob,
    type CommitReceipt,
    type SqliteStoreOptions
} from './sqlite-store.js';
import {
    StoreConflictError,
    type AgentEventRecord,
    type Batch,
    type CallRecord,
    type ClaimRequest,
    type OutboxJob,
    type Store
} from './store.js';

/** What the thread is told at start: SqliteStoreOptions less the clock (a function cannot cross; see `now`). */
export type SqliteThreadOptions = Omit<SqliteStoreOptions, 'now'>;

/** A call to the thread: the header of a packed message. */
export interface ThreadRequest {
    id: number;
    method: string;
    /** For `commit`, a PackedBatch whose records are the message's texts. */
    args: unknown[];
    /** The caller's clock when the call was made: the store's `now` while it runs the call. */
    now: number;
}

/**
 * The thread's answer, the header of a packed message: `value`, or `error` as data, or rows whose JSON columns are
 * the message's texts (`calls`: loadCalls; `jobs`: claimJobs and completeJobs). `id` 0 is the thread's "open" (or
 * failed to open) message.
 */
export interface ThreadReply {
    id: number;
    value?: unknown;
    error?: ThreadError;
    /** [call_key, agent_id, version, ended_at], each with its state text. */
    calls?: [string, string | null, number, number | null][];
    /** [id, attempts, not_before, created_at, last_error], each with its job text. */
    jobs?: [number, number, number, number, string | null][];
}

/** A SerializedBatch less its record texts, which follow the header in order: states, agent events, jobs. */
export interface PackedBatch {
    carrierEventIds: string[];
    calls: [string, string | null, number, number | null][];
    agentEvents: [string, string | null][];
    jobs: [string, string][];
}

/**
 * One message: `<header length>:<header JSON><text 0><text 1>...`, the header's `sizes` giving each text's length.
 * Texts are put side by side, not inside the JSON, so they are neither escaped nor parsed on the way.
 */
export function pack(header: object, texts: readonly string[] = []): string {
    const json = JSON.stringify(texts.length ? { ...header, sizes: texts.map((t) => t.length) } : header);
    return `${json.length}:${json}${texts.join('')}`;
}

export function unpack<T>(message: string): { header: T; texts: string[] } {
    const colon = message.indexOf(':');
    const end = colon + 1 + Number(message.slice(0, colon));
    const header = JSON.parse(message.slice(colon + 1, end)) as T & { sizes?: number[] };
    const texts: string[] = [];
    let at = end;
    for (const size of header.sizes ?? []) {
        texts.push(message.slice(at, at + size));
        at += size;
    }
    return { header, texts };
}

export interface ThreadError {
    name: string;
    message: string;
    code?: string;
    reason?: StoreConflictError['reason'];
}

export function toThreadError(error: unknown): ThreadError {
    if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
    const thrown: ThreadError = { name: error.name, message: error.message };
    const { code } = error as { code?: unknown };
    if (typeof code === 'string') thrown.code = code;
    if (error instanceof StoreConflictError) thrown.reason = error.reason;
    return thrown;
}

/** A Set or a Map as JSON can carry it (the store answers with both). */
type Wire = { set: unknown[] } | { map: [unknown, unknown][] } | { plain: unknown };

export function toWire(value: unknown): Wire {
    if (value instanceof Set) return { set: [...value] };
    if (value instanceof Map) return { map: [...value] };
    return { plain: value };
}

function fromWire(wire: unknown): unknown {
    if (wire === undefined || wire === null) return undefined;
    const w = wire as Partial<{ set: unknown[]; map: [unknown, unknown][]; plain: unknown }>;
    if (w.set) return new Set(w.set);
    if (w.map) return new Map(w.map);
    return w.plain;
}

/** Built-in errors come back as themselves (a TypeError from JSON.stringify stays a TypeError). */
const BUILT_IN_ERRORS: Record<string, ErrorConstructor> = { TypeError, RangeError, SyntaxError, ReferenceError };

function fromThreadError(thrown: ThreadError): Error {
    if (thrown.name === 'StoreConflictError' && thrown.reason)
        return new StoreConflictError(thrown.message, thrown.reason);
    const error = new (BUILT_IN_ERRORS[thrown.name] ?? Error)(thrown.message) as Error & { code?: string };
    error.name = thrown.name;
    if (thrown.code !== undefined) error.code = thrown.code;
    return error;
}

/**
 * The worker's entry. Under tsx (development, tests) a worker does not inherit the TypeScript loader, so a small
 * JavaScript bootstrap registers it first; compiled, the entry is the worker module itself.
 */
function workerEntry(): URL {
    return import.meta.url.endsWith('.ts')
        ? new URL('./sqlite-store-worker-tsx.mjs', import.meta.url)
        : new URL('./sqlite-store-worker.js', import.meta.url);
}

interface Pending {
    resolve: (value: unknown) => void;
    reject: (error: Error) => void;
    /** Run when the reply arrives, before the caller hears of it: in the order the thread answered. */
    settled?: (reply: ThreadReply, texts: string[]) => void;
}

/** A call as the file holds it (state as JSON text), or null: the file holds no call by that key. */
type CachedCall = { agentId: string | null; state: string; version: number; endedAt: number | null } | null;

/** Calls kept on the event loop's side (see ThreadedSqliteStore.loadCalls): a few MB of the most recent. */
const CACHED_CALLS = 10_000;

export class ThreadedSqliteStore implements Store {
    readonly #worker: Worker;
    readonly #now: () => number;
    readonly #pending = new Map<number, Pending>();
    #nextId = 1;
    /** Set once the thread is gone: every call from then on rejects with it. */
    #stopped: Error | undefined;
    #onFailure: ((error: Error) => void) | undefined;
    /** close() was called: the thread's end is expected, not a failure. */
    #closing = false;
    /**
     * What the file holds for recently read or written calls, least recent first. This store is the file's only
     * writer (one gateway per SQLite file), and every change to calls is a commit or a purge made through it, so
     * while none is under way the cache is the file: loadCalls answers from it without asking the thread. It is
     * kept up to date as the thread answers, in the order it answers, which is the order of the file's changes.
     */
    readonly #calls = new Map<string, CachedCall>();
    /** Commits and purges sent and not yet answered. */
    #writesUnderWay = 0;

    private constructor(worker: Worker, now: () => number) {
        this.#worker = worker;
        this.#now = now;
        worker.on('message', (message: string) => {
            const { header: reply, texts } = unpack<ThreadReply>(message);
            const pending = this.#pending.get(reply.id);
            if (pending === undefined) return;
            this.#pending.delete(reply.id);
            if (this.#pending.size === 0) worker.unref();
            pending.settled?.(reply, texts);
            if (reply.error) pending.reject(fromThreadError(reply.error));
            else if (reply.calls)
                pending.resolve(
                    reply.calls.map(([call_key, agent_id, version, ended_at], i) =>
                        toCallRecord({ call_key, agent_id, state: texts[i]!, version, ended_at })
                    )
                );
            else if (reply.jobs)
                pending.resolve(
                    reply.jobs.map(([id, attempts, not_before, created_at, last_error], i) =>
                        toOutboxJob({ id, job: texts[i]!, attempts, not_before, created_at, last_error })
                    )
                );
            else pending.resolve(fromWire(reply.value));
        });
        worker.on('error', (error) => this.#stop(error));
        worker.on('exit', (code) => this.#stop(new Error(`the SQLite store's thread exited (code ${code})`)));
    }

    /**
     * Starts the thread and opens (creating and migrating as needed) the database at `path`; rejects as
     * openSqliteStore would throw (a bad path, a newer schema). `onFailure` is told if the thread dies later: the
     * store is then unusable (every call rejects), and nothing committed is lost, so the caller should restart.
     */
    static open(
        path: string,
        options: SqliteStoreOptions = {},
        onFailure?: (error: Error) => void
    ): Promise<ThreadedSqliteStore> {
        const { now = Date.now, ...threadOptions } = options;
        const worker = new Worker(workerEntry(), {
            workerData: { path, options: threadOptions satisfies SqliteThreadOptions, now: now() }
        });
        return new Promise((resolve, reject) => {
            const early = (error: Error) => reject(error);
            const exited = (code: number) => reject(new Error(`the SQLite store's thread exited (code ${code})`));
            worker.once('error', early);
            worker.once('exit', exited);
            worker.once('message', (message: string) => {
                const reply = unpack<ThreadReply>(message).header;
                worker.off('error', early);
                worker.off('exit', exited);
                if (reply.error) {
                    void worker.terminate();
                    reject(fromThreadError(reply.error));
                    return;
                }
                // Idle, the thread does not keep the process alive (a store left open must not hang an exit);
                // while a call is under way it does.
                worker.unref();
                const store = new ThreadedSqliteStore(worker, now);
                store.#onFailure = onFailure;
                resolve(store);
            });
        });
    }

    #stop(error: Error): void {
        if (this.#stopped) return;
        this.#stopped = error;
        this.#calls.clear();
        for (const pending of this.#pending.values()) pending.reject(error);
        this.#pending.clear();
        if (!this.#closing) this.#onFailure?.(error);
    }

    #call<T>(method: keyof Store, args: unknown[], texts?: () => string[], settled?: Pending['settled']): Promise<T> {
        const id = this.#nextId++;
        if (this.#stopped) {
            settled?.({ id, error: toThreadError(this.#stopped) }, []);
            return Promise.reject(this.#stopped);
        }
        // JSON, not the structured clone: V8's JSON is several times faster on these plain records, and a value
        // JSON cannot carry fails here, before anything was sent, as it would fail in the store.
        let text: string;
        try {
            text = pack({ id, method, args, now: this.#now() } satisfies ThreadRequest, texts?.());
        } catch (error) {
            settled?.({ id, error: toThreadError(error) }, []);
            return Promise.reject(error instanceof Error ? error : new Error(String(error)));
        }
        return new Promise<T>((resolve, reject) => {
            if (this.#pending.size === 0) this.#worker.ref();
            this.#pending.set(id, {
                resolve: resolve as (value: unknown) => void,
                reject,
                ...(settled ? { settled } : {})
            });
            this.#worker.postMessage(text);
        });
    }

    unseenCarrierEvents(ids: readonly string[]): Promise<Set<string>> {
        return this.#call('unseenCarrierEvents', [ids]);
    }
    /**
     * From the cache when it has every key and no write is under way (the pipeline's usual case: the calls of the
     * last batches); otherwise the thread reads what the cache lacks, after every call made before this one.
     */
    async loadCalls(keys: readonly string[]): Promise<Map<string, CallRecord>> {
        const found = new Map<string, CallRecord>();
        const missing: string[] = [];
        for (const key of keys) {
            const cached = this.#writesUnderWay === 0 ? this.#calls.get(key) : undefined;
            if (cached === undefined) missing.push(key);
            else if (cached !== null) found.set(key, cachedRecord(key, cached));
        }
        if (missing.length === 0 && !this.#stopped) return found;
        const records = await this.#call<CallRecord[]>('loadCalls', [missing], undefined, (reply, texts) => {
            if (!reply.calls) return;
            const read = new Map<string, CachedCall>();
            reply.calls.forEach(([key, agentId, version, endedAt], i) =>
                read.set(key, { agentId, state: texts[i]!, version, endedAt })
            );
            for (const key of missing) this.#remember(key, read.get(key) ?? null);
        });
        for (const record of records) found.set(record.callKey, record);
        return found;
    }

    #remember(key: string, call: CachedCall): void {
        this.#calls.delete(key);
        this.#calls.set(key, call);
        if (this.#calls.size > CACHED_CALLS) this.#calls.delete(this.#calls.keys().next().value!);
    }
    liveCallsOfAgent(agentId: string): Promise<CallRecord[]> {
        return this.#call('liveCallsOfAgent', [agentId]);
    }
    async commit(batch: Batch): Promise<AgentEventRecord[]> {
        // Serialised here, once: the thread writes the text as it is (see PackedBatch).
        const serialized = serializeBatch(batch);
        const packed: PackedBatch = {
            carrierEventIds: serialized.carrierEventIds,
            calls: serialized.calls.map((c) => [c.callKey, c.agentId, c.version, c.endedAt]),
            agentEvents: serialized.agentEvents.map((e) => [e.agentId, e.causedBy]),
            jobs: serialized.jobs.map((j) => [j.callKey, j.kind])
        };
        this.#writesUnderWay++;
        const receipt = await this.#call<CommitReceipt>(
            'commit',
            [packed],
            () => [
                ...serialized.calls.map((c) => c.state),
                ...serialized.agentEvents.map((e) => e.event),
                ...serialized.jobs.map((j) => j.job)
            ],
            (reply) => {
                this.#writesUnderWay--;
                // Refused: nothing was written, but a conflict means someone else's view differs; read again.
                for (const c of serialized.calls)
                    if (reply.error) this.#calls.delete(c.callKey);
                    else this.#remember(c.callKey, c);
            }
        );
        return numberedEvents(batch.agentEvents, receipt);
    }
    loadAgentDevice(agentId: string): Promise<AgentState | undefined> {
        return this.#call('loadAgentDevice', [agentId]);
    }
    updateAgentDevice(agentId: string, change: Partial<AgentState>): Promise<void> {
        return this.#call('updateAgentDevice', [agentId, change]);
    }
    lastAgentSeq(agentId: string): Promise<number> {
        return this.#call('lastAgentSeq', [agentId]);
    }
    agentEventsAfter(agentId: string, seq: number, limit: number): Promise<AgentEventRecord[] | undefined> {
        return this.#call('agentEventsAfter', [agentId, seq, limit]);
    }
    claimJobs(limit: number, now: number, leaseMs: number): Promise<OutboxJob[]> {
        return this.#call('claimJobs', [limit, now, leaseMs]);
    }
    completeJobs(
        done: readonly { id: number; result: SalesforceJobResult }[],
        claim?: ClaimRequest
    ): Promise<OutboxJob[]> {
        return this.#call('completeJobs', [done, claim]);
    }
    rescheduleJob(id: number, notBefore: number, attemptsMade: number, error: string): Promise<void> {
        return this.#call('rescheduleJob', [id, notBefore, attemptsMade, error]);
    }
    failJob(id: number, error: string, attemptsMade = 0): Promise<void> {
        return this.#call('failJob', [id, error, attemptsMade]);
    }
    outboxDepth(): Promise<number> {
        return this.#call('outboxDepth', []);
    }
    deadJobs(limit: number): Promise<OutboxJob[]> {
        return this.#call('deadJobs', [limit]);
    }
    purge(before: number): Promise<void> {
        this.#writesUnderWay++;
        return this.#call('purge', [before], undefined, () => {
            this.#writesUnderWay--;
            this.#calls.clear();
        });
    }

    /** Ends the thread without closing the database, as a crash of the thread would (tests use it). */
    async stopThread(): Promise<void> {
        // Held until it is over: an unreferenced worker's terminate() does not keep the process waiting for it.
        this.#worker.ref();
        const code = await this.#worker.terminate();
        // The 'exit' event may come after terminate() resolves: stop now, as it will.
        this.#stop(new Error(`the SQLite store's thread exited (code ${code})`));
    }

    /** Closes the database on its thread (after every call made before), then ends the thread. */
    async close(): Promise<void> {
        if (this.#stopped) return;
        this.#closing = true;
        try {
            await this.#call('close', []);
        } finally {
            this.#worker.ref();
            await this.#worker.terminate();
        }
    }
}

function cachedRecord(callKey: string, call: NonNullable<CachedCall>): CallRecord {
    return toCallRecord({
        call_key: callKey,
        agent_id: call.agentId,
        state: call.state,
        version: call.version,
        ended_at: call.endedAt
    });
}

export function openThreadedSqliteStore(
    path: string,
    options?: SqliteStoreOptions,
    onFailure?: (error: Error) => void
): Promise<ThreadedSqliteStore> {
    return ThreadedSqliteStore.open(path, options, onFailure);
}
