// Generated from scanner/src/catalog/save-log-fields.ts by `npm run build -w @switchboard/scanner`: do not edit.
// Maps the field names an adapter writes with saveLog (usually Task fields) to VoiceCall. The VoiceCall field list
// and its createable/updateable flags come from the standard-object catalog (@switchboard/catalog), which the gate
// checks with too, the single source of truth; this module only holds the Task -> VoiceCall suggestions, which are the scanner's design
// (documented in scanner/README.md, "saveLog fields").
/** Task (and common Event/Case-log) fields and their VoiceCall counterpart. */
const TASK_TO_VOICECALL = {
    CallDurationInSeconds: {
        target: 'CallDurationInSeconds',
        kind: 'voicecall-field',
        setBy: ['platform'],
        note: 'Computed by the platform at hang-up'
    },
    CallType: {
        target: 'CallType',
        kind: 'voicecall-field',
        setBy: ['platform', 'connector'],
        note: "From the connector's call type (Inbound, Outbound, InternalCall)"
    },
    CallObject: {
        target: 'VendorCallKey',
        kind: 'voicecall-field',
        setBy: ['gateway', 'connector'],
        note: "The vendor's call id: vendorCallKey on Create VoiceCall, or the connector's call id"
    },
    CallDisposition: {
        target: 'CallResolution',
        kind: 'voicecall-field',
        setBy: ['voice-extension', 'connector'],
        note: "The rep's outcome belongs in CallResolution (updatable picklist; values are org-defined). " +
            'VoiceCall.CallDisposition is the "Call Status" (new, in-progress, completed), not an outcome'
    },
    Description: {
        target: 'Description',
        kind: 'voicecall-field',
        setBy: ['voice-extension'],
        note: 'Rep summary; updatable through LDS from the Voice Extension'
    },
    WhoId: {
        target: 'RelatedRecordId',
        kind: 'voicecall-field',
        setBy: ['omni-flow', 'relation-flow'],
        note: 'Contact or Lead: RelatedRecordId (one record only; a second link needs a relation flow or lookup)'
    },
    WhatId: {
        target: 'RelatedRecordId',
        kind: 'voicecall-field',
        setBy: ['omni-flow', 'relation-flow'],
        note: 'Account, Case or Opportunity: RelatedRecordId, or a relation flow that links the record to the call'
    },
    AccountId: {
        target: 'RelatedRecordId',
        kind: 'voicecall-field',
        setBy: ['omni-flow', 'relation-flow'],
        note: 'Account: RelatedRecordId (one record only)'
    },
    OwnerId: {
        target: 'OwnerId',
        kind: 'voicecall-field',
        setBy: ['platform'],
        note: 'Set from the Omni-Channel assignment'
    },
    ActivityDate: {
        target: 'CallStartDateTime',
        kind: 'voicecall-field',
        setBy: ['platform'],
        note: 'Start and end times are filled by the platform'
    },
    CompletedDateTime: {
        target: 'CallEndDateTime',
        kind: 'voicecall-field',
        setBy: ['platform'],
        note: 'Start and end times are filled by the platform'
    },
    RecordTypeId: {
        target: 'RecordTypeId',
        kind: 'voicecall-field',
        setBy: ['gateway'],
        note: 'Only if VoiceCall record types are defined'
    },
    Subject: {
        kind: 'custom-field',
        target: 'Subject__c',
        setBy: ['gateway', 'voice-extension'],
        note: 'VoiceCall has no subject (Name is an auto-number); add a custom field if reports need it'
    },
    Status: { kind: 'not-needed', note: 'Task lifecycle; a VoiceCall has no task status' },
    Priority: { kind: 'not-needed', note: 'Task lifecycle; a VoiceCall has no priority' },
    IsClosed: { kind: 'not-needed', note: 'Task lifecycle; a VoiceCall has no task status' },
    IsReminderSet: { kind: 'not-needed', note: 'Task reminders do not apply to VoiceCall' },
    ReminderDateTime: { kind: 'not-needed', note: 'Task reminders do not apply to VoiceCall' },
    Type: { kind: 'not-needed', note: 'Activity type; a VoiceCall is always a call' },
    TaskSubtype: { kind: 'not-needed', note: 'Activity subtype; a VoiceCall is always a call' }
};
/** Keys that select the record rather than carry data (Lightning saveLog value object). */
const RECORD_KEYS = {
    entityApiName: 'Selects the object saveLog creates; VoiceCall records are created by the platform or gateway',
    Id: 'Selects the record saveLog updates; the VoiceCall exists already, keyed by VendorCallKey'
};
const CUSTOM_SUFFIX = /__c$/;
/**
 * Maps one saveLog value key to VoiceCall.
 * @param entity the target object when the code names it (`entityApiName`, or the Classic first argument)
 */
export function mapSaveLogField(field, entity, catalog) {
    const recordKey = RECORD_KEYS[field];
    if (recordKey !== undefined)
        return { source: field, kind: 'record-key', note: recordKey };
    const standard = (target, setBy, note) => {
        const info = catalog.voiceCall[target] ?? {};
        return {
            source: field,
            kind: 'voicecall-field',
            target,
            setBy,
            createable: info.createable === true,
            updateable: info.updateable === true,
            note
        };
    };
    const custom = (target, note, setBy = ['gateway', 'voice-extension']) => ({
        source: field,
        kind: 'custom-field',
        target,
        setBy,
        note
    });
    if (CUSTOM_SUFFIX.test(field)) {
        return custom(field, 'Custom field the admin must add on VoiceCall; the gateway sets it through callAttributes, the Voice Extension through LDS');
    }
    if (entity === 'VoiceCall') {
        const mistake = catalog.knownMistakes[`VoiceCall.${field}`];
        if (mistake !== undefined)
            return custom(`${field}__c`, `Not a VoiceCall field: ${mistake}`);
        if (catalog.voiceCall[field])
            return standard(field, ['gateway'], 'Standard VoiceCall field');
    }
    const suggestion = TASK_TO_VOICECALL[field];
    if (suggestion) {
        if (suggestion.kind === 'voicecall-field' && suggestion.target && catalog.voiceCall[suggestion.target]) {
            return standard(suggestion.target, suggestion.setBy ?? [], suggestion.note);
        }
        if (suggestion.kind === 'custom-field' && suggestion.target) {
            return custom(suggestion.target, suggestion.note, suggestion.setBy);
        }
        return { source: field, kind: 'not-needed', note: suggestion.note };
    }
    if (catalog.voiceCall[field]) {
        return standard(field, ['gateway'], 'VoiceCall has a field of the same name');
    }
    const where = catalog.task[field] ? 'Task field' : 'Field';
    return custom(`${field}__c`, `${where} with no VoiceCall counterpart: custom field the admin must add on VoiceCall`);
}
/** Builds the catalog from the gate's standard-objects.json content. */
export function objectCatalogFrom(json) {
    const root = json;
    const voiceCall = root.objects?.VoiceCall?.fields;
    const task = root.objects?.Task?.fields;
    if (!voiceCall || !task) {
        throw new Error('standard-objects.json has no VoiceCall or Task fields: is it the gate catalog?');
    }
    return { voiceCall, task, knownMistakes: root.knownMistakes ?? {} };
}
