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
    EVENT_TYPES,
    frameBytes,
    MAX_FRAME_BYTES,
    PARTICIPANT_TYPES,
    parseResult,
    ProtocolError,
    refusalFor,
    type ServerFrame,
    versionMismatchMessage
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
const frame = (value: unknown): string => JSON.stringify(value);

const snapshot = (calls: CallSnapshot[]) => ({
    calls,
    agent: { isMuted: false, phone: { type: 'SOFT_PHONE' as const } },
    lastEventSeq: 0
});

const serverFrameArb: fc.Arbitrary<ServerFrame> = fc.oneof(
    fc.record({
        kind: fc.constant('event' as const),
        seq: fc.integer({ min: 1 }),
        eventId: idArb,
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
            fc.record({ type: fc.constant('holdChanged' as const), callId: idArb, isOnHold: fc.boolean() }),
            fc.record({
                type: fc.constant('salesforceSyncFailed' as const),
                callId: idArb,
                operation: fc.string({ minLength: 1, maxLength: 64 }),
                message: fc.string()
            })
        )
    }),
    fc.record(
        {
            kind: fc.constant('refused' as const),
            id: idArb,
            error: fc.record({ code: fc.constantFrom(...ERROR_CODES), message: fc.string() })
        },
        { requiredKeys: ['kind', 'error'] }
    ),
    fc.record(
        {
            kind: fc.constant('rejected' as const),
            error: fc.record({ code: fc.constantFrom(...ERROR_CODES), message: fc.string() }),
            supportedVersions: fc.array(fc.integer({ min: 1, max: 99 }), { maxLength: 3 })
        },
        { requiredKeys: ['kind', 'error'] }
    ),
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
    fc
        .tuple(fc.array(callArb, { maxLength: 3 }), fc.boolean(), fc.nat())
        .map(([calls, resumed, expiresAt]): ServerFrame => ({
            kind: 'welcome',
            version: AGENT_CHANNEL_VERSION,
            sessionId: 's1',
            sessionToken: 'token-0123456789abcdef',
            sessionTokenExpiresAt: expiresAt,
            resumed,
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
        client: fc.record({ name: fc.string(), version: fc.string() }),
        resumeFromSeq: fc.option(fc.nat(), { nil: undefined })
    }),
    fc.record({
        kind: fc.constant('request' as const),
        id: idArb,
        command: fc.constant('renewSession' as const),
        params: fc.constant({})
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

    it('explains what is wrong with a frame, naming the path and what was expected', () => {
        assert.throws(() => decodeServerFrame('not json'), /frame is not JSON/);
        assert.throws(() => decodeServerFrame('[1]'), /not a JSON object/);
        assert.throws(
            () => decodeServerFrame('{"kind":3}'),
            /\$\.kind: expected one of welcome, .*, received number 3/
        );
        assert.throws(
            () => decodeClientFrame('{}'),
            /\$\.kind: expected one of hello, request, ping, received undefined/
        );
        assert.throws(
            () => decodeServerFrame('{"kind":"reply","id":"1","ok":"yes"}'),
            /\$\.ok: expected one of true, false, received "yes"/
        );
        assert.throws(
            () => decodeServerFrame(frame({ kind: 'event', seq: 1, eventId: 'e1', event: { type: 'muteChanged' } })),
            /^ProtocolError: \$\.event\.isMuted: expected a boolean, received undefined$/
        );
        assert.throws(
            () => decodeClientFrame(frame({ kind: 'request', id: 'r1', command: 'acceptCall', params: { callId: 3 } })),
            /^ProtocolError: \$\.params\.callId: expected a string of 1 to 128 characters, received number 3$/
        );
        assert.throws(
            () => decodeClientFrame(frame({ kind: 'request', id: '1', command: 'fly', params: {} })),
            /\$\.command: expected one of acceptCall, .*, received "fly"/
        );
        assert.throws(() => decodeServerFrame(42 as unknown as string), /not text/);
        assert.throws(
            () =>
                decodeClientFrame(
                    frame({
                        kind: 'hello',
                        protocol: 'other',
                        version: AGENT_CHANNEL_VERSION,
                        credential: {},
                        client: {}
                    })
                ),
            /\$\.protocol: expected "switchboard\.agent-channel", received "other"/
        );
    });

    it('refuses to encode an invalid frame, so bugs surface at the sender', () => {
        assert.throws(
            () => encodeClientFrame({ kind: 'request', id: '', command: 'logout', params: {} }),
            ProtocolError
        );
        assert.throws(() => encodeServerFrame({ kind: 'pong', id: '' }), ProtocolError);
        assert.throws(
            () => encodeServerFrame({ kind: 'mystery' } as unknown as ServerFrame),
            /refusing to send a frame this side does not know/
        );
        assert.throws(
            () => encodeClientFrame({ kind: 'mystery' } as unknown as ClientFrame),
            /refusing to send a frame this side does not know/
        );
    });

    it('every command has a params and a result schema, and results are checked', () => {
        assert.ok(COMMAND_NAMES.length >= 20);
        assert.ok(COMMAND_NAMES.includes('renewSession'));
        assert.deepEqual(parseResult('setMute', { isMuted: true }), { isMuted: true });
        assert.deepEqual(parseResult('renewSession', { sessionToken: 'token-0123456789abcdef', expiresAt: 5 }), {
            sessionToken: 'token-0123456789abcdef',
            expiresAt: 5
        });
        assert.throws(
            () => parseResult('setMute', { muted: true }),
            /\$\.result\(setMute\)\.isMuted: expected a boolean, received undefined/
        );
        assert.throws(() => parseResult('logout', null), ProtocolError);
        assert.throws(() => parseResult('signRecordingUrl', { url: 'u', durationSeconds: -1 }), /a number >= 0/);
    });

    it('passes through errors that are not protocol errors', () => {
        const poisoned = {
            get kind() {
                throw new RangeError('boom');
            }
        };
        assert.throws(() => encodeServerFrame(poisoned as unknown as ServerFrame), RangeError);
    });
});

const welcomeFrame = (calls: CallSnapshot[] = []) => ({
    kind: 'welcome',
    version: AGENT_CHANNEL_VERSION,
    sessionId: 's1',
    sessionToken: 'token-0123456789abcdef',
    sessionTokenExpiresAt: 1_700_000_900_000,
    resumed: false,
    agent: { agentId: 'a1', displayName: 'Ada' },
    capabilities: Object.fromEntries(
        [
            'mute',
            'hold',
            'recording',
            'merge',
            'swap',
            'blindTransfer',
            'signedRecordingUrl',
            'phoneBook',
            'contactSearch',
            'agentAvailability',
            'queueWaitTime',
            'supervisorListenIn',
            'supervisorBargeIn',
            'transferToOmniFlow',
            'deskPhone'
        ].map((k) => [k, true])
    ),
    snapshot: snapshot(calls)
});

const call: CallSnapshot = {
    callId: 'c1',
    callType: 'Inbound',
    participantType: 'Initial_Caller',
    state: 'ringing',
    phoneNumber: '+14155550100',
    isOnHold: false,
    isRecordingPaused: false,
    startedAt: 1
};

/** One valid frame of every kind, each side. */
const SERVER_SAMPLES: Record<string, Record<string, unknown>> = {
    welcome: welcomeFrame([call]),
    reply: { kind: 'reply', ok: true, id: 'r1', result: { call } },
    replyError: { kind: 'reply', ok: false, id: 'r1', error: { code: 'CONFLICT', message: 'no' } },
    event: { kind: 'event', seq: 1, eventId: 'e1', causedBy: 'r1', event: { type: 'callRinging', call } },
    rejected: { kind: 'rejected', error: { code: 'VERSION_MISMATCH', message: 'no' }, supportedVersions: [2] },
    refused: { kind: 'refused', id: 'r1', error: { code: 'INVALID_PARAMS', message: 'no' } },
    pong: { kind: 'pong', id: 'p1' }
};
const CLIENT_SAMPLES: Record<string, Record<string, unknown>> = {
    hello: {
        kind: 'hello',
        protocol: AGENT_CHANNEL_PROTOCOL,
        version: AGENT_CHANNEL_VERSION,
        credential: { kind: 'session', token: 'token-0123456789abcdef' },
        client: { name: 'c', version: '1' },
        resumeFromSeq: 4
    },
    request: {
        kind: 'request',
        id: 'r1',
        command: 'dial',
        params: { destination: { type: 'PhoneNumber', phoneNumber: '1' } }
    },
    ping: { kind: 'ping', id: 'p1' }
};

/** Adds a field a newer peer might send to every object in `value`. */
function withNewerFields(value: unknown): unknown {
    if (Array.isArray(value)) return value.map(withNewerFields);
    if (value && typeof value === 'object') {
        const out: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(value))
            out[k] = k === 'attributes' || k === 'result' ? v : withNewerFields(v);
        out.addedInVersion2_1 = { nested: [1, 'two'] };
        return out;
    }
    return value;
}

