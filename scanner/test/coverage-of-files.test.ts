// Issue 16, items 1 and 4: no file is silently left out. Page templates are read as markup, code in other languages
// gets a text scan (with lower confidence, and listed), files of other kinds are listed with why, and a file with
// bytes that are not UTF-8 is scanned to the end with a note.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { maskTemplateTags } from '../src/extract/markup.js';
import { scan } from '../src/scan.js';
import { FIXED_NOW, ZERO_CLOCK, catalog, fixture } from './helpers.js';

const run = (root: string) => scan({ root, now: FIXED_NOW, clock: ZERO_CLOCK, catalog });
const lines = (root: string) =>
    run(root).findings.map((f) => `${f.location.file}:${f.location.line} ${f.api.name} ${f.detection.join('+')}`);

const work = mkdtempSync(join(tmpdir(), 'scanner-files-'));
after(() => rmSync(work, { recursive: true, force: true }));

describe('every file is scanned or listed', () => {
    it('reads Visualforce .vf/.vfp and page templates as markup, template tags masked so scripts parse', () => {
        const found = lines(fixture('adapter/templates'));
        for (const file of ['Panel.vf:4', 'Panel.vfp:3', 'page.erb:4', 'page.jsp:4', 'page.php:4', 'Dialer.vue:6']) {
            assert.ok(
                found.some((f) => f.startsWith(file) && !f.includes('token-scan')),
                `${file} parsed: ${found.join('\n')}`
            );
        }
        // A call between two statement tags is still its own statement.
        assert.ok(found.includes('page.twig:4 sforce.opencti.refreshView direct'));
        assert.equal(maskTemplateTags('x = <%= id %>; {% if a %}go();'), 'x =  _______ ;           go();');
    });
    it('scans ClojureScript, CoffeeScript and other compile-to-JS languages by text, never in their comments', () => {
        const report = run(fixture('adapter/other-languages'));
        const found = report.findings.map((f) => `${f.location.file}:${f.location.line} ${f.api.name}`);
        assert.deepEqual(
            found.filter((f) => /\.(cljs|coffee)/.test(f)),
            [
                'adapter.coffee:2 sforce.opencti.refreshView',
                'adapter.coffee:3 sforce.opencti.saveLog',
                'core.cljs:3 sforce.opencti.refreshView',
                'core.cljs:4 sforce.opencti.saveLog'
            ]
        );
        assert.ok(!found.some((f) => f.includes('runApex')), 'comments are not calls');
        assert.ok(
            report.findings.every((f) => f.detection.includes('token-scan')),
            'lower confidence is shown'
        );
        const listed = report.parseFallbacks.filter((p) => p.reason === 'other-language').map((p) => p.file);
        assert.equal(listed.length, new Set(report.findings.map((f) => f.location.file)).size);
        assert.match(report.parseFallbacks[0]!.message, /found by text \(lower confidence/);
    });
    it('lists each file it has no reader for, with what it is', () => {
        const root = join(work, 'kinds');
        mkdirSync(join(root, 'img'), { recursive: true });
        writeFileSync(join(root, 'img/logo.png'), 'png');
        writeFileSync(join(root, 'types.d.ts'), 'declare const x: number;');
        writeFileSync(join(root, 'Makefile'), 'all:');
        writeFileSync(join(root, '.gitignore'), 'out/');
        writeFileSync(join(root, 'a.js'), 'sforce.opencti.refreshView({});');
        const report = run(root);
        assert.deepEqual(
            report.skipped.map((s) => [s.file, s.reason, s.detail]),
            [
                [
                    'Makefile',
                    'not-read',
                    'no extension, outside staticresources/: not a kind of file the scanner reads'
                ],
                ['img/logo.png', 'not-read', 'no reader for .png files'],
                ['types.d.ts', 'not-read', 'TypeScript declarations: no code runs from them']
            ]
        );
        assert.equal(
            report.summary.filesScanned + report.summary.filesSkipped,
            4,
            '.gitignore is read as an ignore file'
        );
    });
    it('decodes a file with a byte that is not UTF-8 with replacement, scans it to the end and notes it', () => {
        const root = join(work, 'bytes');
        mkdirSync(root);
        const bad = Buffer.concat([
            Buffer.from('// caf'),
            Buffer.from([0xe9, 0xff]),
            Buffer.from('\nsforce.opencti.refreshView({});'.repeat(3)),
            Buffer.from('\n'),
            Buffer.from('sforce.opencti.saveLog({ value: { Subject: "x" } });\n')
        ]);
        writeFileSync(join(root, 'adapter.js'), bad);
        writeFileSync(join(root, 'plain.js'), Buffer.from([0x76, 0x61, 0x72, 0x20, 0x78, 0xc3, 0x0a]));
        const report = run(root);
        assert.deepEqual(
            report.findings.map((f) => `${f.location.line} ${f.api.name}`),
            [
                '2 sforce.opencti.refreshView',
                '3 sforce.opencti.refreshView',
                '4 sforce.opencti.refreshView',
                '5 sforce.opencti.saveLog'
            ]
        );
        assert.deepEqual(
            report.parseFallbacks.map((p) => [p.file, p.reason, p.line, p.column]),
            [
                ['adapter.js', 'invalid-utf8', 1, 7],
                ['plain.js', 'invalid-utf8', 1, 6]
            ]
        );
    });
});
