// Masking (analysis/mask.ts): only the statements connected to a word are parsed, and the analysis of what is left
// finds what the analysis of the whole unit finds, at the same offsets (issue 16, item 9, without losing item 2).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Detection } from '../src/analysis/detections.js';
import { EMPTY_REGISTRY } from '../src/analysis/detections.js';
import { analyzeJavaScript } from '../src/analysis/javascript.js';
import { maskUnconnected, scanStatements } from '../src/analysis/mask.js';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { scan } from '../src/scan.js';
import { FIXED_NOW, ZERO_CLOCK, catalog } from './helpers.js';

const SEED = /sforce|localStorage|sessionStorage|cookie|Cookies|postMessage|onmessage|indexedDB|StorageAccess/;

function analyze(text: string, module?: boolean): Detection[] {
    const result = analyzeJavaScript(text, {
        file: 'unit.js',
        language: 'js',
        registry: EMPTY_REGISTRY,
        ...(module !== undefined ? { module } : {})
    });
    assert.equal(result.syntaxError, undefined, `${result.syntaxError?.message}\n${text}`);
    return result.detections;
}

const brief = (ds: readonly Detection[], map: (offset: number) => number = (o) => o): string[] =>
    ds.map((d) => `${map(d.start)}-${map(d.end)} ${d.path.join('.')} ${d.traits.join(',')}`).sort();

/** Statements that use Open CTI through names declared in other statements, and statements that do not. */
const RELEVANT = [
    'var cti = window.sforce.opencti;',
    'cti.screenPop({ type: sforce.opencti.SCREENPOP_TYPE.SOBJECT, params: { recordId: id } });',
    'function logCall(fields) { sforce.opencti.saveLog({ value: fields }); }',
    "logCall({ Subject: 'S' });",
    'const api = { cti: sforce.opencti };',
    'api.cti.refreshView({});',
    'class Phone { constructor() { this.cti = sforce.opencti; } dial(n) { this.cti.runApex({}); } }',
    'const phone = new Phone();',
    'phone.cti.setSoftphonePanelVisibility({ visible: true });',
    'function getCti() { return sforce.opencti; }',
    'const later = getCti();',
    'later.enableClickToDial({})',
    "document.cookie = 'a=1';",
    "window.parent.postMessage({ t: 1 }, '*')",
    'var viaHoist = useLater(); function useLater() { return sforce.opencti; }',
    'viaHoist.disableClickToDial({});'
];
const FILLER = [
    'function compute(items, factor) {\n    let total = 0;\n    for (const item of items) total += item.value * factor;\n    return total;\n}',
    "const config = { name: 'service', retries: 3, endpoints: ['/a', '/b'] };",
    'let counter = 0\ncounter++',
    '// a comment; with a semicolon\nconst re = /[;}{]/g;',
    'const s = `template ${"with"} ${1 + 2}; text`;',
    'if (counter > 1) {\n    counter = 0;\n} else {\n    counter = 1;\n}',
    'const f = (a) => {\n    return a / 2;\n};',
    'var x = 1, y = 2\nvar z = x\n    + y',
    'label: for (const k of [1, 2]) { if (k) continue label; }',
    '/* block comment } { */ const q = 1;'
];

