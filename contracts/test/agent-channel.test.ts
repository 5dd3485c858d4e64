import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import {
    AGENT_CHANNEL_PROTOCOL,
    AGENT_CHANNEL_VERSION,
    CALL_STATES,
    CALL_TYPES,
    COMMAND_NAMES,
    type CallSnapshot,
    type ClientFrame,
    decodeClientFrame,
    decodeServerFrame,
    encodeClientFrame,
    encodeServerFrame,
    ERROR_CODES,
    MAX_FRAME_BYTES,
    PARTICIPANT_TYPES,
    parseResult,
    ProtocolError,
    type ServerFrame
} from '../src/index.js';

const idArb = fc.string({ minLength: 1, maxLength: 20 });
const callArb: fc.Arbitrary<CallSnapshot> = fc.record(
    {
        callId: idArb,
        callType: fc.constantFrom(...CALL_TYPES),
        participantType: fc.constantFrom(...PARTICIPANT_TYPES),
        state: fc.constantFrom(...CALL_STATES),
        phoneNumber: fc.string({ maxLength: 15 }),
        contactName: fc.string({ maxLength: 20 }),
        parentCallId: idArb,
        voiceCallId: idArb,
        isOnHold: fc.boolean(),
        isRecordingPaused: fc.boolean(),
        initialCallHasEnded: fc.boolean(),
        isExternalTransfer: fc.boolean(),
        queue: fc.record({ id: idArb, name: fc.string(), enqueuedAt: fc.nat() }),
        startedAt: fc.nat(),
        attributes: fc.dictionary(
            fc.string({ maxLength: 8 }).filter((k) => k !== '__proto__'),
            fc.string(),
            {
                maxKeys: 4
            }
        )
    },
    {
        requiredKeys: [
            'callId',
            'callType',
            'participantType',
            'state',
            'phoneNumber',
            'isOnHold',
            'isRecordingPaused',
            'startedAt'
        ]
    }
);

/** The frame as JSON sees it: plain prototypes, undefined properties gone. */
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const snapshot = (calls: CallSnapshot[]) => ({
    calls,
    agent: { isMuted: false, phone: { type: 'SOFT_PHONE' as const } },
    lastEventSeq: 0
});

const serverFrameArb: fc.Arbitrary<ServerFrame> = fc.oneof(
    fc.record({
        kind: fc.constant('event' as const),
        seq: fc.integer({ min: 1 }),
        causedBy: idArb,
        event: fc.oneof(
            fc.record({ type: fc.constant('callRinging' as const), call: callArb }),
            fc.record({ type: fc.constant('callConnected' as const), call: callArb }),
            fc.record({
                type: fc.constant('callEnded' as const),
                callId: idArb,
                reason: fc.string(),
                isError: fc.boolean()
            }),
            fc.record({ type: fc.constant('muteChanged' as const), isMuted: fc.boolean() }),
            fc.record({ type: fc.constant('holdChanged' as const), callId: idArb, isOnHold: fc.boolean() })
        )
    }),
    fc.record({
        kind: fc.constant('reply' as const),
        ok: fc.constant(true as const),
        id: idArb,
        result: fc.jsonValue()
    }),
    fc.record({
        kind: fc.constant('reply' as const),
        ok: fc.constant(false as const),
        id: idArb,
        error: fc.record({ code: fc.constantFrom(...ERROR_CODES), message: fc.string() })
    }),
    fc.record({ kind: fc.constant('pong' as const), id: idArb }),
    fc.array(callArb, { maxLength: 3 }).map((calls): ServerFrame => ({
        kind: 'welcome',
        version: AGENT_CHANNEL_VERSION,
        sessionId: 's1',
        sessionToken: 'token-0123456789abcdef',
        agent: { agentId: 'a1', displayName: 'Ada' },
        capabilities: {
            mute: true,
            hold: true,
            recording: true,
            merge: true,
            swap: true,
            blindTransfer: true,
            signedRecordingUrl: false,
            phoneBook: true,
            contactSearch: true,
            agentAvailability: false,
            queueWaitTime: false,
            supervisorListenIn: false,
            supervisorBargeIn: false,
            transferToOmniFlow: false,
            deskPhone: false
        },
        snapshot: snapshot(calls)
    }))
);

