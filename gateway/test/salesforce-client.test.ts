// TelephonyApiClient against the emulator over real loopback HTTP (127.0.0.1 only), and with injected fetch, clock
// and sleep so that retries and token lifetimes are tested without waiting for them.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { after, before, beforeEach, describe, it } from 'node:test';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { pino } from 'pino';
import { createTelephonyApiEmulator } from '../src/salesforce/emulator.js';
import type { TelephonyApiEmulator } from '../src/salesforce/emulator.js';
import { TelephonyApiClient, parseRetryAfter } from '../src/salesforce/telephony-api-client.js';
import type { TelephonyApiAttempt, TelephonyApiClientOptions } from '../src/salesforce/telephony-api-client.js';
import { TelephonyApiError } from '../src/salesforce/telephony-api.js';
import type { CreateVoiceCallBody, SalesforceJob } from '../src/salesforce/telephony-api.js';

const ORG_ID = '00D000000000001EAA';
const CALL_CENTER = 'SwitchboardContactCenter';
const PROVIDER = 'switchboard';
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });

let emulator: TelephonyApiEmulator;
let baseUrl: string;
/** The emulator's clock; tests that move the client's clock move this one too, as two hosts in sync would. */
let clockMs = Date.now();

before(async () => {
    emulator = createTelephonyApiEmulator({
        publicKey: keys.publicKey,
        orgId: ORG_ID,
        callCenterApiName: CALL_CENTER,
        providerName: PROVIDER,
        now: () => clockMs
    });
    await emulator.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = emulator.app.server.address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}/telephony/v1`;
});

after(async () => {
    await emulator.app.close();
});

beforeEach(() => {
    clockMs = Date.now();
    emulator.state.reset();
    emulator.faults.clear();
});

interface Harness {
    client: TelephonyApiClient;
    sleeps: number[];
    attempts: TelephonyApiAttempt[];
}

function harness(overrides: Partial<TelephonyApiClientOptions> = {}): Harness {
    const sleeps: number[] = [];
    const attempts: TelephonyApiAttempt[] = [];
    const client = new TelephonyApiClient({
        baseUrl,
        orgId: ORG_ID,
        callCenterApiName: CALL_CENTER,
        privateKey: keys.privateKey,
        providerName: PROVIDER,
        now: () => clockMs,
        random: () => 0.5,
        sleep: (ms) => {
            sleeps.push(ms);
            return Promise.resolve();
        },
        onAttempt: (info) => attempts.push(info),
        ...overrides
    });
    return { client, sleeps, attempts };
}

let keyCounter = 0;
function createJob(overrides: Partial<CreateVoiceCallBody> = {}): SalesforceJob & { kind: 'createVoiceCall' } {
    const vendorCallKey = overrides.vendorCallKey ?? `call-${++keyCounter}`;
    return {
        kind: 'createVoiceCall',
        callKey: vendorCallKey,
        body: {
            callCenterApiName: CALL_CENTER,
            vendorCallKey,
            to: '+15550100',
            from: '+15550199',
            initiationMethod: 'Inbound',
            startTime: '2024-05-01T10:00:00.000Z',
            participants: [{ participantKey: '+15550199', type: 'END_USER' }],
            ...overrides
        }
    };
}

async function rejection(promise: Promise<unknown>): Promise<TelephonyApiError> {
    try {
        await promise;
    } catch (error) {
        assert.ok(error instanceof TelephonyApiError, `expected a TelephonyApiError, got ${String(error)}`);
        return error;
    }
    assert.fail('expected the send to fail');
}

describe('TelephonyApiClient over loopback HTTP', () => {
    it('sends every job kind to its endpoint and parses the answers', async () => {
        const { client } = harness();
        const create = createJob({ vendorCallKey: 'key with/slash & space' });
        const created = await client.send(create);
        assert.equal(created.status, 200);
        assert.match(created.voiceCallId ?? '', /^0LQ[A-Za-z0-9]{15}$/);
        assert.equal(created.warnings, undefined);

        const key = create.callKey;
        const updated = await client.send({
            kind: 'updateVoiceCall',
            callKey: key,
            body: { agent: 'agent@example.com', totalHoldDuration: 4, isActiveCall: true }
        });
        assert.deepEqual(updated, { status: 200 });
        await client.send({
            kind: 'createTranscript',
            callKey: key,
            body: {
                messageId: 'm-1',
                startTime: 1_714_557_600_000,
                endTime: 1_714_557_601_000,
                content: 'Hello',
                senderType: 'END_USER',
                participantId: '+15550199'
            }
        });
        const routed = await client.send({
            kind: 'executeOmniFlow',
            callKey: key,
            body: { flowDevName: 'Route_Calls', flowInputParameters: { agent: 'agent-7' }, fallbackQueue: 'Q1' }
        });
        assert.deepEqual(routed, { status: 200, agent: 'agent-7', queue: 'Q1' });
        const cleared = await client.send({ kind: 'clearRouting', callKey: key });
        assert.equal(cleared.status, 200);

        const call = emulator.state.findVoiceCall(key);
        assert.ok(call);
        assert.equal(call.id, created.voiceCallId);
        assert.equal(call.fields.agent, 'agent@example.com');
        assert.equal(call.routingCleared, true);
        assert.equal(emulator.state.transcripts.get(key)?.messages.length, 1);
        assert.deepEqual(
            emulator.state.requests.map((request) => [request.kind, request.status]),
            [
                ['createVoiceCall', 200],
                ['updateVoiceCall', 200],
                ['createTranscript', 200],
                ['executeOmniFlow', 200],
                ['clearRouting', 200]
            ]
        );
    });

    it('signs an RS256 JWT with the documented header and claims, and no jti', async () => {
        const tokens: string[] = [];
        const { client } = harness({
            tokenTtlSeconds: 1800,
            fetch: (input, init) => {
                const authorization = new Headers(init?.headers).get('authorization') ?? '';
                tokens.push(authorization.replace(/^Bearer /, ''));
                return fetch(input, init);
            }
        });
        await client.send(createJob());
        const [token] = tokens;
        assert.ok(token);
        assert.deepEqual(decodeProtectedHeader(token), { alg: 'RS256', typ: 'JWT' });
        const claims = decodeJwt(token);
        assert.equal(claims.iss, ORG_ID);
        assert.equal(claims.sub, CALL_CENTER);
        assert.equal(claims.iat, Math.floor(clockMs / 1000));
        assert.equal((claims.exp ?? 0) - (claims.iat ?? 0), 1800);
        assert.equal(claims.jti, undefined);
        assert.equal(emulator.state.unauthorized, 0);
    });

    it('reuses one token for many calls, concurrent ones included', async () => {
        const { client } = harness();
        await Promise.all(Array.from({ length: 10 }, () => client.send(createJob())));
        for (let index = 0; index < 5; index++) await client.send(createJob());
        assert.equal(client.tokensSigned, 1);
        assert.equal(emulator.state.distinctTokens, 1);
        assert.equal(emulator.state.voiceCalls.size, 15);
    });

    it('signs a new token when less than 5 minutes (or 10 %) of its lifetime is left', async () => {
        const { client } = harness({ tokenTtlSeconds: 3600 });
        await client.send(createJob());
        clockMs += 3290 * 1000; // 310 s left: still reused
        await client.send(createJob());
        assert.equal(client.tokensSigned, 1);
        clockMs += 20 * 1000; // 290 s left: re-signed
        await client.send(createJob());
        assert.equal(client.tokensSigned, 2);
        assert.equal(emulator.state.unauthorized, 0);

        const short = harness({ tokenTtlSeconds: 600 });
        await short.client.send(createJob());
        clockMs += 539 * 1000; // 61 s of 600 left: more than 10 %
        await short.client.send(createJob());
        assert.equal(short.client.tokensSigned, 1);
        clockMs += 2 * 1000; // 59 s left: less than 10 %
        await short.client.send(createJob());
        assert.equal(short.client.tokensSigned, 2);
    });

    it('waits as a 429 Retry-After asks when the wait is short, then succeeds', async () => {
        emulator.faults.inject({ kind: '429', retryAfterSeconds: 2, match: 'createVoiceCall' });
        const { client, sleeps, attempts } = harness();
        const result = await client.send(createJob());
        assert.equal(result.status, 200);
        assert.deepEqual(sleeps, [2000]);
        assert.deepEqual(
            attempts.map(({ status, retry, throttled }) => ({ status, retry, throttled })),
            [
                { status: 429, retry: true, throttled: true },
                { status: 200, retry: false, throttled: false }
            ]
        );
        assert.match(attempts[0]?.error ?? '', /SCV_LIMITS_ERROR/);
    });

    it('reads Retry-After as an HTTP date too', async () => {
        clockMs = Math.floor(Date.now() / 1000) * 1000; // HTTP dates have whole seconds
        emulator.faults.inject({ kind: '429', retryAfterSeconds: 3, retryAfterAsDate: true });
        const { client, sleeps } = harness();
        await client.send(createJob());
        assert.deepEqual(sleeps, [3000]);
    });

    it('hands a 429 with a long Retry-After back to the caller as retryable, without waiting', async () => {
        emulator.faults.inject({ kind: '429', retryAfterSeconds: 30 });
        const { client, sleeps, attempts } = harness();
        const error = await rejection(client.send(createJob()));
        assert.equal(error.retryable, true);
        assert.equal(error.status, 429);
        assert.equal(error.retryAfterMs, 30_000);
        assert.deepEqual(sleeps, []);
        assert.equal(attempts.length, 1);
        assert.equal(attempts[0]?.retry, false);
        assert.equal(emulator.state.voiceCalls.size, 0);
    });

    it('retries a 429 without Retry-After with backoff', async () => {
        emulator.faults.inject({ kind: '429', retryAfterSeconds: null, count: 3 });
        const { client, sleeps } = harness();
        const error = await rejection(client.send(createJob()));
        assert.equal(error.retryable, true);
        assert.equal(error.retryAfterMs, undefined);
        assert.deepEqual(sleeps, [100, 200]);
    });

    it('tries a 5xx three times with exponential backoff and full jitter, then gives a retryable error', async () => {
        emulator.faults.inject({ kind: '503', count: 3 });
        const { client, sleeps, attempts } = harness();
        const error = await rejection(client.send(createJob()));
        assert.equal(error.retryable, true);
        assert.equal(error.status, 503);
        assert.match(error.message, /POST \/voiceCalls: HTTP 503: emulated server error/);
        // random() = 0.5 of the ceilings 200 and 400.
        assert.deepEqual(sleeps, [100, 200]);
        assert.deepEqual(
            attempts.map(({ attempt, retry }) => [attempt, retry]),
            [
                [1, true],
                [2, true],
                [3, false]
            ]
        );
        assert.equal(emulator.state.requests.length, 3);
        assert.equal(emulator.state.faulted, 3);
    });

    it('recovers when a 500 clears before the last attempt', async () => {
        emulator.faults.inject({ kind: '500', count: 2 });
        const { client, sleeps } = harness({ random: () => 0.999, baseDelayMs: 1000, maxDelayMs: 1500 });
        const result = await client.send(createJob());
        assert.match(result.voiceCallId ?? '', /^0LQ/);
        // Ceilings 1000 and min(2000, 1500).
        assert.deepEqual(sleeps, [999, 1498]);
    });

    it('gives up on an attempt that does not answer within timeoutMs and tries again', async () => {
        emulator.faults.inject({ kind: 'timeout', count: 1 });
        const { client, attempts } = harness({ timeoutMs: 150 });
        const started = Date.now();
        const result = await client.send(createJob());
        assert.equal(result.status, 200);
        assert.equal(attempts[0]?.error, 'timeout after 150 ms');
        assert.equal(attempts[0]?.status, undefined);
        assert.ok(Date.now() - started < 5000);

        emulator.faults.inject({ kind: 'timeout', count: 2 });
        const twice = harness({ timeoutMs: 100, maxAttempts: 2 });
        const error = await rejection(twice.client.send(createJob()));
        assert.equal(error.retryable, true);
        assert.equal(error.status, undefined);
        assert.match(error.message, /timeout after 100 ms/);
    });

    it('does not retry a 400 and names the refused field', async () => {
        const job = createJob();
        const { from: _from, ...withoutFrom } = job.body;
        const { client, attempts } = harness();
        const error = await rejection(
            client.send({
                ...job,
                body: { ...withoutFrom, initiationMethod: 'Outbound' } as unknown as CreateVoiceCallBody
            })
        );
        assert.equal(error.retryable, false);
        assert.equal(error.status, 400);
        assert.match(error.message, /HTTP 400/);
        assert.match(error.message, /\$\.from: required/);
        assert.match(error.message, /\$\.initiationMethod/);
        assert.equal(attempts.length, 1);
    });

    it('does not retry a 404 for an unknown call', async () => {
        const { client } = harness();
        const error = await rejection(client.send({ kind: 'clearRouting', callKey: 'nobody' }));
        assert.equal(error.retryable, false);
        assert.equal(error.status, 404);
        assert.match(error.message, /PATCH \/voiceCalls\/nobody\/clearRouting: HTTP 404/);
    });

    it('explains a 401 from a key the contact center does not know', async () => {
        const { client, attempts } = harness({ privateKey: otherKeys.privateKey });
        const error = await rejection(client.send(createJob()));
        assert.equal(error.retryable, false);
        assert.equal(error.status, 401);
        assert.match(error.message, /signature/);
        assert.match(error.message, /certificate on the contact center/);
        assert.match(error.message, new RegExp(`iss = ${ORG_ID}`));
        assert.equal(attempts.length, 1);
        assert.equal(emulator.state.unauthorized, 1);
    });

    it('is refused with a wrong org id (iss) or contact center name (sub)', async () => {
        const wrongIss = await rejection(harness({ orgId: '00D000000000002EAA' }).client.send(createJob()));
        assert.equal(wrongIss.status, 401);
        assert.match(wrongIss.message, /JWT iss must be the org Id/);
        const wrongSub = await rejection(harness({ callCenterApiName: 'Other' }).client.send(createJob()));
        assert.equal(wrongSub.status, 401);
        assert.match(wrongSub.message, /JWT sub must be the contact center API name/);
    });

    it('treats a Create twice with one vendorCallKey as one VoiceCall', async () => {
        const { client } = harness();
        const job = createJob();
        const first = await client.send(job);
        const second = await client.send(job);
        assert.equal(second.voiceCallId, first.voiceCallId);
        assert.equal(emulator.state.voiceCalls.size, 1);
        assert.equal(emulator.state.duplicateCreates, 1);
    });

    it('stores a transcript message once when it is sent twice', async () => {
        const { client } = harness();
        const job = createJob();
        await client.send(job);
        const message: SalesforceJob = {
            kind: 'createTranscript',
            callKey: job.callKey,
            body: {
                messageId: 'utterance-1',
                startTime: 1000,
                endTime: 2000,
                content: 'Hi',
                senderType: 'HUMAN_AGENT',
                participantId: 'agent@example.com'
            }
        };
        await client.send(message);
        await client.send(message);
        assert.equal(emulator.state.transcripts.get(job.callKey)?.messages.length, 1);
        assert.equal(emulator.state.duplicateMessages, 1);
    });

    it('fails retryably when nothing listens on the port', async () => {
        const closed = createTelephonyApiEmulator({
            publicKey: keys.publicKey,
            orgId: ORG_ID,
            callCenterApiName: CALL_CENTER
        });
        await closed.app.listen({ host: '127.0.0.1', port: 0 });
        const { port } = closed.app.server.address() as AddressInfo;
        await closed.app.close();
        const { client, sleeps, attempts } = harness({ baseUrl: `http://127.0.0.1:${port}/telephony/v1` });
        const error = await rejection(client.send(createJob()));
        assert.equal(error.retryable, true);
        assert.match(error.message, /ECONNREFUSED/);
        assert.equal(sleeps.length, 2);
        assert.equal(attempts.length, 3);
    });

    it('logs retries through a pino logger without key material', async () => {
        const lines: string[] = [];
        const sink = new Writable({
            write(chunk: Buffer, _encoding, callback) {
                lines.push(chunk.toString());
                callback();
            }
        });
        emulator.faults.inject({ kind: '500', count: 3 });
        const { client } = harness({ logger: pino({ level: 'debug' }, sink) });
        await rejection(client.send(createJob()));
        const log = lines.join('');
        assert.match(log, /retrying/);
        assert.match(log, /handing it back/);
        assert.doesNotMatch(log, /Bearer|eyJ|PRIVATE KEY/);
    });
});

