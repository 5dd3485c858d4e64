// An emulator of Salesforce's Telephony Integration REST API (voice-platform.md §6) for tests, the crash test and
// the workbench: it checks what the reference documents (the JWT, the headers, every body field), keeps the
// records it would have made, and fails on command. Where the reference is silent the emulator picks the strict
// reading, so the gateway is tested against the harder case; each such choice is commented.
//
// Paths: the API under /telephony/v1; an unauthenticated control API under /__emulator (listen on loopback only).
// It keeps its records in memory; `initial` and `onChange` let a host keep them elsewhere (the workbench: SQLite).
import { X509Certificate, createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import Fastify from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';
import * as v from 'valibot';
import type { CreateVoiceCallBody, OmniFlowBody, SalesforceJobKind, UpdateVoiceCallBody } from './telephony-api.js';
import {
    createVoiceCallSchema,
    formatIssues,
    omniFlowSchema,
    transcriptMessageSchema,
    updateVoiceCallSchema
} from './telephony-api-schemas.js';

export const TELEPHONY_API_PREFIX = '/telephony/v1';
export const EMULATOR_CONTROL_PREFIX = '/__emulator';

/** A held ('timeout') or delayed ('slow') request never waits longer than this. */
const MAX_HOLD_MS = 60_000;
const MAX_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;

export interface TelephonyApiEmulatorOptions {
    /** The certificate pasted on the contact center (reqTelephonyIntegrationCertificate). */
    certificatePem?: string;
    /** Or the bare public key (SPKI PEM or KeyObject), when no certificate could be made. */
    publicKey?: string | KeyObject;
    orgId: string;
    callCenterApiName: string;
    /** When set, `Telephony-Provider-Name` must equal it; otherwise any non-empty value passes. */
    providerName?: string;
    /** Milliseconds since the epoch; share it with a client under test that has an injected clock. */
    now?: () => number;
    /** Clock skew tolerated on iat and exp. Default 60 s. */
    clockSkewSeconds?: number;
    /** The Execute Omni flow answer; default: `flowInputParameters.agent`, else `emulator-agent`. */
    routing?: (call: EmulatedVoiceCall, body: OmniFlowBody) => { agent: string; queue: string };
    /** Requests kept in `state.requests` (oldest dropped first). Default 10 000. */
    maxLoggedRequests?: number;
    /** Fastify's logger; default off. */
    logger?: boolean;
    /**
     * Records to start with, e.g. what `onChange` kept in a previous run. They are taken as they are (not copied);
     * new VoiceCall Ids continue after the highest one given.
     */
    initial?: EmulatorRecords;
    /**
     * Told of every change to the records, synchronously, before the API answers, so a listener that persists it
     * has done so when the client hears success. If it throws, the API answers 500 and the client's retry of the
     * request tells it again (a new VoiceCall or message is kept only once the listener has returned).
     */
    onChange?: (change: EmulatorRecordChange) => void;
}

/** What the emulator holds that a restart would lose: the records an org would keep. */
export interface EmulatorRecords {
    voiceCalls: EmulatedVoiceCall[];
    transcripts: EmulatedTranscript[];
}

/** One change to the records, as `onChange` hears it. */
export type EmulatorRecordChange =
    /** A VoiceCall was created or changed (Update, Execute Omni flow, clearRouting): the whole record as it now is. */
    | { type: 'voiceCall'; call: EmulatedVoiceCall }
    /** A transcript message was stored (a repeated messageId is not a change). */
    | { type: 'transcriptMessage'; conversationKey: string; message: EmulatedTranscriptMessage }
    /** Everything was dropped (`state.reset()` or POST /__emulator/reset). */
    | { type: 'reset' };

export interface EmulatedVoiceCall {
    /** Salesforce-shaped 18-character VoiceCall Id (`0LQ…`). */
    id: string;
    vendorCallKey: string;
    createdAt: number;
    create: CreateVoiceCallBody;
    /** Id of the VoiceCall this Transfer leg came from. */
    parentId?: string;
    /** vendorCallKey of the first VoiceCall of the conversation: the transcript key. */
    conversationKey: string;
    /** The fields as the Updates left them (later values overwrite, as Salesforce does with totals). */
    fields: UpdateVoiceCallBody;
    /** Every Update body, in the order applied. */
    updates: UpdateVoiceCallBody[];
    isActive: boolean;
    /** `completed` once an Update sent isActiveCall=false. */
    callDisposition?: 'completed';
    /** Pending service routing cleared (clearRouting, or isActiveCall=false). */
    routingCleared: boolean;
    /** recordingLocation values: each would create a VoiceCallRecording. */
    recordings: string[];
    omniFlows: { request: OmniFlowBody; answer: { agent: string; queue: string } }[];
}

/** A stored message: the gateway's TranscriptMessageBody, or a SUPERVISOR one as Salesforce's demo sends. */
export type EmulatedTranscriptMessage = v.InferOutput<typeof transcriptMessageSchema>;

export interface EmulatedTranscript {
    conversationKey: string;
    messages: EmulatedTranscriptMessage[];
}

export interface EmulatedRequest {
    method: string;
    path: string;
    /** 0 when the emulator never answered (a 'timeout' fault the client gave up on). */
    status: number;
    time: number;
    kind?: SalesforceJobKind;
    fault?: EmulatorFaultKind;
}

export interface EmulatorState {
    voiceCalls: Map<string, EmulatedVoiceCall>;
    /** By conversation key (the first VoiceCall's vendorCallKey). */
    transcripts: Map<string, EmulatedTranscript>;
    requests: EmulatedRequest[];
    /** 401 answers. */
    unauthorized: number;
    /** Other 4xx answers of the API (bad bodies, unknown calls, bad headers). */
    rejected: number;
    /** Creates that named an existing vendorCallKey (answered with the existing id, nothing created). */
    duplicateCreates: number;
    /** Transcript messages whose messageId the conversation already had (not stored again). */
    duplicateMessages: number;
    /** Requests a fault answered (or held). */
    faulted: number;
    /** Distinct JWTs accepted since the last reset: a client that reuses its token keeps this low. */
    distinctTokens: number;
    /** Finds a VoiceCall by Id or vendorCallKey, as `{id}` in the API paths does. */
    findVoiceCall(idOrKey: string): EmulatedVoiceCall | undefined;
    reset(): void;
}

export type EmulatorFaultKind = '429' | '500' | '503' | 'timeout' | 'slow';

export interface EmulatorFaultSpec {
    kind: EmulatorFaultKind;
    /** How many matching requests it hits. Default 1, or unlimited when `forMs` is given. */
    count?: number;
    /** How long it stays active from injection. */
    forMs?: number;
    /** 'slow': the delay before answering normally. Default 2000 ms; at most 60 s. */
    delayMs?: number;
    /** '429': the Retry-After value in seconds; null sends none. Default 1. */
    retryAfterSeconds?: number | null;
    /** '429': send Retry-After as an HTTP date instead of seconds. */
    retryAfterAsDate?: boolean;
    /** A job kind, or a regular expression over the path below /telephony/v1. Default: every request. */
    match?: RegExp | string;
}

export interface EmulatorFault {
    id: number;
    kind: EmulatorFaultKind;
    /** Requests it may still hit; undefined = unlimited until `until`. */
    remaining?: number;
    /** Epoch ms after which it is gone. */
    until?: number;
    delayMs?: number;
    retryAfterSeconds: number | null;
    retryAfterAsDate: boolean;
    match?: string;
    hits: number;
}

export interface EmulatorFaults {
    inject(spec: EmulatorFaultSpec): EmulatorFault;
    clear(): void;
    /** The faults still active. */
    active(): EmulatorFault[];
}

export interface TelephonyApiEmulator {
    app: FastifyInstance;
    state: EmulatorState;
    faults: EmulatorFaults;
}

const JOB_KINDS: readonly SalesforceJobKind[] = [
    'createVoiceCall',
    'updateVoiceCall',
    'createTranscript',
    'executeOmniFlow',
    'clearRouting'
];

/** Thrown inside handlers: answered as `{"errors":[...]}` with the status. */
class ApiRefusal extends Error {
    constructor(
        readonly statusCode: number,
        readonly messages: string[]
    ) {
        super(messages.join('; '));
    }
}

export function createTelephonyApiEmulator(options: TelephonyApiEmulatorOptions): TelephonyApiEmulator {
    const publicKey = verificationKey(options);
    const now = options.now ?? Date.now;
    const skewSeconds = options.clockSkewSeconds ?? 60;
    const maxLoggedRequests = options.maxLoggedRequests ?? 10_000;
    const routing = options.routing ?? defaultRouting;

    const notify = options.onChange ?? (() => undefined);
    const state = createState(notify);
    if (options.initial) restore(state, options.initial);
    const faults = createFaults(now);
    /** jti → exp (seconds) of every token seen with a jti, to refuse replays until they expire anyway. */
    const seenJtis = new Map<string, number>();
    /** Releases every held request, so that closing the app never waits up to a minute. */
    const holds = new Set<() => void>();
    /** Settles when a held request's response is over: close() lets those answers out before cutting sockets. */
    const heldResponses = new Set<Promise<void>>();

    // Closing cuts every connection, idle or not: an emulator that is closed is "down", and Node's fetch may
    // hold an unused connection open that would otherwise keep close() waiting for the server's timeouts.
    const app = Fastify({ logger: options.logger ?? false, forceCloseConnections: true });

    let closing = false;
    app.addHook('preClose', async () => {
        closing = true;
        for (const release of holds) release();
        // Bounded: a response that never completes must not stop close().
        let timer: NodeJS.Timeout | undefined;
        const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, 2000)));
        await Promise.race([Promise.all(heldResponses), bound]);
        clearTimeout(timer);
    });

    app.addHook('onResponse', (request, reply, done) => {
        // Only the API: the control routes are the test's own traffic.
        if (request.url.startsWith(`${TELEPHONY_API_PREFIX}/`)) {
            logRequest(request, reply.statusCode);
            if (reply.statusCode === 401) state.unauthorized++;
            else if (reply.statusCode >= 400 && reply.statusCode < 500 && reply.statusCode !== 429) state.rejected++;
        }
        done();
    });

    function logRequest(request: FastifyRequest, status: number, fault?: EmulatorFaultKind): void {
        const kind = jobKindOf(request);
        state.requests.push({
            method: request.method,
            path: request.url,
            status,
            time: now(),
            ...(kind === undefined ? {} : { kind }),
            ...(fault === undefined ? {} : { fault })
        });
        if (state.requests.length > maxLoggedRequests)
            state.requests.splice(0, state.requests.length - maxLoggedRequests);
    }

    /** Waits `ms`, or until the client goes away or the app closes. True when the client is still there. */
    async function hold(reply: FastifyReply, ms: number): Promise<boolean> {
        const over = new Promise<void>((resolve) => reply.raw.once('close', () => resolve()));
        heldResponses.add(over);
        void over.then(() => heldResponses.delete(over));
        await new Promise<void>((resolve) => {
            const release = (): void => {
                clearTimeout(timer);
                reply.raw.off('close', release);
                holds.delete(release);
                resolve();
            };
            const timer = setTimeout(release, Math.min(ms, MAX_HOLD_MS));
            reply.raw.on('close', release);
            holds.add(release);
        });
        const clientWaits = !reply.raw.destroyed && !reply.raw.writableEnded;
        // Closing: the answer must also end the keep-alive connection, or close() waits for its idle timeout.
        if (clientWaits && closing) void reply.header('connection', 'close');
        return clientWaits;
    }

    const verifiedTokens = new Map<string, { iat?: number; exp?: number }>();

    async function authenticate(request: FastifyRequest): Promise<void> {
        const header = request.headers.authorization;
        const match = header === undefined ? null : /^Bearer\s+(\S+)$/i.exec(header);
        const token = match?.[1];
        if (token === undefined) throw new ApiRefusal(401, ['Authorization: Bearer <JWT> is required']);
        let alg: string | undefined;
        try {
            alg = decodeProtectedHeader(token).alg;
        } catch {
            throw new ApiRefusal(401, ['the Bearer token is not a JWT']);
        }
        if (alg !== 'RS256') throw new ApiRefusal(401, [`JWT alg ${alg ?? '(none)'} is not accepted: RS256 only`]);
        // A token without jti is reused by design: its signature, once verified, need not be verified again while
        // it lives (its expiry is still checked below on every request).
        let payload: { iat?: number; exp?: number; jti?: string } | undefined = verifiedTokens.get(token);
        if (payload && (payload.exp ?? 0) + skewSeconds <= now() / 1000) payload = undefined;
        if (!payload)
            try {
                ({ payload } = await jwtVerify(token, publicKey, {
                    algorithms: ['RS256'],
                    issuer: options.orgId,
                    subject: options.callCenterApiName,
                    requiredClaims: ['iat', 'exp'],
                    currentDate: new Date(now()),
                    clockTolerance: skewSeconds
                }));
            } catch (error) {
                throw new ApiRefusal(401, [jwtRefusal(error, options)]);
            }
        const nowSeconds = now() / 1000;
        const { iat = 0, exp = 0, jti } = payload;
        if (iat > nowSeconds + skewSeconds) throw new ApiRefusal(401, ['JWT iat is in the future']);
        if (exp - iat > MAX_TOKEN_LIFETIME_SECONDS) {
            throw new ApiRefusal(401, ['JWT exp is more than 24 hours after iat']);
        }
        if (jti !== undefined) {
            if (seenJtis.has(jti)) throw new ApiRefusal(401, ['JWT jti has already been used (replay)']);
            seenJtis.set(jti, exp);
            // Forget jtis whose tokens are expired: they cannot be replayed anyway.
            if (seenJtis.size % 1000 === 0) {
                for (const [id, expiry] of seenJtis) if (expiry + skewSeconds < nowSeconds) seenJtis.delete(id);
            }
        }
        if (jti === undefined) {
            if (verifiedTokens.size > 1000) verifiedTokens.clear();
            verifiedTokens.set(token, payload);
        }
        if (!state.seenTokens.has(token)) {
            state.seenTokens.add(token);
            state.distinctTokens = state.seenTokens.size;
        }
    }

    void app.register(
        (api, _options, done) => {
            // JSON only: the reference says XML is accepted too, but the gateway sends JSON, and anything else
            // reaching the emulator is a bug worth a 415.
            api.removeAllContentTypeParsers();
            api.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, parsed) => {
                const text = typeof body === 'string' ? body : body.toString('utf8');
                if (text.trim() === '') {
                    parsed(null, undefined);
                    return;
                }
                try {
                    parsed(null, JSON.parse(text));
                } catch (error) {
                    parsed(new ApiRefusal(400, [`$: the body is not valid JSON (${describe(error)})`]), undefined);
                }
            });

            api.addHook('onRequest', async (request) => {
                await authenticate(request);
                const provider = request.headers['telephony-provider-name'];
                if (typeof provider !== 'string' || provider.trim() === '') {
                    throw new ApiRefusal(400, ['the Telephony-Provider-Name header is required']);
                }
                if (options.providerName !== undefined && provider !== options.providerName) {
                    throw new ApiRefusal(400, [
                        `Telephony-Provider-Name ${provider} is not this org's provider (${options.providerName})`
                    ]);
                }
            });

            api.addHook('preHandler', async (request, reply) => {
                const path = request.url.slice(TELEPHONY_API_PREFIX.length).split('?')[0] ?? '';
                const fault = faults.take(jobKindOf(request), path);
                if (fault === undefined) return;
                state.faulted++;
                switch (fault.kind) {
                    case '429': {
                        if (fault.retryAfterSeconds !== null) {
                            const seconds = fault.retryAfterSeconds;
                            void reply.header(
                                'retry-after',
                                fault.retryAfterAsDate
                                    ? new Date(now() + seconds * 1000).toUTCString()
                                    : String(Math.ceil(seconds))
                            );
                        }
                        return reply
                            .code(429)
                            .send({ errors: ['SCV_LIMITS_ERROR: too many requests (emulated limit error)'] });
                    }
                    case '500':
                    case '503':
                        return reply.code(Number(fault.kind)).send({ errors: ['emulated server error'] });
                    case 'slow':
                        if (await hold(reply, fault.delayMs ?? 2000)) return;
                        logRequest(request, 0, 'slow');
                        return reply.hijack();
                    case 'timeout':
                        // Held until the client gives up; if it never does, answered 504 after at most 60 s.
                        if (await hold(reply, MAX_HOLD_MS)) {
                            return reply.code(504).send({ errors: ['emulated timeout: no answer'] });
                        }
                        logRequest(request, 0, 'timeout');
                        return reply.hijack();
                }
            });

            api.post<{ Body: unknown }>('/voiceCalls', (request) => {
                const body = parse(createVoiceCallSchema, request.body);
                if (body.callCenterApiName !== options.callCenterApiName) {
                    throw new ApiRefusal(400, [
                        `$.callCenterApiName: must be the contact center the JWT names (${options.callCenterApiName})`
                    ]);
                }
                // Salesforce's answer to a repeated vendorCallKey is not documented (unconfirmed). The emulator
                // treats Create as idempotent on vendorCallKey, which is what a retrying outbox needs; if a real
                // org answers an error instead, the gateway must treat that error as success for a retried job.
                const existing = state.findVoiceCall(body.vendorCallKey);
                if (existing !== undefined && existing.vendorCallKey === body.vendorCallKey) {
                    state.duplicateCreates++;
                    return { voiceCallId: existing.id, errors: [] };
                }
                let parent: EmulatedVoiceCall | undefined;
                if (body.initiationMethod === 'Transfer') {
                    if (body.parentVoiceCallId === undefined) {
                        throw new ApiRefusal(400, ['$.parentVoiceCallId: required when initiationMethod is Transfer']);
                    }
                    parent = state.findVoiceCall(body.parentVoiceCallId);
                    if (parent === undefined) {
                        throw new ApiRefusal(400, [
                            `$.parentVoiceCallId: no VoiceCall has the Id or vendorCallKey ${body.parentVoiceCallId}`
                        ]);
                    }
                } else if (body.queue !== undefined) {
                    throw new ApiRefusal(400, ['$.queue: only allowed when initiationMethod is Transfer']);
                }
                const call: EmulatedVoiceCall = {
                    id: nextVoiceCallId(),
                    vendorCallKey: body.vendorCallKey,
                    createdAt: now(),
                    create: body,
                    conversationKey: parent?.conversationKey ?? body.vendorCallKey,
                    fields: {},
                    updates: [],
                    isActive: true,
                    routingCleared: false,
                    recordings: [],
                    omniFlows: [],
                    ...(parent === undefined ? {} : { parentId: parent.id })
                };
                // Told before it is kept: if the listener throws, the client's retry creates it again.
                notify({ type: 'voiceCall', call });
                state.voiceCalls.set(call.id, call);
                return { voiceCallId: call.id, errors: [] };
            });

            api.patch<{ Body: unknown; Params: { key: string } }>('/voiceCalls/:key', (request) => {
                // The reference says Update "can create a record after the call ended" (missed/abandoned), but
                // not with which fields; the emulator asks for a Create first and answers an unknown key 404.
                const call = existingCall(request.params.key);
                const body = parse(updateVoiceCallSchema, request.body);
                if (
                    body.totalRecordingDuration !== undefined &&
                    body.recordingLocation === undefined &&
                    call.fields.recordingLocation === undefined
                ) {
                    throw new ApiRefusal(400, ['$.recordingLocation: required with any recording field']);
                }
                call.updates.push(body);
                Object.assign(call.fields, body);
                if (body.recordingLocation !== undefined) call.recordings.push(body.recordingLocation);
                if (body.isActiveCall === false) {
                    call.isActive = false;
                    call.routingCleared = true;
                    call.callDisposition = 'completed';
                }
                notify({ type: 'voiceCall', call });
                // Asynchronous in Salesforce: "pending", and no way to ask how it went.
                return { status: 'pending' };
            });

            api.post<{ Body: unknown; Params: { key: string } }>('/voiceCalls/:key/messages', (request) => {
                const key = request.params.key;
                const call = state.findVoiceCall(key);
                if (call === undefined) throw new ApiRefusal(404, [`no VoiceCall has the vendorCallKey ${key}`]);
                if (call.vendorCallKey !== key) {
                    throw new ApiRefusal(400, [
                        `transcript messages are keyed by vendorCallKey (${call.vendorCallKey}), not the VoiceCall Id`
                    ]);
                }
                // Strict reading of the reference: the key is the vendorCallKey of the conversation's *first* call.
                if (call.conversationKey !== key) {
                    throw new ApiRefusal(400, [
                        `transcript messages go to the first VoiceCall of the conversation (${call.conversationKey}), not a transfer leg`
                    ]);
                }
                const body = parse(transcriptMessageSchema, request.body);
                if (body.endTime < body.startTime) throw new ApiRefusal(400, ['$.endTime: before startTime']);
                let transcript = state.transcripts.get(key);
                if (transcript === undefined) {
                    transcript = { conversationKey: key, messages: [] };
                    state.transcripts.set(key, transcript);
                }
                // messageId is the message's idempotency key per the reference; what Salesforce answers to a
                // repeat is unconfirmed. The emulator answers success and stores nothing, which a retry needs.
                if (transcript.messages.some((message) => message.messageId === body.messageId)) {
                    state.duplicateMessages++;
                } else {
                    notify({ type: 'transcriptMessage', conversationKey: key, message: body });
                    transcript.messages.push(body);
                }
                // The success body is not documented.
                return {};
            });

            api.patch<{ Body: unknown; Params: { key: string } }>('/voiceCalls/:key/omniFlow', (request) => {
                const call = existingCall(request.params.key);
                const body = parse(omniFlowSchema, request.body);
                if (body.flowDevName === undefined && body.dialedNumber === undefined) {
                    throw new ApiRefusal(400, ['$.flowDevName: required unless dialedNumber names the flow']);
                }
                const answer = routing(call, body);
                call.omniFlows.push({ request: body, answer });
                notify({ type: 'voiceCall', call });
                return answer;
            });

            api.patch<{ Body: unknown; Params: { key: string } }>('/voiceCalls/:key/clearRouting', (request) => {
                const call = existingCall(request.params.key);
                if (request.body !== undefined && request.body !== null) {
                    const fields = isRecord(request.body) ? Object.keys(request.body) : ['$'];
                    if (fields.length > 0) {
                        throw new ApiRefusal(
                            400,
                            fields.map((field) => `$.${field}: clearRouting takes no body`)
                        );
                    }
                }
                call.routingCleared = true;
                notify({ type: 'voiceCall', call });
                return {};
            });

            api.setNotFoundHandler((request, reply) => {
                void reply.code(404).send({ errors: [`no such endpoint: ${request.method} ${request.url}`] });
            });
            done();
        },
        { prefix: TELEPHONY_API_PREFIX }
    );

    app.setErrorHandler((error, _request, reply) => {
        if (error instanceof ApiRefusal) return reply.code(error.statusCode).send({ errors: error.messages });
        const statusCode =
            typeof error === 'object' && error !== null && 'statusCode' in error && typeof error.statusCode === 'number'
                ? error.statusCode
                : 500;
        return reply.code(statusCode).send({ errors: [describe(error)] });
    });

    registerControlRoutes(app, state, faults);

    function existingCall(idOrKey: string): EmulatedVoiceCall {
        const call = state.findVoiceCall(idOrKey);
        if (call === undefined) throw new ApiRefusal(404, [`no VoiceCall has the Id or vendorCallKey ${idOrKey}`]);
        return call;
    }

    function nextVoiceCallId(): string {
        state.idCounter++;
        return salesforceId(`0LQWt0${String(state.idCounter).padStart(9, '0')}`);
    }

    return {
        app,
        state,
        faults: {
            inject: (spec) => faults.inject(spec),
            clear: () => faults.clear(),
            active: () => faults.active()
        }
    };
}

