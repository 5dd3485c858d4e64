// Large scripts are analysed in pieces of whole top-level statements (issue 16, item 9: a 3 MB bundle in bounded
// time and memory), with the same findings as a whole analysis.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { topLevelCuts } from '../src/analysis/split.js';
import { scan } from '../src/scan.js';
import { FIXED_NOW, ZERO_CLOCK, catalog } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'scanner-split-'));
after(() => rmSync(work, { recursive: true, force: true }));

/** The pieces `topLevelCuts` makes of `text`. */
function pieces(text: string, size: number): string[] | undefined {
    const cuts = topLevelCuts(text, size);
    if (!cuts) return undefined;
    const out: string[] = [];
    let from = 0;
    for (const to of [...cuts, text.length]) {
        out.push(text.slice(from, to));
        from = to;
    }
    return out;
}

describe('top-level cuts', () => {
    it('cuts after a top-level `;` or between two declarations, once a piece is long enough', () => {
        assert.deepEqual(pieces('var a = 1; var b = 2; var c = 3;', 8), ['var a = 1;', ' var b = 2;', ' var c = 3;']);
        assert.deepEqual(pieces('function a(){return 1}function b(){}\nfunction c(){}', 10), [
            'function a(){return 1}',
            'function b(){}',
            '\nfunction c(){}'
        ]);
    });

    it('never cuts inside brackets, strings, templates, comments or regular expressions', () => {
        const text = [
            'f({ a: 1; });', // not valid, but brackets hold it together
            'var s = \'x; y\'; var t = "p; q";',
            'var u = `a; ${ g({ b: `c; d` }) }; e`;',
            '// one; two\nvar r = /;[;]\\/;/g; var v = x.return / 2; // 3;',
            '/* four; five */ var w = 1;'
        ].join('\n');
        const cut = pieces(text, 1)!;
        assert.equal(cut.join(''), text);
        for (const piece of cut) {
            assert.ok(!/^\s*(two|[;\]]|five|y'|q"|d`|e`)/.test(piece), `a piece starts inside something: ${piece}`);
        }
        assert.deepEqual(
            cut.map((p) => p.trim().slice(0, 7)),
            ['f({ a: ', 'var s =', 'var t =', 'var u =', '// one;', 'var v =', '// 3;\n/']
        );
    });

    it('leaves modules, unbalanced text and short text whole', () => {
        assert.equal(topLevelCuts('import a from "a"; a(); b(); c();', 4), undefined);
        assert.equal(topLevelCuts('a(); export const b = 1; c();', 4), undefined);
        assert.equal(topLevelCuts('a(); module.exports = b; c();', 4), undefined);
        assert.equal(topLevelCuts('a(); b(; c();', 4), undefined);
        assert.equal(topLevelCuts('a(); "b; c();', 4), undefined);
        assert.equal(topLevelCuts('a(); b();', 100), undefined);
        assert.deepEqual(pieces('x.import(1); y.export = 2; z();', 4)?.length, 3, 'property names are not modules');
    });
});

describe('scripts analysed in pieces', () => {
    /** About 300 KB of minified top-level functions, over the size where scripts are cut. */
    const filler = (from: number): string =>
        Array.from({ length: 4500 }, (_, i) => `function f${from + i}(a,b){return a+b*${i}}`).join('');

    it('finds in pieces what a whole analysis finds: aliases and wrappers across pieces, argument shapes', () => {
        const dir = join(work, 'bundle');
        mkdirSync(dir);
        const text = [
            'var cti=window.sforce.opencti;function logCall(v){cti.saveLog({value:v})}',
            filler(0),
            "logCall({Subject:'S'});cti.screenPop({params:{}});",
            filler(10000)
        ].join('\n');
        assert.ok(text.length > 256 * 1024);
        writeFileSync(join(dir, 'app.js'), text);
        const report = scan({ root: dir, now: FIXED_NOW, clock: ZERO_CLOCK, catalog });
        assert.deepEqual(
            report.findings.map(
                (f) => `${f.location.line} ${f.api.name} ${f.via?.name ?? '-'} ${f.issues.map((i) => i.rule)}`
            ),
            [
                '1 sforce.opencti.saveLog - ',
                '3 sforce.opencti.saveLog logCall ',
                '3 sforce.opencti.screenPop - argument-shape'
            ]
        );
        assert.deepEqual(report.parseFallbacks, []);
    });

    it('analyses the script whole when a cut was misread', () => {
        const dir = join(work, 'misread');
        mkdirSync(dir);
        // After `}`, the character scan takes `/` for a division, and cuts inside the regular expression (the
        // string before it holds no place to cut, so this `;` is the first past the piece size). The misread part
        // uses `s`, so masking (analysis/mask.ts) keeps it and cannot hide the misreading.
        const text = `var big="${'x'.repeat(20_000)}"\nif(a){b()}/x;y/.test(s);var s=sforce.opencti;\n${filler(0)}${filler(10000)}\ns.refreshView({});\n`;
        assert.ok(topLevelCuts(text, 16 * 1024)?.includes(text.indexOf('/x;') + 3), 'the misread cut');
        writeFileSync(join(dir, 'app.js'), text);
        const report = scan({ root: dir, now: FIXED_NOW, clock: ZERO_CLOCK, catalog });
        assert.deepEqual(
            report.findings.map((f) => `${f.location.line} ${f.api.name} ${f.detection.join(',')}`),
            ['4 sforce.opencti.refreshView alias']
        );
        assert.deepEqual(report.parseFallbacks, []);
    });
});
