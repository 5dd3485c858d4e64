// oxc as the parser (analysis/js/oxc-tree.ts): what the analysis finds in a tree converted from oxc's is what it
// finds in the TypeScript compiler's tree of the same text, to the offset (issue 16, item 9: the compiler's load and
// cold parse were a fifth of a large scan). Every unit `detect` (helpers.ts) analyses is also checked both ways.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { EMPTY_REGISTRY } from '../src/analysis/detections.js';
import { analyzeJavaScript, parseUnit, type Language } from '../src/analysis/javascript.js';
import { withinNativeDepth } from '../src/analysis/js/oxc-tree.js';
import { scan } from '../src/scan.js';
import { FIXED_NOW, FIXTURES, ZERO_CLOCK, analyzeWithTypeScript, catalog } from './helpers.js';

/** Runs `f` with the compiler as the only parser (SWITCHBOARD_PARSER=typescript). */
function withCompilerOnly<T>(f: () => T): T {
    const saved = process.env.SWITCHBOARD_PARSER;
    process.env.SWITCHBOARD_PARSER = 'typescript';
    try {
        return f();
    } finally {
        if (saved === undefined) delete process.env.SWITCHBOARD_PARSER;
        else process.env.SWITCHBOARD_PARSER = saved;
    }
}

const tookOxc = (text: string, language: Language): boolean => {
    const parsed = parseUnit(text, { file: 'unit.js', language, registry: EMPTY_REGISTRY });
    return 'sf' in parsed && (parsed.sf as unknown as { kids?: unknown }).kids !== undefined;
};

