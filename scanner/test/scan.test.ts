import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { strToU8, zipSync } from 'fflate';
import { METHODS } from '../src/catalog/open-cti.js';
import { READ_EXTENSIONS } from '../src/discovery/file-kinds.js';
import { nodeFileSystem, type FileSystem } from '../src/discovery/walk.js';
import type { Finding } from '../src/model/report.js';
import { scan, snippetAt } from '../src/scan.js';
import { FIXED_NOW, ZERO_CLOCK, catalog, fixture } from './helpers.js';

const run = (rel: string) => scan({ root: fixture(rel), now: FIXED_NOW, clock: ZERO_CLOCK, catalog });
const at = (findings: Finding[], file: string, line: number): Finding[] =>
    findings.filter((f) => f.location.file.endsWith(file) && f.location.line === line);
const ruleOf = (ns: string, name: string): string => `${ns.replace(/^sforce\./, '')}.${name}`;

describe('scan: every Open CTI method', () => {
    for (const [file, namespaces] of [
        ['adapter/lightning/all-methods.js', ['sforce.opencti', 'sforce.opencti.hvs']],
        [
            'adapter/classic/all-methods.js',
            ['sforce.interaction', 'sforce.interaction.cti', 'sforce.interaction.entityFeed']
        ],
        ['adapter/console/all-methods.js', ['sforce.console.cti']]
    ] as const) {
        it(`finds each method of ${namespaces.join(', ')} once, without problems`, () => {
            const report = run(file);
            for (const m of METHODS.filter((x) => (namespaces as readonly string[]).includes(x.namespace))) {
                const hits = report.findings.filter((f) => f.rule === ruleOf(m.namespace, m.name));
                assert.equal(hits.length, 1, `${m.namespace}.${m.name}`);
                assert.deepEqual(hits[0]!.issues, [], `${m.namespace}.${m.name} issues`);
                assert.equal(hits[0]!.action, m.mapping.action);
                assert.equal(hits[0]!.usage, 'call');
            }
            assert.equal(report.summary.bySeverity.error + report.summary.bySeverity.warning, 0);
        });
    }
    it('maps saveLog fields in Lightning and Classic calls', () => {
        const lightning = run('adapter/lightning/all-methods.js').findings.find((f) => f.rule === 'opencti.saveLog');
        assert.equal(lightning?.saveLog?.entity, 'Task');
        assert.deepEqual(
            lightning?.saveLog?.fields.map((f) => `${f.source}>${f.target ?? '-'}`),
            [
                'entityApiName>-',
                'Subject>Subject__c',
                'CallDurationInSeconds>CallDurationInSeconds',
                'WhoId>RelatedRecordId'
            ]
        );
        const classic = run('adapter/classic/all-methods.js').findings.find((f) => f.rule === 'interaction.saveLog');
        assert.deepEqual(
            classic?.saveLog?.fields.map((f) => `${f.source}>${f.kind}`),
            ['Subject>custom-field', 'CallObject>voicecall-field', 'Call_Reason__c>custom-field']
        );
        assert.equal(classic?.saveLog?.complete, true);
    });
    it('separates the Console Integration Toolkit: presence is eliminated, the rest replaced', () => {
        const report = run('adapter/console/all-methods.js');
        assert.equal(
            report.findings.find((f) => f.api.name.startsWith('sforce.console.presence'))?.action,
            'eliminate'
        );
        assert.equal(report.findings.find((f) => f.api.name === 'sforce.console.openPrimaryTab')?.action, 'replace');
        // Only sforce.console.cti.* is the console CTI platform; the toolkit's helpers are not Open CTI.
        assert.equal(report.summary.byPlatform.console, 12);
        assert.equal(
            report.findings.find((f) => f.api.name === 'sforce.console.openPrimaryTab')?.api.platform,
            undefined
        );
    });
});

