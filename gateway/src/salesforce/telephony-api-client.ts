// The Telephony Integration REST API client (voice-platform.md §6): signs the JWT, maps each outbox job to its
// endpoint, and retries what a short wait can fix. The reference's resiliency rule is "retry Create up to 3 times";
// longer waits (a 429 asking for more than maxDelayMs, a Salesforce that stays down) are handed back to the caller
// as a retryable TelephonyApiError, because the durable outbox can wait without holding a request open.
import { createPrivateKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';
import { Agent, type Dispatcher } from 'undici';
import { TelephonyApiError } from './telephony-api.js';
import type { GatewayLog } from '../log.js';
import type { SalesforceJob, SalesforceJobKind, SalesforceJobResult, TelephonyApi } from './telephony-api.js';

/** One HTTP attempt, for metrics. */
export interface TelephonyApiAttempt {
    kind: SalesforceJobKind;
    /** 1-based attempt number within one `send`. */
    attempt: number;
    /** HTTP status; absent for a network error or timeout. */
    status?: number;
    durationMs: number;
    /** Whether another attempt follows this one inside the same `send`. */
    retry: boolean;
    /** The answer was a 429 (Salesforce's limit error, `SCV_LIMITS_ERROR`). */
    throttled: boolean;
    /** Why the attempt failed: network error text, `timeout`, or Salesforce's error text. */
    error?: string;
}

export interface TelephonyApiClientOptions {
    /** `https://{MyDomain}.my.salesforce-scrt.com/telephony/v1` (the connector's `scrtUrl` + `/telephony/v1`). */
    baseUrl: string;
    /** JWT `iss`: the Salesforce org Id. */
    orgId: string;
    /** JWT `sub`: the contact center (CallCenter) API name. */
    callCenterApiName: string;
    /** RSA private key whose certificate is on the contact center: a KeyObject or PKCS#8/PKCS#1 PEM. */
    privateKey: KeyObject | string;
    /** `Telephony-Provider-Name` header. */
    providerName: string;
    /** Replaces the pooled HTTP client (tests inject answers this way). */
    fetch?: typeof fetch;
    /** Connections kept open to Salesforce. Default 32. */
    connections?: number;
    /** Milliseconds since the epoch; default Date.now. */
    now?: () => number;
    /** In [0, 1); default Math.random. Drives the backoff jitter. */
    random?: () => number;
    sleep?: (ms: number) => Promise<void>;
    /** Tries per `send`, the first included. Default 3 (the reference's resiliency rule). */
    maxAttempts?: number;
    baseDelayMs?: number;
    /** Longest wait inside one `send`; a 429 asking for longer is returned to the caller. */
    maxDelayMs?: number;
    /** Per attempt, until the whole answer is read. */
    timeoutMs?: number;
    /** JWT lifetime; Salesforce allows at most 24 h. */
    tokenTtlSeconds?: number;
    logger?: GatewayLog;
    onAttempt?: (info: TelephonyApiAttempt) => void;
}

const MAX_TOKEN_TTL_SECONDS = 24 * 60 * 60;
/** Re-sign when less than this share of the lifetime is left (bounded by REFRESH_MARGIN_MAX_SECONDS). */
const REFRESH_SHARE = 0.1;
const REFRESH_MARGIN_MAX_SECONDS = 5 * 60;
/** How much of Salesforce's error text goes into an error message. */
const MAX_ERROR_TEXT = 500;

interface SignedToken {
    jwt: string;
    /** Seconds since the epoch at which to sign a new one. */
    refreshAt: number;
}

/** The HTTP request that carries one job. */
export interface TelephonyHttpRequest {
    method: 'POST' | 'PATCH';
    path: string;
    body?: unknown;
}

export class TelephonyApiClient implements TelephonyApi {
    readonly #baseUrl: string;
    /** The base URL's origin and path, as the pooled client takes them. */
    readonly #origin: string;
    readonly #basePath: string;
    readonly #orgId: string;
    readonly #callCenterApiName: string;
    readonly #privateKey: KeyObject;
    readonly #providerName: string;
    readonly #fetch: typeof fetch | undefined;
    readonly #dispatcher: Agent;
    readonly #now: () => number;
    readonly #random: () => number;
    readonly #sleep: (ms: number) => Promise<void>;
    readonly #maxAttempts: number;
    readonly #baseDelayMs: number;
    readonly #maxDelayMs: number;
    readonly #timeoutMs: number;
    readonly #tokenTtlSeconds: number;
    readonly #logger: GatewayLog | undefined;
    readonly #onAttempt: ((info: TelephonyApiAttempt) => void) | undefined;
    /** A promise so that concurrent sends share one signing. */
    #token: Promise<SignedToken> | undefined;
    #tokensSigned = 0;

    constructor(options: TelephonyApiClientOptions) {
        let url: URL;
        try {
            url = new URL(options.baseUrl);
        } catch {
            throw new TypeError(`baseUrl ${options.baseUrl} is not a URL`);
        }
        this.#baseUrl = url.href.replace(/\/+$/, '');
        this.#origin = url.origin;
        this.#basePath = url.pathname.replace(/\/+$/, '');
        for (const [name, value] of [
            ['orgId', options.orgId],
            ['callCenterApiName', options.callCenterApiName],
            ['providerName', options.providerName]
        ] as const) {
            if (value.trim() === '') throw new TypeError(`${name} must not be empty`);
        }
        this.#orgId = options.orgId;
        this.#callCenterApiName = options.callCenterApiName;
        this.#privateKey =
            typeof options.privateKey === 'string' ? createPrivateKey(options.privateKey) : options.privateKey;
        if (this.#privateKey.type !== 'private' || this.#privateKey.asymmetricKeyType !== 'rsa') {
            throw new TypeError('privateKey must be an RSA private key (RS256)');
        }
        this.#providerName = options.providerName;
        this.#fetch = options.fetch;
        this.#dispatcher = new Agent({ connections: options.connections ?? 32, keepAliveTimeout: 30_000 });
        this.#now = options.now ?? Date.now;
        this.#random = options.random ?? Math.random;
        this.#sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
        this.#maxAttempts = positiveInteger('maxAttempts', options.maxAttempts ?? 3);
        this.#baseDelayMs = nonNegative('baseDelayMs', options.baseDelayMs ?? 200);
        this.#maxDelayMs = nonNegative('maxDelayMs', options.maxDelayMs ?? 5000);
        this.#timeoutMs = positiveInteger('timeoutMs', options.timeoutMs ?? 10_000);
        this.#tokenTtlSeconds = positiveInteger('tokenTtlSeconds', options.tokenTtlSeconds ?? 3600);
        if (this.#tokenTtlSeconds > MAX_TOKEN_TTL_SECONDS) {
            throw new RangeError(`tokenTtlSeconds must be at most ${MAX_TOKEN_TTL_SECONDS} (Salesforce allows 24 h)`);
        }
        this.#logger = options.logger;
        this.#onAttempt = options.onAttempt;
    }

    /** How many JWTs this client has signed (one per token lifetime, not one per request). */
    get tokensSigned(): number {
        return this.#tokensSigned;
    }

    async send(job: SalesforceJob): Promise<SalesforceJobResult> {
        const request = requestFor(job);
        for (let attempt = 1; ; attempt++) {
            const outcome = await this.#attempt(job.kind, request, attempt);
            if (outcome.result !== undefined) return outcome.result;
            const error = outcome.error;
            const isLast = attempt >= this.#maxAttempts;
            if (!error.retryable || isLast || outcome.waitMs === undefined) {
                if (error.retryable) {
                    this.#logger?.warn(
                        { kind: job.kind, callKey: job.callKey, status: error.status, attempts: attempt },
                        'Telephony API call failed; handing it back to be retried later'
                    );
                }
                throw error;
            }
            this.#logger?.debug(
                { kind: job.kind, callKey: job.callKey, status: error.status, attempt, waitMs: outcome.waitMs },
                'Telephony API call failed; retrying'
            );
            await this.#sleep(outcome.waitMs);
        }
    }

    /** One HTTP exchange. Returns the result, or the error with how long to wait before the next try. */
    async #attempt(
        kind: SalesforceJobKind,
        request: TelephonyHttpRequest,
        attempt: number
    ): Promise<{ result: SalesforceJobResult } | { result?: undefined; error: TelephonyApiError; waitMs?: number }> {
        const canRetry = attempt < this.#maxAttempts;
        const jwt = await this.#jwt();
        const headers: Record<string, string> = {
            Authorization: `Bearer ${jwt}`,
            'Telephony-Provider-Name': this.#providerName,
            Accept: 'application/json'
        };
        if (request.body !== undefined) headers['Content-Type'] = 'application/json';
        const started = this.#now();
        const report = (info: Omit<TelephonyApiAttempt, 'kind' | 'attempt' | 'durationMs'>): void => {
            this.#onAttempt?.({ kind, attempt, durationMs: Math.max(0, this.#now() - started), ...info });
        };

        let status: number;
        let text: string;
        let retryAfterHeader: string | null;
        try {
            ({ status, retryAfterHeader, text } = await this.#exchange(
                request.path,
                request.method,
                headers,
                request.body === undefined ? undefined : JSON.stringify(request.body)
            ));
        } catch (error) {
            const timedOut =
                error instanceof Error &&
                (error.name === 'TimeoutError' ||
                    error.name === 'AbortError' ||
                    error.name === 'HeadersTimeoutError' ||
                    error.name === 'BodyTimeoutError');
            const reason = timedOut ? `timeout after ${this.#timeoutMs} ms` : networkErrorText(error);
            report({ retry: canRetry, throttled: false, error: reason });
            return {
                error: new TelephonyApiError(`${request.method} ${request.path}: ${reason}`, true),
                waitMs: this.#backoff(attempt)
            };
        }

        const body = parseJson(text);
        if (status >= 200 && status < 300) {
            report({ status, retry: false, throttled: false });
            return { result: resultOf(kind, status, body) };
        }

        const salesforceText = errorText(body, text);
        const where = `${request.method} ${request.path}`;
        if (status === 429) {
            const retryAfterMs = parseRetryAfter(retryAfterHeader, this.#now());
            // Retry here only when the wait Salesforce asks for is short; otherwise the outbox reschedules.
            const waitHere =
                retryAfterMs === undefined
                    ? this.#backoff(attempt)
                    : retryAfterMs <= this.#maxDelayMs
                      ? retryAfterMs
                      : undefined;
            report({ status, retry: canRetry && waitHere !== undefined, throttled: true, error: salesforceText });
            return {
                error: new TelephonyApiError(
                    `${where}: 429 Too Many Requests (Salesforce limit error)${suffix(salesforceText)}`,
                    true,
                    status,
                    retryAfterMs
                ),
                waitMs: waitHere
            };
        }
        if (status === 408 || status >= 500) {
            report({ status, retry: canRetry, throttled: false, error: salesforceText });
            return {
                error: new TelephonyApiError(`${where}: HTTP ${status}${suffix(salesforceText)}`, true, status),
                waitMs: this.#backoff(attempt)
            };
        }
        report({ status, retry: false, throttled: false, error: salesforceText });
        if (status === 401 || status === 403) {
            // The next send signs afresh, in case the key or clock was the problem and has been fixed.
            this.#token = undefined;
            return {
                error: new TelephonyApiError(
                    `${where}: HTTP ${status}: Salesforce refused the JWT${suffix(salesforceText)}. Check that the ` +
                        `certificate on the contact center (reqTelephonyIntegrationCertificate) matches the private ` +
                        `key, that the org id (iss = ${this.#orgId}) and the contact center API name ` +
                        `(sub = ${this.#callCenterApiName}) are right, and that this host's clock is correct.`,
                    false,
                    status
                )
            };
        }
        if (status >= 300 && status < 400) {
            return {
                error: new TelephonyApiError(
                    `${where}: unexpected redirect (HTTP ${status}) — is the base URL the org's ` +
                        `https://{MyDomain}.my.salesforce-scrt.com/telephony/v1?`,
                    false,
                    status
                )
            };
        }
        return {
            error: new TelephonyApiError(
                `${where}: HTTP ${status}: Salesforce refused the request${suffix(salesforceText)}`,
                false,
                status
            )
        };
    }

    /**
     * One HTTP exchange. By default through undici's pooled keep-alive client, which costs a fraction of fetch per
     * request (the outbox sends thousands a second); through `fetch` when one is injected (tests). Redirects are not
     * followed: a redirect means a wrong base URL (e.g. a login page), not something to follow with a JWT.
     */
    async #exchange(
        path: string,
        method: 'POST' | 'PATCH',
        headers: Record<string, string>,
        body: string | undefined
    ): Promise<{ status: number; retryAfterHeader: string | null; text: string }> {
        if (this.#fetch) {
            // One signal for the exchange and the body read: a server that stalls mid-body is a timeout too.
            const response = await this.#fetch(`${this.#baseUrl}${path}`, {
                method,
                headers,
                body,
                redirect: 'manual',
                signal: AbortSignal.timeout(this.#timeoutMs)
            });
            return {
                status: response.status,
                retryAfterHeader: response.headers.get('retry-after'),
                text: await response.text()
            };
        }
        // undici's dispatch rather than its request(): the answer is small and read whole, so the stream request()
        // wraps it in is not needed, and leaving it out saves about a third of the client's CPU per request.
        return new Promise((resolve, reject) => {
            let status = 0;
            let retryAfter: string | string[] | undefined;
            const chunks: Buffer[] = [];
            const handler: Dispatcher.DispatchHandler = {
                // Its presence is what tells undici this handler takes the current (controller) callbacks.
                onRequestStart: () => {},
                onResponseStart: (_controller, statusCode, responseHeaders) => {
                    status = statusCode;
                    retryAfter = responseHeaders['retry-after'];
                },
                onResponseData: (_controller, chunk) => {
                    chunks.push(chunk);
                },
                onResponseEnd: () => {
                    resolve({
                        status,
                        retryAfterHeader: (Array.isArray(retryAfter) ? retryAfter[0] : retryAfter) ?? null,
                        text: utf8Text(chunks)
                    });
                },
                onResponseError: (_controller, error) => reject(error)
            };
            this.#dispatcher.dispatch(
                {
                    origin: this.#origin,
                    path: `${this.#basePath}${path}`,
                    method,
                    headers,
                    body: body ?? null,
                    headersTimeout: this.#timeoutMs,
                    bodyTimeout: this.#timeoutMs
                },
                handler
            );
        });
    }

    /** Closes the pooled connections (the gateway's shutdown). */
    async close(): Promise<void> {
        await this.#dispatcher.close();
    }

    /** Full jitter: a uniform wait in [0, min(maxDelay, base · 2^(attempt-1))). */
    #backoff(attempt: number): number {
        const ceiling = Math.min(this.#maxDelayMs, this.#baseDelayMs * 2 ** (attempt - 1));
        return Math.floor(this.#random() * ceiling);
    }

    async #jwt(): Promise<string> {
        const nowSeconds = Math.floor(this.#now() / 1000);
        const current = this.#token;
        if (current !== undefined) {
            try {
                const token = await current;
                if (nowSeconds < token.refreshAt) return token.jwt;
            } catch {
                // A failed signing is not cached; sign again below.
            }
        }
        // Compare-and-set: only the first caller to find the token stale signs; the others await its promise.
        let next = this.#token;
        if (next === current || next === undefined) {
            next = this.#sign(nowSeconds);
            this.#token = next;
        }
        try {
            return (await next).jwt;
        } catch (error) {
            if (this.#token === next) this.#token = undefined;
            throw new TelephonyApiError(`could not sign the JWT: ${networkErrorText(error)}`, false);
        }
    }

    async #sign(nowSeconds: number): Promise<SignedToken> {
        const expiresAt = nowSeconds + this.#tokenTtlSeconds;
        // No `jti`: the token is reused for every request until it nears expiry, and Salesforce rejects a replayed
        // jti, so a jti would make every request after the first fail. A fresh jti per request would mean signing
        // per request, which buys nothing here: the token only ever travels over TLS to the org.
        const jwt = await new SignJWT({})
            .setProtectedHeader({ alg: 'RS256', typ: 'JWT' })
            .setIssuer(this.#orgId)
            .setSubject(this.#callCenterApiName)
            .setIssuedAt(nowSeconds)
            .setExpirationTime(expiresAt)
            .sign(this.#privateKey);
        this.#tokensSigned++;
        const margin = Math.min(REFRESH_MARGIN_MAX_SECONDS, Math.ceil(this.#tokenTtlSeconds * REFRESH_SHARE));
        return { jwt, refreshAt: expiresAt - margin };
    }
}

/** The endpoint of each job kind (§6.3). Keys are URL-encoded: a vendorCallKey may hold any character. */
export function requestFor(job: SalesforceJob): TelephonyHttpRequest {
    const call = `/voiceCalls/${encodeURIComponent(job.callKey)}`;
    switch (job.kind) {
        case 'createVoiceCall':
            return { method: 'POST', path: '/voiceCalls', body: job.body };
        case 'updateVoiceCall':
            return { method: 'PATCH', path: call, body: job.body };
        case 'createTranscript':
            return { method: 'POST', path: `${call}/messages`, body: job.body };
        case 'executeOmniFlow':
            return { method: 'PATCH', path: `${call}/omniFlow`, body: job.body };
        case 'clearRouting':
            return { method: 'PATCH', path: `${call}/clearRouting` };
    }
}

function resultOf(kind: SalesforceJobKind, status: number, body: unknown): SalesforceJobResult {
    const result: SalesforceJobResult = { status };
    const fields = isRecord(body) ? body : {};
    const warnings = errorMessages(fields.errors);
    if (kind === 'createVoiceCall') {
        if (typeof fields.voiceCallId === 'string' && fields.voiceCallId !== '') {
            result.voiceCallId = fields.voiceCallId;
        } else {
            warnings.push('Salesforce answered Create VoiceCall without a voiceCallId');
        }
    }
    if (kind === 'executeOmniFlow') {
        if (typeof fields.agent === 'string') result.agent = fields.agent;
        if (typeof fields.queue === 'string') result.queue = fields.queue;
    }
    if (warnings.length > 0) result.warnings = warnings;
    return result;
}

/** `errors` as the reference shows it: an array (of strings, or of `{message}` objects) or a single string. */
function errorMessages(errors: unknown): string[] {
    if (typeof errors === 'string') return errors.trim() === '' ? [] : [errors];
    if (!Array.isArray(errors)) return [];
    return errors.flatMap((item: unknown): string[] => {
        if (typeof item === 'string') return [item];
        if (isRecord(item)) {
            const text = [item.errorCode, item.message].filter((part) => typeof part === 'string').join(': ');
            if (text !== '') return [text];
        }
        return [JSON.stringify(item)];
    });
}

function errorText(body: unknown, raw: string): string {
    if (isRecord(body)) {
        const messages = errorMessages(body.errors);
        if (typeof body.message === 'string') messages.push(body.message);
        if (messages.length > 0) return truncate(messages.join('; '));
    }
    const fromArray = Array.isArray(body) ? errorMessages(body) : [];
    if (fromArray.length > 0) return truncate(fromArray.join('; '));
    return truncate(raw.trim());
}

/** Retry-After in milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when absent or bad. */
export function parseRetryAfter(header: string | null, nowMs: number): number | undefined {
    if (header === null) return undefined;
    const value = header.trim();
    if (/^\d+$/.test(value)) return Number(value) * 1000;
    const date = Date.parse(value);
    return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** The body as text, as undici's body.text() reads it: UTF-8, a leading byte order mark left out. */
function utf8Text(chunks: Buffer[]): string {
    const buffer = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    const start = buffer.length > 2 && buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 3 : 0;
    return buffer.toString('utf8', start);
}

function parseJson(text: string): unknown {
    if (text.trim() === '') return undefined;
    try {
        return JSON.parse(text) as unknown;
    } catch {
        return undefined;
    }
}

function networkErrorText(error: unknown): string {
    if (!(error instanceof Error)) return String(error);
    // undici puts the useful part (ECONNREFUSED, ECONNRESET...) in `cause`.
    const cause: unknown = error.cause;
    const causeText = cause instanceof Error ? `: ${cause.message}` : '';
    return `${error.message}${causeText}`;
}

function suffix(text: string): string {
    return text === '' ? '' : `: ${text}`;
}

function truncate(text: string): string {
    return text.length > MAX_ERROR_TEXT ? `${text.slice(0, MAX_ERROR_TEXT)}…` : text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function positiveInteger(name: string, value: number): number {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer`);
    return value;
}

function nonNegative(name: string, value: number): number {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a non-negative number`);
    return value;
}