/** The control API a separate process (crash test, workbench) drives. */
function registerControlRoutes(app: FastifyInstance, state: InternalState, faults: InternalFaults): void {
    const faultSpecSchema = v.strictObject({
        kind: v.picklist(['429', '500', '503', 'timeout', 'slow']),
        count: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
        forMs: v.optional(v.pipe(v.number(), v.minValue(1))),
        delayMs: v.optional(v.pipe(v.number(), v.minValue(0), v.maxValue(MAX_HOLD_MS))),
        retryAfterSeconds: v.optional(v.nullable(v.pipe(v.number(), v.minValue(0)))),
        retryAfterAsDate: v.optional(v.boolean()),
        match: v.optional(v.string())
    });

    void app.register(
        (control, _options, done) => {
            control.post<{ Body: unknown }>('/faults', (request, reply) => {
                const spec = parse(faultSpecSchema, request.body);
                void reply.code(201).send(faults.inject(spec));
            });
            control.get('/faults', () => ({ faults: faults.active() }));
            control.delete('/faults', (_request, reply) => {
                faults.clear();
                void reply.code(204).send();
            });
            control.get('/state', () => summary(state, faults));
            control.get<{ Params: { key: string } }>('/voiceCalls/:key', (request, reply) => {
                const call = state.findVoiceCall(request.params.key);
                if (call === undefined) void reply.code(404).send({ errors: ['no such VoiceCall'] });
                else
                    void reply.send({
                        ...call,
                        transcript: state.transcripts.get(call.conversationKey)?.messages ?? []
                    });
            });
            control.get('/requests', () => ({ requests: state.requests }));
            control.post('/reset', (_request, reply) => {
                state.reset();
                faults.clear();
                void reply.code(204).send();
            });
            done();
        },
        { prefix: EMULATOR_CONTROL_PREFIX }
    );
}

