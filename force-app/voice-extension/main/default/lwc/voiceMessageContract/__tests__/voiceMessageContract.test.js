import {
    MESSAGE_SOURCES,
    MESSAGE_VERSION,
    callStatePayload,
    concernsRecord,
    createVoiceMessage,
    isNewer,
    messageForConnector,
    messageFromConnector,
    parseVoiceMessage,
    sameRecordId
} from 'c/voiceMessageContract';
import { initialState, reduceToolkitEvent } from 'c/callStateReducer';

const fixture = (name) => require(`../../callStateReducer/__tests__/data/${name}.json`);
const CASE_ID = '500000000000001AAA';
const VOICE_CALL_ID = '0LQ000000000001AAA';

function heldCall() {
    let state = initialState();
    let clock = 0;
    for (const name of ['callstarted', 'callconnected', 'hold', 'flagraise'])
        state = reduceToolkitEvent(state, { name, detail: fixture(name), receivedAt: (clock += 1000) }).state;
    return state.calls['VCK-1001'];
}

const snapshot = (overrides = {}) => ({
    ...callStatePayload(
        heldCall(),
        { voiceCallId: VOICE_CALL_ID, relatedRecordIds: [CASE_ID, CASE_ID, ''], callerName: 'Ada Lovelace' },
        'pub-1',
        7
    ),
    ...overrides
});

describe('c/voiceMessageContract', () => {
    it('builds a snapshot without the transcript, deduplicating related records', () => {
        expect(snapshot()).toEqual({
            callId: 'VCK-1001',
            phase: 'onHold',
            direction: 'inbound',
            customerNumber: '+14155550100',
            callerName: 'Ada Lovelace',
            voiceCallId: VOICE_CALL_ID,
            relatedRecordIds: [CASE_ID],
            muted: false,
            recordingPaused: false,
            participants: [{ label: '+14155550100', role: 'initialCaller', onHold: true, present: true }],
            audioRating: 'unknown',
            audioReasons: [],
            flagRaised: true,
            startedAt: 1000,
            connectedAt: 2000,
            endedAt: null,
            holdStartedAt: 3000,
            totalHoldMs: 0,
            publisherId: 'pub-1',
            sequence: 7
        });
    });

    it('round-trips a callState message between different sources', () => {
        const message = createVoiceMessage(MESSAGE_SOURCES.voiceExtension, 'callState', snapshot());
        expect(message.version).toBe(MESSAGE_VERSION);
        const parsed = parseVoiceMessage(JSON.parse(JSON.stringify(message)), MESSAGE_SOURCES.callMonitor);
        expect(parsed).toEqual({ ok: true, message: JSON.parse(JSON.stringify(message)) });
    });

    it('drops its own messages, other versions, unknown types and malformed envelopes', () => {
        const message = createVoiceMessage(MESSAGE_SOURCES.voiceExtension, 'callState', snapshot());
        expect(parseVoiceMessage(message, MESSAGE_SOURCES.voiceExtension)).toEqual({
            ok: false,
            reason: 'own message'
        });
        expect(parseVoiceMessage({ ...message, version: 2 }, 'x')).toEqual({
            ok: false,
            reason: 'unsupported version 2'
        });
        expect(parseVoiceMessage({ ...message, type: 'hello' }, 'x')).toEqual({
            ok: false,
            reason: 'unknown type hello'
        });
        expect(parseVoiceMessage(null, 'x').ok).toBe(false);
        expect(parseVoiceMessage([], 'x').ok).toBe(false);
        expect(parseVoiceMessage({ ...message, source: '' }, 'x')).toEqual({ ok: false, reason: 'no source' });
        // what the connector's LMS bridge sends ({ source, payload }) is not this contract
        expect(parseVoiceMessage({ source: 'CONNECTOR', payload: { anything: 1 } }, 'x').ok).toBe(false);
    });

    it('names the first invalid field of a callState payload', () => {
        const bad = {
            callId: '',
            phase: 'talking',
            direction: 'sideways',
            customerNumber: 5,
            callerName: {},
            voiceCallId: 'x'.repeat(300),
            relatedRecordIds: 'abc',
            muted: 'no',
            recordingPaused: null,
            participants: [{ label: 'x', role: 'boss', onHold: false, present: true }],
            audioRating: 'great',
            audioReasons: [1],
            flagRaised: 'yes',
            startedAt: -1,
            connectedAt: 'now',
            endedAt: Number.NaN,
            holdStartedAt: Infinity,
            totalHoldMs: null,
            publisherId: '',
            sequence: 1.5
        };
        for (const [field, value] of Object.entries(bad)) {
            const parsed = parseVoiceMessage(createVoiceMessage('A', 'callState', snapshot({ [field]: value })), 'B');
            expect(parsed).toEqual({ ok: false, reason: `callState payload: invalid ${field}` });
        }
        expect(parseVoiceMessage({ source: 'A', type: 'callState', version: 1 }, 'B')).toEqual({
            ok: false,
            reason: 'callState without payload'
        });
    });

    it('accepts a callStateRequest for one call or for all', () => {
        expect(parseVoiceMessage(createVoiceMessage('A', 'callStateRequest', { callId: 'VCK-1' }), 'B')).toMatchObject({
            ok: true,
            message: { payload: { callId: 'VCK-1' } }
        });
        expect(parseVoiceMessage({ source: 'A', type: 'callStateRequest', version: 1 }, 'B')).toMatchObject({
            ok: true,
            message: { payload: { callId: null } }
        });
        expect(parseVoiceMessage(createVoiceMessage('A', 'callStateRequest', { callId: 42 }), 'B').ok).toBe(false);
    });

    it('matches records by VendorCallKey, VoiceCall Id or related record, on 15-character Ids', () => {
        const s = snapshot();
        expect(concernsRecord(s, null, 'VCK-1001')).toBe(true);
        expect(concernsRecord(s, VOICE_CALL_ID.slice(0, 15), null)).toBe(true);
        expect(concernsRecord(s, CASE_ID, null)).toBe(true);
        expect(concernsRecord(s, '500000000000002AAA', 'VCK-9')).toBe(false);
        expect(sameRecordId('001000000000001', '001000000000001AAA')).toBe(true);
        expect(sameRecordId('001000000000001', '001000000000001')).toBe(true);
        expect(sameRecordId('00100000000000a', '00100000000000A')).toBe(false);
        expect(sameRecordId('short', 'short')).toBe(false);
        expect(sameRecordId(null, CASE_ID)).toBe(false);
    });

    it('orders snapshots per publisher and accepts a reloaded publisher', () => {
        const first = snapshot({ sequence: 3 });
        expect(isNewer(first, null)).toBe(true);
        expect(isNewer(snapshot({ sequence: 4 }), first)).toBe(true);
        expect(isNewer(snapshot({ sequence: 2 }), first)).toBe(false);
        expect(isNewer(snapshot({ sequence: 1, publisherId: 'pub-2' }), first)).toBe(true);
    });
});

