// The Telephony Integration API emulator on its own: what it refuses (JWTs, headers, bodies), what it keeps, and
// the faults it injects, driven both programmatically and over its HTTP control routes. Mostly through
// app.inject (no sockets); the tests that need a real connection listen on 127.0.0.1.
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import fc from 'fast-check';
import { SignJWT } from 'jose';
import { createTelephonyApiEmulator, salesforceId } from '../src/salesforce/emulator.js';
import type { TelephonyApiEmulator } from '../src/salesforce/emulator.js';
import type { CreateVoiceCallBody } from '../src/salesforce/telephony-api.js';

const ORG_ID = '00D000000000001EAA';
const CALL_CENTER = 'SwitchboardContactCenter';
const PROVIDER = 'switchboard';
const PREFIX = '/telephony/v1';
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const strangerKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });

let clockMs = Date.now();
let emulator: TelephonyApiEmulator;

before(async () => {
    emulator = createTelephonyApiEmulator({
        publicKey: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        orgId: ORG_ID,
        callCenterApiName: CALL_CENTER,
        providerName: PROVIDER,
        now: () => clockMs
    });
    await emulator.app.ready();
});

after(async () => {
    await emulator.app.close();
});

beforeEach(() => {
    clockMs = Date.now();
    emulator.state.reset();
    emulator.faults.clear();
});

interface TokenOptions {
    claims?: Record<string, unknown>;
    iat?: number | null;
    exp?: number | null;
    key?: KeyObject;
}

async function token(options: TokenOptions = {}): Promise<string> {
    const nowSeconds = Math.floor(clockMs / 1000);
    const jwt = new SignJWT({ iss: ORG_ID, sub: CALL_CENTER, ...options.claims }).setProtectedHeader({
        alg: 'RS256',
        typ: 'JWT'
    });
    if (options.iat !== null) jwt.setIssuedAt(options.iat ?? nowSeconds);
    if (options.exp !== null) jwt.setExpirationTime(options.exp ?? nowSeconds + 3600);
    return jwt.sign(options.key ?? keys.privateKey);
}

let sharedToken: string | undefined;
interface CallOptions {
    method?: 'POST' | 'PATCH';
    bearer?: string | null;
    headers?: Record<string, string>;
    payload?: string;
}

/** One API request; `body` undefined sends none. */
async function call(path: string, body?: unknown, options: CallOptions = {}) {
    sharedToken ??= await token();
    const headers: Record<string, string> = { 'telephony-provider-name': PROVIDER, ...options.headers };
    const bearer = options.bearer === undefined ? sharedToken : options.bearer;
    if (bearer !== null) headers.authorization = `Bearer ${bearer}`;
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await emulator.app.inject({
        method: options.method ?? (path === '/voiceCalls' || path.endsWith('/messages') ? 'POST' : 'PATCH'),
        url: `${PREFIX}${path}`,
        headers,
        ...(body === undefined && options.payload === undefined
            ? {}
            : { payload: options.payload ?? JSON.stringify(body) })
    });
    const text = response.body;
    return {
        status: response.statusCode,
        json: (text === '' ? undefined : JSON.parse(text)) as Record<string, unknown>,
        headers: response.headers
    };
}

let keyCounter = 0;
function createBody(overrides: Partial<CreateVoiceCallBody> = {}): CreateVoiceCallBody {
    return {
        callCenterApiName: CALL_CENTER,
        vendorCallKey: `call-${++keyCounter}`,
        to: '+15550100',
        from: '+15550199',
        initiationMethod: 'Inbound',
        startTime: '2024-05-01T10:00:00Z',
        participants: [{ participantKey: '+15550199', type: 'END_USER' }],
        ...overrides
    };
}

async function created(overrides: Partial<CreateVoiceCallBody> = {}): Promise<{ id: string; key: string }> {
    const body = createBody(overrides);
    const response = await call('/voiceCalls', body);
    assert.equal(response.status, 200, JSON.stringify(response.json));
    return { id: String(response.json.voiceCallId), key: body.vendorCallKey };
}

