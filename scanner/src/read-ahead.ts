// Reading ahead, for a large tree: a worker thread reads and pre-filters files from the end of the list while the
// main thread takes them from the start, reading and analysing (scan.ts, round 1). Most of a tree is files with
// nothing to parse, whose cost is reading, decoding and matching: native work the worker does beside the analysis.
// The worker keeps those files' text and answers the next round's question about them (which mention an exported
// name); a file it read to be opened up comes back as text. Each file is claimed once, by one side, through a shared
// counter, so the two meet wherever the work divides. Nothing waits on the event loop: the main thread sleeps on a
// shared counter (`Atomics.wait`) and reads the worker's messages synchronously. A worker that cannot start, fails or
// goes silent leaves its files to the main thread: the report is the same, only slower.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MessageChannel, Worker, receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { WalkEntry } from './discovery/walk.js';
import type { ReadResult, ReadTarget } from './read-file.js';

/** Below this many files a tree is read on the main thread alone: starting a worker takes about 50 ms. */
export const READ_AHEAD_MIN_FILES = 400;

/** Slots of the shared state. */
export const CLAIMED = 0;
export const POSTED = 1;
export const REQUESTS = 2;
export const FAILED = 3;

/** How long the main thread waits for the worker's next message before doing its files itself. */
const SILENCE_MS = 10_000;

/** Where the worker comes from, and how long a silence ends it (other values in tests only). */
export interface ReadAheadSetup {
    script?: string;
    silenceMs?: number;
}

export interface AheadData {
    files: (ReadTarget & { path: string })[];
    maxFileSize: number;
    state: SharedArrayBuffer;
    port: MessagePort;
}

/** A file the worker read; `kept`: it holds the text of a plain file (the message carries none). */
export interface AheadFile {
    index: number;
    read: ReadResult;
    kept: boolean;
}

export type AheadMessage = { file: AheadFile } | { done: true } | { mentioning: number[] };
export type AheadRequest = { mentions: string } | { stop: true };

/** The worker's script: built into dist/ (build.js), and found from src/ and dist/ alike. */
const WORKER = fileURLToPath(new URL('../dist/read-ahead-worker.js', import.meta.url));

export class ReadAhead {
    private readonly state: Int32Array;
    private received = 0;
    private done = false;
    private dead = false;
    private readonly pendingReplies: number[][] = [];

    private constructor(
        private readonly worker: Worker,
        private readonly port: MessagePort,
        state: SharedArrayBuffer,
        private readonly count: number,
        private readonly silenceMs: number
    ) {
        this.state = new Int32Array(state);
    }

    /** A worker for `entries`, or undefined when the tree is small, has files in memory, or no worker can start. */
    static start(
        entries: readonly WalkEntry[],
        maxFileSize: number,
        setup: ReadAheadSetup = {}
    ): ReadAhead | undefined {
        const script = setup.script ?? WORKER;
        if (process.env.SWITCHBOARD_READ_AHEAD === '0' || entries.length < READ_AHEAD_MIN_FILES) return undefined;
        if (entries.some((e) => e.content) || !existsSync(script)) return undefined;
        const state = new SharedArrayBuffer(4 * Int32Array.BYTES_PER_ELEMENT);
        const { port1, port2 } = new MessageChannel();
        const data: AheadData = {
            files: entries.map((e) => ({
                rel: e.rel,
                path: e.path,
                kind: e.kind,
                ...(e.size !== undefined ? { size: e.size } : {})
            })),
            maxFileSize,
            state,
            port: port2
        };
        try {
            const worker = new Worker(script, { workerData: data, transferList: [port2] });
            worker.unref();
            port1.unref();
            // Its errors are told through the shared state; an 'error' event nobody listens to would end the process.
            worker.on('error', () => {});
            return new ReadAhead(worker, port1, state, entries.length, setup.silenceMs ?? SILENCE_MS);
        } catch {
            return undefined;
        }
    }

    /** Claims the next file for the main thread: false when every file is claimed. */
    claim(): boolean {
        return Atomics.add(this.state, CLAIMED, 1) < this.count;
    }

    /** Hands over the files the worker has read so far, without waiting. */
    drain(take: (file: AheadFile) => void): void {
        for (let m = this.receive(); m; m = this.receive()) this.handle(m, take);
    }

    /**
     * Hands over the rest of the worker's files, waiting for them. Returns false when the worker failed or fell
     * silent: the caller then does the files it has not been given.
     */
    finish(take: (file: AheadFile) => void): boolean {
        while (!this.done) {
            const m = this.next();
            if (!m) return false;
            this.handle(m, take);
        }
        return true;
    }

    /** Which files the worker keeps the text of mention a match of `source` (a regular expression's source). */
    mentioning(source: string): Set<number> | undefined {
        if (this.dead) return undefined;
        const request: AheadRequest = { mentions: source };
        this.port.postMessage(request);
        Atomics.add(this.state, REQUESTS, 1);
        Atomics.notify(this.state, REQUESTS);
        while (this.pendingReplies.length === 0) {
            const m = this.next();
            if (!m) return undefined;
            this.handle(m, () => {});
        }
        return new Set(this.pendingReplies.shift());
    }

    /** Ends the worker (its remaining work is not needed). */
    stop(): void {
        try {
            const request: AheadRequest = { stop: true };
            this.port.postMessage(request);
            Atomics.add(this.state, REQUESTS, 1);
            Atomics.notify(this.state, REQUESTS);
        } catch {
            // already gone
        }
        void this.worker.terminate();
        this.port.close();
    }

    private handle(m: AheadMessage, take: (file: AheadFile) => void): void {
        if ('file' in m) take(m.file);
        else if ('done' in m) this.done = true;
        else this.pendingReplies.push(m.mentioning);
    }

    private receive(): AheadMessage | undefined {
        const m = receiveMessageOnPort(this.port);
        if (!m) return undefined;
        this.received++;
        return m.message as AheadMessage;
    }

    /** The worker's next message, waiting for it; undefined when it failed or fell silent. */
    private next(): AheadMessage | undefined {
        for (;;) {
            const m = this.receive();
            if (m) return m;
            if (this.dead || Atomics.load(this.state, FAILED) !== 0) {
                this.dead = true;
                return undefined;
            }
            if (Atomics.wait(this.state, POSTED, this.received, this.silenceMs) === 'timed-out') {
                if (Atomics.load(this.state, POSTED) === this.received) {
                    this.dead = true;
                    return undefined;
                }
            }
        }
    }
}
