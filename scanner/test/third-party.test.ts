// Issue 16, item 6: storage, cookie and messaging use in vendored or minified libraries is reported apart.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { renderHtml } from '../src/report/html.js';
import { renderMarkdown } from '../src/report/markdown.js';
import { renderSarif } from '../src/report/sarif.js';
import { renderTerminal } from '../src/report/terminal.js';
import { thirdPartyReason } from '../src/rules/third-party.js';
import { scan } from '../src/scan.js';
import { FIXED_NOW, ZERO_CLOCK, catalog } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'scanner-third-party-'));
after(() => rmSync(work, { recursive: true, force: true }));

describe('third-party code', () => {
    mkdirSync(join(work, 'vendor'));
    mkdirSync(join(work, 'js'));
    writeFileSync(join(work, 'vendor/store.js'), "localStorage.setItem('k', 1);\n");
    writeFileSync(join(work, 'vendor/cti-glue.js'), 'sforce.opencti.refreshView({});\n');
    writeFileSync(join(work, 'js/app.min.js'), "document.cookie = 'a=1';\n");
    writeFileSync(join(work, 'js/jquery-3.6.0.js'), "window.parent.postMessage('x', '*');\n");
    writeFileSync(join(work, 'js/helper.js'), '/*! helper v1 | (c) 2020 Example | MIT */\nsessionStorage.clear();\n');
    const long = `${'var a=1;'.repeat(3000)}document.cookie='b=2';`;
    writeFileSync(join(work, 'js/bundle.js'), `${long}\n${long}\n`);
    writeFileSync(join(work, 'js/adapter.js'), "localStorage.setItem('call', id);\nsforce.opencti.saveLog({});\n");
    const report = scan({ root: work, now: FIXED_NOW, clock: ZERO_CLOCK, catalog });

    it('recognises libraries by path, name, banner and line shape, and keeps only their web findings apart', () => {
        assert.deepEqual(
            report.findings.map((f) => `${f.location.file} ${f.api.name} ${f.thirdParty ?? 'own'}`),
            [
                'js/adapter.js localStorage own',
                'js/adapter.js sforce.opencti.saveLog own',
                'js/app.min.js document.cookie a minified file (.min. in its name)',
                'js/bundle.js document.cookie minified code (lines over 500 characters on average)',
                'js/bundle.js document.cookie minified code (lines over 500 characters on average)',
                'js/helper.js sessionStorage a library license banner',
                'js/jquery-3.6.0.js window.postMessage a known library file name',
                'vendor/cti-glue.js sforce.opencti.refreshView own',
                'vendor/store.js localStorage a vendored library folder'
            ]
        );
        assert.deepEqual(report.inventory.map((r) => r.api).sort(), [
            'localStorage',
            'sforce.opencti.refreshView',
            'sforce.opencti.saveLog'
        ]);
        assert.equal(thirdPartyReason('src/adapter.js', 'var x = 1;\n'), undefined);
    });
    it('shows them in a collapsed section of their own, not in the problems', () => {
        const html = renderHtml(report);
        const problems = html.slice(html.indexOf('id="problems"'), html.indexOf('id="summary"'));
        assert.ok(problems.includes('js/adapter.js:1'));
        assert.ok(!problems.includes('vendor/store.js'));
        assert.match(
            html,
            /<h2 id="third-party">Third-party code<\/h2>\s*<details><summary>6 storage, cookie or messaging/
        );
        assert.match(renderMarkdown(report), /## Third-party code\n\n6 storage, cookie or messaging use\(s\)/);
        const terminal = renderTerminal(report, { colour: false });
        assert.match(terminal, /6 storage, cookie or messaging use\(s\) in third-party libraries/);
        assert.ok(!terminal.includes('vendor/store.js'));
        const sarif = JSON.parse(renderSarif(report, { rootUri: 'file:///x/' })) as {
            runs: { results: { level: string; properties?: { thirdParty?: string } }[] }[];
        };
        const fromLibraries = sarif.runs[0]!.results.filter((r) => r.properties?.thirdParty);
        assert.ok(fromLibraries.length > 6, 'the six findings and their issues');
        assert.ok(
            fromLibraries.every((r) => r.level === 'note'),
            'third-party results are notes'
        );
    });
});

describe('large third-party libraries', () => {
    const root = join(work, 'large');
    mkdirSync(root);
    // Over 256 KB of minified library code: read by tokens unless an Open CTI word is in it.
    const filler = 'function f(a,b){return a+b}'.repeat(10_000);
    writeFileSync(join(root, 'lib.min.js'), `${filler}\nlocalStorage.setItem('k',1);function g(localStorage){}\n`);
    writeFileSync(join(root, 'app.min.js'), `${filler}\nvar c=sforce.opencti;c.refreshView({});\n`);
    const report = scan({ root, now: FIXED_NOW, clock: ZERO_CLOCK, catalog });

    it('reads a library without Open CTI by tokens, and still reports its web findings apart', () => {
        const lib = report.findings.filter((f) => f.location.file === 'lib.min.js');
        assert.deepEqual(
            lib.map((f) => `${f.api.name} ${f.detection.join(',')} ${f.thirdParty ?? 'own'}`),
            ['localStorage token-scan,direct a minified file (.min. in its name)']
        );
        assert.deepEqual(report.parseFallbacks, [], 'a choice, not a failure to parse');
    });

    it('parses a minified file with an Open CTI word, so that its aliases are followed', () => {
        assert.deepEqual(
            report.findings.filter((f) => f.location.file === 'app.min.js').map((f) => f.detection.join(',')),
            ['alias']
        );
    });
});