describe('scan: detection styles', () => {
    const report = run('adapter/styles/detection-styles.js');
    const source = readFileSync(fixture('adapter/styles/detection-styles.js'), 'utf8').split('\n');
    it('finds a call after every "// style:" comment', () => {
        source.forEach((line, i) => {
            if (!line.startsWith('// style:')) return;
            const block = report.findings.filter((f) => f.location.line > i + 1 && f.location.line <= i + 12);
            assert.ok(block.length > 0, `no finding after line ${i + 1}: ${line}`);
        });
    });
    it('labels how each call was reached', () => {
        const traits = (line: number): string[] =>
            at(report.findings, 'detection-styles.js', line).flatMap((f) => f.detection);
        assert.ok(traits(8).includes('global-object'));
        assert.ok(traits(11).includes('optional-chaining'));
        assert.ok(traits(14).includes('element-access'));
        assert.ok(traits(18).includes('alias'));
        assert.ok(traits(26).includes('destructuring'));
        assert.ok(traits(40).includes('wrapper'));
        assert.ok(traits(54).includes('object-member'));
        assert.ok(traits(69).includes('bind-call-apply'));
        assert.ok(traits(80).includes('reference'));
        const wrapped = at(report.findings, 'detection-styles.js', 40)[0];
        assert.deepEqual(wrapped?.via, { name: 'logCall', file: 'detection-styles.js', line: 37 });
        assert.deepEqual(
            wrapped?.saveLog?.fields.map((f) => f.target),
            ['Subject__c', 'Description']
        );
    });
});

describe('scan: wrong usage', () => {
    const report = run('adapter/lightning/wrong-usage.js');
    const source = readFileSync(fixture('adapter/lightning/wrong-usage.js'), 'utf8').split('\n');
    const rules = new Set([
        'unknown-method',
        'missing-listener',
        'argument-shape',
        'unknown-enum-value',
        'classic-in-lightning',
        'iframe-cookie',
        'iframe-storage',
        'dynamic-call'
    ]);
    it('reports the issue each comment announces on the next line', () => {
        let checked = 0;
        source.forEach((line, i) => {
            const rule = /^\/\/ ([\w-]+)/.exec(line)?.[1];
            if (!rule || !rules.has(rule)) return;
            const issues = at(report.findings, 'wrong-usage.js', i + 2).flatMap((f) => f.issues.map((x) => x.rule));
            assert.ok(issues.includes(rule), `line ${i + 2}: expected ${rule}, got ${issues.join(',') || 'nothing'}`);
            checked++;
        });
        assert.equal(checked, 15);
    });
    it('suggests what the code meant', () => {
        const messages = report.findings.flatMap((f) => f.issues.map((i) => i.message));
        assert.ok(
            messages.some((m) => /setSoftphoneHeight exists in sforce.interaction.cti.*setSoftphonePanelHeight/.test(m))
        );
        assert.ok(messages.some((m) => /did you mean sforce.opencti.saveLog/.test(m)));
        assert.ok(messages.some((m) => /did you mean "heightPX"/.test(m)));
        assert.ok(messages.some((m) => /onClickToDial needs \{ listener \}/.test(m)));
    });
    it('maps getPhoneContacts as the matrix does, and presence runApex to setAgentStatus', () => {
        assert.equal(at(report.findings, 'wrong-usage.js', 6)[0]?.action, 'migrate');
        const presence = at(report.findings, 'wrong-usage.js', 36)[0];
        assert.equal(presence?.action, 'eliminate');
        assert.match(presence?.components[0]?.name ?? '', /setAgentStatus/);
    });
});