/** Counts for `GET /__emulator/state`. */
export interface EmulatorSummary {
    voiceCalls: number;
    activeVoiceCalls: number;
    transcriptMessages: number;
    requests: number;
    unauthorized: number;
    rejected: number;
    duplicateCreates: number;
    duplicateMessages: number;
    faulted: number;
    distinctTokens: number;
    activeFaults: number;
}

function summary(state: EmulatorState, faults: EmulatorFaults): EmulatorSummary {
    let activeVoiceCalls = 0;
    for (const call of state.voiceCalls.values()) if (call.isActive) activeVoiceCalls++;
    let transcriptMessages = 0;
    for (const transcript of state.transcripts.values()) transcriptMessages += transcript.messages.length;
    return {
        voiceCalls: state.voiceCalls.size,
        activeVoiceCalls,
        transcriptMessages,
        requests: state.requests.length,
        unauthorized: state.unauthorized,
        rejected: state.rejected,
        duplicateCreates: state.duplicateCreates,
        duplicateMessages: state.duplicateMessages,
        faulted: state.faulted,
        distinctTokens: state.distinctTokens,
        activeFaults: faults.active().length
    };
}

interface InternalState extends EmulatorState {
    idCounter: number;
    seenTokens: Set<string>;
}

function createState(notify: (change: EmulatorRecordChange) => void): InternalState {
    const state: InternalState = {
        voiceCalls: new Map(),
        transcripts: new Map(),
        requests: [],
        unauthorized: 0,
        rejected: 0,
        duplicateCreates: 0,
        duplicateMessages: 0,
        faulted: 0,
        distinctTokens: 0,
        idCounter: 0,
        seenTokens: new Set(),
        findVoiceCall(idOrKey) {
            const byId = state.voiceCalls.get(idOrKey);
            if (byId !== undefined) return byId;
            for (const call of state.voiceCalls.values()) if (call.vendorCallKey === idOrKey) return call;
            return undefined;
        },
        reset() {
            // In place: callers hold references to this object and its collections.
            state.voiceCalls.clear();
            state.transcripts.clear();
            state.requests.length = 0;
            state.unauthorized = 0;
            state.rejected = 0;
            state.duplicateCreates = 0;
            state.duplicateMessages = 0;
            state.faulted = 0;
            state.idCounter = 0;
            state.seenTokens.clear();
            state.distinctTokens = 0;
            notify({ type: 'reset' });
        }
    };
    return state;
}