describe('version 2 tolerance', () => {
    it('accepts and drops unknown optional fields on every frame kind, at every level', () => {
        for (const [name, sample] of Object.entries(SERVER_SAMPLES)) {
            const decoded = decodeServerFrame(frame(withNewerFields(sample)));
            assert.deepEqual(decoded, sample, name);
        }
        for (const [name, sample] of Object.entries(CLIENT_SAMPLES)) {
            const decoded = decodeClientFrame(frame(withNewerFields(sample)));
            assert.deepEqual(decoded, sample, name);
        }
    });

    it('still refuses a missing required field or a wrong type on every frame kind, with the path', () => {
        const cases: [() => unknown, RegExp][] = [
            [
                () => decodeServerFrame(frame({ ...SERVER_SAMPLES.welcome, resumed: 'yes' })),
                /^\$\.resumed: expected a boolean, received "yes"$/
            ],
            [
                () => decodeServerFrame(frame({ ...SERVER_SAMPLES.welcome, sessionTokenExpiresAt: undefined })),
                /^\$\.sessionTokenExpiresAt: expected an integer >= 0, received undefined$/
            ],
            [
                () => decodeServerFrame(frame({ ...SERVER_SAMPLES.event, eventId: '' })),
                /^\$\.eventId: expected a string of 1 to 128 characters, received ""$/
            ],
            [
                () => decodeServerFrame(frame({ ...SERVER_SAMPLES.event, seq: 0 })),
                /^\$\.seq: expected an integer >= 1, received number 0$/
            ],
            [
                () =>
                    decodeServerFrame(
                        frame({
                            ...SERVER_SAMPLES.event,
                            event: { type: 'callRinging', call: { ...call, isOnHold: 1 } }
                        })
                    ),
                /^\$\.event\.call\.isOnHold: expected a boolean, received number 1$/
            ],
            [
                () => decodeServerFrame(frame({ ...SERVER_SAMPLES.reply, id: 7 })),
                /^\$\.id: expected a string of 1 to 128 characters, received number 7$/
            ],
            [
                () => decodeServerFrame(frame({ ...SERVER_SAMPLES.rejected, supportedVersions: ['2'] })),
                /^\$\.supportedVersions\[0\]: expected an integer >= 1, received "2"$/
            ],
            [
                () => decodeServerFrame(frame({ ...SERVER_SAMPLES.refused, error: undefined })),
                /^\$\.error: expected an object, received undefined$/
            ],
            [
                () => decodeServerFrame(frame({ ...SERVER_SAMPLES.pong, id: null })),
                /^\$\.id: expected a string of 1 to 128 characters, received null$/
            ],
            [
                () => decodeClientFrame(frame({ ...CLIENT_SAMPLES.hello, resumeFromSeq: -1 })),
                /^\$\.resumeFromSeq: expected an integer >= 0, received number -1$/
            ],
            [
                () => decodeClientFrame(frame({ ...CLIENT_SAMPLES.hello, credential: { kind: 'session' } })),
                /^\$\.credential\.token: expected a string of 16 to 2048 characters, received undefined$/
            ],
            [
                () => decodeClientFrame(frame({ ...CLIENT_SAMPLES.request, params: { destination: { type: 'Fax' } } })),
                /^\$\.params\.destination\.type: expected one of "PhoneBook", .*received "Fax"$/
            ],
            [
                () => decodeClientFrame(frame({ ...CLIENT_SAMPLES.ping, id: [] })),
                /^\$\.id: expected a string of 1 to 128 characters, received an array$/
            ]
        ];
        for (const [decode, message] of cases)
            assert.throws(decode, (error: unknown) => {
                assert.ok(error instanceof ProtocolError, String(error));
                assert.match(error.message, message);
                return true;
            });
    });

    it('reads a frame kind or an event type from a newer gateway as unknown, keeping the event sequence', () => {
        assert.deepEqual(decodeServerFrame(frame({ kind: 'announcement', text: 'hi' })), {
            kind: 'unknown',
            receivedKind: 'announcement'
        });
        assert.deepEqual(decodeClientFrame(frame({ kind: 'subscribe' })), {
            kind: 'unknown',
            receivedKind: 'subscribe'
        });
        assert.deepEqual(
            decodeServerFrame(
                frame({ kind: 'event', seq: 9, eventId: 'e9', event: { type: 'transcriptLine', line: 'x' } })
            ),
            { kind: 'unknown', receivedKind: 'event', eventType: 'transcriptLine', seq: 9 }
        );
        assert.throws(
            () => decodeServerFrame(frame({ kind: 'event', seq: 'nine', eventId: 'e9', event: { type: 'new' } })),
            /\$\.seq: expected an integer >= 1/
        );
        assert.throws(() => decodeServerFrame(frame({ kind: 'x'.repeat(65) })), /\$\.kind: expected one of/);
        assert.ok(EVENT_TYPES.includes('salesforceSyncFailed'));
    });

    it('reads an error code from a newer gateway as INTERNAL, keeping its message', () => {
        assert.deepEqual(
            decodeServerFrame(
                frame({ kind: 'reply', ok: false, id: 'r1', error: { code: 'RATE_LIMITED', message: 'slow down' } })
            ),
            {
                kind: 'reply',
                ok: false,
                id: 'r1',
                error: { code: 'INTERNAL', message: 'slow down' }
            }
        );
        assert.throws(
            () => decodeServerFrame(frame({ kind: 'refused', error: { code: 7, message: 'm' } })),
            /\$\.error\.code: expected an error code/
        );
    });

    it('a hello of another version is a VERSION_MISMATCH, answered with the versions the gateway speaks', () => {
        for (const version of [1, 3]) {
            const hello = { kind: 'hello', protocol: AGENT_CHANNEL_PROTOCOL, version, credential: { kind: 'future' } };
            assert.throws(
                () => decodeClientFrame(frame(hello)),
                (error: unknown) => {
                    assert.ok(error instanceof ProtocolError);
                    assert.equal(error.code, 'VERSION_MISMATCH');
                    assert.deepEqual(refusalFor(error), {
                        kind: 'rejected',
                        error: { code: 'VERSION_MISMATCH', message: error.message },
                        supportedVersions: [AGENT_CHANNEL_VERSION]
                    });
                    return true;
                }
            );
        }
        assert.equal(
            versionMismatchMessage(1, [2]),
            'The connector speaks agent-channel version 1; the gateway speaks version 2. Update the connector (deploy its new static resource, then reload the softphone) so that both speak the same version.'
        );
        assert.match(versionMismatchMessage(3, [2]), /the gateway speaks version 2\. Update the gateway/);
        assert.equal(AGENT_CHANNEL_VERSION, 2);
    });

    it('answers an unreadable frame with refused (naming the request when it can) or rejected for a hello', () => {
        const unreadable = (text: string): ProtocolError => {
            try {
                decodeClientFrame(text);
            } catch (error) {
                return error as ProtocolError;
            }
            throw new Error('decoded');
        };
        assert.deepEqual(
            refusalFor(unreadable(frame({ kind: 'request', id: 'r7', command: 'acceptCall', params: {} }))),
            {
                kind: 'refused',
                id: 'r7',
                error: {
                    code: 'INVALID_PARAMS',
                    message: '$.params.callId: expected a string of 1 to 128 characters, received undefined'
                }
            }
        );
        assert.deepEqual(refusalFor(unreadable('{nope')), {
            kind: 'refused',
            error: { code: 'INVALID_PARAMS', message: 'frame is not JSON' }
        });
        const hello = refusalFor(
            unreadable(frame({ kind: 'hello', protocol: AGENT_CHANNEL_PROTOCOL, version: AGENT_CHANNEL_VERSION }))
        );
        assert.equal(hello.kind, 'rejected');
        assert.match(
            hello.error.message,
            /\$\.credential: expected an object whose kind is one of password, session, ssoCode/
        );
        // Every refusal is itself a valid frame.
        for (const text of ['x', frame({ kind: 'request', id: 'r'.repeat(200) }), frame({ kind: 'ping' })])
            decodeServerFrame(encodeServerFrame(refusalFor(unreadable(text))));
    });
});