describe('scan: one fixture for every file kind', () => {
    /** `line context api action` of each finding, for exact comparisons. */
    const brief = (report: ReturnType<typeof run>): string[] =>
        report.findings.map((f) => `${f.location.line} ${f.context} ${f.api.name} ${f.action}`);
    const clean = (report: ReturnType<typeof run>): void => {
        assert.deepEqual(report.parseFallbacks, []);
        assert.deepEqual(report.skipped, []);
        assert.ok(report.findings.every((f) => !f.detection.includes('token-scan')));
        assert.ok(report.findings.every((f) => f.issues.length === 0));
    };
    it('the other extensions: .cjs, .mts, .cts, .htm, .xhtml, .markdown', () => {
        for (const [rel, expected] of [
            [
                'adapter/modules/panel.cjs',
                [
                    '6 file sforce.opencti.setSoftphonePanelVisibility eliminate',
                    '7 file sforce.opencti.setSoftphonePanelHeight eliminate'
                ]
            ],
            ['adapter/modules/status-icon.mts', ['7 file sforce.opencti.setSoftphoneItemIcon eliminate']],
            ['adapter/modules/layout.cts', ['3 file sforce.opencti.getSoftphoneLayout migrate']],
            [
                'adapter/pages/app-view.htm',
                [
                    '4 markup Open CTI for Lightning (opencti_min.js) eliminate',
                    '8 script sforce.opencti.getAppViewInfo migrate'
                ]
            ],
            [
                'adapter/pages/panel.xhtml',
                [
                    '7 script sforce.opencti.isSoftphonePanelVisible eliminate',
                    '11 javascript-url sforce.opencti.disableClickToDial eliminate'
                ]
            ],
            [
                'adapter/docs/runbook.markdown',
                ['6 markdown-fence sforce.opencti.notifyInitializationComplete eliminate']
            ]
        ] as const) {
            const report = run(rel);
            clean(report);
            assert.deepEqual(brief(report), expected, rel);
        }
    });
    it('adapter/ holds a fixture with findings for every extension the scanner reads', () => {
        const files = run('adapter').findings.map((f) => f.location.file.toLowerCase());
        for (const ext of [...READ_EXTENSIONS, '.callcenter-meta.xml']) {
            assert.ok(
                files.some((f) => !f.includes('!/') && f.endsWith(ext)),
                `no fixture under adapter/ has a finding in a ${ext} file`
            );
        }
        assert.ok(files.includes('staticresources/expanded/adapter'), 'an extension-less static resource');
    });
    it('.jsx: parses JSX, and finds the calls in an effect and in an onClick handler', () => {
        const report = run('adapter/react/SoftphoneToolbar.jsx');
        clean(report);
        assert.deepEqual(brief(report), [
            '7 file sforce.opencti.onClickToDial migrate',
            '8 file sforce.opencti.enableClickToDial eliminate',
            '12 file sforce.opencti.setSoftphonePanelVisibility eliminate'
        ]);
    });
    it('.tsx: parses types, a generic arrow function and JSX, and maps the saveLog fields', () => {
        const report = run('adapter/react/WrapUpPanel.tsx');
        clean(report);
        assert.deepEqual(brief(report), [
            '11 file sforce.opencti.refreshView migrate',
            '17 file sforce.opencti.saveLog eliminate'
        ]);
        assert.deepEqual(
            report.findings[1]?.saveLog?.fields.map((f) => `${f.source}>${f.target ?? '-'}`),
            [
                'entityApiName>-',
                'Subject>Subject__c',
                'CallDurationInSeconds>CallDurationInSeconds',
                'WhoId>RelatedRecordId'
            ]
        );
    });
    it('.mjs: parses an ES module with top-level await', () => {
        const report = run('adapter/modules/settings.mjs');
        clean(report);
        assert.deepEqual(brief(report), [
            '6 file sforce.opencti.runApex replace',
            '15 file sforce.opencti.getCallCenterSettings migrate'
        ]);
    });
    it('Visualforce .component: the library include, a <script> block and an inline handler', () => {
        const report = run('adapter/components/CallControls.component');
        clean(report);
        assert.deepEqual(brief(report), [
            '3 markup Open CTI for Lightning (opencti_min.js) eliminate',
            '6 script sforce.opencti.screenPop eliminate',
            '6 script sforce.opencti.SCREENPOP_TYPE.SOBJECT eliminate',
            '9 inline-handler sforce.opencti.setSoftphonePanelVisibility eliminate'
        ]);
    });
    it('Aura .app: the <ltng:require> include; Aura expressions are not JavaScript', () => {
        const report = run('adapter/aura/SoftphoneApp/SoftphoneApp.app');
        clean(report);
        assert.deepEqual(brief(report), ['2 markup Open CTI for Lightning (opencti_min.js) eliminate']);
        assert.equal(report.summary.filesScanned, 1);
    });
    it('a plain .callCenter file (Metadata API format): elements, customSettings and section items', () => {
        const report = run('adapter/callCenters/Retrieved.callCenter');
        clean(report);
        assert.deepEqual(
            report.findings.map((f) => `${f.location.line} ${f.api.name}=${f.value ?? ''} ${f.action}`),
            [
                '3 reqAdapterUrl=https://softphone.example.test/adapter replace',
                '4 reqSalesforceCompatibilityMode=Lightning eliminate',
                '4 reqSoftphoneWidth=320 eliminate',
                '5 reqDisplayName=Retrieved Adapter keep',
                '9 reqDialingOptions/reqInternationalPrefix=00 migrate'
            ]
        );
        assert.ok(report.findings.every((f) => f.context === 'call-center' && f.usage === 'item'));
    });
});

