import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { EXIT, HELP, OPTIONS, main, parseSize } from '../src/cli/main.js';
import { blocking, parseFailOn } from '../src/cli/fail-on.js';
import { ProgressBar } from '../src/cli/progress.js';
import { FIXED_NOW, FIXTURES } from './helpers.js';

const out = mkdtempSync(join(tmpdir(), 'scanner-cli-'));
after(() => rmSync(out, { recursive: true, force: true }));

function cli(args: string[], tty = false): { code: number; stdout: string; stderr: string } {
    let stdout = '';
    let stderr = '';
    const code = main(args, {
        stdout: { write: (t: string) => (stdout += t), isTTY: tty },
        stderr: { write: (t: string) => (stderr += t), isTTY: tty, columns: 100 },
        cwd: FIXTURES,
        env: {},
        now: FIXED_NOW
    });
    return { code, stdout, stderr };
}

describe('switchboard CLI', () => {
    it('prints help and version', () => {
        assert.match(cli(['--help']).stdout, /Usage: switchboard scan <path>/);
        assert.match(cli(['--help']).stdout, /3 {2}the scan could not run/);
        assert.match(cli(['-v']).stdout, /^\d+\.\d+\.\d+\n$/);
    });
    it('prints every option of the one options table that parses them, and the README documents each', () => {
        const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
        for (const name of Object.keys(OPTIONS)) {
            assert.match(HELP, new RegExp(`--${name}\\b`), name);
            if (name !== 'help' && name !== 'version') assert.ok(readme.includes(`\`--${name}`), `README: --${name}`);
        }
        assert.equal(cli(['-h']).stdout, HELP);
    });
    it('exits 2 on usage errors, with a message that says what to fix', () => {
        for (const [args, message] of [
            [['scan'], /missing <path>/],
            [[], /missing command/],
            [['lint', 'x'], /unknown command "lint"\n/],
            [['scna', 'x'], /unknown command "scna" \(did you mean scan\?\)/],
            [['scan', 'a', 'b'], /one path at a time/],
            [['scan', 'negative', '--bogus'], /unknown option --bogus\n/],
            [['scan', 'negative', '--fromat', 'json'], /unknown option --fromat \(did you mean --format\?\)/],
            [['scan', 'negative', '--max-filesize', '1mb'], /did you mean --max-file-size\?/],
            [['scan', 'negative', '-z'], /unknown option -z\n/],
            [['scan', 'negative', '--format'], /--format needs a value/],
            [['scan', 'negative', '--quiet=yes'], /--quiet takes no value/],
            [['scan', 'negative', '--fail-on', 'severe'], /unknown value "severe"/],
            [['scan', 'negative', '--max-file-size', 'big'], /not a size/],
            [['scan', 'negative', '--format', 'xml'], /--format/]
        ] as const) {
            const r = cli([...args]);
            assert.equal(r.code, EXIT.usage, args.join(' '));
            assert.match(r.stderr, message);
        }
    });
    it('exits 3 when the path does not exist or a report cannot be written', () => {
        const missing = cli(['scan', 'no-such-folder']);
        assert.equal(missing.code, EXIT.failed);
        assert.match(missing.stderr, /cannot read .*no-such-folder/);
        const unwritable = cli(['scan', 'negative', '--json', '/dev/null/report.json']);
        assert.equal(unwritable.code, EXIT.failed);
        assert.match(unwritable.stderr, /cannot write/);
    });
    it('exits 1 only when findings match --fail-on', () => {
        assert.equal(cli(['scan', 'adapter/lightning/wrong-usage.js', '--fail-on', 'error']).code, EXIT.blocked);
        assert.equal(cli(['scan', 'adapter/lightning/all-methods.js', '--fail-on', 'error,warning']).code, EXIT.ok);
        assert.equal(cli(['scan', 'adapter/lightning/all-methods.js', '--fail-on', 'eliminate']).code, EXIT.blocked);
        assert.equal(cli(['scan', 'negative', '--fail-on', 'note']).code, EXIT.ok);
    });
    it('writes every report with --out and prints the summary', () => {
        const r = cli(['scan', 'report-sample', '--out', out]);
        assert.equal(r.code, EXIT.ok);
        for (const ext of ['json', 'sarif', 'md', 'html'])
            assert.ok(existsSync(join(out, `switchboard-scan.${ext}`)), ext);
        assert.match(r.stdout, /Switchboard scan of report-sample/);
        assert.match(r.stdout, /Reports: /);
        const json = JSON.parse(readFileSync(join(out, 'switchboard-scan.json'), 'utf8')) as { root: string };
        assert.equal(json.root, 'report-sample');
    });
    it('prints a chosen format to stdout, or nothing with --quiet', () => {
        const json = cli(['scan', 'report-sample', '--format', 'json']);
        const parsed = JSON.parse(json.stdout) as { schemaVersion: string; findings: { guide: string }[] };
        assert.equal(parsed.schemaVersion, '1.3.0');
        assert.ok(parsed.findings.every((f) => f.guide.startsWith('docs/migration.md#')));
        assert.match(cli(['scan', 'report-sample', '--format', 'sarif']).stdout, /"version": "2.1.0"/);
        assert.match(cli(['scan', 'report-sample', '--format', 'markdown']).stdout, /^# Open CTI migration scan/);
        assert.match(cli(['scan', 'report-sample', '--format', 'html']).stdout, /^<!doctype html>/);
        assert.equal(cli(['scan', 'report-sample', '--quiet']).stdout, '');
    });
    it('applies excludes, ignore-file switches and the size limit', () => {
        const excluded = JSON.parse(
            cli(['scan', 'adapter', '--format', 'json', '--exclude', 'pages/', '--exclude', '*.md']).stdout
        ) as {
            findings: { location: { file: string } }[];
        };
        assert.ok(
            !excluded.findings.some((f) => f.location.file.startsWith('pages/') || f.location.file.endsWith('.md'))
        );
        const all = JSON.parse(cli(['scan', 'adapter', '--format', 'json', '--no-ignore-files']).stdout) as {
            findings: { location: { file: string } }[];
        };
        assert.ok(all.findings.some((f) => f.location.file.includes('ignored-by-switchboard')));
        const small = JSON.parse(cli(['scan', 'adapter', '--format', 'json', '--max-file-size', '1kb']).stdout) as {
            skipped: { reason: string }[];
        };
        assert.ok(small.skipped.filter((s) => s.reason === 'too-large').length > 3);
        assert.equal(parseSize('5mb'), 5 * 1024 * 1024);
        assert.equal(parseSize('800 KB'), 800 * 1024);
        assert.equal(parseSize('12'), 12);
        assert.equal(parseSize('256mb'), 256 * 1024 ** 2);
        assert.throws(() => parseSize('1g'), /over the ceiling of 256mb/);
    });
    it('draws the progress bar on a terminal only', () => {
        assert.match(cli(['scan', 'report-sample'], true).stderr, /\r\[#+-*\] \d+\/\d+ files/);
        assert.equal(cli(['scan', 'report-sample'], false).stderr, '');
        assert.equal(cli(['scan', 'report-sample', '--no-progress'], true).stderr, '');
        assert.ok(cli(['scan', 'report-sample'], true).stdout.includes('\u001b[31m'));
        let drawn = '';
        let t = 0;
        const bar = new ProgressBar({ write: (s: string) => (drawn += s), isTTY: true }, () => t);
        bar.update(1, 10, 1);
        bar.update(2, 10, 1);
        t = 100;
        bar.update(3, 10, 2);
        bar.clear();
        assert.equal((drawn.match(/\r\[/g) ?? []).length, 2);
        assert.match(drawn, /round 2/);
    });
    it('combines --fail-on values: actions match exactly, severities are thresholds', () => {
        const policy = parseFailOn(['keep,warning', 'error']);
        assert.deepEqual(policy, { actions: ['keep'], severity: 'warning' });
        const f = (action: 'keep' | 'migrate', severity: 'note' | 'warning' | 'error') =>
            ({ action, severity }) as never;
        assert.equal(blocking([f('keep', 'note'), f('migrate', 'error'), f('migrate', 'note')], policy).length, 2);
    });
    it('runs as `switchboard` through the bin with tsx, never executing the scanned code', () => {
        const bin = fileURLToPath(new URL('../bin/switchboard.js', import.meta.url));
        const r = spawnSync(
            process.execPath,
            [bin, 'scan', 'adapter/styles', '--format', 'json', '--fail-on', 'error'],
            {
                cwd: FIXTURES,
                encoding: 'utf8'
            }
        );
        assert.equal(r.status, EXIT.ok, r.stderr);
        assert.ok((JSON.parse(r.stdout) as { findings: unknown[] }).findings.length > 20);
    });

    it('stops quietly when the reader of its output goes away (`switchboard scan . | head -1`)', () => {
        const bin = fileURLToPath(new URL('../bin/switchboard.js', import.meta.url));
        // The report is far larger than a pipe holds, so the bin is still writing when `head` exits.
        const r = spawnSync(
            '/bin/sh',
            [
                '-c',
                `"${process.execPath}" "${bin}" scan adapter --format html | head -c 10 >/dev/null; echo "bin=$?" >&2`
            ],
            { cwd: FIXTURES, encoding: 'utf8' }
        );
        assert.equal(r.status, 0);
        assert.doesNotMatch(r.stderr, /EPIPE|Error/, r.stderr);
    });
});
