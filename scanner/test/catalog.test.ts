import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CALL_CENTER_ITEMS } from '../src/catalog/call-center.js';
import { ACTIONS, atLeast, worse } from '../src/catalog/mapping.js';
import { ENUMS, METHODS, methodAt, methodsOf } from '../src/catalog/open-cti.js';
import { mapSaveLogField, objectCatalogFrom } from '../src/catalog/save-log-fields.js';
import { catalog } from './helpers.js';

// voice-platform.md §9.1-9.3, copied by hand: the catalog must list exactly these.
const LIGHTNING = [
    'disableClickToDial',
    'enableClickToDial',
    'getAppViewInfo',
    'getCallCenterSettings',
    'getSoftphoneLayout',
    'isSoftphonePanelVisible',
    'notifyInitializationComplete',
    'onClickToDial',
    'onNavigationChange',
    'refreshView',
    'runApex',
    'saveLog',
    'screenPop',
    'searchAndScreenPop',
    'setSoftphoneItemIcon',
    'setSoftphoneItemLabel',
    'setSoftphonePanelHeight',
    'setSoftphonePanelIcon',
    'setSoftphonePanelLabel',
    'setSoftphonePanelVisibility',
    'setSoftphonePanelWidth',
    'subscribe',
    'publish',
    'unsubscribe'
];
const CLASSIC = {
    'sforce.interaction': [
        'getPageInfo',
        'isInConsole',
        'isVisible',
        'setVisible',
        'onFocus',
        'refreshPage',
        'refreshRelatedList',
        'runApex',
        'saveLog',
        'screenPop',
        'searchAndGetScreenPopUrl',
        'searchAndScreenPop'
    ],
    'sforce.interaction.cti': [
        'disableClickToDial',
        'enableClickToDial',
        'onClickToDial',
        'getCallCenterSettings',
        'getSoftphoneLayout',
        'getDirectoryNumbers',
        'notifyInitializationComplete',
        'setSoftphoneHeight',
        'setSoftphoneWidth'
    ],
    'sforce.interaction.entityFeed': ['onObjectUpdate', 'refreshObject', 'reloadFrame']
} as const;

describe('Open CTI catalog', () => {
    it('lists exactly the documented Lightning methods', () => {
        assert.deepEqual(
            methodsOf('sforce.opencti')
                .map((m) => m.name)
                .sort(),
            [...LIGHTNING].sort()
        );
        assert.deepEqual(
            methodsOf('sforce.opencti.hvs')
                .map((m) => m.name)
                .sort(),
            ['completeWork', 'onWorkStart']
        );
    });
    it('lists exactly the documented Classic methods', () => {
        for (const [ns, names] of Object.entries(CLASSIC)) {
            assert.deepEqual(
                methodsOf(ns as keyof typeof CLASSIC)
                    .map((m) => m.name)
                    .sort(),
                [...names].sort(),
                ns
            );
        }
    });
    it('gives every member an action, a replacement and argument keys for Lightning', () => {
        for (const m of METHODS) {
            assert.ok(ACTIONS.includes(m.mapping.action), `${m.name} action`);
            assert.ok(m.mapping.replacement.length > 10, `${m.name} replacement`);
            if (m.namespace.startsWith('sforce.opencti'))
                assert.ok(m.keys?.allowed.includes('callback') || m.keys?.allowed.includes('listener'));
        }
    });
    it('follows the matrix for the rows it names', () => {
        assert.equal(methodAt('sforce.opencti.saveLog')?.mapping.action, 'eliminate');
        assert.equal(methodAt('sforce.opencti.screenPop')?.mapping.action, 'eliminate');
        assert.equal(methodAt('sforce.opencti.searchAndScreenPop')?.mapping.action, 'migrate');
        assert.equal(methodAt('sforce.opencti.runApex')?.mapping.action, 'replace');
        assert.equal(methodAt('sforce.opencti.enableClickToDial')?.mapping.action, 'eliminate');
        assert.equal(methodAt('sforce.opencti.refreshView')?.mapping.action, 'migrate');
        assert.equal(methodAt('sforce.opencti.setSoftphonePanelHeight')?.mapping.basis, 'matrix');
        assert.equal(methodAt('sforce.opencti.onClickToDial')?.mapping.components[0]?.name, 'connector dial(contact)');
    });
    it('maps Classic methods to the same target as their Lightning counterpart', () => {
        for (const m of METHODS.filter((x) => x.lightningCounterpart)) {
            const lightning = methodAt(`sforce.opencti.${m.lightningCounterpart}`);
            assert.ok(lightning, `${m.name} -> ${m.lightningCounterpart} exists`);
            assert.equal(m.mapping.action, lightning.mapping.action, m.name);
        }
    });
    it('knows the enum values', () => {
        assert.deepEqual(ENUMS.CALL_TYPE, ['INBOUND', 'OUTBOUND', 'INTERNAL']);
        assert.ok(ENUMS.SCREENPOP_TYPE.includes('FLOW'));
    });
    it('orders severities', () => {
        assert.equal(worse('note', 'error'), 'error');
        assert.equal(worse('warning', 'note'), 'warning');
        assert.ok(atLeast('error', 'warning'));
        assert.ok(!atLeast('note', 'warning'));
    });
    it('checks call-center values', () => {
        assert.equal(
            CALL_CENTER_ITEMS.reqSalesforceCompatibilityMode?.check?.('Classic')?.rule,
            'call-center-classic-only'
        );
        assert.equal(CALL_CENTER_ITEMS.reqSalesforceCompatibilityMode?.check?.('Lightning'), undefined);
        assert.equal(CALL_CENTER_ITEMS.reqAdapterUrl?.check?.('http://x')?.severity, 'warning');
        assert.equal(CALL_CENTER_ITEMS.reqAdapterUrl?.check?.('/apex/Softphone'), undefined);
    });
});