describe('scan: a whole adapter tree', () => {
    const report = run('adapter');
    const files = new Set(report.findings.map((f) => f.location.file));
    it('reads every kind of source file', () => {
        for (const f of [
            'pages/Softphone.page',
            'pages/classic-adapter.html',
            'aura/softphone/softphone.cmp',
            'aura/softphone/softphoneController.js',
            'staticresources/SoftphoneBundle.resource',
            'staticresources/expanded/adapter',
            'callCenters/DemoAdapter.callCenter-meta.xml',
            'callCenters/opencti-definition.xml',
            'docs/integration-notes.md',
            'modules/cti-service.ts',
            'modules/main.js',
            'modules/settings.mjs',
            'globals/use.js',
            'react/SoftphoneToolbar.jsx',
            'react/WrapUpPanel.tsx',
            'components/CallControls.component',
            'aura/SoftphoneApp/SoftphoneApp.app',
            'callCenters/Retrieved.callCenter'
        ]) {
            assert.ok(files.has(f), f);
        }
    });
    it('respects .switchboardignore, reports the archive and the parse fallbacks', () => {
        assert.ok(![...files].some((f) => f.includes('ignored-by-switchboard')));
        assert.equal(report.summary.filesIgnored, 1);
        assert.deepEqual(
            report.skipped.map((s) => [s.file, s.reason]),
            [['staticresources/Archive.resource', 'archive']]
        );
        assert.deepEqual(
            report.parseFallbacks.filter((p) => p.file.startsWith('broken/')).map((p) => [p.file, p.reason]),
            [['broken/syntax-error.js', 'syntax-error']]
        );
        const broken = report.findings.filter((f) => f.location.file === 'broken/syntax-error.js');
        assert.deepEqual(
            broken.map((f) => f.api.name),
            ['sforce.opencti.refreshView', 'sforce.opencti.saveLog']
        );
        assert.ok(broken.every((f) => f.detection.includes('token-scan')));
    });
    it('follows wrappers and aliases across files', () => {
        const main = report.findings.filter((f) => f.location.file === 'modules/main.js');
        assert.deepEqual(
            main.map((f) => `${f.location.line} ${f.api.name} ${f.via?.name ?? ''}`),
            [
                '4 sforce.opencti.onClickToDial dialListener',
                '5 sforce.opencti.saveLog saveCall',
                '6 sforce.opencti.refreshView ',
                '7 sforce.opencti.saveLog saveCall'
            ]
        );
        assert.deepEqual(
            main[1]?.saveLog?.fields.map((f) => f.target),
            ['Subject__c', 'CallType', 'Custom_Disposition__c']
        );
        const globals = report.findings.filter((f) => f.location.file === 'globals/use.js');
        assert.deepEqual(
            globals.map((f) => f.via?.name),
            ['markReady', 'popRecord']
        );
    });
    it('follows Aura controllers into their bundle helper', () => {
        const controller = report.findings.filter((f) => f.location.file === 'aura/softphone/softphoneController.js');
        const viaHelper = controller.find((f) => f.via?.name === 'logCall');
        assert.equal(viaHelper?.api.name, 'sforce.opencti.saveLog');
        assert.equal(viaHelper?.location.line, 9);
        assert.deepEqual(
            viaHelper?.saveLog?.fields.map((f) => f.target),
            ['Subject__c', 'Description']
        );
    });
    it('reads Visualforce through merge fields, inline handlers and javascript: URLs', () => {
        const page = report.findings.filter((f) => f.location.file === 'pages/Softphone.page');
        assert.deepEqual(
            page.map((f) => `${f.location.line}:${f.context}:${f.api.name}`),
            [
                '2:markup:Open CTI for Lightning (opencti_min.js)',
                '7:script:sforce.opencti.screenPop',
                '7:script:sforce.opencti.SCREENPOP_TYPE.SOBJECT',
                '9:script:sforce.interaction.cti.getCallCenterSettings',
                '12:inline-handler:sforce.opencti.refreshView',
                '13:javascript-url:sforce.opencti.setSoftphonePanelVisibility'
            ]
        );
        assert.equal(page[3]?.issues[0]?.rule, 'classic-in-lightning');
    });
    it('maps call-center items, including customSettings and vendor items', () => {
        const cc = report.findings.filter((f) => f.context === 'call-center');
        const byName = new Map(cc.map((f) => [`${f.location.file}#${f.api.name}`, f]));
        assert.equal(
            byName.get('callCenters/opencti-definition.xml#reqGeneralInfo/reqSalesforceCompatibilityMode')?.issues[0]
                ?.rule,
            'call-center-classic-only'
        );
        assert.equal(
            byName.get('callCenters/opencti-definition.xml#reqGeneralInfo/reqAdapterUrl')?.issues[0]?.rule,
            'call-center-insecure-url'
        );
        assert.equal(
            byName.get('callCenters/DemoAdapter.callCenter-meta.xml#reqStandbyUrl')?.unconfirmed !== undefined,
            true
        );
        assert.equal(
            byName.get('callCenters/DemoAdapter.callCenter-meta.xml#reqDialingOptions/vendorRegion')?.rule,
            'call-center.vendor-item'
        );
        assert.equal(
            byName.get('docs/integration-notes.md#reqGeneralInfo/reqAdapterUrl')?.value,
            'https://adapter.example.test'
        );
    });
    it('flags Classic APIs everywhere once a call center is Lightning-only', () => {
        const classic = report.findings.filter((f) => f.location.file === 'classic/all-methods.js');
        assert.ok(classic.length > 20 && classic.every((f) => f.issues.some((i) => i.rule === 'classic-in-lightning')));
    });
    it('is deterministic', () => {
        assert.equal(JSON.stringify(run('adapter')), JSON.stringify(report));
        assert.equal(new Set(report.findings.map((f) => f.id)).size, report.findings.length);
    });
    it('reports nothing for the negative fixtures', () => {
        const negative = run('negative');
        assert.deepEqual(negative.findings, []);
        assert.equal(negative.summary.filesScanned, 4);
    });
});

