import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { entryName, isZip, readZip } from '../src/discovery/archive.js';
import { fileKind, sniff, staticResourceKind } from '../src/discovery/file-kinds.js';
import { RootNotFoundError, nodeFileSystem, walk, type FileSystem } from '../src/discovery/walk.js';
import { scan } from '../src/scan.js';

const roots: string[] = [];
after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

function tree(files: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), 'scanner-walk-'));
    roots.push(root);
    for (const [rel, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, rel)), { recursive: true });
        writeFileSync(join(root, rel), text);
    }
    return root;
}

const files = (r: ReturnType<typeof walk>): string[] => r.files.map((f) => f.rel);

describe('file kinds', () => {
    it('classifies by name', () => {
        assert.deepEqual(fileKind('a/b.tsx'), { kind: 'script', language: 'tsx' });
        assert.deepEqual(fileKind('pages/X.page'), { kind: 'markup', flavor: 'visualforce' });
        assert.deepEqual(fileKind('aura/c/c.cmp'), { kind: 'markup', flavor: 'aura' });
        assert.deepEqual(fileKind('callCenters/A.callCenter-meta.xml'), { kind: 'call-center' });
        assert.deepEqual(fileKind('callCenters/A.callCenter'), { kind: 'call-center' });
        assert.deepEqual(fileKind('x.xml'), { kind: 'xml' });
        assert.deepEqual(fileKind('force-app/staticresources/lib/adapter'), { kind: 'static-resource' });
        assert.equal(fileKind('src/Makefile'), undefined);
        assert.equal(fileKind('types/x.d.ts'), undefined);
        assert.equal(fileKind('img/logo.png'), undefined);
    });
    it('sniffs archives, binaries and static-resource content', () => {
        assert.equal(sniff(Uint8Array.from([0x50, 0x4b, 3, 4, 1])), 'archive');
        assert.equal(sniff(Uint8Array.from([0x1f, 0x8b, 8])), 'archive');
        assert.equal(sniff(Uint8Array.from([65, 0, 66])), 'binary');
        assert.equal(sniff(new TextEncoder().encode('var a;')), 'text');
        assert.deepEqual(staticResourceKind('  <html>'), { kind: 'markup', flavor: 'html' });
        assert.deepEqual(staticResourceKind('!function(){}'), { kind: 'script', language: 'js' });
    });
});