/** Puts records a previous run kept back in place; new Ids continue after the highest restored one. */
function restore(state: InternalState, records: EmulatorRecords): void {
    for (const call of records.voiceCalls) {
        state.voiceCalls.set(call.id, call);
        const counter = /^0LQWt0(\d{9})/.exec(call.id)?.[1];
        if (counter !== undefined) state.idCounter = Math.max(state.idCounter, Number(counter));
    }
    for (const transcript of records.transcripts) state.transcripts.set(transcript.conversationKey, transcript);
}

interface InternalFaults extends EmulatorFaults {
    /** The fault that answers this request, with its count consumed; undefined when none matches. */
    take(kind: SalesforceJobKind | undefined, path: string): EmulatorFault | undefined;
}

function createFaults(now: () => number): InternalFaults {
    let nextId = 1;
    let active: { fault: EmulatorFault; matches: (kind: SalesforceJobKind | undefined, path: string) => boolean }[] =
        [];
    const prune = (): void => {
        const time = now();
        active = active.filter(
            ({ fault }) =>
                (fault.remaining === undefined || fault.remaining > 0) &&
                (fault.until === undefined || time < fault.until)
        );
    };
    return {
        inject(spec) {
            const match = spec.match;
            let matches: (kind: SalesforceJobKind | undefined, path: string) => boolean = () => true;
            if (match instanceof RegExp) matches = (_kind, path) => match.test(path);
            else if (match !== undefined && (JOB_KINDS as readonly string[]).includes(match)) {
                matches = (kind) => kind === match;
            } else if (match !== undefined) {
                let pattern: RegExp;
                try {
                    pattern = new RegExp(match);
                } catch (error) {
                    throw new ApiRefusal(400, [
                        `$.match: not a job kind nor a regular expression (${describe(error)})`
                    ]);
                }
                matches = (_kind, path) => pattern.test(path);
            }
            const fault: EmulatorFault = {
                id: nextId++,
                kind: spec.kind,
                retryAfterSeconds: spec.retryAfterSeconds === undefined ? 1 : spec.retryAfterSeconds,
                retryAfterAsDate: spec.retryAfterAsDate ?? false,
                hits: 0
            };
            const remaining = spec.count ?? (spec.forMs === undefined ? 1 : undefined);
            if (remaining !== undefined) fault.remaining = remaining;
            if (spec.forMs !== undefined) fault.until = now() + spec.forMs;
            if (spec.delayMs !== undefined) fault.delayMs = Math.min(spec.delayMs, MAX_HOLD_MS);
            if (match !== undefined) fault.match = String(match);
            active.push({ fault, matches });
            return fault;
        },
        clear() {
            active = [];
        },
        active() {
            prune();
            return active.map(({ fault }) => fault);
        },
        take(kind, path) {
            prune();
            const found = active.find(({ matches }) => matches(kind, path))?.fault;
            if (found === undefined) return undefined;
            found.hits++;
            if (found.remaining !== undefined) found.remaining--;
            return found;
        }
    };
}

