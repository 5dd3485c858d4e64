// The thread side of sqlite-store-thread.ts: opens the SqliteStore and runs each call it is sent, in order.
import { parentPort, workerData } from 'node:worker_threads';
import { openSqliteStore, type SqliteStore } from './sqlite-store.js';
import {
    toThreadError,
    toWire,
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
    port.postMessage(JSON.stringify({ id: 0 } satisfies ThreadReply));
} catch (error) {
    port.postMessage(JSON.stringify({ id: 0, error: toThreadError(error) } satisfies ThreadReply));
    port.close();
}

port.on('message', (text: string) => {
    const { id, method, args, now: at } = JSON.parse(text) as ThreadRequest;
    callerNow = at;
    // Every SqliteStore method does its work before it returns (a settled promise), so calls run in arrival order.
    let answer: Promise<unknown>;
    try {
        const fn = (store as unknown as Record<string, (...a: unknown[]) => unknown>)[method];
        if (typeof fn !== 'function') throw new TypeError(`the SQLite store has no method ${method}`);
        // JSON turned an absent argument into null; no Store method takes null.
        answer = Promise.resolve(
            fn.apply(
                store,
                args.map((arg) => (arg === null ? undefined : arg))
            )
        );
    } catch (error) {
        answer = Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    answer.then(
        (value) => port.postMessage(JSON.stringify({ id, value: toWire(value) } satisfies ThreadReply)),
        (error: unknown) => port.postMessage(JSON.stringify({ id, error: toThreadError(error) } satisfies ThreadReply))
    );
});
