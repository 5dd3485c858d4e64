// Unit tests of the gate's building blocks: schema model and catalog, reference extractors, project config,
// XML helpers, the WSDL-to-XSD converter. The end-to-end proof is planted-faults.test.mjs.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { formatDiagnostic, positionAt } from '../lib/diagnostics.mjs';
import { generatedHeader, isGeneratedText } from '../lib/lwc-typescript.mjs';
import { CATALOG_FILE } from '@switchboard/catalog';
import { loadSchemaModel, suggest } from '../lib/schema-model.mjs';
import { javaMajor, semanticDiagnostics } from '../lib/apex-semantics.mjs';
import { collectApexReferences } from '../lib/references/apex-references.mjs';
import { collectFlowReferences } from '../lib/references/flow-references.mjs';
import { validateProjectConfig } from '../lib/project-config.mjs';
import { jestTestOnly } from '../lib/project.mjs';
import { checkReferences } from '../steps/schema.mjs';
import { blankTargetConfigs, parseXmllintOutput } from '../steps/xml.mjs';
import { wsdlToXsd } from '../../../scripts/metadata-wsdl-to-xsd.mjs';

const toolRoot = resolve(import.meta.dirname, '..', '..', '..');

const created = [];
after(() => created.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A throwaway SFDX project: files is { 'force-app/main/default/...': text }. */
function project(files) {
    const root = mkdtempSync(join(tmpdir(), 'gate-unit-'));
    created.push(root);
    writeFileSync(
        join(root, 'sfdx-project.json'),
        JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '66.0' })
    );
    mkdirSync(join(root, 'force-app'), { recursive: true });
    for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), text);
    }
    return root;
}

const LOOKUP_FIELD = (name, to, child) => `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>${name}</fullName>
    <label>${name}</label>
    <referenceTo>${to}</referenceTo>
    <relationshipName>${child}</relationshipName>
    <type>Lookup</type>
</CustomField>`;

describe('standard catalog', () => {
    const catalog = JSON.parse(readFileSync(CATALOG_FILE, 'utf8'));

    it('names a known source for every object', () => {
        for (const [name, object] of Object.entries(catalog.objects)) {
            assert.ok(catalog.sources[object.source], `${name} has source ${object.source}, which is not described`);
        }
    });

    it('holds VoiceCall as the reference describes it, without the fields that do not exist', () => {
        const vc = catalog.objects.VoiceCall.fields;
        for (const field of [
            'VendorCallKey',
            'RelatedRecordId',
            'CallResolution',
            'Description',
            'PreviousCallId',
            'NextCallId',
            'FromPhoneNumber',
            'QueueName',
            'CallAcceptDateTime'
        ]) {
            assert.ok(vc[field], `VoiceCall.${field} missing`);
        }
        for (const wrong of ['ParentVoiceCallId', 'QueueId', 'CallAcceptedDateTime', 'Status', 'StartTime'])
            assert.equal(vc[wrong], undefined, wrong);
        const updatable = Object.entries(vc)
            .filter(([, f]) => f.updateable)
            .map(([n]) => n)
            .sort();
        assert.deepEqual(updatable, [
            'ActivityId',
            'CallResolution',
            'Description',
            'IvrDuration',
            'OwnerId',
            'QualityScore',
            'RecordTypeId',
            'RelatedRecordId',
            'SourceType'
        ]);
    });

    it('covers the standard objects the project relates calls to', () => {
        for (const name of ['Account', 'Case', 'Contact', 'Lead', 'Opportunity', 'Task', 'User', 'Group'])
            assert.ok(catalog.objects[name], name);
        assert.equal(catalog.objects.Case.fields.ContactId.relationshipName, 'Contact');
        assert.equal(catalog.objects.Task.fields.WhoId.relationshipName, 'Who');
    });
});

