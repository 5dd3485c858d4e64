// The Apex and UI API stand-ins over the sample data and the emulator's VoiceCalls: VoiceExtensionController's three
// methods with their messages, CallerMatcher's precedence, the dispositions from the field's metadata, and what the
// page's `@salesforce/apex` and getRecord stand-ins get over HTTP.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as v from 'valibot';
import { ScenarioBodies } from '../src/api.js';
import { EventStream } from '../src/event-stream.js';
import { matchPhoneNumbers } from '../src/org/apex/caller-matcher.js';
import { loadDispositions, parsePicklistValues } from '../src/org/apex/voice-call-dispositions.js';
import type { CallerContext, WrapUpResult } from '../src/org/apex/voice-extension-controller.js';
import { KEY_PREFIXES, loadSampleData, sampleId, type SampleData } from '../src/org/sample-data.js';
import type { SalesforceOrg } from '../src/org/salesforce-org.js';
import { FORCE_APP_DIR, SAMPLE_DATA_DIR } from '../src/paths.js';
import { buildServer } from '../src/server.js';
import { UNKNOWN_NUMBER, knownCallers } from '../src/session.js';
import { createVoiceCall, startOrg, tempDir } from './org-helpers.js';

const dir = tempDir('apex');
let org: SalesforceOrg;
before(async () => {
    org = await startOrg(join(dir.path, 'records.sqlite'));
});
after(async () => {
    await org.close();
    dir.remove();
});

const apex = (method: string, params: unknown) => org.apex('VoiceExtensionController', method, params);
const sample = (): SampleData => loadSampleData(SAMPLE_DATA_DIR);
const idOf = (data: SampleData, referenceId: string) => data.records.find((r) => r.referenceId === referenceId)!.Id;

describe('sample data', () => {
    it('gives every record a stable Id with its key prefix and resolves references', () => {
        const data = sample();
        assert.equal(data.records.length, 18);
        for (const record of data.records) {
            assert.match(record.Id, /^[0-9A-Za-z]{18}$/);
            assert.ok(record.Id.startsWith(KEY_PREFIXES[record.objectApiName]), record.Id);
        }
        assert.deepEqual(
            data.records.map((r) => r.Id),
            sample().records.map((r) => r.Id),
            'the same Ids on every load'
        );
        const ada = data.byId.get(idOf(data, 'AdaRef'))!;
        assert.equal(ada.Id, sampleId('Contact', 1));
        assert.equal(ada.fields.Name, 'Ada Lovelace');
        assert.equal(ada.fields.AccountId, idOf(data, 'AcmeRef'));
        const firstCase = data.records.find((r) => r.objectApiName === 'Case')!;
        assert.equal(firstCase.fields.CaseNumber, '00001001');
        assert.equal(firstCase.fields.ContactId, ada.Id);
    });
});