describe('frame size', () => {
    it('counts UTF-8 bytes, not characters, on decode and on encode', () => {
        // Each "é" is one UTF-16 unit but two UTF-8 bytes; each "😀" is two units and four bytes.
        const pad = (unit: string, count: number) => frame({ kind: 'ping', id: 'p1', note: unit.repeat(count) });
        const overhead = pad('', 0).length;
        const underInChars = pad('é', Math.floor((MAX_FRAME_BYTES - overhead) / 2) + 10);
        assert.ok(underInChars.length < MAX_FRAME_BYTES, 'under the limit in characters');
        assert.ok(Buffer.byteLength(underInChars) > MAX_FRAME_BYTES, 'over it in bytes');
        assert.throws(() => decodeClientFrame(underInChars), /frame of \d+ bytes exceeds the limit of 262144 bytes/);
        assert.equal(frameBytes(underInChars), Buffer.byteLength(underInChars));
        const fits = pad('é', Math.floor((MAX_FRAME_BYTES - overhead) / 2) - 1);
        assert.ok(Buffer.byteLength(fits) <= MAX_FRAME_BYTES);
        assert.deepEqual(decodeClientFrame(fits), { kind: 'ping', id: 'p1' });
        const emoji = pad('😀', Math.floor((MAX_FRAME_BYTES - overhead) / 4) + 1);
        assert.ok(emoji.length < MAX_FRAME_BYTES && Buffer.byteLength(emoji) > MAX_FRAME_BYTES);
        assert.throws(() => decodeServerFrame(emoji), /exceeds the limit/);
        assert.throws(
            () => decodeServerFrame('x'.repeat(MAX_FRAME_BYTES + 1)),
            /frame of at least 262145 bytes exceeds/
        );
        assert.throws(
            () =>
                encodeClientFrame({
                    kind: 'request',
                    id: 'r1',
                    command: 'log',
                    params: { level: 'INFO', message: 'm', payload: 'ü'.repeat(MAX_FRAME_BYTES / 2) }
                }),
            /exceeds the limit/
        );
        assert.equal(frameBytes('abc'), 3);
    });
});
