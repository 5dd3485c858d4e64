// Issue 16, items 2 and 5: aliases of Open CTI followed through arguments, returns (sync and async), object and
// class fields and module re-exports; and one finding per call site however it is reached.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { ScanReport } from '../src/model/report.js';
import type { Trait } from '../src/model/vocabulary.js';
import { scan } from '../src/scan.js';
import { FIXED_NOW, ZERO_CLOCK, brief, catalog, detect } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'scanner-data-flow-'));
after(() => rmSync(work, { recursive: true, force: true }));
let trees = 0;

/** Scans a tree written from `files` and lists `file:line api detection` of each finding. */
function scanTree(files: Record<string, string>): { report: ScanReport; lines: string[] } {
    const root = join(work, `t${++trees}`);
    for (const [rel, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, rel)), { recursive: true });
        writeFileSync(join(root, rel), text);
    }
    const report = scan({ root, now: FIXED_NOW, clock: ZERO_CLOCK, catalog });
    return {
        report,
        lines: report.findings.map(
            (f) => `${f.location.file}:${f.location.line} ${f.api.name} ${f.detection.join(',')}`
        )
    };
}

describe('data flow: an alias passed as an argument', () => {
    const cases: [string, string, Trait[]][] = [
        ['to a function', 'function f(c) { c.screenPop({}); } f(sforce.opencti);', ['alias']],
        ['as a variable', 'const cti = sforce.opencti; function f(c) { c.screenPop({}); } f(cti);', ['alias']],
        ['to an arrow function', 'const f = (c) => { c.screenPop({}); }; f(sforce.opencti);', ['alias']],
        ['to a function expression', 'var f = function (c) { c.screenPop({}); }; f(sforce.opencti);', ['alias']],
        ['in an object', 'function f(o) { o.cti.screenPop({}); } f({ cti: sforce.opencti });', ['object-member']],
        [
            'to a method of an object literal',
            'const svc = { init(c) { this.c = c; }, go() { this.c.screenPop({}); } }; svc.init(sforce.opencti);',
            ['alias', 'object-member']
        ],
        [
            'to a method assigned to a namespace',
            'var App = {}; App.init = function (c) { c.screenPop({}); }; App.init(sforce.opencti);',
            ['alias']
        ],
        [
            'to a constructor, kept in a field',
            'class A { constructor(c) { this.c = c; } go() { this.c.screenPop({}); } } new A(sforce.opencti);',
            ['alias', 'object-member']
        ],
        [
            'a method, called inside',
            'function f(m) { m({}); } f(window.sforce.opencti.screenPop);',
            ['alias', 'global-object']
        ]
    ];
    for (const [name, code, traits] of cases) {
        it(name, () => {
            const calls = detect(code).filter((d) => d.kind === 'call');
            assert.deepEqual(
                calls.map((d) => d.path.join('.')),
                ['sforce.opencti.screenPop']
            );
            for (const t of traits) assert.ok(calls[0]!.traits.includes(t), `${calls[0]!.traits} has ${t}`);
        });
    }

    it('binds every call site, the first that resolves, and never a shadowing name', () => {
        const d = detect(`function f(c) { c.refreshView({}); }
            f(undefined); f(other); f(sforce.opencti);
            function g(c) { c.refreshView({}); } g(mysforce.opencti);`);
        assert.deepEqual(brief(d), ['call sforce.opencti.refreshView alias']);
    });

    it("does not read the first call site's object as the shape every site passes", () => {
        const d = detect(`function pop(cti, args) { cti.screenPop(args); }
            pop(sforce.opencti, { type: 'nope' });
            pop(sforce.opencti, { type: sforce.opencti.SCREENPOP_TYPE.URL, params: { url: '/x' } });`);
        const calls = d.filter((x) => x.kind === 'call');
        // The call inside the function, then each site through the wrapper with its own argument.
        assert.equal(calls.length, 3);
        assert.deepEqual(calls[0]!.args, [{ kind: 'unknown' }]);
        assert.deepEqual(
            calls.slice(1).map((c) => (c.args?.[0]?.kind === 'object' ? Object.keys(c.args[0].props) : [])),
            [['type'], ['type', 'params']]
        );
    });

    it('reports a constant passed as an argument once, where it is written', () => {
        const d = detect(`function pop(t) { go({ type: t }); keep(t); }
            pop(sforce.opencti.SCREENPOP_TYPE.URL);`);
        assert.deepEqual(brief(d), ['reference sforce.opencti.SCREENPOP_TYPE.URL direct,reference']);
    });

    it('leaves a function that is never called with an alias alone', () => {
        assert.deepEqual(detect('function f(c) { c.screenPop({}); } f(api); f({ screenPop() {} });'), []);
    });
});