describe('LMS bridge envelopes', () => {
    const envelope = { source: 'SWITCHBOARD_VOICE_EXTENSION', type: 'anything', payload: [1], version: 3 };

    it('passes any well-formed page message to the connector, whatever its type', () => {
        expect(messageForConnector(envelope)).toEqual({ ok: true, message: envelope });
        expect(messageForConnector({ ...envelope, extra: 'dropped' })).toEqual({ ok: true, message: envelope });
    });

    it('says why a page message is not relayed', () => {
        expect(messageForConnector(undefined)).toEqual({ ok: false, reason: 'not an object' });
        expect(messageForConnector({ ...envelope, source: MESSAGE_SOURCES.connector })).toEqual({
            ok: false,
            reason: 'own message'
        });
        expect(messageForConnector({ ...envelope, source: undefined }).reason).toMatch(/^source must be text/);
        expect(messageForConnector({ ...envelope, type: 7 }).reason).toMatch(/^type must be text/);
        expect(messageForConnector({ ...envelope, version: -1 }).reason).toMatch(/^version must be/);
    });

    it('stamps connector messages with the CONNECTOR source', () => {
        expect(messageFromConnector({ ...envelope, source: 'SWITCHBOARD_VOICE_EXTENSION' })).toEqual({
            ok: true,
            message: { ...envelope, source: 'CONNECTOR' }
        });
        expect(messageFromConnector({ type: 'x', version: 1 })).toEqual({
            ok: true,
            message: { source: 'CONNECTOR', type: 'x', payload: undefined, version: 1 }
        });
        expect(messageFromConnector(null)).toEqual({ ok: false, reason: 'not an object' });
        expect(messageFromConnector({ type: '', version: 1 }).ok).toBe(false);
    });

    it('keeps the connector source out of the Voice Extension contract', () => {
        expect(parseVoiceMessage({ ...envelope, source: 'CONNECTOR', version: 1 }, 'X')).toEqual({
            ok: false,
            reason: 'unknown type anything'
        });
    });
});
