// One call center, however many definitions give it (issue 16, items 3 and 5): an import XML beside the metadata,
// or two Markdown blocks with the same internal name, make one finding per item; every block of a Markdown file is
// read, not only the first.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import type { ScanReport } from '../src/model/report.js';
import { scan } from '../src/scan.js';
import { FIXED_NOW, ZERO_CLOCK, catalog } from './helpers.js';

const work = mkdtempSync(join(tmpdir(), 'scanner-centers-'));
after(() => rmSync(work, { recursive: true, force: true }));
let trees = 0;

function scanTree(files: Record<string, string>): ScanReport {
    const root = join(work, `t${++trees}`);
    for (const [rel, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, rel)), { recursive: true });
        writeFileSync(join(root, rel), text);
    }
    return scan({ root, now: FIXED_NOW, clock: ZERO_CLOCK, catalog });
}

/** An import-XML definition: reqGeneralInfo items, then other sections' items. */
function importXml(items: Record<string, string>, vendor: Record<string, string> = {}): string {
    const item = ([name, value]: [string, string]) => `    <item name="${name}">${value}</item>`;
    return [
        '<callCenter>',
        '  <section sortOrder="0" name="reqGeneralInfo">',
        ...Object.entries(items).map(item),
        '  </section>',
        ...(Object.keys(vendor).length > 0
            ? ['  <section sortOrder="1" name="vendor">', ...Object.entries(vendor).map(item), '  </section>']
            : []),
        '</callCenter>',
        ''
    ].join('\n');
}

const metadata = (adapterUrl: string, customSettings: Record<string, string>): string =>
    `<?xml version="1.0" encoding="UTF-8"?>
<CallCenter xmlns="http://soap.sforce.com/2006/04/metadata">
    <adapterUrl>${adapterUrl}</adapterUrl>
    <customSettings>${JSON.stringify(customSettings).replace(/"/g, '&quot;')}</customSettings>
    <displayName>Phone</displayName>
</CallCenter>
`;

const brief = (report: ScanReport): string[] =>
    report.findings
        .filter((f) => f.context === 'call-center')
        .map((f) => `${f.location.file}:${f.location.line} ${f.api.name}=${f.value ?? ''}`);

describe('one call center in two files', () => {
    it('the metadata and the import XML of one call center: one finding per item, conflicts said', () => {
        const report = scanTree({
            'callCenters/Phone.callCenter-meta.xml': metadata('https://cti.example.com/a', {
                reqSalesforceCompatibilityMode: 'Lightning',
                reqSoftphoneHeight: '400'
            }),
            'definitions/phone.xml': importXml({
                reqInternalName: 'Phone',
                reqAdapterUrl: 'https://cti.example.com/a',
                reqSalesforceCompatibilityMode: 'Classic',
                reqSoftphoneWidth: '300'
            })
        });
        assert.deepEqual(brief(report), [
            'callCenters/Phone.callCenter-meta.xml:3 reqAdapterUrl=https://cti.example.com/a',
            'callCenters/Phone.callCenter-meta.xml:4 reqSalesforceCompatibilityMode=Lightning',
            'callCenters/Phone.callCenter-meta.xml:4 reqSoftphoneHeight=400',
            'callCenters/Phone.callCenter-meta.xml:5 reqDisplayName=Phone',
            'definitions/phone.xml:3 reqGeneralInfo/reqInternalName=Phone',
            'definitions/phone.xml:6 reqGeneralInfo/reqSoftphoneWidth=300'
        ]);
        const mode = report.findings.find((f) => f.api.name === 'reqSalesforceCompatibilityMode')!;
        assert.deepEqual(
            mode.issues.map((i) => i.rule),
            ['call-center-conflict']
        );
        assert.match(mode.issues[0]!.message, /definitions\/phone\.xml:5.*"Classic"/);
        // Equal values are no conflict.
        const url = report.findings.find((f) => f.api.name === 'reqAdapterUrl')!;
        assert.deepEqual(url.issues, []);
    });

    it('decides Classic or Lightning on the merged items: an item given by either file counts', () => {
        const report = scanTree({
            'a/callCenters/Phone.xml': importXml({ reqInternalName: 'Phone', reqAdapterUrl: '/apex/Softphone' }),
            'b/phone-lightning.xml': importXml({
                reqInternalName: 'Phone',
                reqSalesforceCompatibilityMode: 'Lightning'
            }),
            'a/pages/Softphone.page': '<apex:page><script>sforce.interaction.getPageInfo();</script></apex:page>\n'
        });
        // No "absent" warning: the second file gives the mode.
        assert.ok(report.findings.every((f) => !f.issues.some((i) => i.rule === 'call-center-compatibility-mode')));
        // The page the first file names is governed by the merged mode, Lightning: its Classic call is flagged.
        const classic = report.findings.find((f) => f.api.name === 'sforce.interaction.getPageInfo')!;
        assert.ok(classic.issues.some((i) => i.rule === 'classic-in-lightning'));
    });

    it('call centers with different names stay apart', () => {
        const report = scanTree({
            'one.xml': importXml({ reqInternalName: 'One', reqSoftphoneHeight: '400' }),
            'two.xml': importXml({ reqInternalName: 'Two', reqSoftphoneHeight: '400' })
        });
        assert.equal(report.findings.filter((f) => f.api.name.endsWith('reqSoftphoneHeight')).length, 2);
    });

    it('property: one finding per distinct item of a call center, whatever the files and their order', () => {
        const name = fc.constantFrom('Alpha', 'Beta');
        const itemName = fc.constantFrom('reqSoftphoneHeight', 'reqSoftphoneWidth', 'reqOutsidePrefix', 'region');
        const value = fc.constantFrom('1', '2');
        const definition = fc.record({ name, items: fc.dictionary(itemName, value, { minKeys: 1 }) });
        fc.assert(
            fc.property(fc.array(definition, { minLength: 1, maxLength: 4 }), (defs) => {
                const files: Record<string, string> = {};
                defs.forEach((d, i) => {
                    files[`d${i}/center.xml`] = importXml({ reqInternalName: d.name }, d.items);
                });
                const report = scanTree(files);
                const distinct = new Set(defs.flatMap((d) => Object.keys(d.items).map((k) => `${d.name}/${k}`)));
                const found = report.findings.filter((f) => f.api.name.startsWith('vendor/'));
                assert.equal(found.length, distinct.size);
                // Each finding's value is the first file's (path order), and a differing later value is a conflict.
                for (const key of distinct) {
                    const [center, item] = key.split('/') as [string, string];
                    const givers = defs.flatMap((d, i) =>
                        d.name === center && d.items[item] !== undefined ? [{ i, value: d.items[item]! }] : []
                    );
                    const finding = found.find(
                        (f) => f.api.name === `vendor/${item}` && f.location.file === `d${givers[0]!.i}/center.xml`
                    );
                    assert.ok(finding, key);
                    assert.equal(finding.value, givers[0]!.value);
                    const conflicts = finding.issues.filter((i) => i.rule === 'call-center-conflict').length;
                    assert.equal(conflicts, givers.slice(1).filter((g) => g.value !== givers[0]!.value).length);
                }
            }),
            { numRuns: 25, seed: 16 }
        );
    });
});