describe('TelephonyApiClient with an injected fetch', () => {
    function answering(...responses: (Response | Error)[]): typeof fetch {
        return () => {
            const next = responses.shift();
            if (next === undefined) return Promise.reject(new Error('no more answers'));
            return next instanceof Error ? Promise.reject(next) : Promise.resolve(next);
        };
    }
    const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
        new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

    it('turns Create errors (a string or an array) into warnings', async () => {
        const { client } = harness({
            fetch: answering(
                json(200, { voiceCallId: '0LQ000000000001AAA', errors: 'Trigger failed' }),
                json(200, { voiceCallId: '0LQ000000000002AAA', errors: [{ errorCode: 'FLOW', message: 'x' }, 'y'] }),
                json(200, { errors: [] })
            )
        });
        assert.deepEqual(await client.send(createJob()), {
            status: 200,
            voiceCallId: '0LQ000000000001AAA',
            warnings: ['Trigger failed']
        });
        assert.deepEqual((await client.send(createJob())).warnings, ['FLOW: x', 'y']);
        assert.deepEqual((await client.send(createJob())).warnings, [
            'Salesforce answered Create VoiceCall without a voiceCallId'
        ]);
    });

    it('sends the headers, method and encoded path of each kind', async () => {
        const seen: { method: string; url: string; headers: Headers; body: unknown }[] = [];
        const { client } = harness({
            baseUrl: 'https://example.my.salesforce-scrt.com/telephony/v1/',
            fetch: (input, init) => {
                seen.push({
                    method: init?.method ?? 'GET',
                    url: input instanceof Request ? input.url : String(input),
                    headers: new Headers(init?.headers),
                    body: init?.body
                });
                return Promise.resolve(json(200, {}));
            }
        });
        await client.send({ kind: 'clearRouting', callKey: 'a/b?c' });
        await client.send({ kind: 'executeOmniFlow', callKey: 'k', body: { flowDevName: 'F' } });
        assert.equal(seen[0]?.method, 'PATCH');
        assert.equal(
            seen[0]?.url,
            'https://example.my.salesforce-scrt.com/telephony/v1/voiceCalls/a%2Fb%3Fc/clearRouting'
        );
        assert.equal(seen[0]?.body, undefined);
        assert.equal(seen[0]?.headers.get('content-type'), null);
        assert.equal(seen[0]?.headers.get('telephony-provider-name'), PROVIDER);
        assert.match(seen[0]?.headers.get('authorization') ?? '', /^Bearer ey/);
        assert.equal(seen[1]?.url, 'https://example.my.salesforce-scrt.com/telephony/v1/voiceCalls/k/omniFlow');
        assert.equal(seen[1]?.headers.get('content-type'), 'application/json');
        assert.equal(seen[1]?.body, JSON.stringify({ flowDevName: 'F' }));
    });

    it('retries network errors and 408, not 403 or a redirect', async () => {
        const refused = new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:1') });
        const retried = harness({ fetch: answering(refused, json(408, {}), json(200, { voiceCallId: '0LQx' })) });
        assert.equal((await retried.client.send(createJob())).voiceCallId, '0LQx');
        assert.equal(retried.attempts[0]?.error, 'fetch failed: connect ECONNREFUSED 127.0.0.1:1');
        assert.equal(retried.attempts[1]?.status, 408);

        const forbidden = harness({ fetch: answering(json(403, [{ message: 'Forbidden', errorCode: 'NO_ACCESS' }])) });
        const denied = await rejection(forbidden.client.send(createJob()));
        assert.equal(denied.retryable, false);
        assert.match(denied.message, /HTTP 403: Salesforce refused the JWT: NO_ACCESS: Forbidden/);

        const redirected = harness({
            fetch: answering(new Response(null, { status: 302, headers: { location: 'https://login.salesforce.com' } }))
        });
        const redirect = await rejection(redirected.client.send(createJob()));
        assert.equal(redirect.retryable, false);
        assert.match(redirect.message, /unexpected redirect/);
    });

    it('quotes a non-JSON error body, shortened', async () => {
        const { client } = harness({ fetch: answering(new Response('x'.repeat(2000), { status: 422 })) });
        const error = await rejection(client.send(createJob()));
        assert.equal(error.status, 422);
        assert.ok(error.message.length < 700);
        assert.match(error.message, /x…$/);
    });

    it('refuses bad options', () => {
        const base: TelephonyApiClientOptions = {
            baseUrl,
            orgId: ORG_ID,
            callCenterApiName: CALL_CENTER,
            privateKey: keys.privateKey,
            providerName: PROVIDER
        };
        assert.throws(() => new TelephonyApiClient({ ...base, tokenTtlSeconds: 86_401 }), /at most 86400/);
        assert.throws(() => new TelephonyApiClient({ ...base, baseUrl: 'not a url' }), /not a URL/);
        assert.throws(() => new TelephonyApiClient({ ...base, orgId: ' ' }), /orgId must not be empty/);
        assert.throws(() => new TelephonyApiClient({ ...base, maxAttempts: 0 }), /maxAttempts/);
        assert.throws(() => new TelephonyApiClient({ ...base, privateKey: keys.publicKey }), /RSA private key/);
        const pem = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
        assert.ok(new TelephonyApiClient({ ...base, privateKey: pem }));
    });

    it('parses Retry-After as seconds or an HTTP date', () => {
        const now = Date.parse('2024-05-01T10:00:00Z');
        assert.equal(parseRetryAfter('7', now), 7000);
        assert.equal(parseRetryAfter('Wed, 01 May 2024 10:00:05 GMT', now), 5000);
        assert.equal(parseRetryAfter('Wed, 01 May 2024 09:00:00 GMT', now), 0);
        assert.equal(parseRetryAfter('soon', now), undefined);
        assert.equal(parseRetryAfter(null, now), undefined);
    });
});
