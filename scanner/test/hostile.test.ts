// The CLI against hostile trees, as a user runs it (the bin, in a child process with a timeout): no crash, no hang,
// every file it does not read listed with its reason. Running as root, permissions cannot deny a read here, so the
// denied folder and the unreadable root also go through the file-system seam.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { EXIT } from '../src/cli/main.js';
import {
    MAX_FILE_SIZE_CEILING,
    RootNotFoundError,
    nodeFileSystem,
    readBounded,
    readBoundedTransient
} from '../src/discovery/walk.js';
import { scan } from '../src/scan.js';

const bin = fileURLToPath(new URL('../bin/switchboard.js', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'scanner-hostile-'));
after(() => rmSync(work, { recursive: true, force: true }));

interface Report {
    summary: { filesScanned: number; findings: number };
    skipped: { file: string; reason: string }[];
}

function run(args: string[]): { status: number | null; report?: Report; stderr: string } {
    const r = spawnSync(process.execPath, [bin, ...args, '--format', 'json'], {
        encoding: 'utf8',
        timeout: 60_000,
        maxBuffer: 256 * 1024 ** 2
    });
    return {
        status: r.status,
        stderr: r.stderr,
        ...(r.status === 0 ? { report: JSON.parse(r.stdout) as Report } : {})
    };
}

describe('hostile trees', () => {
    it('survives loops, pipes, binaries named .js, deep nesting and thousands of empty files, listing every skip', () => {
        const root = join(work, 'tree');
        mkdirSync(join(root, 'many'), { recursive: true });
        symlinkSync(root, join(root, 'loop'));
        symlinkSync('/etc', join(root, 'outside'));
        symlinkSync(join(root, 'gone'), join(root, 'broken.js'));
        execFileSync('mkfifo', [join(root, 'pipe.js')]);
        writeFileSync(join(root, 'blob.js'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 0xff, 0xfe]));
        let deep = root;
        for (let i = 0; i < 200; i++) deep = join(deep, 'd');
        mkdirSync(deep, { recursive: true });
        writeFileSync(join(deep, 'adapter.js'), 'sforce.opencti.refreshView({});\n');
        writeFileSync(
            join(root, 'nested.js'),
            `x = ${'['.repeat(20_000)}${']'.repeat(20_000)}; sforce.opencti.saveLog({});\n`
        );
        for (let i = 0; i < 5000; i++) writeFileSync(join(root, 'many', `f${i}.js`), '');

        const r = run(['scan', root]);
        assert.equal(r.status, EXIT.ok, r.stderr);
        const reasons = Object.fromEntries(r.report!.skipped.map((s) => [s.file, s.reason]));
        assert.equal(reasons.loop, 'symlink-loop');
        assert.equal(reasons.outside, 'symlink-outside-root');
        assert.equal(reasons['broken.js'], 'symlink-broken');
        assert.equal(reasons['pipe.js'], 'not-regular-file');
        assert.equal(reasons['blob.js'], 'binary');
        assert.ok(r.report!.summary.filesScanned >= 5002);
        assert.equal(r.report!.summary.findings, 2, 'the deep file and the deeply nested expression');
    });
    it('exits 3 on a root it cannot list or read, and 2 on a --max-file-size past the ceiling', () => {
        const root = join(work, 'denied');
        mkdirSync(root);
        const denied = {
            ...nodeFileSystem,
            readdir: () => {
                throw new Error('EACCES: permission denied');
            }
        };
        assert.throws(() => scan({ root, fs: denied }), RootNotFoundError);
        const file = join(root, 'a.js');
        writeFileSync(file, 'x');
        const unreadable = {
            ...nodeFileSystem,
            readFile: () => {
                throw new Error('EACCES: permission denied');
            }
        };
        assert.throws(() => scan({ root: file, fs: unreadable }), /cannot read .*permission denied/);
        const huge = run(['scan', root, '--max-file-size', '100gb']);
        assert.equal(huge.status, EXIT.usage);
        assert.match(huge.stderr, /over the ceiling of 256mb/);
    });
    it('reads a file with a byte budget, however large it is', () => {
        const file = join(work, 'big.js');
        writeFileSync(file, Buffer.alloc(300_000, 0x61));
        assert.equal(readBounded(file, 1000).length, 1001);
        assert.equal(readBounded(file, 10 ** 9).length, 300_000);
        assert.equal(readBounded(file, 299_999).length, 300_000);
        // The same budget when every read shares one buffer (the scanner's own reads).
        assert.equal(readBoundedTransient(file, 1000).length, 1001);
        assert.equal(readBoundedTransient(file, 10 ** 9).length, 300_000);
        assert.equal(readBoundedTransient(file, 299_999).length, 300_000);
        assert.ok(readBoundedTransient(file, 10 ** 9).every((b) => b === 0x61));
        assert.ok(MAX_FILE_SIZE_CEILING < 2 ** 29);
        const report = scan({ root: file, maxFileSize: 1000 });
        assert.equal(report.skipped[0]?.reason, 'too-large');
        assert.equal(scan({ root: work, maxFileSize: 10 ** 12 }).options.maxFileSize, MAX_FILE_SIZE_CEILING);
    });
});