describe('CallerMatcher', () => {
    it('matches numbers however they are written, and a Contact beats a Lead beats an Account', () => {
        const data = sample();
        const ada = matchPhoneNumbers(['+14155550100', 'tel:+1-415-555-0100', '415.555.0100 x12'], data, '1');
        for (const match of ada.values()) {
            assert.equal(match.name, 'Ada Lovelace');
            assert.equal(match.objectApiName, 'Contact');
            assert.equal(match.accountName, 'Acme Corporation');
            assert.equal(match.candidateCount, 1);
            assert.equal(match.normalizedNumber, '14155550100');
        }
        assert.equal(ada.size, 3);
        // The same number on a Lead and an Account as well: the Contact still wins; without it, the Lead.
        const lead = {
            Id: sampleId('Lead', 90),
            objectApiName: 'Lead' as const,
            referenceId: 'X',
            fields: { Name: 'L', Phone: '4155550100', IsConverted: false }
        };
        const account = {
            Id: sampleId('Account', 90),
            objectApiName: 'Account' as const,
            referenceId: 'Y',
            fields: { Name: 'A', Phone: '+1 415 555 0100' }
        };
        const crowded = { records: [...data.records, lead, account], byId: data.byId };
        assert.equal(matchPhoneNumbers(['+14155550100'], crowded, '1').get('+14155550100')?.objectApiName, 'Contact');
        const noContact = { records: [lead, account], byId: data.byId };
        assert.equal(matchPhoneNumbers(['+14155550100'], noContact, '1').get('+14155550100')?.recordId, lead.Id);
        const converted = {
            records: [{ ...lead, fields: { ...lead.fields, IsConverted: true } }, account],
            byId: data.byId
        };
        const onlyAccount = matchPhoneNumbers(['+14155550100'], converted, '1').get('+14155550100');
        assert.equal(onlyAccount?.objectApiName, 'Account');
        assert.equal(onlyAccount?.accountId, account.Id);
    });

    it('counts a shared line and picks the lowest Id; unknown and non-numbers match nothing', () => {
        const data = sample();
        const shared = matchPhoneNumbers(['212-555-0150'], data, '1').get('212-555-0150');
        assert.equal(shared?.candidateCount, 2);
        assert.equal(shared?.name, 'Sam Rivera');
        assert.equal(matchPhoneNumbers([UNKNOWN_NUMBER, 'not a number', null], data, '1').size, 0);
        assert.equal(matchPhoneNumbers(['+44 20 7946 0020'], data, '1').get('+44 20 7946 0020')?.name, 'Ivan Petrov');
    });

    it('the session lists every known caller, Ada first, and the unknown number is no one', () => {
        const callers = knownCallers(sample(), '1');
        assert.deepEqual(callers[0], { name: 'Ada Lovelace', phoneNumber: '+14155550100', objectApiName: 'Contact' });
        assert.ok(
            callers.some((c) => c.objectApiName === 'Lead') && callers.some((c) => c.objectApiName === 'Account')
        );
        // Every number is one the inbound scenario takes.
        for (const caller of [...callers, { phoneNumber: UNKNOWN_NUMBER }])
            assert.ok(v.is(ScenarioBodies.inbound, { from: caller.phoneNumber }), caller.phoneNumber);
        assert.ok(!callers.some((c) => c.phoneNumber === UNKNOWN_NUMBER));
    });
});