describe('scan: wrappers across files', () => {
    it('analyses a parsed file again only when a name it looked up is exported elsewhere', () => {
        const root = mkdtempSync(join(tmpdir(), 'scanner-rounds-'));
        try {
            writeFileSync(join(root, 'a.js'), 'function pop(p) { sforce.opencti.screenPop(p); }\n');
            writeFileSync(join(root, 'b.js'), 'sforce.opencti.refreshView({});\npop({ type: 1 });\n');
            writeFileSync(join(root, 'c.js'), 'sforce.opencti.getAppViewInfo({});\n');
            const rounds: number[][] = [];
            const report = scan({
                root,
                now: FIXED_NOW,
                clock: ZERO_CLOCK,
                catalog,
                onProgress: (p) => ((rounds[p.round - 1] ??= []).push(p.done), undefined)
            });
            assert.deepEqual(
                rounds.map((r) => r.length),
                [3, 1]
            );
            const b = report.findings.filter((f) => f.location.file === 'b.js');
            assert.deepEqual(
                b.map((f) => `${f.api.name} ${f.via?.name ?? ''}`),
                ['sforce.opencti.refreshView ', 'sforce.opencti.screenPop pop']
            );
        } finally {
            rmSync(root, { recursive: true, force: true });
        }
    });
});