describe('walk', () => {
    it('respects nested .gitignore files with negation, .switchboardignore and default excludes', () => {
        const root = tree({
            '.gitignore': 'build/\n*.gen.js\n!keep.gen.js\n',
            'a.js': '',
            'drop.gen.js': '',
            'keep.gen.js': '',
            'build/out.js': '',
            'sub/.gitignore': '!*.gen.js\nlocal.js\n',
            'sub/x.gen.js': '',
            'sub/local.js': '',
            'sub/.switchboardignore': 'secret/\n',
            'sub/secret/s.js': '',
            'node_modules/lib/index.js': '',
            'sub/deep/node_modules/dep/i.js': '',
            '.git/hooks/h.js': '',
            'notes.txt': ''
        });
        const r = walk({ root, maxFileSize: 1e6 });
        assert.deepEqual(files(r), ['a.js', 'keep.gen.js', 'sub/x.gen.js']);
        assert.equal(r.notRelevant, 1); // notes.txt; the three ignore files are read as such
        assert.deepEqual(
            r.skipped.map((s) => [s.file, s.reason]),
            [['notes.txt', 'not-read']]
        );
        assert.ok(r.ignored >= 5);
        const all = walk({ root, maxFileSize: 1e6, ignoreFiles: false, defaultExcludes: false });
        assert.ok(files(all).includes('node_modules/lib/index.js'));
        assert.ok(files(all).includes('sub/deep/node_modules/dep/i.js'));
        assert.ok(files(all).includes('build/out.js'));
    });
    it('applies --exclude patterns that ignore files cannot undo', () => {
        const root = tree({ '.gitignore': '!vendor/\n', 'vendor/v.js': '', 'src/a.js': '', 'src/a.test.js': '' });
        const r = walk({ root, maxFileSize: 1e6, excludes: ['vendor/', '*.test.js'] });
        assert.deepEqual(files(r), ['src/a.js']);
    });
    it('lists a folder without a stat per file; the scan reports a file over the size limit, with its size', () => {
        const root = tree({ 'big.js': 'x'.repeat(2000), 'small.js': 'x' });
        symlinkSync(join(root, 'big.js'), join(root, 'link.js'));
        const calls: string[] = [];
        const counting: FileSystem = {
            ...nodeFileSystem,
            stat: (path) => {
                calls.push(path);
                return nodeFileSystem.stat(path);
            }
        };
        const r = walk({ root, maxFileSize: 1000, fs: counting });
        // The root and the link's target are stat'ed (a link's type and size are the target's); the files are not.
        assert.deepEqual(calls, [root, join(root, 'big.js')]);
        assert.deepEqual(files(r), ['big.js', 'small.js']);
        assert.deepEqual(
            r.skipped.map((s) => [s.file, s.reason, s.detail]),
            [['link.js', 'too-large', '2000 bytes, over the limit of 1000']]
        );
        const report = scan({ root, maxFileSize: 1000 });
        assert.deepEqual(
            report.skipped.map((s) => [s.file, s.reason, s.detail]),
            [
                ['big.js', 'too-large', '2000 bytes, over the limit of 1000'],
                ['link.js', 'too-large', '2000 bytes, over the limit of 1000']
            ]
        );
        assert.equal(report.summary.filesScanned, 1);
    });
    it('survives symlink loops, links out of the root and broken links', () => {
        const root = tree({ 'a/x.js': '', 'outside/o.js': '' });
        const scanRoot = join(root, 'a');
        symlinkSync(scanRoot, join(scanRoot, 'loop'));
        symlinkSync(join(root, 'outside'), join(scanRoot, 'out'));
        symlinkSync(join(root, 'missing'), join(scanRoot, 'broken'));
        symlinkSync(join(scanRoot, 'x.js'), join(scanRoot, 'alias.js'));
        const r = walk({ root: scanRoot, maxFileSize: 1e6 });
        assert.deepEqual(files(r), ['alias.js', 'x.js']);
        assert.deepEqual(r.skipped.map((s) => [s.file, s.reason]).sort(), [
            ['broken', 'symlink-broken'],
            ['loop', 'symlink-loop'],
            ['out', 'symlink-outside-root']
        ]);
    });
    it('scans a single file, and fails clearly on a missing root', () => {
        const root = tree({ 'one.page': '<apex:page/>' });
        assert.deepEqual(files(walk({ root: join(root, 'one.page'), maxFileSize: 1e6 })), ['one.page']);
        assert.equal(walk({ root: join(root, 'one.page'), maxFileSize: 1 }).skipped[0]?.reason, 'too-large');
        assert.throws(() => walk({ root: join(root, 'nope'), maxFileSize: 1 }), RootNotFoundError);
    });
    it('reports unreadable folders and ignore files instead of failing', () => {
        const root = tree({ 'ok/a.js': '', 'locked/b.js': '', '.gitignore': 'x' });
        const failing: FileSystem = {
            ...nodeFileSystem,
            readdir: (dir) => {
                if (dir.endsWith('locked'))
                    throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
                return nodeFileSystem.readdir(dir);
            },
            readFile: (path) => {
                if (path.endsWith('.gitignore')) throw new Error('EIO: i/o error');
                return nodeFileSystem.readFile(path);
            }
        };
        const r = walk({ root, maxFileSize: 1e6, fs: failing });
        assert.deepEqual(files(r), ['ok/a.js']);
        assert.deepEqual(r.skipped.map((s) => [s.file, s.reason]).sort(), [
            ['.gitignore', 'unreadable'],
            ['locked', 'unreadable']
        ]);
    });
    it('lists a named pipe as not a regular file, and never opens it', (t) => {
        const root = tree({ 'a.js': '' });
        const made = process.platform === 'win32' ? undefined : spawnSync('mkfifo', [join(root, 'pipe.js')]);
        if (!made || made.error || made.status !== 0) {
            t.skip('mkfifo is not available here');
            return;
        }
        spawnSync('mkfifo', [join(root, 'named-pipe')]);
        symlinkSync(join(root, 'pipe.js'), join(root, 'link-to-pipe.js'));
        // Opening a FIFO blocks until a writer comes: fail instead if the walker ever tries.
        const guarded: FileSystem = {
            ...nodeFileSystem,
            readFile: (path) => {
                if (/pipe/.test(path)) throw new Error(`opened ${path}`);
                return nodeFileSystem.readFile(path);
            }
        };
        const r = walk({ root, maxFileSize: 1e6, fs: guarded });
        assert.deepEqual(files(r), ['a.js']);
        assert.deepEqual(r.skipped.map((s) => [s.file, s.reason, s.detail]).sort(), [
            ['link-to-pipe.js', 'not-regular-file', 'not a regular file: a named pipe (FIFO), never opened'],
            ['named-pipe', 'not-regular-file', 'not a regular file: a named pipe (FIFO), never opened'],
            ['pipe.js', 'not-regular-file', 'not a regular file: a named pipe (FIFO), never opened']
        ]);
        assert.equal(r.notRelevant, 1, 'a pipe with a name the scanner does not read counts as not relevant, listed');
        const single = walk({ root: join(root, 'pipe.js'), maxFileSize: 1e6, fs: guarded });
        assert.deepEqual(
            single.skipped.map((s) => [s.file, s.reason]),
            [['pipe.js', 'not-regular-file']]
        );
        assert.deepEqual(files(single), []);
    });
    it('names sockets and devices that are not regular files', () => {
        const special = (kind: string): FileSystem => ({
            ...nodeFileSystem,
            realpath: (path) => path,
            stat: () => ({
                size: 0,
                isDirectory: () => false,
                isFile: () => false,
                isFIFO: () => kind === 'fifo',
                isSocket: () => kind === 'socket',
                isCharacterDevice: () => kind === 'char',
                isBlockDevice: () => kind === 'block'
            })
        });
        const detail = (kind: string): string | undefined =>
            walk({ root: '/dev/whatever.js', maxFileSize: 1, fs: special(kind) }).skipped[0]?.detail;
        assert.equal(detail('socket'), 'not a regular file: a socket, never opened');
        assert.equal(detail('char'), 'not a regular file: a character device, never opened');
        assert.equal(detail('block'), 'not a regular file: a block device, never opened');
        assert.equal(detail('door'), 'not a regular file: a special file, never opened');
        assert.equal(walk({ root: '/dev/tty', maxFileSize: 1, fs: special('char') }).notRelevant, 1);
    });
    it('walks very deep trees without recursion', () => {
        const deep = Array.from({ length: 150 }, (_, i) => `d${i}`).join('/');
        const root = tree({ [`${deep}/z.js`]: '' });
        assert.equal(walk({ root, maxFileSize: 1e6 }).files.length, 1);
    });
});