describe('saveLog fields to VoiceCall', () => {
    it('reads VoiceCall fields from the gate catalog (one source of truth)', () => {
        assert.equal(catalog.voiceCall.Description?.updateable, true);
        assert.equal(catalog.voiceCall.CallDurationInSeconds?.updateable, false);
    });
    it('maps Task fields to real VoiceCall fields with their flags', () => {
        const m = mapSaveLogField('CallDurationInSeconds', 'Task', catalog);
        assert.deepEqual(
            [m.kind, m.target, m.createable, m.updateable],
            ['voicecall-field', 'CallDurationInSeconds', true, false]
        );
        assert.equal(mapSaveLogField('Description', undefined, catalog).updateable, true);
        assert.equal(mapSaveLogField('CallObject', 'Task', catalog).target, 'VendorCallKey');
        assert.equal(mapSaveLogField('CallDisposition', 'Task', catalog).target, 'CallResolution');
        assert.equal(mapSaveLogField('WhatId', 'Task', catalog).target, 'RelatedRecordId');
    });
    it('sends custom and unknown fields to a custom field the admin must add', () => {
        assert.deepEqual(
            [mapSaveLogField('Reason__c', 'Task', catalog).kind, mapSaveLogField('Reason__c', 'Task', catalog).target],
            ['custom-field', 'Reason__c']
        );
        const unknown = mapSaveLogField('Mood', 'Task', catalog);
        assert.deepEqual([unknown.kind, unknown.target], ['custom-field', 'Mood__c']);
        assert.equal(mapSaveLogField('Subject', 'Task', catalog).kind, 'custom-field');
    });
    it('marks record keys and Task bookkeeping', () => {
        assert.equal(mapSaveLogField('entityApiName', undefined, catalog).kind, 'record-key');
        assert.equal(mapSaveLogField('Id', undefined, catalog).kind, 'record-key');
        assert.equal(mapSaveLogField('Status', 'Task', catalog).kind, 'not-needed');
    });
    it('explains known VoiceCall mistakes when saveLog targets VoiceCall', () => {
        const m = mapSaveLogField('ParentVoiceCallId', 'VoiceCall', catalog);
        assert.equal(m.kind, 'custom-field');
        assert.match(m.note, /PreviousCallId/);
        assert.equal(mapSaveLogField('QualityScore', 'VoiceCall', catalog).kind, 'voicecall-field');
        assert.equal(mapSaveLogField('IvrDuration', 'Task', catalog).target, 'IvrDuration');
    });
    it('every suggested VoiceCall target exists in the catalog', () => {
        for (const f of [
            'CallDurationInSeconds',
            'CallType',
            'CallObject',
            'CallDisposition',
            'Description',
            'WhoId',
            'WhatId',
            'AccountId',
            'OwnerId',
            'ActivityDate',
            'CompletedDateTime',
            'RecordTypeId'
        ]) {
            const m = mapSaveLogField(f, 'Task', catalog);
            assert.equal(m.kind, 'voicecall-field', f);
            assert.ok(m.target && catalog.voiceCall[m.target], `${f} -> ${m.target}`);
        }
    });
    it('rejects a file that is not the gate catalog', () => {
        assert.throws(() => objectCatalogFrom({ objects: {} }), /no VoiceCall/);
    });
});
