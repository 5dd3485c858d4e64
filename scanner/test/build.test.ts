import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';

const scanner = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'scanner-build-'));
after(() => rmSync(work, { recursive: true, force: true }));

describe('the built CLI', () => {
    it('dist/ is what src/ compiles to (run `npm run build -w @switchboard/scanner` when this fails)', () => {
        const r = spawnSync(process.execPath, ['build.js', '--check'], { cwd: scanner, encoding: 'utf8' });
        assert.equal(r.status, 0, r.stderr);
    });
    it('starts without loading a parser, and loads none for files that contain no Open CTI word', () => {
        writeFileSync(join(work, 'plain.js'), 'export const add = (a, b) => a + b;\n');
        writeFileSync(join(work, 'Plain.page'), '<apex:page><script>var x = 1;</script></apex:page>\n');
        const probe = `
            import { main, loadedLibraries } from ${JSON.stringify(new URL('../dist/switchboard.js', import.meta.url).href)};
            const io = { stdout: { write() {} }, stderr: { write() {} }, cwd: process.cwd(), env: {} };
            const code = main(['scan', ${JSON.stringify(work)}, '--quiet'], io);
            process.stdout.write(JSON.stringify({ code, loaded: loadedLibraries() }));`;
        const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
        assert.equal(r.status, 0, r.stderr);
        // Not even `ignore`: the tree has no ignore file and no --exclude was given.
        assert.deepEqual(JSON.parse(r.stdout), { code: 0, loaded: [] });
    });
});

describe('the compiler code cache', () => {
    const cache = join(work, 'cache');
    const target = join(work, 'cached');
    const run = (env: NodeJS.ProcessEnv) =>
        spawnSync(process.execPath, [join(scanner, 'bin/switchboard.js'), 'scan', target, '--format', 'json'], {
            encoding: 'utf8',
            // The compiler parses only what oxc does not take: ask for it alone, so every run loads it.
            env: { ...process.env, SWITCHBOARD_CODE_CACHE_DIR: cache, SWITCHBOARD_PARSER: 'typescript', ...env }
        });
    const findings = (stdout: string): string[] =>
        (JSON.parse(stdout) as { findings: { api: { name: string } }[] }).findings.map((f) => f.api.name);

    it('is written after a scan that parsed, read by the next, and a bad or missing one changes nothing', () => {
        mkdirSync(target, { recursive: true });
        writeFileSync(join(target, 'a.js'), 'const c = sforce.opencti;\nc.refreshView({});\n');
        const first = run({});
        assert.equal(first.status, 0, first.stderr);
        const files = readdirSync(cache);
        assert.equal(files.length, 1);
        assert.match(files[0]!, /^typescript-[\d.]+-v[\d.]+-\w+\.v8$/);
        const second = run({});
        assert.deepEqual(findings(second.stdout), findings(first.stdout));
        writeFileSync(join(cache, files[0]!), 'not a code cache');
        const rejected = run({});
        assert.deepEqual(findings(rejected.stdout), ['sforce.opencti.refreshView']);
        assert.notEqual(readFileSync(join(cache, files[0]!), 'utf8'), 'not a code cache', 'rewritten');
        const off = run({ SWITCHBOARD_CODE_CACHE: '0' });
        assert.deepEqual(findings(off.stdout), ['sforce.opencti.refreshView']);
    });

    it('is not written when oxc parsed everything: the compiler was never loaded', () => {
        const fresh = join(work, 'cache-unused');
        const r = spawnSync(
            process.execPath,
            [join(scanner, 'bin/switchboard.js'), 'scan', target, '--format', 'json'],
            {
                encoding: 'utf8',
                env: { ...process.env, SWITCHBOARD_CODE_CACHE_DIR: fresh, SWITCHBOARD_PARSER: '' }
            }
        );
        assert.equal(r.status, 0, r.stderr);
        assert.deepEqual(findings(r.stdout), ['sforce.opencti.refreshView']);
        assert.equal(existsSync(fresh), false);
    });
});