describe('oxc, converted, against the compiler', () => {
    it('scans every fixture tree to the same report with either parser', () => {
        for (const name of readdirSync(FIXTURES)) {
            const root = join(FIXTURES, name);
            const options = { root, now: FIXED_NOW, clock: ZERO_CLOCK, catalog };
            const fast = scan(options);
            const reference = withCompilerOnly(() => scan(options));
            assert.deepStrictEqual(fast, reference, name);
            assert.ok(fast.findings.length > 0 || name === 'negative', `${name} has findings to compare`);
        }
    });

    // Statements an adapter is made of, Open CTI and not, in every syntax the conversion maps.
    const PIECES = [
        'var cti = sforce.opencti;',
        'const { saveLog, screenPop: pop = null, ...rest } = window.sforce.opencti;',
        'let [first, , third = sforce.opencti.refreshView, ...others] = list;',
        'cti.saveLog({ value: { Subject: s, CallType: "Inbound" }, callback: done });',
        'sforce.opencti?.screenPop?.({ type: sforce.opencti.SCREENPOP_TYPE.SOBJECT, params: { recordId: id } });',
        'function log(fields, ...more) { return sforce.opencti.saveLog({ value: fields, callback: more[0] }); }',
        'log({ Subject: `Call ${n} of ${total}` }, done);',
        'async function api() { return sforce.opencti; }',
        'api().then((o) => o.refreshView({}));',
        'const wrap = async (x = sforce.opencti.onClickToDial) => { await x({ listener: (p) => dial(p.number) }); };',
        'class Phone extends Base { #secret = 1; static cti = sforce.opencti; get api() { return this.cti; } set api(v) { this.cti = v; } call() { Phone.cti.saveLog({ value: {} }); } }',
        'new Phone().call();',
        'const obj = { cti: sforce.opencti, run() { this.cti.refreshView({}); }, ["k" + 1]: 2, ...extra };',
        'obj.run(), obj.cti.getAppViewInfo({ callback: cb });',
        '({ a: target.x, b = 2 } = source);',
        '[x, y] = [sforce.opencti, localStorage];',
        'y.setItem("call", JSON.stringify(call)); x.runApex({ apexClass: "A", methodName: "m", methodParams: "p=" + p });',
        'document.cookie = "agent=" + id; Cookies.set("a", 1);',
        'window.parent.postMessage({ type: "ring" }, "*"); window.addEventListener("message", onMessage);',
        'for (const [k, v] of Object.entries(map)) { if (k in other) continue; else v && v(); }',
        'for (var key in sforce.opencti) label: while (false) { break label; }',
        'try { risky(); } catch ({ message }) { console.log(message); } finally { done(); }',
        'switch (kind) { case 1: sforce.opencti.enableClickToDial({}); break; default: sforce.interaction.cti.setSoftphoneHeight(400); }',
        'x ??= y || z && !w; a **= 2; b >>>= 1; c = typeof d === "undefined" ? void 0 : delete e.f;',
        'i++; --j; k = -l + +m - ~n;',
        'const re = /sforce\\.opencti/g, big = 10n, hex = 0x1f, flt = 1.5e3;',
        'tag`x${sforce.opencti.saveLog}y`;',
        'const gen = function* named() { yield* other(); yield sforce.opencti; };',
        '(function (o) { o.notifyInitializationComplete(); })(sforce.opencti);',
        '(() => { "use strict"; })();',
        '/* a comment */ var commented = sforce.opencti; // trailing',
        'if (a) b(); else if (c) d(); else { e(); }',
        'do { n--; } while (n > 0);',
        'const nested = { deep: { deeper: [sforce.opencti.saveLog, { f() { return 1; } }] } };',
        'function Ctor() { if (!new.target) return; this.cti = sforce.opencti; }'
    ];
    const MODULE_PIECES = [
        'import def, { saveLog as save } from "./api.js";',
        'import * as ns from "./ns.js";',
        'export const exported = sforce.opencti;',
        'export function exportedFn(v) { return sforce.opencti.saveLog(v); }',
        'export default class { run() {} }',
        'export { exported as renamed };',
        'export * from "./all.js";',
        'export * as bundle from "./bundle.js";',
        'const dyn = await import("./lazy.js");',
        'export { saveLog } from "./api.js";',
        'const here = import.meta.url;'
    ];
    const TS_PIECES = [
        'let typed: Api = sforce.opencti as unknown as Api;',
        'import { type T, refreshView as rv } from "./types.js";',
        'export type { T as U };',
        'interface Api { saveLog(x: unknown): void }',
        'type Alias = { a: string };',
        'enum Kind { A = 1, B }',
        'declare const ambient: any;',
        'namespace Space { export const n = sforce.opencti; }',
        'class Svc { constructor(private readonly api: Api, public n = 1) {} run(): void { this.api!.saveLog({}); } }',
        'const checked = { a: 1 } satisfies Record<string, number>;',
        'function generic<T>(x: T): T { return x; }',
        'const inst = generic<string>;',
        'abstract class Base2 { abstract go(): void; }'
    ];

    const JSX_PIECES = [
        'const el = <Phone onCall={() => sforce.opencti.saveLog({ value: v })} {...props}>text {value}</Phone>;',
        'const frag = <><ui.Button label="Dial" data-x={1} ns:attr="a" />{/* nothing */}{...rest}</>;',
        'function View() { return <div onClick={cti.refreshView}>{items.map((i) => <span key={i}>{i}</span>)}</div>; }',
        'class C { render() { return <this.Panel api={sforce.opencti}></this.Panel>; } }'
    ];

    // Each piece at most once: a module that exports a name twice is an error oxc reports and the compiler does not.
    const program = (pool: readonly string[]) =>
        fc.uniqueArray(fc.constantFrom(...pool), { minLength: 1, maxLength: 14 });

    function sameBothWays(text: string, language: Language, module: boolean): boolean {
        const options = { file: 'unit.js', language, registry: EMPTY_REGISTRY, module };
        assert.deepStrictEqual(analyzeJavaScript(text, options), analyzeWithTypeScript(text, options), text);
        return tookOxc(text, language);
    }

    it('property: scripts analyse the same, and oxc takes them', () => {
        let took = 0;
        let runs = 0;
        fc.assert(
            fc.property(program(PIECES), fc.constantFrom('\n', ' ', '\n\n  '), (pieces, gap) => {
                runs++;
                if (sameBothWays(pieces.join(gap), 'js', false)) took++;
            }),
            { numRuns: 150, seed: 16 }
        );
        assert.ok(took / runs > 0.9, `oxc took ${took} of ${runs}`);
    });

    it('property: modules, TypeScript and JSX analyse the same', () => {
        fc.assert(
            fc.property(program([...PIECES, ...MODULE_PIECES]), (pieces) => {
                assert.ok(sameBothWays(pieces.join('\n'), 'js', true), pieces.join('\n'));
            }),
            { numRuns: 100, seed: 17 }
        );
        fc.assert(
            fc.property(program([...PIECES, ...MODULE_PIECES, ...TS_PIECES]), (pieces) => {
                assert.ok(sameBothWays(pieces.join('\n'), 'ts', true), pieces.join('\n'));
            }),
            { numRuns: 100, seed: 18 }
        );
        for (const language of ['jsx', 'tsx'] as const) {
            fc.assert(
                fc.property(program([...PIECES, ...JSX_PIECES]), (pieces) => {
                    assert.ok(sameBothWays(pieces.join('\n'), language, false), pieces.join('\n'));
                }),
                { numRuns: 60, seed: 19 }
            );
        }
    });

    it('calls a unit a module when the compiler does', () => {
        for (const text of [
            'const here = import.meta.url;',
            'function f() { return import.meta; }',
            'var x = 1;',
            'await ready();',
            'import x from "y";',
            'export {};',
            'module.exports = 1;'
        ]) {
            const options = { file: 'unit.js', language: 'js' as const, registry: EMPTY_REGISTRY };
            const fast = parseUnit(text, options);
            const reference = withCompilerOnly(() => parseUnit(text, options));
            assert.ok('sf' in fast && 'sf' in reference && tookOxc(text, 'js'), text);
            assert.equal(
                fast.compiler.isExternalModule(fast.sf),
                reference.compiler.isExternalModule(reference.sf),
                text
            );
        }
    });

    it("leaves to the compiler what oxc rejects, with the compiler's message", () => {
        const broken = 'sforce.opencti.saveLog({ value: ;';
        assert.equal(tookOxc(broken, 'js'), false);
        const result = analyzeJavaScript(broken, { file: 'unit.js', language: 'js', registry: EMPTY_REGISTRY });
        assert.ok(result.syntaxError, 'a syntax error is reported');
        // `return` outside a function: the compiler parses it (an inline handler's `return false`), oxc does not.
        const handler = 'sforce.opencti.refreshView({}); return false;';
        const r = analyzeJavaScript(handler, { file: 'unit.js', language: 'js', registry: EMPTY_REGISTRY });
        assert.equal(r.syntaxError, undefined);
        assert.equal(r.detections.length, 1);
    });
});

