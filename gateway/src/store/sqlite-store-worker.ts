// The thread side of sqlite-store-thread.ts: opens the SqliteStore and runs each call it is sent, in order.
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteStore, type CallRow, type OutboxRow, type SqliteStore } from './sqlite-store.js';
import {
    pack,
    toThreadError,
    toWire,
    unpack,
    type PackedBatch,
    type ThreadReply,
    type ThreadRequest,
    type SqliteThreadOptions
} from './sqlite-store-thread.js';

const port = parentPort;
if (port === null) throw new Error('sqlite-store-worker runs only as a worker thread (see sqlite-store-thread.ts)');
const { path, options, now } = workerData as { path: string; options: SqliteThreadOptions; now: number };

/** The caller's clock, as of the call being run (see ThreadRequest.now). */
let callerNow = now;
let store: SqliteStore;
try {
    store = openSqliteStore(path, { ...options, now: () => callerNow });
    port.postMessage(pack({ id: 0 } satisfies ThreadReply));
} catch (error) {
    port.postMessage(pack({ id: 0, error: toThreadError(error) } satisfies ThreadReply));
    port.close();
}

/** Rows whose JSON column goes back as text, unparsed (the event loop parses it once). */
function callRows(id: number, rows: CallRow[]): string {
    return pack(
        { id, calls: rows.map((r) => [r.call_key, r.agent_id, r.version, r.ended_at]) } satisfies ThreadReply,
        rows.map((r) => r.state)
    );
}

function jobRows(id: number, rows: OutboxRow[]): string {
    return pack(
        {
            id,
            jobs: rows.map((r) => [r.id, r.attempts, r.not_before, r.created_at, r.last_error])
        } satisfies ThreadReply,
        rows.map((r) => r.job)
    );
}

/** Runs one call; the reply as packed text. The hot paths use the store's text-level methods. */
function answer(id: number, method: string, args: unknown[], texts: string[]): string | Promise<string> {
    switch (method) {
        case 'commit': {
            const batch = args[0] as PackedBatch;
            let t = 0;
            const receipt = store.commitSerialized({
                carrierEventIds: batch.carrierEventIds,
                calls: batch.calls.map(([callKey, agentId, version, endedAt]) => ({
                    callKey,
                    agentId,
                    state: texts[t++]!,
                    version,
                    endedAt
                })),
                agentEvents: batch.agentEvents.map(([agentId, causedBy]) => ({
                    agentId,
                    causedBy,
                    event: texts[t++]!
                })),
                jobs: batch.jobs.map(([callKey, kind]) => ({ callKey, kind, job: texts[t++]! }))
            });
            return pack({ id, value: toWire(receipt) } satisfies ThreadReply);
        }
        case 'loadCalls':
            return callRows(id, store.loadCallRows(args[0] as string[]));
        case 'claimJobs':
            return jobRows(id, store.claimJobRows(args[0] as number, args[1] as number, args[2] as number));
        case 'completeJobs':
            return jobRows(
                id,
                store.completeJobRows(
                    args[0] as Parameters<SqliteStore['completeJobRows']>[0],
                    (args[1] ?? undefined) as Parameters<SqliteStore['completeJobRows']>[1]
                )
            );
    }
    const fn = (store as unknown as Record<string, (...a: unknown[]) => unknown>)[method];
    if (typeof fn !== 'function') throw new TypeError(`the SQLite store has no method ${method}`);
    // JSON turned an absent argument into null; no Store method takes null. Every SqliteStore method does its work
    // before it returns (a settled promise), so calls run in arrival order.
    return Promise.resolve(
        fn.apply(
            store,
            args.map((arg) => (arg === null ? undefined : arg))
        )
    ).then((value) => pack({ id, value: toWire(value) } satisfies ThreadReply));
}

port.on('message', (message: string) => {
    const { header, texts } = unpack<ThreadRequest>(message);
    const { id, method, args, now: at } = header;
    callerNow = at;
    const fail = (error: unknown) => port.postMessage(pack({ id, error: toThreadError(error) } satisfies ThreadReply));
    let reply: string | Promise<string>;
    try {
        reply = answer(id, method, args, texts);
    } catch (error) {
        fail(error);
        return;
    }
    if (typeof reply === 'string') port.postMessage(reply);
    else reply.then((text) => port.postMessage(text), fail);
});