describe('VoiceExtensionController', () => {
    it('getCallerContext: a known caller by number, an unknown one, and the messages for bad input', () => {
        const known = apex('getCallerContext', { phoneNumber: '+14155550100' }) as CallerContext;
        assert.equal(known.voiceCallFound, false);
        assert.equal(known.match?.name, 'Ada Lovelace');
        assert.deepEqual(known.relatedRecordIds, [known.match?.recordId, known.match?.accountId]);
        const unknown = apex('getCallerContext', {
            vendorCallKey: 'no-such-call',
            phoneNumber: UNKNOWN_NUMBER
        }) as CallerContext;
        assert.equal(unknown.match, null);
        assert.equal(unknown.vendorCallKey, 'no-such-call');
        assert.deepEqual(unknown.relatedRecordIds, []);
        assert.throws(() => apex('getCallerContext', { vendorCallKey: '  ', phoneNumber: null }), {
            message: "Give the call's vendor call key or the caller's phone number."
        });
        assert.throws(() => apex('getCallerContext', { vendorCallKey: 'k'.repeat(256) }), {
            message: 'A vendor call key has at most 255 characters.'
        });
        assert.throws(() => apex('getCallerContext', { phoneNumber: 4155550100 }), {
            message: "Value provided is invalid for action parameter 'phoneNumber' of type 'String'"
        });
    });

    it('getCallerContext: finds the VoiceCall by vendorCallKey and matches its From number', async () => {
        const id = await createVoiceCall(org, 'call-known', '+1 (415) 555-0100');
        const context = apex('getCallerContext', { vendorCallKey: 'call-known' }) as CallerContext;
        assert.equal(context.voiceCallFound, true);
        assert.equal(context.voiceCallId, id);
        assert.equal(context.match?.objectApiName, 'Contact');
        assert.equal(context.match?.name, 'Ada Lovelace');
        assert.equal(context.disposition, null);
    });

    it('getDispositionOptions: the active values of Disposition__c, in the order of its metadata', () => {
        const options = apex('getDispositionOptions', {}) as { label: string; value: string }[];
        assert.deepEqual(options.slice(0, 3), [
            { label: 'Resolved', value: 'Resolved' },
            { label: 'Follow-up required', value: 'Follow_Up_Required' },
            { label: 'Escalated', value: 'Escalated' }
        ]);
        assert.equal(options.length, 8);
        assert.deepEqual(options, loadDispositions(FORCE_APP_DIR));
        assert.deepEqual(
            parsePicklistValues(
                '<valueSetDefinition><value><fullName>A&amp;B</fullName><label>A &amp; B</label></value>' +
                    '<value><fullName>Old</fullName><isActive>false</isActive><label>Old</label></value></valueSetDefinition>'
            ),
            [{ label: 'A & B', value: 'A&B' }]
        );
    });

    it('saveWrapUp: refuses what the Apex refuses, saves once, and the save is on the VoiceCall', async () => {
        const id = await createVoiceCall(org, 'call-wrap', '+14155550100');
        assert.throws(() => apex('saveWrapUp', { vendorCallKey: ' ', disposition: 'Resolved' }), {
            message: "The wrap-up needs the call's vendor call key."
        });
        assert.throws(() => apex('saveWrapUp', { vendorCallKey: 'call-wrap', disposition: 'Happy' }), {
            message:
                'Unknown disposition "Happy". Choose one of: Resolved, Follow_Up_Required, Escalated, Callback_Scheduled, Transferred, Voicemail_Left, No_Answer, Wrong_Number.'
        });
        assert.throws(() => apex('saveWrapUp', { vendorCallKey: 'call-wrap', notes: 'x'.repeat(32_005) }), {
            message: 'Notes are limited to 32000 characters; shorten them by 5.'
        });
        assert.throws(() => apex('saveWrapUp', { vendorCallKey: 'call-later', disposition: 'Resolved' }), {
            message:
                'No call record with vendor call key call-later is visible to you yet. The telephony system creates it; your notes are kept, try saving again in a moment.'
        });
        const saved = apex('saveWrapUp', {
            vendorCallKey: ' call-wrap ',
            disposition: ' Escalated ',
            notes: 'Needs a site visit'
        }) as WrapUpResult;
        assert.deepEqual(saved, {
            voiceCallId: id,
            disposition: 'Escalated',
            notes: 'Needs a site visit',
            changed: true
        });
        const again = apex('saveWrapUp', {
            vendorCallKey: 'call-wrap',
            disposition: 'Escalated',
            notes: 'Needs a site visit'
        });
        assert.equal((again as WrapUpResult).changed, false, 'saving twice is harmless');
        const record = org.records().voiceCalls.find((call) => call.id === id);
        assert.deepEqual(record?.wrapUp, { disposition: 'Escalated', notes: 'Needs a site visit' });
        const context = apex('getCallerContext', { vendorCallKey: 'call-wrap' }) as CallerContext;
        assert.equal(context.disposition, 'Escalated');
        assert.equal(context.notes, 'Needs a site visit');
    });
});