function jobKindOf(request: FastifyRequest): SalesforceJobKind | undefined {
    const route = request.routeOptions.url;
    const path = route?.startsWith(TELEPHONY_API_PREFIX) ? route.slice(TELEPHONY_API_PREFIX.length) : undefined;
    switch (`${request.method} ${path ?? ''}`) {
        case 'POST /voiceCalls':
            return 'createVoiceCall';
        case 'PATCH /voiceCalls/:key':
            return 'updateVoiceCall';
        case 'POST /voiceCalls/:key/messages':
            return 'createTranscript';
        case 'PATCH /voiceCalls/:key/omniFlow':
            return 'executeOmniFlow';
        case 'PATCH /voiceCalls/:key/clearRouting':
            return 'clearRouting';
        default:
            return undefined;
    }
}

function parse<const Schema extends v.GenericSchema>(schema: Schema, body: unknown): v.InferOutput<Schema> {
    // Valibot takes an array for an object with keys "0", "1"...: every body here must be a JSON object.
    if (!isRecord(body)) throw new ApiRefusal(400, ['$: the body must be a JSON object']);
    const result = v.safeParse(schema, body, { abortEarly: false });
    if (!result.success) throw new ApiRefusal(400, formatIssues(result.issues));
    return result.output;
}

function verificationKey(options: TelephonyApiEmulatorOptions): KeyObject {
    let key: KeyObject;
    if (options.certificatePem !== undefined) key = new X509Certificate(options.certificatePem).publicKey;
    else if (options.publicKey !== undefined) {
        key = typeof options.publicKey === 'string' ? createPublicKey(options.publicKey) : options.publicKey;
    } else throw new TypeError('the emulator needs certificatePem or publicKey to verify JWTs');
    if (key.type !== 'public' || key.asymmetricKeyType !== 'rsa') {
        throw new TypeError('the emulator verifies RS256: it needs an RSA public key or certificate');
    }
    return key;
}

