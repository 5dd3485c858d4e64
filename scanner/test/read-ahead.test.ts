// Reading ahead (read-ahead.ts): a large tree read from both ends, by the main thread and a worker, scans to the
// report the main thread alone makes, with every kind of file the first step can meet.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { walk } from '../src/discovery/walk.js';
import { READ_AHEAD_MIN_FILES, ReadAhead, type AheadFile } from '../src/read-ahead.js';
import { scan, type ScanOptions } from '../src/scan.js';
import { FIXED_NOW, ZERO_CLOCK, catalog } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'scanner-read-ahead-'));
after(() => rmSync(work, { recursive: true, force: true }));

function withReadAhead<T>(value: string | undefined, f: () => T): T {
    const saved = process.env.SWITCHBOARD_READ_AHEAD;
    if (value === undefined) delete process.env.SWITCHBOARD_READ_AHEAD;
    else process.env.SWITCHBOARD_READ_AHEAD = value;
    try {
        return f();
    } finally {
        if (saved === undefined) delete process.env.SWITCHBOARD_READ_AHEAD;
        else process.env.SWITCHBOARD_READ_AHEAD = saved;
    }
}

describe('reading ahead in a worker', () => {
    const root = join(work, 'tree');
    // A tree over the threshold, every file kind spread through it, so both sides meet each kind.
    const count = READ_AHEAD_MIN_FILES + 200;
    for (let d = 0; d < 17; d++) mkdirSync(join(root, `d${d}`), { recursive: true });
    for (let i = 0; i < count; i++) {
        const dir = join(root, `d${i % 17}`);
        const pick = i % 11;
        if (pick === 0) {
            writeFileSync(join(dir, `a${i}.js`), `var cti${i} = sforce.opencti;\ncti${i}.refreshView({});\n`);
        } else if (pick === 1) {
            // An exported global, used in a plain file far away: the next round finds it in the worker's text.
            writeFileSync(join(dir, `w${i}.js`), `function logCall${i}(v) { sforce.opencti.saveLog({ value: v }); }\n`);
            writeFileSync(join(root, `d${(i + 9) % 17}`, `use${i}.js`), `logCall${i}({ Subject: 'S' });\n`);
        } else if (pick === 2) {
            writeFileSync(join(dir, `bin${i}.js`), Buffer.from([0x76, 0x61, 0x72, 0, 1, 2, 3]));
        } else if (pick === 3) {
            writeFileSync(
                join(dir, `bad${i}.js`),
                Buffer.concat([Buffer.from('var x = "'), Buffer.from([0xff]), Buffer.from('";\n')])
            );
        } else if (pick === 4) {
            writeFileSync(join(dir, `big${i}.js`), `var big = "${'x'.repeat(3000)}";\n`);
        } else if (pick === 5) {
            writeFileSync(
                join(dir, `c${i}.callCenter-meta.xml`),
                '<?xml version="1.0" encoding="UTF-8"?>\n<CallCenter xmlns="http://soap.sforce.com/2006/04/metadata"><adapterUrl>https://a.example/x</adapterUrl></CallCenter>\n'
            );
        } else if (pick === 6) {
            writeFileSync(
                join(dir, `p${i}.page`),
                `<apex:page><script>localStorage.setItem('k', ${i});</script></apex:page>\n`
            );
        } else {
            writeFileSync(join(dir, `plain${i}.js`), `export function add${i}(a, b) {\n    return a + b;\n}\n`);
        }
    }
    const options: ScanOptions = { root, now: FIXED_NOW, clock: ZERO_CLOCK, catalog, maxFileSize: 2048 };

    it('scans to the same report as the main thread alone, special files and later rounds included', () => {
        const alone = withReadAhead('0', () => scan(options));
        const ahead = withReadAhead(undefined, () => scan(options));
        assert.deepStrictEqual(ahead, alone);
        const reasons = new Set<string>(ahead.skipped.map((s) => s.reason));
        for (const reason of ['binary', 'too-large']) assert.ok(reasons.has(reason), reason);
        assert.ok(ahead.parseFallbacks.some((f) => f.reason === 'invalid-utf8'));
        // Each wrapper's call, found in a file with no Open CTI word of its own.
        const wrapped = ahead.findings.filter((f) => f.location.file.includes('/use'));
        assert.equal(wrapped.length, Math.ceil((count - 1) / 11));
    });

    it('reports every file once, in the order of the walk, whichever side read it', () => {
        const seen: number[] = [];
        const report = withReadAhead(undefined, () =>
            scan({ ...options, onProgress: ({ done, round }) => round === 1 && seen.push(done) })
        );
        assert.deepEqual(
            seen,
            Array.from({ length: seen.length }, (_, i) => i + 1)
        );
        assert.equal(
            report.summary.filesScanned + report.skipped.filter((s) => s.reason !== 'not-read').length,
            seen.length
        );
    });

    it('starts a worker for this tree, and none for a small one or when asked not to', () => {
        const { files } = walk({ root, maxFileSize: 2048 });
        const ahead = ReadAhead.start(files, 2048);
        assert.ok(ahead);
        ahead.stop();
        assert.equal(ReadAhead.start(files.slice(0, READ_AHEAD_MIN_FILES - 1), 2048), undefined);
        assert.equal(
            withReadAhead('0', () => ReadAhead.start(files, 2048)),
            undefined
        );
    });

    it('a worker that fails or falls silent leaves its files to the main thread', () => {
        const { files } = walk({ root, maxFileSize: 2048 });
        // A worker that claims files and fails before reading any (as the real one reports an error) ...
        const failing = join(work, 'failing-worker.mjs');
        writeFileSync(
            failing,
            `import { workerData } from 'node:worker_threads';
            const state = new Int32Array(workerData.state);
            Atomics.add(state, 0, 100);
            Atomics.store(state, 3, 1);
            Atomics.notify(state, 1);\n`
        );
        // ... and one that claims files and says nothing.
        const silent = join(work, 'silent-worker.mjs');
        writeFileSync(
            silent,
            `import { workerData } from 'node:worker_threads';\nAtomics.add(new Int32Array(workerData.state), 0, 100);\n`
        );
        for (const script of [failing, silent]) {
            const ahead = ReadAhead.start(files, 2048, { script, silenceMs: 200 })!;
            const taken: AheadFile[] = [];
            while (ahead.claim()) {
                // the main thread's own files
            }
            assert.equal(
                ahead.finish((f) => taken.push(f)),
                false,
                script
            );
            assert.equal(taken.length, 0);
            assert.equal(ahead.mentioning('x'), undefined);
            ahead.stop();
        }
    });
});