function errorsOf(response: { json: Record<string, unknown> }): string {
    const errors = response.json.errors;
    assert.ok(Array.isArray(errors), `expected errors, got ${JSON.stringify(response.json)}`);
    return errors.join(' | ');
}

describe('emulator authentication', () => {
    const cases: { name: string; options: () => Promise<string | null>; message: RegExp }[] = [
        { name: 'no Authorization header', options: () => Promise.resolve(null), message: /Bearer <JWT> is required/ },
        { name: 'not a JWT', options: () => Promise.resolve('abc'), message: /not a JWT/ },
        {
            name: 'a key the contact center does not know',
            options: () => token({ key: strangerKeys.privateKey }),
            message: /signature does not verify/
        },
        { name: 'a wrong iss', options: () => token({ claims: { iss: 'other' } }), message: /iss must be the org Id/ },
        {
            name: 'a wrong sub',
            options: () => token({ claims: { sub: 'other' } }),
            message: /sub must be the contact center API name/
        },
        { name: 'no iat', options: () => token({ iat: null }), message: /iat claim is required/ },
        { name: 'no exp', options: () => token({ exp: null }), message: /exp claim is required/ },
        {
            name: 'an expired token',
            options: () => token({ iat: Math.floor(clockMs / 1000) - 7200, exp: Math.floor(clockMs / 1000) - 3600 }),
            message: /expired/
        },
        {
            name: 'iat in the future',
            options: () => token({ iat: Math.floor(clockMs / 1000) + 600 }),
            message: /iat is in the future/
        },
        {
            name: 'exp more than 24 h after iat',
            options: () => token({ exp: Math.floor(clockMs / 1000) + 24 * 3600 + 1 }),
            message: /more than 24 hours/
        },
        {
            name: 'an HS256 token',
            options: () =>
                new SignJWT({ iss: ORG_ID, sub: CALL_CENTER })
                    .setProtectedHeader({ alg: 'HS256' })
                    .setIssuedAt()
                    .setExpirationTime('1h')
                    .sign(new Uint8Array(32)),
            message: /RS256 only/
        }
    ];
    for (const { name, options, message } of cases) {
        it(`answers 401 to ${name}`, async () => {
            const response = await call('/voiceCalls', createBody(), { bearer: await options() });
            assert.equal(response.status, 401);
            assert.match(errorsOf(response), message);
            assert.equal(emulator.state.unauthorized, 1);
            assert.equal(emulator.state.voiceCalls.size, 0);
        });
    }

    it('accepts exactly 24 h and a little clock skew', async () => {
        const nowSeconds = Math.floor(clockMs / 1000);
        const full = await token({ iat: nowSeconds + 30, exp: nowSeconds + 30 + 24 * 3600 });
        assert.equal((await call('/voiceCalls', createBody(), { bearer: full })).status, 200);
    });

    it('refuses a replayed jti', async () => {
        const once = await token({ claims: { jti: randomUUID() } });
        assert.equal((await call('/voiceCalls', createBody(), { bearer: once })).status, 200);
        const replay = await call('/voiceCalls', createBody(), { bearer: once });
        assert.equal(replay.status, 401);
        assert.match(errorsOf(replay), /jti has already been used/);
    });

    it('needs the Telephony-Provider-Name header, with the configured value', async () => {
        const missing = await emulator.app.inject({
            method: 'POST',
            url: `${PREFIX}/voiceCalls`,
            headers: { authorization: `Bearer ${await token()}`, 'content-type': 'application/json' },
            payload: JSON.stringify(createBody())
        });
        assert.equal(missing.statusCode, 400);
        assert.match(missing.body, /Telephony-Provider-Name header is required/);
        const wrong = await call('/voiceCalls', createBody(), { headers: { 'telephony-provider-name': 'acme' } });
        assert.equal(wrong.status, 400);
        assert.equal(emulator.state.rejected, 2);
    });

    it('answers JSON only, and says when the JSON is broken', async () => {
        const xml = await call('/voiceCalls', createBody(), { headers: { 'content-type': 'application/xml' } });
        assert.equal(xml.status, 415);
        assert.ok(Array.isArray(xml.json.errors));
        const broken = await call('/voiceCalls', {}, { payload: '{"vendorCallKey":' });
        assert.equal(broken.status, 400);
        assert.match(errorsOf(broken), /^\$: the body is not valid JSON/);
        const unknownPath = await call('/voiceCalls/x/routeVoiceCall', {}, { method: 'POST' });
        assert.equal(unknownPath.status, 404);
    });
});

