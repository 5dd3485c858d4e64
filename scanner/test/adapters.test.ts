// Issue 16, item 3: Classic vs Lightning is decided per call center and per adapter, not for the whole tree.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pagesOf, scopeOf } from '../src/rules/adapters.js';
import { scan } from '../src/scan.js';
import { FIXED_NOW, ZERO_CLOCK, catalog, fixture } from './helpers.js';

const run = (rel: string) => scan({ root: fixture(rel), now: FIXED_NOW, clock: ZERO_CLOCK, catalog });

describe('Classic and Lightning, per adapter', () => {
    it('flags a Classic API only in the adapter a Lightning call center loads', () => {
        const report = run('two-adapters');
        const flagged = (file: string) =>
            report.findings
                .filter((f) => f.location.file === file)
                .map((f) => f.issues.some((i) => i.rule === 'classic-in-lightning'));
        // Classic call center, Classic code beside it: nothing wrong.
        assert.deepEqual(flagged('classic/js/adapter.js'), [false]);
        // The page /apex/LightningPhone names, outside the Lightning folder, and the static resource it loads.
        assert.deepEqual(flagged('pages/LightningPhone.page'), [true]);
        assert.deepEqual(flagged('lightning/staticresources/PhoneJs.resource'), [true]);
    });
    it('reads an absent, misspelled or unknown compatibility mode as Salesforce does (Classic), and says so', () => {
        const report = run('call-center-modes');
        const issues = report.findings
            .flatMap((f) => f.issues.map((i) => ({ file: f.location.file, item: f.api.name, ...i })))
            .filter((i) => i.rule === 'call-center-compatibility-mode');
        assert.deepEqual(
            issues.map((i) => `${i.file} ${i.item} ${i.severity}`),
            [
                'Absent.xml reqGeneralInfo/reqInternalName warning',
                'Misspelled.xml reqGeneralInfo/reqSalesforceCompatibiltyMode warning',
                'Unknown.xml reqGeneralInfo/reqSalesforceCompatibilityMode warning'
            ]
        );
        assert.match(
            issues[0]!.message,
            /no reqSalesforceCompatibilityMode: .*Classic only \(the documented default\)/
        );
        assert.match(issues[1]!.message, /is not reqSalesforceCompatibilityMode: Salesforce does not read it/);
        assert.match(issues[2]!.message, /"LightningExperience", none of Classic, Lightning/);
        // Classic by default: a Classic API in the page of a call center without a mode is not a Lightning problem.
        const page = report.findings.find((f) => f.location.file === 'Absent.page');
        assert.ok(page && !page.issues.some((i) => i.rule === 'classic-in-lightning'));
    });
    it('finds the page an adapter URL names, and the folder a call center governs', () => {
        const files = ['a/pages/Phone.page', 'web/classic/index.html', 'web/lightning/index.html', 'b/ns.vfp'];
        assert.deepEqual(pagesOf('/apex/Phone?x=1', files), ['a/pages/Phone.page']);
        assert.deepEqual(pagesOf('/apex/acme__ns', files), ['b/ns.vfp']);
        assert.deepEqual(pagesOf('https://host/app/lightning/index.html', files), ['web/lightning/index.html']);
        assert.deepEqual(pagesOf('https://host/', files), []);
        assert.equal(
            scopeOf('force-app/telephony/main/default/callCenters/X.callCenter-meta.xml'),
            'force-app/telephony/main/default'
        );
        assert.equal(scopeOf('adapters/one/center.xml'), 'adapters/one');
    });
});