describe('schema model', () => {
    const root = project({
        'force-app/main/default/objects/VoiceCall/fields/Case__c.field-meta.xml': LOOKUP_FIELD(
            'Case__c',
            'Case',
            'Voice_Calls'
        )
    });
    const model = loadSchemaModel(root);

    it('resolves fields and relationship paths, case-insensitively', () => {
        assert.ok(model.resolvePath('VoiceCall', 'VendorCallKey').ok);
        assert.ok(model.resolvePath('voicecall', 'vendorcallkey').ok);
        assert.ok(model.resolvePath('Case', 'Contact.Account.Name').ok);
        assert.ok(model.resolvePath('VoiceCall', 'Case__r.Subject').ok, 'custom lookup traversed by __r');
        assert.ok(
            model.resolvePath('VoiceCall', 'RelatedRecord.Name').ok,
            'polymorphic relationship exposes name fields'
        );
        assert.ok(model.object('Case').children.has('voice_calls__r'), 'child relationship registered on the parent');
    });

    it('explains known mistakes and suggests near names', () => {
        const parent = model.resolvePath('VoiceCall', 'ParentVoiceCallId');
        assert.equal(parent.ok, false);
        assert.match(parent.message, /PreviousCallId \/ NextCallId/);
        assert.match(model.resolvePath('Case', 'Statu').message, /Did you mean Status\?/);
        assert.match(model.resolvePath('VoiceCall', 'Case__c.Subject').message, /is a field, not a relationship/);
        assert.equal(suggest('Completely', ['Status', 'Subject']), '');
    });

    it('accepts a relationship as the last segment only where a record may be held', () => {
        assert.equal(model.resolvePath('VoiceCall', 'Case__r').ok, false);
        assert.ok(model.resolvePath('VoiceCall', 'Case__r', { recordEndAllowed: true }).ok);
    });

    it('reports an unknown object with the catalog to extend', () => {
        assert.equal(model.object('AgentWork'), null);
        assert.match(model.unknownObjectMessage('AgentWork'), /standard-objects\.json/);
    });
});

describe('Apex references', () => {
    const root = project({
        'force-app/main/default/objects/VoiceCall/fields/Case__c.field-meta.xml': LOOKUP_FIELD(
            'Case__c',
            'Case',
            'Voice_Calls'
        ),
        'force-app/main/default/classes/A.cls': `public with sharing class A {
    private VoiceCall current;
    public void m(List<String> keys, String term) {
        List<VoiceCall> calls = [SELECT Id, Case__r.Subject, Case__r.Nope__c, (SELECT Id FROM Nothing) FROM VoiceCall WHERE VendorCallKey IN :keys WITH USER_MODE];
        Case c = new Case(Subject = 'x', Statu = 'New');
        calls[0].Descriptio = 'y';
        for (VoiceCall vc : calls) { vc.CallResolution = 'Resolved'; Case parent = vc.Case__r; }
        List<List<SObject>> found = [FIND :term IN PHONE FIELDS RETURNING Contact(Id, Phonee), Lead(Id)];
        Schema.SObjectField token = Schema.SObjectType.VoiceCall.fields.VendorCallKy;
        this.current.QueueId = null;
        List<Contact> withCases = [SELECT Id, (SELECT Id FROM Cases) FROM Contact WHERE Id IN (SELECT ContactId FROM Case) WITH USER_MODE];
    }
}`
    });

    it('finds each wrong name at its line, and nothing that is right', () => {
        const model = loadSchemaModel(root);
        const { diagnostics } = checkReferences(root, model);
        const found = diagnostics.map((d) => `${d.line}:${d.message.replace(/\..*$/, '')}`).sort();
        assert.deepEqual(found, [
            '10:Apex field access: VoiceCall has no field QueueId: VoiceCall has no QueueId: only QueueName, a queue name string',
            '4:SOQL field: Case__r (Case) has no field Nope__c',
            '4:VoiceCall has no child relationship Nothing (sub-query FROM names a child relationship, e',
            '5:sObject constructor: Case has no field Statu',
            '6:Apex field access: VoiceCall has no field Descriptio',
            '8:SOSL field: Contact has no field Phonee',
            '9:Apex field token: VoiceCall has no field VendorCallKy'
        ]);
    });

    it('gives each block its own variables: sibling blocks may reuse a name with another type', () => {
        const scoped = project({
            'force-app/main/default/classes/S.cls': `public with sharing class S {
    public void m(List<Candidate> candidates, SObject record) {
        for (Candidate c : candidates) { if (c.rank == 1) { c.rank = 2; } }
        if (record instanceof Contact) { Contact c = (Contact) record; String n = c.Nam; }
        for (Integer i = 0; i < 1; i++) { Lead c = new Lead(); c.Company = 'x'; }
        { Account c = new Account(); c.Phonee = 'y'; }
    }
}`
        });
        const { diagnostics } = checkReferences(scoped, loadSchemaModel(scoped));
        assert.deepEqual(
            diagnostics.map((d) => `${d.line}:${d.message.replace(/\..*$/, '')}`),
            ['4:Apex field access: Contact has no field Nam', '6:Apex field access: Account has no field Phonee']
        );
    });

    it('skips files with syntax errors (step 4 reports them)', () => {
        const broken = project({
            'force-app/main/default/classes/B.cls': 'public class B { void m() { Integer x = 1 return; } }'
        });
        assert.deepEqual(collectApexReferences(broken, loadSchemaModel(broken)).references, []);
    });
});