describe('emulator Create VoiceCall', () => {
    it('answers a Salesforce-shaped id and stores the record', async () => {
        const { id, key } = await created({
            callAttributes: JSON.stringify({ SourceType: 'PSTN' }),
            callSubtype: 'PSTN'
        });
        assert.match(id, /^0LQ[A-Za-z0-9]{15}$/);
        const record = emulator.state.voiceCalls.get(id);
        assert.equal(record?.vendorCallKey, key);
        assert.equal(record?.isActive, true);
        assert.equal(record?.conversationKey, key);
        const second = await created();
        assert.notEqual(second.id, id);
    });

    it('computes the case-safe suffix of an id', () => {
        assert.equal(salesforceId('ABCDE00000aaaaa'), 'ABCDE00000aaaaa5AA');
        assert.equal(salesforceId('0LQWt0000000001'), '0LQWt0000000001OAA');
    });

    it('returns the same id for a repeated vendorCallKey and creates nothing', async () => {
        const body = createBody();
        const first = await call('/voiceCalls', body);
        const again = await call('/voiceCalls', body);
        assert.deepEqual(again.json, first.json);
        assert.deepEqual(first.json.errors, []);
        assert.equal(emulator.state.voiceCalls.size, 1);
        assert.equal(emulator.state.duplicateCreates, 1);
    });

    it('links a Transfer to its parent by vendorCallKey or id, and needs one that exists', async () => {
        const parent = await created();
        const byKey = await created({ initiationMethod: 'Transfer', parentVoiceCallId: parent.key, queue: 'Q1' });
        const byId = await created({ initiationMethod: 'Transfer', parentVoiceCallId: byKey.id });
        assert.equal(emulator.state.voiceCalls.get(byKey.id)?.parentId, parent.id);
        assert.equal(emulator.state.voiceCalls.get(byId.id)?.conversationKey, parent.key);

        const orphan = await call('/voiceCalls', createBody({ initiationMethod: 'Transfer' }));
        assert.equal(orphan.status, 400);
        assert.match(errorsOf(orphan), /^\$\.parentVoiceCallId: required when initiationMethod is Transfer/);
        const unknown = await call(
            '/voiceCalls',
            createBody({ initiationMethod: 'Transfer', parentVoiceCallId: 'gone' })
        );
        assert.match(errorsOf(unknown), /\$\.parentVoiceCallId: no VoiceCall/);
        const inboundQueue = await call('/voiceCalls', createBody({ queue: 'Q1' }));
        assert.match(errorsOf(inboundQueue), /\$\.queue: only allowed when initiationMethod is Transfer/);
    });

    const invalid: { name: string; body: Record<string, unknown>; message: RegExp }[] = [
        { name: 'an outbound call', body: { initiationMethod: 'Outbound' }, message: /^\$\.initiationMethod: / },
        {
            name: 'a local start time',
            body: { startTime: '2024-05-01T10:00:00+02:00' },
            message: /^\$\.startTime: .*UTC/
        },
        {
            name: 'an impossible date',
            body: { startTime: '2024-02-31T10:00:00Z' },
            message: /^\$\.startTime: is not a real date/
        },
        { name: 'no participants', body: { participants: [] }, message: /^\$\.participants/ },
        {
            name: 'an agent first',
            body: { participants: [{ participantKey: 'a', type: 'AGENT' }] },
            message: /^\$\.participants\[0\]\.type: /
        },
        {
            name: 'a participant with an extra field',
            body: { participants: [{ participantKey: 'a', type: 'END_USER', name: 'x' }] },
            message: /^\$\.participants\[0\]\.name: unknown field/
        },
        { name: 'an unknown field', body: { direction: 'in' }, message: /^\$\.direction: unknown field$/ },
        { name: 'an object as callAttributes', body: { callAttributes: { a: 1 } }, message: /^\$\.callAttributes: / },
        {
            name: 'callAttributes that are not an object',
            body: { callAttributes: '[1]' },
            message: /^\$\.callAttributes: must be a JSON string of an object/
        },
        { name: 'an unknown callOrigin', body: { callOrigin: 'Manual' }, message: /^\$\.callOrigin: / },
        { name: 'an unknown callSubtype', body: { callSubtype: 'SIP' }, message: /^\$\.callSubtype: / },
        {
            name: 'another contact center',
            body: { callCenterApiName: 'Other' },
            message: /^\$\.callCenterApiName: must be the contact center the JWT names/
        },
        {
            name: 'an empty vendorCallKey',
            body: { vendorCallKey: '' },
            message: /^\$\.vendorCallKey: must not be empty/
        }
    ];
    for (const { name, body, message } of invalid) {
        it(`refuses ${name} with 400 naming the field`, async () => {
            const response = await call('/voiceCalls', { ...createBody(), ...body });
            assert.equal(response.status, 400);
            assert.match(errorsOf(response), message);
            assert.equal(emulator.state.voiceCalls.size, 0);
            assert.equal(emulator.state.rejected, 1);
        });
    }

    it('refuses a body that is not an object', async () => {
        const response = await call('/voiceCalls', [1]);
        assert.equal(response.status, 400);
        assert.match(errorsOf(response), /^\$: /);
    });

    const REQUIRED = [
        'callCenterApiName',
        'vendorCallKey',
        'to',
        'from',
        'initiationMethod',
        'startTime',
        'participants'
    ] as const;
    const text = fc.string({ minLength: 1, maxLength: 20 });
    const utcTime = fc
        .integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2099-12-31T23:59:59Z') })
        .map((ms) => new Date(ms).toISOString());
    const validInbound = fc.record(
        {
            callCenterApiName: fc.constant(CALL_CENTER),
            vendorCallKey: text,
            to: text,
            from: text,
            initiationMethod: fc.constant('Inbound' as const),
            startTime: utcTime,
            participants: fc
                .tuple(
                    fc.record({ participantKey: text, type: fc.constant('END_USER') }),
                    fc.array(fc.record({ participantKey: text, type: text }), { maxLength: 3 })
                )
                .map(([first, rest]) => [first, ...rest]),
            callOrigin: fc.constantFrom('Preview' as const, 'Progressive' as const, 'Voicemail' as const),
            callSubtype: fc.constantFrom('PSTN' as const, 'WebRTC' as const),
            callAttributes: fc
                .dictionary(text, fc.oneof(text, fc.integer(), fc.boolean()))
                .map((fields) => JSON.stringify(fields))
        },
        { requiredKeys: [...REQUIRED] }
    );

    it('accepts any valid Inbound body, and refuses it with any required field removed, naming that field', async () => {
        await fc.assert(
            fc.asyncProperty(validInbound, fc.constantFrom(...REQUIRED), async (body, removed) => {
                // A fresh key per run: a repeated one would be answered as a duplicate, which is not under test.
                const unique = { ...body, vendorCallKey: `${body.vendorCallKey}-${randomUUID()}` };
                const accepted = await call('/voiceCalls', unique);
                assert.equal(accepted.status, 200, JSON.stringify(accepted.json));
                const { [removed]: _removed, ...incomplete } = { ...unique, vendorCallKey: randomUUID() };
                const refused = await call('/voiceCalls', incomplete);
                assert.equal(refused.status, 400);
                assert.deepEqual(refused.json.errors, [`$.${removed}: required`]);
            }),
            { numRuns: 60 }
        );
    });
});

