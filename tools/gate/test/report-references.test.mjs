// Report types, reports and dashboards (issue 20): every field they name is checked like the rest of the metadata.
// The fixture passes; each planted wrong name is reported at its file with its rule, and nothing else is; this
// project's own reports on VoiceCall pass.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { plantedFixtures } from './support/planted-fixture.mjs';
import { loadSchemaModel } from '../lib/schema-model.mjs';
import { REPORT_RULES, collectReportReferences, modelPath } from '../lib/references/report-references.mjs';
import { COLLECTORS, checkReferences } from '../steps/schema.mjs';

const here = import.meta.dirname;
const projectRoot = resolve(here, '..', '..', '..');
const fixture = join(here, 'fixtures', 'report-references');
const D = 'force-app/main/default';
const TYPE = `${D}/reportTypes/Fixture_Calls.reportType-meta.xml`;
const REPORT = `${D}/reports/Fixture_Call_Reports/Calls_by_Queue.report-meta.xml`;
const DASHBOARD = `${D}/dashboards/Fixture_Call_Dashboards/Fixture_Calls.dashboard-meta.xml`;
const { planted: plantedBy, edit } = plantedFixtures(fixture, 'report-references');
/** A copy of the fixture with `from` replaced by `to` in `file`. */
const planted = (file, from, to) => plantedBy((root) => edit(root, file, from, to));

/** What step 7 reports on a project, only the diagnostics of the report collector's files. */
function reportDiagnostics(root) {
    const { diagnostics } = checkReferences(root, loadSchemaModel(root));
    return diagnostics.filter((d) => /\.(reportType|report|dashboard)-meta\.xml$/.test(d.file));
}

const errors = (ds) => ds.filter((d) => d.severity !== 'warning');
const warnings = (ds) => ds.filter((d) => d.severity === 'warning');
const show = (ds) => ds.map((d) => `${d.file}:${d.line} [${d.rule}] ${d.message}`).join('\n');

describe('report references', () => {
    it('is registered with step 7', () => {
        assert.equal(COLLECTORS.reports, collectReportReferences);
    });

    it('reads a custom lookup traversed by its field name as its relationship', () => {
        assert.equal(modelPath('Case__c.CaseNumber'), 'Case__r.CaseNumber');
        assert.equal(modelPath('Case__c'), 'Case__c');
        assert.equal(modelPath('Owner.Name'), 'Owner.Name');
    });

    it('finds every name in the fixture and reports nothing', () => {
        const { references, problems } = collectReportReferences(fixture, loadSchemaModel(fixture));
        const contexts = references.map((r) => `${r.object}.${r.path ?? ''}`);
        // report type: base object + 8 columns; report: 3 columns, a filter, a grouping, a date column; dashboard: 2
        assert.equal(references.length, 1 + 8 + 6 + 2, contexts.join('\n'));
        assert.ok(contexts.includes('VoiceCall.Fixture_Case__r.Subject'));
        assert.deepEqual(problems, []);
        assert.deepEqual(reportDiagnostics(fixture), []);
    });

    const FAULTS = [
        {
            name: 'a report column VoiceCall does not have (a known mistake)',
            plant: [REPORT, '<field>VoiceCall$Name</field>', '<field>VoiceCall$QueueId</field>'],
            file: REPORT,
            rule: 'unknown-field',
            message: /QueueId.*QueueName/,
            line: 4
        },
        {
            name: 'a report type column up a custom lookup with a misspelt field',
            plant: [TYPE, '<field>Fixture_Case__c.Subject</field>', '<field>Fixture_Case__c.Subjet</field>'],
            file: TYPE,
            rule: 'unknown-field',
            message: /Subjet.*Did you mean Subject/
        },
        {
            name: 'a report type column through a custom lookup the project lacks',
            plant: [TYPE, '<field>Fixture_Case__c.Subject</field>', '<field>Fixture_Cas__c.Subject</field>'],
            file: TYPE,
            rule: 'unknown-field',
            message: /Fixture_Cas__r/
        },
        {
            name: 'a report type column on a table that is not the base object',
            plant: [TYPE, '<table>VoiceCall</table>', '<table>Case</table>'],
            file: TYPE,
            rule: REPORT_RULES.unknownTable,
            message: /base object VoiceCall/
        },
        {
            name: 'a dashboard grouping by a custom field the project lacks',
            plant: [
                DASHBOARD,
                '<groupingColumn>VoiceCall$QueueName</groupingColumn>',
                '<groupingColumn>VoiceCall$Queue__c</groupingColumn>'
            ],
            file: DASHBOARD,
            rule: 'unknown-field',
            message: /Queue__c/
        }
    ];

    for (const fault of FAULTS) {
        it(`fails on ${fault.name}`, () => {
            const found = reportDiagnostics(planted(...fault.plant));
            const hits = errors(found).filter(
                (d) =>
                    d.file === fault.file &&
                    d.rule === fault.rule &&
                    fault.message.test(d.message) &&
                    (!fault.line || d.line === fault.line)
            );
            assert.equal(hits.length, 1, `expected one ${fault.rule} at ${fault.file}; got:\n${show(found)}`);
            assert.deepEqual(
                errors(found).filter((d) => !hits.includes(d)),
                [],
                'nothing else may be an error'
            );
        });
    }

    const DOUBTS = [
        {
            name: 'a report on a report type the project does not define',
            plant: [REPORT, '<reportType>Fixture_Calls__c</reportType>', '<reportType>Other_Calls__c</reportType>'],
            file: REPORT,
            rule: REPORT_RULES.unknownReportType
        },
        {
            name: 'a dashboard showing a report the project does not have',
            plant: [DASHBOARD, 'Fixture_Call_Reports/Calls_by_Queue', 'Fixture_Call_Reports/Calls_by_Agent'],
            file: DASHBOARD,
            rule: REPORT_RULES.unknownReport
        },
        {
            name: 'a report column the report type does not offer',
            plant: [REPORT, '<field>VoiceCall$Name</field>', '<field>VoiceCall$CallType</field>'],
            file: REPORT,
            rule: REPORT_RULES.notInReportType
        }
    ];

    for (const doubt of DOUBTS) {
        it(`warns, without failing, on ${doubt.name}`, () => {
            const found = reportDiagnostics(planted(...doubt.plant));
            assert.deepEqual(errors(found), [], show(found));
            assert.ok(
                warnings(found).some((d) => d.file === doubt.file && d.rule === doubt.rule),
                `expected a ${doubt.rule} warning at ${doubt.file}; got:\n${show(found)}`
            );
        });
    }

    it("passes this project's report type, reports and dashboard, and checks each of their columns", () => {
        const model = loadSchemaModel(projectRoot);
        const { references, problems } = collectReportReferences(projectRoot, model);
        assert.ok(references.length >= 90, `only ${references.length} references found in the project's reports`);
        assert.deepEqual(problems, []);
        const unresolved = references.filter(
            (r) =>
                !model.object(r.object) ||
                (r.path != null && !model.resolvePath(r.object, r.path, { recordEndAllowed: true }).ok)
        );
        assert.deepEqual(
            unresolved.map((r) => `${r.file}:${r.line} ${r.context}`),
            []
        );
    });
});