describe('a Markdown file with several call-center blocks', () => {
    const block = (xml: string): string => ['```xml', xml.trimEnd(), '```', ''].join('\n');

    it('reads every block, each as its own definition', () => {
        const report = scanTree({
            'docs/centers.md': [
                '# Two call centers',
                '',
                block(importXml({ reqInternalName: 'Sales', reqSoftphoneHeight: '400' })),
                'And the support one:',
                '',
                block(importXml({ reqInternalName: 'Support', reqSoftphoneWidth: '300' }))
            ].join('\n')
        });
        assert.deepEqual(brief(report), [
            'docs/centers.md:6 reqGeneralInfo/reqInternalName=Sales',
            'docs/centers.md:7 reqGeneralInfo/reqSoftphoneHeight=400',
            'docs/centers.md:17 reqGeneralInfo/reqInternalName=Support',
            'docs/centers.md:18 reqGeneralInfo/reqSoftphoneWidth=300'
        ]);
        // Each block is a call center of its own: each lacks the compatibility mode.
        assert.equal(
            report.findings.filter((f) => f.issues.some((i) => i.rule === 'call-center-compatibility-mode')).length,
            2
        );
    });

    it('property: every block is read, and blocks of one call center make one finding per item', () => {
        const blocks = fc.array(
            fc.record({
                name: fc.constantFrom('A', 'B', 'C'),
                height: fc.constantFrom('300', '400'),
                fence: fc.constantFrom('```xml', '~~~xml', '````', '```')
            }),
            { minLength: 1, maxLength: 5 }
        );
        fc.assert(
            fc.property(blocks, (bs) => {
                const text = bs
                    .map((b) => {
                        const close = b.fence.replace(/xml$/, '');
                        const xml = importXml({ reqInternalName: b.name, reqSoftphoneHeight: b.height }).trimEnd();
                        return ['Some prose.', '', b.fence, xml, close, ''].join('\n');
                    })
                    .join('\n');
                const report = scanTree({ 'README.md': text });
                const names = new Set(bs.map((b) => b.name));
                const heights = report.findings.filter((f) => f.api.name.endsWith('/reqSoftphoneHeight'));
                assert.equal(heights.length, names.size);
                assert.equal(report.findings.filter((f) => f.api.name.endsWith('/reqInternalName')).length, names.size);
            }),
            { numRuns: 25, seed: 16 }
        );
    });
});
