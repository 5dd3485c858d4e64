import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EMPTY_REGISTRY, type ExportRegistry, type PortableRef } from '../src/analysis/detections.js';
import { analyzeJavaScript, instantiateArgs } from '../src/analysis/javascript.js';
import { tokenScan } from '../src/analysis/token-scan.js';
import { brief, detect } from './helpers.js';

describe('JavaScript analyser: detection styles', () => {
    const cases: [string, string, string][] = [
        ['direct', 'sforce.opencti.refreshView({});', 'call sforce.opencti.refreshView direct'],
        ['window', 'window.sforce.opencti.refreshView({});', 'call sforce.opencti.refreshView global-object'],
        ['self', 'self.sforce.opencti.refreshView({});', 'call sforce.opencti.refreshView global-object'],
        [
            'optional chaining',
            'sforce?.opencti?.refreshView?.({});',
            'call sforce.opencti.refreshView direct,optional-chaining'
        ],
        [
            'element access',
            "sforce['opencti'].refreshView({});",
            'call sforce.opencti.refreshView direct,element-access'
        ],
        ['template key', 'sforce[`opencti`].refreshView({});', 'call sforce.opencti.refreshView direct,element-access'],
        ['alias', 'const c = sforce.opencti; c.refreshView({});', 'call sforce.opencti.refreshView alias'],
        [
            'alias via &&',
            'var c = window.sforce && window.sforce.opencti; c.refreshView({});',
            'call sforce.opencti.refreshView global-object,alias'
        ],
        [
            'alias via ||',
            'var c = window.sforce.opencti || {}; c.refreshView({});',
            'call sforce.opencti.refreshView global-object,alias'
        ],
        [
            'late alias',
            'function f() { c.refreshView({}); } var c = sforce.opencti;',
            'call sforce.opencti.refreshView alias'
        ],
        ['assigned alias', 'var c; c = sforce.opencti; c.refreshView({});', 'call sforce.opencti.refreshView alias'],
        [
            'destructuring',
            'const { refreshView } = sforce.opencti; refreshView({});',
            'call sforce.opencti.refreshView destructuring'
        ],
        [
            'renamed destructuring',
            'const { opencti: { refreshView: r } } = sforce; r({});',
            'call sforce.opencti.refreshView destructuring'
        ],
        [
            'IIFE',
            '(function (s) { s.opencti.refreshView({}); })(window.sforce);',
            'call sforce.opencti.refreshView global-object,alias'
        ],
        ['arrow IIFE', '((c) => c.refreshView({}))(sforce.opencti);', 'call sforce.opencti.refreshView alias'],
        [
            'bind',
            'const r = sforce.opencti.refreshView.bind(sforce.opencti); r({});',
            'call sforce.opencti.refreshView bind-call-apply,alias'
        ],
        [
            'call',
            'sforce.opencti.refreshView.call(null, {});',
            'call sforce.opencti.refreshView direct,bind-call-apply'
        ],
        [
            'object member',
            'const o = { c: sforce.opencti }; o.c.refreshView({});',
            'call sforce.opencti.refreshView object-member'
        ],
        [
            'assigned member',
            'var App = {}; App.cti = sforce.opencti; App.cti.refreshView({});',
            'call sforce.opencti.refreshView object-member'
        ],
        [
            'window global',
            'window.cti = sforce.opencti; cti.refreshView({});',
            'call sforce.opencti.refreshView direct'
        ],
        [
            'factory',
            'function api() { return sforce.opencti; } api().refreshView({});',
            'call sforce.opencti.refreshView alias'
        ],
        ['parenthesised', '(sforce.opencti).refreshView({});', 'call sforce.opencti.refreshView direct'],
        ['TS cast', '(sforce as any).opencti.refreshView({});', 'call sforce.opencti.refreshView direct']
    ];
    for (const [name, code, expected] of cases) {
        it(name, () => {
            const lang = name === 'TS cast' ? 'ts' : 'js';
            assert.deepEqual(brief(detect(code, lang)), [expected]);
        });
    }

    it('finds constants directly, through aliases and destructuring', () => {
        const found = brief(
            detect(`const T = sforce.opencti.SCREENPOP_TYPE; const { CALL_TYPE } = sforce.opencti;
                x({ a: T.URL, b: CALL_TYPE.INBOUND, c: sforce.opencti.SCREENPOP_TYPE.FLOW });`)
        );
        assert.deepEqual(found, [
            'reference sforce.opencti.SCREENPOP_TYPE.URL alias,reference',
            'reference sforce.opencti.CALL_TYPE.INBOUND destructuring,reference',
            'reference sforce.opencti.SCREENPOP_TYPE.FLOW direct,reference'
        ]);
    });

    it('reports a constant once where a variable captures it, not again at each use', () => {
        const found = brief(detect('const p = sforce.opencti.SCREENPOP_TYPE.URL; x({ type: p }); y(p);'));
        assert.deepEqual(found, ['reference sforce.opencti.SCREENPOP_TYPE.URL direct,reference']);
    });

    it('reports a method passed as a callback, not the alias that names it', () => {
        const found = brief(detect('var n = sforce.opencti.notifyInitializationComplete; setTimeout(n, 0);'));
        assert.deepEqual(found, ['reference sforce.opencti.notifyInitializationComplete alias,reference']);
    });

    it('follows wrappers and instantiates their arguments at the call site', () => {
        const d = detect(`function log(v, cb) { sforce.opencti.saveLog({ value: v, callback: cb }); }
            log({ Subject: 'A' }, function () {});`);
        assert.equal(d.length, 2);
        const site = d[1]!;
        assert.deepEqual(site.via?.name, 'log');
        assert.deepEqual(site.args?.[0], {
            kind: 'object',
            props: {
                value: {
                    kind: 'object',
                    props: { Subject: { kind: 'string', value: 'A', partial: false } },
                    spread: false
                },
                callback: { kind: 'function' }
            },
            spread: false
        });
    });

    it('follows wrappers of wrappers, rest parameters and spreads', () => {
        const d = detect(`function inner(o) { sforce.opencti.saveLog(o); }
            function outer(...args) { inner(...args); }
            function withDefaults(o) { sforce.opencti.publish({ ...o, channelName: 'C__c' }); }
            outer({ value: { Subject: 'x' } });
            withDefaults({ message: 1 });`);
        const sites = d.filter((x) => x.traits.includes('wrapper'));
        assert.deepEqual(
            sites.map((s) => `${s.path.join('.')} ${s.via?.name}`),
            ['sforce.opencti.saveLog inner', 'sforce.opencti.saveLog outer', 'sforce.opencti.publish withDefaults']
        );
        const published = sites[2]!.args?.[0];
        assert.equal(published?.kind, 'object');
        if (published?.kind === 'object')
            assert.deepEqual(Object.keys(published.props).sort(), ['channelName', 'message']);
    });

    it('resolves a method name passed to a generic wrapper', () => {
        const d = detect(`function cti(m, a) { return sforce.opencti[m](a); } cti('refreshView', {}); cti(name, {});`);
        assert.deepEqual(brief(d), [
            'dynamic-call sforce.opencti direct,element-access',
            'call sforce.opencti.refreshView element-access,wrapper',
            'dynamic-call sforce.opencti element-access,wrapper'
        ]);
    });

    it('sees `this` members of classes and object literals', () => {
        const d = detect(`class A { constructor() { this.c = sforce.opencti; } go() { this.c.refreshView({}); } }
            const o = { c: sforce.opencti, go() { this.c.getAppViewInfo({}); } };`);
        assert.deepEqual(
            d.map((x) => x.path.join('.')),
            ['sforce.opencti.refreshView', 'sforce.opencti.getAppViewInfo']
        );
    });

    it('reads argument views: strings, templates, concatenation, numbers, booleans, objects built by assignment', () => {
        const d = detect(`var v = {}; v.Subject = 'S'; v['CallType'] = 'Inbound';
            sforce.interaction.saveLog('Task', 'Subject=' + s + '&WhoId=' + id, null);
            sforce.opencti.saveLog({ value: v });
            sforce.opencti.setSoftphonePanelHeight({ heightPX: -1, x: true, y: \`a\${b}\`, z: [1] });`);
        assert.deepEqual(d[0]?.args?.[1], { kind: 'string', value: 'Subject=\u0000&WhoId=\u0000', partial: true });
        const value = d[1]?.args?.[0];
        assert.ok(value?.kind === 'object' && value.props.value?.kind === 'object');
        if (value?.kind === 'object' && value.props.value?.kind === 'object') {
            assert.deepEqual(Object.keys(value.props.value.props), ['Subject', 'CallType']);
        }
        const h = d[2]?.args?.[0];
        assert.ok(h?.kind === 'object');
        if (h?.kind === 'object') {
            assert.deepEqual(h.props.heightPX, { kind: 'number', value: -1 });
            assert.deepEqual(h.props.x, { kind: 'boolean', value: true });
            assert.deepEqual(h.props.y, { kind: 'string', value: 'a\u0000', partial: true });
            assert.deepEqual(h.props.z, { kind: 'array' });
        }
    });

    it('reads a reassigned variable at the place it is used, not its last value', () => {
        const d = detect(`args = { callback: f }; sforce.opencti.refreshView(args);
            args = { widthPX: 70 }; sforce.opencti.setSoftphonePanelWidth(args);
            function later() { sforce.opencti.getAppViewInfo(args); }`);
        const keys = d.map((x) =>
            x.args?.[0]?.kind === 'object' ? Object.keys(x.args[0].props).join(',') : x.args?.[0]?.kind
        );
        assert.deepEqual(keys, ['callback', 'widthPX', 'unknown']);
    });

    it('finds iframe storage, cookies and messaging', () => {
        assert.deepEqual(
            brief(
                detect(`document.cookie = 'a'; var c = window.document.cookie.split(';'); localStorage.setItem('a', 1);
                    sessionStorage['k'] = 1; window.indexedDB.open('db'); $.cookie('x'); Cookies.get('y');
                    document.requestStorageAccess(); top.postMessage('x', '*'); frame.contentWindow.postMessage('y', '*');
                    addEventListener('message', f); window.onmessage = f;`)
            ),
            [
                'cookie cookie.document.cookie direct',
                'web-storage localStorage direct',
                'web-storage indexedDB direct',
                'cookie cookie.$.cookie direct',
                'cookie cookie.Cookies.get direct',
                'storage-access storage-access.document.requestStorageAccess direct',
                'post-message postMessage direct',
                'post-message postMessage direct',
                'message-listener message direct',
                'cookie cookie.document.cookie direct',
                'web-storage sessionStorage direct',
                'message-listener message direct'
            ]
        );
    });

    it('ignores lookalikes, shadowed names, comments and strings', () => {
        const code = `// sforce.opencti.saveLog({})
            /* sforce.opencti.refreshView({}) */
            var s = 'sforce.opencti.refreshView({})'; var t = \`sforce.opencti.publish\`; var r = /sforce.opencti.x/;
            var mysforce = { opencti: { saveLog() {} } }; mysforce.opencti.saveLog({});
            function f(sforce) { sforce.opencti.saveLog({}); }
            function g(window, localStorage, document) { window.sforce.opencti.saveLog({}); localStorage.getItem('x'); document.cookie = 1; }
            sforce.one.navigateToURL('/x'); sforce.opencti;
            worker.postMessage(1); el.addEventListener('message', f);`;
        assert.deepEqual(
            brief(detect(code)).filter((b) => !b.includes('sforce.one')),
            []
        );
    });

    it('treats `declare const sforce` as the platform global, not a shadow', () => {
        assert.equal(detect('declare const sforce: any; sforce.opencti.refreshView({});', 'ts').length, 1);
    });

    it('exports script globals and module exports for other files', () => {
        const script = analyzeJavaScript('var cti = sforce.opencti; function pop(p) { cti.screenPop(p); }', {
            file: 'a.js',
            language: 'js',
            registry: EMPTY_REGISTRY
        });
        assert.deepEqual(Object.keys(script.exports.globals).sort(), ['cti', 'pop']);
        const mod = analyzeJavaScript(
            `const cti = sforce.opencti; export { cti as api }; export default function (p) { cti.screenPop(p); }
            module.exports.other = sforce.interaction;`,
            { file: 'b.js', language: 'js', registry: EMPTY_REGISTRY }
        );
        assert.deepEqual(Object.keys(mod.exports.moduleExports).sort(), ['api', 'default', 'other']);
    });

    it('resolves imports and page globals from the registry', () => {
        const pop: PortableRef = {
            kind: 'callable',
            def: {
                id: 'x',
                name: 'pop',
                file: 'x.js',
                line: 3,
                calls: [
                    {
                        target: { kind: 'fixed', path: ['sforce', 'opencti', 'screenPop'], traits: [] },
                        args: [{ kind: 'param', index: 0 }]
                    }
                ]
            },
            traits: []
        };
        const registry: ExportRegistry = {
            globals: new Map([['Pop', pop]]),
            modules: new Map([['lib.js', { pop, api: { kind: 'api', path: ['sforce', 'opencti'], traits: [] } }]])
        };
        const d = analyzeJavaScript(
            `import { pop, api } from './lib.js'; import * as lib from './lib.js'; const req = require('./lib.js');
            pop({ type: 1 }); api.refreshView({}); lib.pop({}); req.api.getAppViewInfo({}); Pop({});`,
            {
                file: 'main.js',
                language: 'js',
                registry,
                resolveModule: (s) => (s === './lib.js' ? 'lib.js' : undefined)
            }
        ).detections;
        assert.deepEqual(
            d.map((x) => `${x.path.join('.')} ${x.via?.file ?? ''}`),
            [
                'sforce.opencti.screenPop x.js',
                'sforce.opencti.refreshView ',
                'sforce.opencti.screenPop x.js',
                'sforce.opencti.getAppViewInfo ',
                'sforce.opencti.screenPop x.js'
            ]
        );
    });

    it('binds the `helper` parameter of Aura controllers, and exports a bundle object', () => {
        const helper = analyzeJavaScript('({ pop: function (cmp, p) { sforce.opencti.screenPop(p); } })', {
            file: 'aura/x/xHelper.js',
            language: 'js',
            registry: EMPTY_REGISTRY
        }).bundleObject;
        assert.equal(helper?.kind, 'namespace');
        const d = analyzeJavaScript(
            '({ go: function (component, event, helper) { helper.pop(component, { type: 1 }); } })',
            {
                file: 'aura/x/xController.js',
                language: 'js',
                registry: EMPTY_REGISTRY,
                ...(helper ? { auraHelper: helper } : {})
            }
        ).detections;
        assert.deepEqual(brief(d), ['call sforce.opencti.screenPop object-member,wrapper']);
    });

    it('reports syntax errors instead of analysing', () => {
        const r = analyzeJavaScript('function ( { sforce.opencti.refreshView({})', {
            file: 'x.js',
            language: 'js',
            registry: EMPTY_REGISTRY
        });
        assert.ok(r.syntaxError);
        assert.equal(r.detections.length, 0);
    });

    it('gives up on absurd nesting with an error the scanner turns into a token scan', () => {
        const deep = `${'['.repeat(5000)}sforce.opencti.refreshView({})${']'.repeat(5000)}`;
        assert.throws(() => analyzeJavaScript(deep, { file: 'x.js', language: 'js', registry: EMPTY_REGISTRY }));
        assert.deepEqual(brief(tokenScan(deep)), ['call sforce.opencti.refreshView token-scan,direct']);
    });

    it('handles a huge single line', () => {
        const line = `var a = 1;${' x = x + 1;'.repeat(20_000)} sforce.opencti.refreshView({});`;
        assert.equal(detect(line).length, 1);
    });

    it('instantiates templates with missing and rest arguments', () => {
        assert.deepEqual(
            instantiateArgs(
                [
                    { kind: 'param', index: 3 },
                    { kind: 'rest', from: 1 }
                ],
                [{ kind: 'number', value: 1 }, { kind: 'function' }]
            ),
            [{ kind: 'unknown' }, { kind: 'function' }]
        );
    });
});

describe('token scan', () => {
    it('finds chains outside comments, strings, templates and regular expressions', () => {
        const found = tokenScan(`// sforce.opencti.saveLog()
            var a = 'sforce.opencti.x()'; var t = \`\${sforce.opencti.refreshView({})} sforce.opencti.no\`;
            var r = x / 2, re = /sforce.opencti.y/g;
            window?.sforce?.opencti['screenPop']({}); sforce.opencti.SCREENPOP_TYPE.URL;
            document.cookie; localStorage.x; parent.postMessage(1); w.postMessage(1);`);
        assert.deepEqual(brief(found), [
            'call sforce.opencti.refreshView token-scan,direct',
            'call sforce.opencti.screenPop token-scan,optional-chaining,element-access,global-object',
            'reference sforce.opencti.SCREENPOP_TYPE.URL token-scan,direct,reference',
            'cookie cookie token-scan,direct',
            'web-storage localStorage token-scan,direct',
            'post-message postMessage token-scan,global-object'
        ]);
    });
});