describe('emulator Update VoiceCall', () => {
    it('answers pending and applies updates in order', async () => {
        const { id, key } = await created();
        const first = await call(`/voiceCalls/${key}`, {
            agent: 'a@example.com',
            numberOfHolds: 1,
            totalHoldDuration: 5
        });
        assert.deepEqual(first.json, { status: 'pending' });
        await call(`/voiceCalls/${id}`, {
            numberOfHolds: 2,
            recordingLocation: 'https://recordings.example/1.wav',
            totalRecordingDuration: 30,
            endTime: '2024-05-01T10:05:00Z',
            isActiveCall: false,
            disconnectReason: { value: 'CALLBACK', isError: true }
        });
        const record = emulator.state.voiceCalls.get(id);
        assert.equal(record?.updates.length, 2);
        assert.equal(record?.fields.numberOfHolds, 2);
        assert.equal(record?.fields.agent, 'a@example.com');
        assert.deepEqual(record?.recordings, ['https://recordings.example/1.wav']);
        assert.equal(record?.isActive, false);
        assert.equal(record?.callDisposition, 'completed');
        assert.equal(record?.routingCleared, true);
    });

    it('answers 404 for a call it does not know, and names bad fields', async () => {
        const unknown = await call('/voiceCalls/nobody', { agent: 'a' });
        assert.equal(unknown.status, 404);
        const { key } = await created();
        const checks: [Record<string, unknown>, RegExp][] = [
            [{ totalRecordingDuration: 3 }, /^\$\.recordingLocation: required with any recording field$/],
            [{ disconnectReason: { value: 'X' } }, /^\$\.disconnectReason\.isError: required$/],
            [{ numberOfHolds: -1 }, /^\$\.numberOfHolds: must not be negative$/],
            [{ totalHoldDuration: 1.5 }, /^\$\.totalHoldDuration: must be an integer$/],
            [{ isActiveCall: 'no' }, /^\$\.isActiveCall: /],
            [{ endTime: 'yesterday' }, /^\$\.endTime: /],
            [{ status: 'done' }, /^\$\.status: unknown field$/]
        ];
        for (const [body, message] of checks) {
            const response = await call(`/voiceCalls/${key}`, body);
            assert.equal(response.status, 400, JSON.stringify(body));
            assert.match(errorsOf(response), message);
        }
        assert.equal(emulator.state.rejected, 1 + checks.length);
    });
});

