// The read-ahead worker (see read-ahead.ts): claims files from the end of the list, reads and pre-filters each as the
// main thread would (read-file.ts), keeps the text of the files with nothing to parse, and answers, after the first
// round, which of them mention a name. Built into dist/read-ahead-worker.js by build.js.
import { statSync } from 'node:fs';
import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import { readBoundedTransient } from './discovery/walk.js';
import {
    CLAIMED,
    FAILED,
    POSTED,
    REQUESTS,
    type AheadData,
    type AheadMessage,
    type AheadRequest
} from './read-ahead.js';
import { BASE_PREFILTER, readAndFilter } from './read-file.js';

/** The text kept for the next round, as the main thread keeps its own (file-scan.ts `remember`). */
const KEPT_CHARACTERS = 32 * 1024 * 1024;

const { files, maxFileSize, state: shared, port } = workerData as AheadData;
const state = new Int32Array(shared);

function post(message: AheadMessage): void {
    port.postMessage(message);
    Atomics.add(state, POSTED, 1);
    Atomics.notify(state, POSTED);
}

function run(): void {
    const kept = new Map<number, string>();
    let budget = KEPT_CHARACTERS;
    let next = files.length;
    while (Atomics.add(state, CLAIMED, 1) < files.length) {
        const index = --next;
        const file = files[index]!;
        const read = readAndFilter(
            file,
            () => readBoundedTransient(file.path, maxFileSize),
            () => statSync(file.path).size,
            maxFileSize,
            BASE_PREFILTER
        );
        if (read.kind === 'plain') {
            const keep = read.text.length <= budget;
            if (keep) {
                budget -= read.text.length;
                kept.set(index, read.text);
            }
            post({ file: { index, read: { ...read, text: '' }, kept: keep } });
        } else {
            post({ file: { index, read, kept: false } });
        }
    }
    post({ done: true });
    let seen = 0;
    for (;;) {
        Atomics.wait(state, REQUESTS, seen);
        seen = Atomics.load(state, REQUESTS);
        for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
            const request = m.message as AheadRequest;
            if ('stop' in request) return;
            const mentions = new RegExp(request.mentions);
            post({ mentioning: [...kept].filter(([, text]) => mentions.test(text)).map(([index]) => index) });
        }
    }
}

try {
    run();
} catch {
    Atomics.store(state, FAILED, 1);
    Atomics.notify(state, POSTED);
}
port.close();
