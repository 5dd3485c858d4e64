// The emulator's persistence hook: `onChange` hears every change to the records before the API answers, and
// `initial` puts kept records back, so a host (the workbench) can keep them across restarts.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { it } from 'node:test';
import { SignJWT } from 'jose';
import {
    createTelephonyApiEmulator,
    type EmulatorRecordChange,
    type EmulatorRecords,
    type TelephonyApiEmulator
} from '../src/salesforce/emulator.js';

const ORG_ID = '00D000000000001EAA';
const CALL_CENTER = 'SwitchboardContactCenter';
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const publicKey = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();

const token = await new SignJWT({ iss: ORG_ID, sub: CALL_CENTER })
    .setProtectedHeader({ alg: 'RS256' })
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(keys.privateKey);

async function send(emulator: TelephonyApiEmulator, method: 'POST' | 'PATCH', path: string, body: unknown) {
    const response = await emulator.app.inject({
        method,
        url: `/telephony/v1${path}`,
        headers: {
            authorization: `Bearer ${token}`,
            'telephony-provider-name': 'switchboard',
            'content-type': 'application/json'
        },
        payload: JSON.stringify(body)
    });
    return { status: response.statusCode, json: response.json<Record<string, unknown>>() };
}

const create = (key: string) => ({
    callCenterApiName: CALL_CENTER,
    vendorCallKey: key,
    to: '+18005550199',
    from: '+14155550100',
    initiationMethod: 'Inbound',
    startTime: '2026-12-02T10:00:00Z',
    participants: [{ participantKey: '+14155550100', type: 'END_USER' }]
});
const message = (id: string, content: string) => ({
    messageId: id,
    startTime: 1_000,
    endTime: 2_000,
    content,
    senderType: 'END_USER',
    participantId: '+14155550100'
});

/** A store as a host would keep one: every change applied to plain JSON, as a file or a database would hold it. */
function jsonStore() {
    const calls = new Map<string, string>();
    const transcripts = new Map<string, string[]>();
    const changes: EmulatorRecordChange['type'][] = [];
    return {
        changes,
        onChange: (change: EmulatorRecordChange): void => {
            changes.push(change.type);
            if (change.type === 'voiceCall') calls.set(change.call.id, JSON.stringify(change.call));
            else if (change.type === 'transcriptMessage') {
                const kept = transcripts.get(change.conversationKey) ?? [];
                kept.push(JSON.stringify(change.message));
                transcripts.set(change.conversationKey, kept);
            } else {
                calls.clear();
                transcripts.clear();
            }
        },
        load: (): EmulatorRecords => {
            return {
                voiceCalls: [...calls.values()].map((text) => JSON.parse(text) as EmulatorRecords['voiceCalls'][0]),
                transcripts: [...transcripts].map(([conversationKey, messages]) => ({
                    conversationKey,
                    messages: messages.map(
                        (text) => JSON.parse(text) as EmulatorRecords['transcripts'][0]['messages'][0]
                    )
                }))
            };
        }
    };
}

it('tells every change, and a new emulator given the kept records carries on where the last one stopped', async () => {
    const store = jsonStore();
    const first = createTelephonyApiEmulator({
        publicKey,
        orgId: ORG_ID,
        callCenterApiName: CALL_CENTER,
        onChange: store.onChange
    });
    const made = await send(first, 'POST', '/voiceCalls', create('call-a'));
    assert.equal(made.status, 200);
    assert.equal(
        (await send(first, 'PATCH', '/voiceCalls/call-a', { acceptTime: '2026-12-02T10:00:05Z' })).status,
        200
    );
    assert.equal((await send(first, 'POST', '/voiceCalls/call-a/messages', message('m1', 'Hello'))).status, 200);
    assert.equal((await send(first, 'POST', '/voiceCalls/call-a/messages', message('m1', 'Hello'))).status, 200);
    assert.equal((await send(first, 'PATCH', '/voiceCalls/call-a/clearRouting', undefined)).status, 200);
    assert.deepEqual(
        store.changes,
        ['voiceCall', 'voiceCall', 'transcriptMessage', 'voiceCall'],
        'a repeat is no change'
    );
    await first.app.close();

    const second = createTelephonyApiEmulator({
        publicKey,
        orgId: ORG_ID,
        callCenterApiName: CALL_CENTER,
        initial: store.load(),
        onChange: store.onChange
    });
    const restored = second.state.findVoiceCall('call-a');
    assert.equal(restored?.id, made.json.voiceCallId);
    assert.equal(restored?.fields.acceptTime, '2026-12-02T10:00:05Z');
    assert.equal(restored?.routingCleared, true);
    assert.deepEqual(
        second.state.transcripts.get('call-a')?.messages.map((m) => m.content),
        ['Hello']
    );
    // Still idempotent after the restart, and new Ids do not reuse the kept ones.
    assert.equal((await send(second, 'POST', '/voiceCalls/call-a/messages', message('m1', 'Hello'))).status, 200);
    assert.equal(second.state.duplicateMessages, 1);
    assert.equal((await send(second, 'POST', '/voiceCalls', create('call-a'))).json.voiceCallId, made.json.voiceCallId);
    const next = await send(second, 'POST', '/voiceCalls', create('call-b'));
    assert.notEqual(next.json.voiceCallId, made.json.voiceCallId);
    assert.equal(second.state.voiceCalls.size, 2);

    second.state.reset();
    assert.equal(store.changes.at(-1), 'reset');
    assert.deepEqual(store.load(), { voiceCalls: [], transcripts: [] });
    await second.app.close();
});

it('answers 500 when the listener fails, and keeps the record once the retry is heard', async () => {
    let failing = true;
    const heard: string[] = [];
    const emulator = createTelephonyApiEmulator({
        publicKey,
        orgId: ORG_ID,
        callCenterApiName: CALL_CENTER,
        onChange: (change) => {
            if (failing) throw new Error('disk full');
            heard.push(change.type);
        }
    });
    const refused = await send(emulator, 'POST', '/voiceCalls', create('call-c'));
    assert.equal(refused.status, 500);
    assert.match(JSON.stringify(refused.json), /disk full/);
    assert.equal(emulator.state.voiceCalls.size, 0, 'not kept while the listener has not heard it');
    failing = false;
    assert.equal((await send(emulator, 'POST', '/voiceCalls', create('call-c'))).status, 200);
    assert.deepEqual(heard, ['voiceCall']);
    await emulator.app.close();
});