/** Why a JWT was refused, in words an admin can act on. */
function jwtRefusal(error: unknown, options: TelephonyApiEmulatorOptions): string {
    if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
        return 'JWT signature does not verify against the contact center certificate';
    }
    if (error instanceof joseErrors.JWTExpired) return 'JWT has expired (exp)';
    if (error instanceof joseErrors.JWTClaimValidationFailed) {
        if (error.claim === 'iss') return `JWT iss must be the org Id (${options.orgId})`;
        if (error.claim === 'sub') return `JWT sub must be the contact center API name (${options.callCenterApiName})`;
        if (error.reason === 'missing') return `JWT ${error.claim} claim is required`;
        return `JWT ${error.claim} claim is invalid: ${error.message}`;
    }
    if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'JWT alg is not accepted: RS256 only';
    return `JWT is invalid: ${describe(error)}`;
}

function defaultRouting(_call: EmulatedVoiceCall, body: OmniFlowBody): { agent: string; queue: string } {
    const inputs = body.flowInputParameters ?? {};
    const agent = typeof inputs.agent === 'string' ? inputs.agent : 'emulator-agent';
    const queue = body.fallbackQueue ?? (typeof inputs.queue === 'string' ? inputs.queue : 'emulator-queue');
    return { agent, queue };
}

/** A 15-character Salesforce Id plus its 3-character case-safe suffix, as the platform computes it. */
export function salesforceId(id15: string): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
    let suffix = '';
    for (let chunk = 0; chunk < 3; chunk++) {
        let flags = 0;
        for (let index = 0; index < 5; index++) {
            const char = id15.charAt(chunk * 5 + index);
            if (char >= 'A' && char <= 'Z') flags |= 1 << index;
        }
        suffix += alphabet.charAt(flags);
    }
    return id15 + suffix;
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}