describe('scan: zipped static resources', () => {
    it('scans the entries of a zip, names them archive!/entry, and does not open nested archives', () => {
        const root = mkdtempSync(join(tmpdir(), 'scanner-zip-'));
        try {
            mkdirSync(join(root, 'staticresources'));
            const zip = zipSync({
                'js/adapter.js': strToU8('sforce.opencti.onClickToDial({ callback: f });\n'),
                'softphone.html': strToU8('<script>sforce.opencti.refreshView({})</script>'),
                'lib/helper': strToU8('window.sforce.opencti.getAppViewInfo({});'),
                'inner.zip': zipSync({ 'x.js': strToU8('sforce.opencti.publish({})') }),
                'logo.png': new Uint8Array([137, 80, 78, 71])
            });
            writeFileSync(join(root, 'staticresources/Adapter.resource'), zip);
            const report = scan({ root, now: FIXED_NOW, clock: ZERO_CLOCK, catalog });
            assert.deepEqual(
                report.findings.map((f) => `${f.location.file}:${f.location.line} ${f.api.name}`),
                [
                    'staticresources/Adapter.resource!/js/adapter.js:1 sforce.opencti.onClickToDial',
                    'staticresources/Adapter.resource!/lib/helper:1 sforce.opencti.getAppViewInfo',
                    'staticresources/Adapter.resource!/softphone.html:1 sforce.opencti.refreshView'
                ]
            );
            assert.equal(report.findings[0]?.issues[0]?.rule, 'missing-listener');
            assert.deepEqual(
                report.skipped.map((k) => [k.file, k.reason]),
                [['staticresources/Adapter.resource!/inner.zip', 'archive']]
            );
        } finally {
            rmSync(root, { recursive: true, force: true });
        }
    });
});