describe('masking: what is parsed', () => {
    it('finds statements, the names they declare and the words they use', () => {
        const text =
            "var a = 1, b = sforce.opencti\nfunction f() {}\nclass K {}\nx.y = 2; import('z'); const { p, q: r } = o;";
        const scan = scanStatements(text, 0, text.length)!;
        const words = scan.words!;
        const name = (id: number): string => [...words.ids].find(([, n]) => n === id)![0];
        assert.deepEqual(
            scan.statements.map((s) => text.slice(s.start, s.end)),
            [
                'var a = 1, b = sforce.opencti',
                'function f() {}',
                'class K {}',
                'x.y = 2;',
                "import('z');",
                'const { p, q: r } = o;'
            ]
        );
        assert.deepEqual([...words.declared].map(name).sort(), ['K', 'a', 'b', 'f', 'p', 'q', 'r', 'y']);
    });

    it('never splits a statement where a line break does not end it', () => {
        for (const text of [
            'var cti = sforce\n    .opencti\nfoo()',
            'var a = b\n(c)\nfoo()',
            'if (a) {\n}\nelse {\n}\nfoo()',
            'var t = a\n    ? b\n    : c\nfoo()',
            'do {\n} while (a)\nfoo()'
        ]) {
            const scan = scanStatements(text, 0, text.length)!;
            assert.equal(scan.statements.length, 2, text);
            assert.equal(text.slice(scan.statements[1]!.start), 'foo()');
        }
    });

    it('reads a slash inside brackets by what comes before it: a regular expression or a division', () => {
        for (const body of [
            'return /[)]/.test(s);',
            'var x = s++ / 2, y = /[(]/.test(s);',
            '// the closing one )\n    /["\']/.test(s);',
            '/* ) */ /[}]/.test(s);',
            'return o.return / 2 + (/[{]/.test(s) ? 1 : 0);',
            'var t = `${s}` / 2, u = [/[(]/];'
        ]) {
            const text = `function f(s) {\n    ${body}\n}\nvar cti = sforce.opencti;`;
            const scan = scanStatements(text, 0, text.length)!;
            assert.ok(scan, body);
            assert.deepEqual(
                scan.statements.map((st) => text.slice(st.start, st.end)),
                [`function f(s) {\n    ${body}\n}`, 'var cti = sforce.opencti;'],
                body
            );
        }
    });

    it('connects statements through the declared names they mention, inside functions and strings too', () => {
        const text = [
            'var cti = sforce.opencti;',
            'function f() { return cti; }',
            "var s = 'cti';",
            'var other = 1;',
            'other++;'
        ].join('\n');
        const masked = maskUnconnected(text, SEED)!;
        assert.equal(masked.kept, 3);
        assert.deepEqual(
            masked.text.split('\n').map((l) => l.trim()),
            ['var cti = sforce.opencti;', 'function f() { return cti; }', "var s = 'cti';", '', '']
        );
    });

    it('a large text whose kept statements reach many names finds the same statements', () => {
        const names = Array.from({ length: 80 }, (_, i) => `n${i}`);
        const chain = names.map((n, i) => `var ${n} = ${i === 0 ? 'sforce.opencti' : names[i - 1]};`);
        const filler = Array.from({ length: 2000 }, (_, i) => `function pad${i}(a) { return a * ${i}; }`);
        const text = [...chain.slice(0, 40), ...filler, ...chain.slice(40), 'pad7(1);'].join('\n');
        const masked = maskUnconnected(text, SEED)!;
        assert.equal(masked.kept, 80);
    });

    it('keeps the statements connected to a word, and lines in place', () => {
        const text = [
            'var unrelated = 1;',
            'var cti = sforce.opencti;',
            'function other() { return unrelated; }',
            'cti.screenPop({});',
            'other();'
        ].join('\n');
        const masked = maskUnconnected(text, SEED)!;
        assert.equal(masked.kept, 2);
        assert.deepEqual(
            masked.text.split('\n').map((l) => l.trim()),
            ['', 'var cti = sforce.opencti;', '', 'cti.screenPop({});', '']
        );
        assert.equal(masked.module, false);
    });

    it('masks inside a bundle that is one wrapped function', () => {
        const body = Array.from({ length: 200 }, (_, i) => `function a${i}(b,c){var d=b+c;return d}`).join('');
        const text = `(function(){${body}var cti=sforce.opencti;${body.replace(/a(\d)/g, 'z$1')}cti.refreshView({})})();`;
        const masked = maskUnconnected(text, SEED)!;
        assert.equal(masked.kept, 2);
        assert.ok(masked.text.length < 200, masked.text);
        assert.deepEqual(brief(analyze(masked.text), masked.toOriginal), brief(analyze(text)));
    });

    it('says a unit is a module when its masked text would not', () => {
        const text = `export class Model { get size() { return 1; } }\nvar cti = sforce.opencti;\n${'const pad = 1;\n'.repeat(200)}cti.screenPop({});\n`;
        const masked = maskUnconnected(text, SEED)!;
        assert.equal(masked.module, true);
        assert.ok(!masked.text.includes('export'));
    });
});

describe('masking: the same findings as the whole unit', () => {
    it('property: any mix of related and unrelated statements, plain or wrapped in a function', () => {
        const statement = fc.oneof(
            { weight: 1, arbitrary: fc.constantFrom(...RELEVANT) },
            { weight: 2, arbitrary: fc.constantFrom(...FILLER) }
        );
        const program = fc.record({
            statements: fc.array(statement, { minLength: 2, maxLength: 14 }),
            separator: fc.constantFrom('\n', '\n\n', ';\n', '\n// note\n', '\n/* } */ '),
            wrapped: fc.boolean()
        });
        fc.assert(
            fc.property(program, ({ statements, separator, wrapped }) => {
                // `Phone` and `useLater` are declared once, whatever the draw.
                const seen = new Set<string>();
                const unique = statements.filter((s) => !seen.has(s) && (seen.add(s), true));
                const body = unique.join(separator);
                const text = wrapped ? `(function () {\n${body}\n})();\n` : `${body}\n`;
                const masked = maskUnconnected(text, SEED);
                const whole = brief(analyze(text));
                if (!masked) return;
                assert.deepEqual(brief(analyze(masked.text, masked.module), masked.toOriginal), whole, text);
            }),
            // A fixed seed, so every run judges the same programs; FC_SEED=random explores (as the connector's tests).
            {
                numRuns: Number(process.env.FC_NUM_RUNS ?? 300),
                ...(process.env.FC_SEED === 'random' ? {} : { seed: Number(process.env.FC_SEED ?? 16) })
            }
        );
    });
});

describe('masking in a scan: names from other files reach masked statements', () => {
    const work = mkdtempSync(join(tmpdir(), 'scanner-mask-'));
    after(() => rmSync(work, { recursive: true, force: true }));
    const filler = Array.from({ length: 60 }, (_, i) => `function pad${i}(a) { return a * ${i}; }`).join('\n');

    it('a global wrapper of one script, called in a large script and a large module', () => {
        const root = join(work, 'tree');
        mkdirSync(root);
        writeFileSync(join(root, 'wrapper.js'), 'function logCall(v) { sforce.opencti.saveLog({ value: v }); }\n');
        writeFileSync(
            join(root, 'page.js'),
            `${filler}\nlogCall({ Subject: 'A' });\n${filler.replace(/pad/g, 'more')}\n`
        );
        writeFileSync(join(root, 'cti.mjs'), 'export const cti = sforce.opencti;\n');
        writeFileSync(
            join(root, 'app.mjs'),
            `import { cti } from './cti.mjs';\n${filler}\nconst phone = { c: cti };\n${filler.replace(/pad/g, 'more')}\nphone.c.refreshView({});\n`
        );
        const report = scan({ root, now: FIXED_NOW, clock: ZERO_CLOCK, catalog });
        const lines = report.findings.map(
            (f) => `${f.location.file}:${f.location.line} ${f.api.name} ${f.via?.name ?? '-'}`
        );
        assert.ok(lines.includes('page.js:61 sforce.opencti.saveLog logCall'), lines.join('\n'));
        assert.ok(lines.includes('app.mjs:123 sforce.opencti.refreshView -'), lines.join('\n'));
    });
});
