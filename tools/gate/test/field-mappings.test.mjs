// Call Relation Field Mappings (issue 19): the check passes on this project and on the fixture, and fails on each
// planted fault (a mapping to a field that does not exist, to a read-only field, of the wrong type...) at the file of
// the fault, with its own rule, and reports nothing else.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { plantedFixtures } from './support/planted-fixture.mjs';
import { RULES, checkFieldMappings, fits } from '../lib/field-mappings.mjs';

const here = import.meta.dirname;
const projectRoot = resolve(here, '..', '..', '..');
const fixture = join(here, 'fixtures', 'field-mappings');
const D = 'force-app/main/default/customMetadata';
const mappingFile = (name) => `${D}/Call_Relation_Field_Mapping.${name}.md-meta.xml`;
const RULE_FILE = `${D}/Call_Relation_Rule.Visits.md-meta.xml`;
const { planted, edit } = plantedFixtures(fixture, 'field-mappings');
const value = (v) => `<value xsi:type="xsd:string">${v}</value>`;
/** The `<field>` of a record followed by its string value, to plant a fault in that one value. */
const pair = (field, v) => `<field>${field}</field>\n        ${value(v)}`;

const FAULTS = [
    {
        name: 'a mapping to a field that does not exist',
        rule: RULES.field,
        file: mappingFile('Visit_Date'),
        says: /Visit__c has no field Visit_Day__c\. Did you mean Visit_Date__c\?/,
        plant: (root) => edit(root, mappingFile('Visit_Date'), value('Visit_Date__c'), value('Visit_Day__c'))
    },
    {
        name: 'a mapping to a read-only (formula) field',
        rule: RULES.writable,
        file: mappingFile('Visit_Notes'),
        says: /Visit__c\.Days_Open__c cannot be written .*\(a formula field\)/,
        plant: (root) => edit(root, mappingFile('Visit_Notes'), value('Notes__c'), value('Days_Open__c'))
    },
    {
        name: 'a mapping to a system field',
        rule: RULES.writable,
        file: mappingFile('Visit_Date'),
        says: /CreatedDate cannot be written .*system field/,
        plant: (root) => edit(root, mappingFile('Visit_Date'), value('Visit_Date__c'), value('CreatedDate'))
    },
    {
        name: 'a source of the wrong type',
        rule: RULES.type,
        file: mappingFile('Visit_Date'),
        says: /Visit__c\.Visit_Date__c is a Date field and the caller field Account_Name does not fit it/,
        plant: (root) => {
            edit(
                root,
                mappingFile('Visit_Date'),
                pair('Source_Type__c', 'Call_Field'),
                pair('Source_Type__c', 'Caller_Field')
            );
            edit(root, mappingFile('Visit_Date'), value('CallStartDateTime'), value('Account_Name'));
        }
    },
    {
        name: 'a constant the restricted picklist does not have',
        rule: RULES.type,
        file: mappingFile('Visit_Status'),
        says: /"Closed" is not a value of the restricted picklist Visit__c\.Status__c \(Open, Done\)/,
        plant: (root) => edit(root, mappingFile('Visit_Status'), value('Open'), value('Closed'))
    },
    {
        name: 'a VoiceCall field that does not exist',
        rule: RULES.field,
        file: mappingFile('Visit_Date'),
        says: /VoiceCall has no field CallStartTime/,
        plant: (root) => edit(root, mappingFile('Visit_Date'), value('CallStartDateTime'), value('CallStartTime'))
    },
    {
        name: 'a call fact that does not exist',
        rule: RULES.field,
        file: mappingFile('Visit_Name'),
        says: /call fact "Weather" is not one of/,
        plant: (root) => edit(root, mappingFile('Visit_Name'), value('Subject'), value('Weather'))
    },
    {
        name: 'a mapping of a rule the project does not ship',
        rule: RULES.rule,
        file: mappingFile('Visit_Name'),
        says: /Rule Visitz is not a Call Relation Rule of this project/,
        plant: (root) => edit(root, mappingFile('Visit_Name'), value('Visits'), value('Visitz'))
    },
    {
        name: 'a mapping of a Case rule',
        rule: RULES.rule,
        file: mappingFile('Visit_Name'),
        says: /rule Cases is for Case.*mappings apply to rules for other objects only/,
        plant: (root) => edit(root, mappingFile('Visit_Name'), value('Visits'), value('Cases'))
    },
    {
        name: 'a rule whose Call Field is not a VoiceCall lookup to its object',
        rule: RULES.ruleField,
        file: RULE_FILE,
        says: /Call Field must name a VoiceCall lookup to Visit__c \(CallerId points at ConversationParticipant\)/,
        plant: (root) => edit(root, RULE_FILE, pair('Call_Field__c', 'Visit__c'), pair('Call_Field__c', 'CallerId'))
    },
    {
        name: 'a rule whose caller lookup is not a lookup to the caller',
        rule: RULES.ruleField,
        file: RULE_FILE,
        says: /Caller Lookup Field Visit__c\.Notes__c must be a lookup to Contact, Account or Lead/,
        plant: (root) => edit(root, RULE_FILE, value('Contact__c'), value('Notes__c'))
    }
];

describe('field mappings', () => {
    it('passes on this project', () => {
        assert.deepEqual(checkFieldMappings(projectRoot), []);
    });

    it('passes on the clean fixture', () => {
        assert.deepEqual(checkFieldMappings(fixture), []);
    });

    it('a rule for an object of no project is certainly wrong', () => {
        const found = checkFieldMappings(
            planted((root) => {
                edit(root, RULE_FILE, pair('Target_Object__c', 'Visit__c'), pair('Target_Object__c', 'Visitt__c'));
            })
        );
        assert.equal(found.length, 1, JSON.stringify(found));
        assert.equal(found[0].rule, RULES.object);
        assert.equal(found[0].severity, undefined, 'an error, not a warning');
        assert.match(found[0].message, /Target Object Visitt__c is not an object of this project/);
    });

    for (const fault of FAULTS) {
        it(`fails on ${fault.name}`, () => {
            const found = checkFieldMappings(planted(fault.plant));
            assert.ok(found.length > 0, 'the fault was not reported');
            for (const d of found) {
                assert.equal(d.rule, fault.rule, `unexpected finding: ${JSON.stringify(d)}`);
                assert.equal(d.file, fault.file, `reported at another file: ${JSON.stringify(d)}`);
                assert.equal(d.severity, undefined, `an error, not a warning: ${JSON.stringify(d)}`);
                assert.match(d.message, fault.says);
            }
        });
    }

    it('knows which sources fit which fields', () => {
        assert.ok(fits({ kind: 'text' }, { kind: 'datetime' }), 'text takes anything');
        assert.ok(fits({ kind: 'date' }, { kind: 'datetime' }), 'a date takes the day of a datetime');
        assert.ok(!fits({ kind: 'datetime' }, { kind: 'date' }));
        assert.ok(!fits({ kind: 'number' }, { kind: 'text' }));
        assert.ok(
            fits(
                { kind: 'reference', referenceTo: ['Contact'] },
                { kind: 'reference', referenceTo: ['Contact', 'Lead'] }
            )
        );
        assert.ok(!fits({ kind: 'reference', referenceTo: ['Contact'] }, { kind: 'reference', referenceTo: ['User'] }));
        assert.ok(!fits({ kind: 'boolean' }, { kind: 'number' }));
    });
});