describe('scan: files it cannot read', () => {
    const root = mkdtempSync(join(tmpdir(), 'scanner-unreadable-'));
    after(() => rmSync(root, { recursive: true, force: true }));
    writeFileSync(join(root, 'a.js'), 'sforce.opencti.refreshView({});\n');
    writeFileSync(join(root, 'locked.js'), 'sforce.opencti.saveLog({ value: { Subject: s } });\n');
    writeFileSync(join(root, 'z.js'), 'sforce.opencti.getAppViewInfo({});\n');
    it('lists a file that fails to read as unreadable, with the reason, and scans the others', () => {
        // Running as root, chmod cannot make a file unreadable: the failure comes through the file-system seam.
        const failing: FileSystem = {
            ...nodeFileSystem,
            readFile: (path) => {
                if (path.endsWith('locked.js')) throw new Error(`EACCES: permission denied, open '${path}'`);
                return nodeFileSystem.readFile(path);
            }
        };
        const report = scan({ root, now: FIXED_NOW, clock: ZERO_CLOCK, catalog, fs: failing });
        assert.deepEqual(report.skipped, [
            {
                file: 'locked.js',
                reason: 'unreadable',
                detail: `EACCES: permission denied, open '${join(root, 'locked.js')}'`
            }
        ]);
        assert.deepEqual(
            report.findings.map((f) => `${f.location.file} ${f.api.name}`),
            ['a.js sforce.opencti.refreshView', 'z.js sforce.opencti.getAppViewInfo']
        );
        assert.equal(report.summary.filesScanned, 2);
        assert.equal(report.summary.filesSkipped, 1);
    });
    it('says what a non-Error failure was', () => {
        const failing: FileSystem = {
            ...nodeFileSystem,
            readFile: (path) => {
                if (path.endsWith('locked.js')) throw 'device gone';
                return nodeFileSystem.readFile(path);
            }
        };
        const report = scan({ root, now: FIXED_NOW, clock: ZERO_CLOCK, catalog, fs: failing });
        assert.deepEqual(report.skipped, [{ file: 'locked.js', reason: 'unreadable', detail: 'device gone' }]);
    });
    it('lists a named pipe as not a regular file without opening it, and finishes', (t) => {
        const dir = mkdtempSync(join(tmpdir(), 'scanner-fifo-'));
        try {
            writeFileSync(join(dir, 'a.js'), 'sforce.opencti.refreshView({});\n');
            const made = process.platform === 'win32' ? undefined : spawnSync('mkfifo', [join(dir, 'pipe.js')]);
            if (!made || made.error || made.status !== 0) {
                t.skip('mkfifo is not available here');
                return;
            }
            // Opening a FIFO blocks the process until a writer comes: fail instead if the scan ever tries.
            const guarded: FileSystem = {
                ...nodeFileSystem,
                readFile: (path) => {
                    if (path.endsWith('pipe.js')) throw new Error('the scan opened the named pipe');
                    return nodeFileSystem.readFile(path);
                }
            };
            const report = scan({ root: dir, now: FIXED_NOW, clock: ZERO_CLOCK, catalog, fs: guarded });
            assert.deepEqual(report.skipped, [
                {
                    file: 'pipe.js',
                    reason: 'not-regular-file',
                    detail: 'not a regular file: a named pipe (FIFO), never opened'
                }
            ]);
            assert.deepEqual(
                report.findings.map((f) => `${f.location.file} ${f.api.name}`),
                ['a.js sforce.opencti.refreshView']
            );
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});

describe('scan: hostile input', () => {
    const root = mkdtempSync(join(tmpdir(), 'scanner-hostile-'));
    after(() => rmSync(root, { recursive: true, force: true }));
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src/deep.js'), `${'('.repeat(30000)}sforce.opencti.refreshView({})${')'.repeat(30000)}`);
    writeFileSync(
        join(root, 'src/deep.html'),
        `${'<div>'.repeat(30000)}<script>sforce.opencti.getAppViewInfo({})</script>`
    );
    writeFileSync(join(root, 'src/long.js'), `var x = "${'a'.repeat(3_000_000)}"; sforce.opencti.refreshView({});`);
    writeFileSync(join(root, 'src/binary.js'), Buffer.from([0x73, 0x66, 0, 1, 2, 3]));
    writeFileSync(
        join(root, 'src/latin1.js'),
        Buffer.from([0x2f, 0x2f, 0xe9, 0x0a, ...Buffer.from('sforce.opencti.refreshView({});')])
    );
    writeFileSync(join(root, 'src/huge.js'), 'x'.repeat(7 * 1024 * 1024));
    writeFileSync(join(root, 'src/garbage.page'), '<apex:page><script>sforce.opencti.publish({ channelName: </scr');
    const report = scan({ root, now: FIXED_NOW, clock: ZERO_CLOCK, catalog });
    it('never crashes, and reports what it skipped or could not parse', () => {
        assert.deepEqual(
            report.skipped.map((s) => [s.file, s.reason]),
            [
                ['src/binary.js', 'binary'],
                ['src/huge.js', 'too-large']
            ]
        );
        assert.ok(report.parseFallbacks.some((p) => p.file === 'src/deep.js' && p.reason === 'nesting-too-deep'));
        const found = report.findings.map((f) => `${f.location.file} ${f.api.name}`);
        for (const expected of [
            'src/deep.js sforce.opencti.refreshView',
            'src/deep.html sforce.opencti.getAppViewInfo',
            'src/long.js sforce.opencti.refreshView',
            'src/latin1.js sforce.opencti.refreshView',
            'src/garbage.page sforce.opencti.publish'
        ]) {
            assert.ok(found.includes(expected), expected);
        }
    });
    it('cuts snippets out of huge lines', () => {
        const long = report.findings.find((f) => f.location.file === 'src/long.js');
        assert.ok(long && long.snippet.length <= 162 && long.snippet.includes('sforce.opencti.refreshView'));
        assert.equal(snippetAt('  short  ', 1), 'short');
    });
});