describe('zipped static resources', () => {
    const limits = { maxEntrySize: 1_000_000, maxTotalSize: 3_000_000, maxEntries: 10 };
    const all = (): boolean => true;
    it('inflates the entries it keeps, in memory', () => {
        const zip = zipSync({ 'js/a.js': strToU8('a();'), 'img/logo.png': new Uint8Array([1, 2]), 'css/': {} });
        assert.ok(isZip(zip));
        const r = readZip(zip, limits, (name) => name.endsWith('.js'));
        assert.deepEqual(
            r.entries.map((e) => [e.name, new TextDecoder().decode(e.content)]),
            [['js/a.js', 'a();']]
        );
        assert.equal(r.error, undefined);
    });
    it('stops zip bombs by the inflated size, not the header', () => {
        const bomb = zipSync({ 'zeros.js': new Uint8Array(5_000_000), 'ok.js': strToU8('b();') });
        const r = readZip(bomb, limits, all);
        assert.deepEqual(
            r.entries.map((e) => e.name),
            ['ok.js']
        );
        assert.deepEqual(
            r.skipped.map((s) => [s.name, s.reason]),
            [['zeros.js', 'too-large']]
        );
        const many = zipSync(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`f${i}.js`, strToU8('x')])));
        const r2 = readZip(many, limits, all);
        assert.equal(r2.entries.length, 10);
        assert.deepEqual(
            r2.skipped.map((s) => s.reason),
            ['too-many']
        );
        const wide = zipSync(
            Object.fromEntries(Array.from({ length: 4 }, (_, i) => [`w${i}.js`, new Uint8Array(900_000)]))
        );
        assert.match(readZip(wide, limits, all).skipped[0]?.detail ?? '', /in all/);
    });
    it('reports archives it cannot read', () => {
        assert.equal(readZip(Uint8Array.from([0x50, 0x4b, 3, 4, 9, 9]), limits, all).error, 'no readable entries');
        assert.equal(entryName('/a\\b/../c/./d.js'), 'a/b/c/d.js');
    });
});