describe('emulator transcripts, Omni flow and clear routing', () => {
    const message = (messageId: string) => ({
        messageId,
        startTime: 1000,
        endTime: 2000,
        content: 'Hello',
        senderType: 'END_USER',
        participantId: '+15550199'
    });

    it('stores a message once per messageId, on the first call of the conversation', async () => {
        const { id, key } = await created();
        assert.deepEqual((await call(`/voiceCalls/${key}/messages`, message('m1'))).status, 200);
        await call(`/voiceCalls/${key}/messages`, message('m1'));
        await call(`/voiceCalls/${key}/messages`, message('m2'));
        assert.deepEqual(
            emulator.state.transcripts.get(key)?.messages.map((stored) => stored.messageId),
            ['m1', 'm2']
        );
        assert.equal(emulator.state.duplicateMessages, 1);

        const byId = await call(`/voiceCalls/${id}/messages`, message('m3'));
        assert.equal(byId.status, 400);
        assert.match(errorsOf(byId), /keyed by vendorCallKey/);
        const leg = await created({ initiationMethod: 'Transfer', parentVoiceCallId: key });
        const onLeg = await call(`/voiceCalls/${leg.key}/messages`, message('m4'));
        assert.match(errorsOf(onLeg), /first VoiceCall of the conversation/);
        assert.equal((await call('/voiceCalls/nobody/messages', message('m5'))).status, 404);
        const backwards = await call(`/voiceCalls/${key}/messages`, { ...message('m6'), endTime: 10 });
        assert.match(errorsOf(backwards), /^\$\.endTime: before startTime$/);
        const sender = await call(`/voiceCalls/${key}/messages`, { ...message('m7'), senderType: 'BOT' });
        assert.match(errorsOf(sender), /^\$\.senderType: /);
        const millis = await call(`/voiceCalls/${key}/messages`, { ...message('m8'), startTime: '1000' });
        assert.match(errorsOf(millis), /^\$\.startTime: /);
    });

    it('answers the Omni flow routing and records the run', async () => {
        const { key } = await created();
        const plain = await call(`/voiceCalls/${key}/omniFlow`, { flowDevName: 'Route_Calls', dialedNumber: '+1555' });
        assert.deepEqual(plain.json, { agent: 'emulator-agent', queue: 'emulator-queue' });
        const chosen = await call(`/voiceCalls/${key}/omniFlow`, {
            flowDevName: 'Route_Calls',
            flowInputParameters: { agent: 'agent-7', queue: 'Sales' }
        });
        assert.deepEqual(chosen.json, { agent: 'agent-7', queue: 'Sales' });
        assert.equal(emulator.state.findVoiceCall(key)?.omniFlows.length, 2);
        const neither = await call(`/voiceCalls/${key}/omniFlow`, { fallbackQueue: 'Q' });
        assert.match(errorsOf(neither), /^\$\.flowDevName: required unless dialedNumber/);
        const typo = await call(`/voiceCalls/${key}/omniFlow`, { flowName: 'Route_Calls' });
        assert.match(errorsOf(typo), /\$\.flowName: unknown field/);
    });

    it('uses a configured routing answer', async () => {
        const routed = createTelephonyApiEmulator({
            publicKey: keys.publicKey,
            orgId: ORG_ID,
            callCenterApiName: CALL_CENTER,
            routing: (voiceCall, body) => ({
                agent: `for-${voiceCall.vendorCallKey}`,
                queue: body.fallbackQueue ?? 'none'
            })
        });
        const headers = {
            authorization: `Bearer ${await token()}`,
            'telephony-provider-name': 'anyone',
            'content-type': 'application/json'
        };
        await routed.app.inject({
            method: 'POST',
            url: `${PREFIX}/voiceCalls`,
            headers,
            payload: createBody({ vendorCallKey: 'k1' })
        });
        const response = await routed.app.inject({
            method: 'PATCH',
            url: `${PREFIX}/voiceCalls/k1/omniFlow`,
            headers,
            payload: { flowDevName: 'F', fallbackQueue: 'Q' }
        });
        assert.deepEqual(response.json(), { agent: 'for-k1', queue: 'Q' });
        await routed.app.close();
    });

    it('clears routing without a body and refuses one with fields', async () => {
        const { key } = await created();
        assert.equal((await call(`/voiceCalls/${key}/clearRouting`)).status, 200);
        assert.equal(emulator.state.findVoiceCall(key)?.routingCleared, true);
        assert.equal((await call(`/voiceCalls/${key}/clearRouting`, {})).status, 200);
        const withBody = await call(`/voiceCalls/${key}/clearRouting`, { reason: 'x' });
        assert.match(errorsOf(withBody), /^\$\.reason: clearRouting takes no body$/);
        assert.equal((await call('/voiceCalls/nobody/clearRouting')).status, 404);
    });
});