describe('over HTTP', () => {
    const server = () =>
        buildServer({
            org,
            session: () => {
                throw new Error('not in this test');
            },
            scenarios: {
                gatewayUrl: 'http://127.0.0.1:9',
                faults: org.emulator.faults,
                restartGateway: () => Promise.resolve(0),
                defaultCaller: '+14155550100',
                defaultAgentId: 'agent-ada'
            },
            stream: new EventStream({ current: () => [] }),
            distDir: join(dir.path, 'no-dist'),
            sldsAssetsDir: join(dir.path, 'no-slds')
        });

    it('answers Apex like Aura: the return value, or 400/404 with { body: { message } }', async () => {
        const app = server();
        const ok = await app.inject({
            method: 'POST',
            url: '/api/apex/VoiceExtensionController/getCallerContext',
            payload: { phoneNumber: '+14155550100' }
        });
        assert.equal(ok.statusCode, 200);
        assert.equal(ok.json<CallerContext>().match?.name, 'Ada Lovelace');
        const refused = await app.inject({
            method: 'POST',
            url: '/api/apex/VoiceExtensionController/saveWrapUp',
            payload: {}
        });
        assert.equal(refused.statusCode, 400);
        assert.deepEqual(refused.json(), { body: { message: "The wrap-up needs the call's vendor call key." } });
        const missing = await app.inject({
            method: 'POST',
            url: '/api/apex/VoiceExtensionController/deleteEverything',
            payload: {}
        });
        assert.equal(missing.statusCode, 404);
        assert.match(
            missing.json<{ body: { message: string } }>().body.message,
            /no @AuraEnabled method deleteEverything/
        );
        const noPage = await app.inject({ method: 'GET', url: '/' });
        assert.equal(noPage.statusCode, 503, 'no page built: says so');
        const badScenario = await app.inject({
            method: 'POST',
            url: '/api/scenarios/hangup',
            payload: { callid: 'x' }
        });
        assert.equal(badScenario.statusCode, 400);
        assert.match(badScenario.json<{ errors: string[] }>().errors.join('\n'), /\$\.callid: unknown field/);
        const unreachable = await app.inject({
            method: 'POST',
            url: '/api/scenarios/hangup',
            payload: { callId: 'x' }
        });
        assert.equal(unreachable.statusCode, 503);
        assert.match(unreachable.json<{ message: string }>().message, /gateway is not answering/);
        assert.equal((await app.inject({ method: 'POST', url: '/api/scenarios/nap', payload: {} })).statusCode, 404);
        await app.close();
    });

    it('answers the UI API for VoiceCalls and sample records, 404 for anything else', async () => {
        const app = server();
        const id = await createVoiceCall(org, 'call-ui', '+14155550100');
        org.apex('VoiceExtensionController', 'saveWrapUp', { vendorCallKey: 'call-ui', disposition: 'No_Answer' });
        const call = await app.inject({
            method: 'GET',
            url: `/api/ui-api/records/${id}?optionalFields=VoiceCall.VendorCallKey`
        });
        assert.equal(call.statusCode, 200);
        assert.deepEqual(call.json(), {
            id,
            apiName: 'VoiceCall',
            fields: { VendorCallKey: { value: 'call-ui', displayValue: null } }
        });
        const all = await app.inject({ method: 'GET', url: `/api/ui-api/records/${id}` });
        const fields = all.json<{ fields: Record<string, { value: unknown; displayValue: unknown }> }>().fields;
        assert.deepEqual(fields.Disposition__c, { value: 'No_Answer', displayValue: 'No answer' });
        assert.equal(fields.FromPhoneNumber?.value, '+14155550100');
        const ada = sampleId('Contact', 1);
        const contact = await app.inject({
            method: 'GET',
            url: `/api/ui-api/records/${ada}?fields=Contact.Name&optionalFields=VoiceCall.VendorCallKey,Contact.Phone`
        });
        assert.deepEqual(contact.json(), {
            id: ada,
            apiName: 'Contact',
            fields: {
                Name: { value: 'Ada Lovelace', displayValue: null },
                Phone: { value: '(415) 555-0100', displayValue: null }
            }
        });
        const wrongField = await app.inject({ method: 'GET', url: `/api/ui-api/records/${ada}?fields=Contact.Shoe` });
        assert.equal(wrongField.statusCode, 400);
        const none = await app.inject({ method: 'GET', url: '/api/ui-api/records/001000000000000AAA' });
        assert.equal(none.statusCode, 404);
        assert.deepEqual(none.json(), { body: { message: 'The requested resource does not exist' } });
        await app.close();
    });
});