describe("the native parser's stack", () => {
    it('refuses texts nested past the budget, and takes ordinary ones', () => {
        assert.equal(withinNativeDepth('x = ' + '{a:'.repeat(3000) + '1' + '}'.repeat(3000)), false);
        assert.equal(withinNativeDepth('a:'.repeat(11_000) + '1;'), false);
        assert.equal(withinNativeDepth('sforce.opencti.saveLog({ value: { a: [1, 2] } });\n'.repeat(40)), true);
    });

    // The budget holds against the real binding: the deepest nesting of each kind it admits parses in a child
    // process without a crash (measured limits on Linux's 8 MB stack: about 5,000 object literals, 20,000 labels).
    it('the deepest texts the budget admits parse without crashing the process', () => {
        const oxcPath = createRequire(import.meta.url).resolve('oxc-parser');
        /** The text of `make(n)` for the largest n the budget admits. */
        const deepest = (make: (n: number) => string): string => {
            let lo = 1;
            while (withinNativeDepth(make(lo * 2))) lo *= 2;
            let hi = lo * 2;
            while (hi - lo > 1) {
                const mid = (lo + hi) >> 1;
                if (withinNativeDepth(make(mid))) lo = mid;
                else hi = mid;
            }
            return make(lo);
        };
        const nested =
            (open: string, close = '') =>
            (n: number) =>
                `x = ${open.repeat(n)}1${close.repeat(n)};`;
        const texts: [string, string][] = [
            ['jsx', deepest(nested('{a:', '}'))],
            ['jsx', deepest(nested('[', ']'))],
            ['jsx', deepest(nested('(', ')'))],
            ['jsx', deepest(nested('a?b:'))],
            ['jsx', deepest(nested('`${', '}`'))],
            ['jsx', deepest(nested('a=>'))],
            ['jsx', deepest(nested('!'))],
            ['jsx', deepest(nested('-'))],
            ['jsx', deepest(nested('typeof '))],
            ['jsx', deepest(nested('new '))],
            ['jsx', deepest((n) => `${'a:'.repeat(n)}1;`)],
            ['jsx', deepest((n) => `${'do '.repeat(n)}x;${' while(1)'.repeat(n)}`)],
            ['jsx', deepest(nested('<a>', '</a>'))],
            ['ts', deepest((n) => `let x: ${'keyof '.repeat(n)}T;`)],
            ['ts', deepest((n) => `let x: ${'A<'.repeat(n)}T${'>'.repeat(n)};`)],
            ['ts', deepest((n) => `let x: ${'T['.repeat(n)}0${']'.repeat(n)};`)]
        ];
        const script = `const { parseSync } = require(${JSON.stringify(oxcPath)});
            for (const [lang, text] of JSON.parse(require('fs').readFileSync(0, 'utf8'))) parseSync('a', text, { lang }).program;
            console.log('survived');`;
        const r = spawnSync(process.execPath, ['-e', script], { input: JSON.stringify(texts), encoding: 'utf8' });
        assert.equal(r.status, 0, r.stderr);
        assert.match(r.stdout, /survived/);
    });
});
