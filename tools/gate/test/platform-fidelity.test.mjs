// Platform fidelity (issue 14): every check passes on this project and on the fixture, and each fails on its own planted
// fault, at the file of the fault and with its own rule, and reports nothing else.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { plantedFixtures } from './support/planted-fixture.mjs';
import { RULES, checkPlatformFidelity } from '../lib/platform-fidelity.mjs';

const here = import.meta.dirname;
const projectRoot = resolve(here, '..', '..', '..');
const fixture = join(here, 'fixtures', 'platform-fidelity');
const D = 'force-app/main/default';
const FLOW = `${D}/flows/Route_Calls.flow-meta.xml`;
const { planted, edit } = plantedFixtures(fixture, 'platform-fidelity');

const FAULTS = [
    {
        name: 'a flow without a screen pop',
        rule: RULES.screenPop,
        file: FLOW,
        plant: (root) => {
            const path = join(root, FLOW);
            const text = readFileSync(path, 'utf8');
            const start = text.indexOf('    <actionCalls>');
            const end = text.indexOf('</actionCalls>', start) + '</actionCalls>\n'.length;
            writeFileSync(
                path,
                (text.slice(0, start) + text.slice(end))
                    .replace(
                        '<targetReference>Add_Screen_Pop</targetReference>',
                        '<targetReference>Route_Call</targetReference>'
                    )
                    .replace(/\s*<inputParameters>\s*<name>psrInteractionInfo<\/name>[\s\S]*?<\/inputParameters>/, '')
            );
        }
    },
    {
        name: 'a screen pop whose pops have no target',
        rule: RULES.screenPop,
        file: FLOW,
        plant: (root) => edit(root, FLOW, '"targetObjectId":"{!callId}",', '')
    },
    {
        name: 'Route Work that does not receive the screen pops',
        rule: RULES.screenPop,
        file: FLOW,
        plant: (root) =>
            edit(root, FLOW, 'Add_Screen_Pop.routingInteractionInfoList', 'Somewhere_Else.routingInteractionInfoList')
    },
    {
        name: 'Route Work version 1',
        rule: RULES.routeWork,
        file: FLOW,
        plant: (root) => edit(root, FLOW, '<versionString>2.0.0</versionString>', '')
    },
    {
        name: 'the phone channel by Id instead of setupReference',
        rule: RULES.routeWork,
        file: FLOW,
        plant: (root) =>
            edit(
                root,
                FLOW,
                '<setupReference>sfdc_phone</setupReference>\n                <setupReferenceType>ServiceChannel</setupReferenceType>',
                '<stringValue>0N9000000000001</stringValue>'
            )
    },
    {
        name: 'the call id from input_record.Id alone',
        rule: RULES.recordId,
        file: FLOW,
        plant: (root) =>
            edit(
                root,
                FLOW,
                '<elementReference>callId</elementReference>',
                '<elementReference>input_record.Id</elementReference>'
            )
    },
    {
        name: 'a routing setting naming a queue that is not shipped',
        rule: RULES.queues,
        file: `${D}/customMetadata/Call_Routing_Setting.Default.md-meta.xml`,
        plant: (root) => unlinkSync(join(root, D, 'queues', 'Fallback_Calls.queue-meta.xml'))
    },
    {
        name: 'a routing queue that does not support VoiceCall',
        rule: RULES.queues,
        file: `${D}/customMetadata/Call_Routing_Setting.Default.md-meta.xml`,
        plant: (root) =>
            edit(
                root,
                `${D}/queues/Inbound_Calls.queue-meta.xml`,
                '<sobjectType>VoiceCall</sobjectType>',
                '<sobjectType>Case</sobjectType>'
            )
    },
    {
        name: 'a vendor info without a bridge',
        rule: RULES.bridge,
        file: `${D}/ConversationVendorInformation/Vendor.ConversationVendorInformation-meta.xml`,
        plant: (root) =>
            edit(
                root,
                `${D}/ConversationVendorInformation/Vendor.ConversationVendorInformation-meta.xml`,
                '    <bridgeComponent>c:bridge</bridgeComponent>\n',
                ''
            )
    },
    {
        name: 'a vendor info naming a bridge the project lacks',
        rule: RULES.bridge,
        file: `${D}/ConversationVendorInformation/Vendor.ConversationVendorInformation-meta.xml`,
        plant: (root) =>
            edit(
                root,
                `${D}/ConversationVendorInformation/Vendor.ConversationVendorInformation-meta.xml`,
                'c:bridge',
                'c:lwcBridge'
            )
    },
    {
        name: 'a Contact phone field read without an access check',
        rule: RULES.phoneAccess,
        file: `${D}/classes/Callers.cls`,
        plant: (root) =>
            writeFileSync(
                join(root, D, 'classes', 'Callers.cls'),
                [
                    'public with sharing class Callers {',
                    '    public static List<Contact> find(String digits) {',
                    '        return [SELECT Id, Phone, HomePhone FROM Contact WHERE Phone = :digits WITH USER_MODE];',
                    '    }',
                    '}',
                    ''
                ].join('\n')
            )
    },
    {
        name: 'endCall with a participant type the Toolkit does not list',
        rule: RULES.endCall,
        file: `${D}/lwc/panel/panel.js`,
        plant: (root) => edit(root, `${D}/lwc/panel/panel.js`, "endCall('Third_Party')", "endCall('Customer')")
    }
];

describe('platform fidelity', () => {
    it('passes on this project', () => {
        assert.deepEqual(checkPlatformFidelity(projectRoot), []);
    });

    it('passes on the clean fixture', () => {
        assert.deepEqual(checkPlatformFidelity(fixture), []);
    });

    for (const fault of FAULTS) {
        it(`fails on ${fault.name}`, () => {
            const found = checkPlatformFidelity(planted(fault.plant));
            assert.ok(found.length > 0, 'the fault was not reported');
            for (const d of found) {
                assert.equal(d.rule, fault.rule, `unexpected finding: ${JSON.stringify(d)}`);
                assert.equal(d.file, fault.file, `reported at another file: ${JSON.stringify(d)}`);
                assert.ok(d.message.length > 20, 'the message says what to do');
            }
        });
    }
});