describe('Apex reserved names', () => {
    it('finds names the compiler reserves, and leaves allowed keywords and calls alone', async () => {
        const { reservedNames } = await import('../lib/apex-reserved.mjs');
        const { parseApexFile } = await import('../lib/apex.mjs');
        const root = project({
            'force-app/main/default/classes/R.cls': `public with sharing class R {
    private Integer order;
    public Integer count(List<Integer> values, String any) {
        Integer number = 1;
        for (Integer desc : values) { number += desc; }
        values.sort();
        return number;
    }
    public void sort() {}
}`
        });
        const { tree } = parseApexFile(join(root, 'force-app/main/default/classes/R.cls'));
        assert.deepEqual(
            reservedNames(tree).map((r) => `${r.line}:${r.name}`),
            ['3:any', '4:number', '5:desc', '9:sort']
        );
    });
});

describe('Apex semantics (apex-ls report)', () => {
    const root = '/p';
    const at = (line, offset, category, message) => ({
        start: { line, offset },
        end: { line, offset },
        category,
        message
    });
    const catalog = { hasField: (o, f) => o === 'VoiceCall' && f === 'Description' };

    it('reads the Java major version of old and new version strings', () => {
        assert.equal(javaMajor('openjdk version "25.0.3" 2026-04-21 LTS'), 25);
        assert.equal(javaMajor('openjdk version "17.0.15" 2025-04-15'), 17);
        assert.equal(javaMajor('java version "1.8.0_401"'), 8);
        assert.equal(javaMajor('openjdk version "21" 2023-09-19'), 21);
        assert.equal(javaMajor('no java here'), null);
    });

    it('keeps real errors, and leaves out its own parser syntax errors and fields newer than its API 61 types', () => {
        const { diagnostics, newerThanTool } = semanticDiagnostics(
            {
                files: [
                    {
                        path: '/p/force-app/main/default/classes/A.cls',
                        messages: [
                            at(4, 11, 'Missing', "No variable or type found for 'label' on 'A'"),
                            at(9, 16, 'Missing', "No type declaration found for 'WITH'"),
                            at(9, 16, 'Syntax', "no viable alternative at input 'WITH USER_MODE'"),
                            at(12, 3, 'Missing', "Unknown field 'Description' on SObject 'Schema.VoiceCall'"),
                            at(13, 3, 'Missing', "Unknown field 'ParentVoiceCallId' on SObject 'Schema.VoiceCall'")
                        ]
                    }
                ]
            },
            root,
            catalog
        );
        assert.deepEqual(
            diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule} ${d.message}`),
            [
                "force-app/main/default/classes/A.cls:4:12 apex-semantic No variable or type found for 'label' on 'A' (apex-ls: Missing)",
                "force-app/main/default/classes/A.cls:13:4 apex-semantic Unknown field 'ParentVoiceCallId' on SObject 'Schema.VoiceCall' (apex-ls: Missing)"
            ]
        );
        assert.equal(newerThanTool, 1);
    });
});

describe('Flow references', () => {
    const flow = `<?xml version="1.0" encoding="UTF-8"?>
<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <formulas>
        <name>Summary</name>
        <dataType>String</dataType>
        <expression>{!$Record.Description} &amp; {!Get_Cases.Subjectt} &amp; {!$User.Phone} &amp; {!$Record.Owner:User.Name}</expression>
    </formulas>
    <loops>
        <name>Each_Case</name>
        <collectionReference>Get_Cases</collectionReference>
    </loops>
    <recordLookups>
        <name>Get_Cases</name>
        <filters>
            <field>ContactId</field>
            <operator>EqualTo</operator>
            <value><elementReference>$Record.RelatedRecordId</elementReference></value>
        </filters>
        <getFirstRecordOnly>false</getFirstRecordOnly>
        <object>Case</object>
        <storeOutputAutomatically>true</storeOutputAutomatically>
    </recordLookups>
    <start>
        <object>VoiceCall</object>
        <filters><field>CallTyp</field><operator>EqualTo</operator></filters>
    </start>
    <variables>
        <name>loopText</name>
        <dataType>String</dataType>
        <value><elementReference>Each_Case.Contact.Nam</elementReference></value>
    </variables>
</Flow>`;
    const root = project({ 'force-app/main/default/flows/F.flow-meta.xml': flow });

    it('types $Record, Get Records outputs and loop items, and checks their paths', () => {
        const model = loadSchemaModel(root);
        const { references } = collectFlowReferences(root, model);
        assert.ok(
            references.some((r) => r.object === 'Case' && r.path === 'Contact.Nam'),
            'loop item typed from its collection'
        );
        assert.ok(!references.some((r) => r.path === 'Owner'), 'polymorphic Owner:User form left to the platform');
        const { diagnostics } = checkReferences(root, model);
        const messages = diagnostics.map((d) => d.message);
        assert.equal(diagnostics.length, 3, messages.join('\n'));
        assert.ok(messages.some((m) => /Case has no field Subjectt/.test(m)));
        assert.ok(messages.some((m) => /VoiceCall has no field CallTyp. Did you mean CallType/.test(m)));
        assert.ok(messages.some((m) => /Contact \(Contact\) has no field Nam/.test(m)));
    });
});

describe('cross-file names', () => {
    const FLOW = `<?xml version="1.0" encoding="UTF-8"?>
<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <actionCalls><name>Plan</name><actionName>Planner</actionName><actionType>apex</actionType></actionCalls>
    <actionCalls><name>Helper_Call</name><actionName>Helper</actionName><actionType>apex</actionType></actionCalls>
    <actionCalls><name>Ghost_Call</name><actionName>Ghost</actionName><actionType>apex</actionType></actionCalls>
    <actionCalls><name>Packaged</name><actionName>ns__Remote</actionName><actionType>apex</actionType></actionCalls>
    <decisions><name>Check</name><rules><conditions>
        <leftValueReference>$Permission.Bypass</leftValueReference></conditions></rules>
        <rules><conditions><leftValueReference>$Permission.Nope</leftValueReference></conditions></rules></decisions>
    <start><object>VoiceCall</object></start>
</Flow>`;
    const TEST = (flow, record, element) => `<?xml version="1.0" encoding="UTF-8"?>
<FlowTest xmlns="http://soap.sforce.com/2006/04/metadata">
    <flowApiName>${flow}</flowApiName>
    <testPoints><elementApiName>Start</elementApiName><parameters><leftValueReference>$Record</leftValueReference>
        <value><sobjectValue>${record}</sobjectValue></value></parameters></testPoints>
    <testPoints><assertions><conditions><leftValueReference>${element}</leftValueReference></conditions>
        <conditions><leftValueReference>$Record.CallTyp</leftValueReference></conditions></assertions></testPoints>
</FlowTest>`;
    const root = project({
        'force-app/main/default/classes/Planner.cls':
            'public with sharing class Planner { @InvocableMethod public static void go() {} }',
        'force-app/main/default/classes/Helper.cls': 'public with sharing class Helper {}',
        'force-app/main/default/customPermissions/Bypass.customPermission-meta.xml': '<CustomPermission/>',
        'force-app/main/default/flows/Calls.flow-meta.xml': FLOW,
        'force-app/main/default/flowtests/Good.flowtest-meta.xml': TEST('Calls', '{"CallType":"Inbound"}', 'Plan'),
        'force-app/main/default/flowtests/Wrapped.flowtest-meta.xml': TEST(
            'Calls',
            '{"FromPhoneNumber":"+1 415\n   555"}',
            'Check'
        ),
        'force-app/main/default/flowtests/Typos.flowtest-meta.xml': TEST('Calls', '{"CallTyp":"x"}', 'Plam'),
        'force-app/main/default/flowtests/Orphan.flowtest-meta.xml': TEST('No_Flow', '{}', 'Plan'),
        'force-app/main/default/permissionsets/P.permissionset-meta.xml': `<PermissionSet xmlns="http://soap.sforce.com/2006/04/metadata">
    <classAccesses><apexClass>Planner</apexClass><enabled>true</enabled></classAccesses>
    <classAccesses><apexClass>Missing</apexClass><enabled>true</enabled></classAccesses>
    <customMetadataTypeAccesses><enabled>true</enabled><name>Nothing__mdt</name></customMetadataTypeAccesses>
    <customPermissions><enabled>true</enabled><name>Bypass</name></customPermissions>
    <customPermissions><enabled>true</enabled><name>Absent</name></customPermissions>
</PermissionSet>`,
        'data/plan.json': JSON.stringify([
            { sobject: 'Account', saveRefs: true, resolveRefs: false, files: ['Accounts.json'] },
            { sobject: 'Contact', saveRefs: false, resolveRefs: true, files: ['Contacts.json', 'Missing.json'] }
        ]),
        'data/Accounts.json': JSON.stringify({
            records: [{ attributes: { type: 'Account', referenceId: 'AcmeRef' }, Name: 'Acme', Phon: '1' }]
        }),
        'data/Contacts.json': JSON.stringify({
            records: [
                { attributes: { type: 'Contact', referenceId: 'AdaRef' }, LastName: 'Lovelace', AccountId: '@AcmeRef' },
                { attributes: { type: 'Contact', referenceId: 'BobRef' }, LastName: 'Bob', AccountId: '@GlobexRef' }
            ]
        })
    });

    it('reports every name that does not resolve, and nothing that does', () => {
        const { diagnostics } = checkReferences(root, loadSchemaModel(root));
        const found = diagnostics
            .map((d) => `${d.file.split('/').pop()} [${d.rule}] ${d.message.split(/[:(.]/)[0]}`)
            .sort();
        assert.deepEqual(
            found,
            [
                'Calls.flow-meta.xml [unknown-apex-class] Apex action Ghost',
                'Calls.flow-meta.xml [unknown-apex-class] Apex action Helper',
                'Calls.flow-meta.xml [unknown-custom-permission] $Permission',
                'Contacts.json [data-plan] Contact',
                'Orphan.flowtest-meta.xml [unknown-flow] flow test names flow No_Flow, which is not in the project',
                'P.permissionset-meta.xml [unknown-apex-class] permission set grants Apex class Missing, which is not in the project',
                'P.permissionset-meta.xml [unknown-custom-permission] permission set grants custom permission Absent, which is not in the project ',
                'P.permissionset-meta.xml [unknown-object] permission set grants custom metadata type Nothing__mdt, which is not in the project',
                'Typos.flowtest-meta.xml [unknown-field] flow test record',
                'Typos.flowtest-meta.xml [unknown-flow-element] flow test asserts on Plam, which is not an element or resource of flow Calls',
                'Typos.flowtest-meta.xml [unknown-field] flow test assertion',
                'Good.flowtest-meta.xml [unknown-field] flow test assertion',
                'Wrapped.flowtest-meta.xml [flowtest-json] sobjectValue is not JSON ',
                'Wrapped.flowtest-meta.xml [unknown-field] flow test assertion',
                'plan.json [data-plan] data plan names Missing',
                'Accounts.json [unknown-field] data record'
            ].sort()
        );
    });
});

describe('project configuration', () => {
    it('accepts the repository scratch definition, with its documented Voice feature quantity', () => {
        const { diagnostics, checked } = validateProjectConfig(toolRoot);
        assert.deepEqual(diagnostics, []);
        assert.ok(checked >= 2);
    });

    it('rejects a Voice feature without quantity, a listed feature in the wrong form and an unknown edition', () => {
        const root = project({});
        mkdirSync(join(root, 'config'));
        writeFileSync(
            join(root, 'config', 'project-scratch-def.json'),
            JSON.stringify(
                {
                    edition: 'Devloper',
                    features: [
                        'ServiceCloudVoicePartnerTelephony',
                        'ServiceCloudVoicePartnerTelephony:51',
                        'AddCustomApps',
                        'authorapex',
                        'Nope'
                    ]
                },
                null,
                2
            )
        );
        const found = validateProjectConfig(root).diagnostics;
        const errors = found.filter((d) => d.severity !== 'warning').map((d) => d.message);
        assert.equal(errors.length, 4, errors.join('\n'));
        assert.ok(errors.some((m) => /^"ServiceCloudVoicePartnerTelephony": .*needs a quantity/.test(m)));
        assert.ok(errors.some((m) => /"ServiceCloudVoicePartnerTelephony:51"/.test(m)));
        assert.ok(errors.some((m) => /"AddCustomApps" does not match its form/.test(m)));
        assert.ok(errors.some((m) => /\/edition/.test(m)));
        // features are not case-sensitive; a name the schema's partial list lacks is a warning that says why
        const warnings = found.filter((d) => d.severity === 'warning').map((d) => d.message);
        assert.equal(warnings.length, 1, warnings.join('\n'));
        assert.match(warnings[0], /"Nope" is not in the @salesforce\/schemas list[\s\S]*not certain/);
    });
});

describe('test-only files', () => {
    it("reads jest's moduleNameMapper and setup files as text, without running the config", () => {
        const root = project({
            'jest.config.js': `throw new Error('never run');
module.exports = {
    moduleNameMapper: {
        '^lightning/navigation$': '<rootDir>/force-app/test/jest-mocks/lightning/navigation',
        "^lightning/(toast|modal)$": "<rootDir>/force-app/test/stubs/$1/$1",
        '^c/(.*)$': '<rootDir>/$1'
    },
    setupFilesAfterEnv: ['<rootDir>/force-app/test/setup.js']
};`
        });
        const testOnly = jestTestOnly(root);
        const at = (p) => testOnly(join(root, p));
        assert.ok(at('force-app/test/jest-mocks/lightning/navigation.js'));
        assert.ok(at('force-app/test/stubs/toast/toast.js'));
        assert.ok(at('force-app/test/setup.js'));
        // not the neighbours, and a mapping to the whole project hides nothing
        assert.ok(!at('force-app/test/jest-mocks/lightning/navigationHelper.js'));
        assert.ok(!at('force-app/test/jest-mocks/other.js'));
        assert.ok(!at('force-app/main/default/classes/A.cls'));
    });
});

describe("apex-ls's misreads", () => {
    it('downgrades its findings in a member where its older parser failed, and only there', () => {
        const root = project({
            'force-app/main/default/classes/M.cls': [
                'public class M {',
                '    Integer pick(SObject r) {',
                '        Integer n;',
                '        switch on r {',
                '            when Schema.Contact c {',
                '                n = 2;',
                '            }',
                '        }',
                '        return n;',
                '    }',
                '    Integer other() {',
                '        return nope;',
                '    }',
                '}'
            ].join('\n')
        });
        const path = join(root, 'force-app/main/default/classes/M.cls');
        const at = (line, category, message) => ({ start: { line, offset: 8 }, category, message });
        const report = {
            files: [
                {
                    path,
                    messages: [
                        at(5, 'Syntax', "mismatched input '.' expecting {'{', ','}"),
                        at(6, 'Error', 'Expected return statement'),
                        at(12, 'Error', 'No variable or field found for name: nope')
                    ]
                }
            ]
        };
        const { diagnostics } = semanticDiagnostics(report, root, { hasField: () => false });
        assert.deepEqual(
            diagnostics.map((d) => [d.line, d.severity ?? 'error']),
            [
                [6, 'warning'],
                [12, 'error']
            ]
        );
        assert.match(diagnostics[0].message, /older parser failed on line 5/);
    });
});

describe('XML helpers', () => {
    it('blanks targetConfigs without moving later lines', () => {
        const text =
            '<a>\n<targetConfigs>\n<targetConfig targets="x">\n</targetConfig>\n</targetConfigs>\n<targets/>\n</a>';
        const blanked = blankTargetConfigs(text);
        assert.equal(blanked.split('\n').length, text.split('\n').length);
        assert.ok(!blanked.includes('targetConfig'));
        assert.equal(blanked.split('\n')[5], '<targets/>');
    });

    it('maps xmllint output back to the real file and drops namespace noise', () => {
        const out =
            "/tmp/x/0.js-meta.xml:4: element apiVersion: Schemas validity error : Element '{http://soap.sforce.com/2006/04/metadata}apiVersion': This element is not expected.\n/tmp/x/0.js-meta.xml fails to validate";
        const [d] = parseXmllintOutput(out, new Map([['/tmp/x/0.js-meta.xml', '/p/force-app/a.js-meta.xml']]), '/p');
        assert.deepEqual(d, {
            file: 'force-app/a.js-meta.xml',
            line: 4,
            message: "Element 'apiVersion': This element is not expected.",
            rule: 'metadata-xsd'
        });
    });
});

describe('WSDL to XSD', () => {
    const wsdl = `<?xml version="1.0" encoding="UTF-8"?>
<definitions targetNamespace="urn:m" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:tns="urn:m">
 <types>
  <xsd:schema elementFormDefault="qualified" targetNamespace="urn:m">
   <xsd:complexType name="Metadata"><xsd:sequence><xsd:element name="fullName" minOccurs="0" type="xsd:string"/></xsd:sequence></xsd:complexType>
   <xsd:complexType name="Flow"><xsd:complexContent><xsd:extension base="tns:Metadata"><xsd:sequence><xsd:element name="label" type="xsd:string"/></xsd:sequence></xsd:extension></xsd:complexContent></xsd:complexType>
   <xsd:complexType name="Settings"><xsd:complexContent><xsd:extension base="tns:Metadata"/></xsd:complexContent></xsd:complexType>
   <xsd:complexType name="OmniChannelSettings"><xsd:complexContent><xsd:extension base="tns:Settings"/></xsd:complexContent></xsd:complexType>
   <xsd:complexType name="FlowNode"><xsd:sequence/></xsd:complexType>
   <xsd:element name="Flow" type="tns:Flow"/>
  </xsd:schema>
 </types>
</definitions>`;

    it('adds a global element for every Metadata type, transitively, once', () => {
        const { xsd, added, metadataTypes } = wsdlToXsd(wsdl);
        assert.equal(metadataTypes, 3);
        assert.equal(added, 2, 'Flow already had its element');
        assert.match(xsd, /<xsd:schema xmlns:xsd="http:\/\/www.w3.org\/2001\/XMLSchema" xmlns:tns="urn:m"/);
        assert.match(xsd, /<xsd:element name="OmniChannelSettings" type="tns:OmniChannelSettings"\/>/);
        assert.doesNotMatch(xsd, /name="FlowNode" type="tns:FlowNode"/);
    });

    it('says what is wrong with a file that is not a WSDL', () => {
        assert.throws(() => wsdlToXsd('<nope/>'), /not a WSDL/);
    });

    const shipped = resolve(toolRoot, '..', 'shared', 'schemas', 'salesforce-metadata-api-66.0.wsdl');
    it(
        'reproduces the global elements of the shared 66.0 schema',
        { skip: existsSync(shipped) ? false : 'no ../shared/schemas here' },
        () => {
            const { xsd } = wsdlToXsd(readFileSync(shipped, 'utf8'));
            const globals = (text) => new Set(text.match(/<xsd:element name="\w+" type="tns:\w+"\/>/g));
            const expected = globals(readFileSync(shipped.replace(/\.wsdl$/, '.xsd'), 'utf8'));
            assert.deepEqual(globals(xsd), expected);
        }
    );
});

describe('small helpers', () => {
    it('formats diagnostics as file:line:col  severity  message  [rule]', () => {
        assert.equal(
            formatDiagnostic({ file: 'a.cls', line: 3, column: 7, message: 'bad', rule: 'r' }),
            'a.cls:3:7  error  bad  [r]'
        );
        assert.equal(
            formatDiagnostic({ file: '', message: 'global', severity: 'warning' }),
            '(project)  warning  global'
        );
        assert.deepEqual(positionAt('ab\ncd', 4), { line: 2, column: 2 });
    });

    it('marks generated JavaScript so orphans can be found', () => {
        const header = generatedHeader('/x/callModel.ts');
        assert.match(header, /Generated from callModel\.ts/);
        assert.ok(isGeneratedText(`${header}export {};`));
        assert.ok(!isGeneratedText('// hand written'));
    });
});

describe('catalog import', () => {
    it('turns an sf describe into a catalog entry and writes it', async () => {
        const { importDescribes, objectFromDescribe } = await import('@switchboard/catalog/import-describe.mjs');
        const describe = {
            status: 0,
            result: {
                name: 'AgentWork',
                fields: [
                    {
                        name: 'WorkItemId',
                        type: 'reference',
                        referenceTo: ['Case', 'VoiceCall'],
                        relationshipName: 'WorkItem',
                        createable: true,
                        updateable: false
                    },
                    { name: 'Status', type: 'picklist', createable: false, updateable: false }
                ],
                childRelationships: [{ childSObject: 'AgentWorkSkill', relationshipName: 'AgentWorkSkills' }]
            }
        };
        const { name, entry } = objectFromDescribe(describe);
        assert.equal(name, 'AgentWork');
        assert.deepEqual(entry.fields.WorkItemId, {
            type: 'reference',
            referenceTo: ['Case', 'VoiceCall'],
            relationshipName: 'WorkItem',
            createable: true,
            updateable: false
        });
        assert.throws(() => objectFromDescribe({ nope: 1 }), /not a describe result/);

        const dir = mkdtempSync(join(tmpdir(), 'gate-catalog-'));
        created.push(dir);
        const catalogFile = join(dir, 'catalog.json');
        writeFileSync(catalogFile, readFileSync(CATALOG_FILE, 'utf8'));
        writeFileSync(join(dir, 'aw.json'), JSON.stringify(describe));
        assert.deepEqual(await importDescribes([join(dir, 'aw.json')], catalogFile), ['AgentWork (2 fields)']);
        assert.equal(JSON.parse(readFileSync(catalogFile, 'utf8')).objects.AgentWork.source, 'describe');
    });
});

describe('analyzer runtime probe retry', () => {
    it("retries only the engines' racy runtime probe, at most three times", async () => {
        const { withRuntimeProbeRetry } = await import('../steps/analyze.mjs');
        const race = [
            { file: '', message: '[core] engine error: Could not locate Java v11.0.0+.', rule: 'engine-error' }
        ];
        const clean = [{ file: 'a.cls', message: 'sev3 something', rule: 'pmd:X', severity: 'warning' }];
        let calls = 0;
        assert.deepEqual(await withRuntimeProbeRetry(async () => (++calls < 3 ? race : clean)), clean);
        assert.equal(calls, 3);
        calls = 0;
        assert.deepEqual(await withRuntimeProbeRetry(async () => (++calls, race)), race);
        assert.equal(calls, 3, 'gives up after three attempts and reports the error');
        calls = 0;
        const real = [{ file: '', message: '[pmd] engine error: Syntax error at 4:8', rule: 'engine-error' }];
        assert.deepEqual(await withRuntimeProbeRetry(async () => (++calls, real)), real);
        assert.equal(calls, 1, 'real engine errors are not retried');
    });
});
