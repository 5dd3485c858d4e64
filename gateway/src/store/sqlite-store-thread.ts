// The SQLite store on a worker thread of its own. better-sqlite3 is synchronous: on the event loop, every commit
// (writing the pages of an event batch, ~3 ms per 100 events) stops the HTTP side for its duration. On a thread, SQLite
// works while the event loop parses, validates and answers, so the gateway uses a second core.
//
// The thread runs the very SqliteStore of sqlite-store.ts (sqlite-store-worker.ts), one method call per message, in
// the order they were made, so every guarantee of the Store contract holds as it does on the event loop. What
// crosses is JSON text (Sets and Maps tagged); an error comes back by name, StoreConflictError with its reason, so the
// gateway's conflict handling sees what it would see without the thread.
import { Worker } from 'node:worker_threads';
import type { AgentState } from '@switchboard/contracts';
import type { SalesforceJobResult } from '../salesforce/telephony-api.js';
import type { SqliteStoreOptions } from './sqlite-store.js';
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

/** A call to the thread. */
export interface ThreadRequest {
    id: number;
    method: string;
    args: unknown[];
    /** The caller's clock when the call was made: the store's `now` while it runs the call. */
    now: number;
}

/** The thread's answer: `value`, or `error` as data. `id` 0 is the thread's "open" (or failed to open) message. */
export interface ThreadReply {
    id: number;
    value?: unknown;
    error?: ThreadError;
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
}

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

    private constructor(worker: Worker, now: () => number) {
        this.#worker = worker;
        this.#now = now;
        worker.on('message', (text: string) => {
            const reply = JSON.parse(text) as ThreadReply;
            const pending = this.#pending.get(reply.id);
            if (pending === undefined) return;
            this.#pending.delete(reply.id);
            if (this.#pending.size === 0) worker.unref();
            if (reply.error) pending.reject(fromThreadError(reply.error));
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
            worker.once('message', (text: string) => {
                const reply = JSON.parse(text) as ThreadReply;
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
        for (const pending of this.#pending.values()) pending.reject(error);
        this.#pending.clear();
        if (!this.#closing) this.#onFailure?.(error);
    }

    #call<T>(method: keyof Store, ...args: unknown[]): Promise<T> {
        if (this.#stopped) return Promise.reject(this.#stopped);
        const id = this.#nextId++;
        // JSON, not the structured clone: V8's JSON is several times faster on these plain records, and a value
        // JSON cannot carry fails here, before anything was sent, as it would fail in the store.
        let text: string;
        try {
            text = JSON.stringify({ id, method, args, now: this.#now() } satisfies ThreadRequest);
        } catch (error) {
            return Promise.reject(error instanceof Error ? error : new Error(String(error)));
        }
        return new Promise<T>((resolve, reject) => {
            if (this.#pending.size === 0) this.#worker.ref();
            this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
            this.#worker.postMessage(text);
        });
    }

    unseenCarrierEvents(ids: readonly string[]): Promise<Set<string>> {
        return this.#call('unseenCarrierEvents', ids);
    }
    loadCalls(keys: readonly string[]): Promise<Map<string, CallRecord>> {
        return this.#call('loadCalls', keys);
    }
    liveCallsOfAgent(agentId: string): Promise<CallRecord[]> {
        return this.#call('liveCallsOfAgent', agentId);
    }
    commit(batch: Batch): Promise<AgentEventRecord[]> {
        return this.#call('commit', batch);
    }
    loadAgentDevice(agentId: string): Promise<AgentState | undefined> {
        return this.#call('loadAgentDevice', agentId);
    }
    updateAgentDevice(agentId: string, change: Partial<AgentState>): Promise<void> {
        return this.#call('updateAgentDevice', agentId, change);
    }
    lastAgentSeq(agentId: string): Promise<number> {
        return this.#call('lastAgentSeq', agentId);
    }
    agentEventsAfter(agentId: string, seq: number, limit: number): Promise<AgentEventRecord[] | undefined> {
        return this.#call('agentEventsAfter', agentId, seq, limit);
    }
    claimJobs(limit: number, now: number, leaseMs: number): Promise<OutboxJob[]> {
        return this.#call('claimJobs', limit, now, leaseMs);
    }
    completeJobs(
        done: readonly { id: number; result: SalesforceJobResult }[],
        claim?: ClaimRequest
    ): Promise<OutboxJob[]> {
        return this.#call('completeJobs', done, claim);
    }
    rescheduleJob(id: number, notBefore: number, attemptsMade: number, error: string): Promise<void> {
        return this.#call('rescheduleJob', id, notBefore, attemptsMade, error);
    }
    failJob(id: number, error: string, attemptsMade = 0): Promise<void> {
        return this.#call('failJob', id, error, attemptsMade);
    }
    outboxDepth(): Promise<number> {
        return this.#call('outboxDepth');
    }
    deadJobs(limit: number): Promise<OutboxJob[]> {
        return this.#call('deadJobs', limit);
    }
    purge(before: number): Promise<void> {
        return this.#call('purge', before);
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
            await this.#call('close');
        } finally {
            this.#worker.ref();
            await this.#worker.terminate();
        }
    }
}

export function openThreadedSqliteStore(
    path: string,
    options?: SqliteStoreOptions,
    onFailure?: (error: Error) => void
): Promise<ThreadedSqliteStore> {
    return ThreadedSqliteStore.open(path, options, onFailure);
}