const clientFrameArb: fc.Arbitrary<ClientFrame> = fc.oneof(
    fc.record({
        kind: fc.constant('hello' as const),
        protocol: fc.constant(AGENT_CHANNEL_PROTOCOL),
        version: fc.constant(AGENT_CHANNEL_VERSION),
        credential: fc.oneof(
            fc.record({ kind: fc.constant('password' as const), username: idArb, password: idArb }),
            fc.record({ kind: fc.constant('session' as const), token: fc.string({ minLength: 16, maxLength: 40 }) })
        ),
        client: fc.record({ name: fc.string(), version: fc.string() })
    }),
    fc.record({
        kind: fc.constant('request' as const),
        id: idArb,
        command: fc.constant('acceptCall' as const),
        params: fc.record({ callId: idArb })
    }),
    fc.record({
        kind: fc.constant('request' as const),
        id: idArb,
        command: fc.constant('setHold' as const),
        params: fc.record({ callId: idArb, onHold: fc.boolean() })
    }),
    fc.record({
        kind: fc.constant('request' as const),
        id: idArb,
        command: fc.constant('dial' as const),
        params: fc.record({
            destination: fc.record(
                { type: fc.constantFrom('PhoneNumber' as const, 'Queue' as const), phoneNumber: idArb, id: idArb },
                { requiredKeys: ['type'] }
            )
        })
    }),
    fc.record({ kind: fc.constant('ping' as const), id: idArb })
);

describe('agent channel frames', () => {
    it('server frames survive encode → decode unchanged', () => {
        fc.assert(
            fc.property(serverFrameArb, (frame) => {
                assert.deepEqual(decodeServerFrame(encodeServerFrame(frame)), plain(frame));
            })
        );
    });

    it('client frames survive encode → decode unchanged', () => {
        fc.assert(
            fc.property(clientFrameArb, (frame) => {
                assert.deepEqual(decodeClientFrame(encodeClientFrame(frame)), plain(frame));
            })
        );
    });

    it('arbitrary text never throws anything but ProtocolError', () => {
        const anyText = fc.oneof(
            fc.string(),
            fc.jsonValue().map((v) => JSON.stringify(v)),
            fc
                .record({ kind: fc.constantFrom('welcome', 'reply', 'event', 'hello', 'request'), x: fc.anything() })
                .map((v) => JSON.stringify(v))
        );
        fc.assert(
            fc.property(anyText, (text) => {
                for (const decode of [decodeServerFrame, decodeClientFrame]) {
                    try {
                        decode(text);
                    } catch (error) {
                        assert.ok(error instanceof ProtocolError, String(error));
                    }
                }
            })
        );
    });

    it('explains what is wrong with a frame', () => {
        assert.throws(() => decodeServerFrame('not json'), /frame is not JSON/);
        assert.throws(() => decodeServerFrame('[1]'), /not a JSON object/);
        assert.throws(() => decodeServerFrame('{"kind":"nope"}'), /\$\.kind: expected one of welcome/);
        assert.throws(() => decodeClientFrame('{"kind":"nope"}'), /\$\.kind: expected one of hello/);
        assert.throws(
            () => decodeServerFrame('{"kind":"reply","id":"1","ok":"yes"}'),
            /\$\.ok: expected true or false/
        );
        assert.throws(
            () => decodeServerFrame(JSON.stringify({ kind: 'event', seq: 1, event: { type: 'muteChanged' } })),
            /\$\.event\.isMuted: expected a boolean, received undefined/
        );
        assert.throws(
            () => decodeClientFrame(JSON.stringify({ kind: 'request', id: '1', command: 'fly', params: {} })),
            /\$\.command: expected one of acceptCall/
        );
        assert.throws(() => decodeServerFrame('x'.repeat(MAX_FRAME_BYTES + 1)), /exceeds/);
        assert.throws(() => decodeServerFrame(42 as unknown as string), /not text/);
        assert.throws(
            () =>
                decodeClientFrame(
                    JSON.stringify({ kind: 'hello', protocol: 'other', version: 1, credential: {}, client: {} })
                ),
            /\$\.protocol: expected "switchboard\.agent-channel"/
        );
    });

    it('refuses to encode an invalid frame, so bugs surface at the sender', () => {
        assert.throws(
            () => encodeClientFrame({ kind: 'request', id: '', command: 'logout', params: {} }),
            ProtocolError
        );
        assert.throws(() => encodeServerFrame({ kind: 'pong', id: '' }), ProtocolError);
    });

    it('every command has a params and a result schema, and results are checked', () => {
        assert.ok(COMMAND_NAMES.length >= 20);
        assert.deepEqual(parseResult('setMute', { isMuted: true }), { isMuted: true });
        assert.throws(
            () => parseResult('setMute', { muted: true }),
            /\$\.result\(setMute\)\.muted: unknown key; this message has only isMuted/
        );
        assert.throws(() => parseResult('logout', null), ProtocolError);
    });

    it('passes through errors that are not schema errors', () => {
        const poisoned = {
            get kind() {
                throw new RangeError('boom');
            }
        };
        assert.throws(() => encodeServerFrame(poisoned as unknown as ServerFrame), RangeError);
    });
});