describe('data flow: an alias returned from a function', () => {
    const cases: [string, string][] = [
        ['sync', 'function f() { return sforce.opencti; } f().screenPop({});'],
        ['sync, through a variable', 'const c = sforce.opencti; function f() { return c; } f().screenPop({});'],
        [
            'async, awaited inline',
            'async function f() { return sforce.opencti; } async function g() { (await f()).screenPop({}); }'
        ],
        [
            'async, awaited into a variable',
            'async function f() { return sforce.opencti; } async function g() { const c = await f(); c.screenPop({}); }'
        ],
        ['async arrow', 'const f = async () => sforce.opencti; async function g() { (await f()).screenPop({}); }'],
        [
            'async method',
            'const api = { async cti() { return sforce.opencti; } }; async function g() { (await api.cti()).screenPop({}); }'
        ],
        [
            'a promise passed on',
            'async function f() { return sforce.opencti; } function g() { return f(); } async function h() { (await g()).screenPop({}); }'
        ],
        ['async, through .then', 'async function f() { return sforce.opencti; } f().then((c) => c.screenPop({}));'],
        [
            'async, through .then with a function',
            'async function f() { return sforce.opencti; } f().then(function (c) { c.screenPop({}); });'
        ]
    ];
    for (const [name, code] of cases) {
        it(name, () => {
            assert.deepEqual(
                detect(code).map((d) => `${d.kind} ${d.path.join('.')}`),
                ['call sforce.opencti.screenPop']
            );
        });
    }

    it('does not take a promise for its value: no `then` or other member of Open CTI is invented', () => {
        assert.deepEqual(
            detect('async function f() { return sforce.opencti; } f().then(go); f().screenPop; f().catch(e);'),
            []
        );
    });
});

describe('data flow: an alias stored in and read back from an object or a class', () => {
    const cases: [string, string][] = [
        [
            'object member, assigned then read into a variable',
            'const o = {}; o.c = sforce.opencti; const d = o.c; d.screenPop({});'
        ],
        ['object member, destructured', 'const o = { cti: sforce.opencti }; const { cti } = o; cti.screenPop({});'],
        ['object member holding a method', 'const o = { p: sforce.opencti.screenPop }; o.p({});'],
        ['class field', 'class A { c = sforce.opencti; go() { this.c.screenPop({}); } }'],
        ['class field holding a method', 'class A { p = sforce.opencti.screenPop; go() { this.p({}); } }'],
        ['static class field', 'class A { static c = sforce.opencti; } A.c.screenPop({});'],
        [
            'instance field, read outside',
            'class A { constructor() { this.c = sforce.opencti; } } const a = new A(); a.c.screenPop({});'
        ],
        [
            'class expression',
            'const A = class { constructor() { this.c = sforce.opencti; } }; new A().c.screenPop({});'
        ],
        [
            'field destructured from this',
            'class A { constructor() { this.c = sforce.opencti; } go() { const { c } = this; c.screenPop({}); } }'
        ]
    ];
    for (const [name, code] of cases) {
        it(name, () => {
            assert.deepEqual(
                detect(code).map((d) => `${d.kind} ${d.path.join('.')}`),
                ['call sforce.opencti.screenPop']
            );
        });
    }
});