describe('emulator faults', () => {
    it('answers injected faults to matching requests only, as many times as asked', async () => {
        const { key } = await created();
        emulator.faults.inject({ kind: '503', count: 2, match: 'updateVoiceCall' });
        emulator.faults.inject({ kind: '429', retryAfterSeconds: 7, match: /\/messages$/ });
        assert.equal((await call('/voiceCalls', createBody())).status, 200);
        assert.equal((await call(`/voiceCalls/${key}`, { agent: 'a' })).status, 503);
        assert.equal((await call(`/voiceCalls/${key}`, { agent: 'a' })).status, 503);
        assert.equal((await call(`/voiceCalls/${key}`, { agent: 'a' })).status, 200);
        const throttled = await call(`/voiceCalls/${key}/messages`, {
            messageId: 'm',
            startTime: 1,
            endTime: 2,
            content: 'x',
            senderType: 'END_USER',
            participantId: 'p'
        });
        assert.equal(throttled.status, 429);
        assert.equal(throttled.headers['retry-after'], '7');
        assert.match(errorsOf(throttled), /SCV_LIMITS_ERROR/);
        assert.equal(emulator.state.faulted, 3);
        assert.deepEqual(emulator.faults.active(), []);
        assert.equal(emulator.state.requests.filter((request) => request.status === 503).length, 2);
    });

    it('keeps a forMs fault until its time is up, on the emulator clock', async () => {
        emulator.faults.inject({ kind: '500', forMs: 1000 });
        assert.equal((await call('/voiceCalls', createBody())).status, 500);
        assert.equal((await call('/voiceCalls', createBody())).status, 500);
        clockMs += 1000;
        assert.equal((await call('/voiceCalls', createBody())).status, 200);
    });

    it('does not spend a fault on a request it refuses', async () => {
        emulator.faults.inject({ kind: '500' });
        assert.equal((await call('/voiceCalls', createBody(), { bearer: null })).status, 401);
        assert.equal((await call('/voiceCalls', createBody())).status, 500);
    });

    it('is driven over HTTP by another process', async () => {
        const control = async (method: 'GET' | 'POST' | 'DELETE', path: string, payload?: unknown) => {
            const response = await emulator.app.inject({
                method,
                url: `/__emulator${path}`,
                ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> })
            });
            return {
                status: response.statusCode,
                json: (response.body === '' ? undefined : response.json()) as Record<string, unknown>
            };
        };
        const injected = await control('POST', '/faults', { kind: '503', count: 1, match: 'createVoiceCall' });
        assert.equal(injected.status, 201);
        assert.equal(injected.json.kind, '503');
        assert.equal(((await control('GET', '/faults')).json.faults as unknown[]).length, 1);
        assert.equal((await call('/voiceCalls', createBody())).status, 503);
        const { key } = await created();

        const state = await control('GET', '/state');
        assert.deepEqual(state.json, {
            voiceCalls: 1,
            activeVoiceCalls: 1,
            transcriptMessages: 0,
            requests: 2,
            unauthorized: 0,
            rejected: 0,
            duplicateCreates: 0,
            duplicateMessages: 0,
            faulted: 1,
            distinctTokens: 1,
            activeFaults: 0
        });
        const record = await control('GET', `/voiceCalls/${key}`);
        assert.equal(record.json.vendorCallKey, key);
        assert.deepEqual(record.json.transcript, []);
        assert.equal((await control('GET', '/voiceCalls/nobody')).status, 404);
        assert.ok(Array.isArray((await control('GET', '/requests')).json.requests));

        const badKind = await control('POST', '/faults', { kind: '418' });
        assert.equal(badKind.status, 400);
        assert.match(String((badKind.json.errors as string[])[0]), /^\$\.kind: /);
        const badRegex = await control('POST', '/faults', { kind: '500', match: '(' });
        assert.equal(badRegex.status, 400);
        assert.match(String((badRegex.json.errors as string[])[0]), /^\$\.match: /);

        await control('POST', '/faults', { kind: '500', forMs: 60_000, match: '^/voiceCalls$' });
        assert.equal((await call('/voiceCalls', createBody())).status, 500);
        assert.equal((await control('DELETE', '/faults')).status, 204);
        assert.equal((await call('/voiceCalls', createBody())).status, 200);
        assert.equal((await control('POST', '/reset')).status, 204);
        assert.equal(emulator.state.voiceCalls.size, 0);
    });

    describe('over a real loopback connection', () => {
        let live: TelephonyApiEmulator;
        let url: string;
        before(async () => {
            live = createTelephonyApiEmulator({
                publicKey: keys.publicKey,
                orgId: ORG_ID,
                callCenterApiName: CALL_CENTER
            });
            await live.app.listen({ host: '127.0.0.1', port: 0 });
            url = `http://127.0.0.1:${(live.app.server.address() as AddressInfo).port}`;
        });
        after(async () => {
            await live.app.close();
        });
        const post = async (signal?: AbortSignal) =>
            fetch(`${url}${PREFIX}/voiceCalls`, {
                method: 'POST',
                headers: {
                    authorization: `Bearer ${await token()}`,
                    'telephony-provider-name': 'p',
                    'content-type': 'application/json'
                },
                body: JSON.stringify(createBody()),
                ...(signal === undefined ? {} : { signal })
            });

        it('answers a slow fault late but normally', async () => {
            live.faults.inject({ kind: 'slow', delayMs: 150 });
            const started = Date.now();
            const response = await post();
            assert.equal(response.status, 200);
            assert.ok(Date.now() - started >= 140);
        });

        it('holds a timeout fault until the client gives up, and logs it unanswered', async () => {
            live.state.reset();
            live.faults.inject({ kind: 'timeout' });
            await assert.rejects(post(AbortSignal.timeout(100)), { name: 'TimeoutError' });
            // The emulator notices the closed connection asynchronously.
            for (let tries = 0; tries < 50 && !live.state.requests.some((r) => r.fault === 'timeout'); tries++) {
                await new Promise((resolve) => setTimeout(resolve, 10));
            }
            assert.deepEqual(
                live.state.requests.map(({ status, fault }) => ({ status, fault })),
                [{ status: 0, fault: 'timeout' }]
            );
            assert.equal(live.state.voiceCalls.size, 0);
        });

        it('lets close() release a held request at once', async () => {
            const held = createTelephonyApiEmulator({
                publicKey: keys.publicKey,
                orgId: ORG_ID,
                callCenterApiName: CALL_CENTER
            });
            await held.app.listen({ host: '127.0.0.1', port: 0 });
            held.faults.inject({ kind: 'timeout' });
            const heldUrl = `http://127.0.0.1:${(held.app.server.address() as AddressInfo).port}${PREFIX}/voiceCalls`;
            const pending = fetch(heldUrl, {
                method: 'POST',
                headers: {
                    authorization: `Bearer ${await token()}`,
                    'telephony-provider-name': 'p',
                    'content-type': 'application/json'
                },
                body: JSON.stringify(createBody()),
                signal: AbortSignal.timeout(10_000)
            });
            while (held.state.faulted === 0) await new Promise((resolve) => setTimeout(resolve, 10));
            const started = Date.now();
            await held.app.close();
            assert.equal((await pending).status, 504);
            assert.ok(Date.now() - started < 2000);
        });
    });

    it('needs a key or certificate to verify with', () => {
        assert.throws(
            () => createTelephonyApiEmulator({ orgId: ORG_ID, callCenterApiName: CALL_CENTER }),
            /certificatePem or publicKey/
        );
        assert.throws(
            () =>
                createTelephonyApiEmulator({
                    publicKey: keys.privateKey,
                    orgId: ORG_ID,
                    callCenterApiName: CALL_CENTER
                }),
            /RSA public key/
        );
    });
});