describe('data flow: aliases re-exported from modules', () => {
    const use = (from: string, name: string): string => `import { ${name} } from '${from}';\n${name}.screenPop({});\n`;
    const cases: [string, Record<string, string>, string][] = [
        [
            'export { x as y }',
            { 'a.js': 'const x = sforce.opencti;\nexport { x as y };\n', 'b.js': use('./a.js', 'y') },
            'b.js:2'
        ],
        [
            'export { x as y } from',
            {
                'a.js': 'export const x = sforce.opencti;\n',
                'b.js': "export { x as y } from './a.js';\n",
                'c.js': use('./b.js', 'y')
            },
            'c.js:2'
        ],
        [
            'export * from',
            {
                'a.js': 'export const x = sforce.opencti;\n',
                'b.js': "export * from './a.js';\n",
                'c.js': use('./b', 'x')
            },
            'c.js:2'
        ],
        [
            'export * as ns from',
            {
                'a.js': 'export const x = sforce.opencti;\n',
                'b.js': "export * as ns from './a.js';\n",
                'c.js': "import { ns } from './b.js';\nns.x.screenPop({});\n"
            },
            'c.js:2'
        ],
        [
            'export default of a variable',
            {
                'a.js': 'const x = sforce.opencti;\nexport default x;\n',
                'c.js': "import cti from './a.js';\ncti.screenPop({});\n"
            },
            'c.js:2'
        ],
        [
            'export default class',
            {
                'a.js': 'export default class Api { static cti = sforce.opencti; }\n',
                'c.js': "import Api from './a.js';\nApi.cti.screenPop({});\n"
            },
            'c.js:2'
        ],
        [
            'an exported async factory',
            {
                'a.js': 'export async function getCti() { return sforce.opencti; }\n',
                'c.js': "import { getCti } from './a.js';\nasync function go() {\n  (await getCti()).screenPop({});\n}\n"
            },
            'c.js:3'
        ],
        [
            'CommonJS: module.exports = require()',
            {
                'a.js': 'module.exports = { cti: sforce.opencti };\n',
                'b.js': "module.exports = require('./a');\n",
                'c.js': "const { cti } = require('./b');\ncti.screenPop({});\n"
            },
            'c.js:2'
        ],
        [
            'a chain of three re-exports',
            {
                'a.js': 'export const x = sforce.opencti;\n',
                'b.js': "export * from './a.js';\n",
                'c.js': "export { x as y } from './b.js';\n",
                'd.js': "export * from './c.js';\n",
                'e.js': use('./d.js', 'y')
            },
            'e.js:2'
        ]
    ];
    for (const [name, files, where] of cases) {
        it(name, () => {
            const { lines } = scanTree(files);
            assert.deepEqual(
                lines.map((l) => l.split(' ').slice(0, 2).join(' ')),
                [`${where} sforce.opencti.screenPop`]
            );
            assert.ok(lines[0]!.includes('imported'), lines[0]);
        });
    }

    it("a module's own export wins over a name `export *` brings", () => {
        const { lines } = scanTree({
            'a.js': 'export const x = sforce.opencti;\n',
            'b.js': "export * from './a.js';\nexport const x = {};\n",
            'c.js': "import { x } from './b.js';\nx.screenPop({});\n"
        });
        assert.deepEqual(lines, []);
    });
});

describe('no duplicates: one call site, one finding', () => {
    it('an IIFE wrapper and its parameter', () => {
        const { report } = scanTree({
            'a.js': `(function (opencti) {
  opencti.screenPop({ type: sforce.opencti.SCREENPOP_TYPE.URL, params: { url: '/x' } });
})(sforce.opencti);
(function (opencti, args) {
  opencti.screenPop(args);
})(window.sforce.opencti, { params: { url: '/y' } });
`
        });
        const calls = report.findings.filter((f) => f.usage === 'call');
        assert.deepEqual(
            calls.map((f) => `${f.location.line} ${f.api.name}`),
            ['2 sforce.opencti.screenPop', '5 sforce.opencti.screenPop']
        );
        // The argument the IIFE passes is checked at the one call it reaches.
        assert.deepEqual(
            calls[1]!.issues.map((i) => i.rule),
            ['argument-shape']
        );
    });

    it('an IIFE that calls a wrapper', () => {
        const d = detect(`function log(v) { sforce.opencti.saveLog({ value: v }); }
            (function (x) { log(x); })({ Subject: 'S' });`);
        assert.deepEqual(
            d.map((x) => `${x.path.join('.')} ${x.via?.name ?? '-'}`),
            ['sforce.opencti.saveLog -', 'sforce.opencti.saveLog log']
        );
    });

    it('a call-center item seen through two parts of one definition', () => {
        const { report } = scanTree({
            'callCenters/Phone.callCenter-meta.xml': `<?xml version="1.0" encoding="UTF-8"?>
<CallCenter xmlns="http://soap.sforce.com/2006/04/metadata">
    <adapterUrl>https://cti.example.com/adapter</adapterUrl>
    <customSettings>{"reqAdapterUrl":"https://cti.example.com/adapter","reqSalesforceCompatibilityMode":"Lightning","reqOutsidePrefix":"9"}</customSettings>
    <displayName>Phone</displayName>
    <sections>
        <items><label>Outside Prefix</label><name>reqOutsidePrefix</name><value>9</value></items>
        <label>Dialing Options</label>
        <name>reqDialingOptions</name>
    </sections>
</CallCenter>
`
        });
        const names = report.findings.map((f) => f.api.name).sort();
        assert.deepEqual(names, [
            'reqAdapterUrl',
            'reqDialingOptions/reqOutsidePrefix',
            'reqDisplayName',
            'reqSalesforceCompatibilityMode'
        ]);
    });

    it('the same item name in two sections is two items', () => {
        const { report } = scanTree({
            'cc.xml': `<callCenter><section name="vendorA"><item name="region">eu</item></section>
<section name="vendorB"><item name="region">us</item></section></callCenter>
`
        });
        assert.equal(report.findings.filter((f) => f.api.name.endsWith('/region')).length, 2);
    });
});
