// The connector's end of the agent channel (protocol version 2): authenticates, correlates requests with replies,
// delivers events in sequence, renews its short-lived session token, and after a lost connection reconnects with
// backoff. A reconnect first asks the gateway to replay what it missed (`resumeFromSeq`); when the gateway cannot, it
// hands the gateway's fresh snapshot to the connector, which publishes whatever changed meanwhile. Transport and
// clock are injected, so the same code runs on a browser WebSocket and on the tests' in-process gateway connection.
import {
    AGENT_CHANNEL_PROTOCOL,
    AGENT_CHANNEL_VERSION,
    type ClientFrame,
    type CommandName,
    type CommandParams,
    type CommandResult,
    type Credential,
    decodeServerFrame,
    encodeClientFrame,
    type ErrorCode,
    type EventFrame,
    parseResult,
    type RejectedFrame,
    type ServerFrame,
    type UnknownFrame,
    versionMismatchMessage,
    type WelcomeFrame
} from '@switchboard/contracts';
import { backoffDelay, type BackoffPolicy, DEFAULT_BACKOFF } from './backoff.js';

export interface Clock {
    setTimeout(fn: () => void, ms: number): unknown;
    clearTimeout(handle: unknown): void;
    now(): number;
    random(): number;
}

export const systemClock: Clock = {
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    now: () => Date.now(),
    random: () => Math.random()
};

export interface Connection {
    send(text: string): void;
    close(): void;
}
export interface ConnectionHandlers {
    onOpen(): void;
    onMessage(text: string): void;
    onClose(reason: string): void;
}
/** Opens a connection; handlers fire asynchronously. `onClose` fires once, also when opening fails. */
export type Connect = (url: string, handlers: ConnectionHandlers) => Connection;

/** A request or session failure, with the gateway's (or the transport's) reason code. */
export class ChannelError extends Error {
    override readonly name = 'ChannelError';
    constructor(
        readonly code: ErrorCode,
        message: string
    ) {
        super(message);
    }
}

export interface ChannelListener {
    onEvent(frame: EventFrame): void;
    /**
     * A reconnect the gateway could not resume (or that asked for a fresh snapshot): the snapshot is the truth, the
     * connector reconciles. Not called when the gateway resumed (its replayed events arrive through `onEvent`),
     * unless the resume was asked for with `resyncAfterReplay`: then it is called once the replay has caught up
     * with the welcome's snapshot.
     */
    onReconnected(welcome: WelcomeFrame): void;
    /** The gateway no longer accepts this session (revoked, expired, another protocol version): sign in again. */
    onSessionLost(error: ChannelError): void;
    /** The connection to the gateway was lost (`false`, reconnecting) or is back (`true`). */
    onConnectionChanged?(up: boolean): void;
    /** The gateway issued a session token (sign-in, reconnect, renewal): keep the newest for a page refresh. */
    onSessionToken?(token: string, expiresAt: number): void;
    log(level: 'INFO' | 'ERROR', message: string): void;
}

export interface ChannelOptions {
    url: string;
    connect: Connect;
    listener: ChannelListener;
    clock?: Clock;
    client: { name: string; version: string };
    salesforceUserId?: string;
    requestTimeoutMs?: number;
    /** How long a request waits for a reconnect before failing. */
    readyTimeoutMs?: number;
    heartbeatMs?: number;
    backoff?: BackoffPolicy;
}

export type ChannelState = 'idle' | 'connecting' | 'ready' | 'reconnecting' | 'closed';

interface Pending {
    command: CommandName;
    resolve(result: unknown): void;
    reject(error: ChannelError): void;
    timer: unknown;
}

/** Session tokens are renewed at this share of their remaining lifetime. */
const RENEW_AT = 2 / 3;
/** Never renew more often than this, even if the gateway's clock and this browser's disagree. */
const MIN_RENEW_DELAY_MS = 1000;
/** The longest delay setTimeout honours. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class AgentChannelClient {
    readonly #o: Required<Omit<ChannelOptions, 'salesforceUserId'>> & { salesforceUserId?: string };
    #state: ChannelState = 'idle';
    #connection: Connection | undefined;
    #sessionToken: string | undefined;
    #tokenExpiresAt = 0;
    /** The sequence number of the last event processed (delivered, or skipped as unknown). */
    #lastSeq = 0;
    /** Whether the next reconnect asks the gateway to replay from #lastSeq, or for a fresh snapshot. */
    #resumeNext = false;
    /** The next resumed welcome is also reconciled, once its replay has caught up (`resyncAfterReplay`). */
    #reconcileNext = false;
    /** A resumed welcome to reconcile once the event with this sequence number has been delivered. */
    #reconcileAfter: { seq: number; welcome: WelcomeFrame } | undefined;
    #nextId = 1;
    #pending = new Map<string, Pending>();
    #readyWaiters = new Set<{ resolve(): void; reject(e: ChannelError): void; timer: unknown }>();
    #attempt = 0;
    #reconnectTimer: unknown;
    #heartbeatTimer: unknown;
    #renewTimer: unknown;
    #lastHeard = 0;

    constructor(options: ChannelOptions) {
        this.#o = {
            clock: systemClock,
            requestTimeoutMs: 10_000,
            readyTimeoutMs: 8_000,
            heartbeatMs: 20_000,
            backoff: DEFAULT_BACKOFF,
            ...options
        };
    }

    get state(): ChannelState {
        return this.#state;
    }

    get sessionToken(): string | undefined {
        return this.#sessionToken;
    }

    /** The sequence number of the last event this client processed. */
    get lastSeq(): number {
        return this.#lastSeq;
    }

    /** Signs in. Resolves with the gateway's welcome (profile, capabilities, snapshot). */
    async open(credential: Credential): Promise<WelcomeFrame> {
        if (this.#state === 'ready' || this.#state === 'connecting' || this.#state === 'reconnecting')
            throw new ChannelError('CONFLICT', `The agent channel is already ${this.#state}.`);
        this.#state = 'connecting';
        this.#resumeNext = false;
        try {
            return await this.#handshake(credential, 'connecting');
        } catch (error) {
            this.#state = 'closed';
            throw error;
        }
    }

    /**
     * Sends a request and resolves with its validated result. Rejects with a ChannelError saying why. `onSent`
     * learns the request's id: the gateway's events caused by it carry that id as `causedBy`.
     */
    async request<C extends CommandName>(
        command: C,
        params: CommandParams<C>,
        onSent?: (id: string) => void
    ): Promise<CommandResult<C>> {
        await this.#ready();
        const id = `r${this.#nextId++}`;
        let text: string;
        try {
            text = encodeClientFrame({ kind: 'request', id, command, params } as ClientFrame);
        } catch (error) {
            throw new ChannelError(
                'INVALID_PARAMS',
                `The ${command} request cannot be sent: ${(error as Error).message}`
            );
        }
        const connection = this.#connection;
        if (!connection) throw new ChannelError('UNAVAILABLE', 'The agent channel is not connected.');
        const result = await new Promise<unknown>((resolve, reject) => {
            const timer = this.#o.clock.setTimeout(() => {
                this.#pending.delete(id);
                reject(
                    new ChannelError(
                        'TIMEOUT',
                        `The gateway did not answer ${command} within ${this.#o.requestTimeoutMs} ms; the call state is resynchronised when it answers again.`
                    )
                );
            }, this.#o.requestTimeoutMs);
            this.#pending.set(id, { command, resolve, reject, timer });
            onSent?.(id);
            connection.send(text);
        });
        try {
            return parseResult(command, result);
        } catch (error) {
            throw new ChannelError(
                'INTERNAL',
                `The gateway answered ${command} with an invalid result: ${String(error)}`
            );
        }
    }

    /**
     * Asks the gateway for a fresh snapshot: reconnects without resuming. After a request timed out the connector no
     * longer knows what the telephony side did with it. While already reconnecting, the next attempt asks for a
     * snapshot instead of a replay.
     */
    resync(reason: string): void {
        this.#resumeNext = false;
        if (this.#state === 'ready') this.#dropConnection(reason, false);
    }

    /**
     * Reconnects resuming, then reconciles from the welcome's snapshot once the replayed events have caught up with
     * it (`onReconnected`). After a request got no answer: the replay loses no event (a status request, a page
     * message, which a snapshot does not carry), and the snapshot finds what the request did that no event reports
     * (a dial's call, a transfer's leg). If the gateway can no longer resume, the snapshot alone is the truth.
     */
    resyncAfterReplay(reason: string): void {
        this.#reconcileNext = true;
        if (this.#state === 'ready') this.#dropConnection(reason, true);
    }

    /** Ends the session locally: no reconnect, pending requests fail. */
    close(): void {
        this.#state = 'closed';
        this.#sessionToken = undefined;
        this.#stopTimers();
        this.#failAll(new ChannelError('UNAUTHENTICATED', 'The agent signed out of the telephony gateway.'));
        const connection = this.#connection;
        this.#connection = undefined;
        connection?.close();
    }

    // ---- connection lifecycle ---------------------------------------------------------------------------------

    /**
     * Opens a connection and says hello. The welcome is taken on in the same turn it arrives (before any frame that
     * follows it, such as replayed events), so sequence numbers and the reconnect hand-off never race.
     */
    #handshake(
        credential: Credential,
        expect: 'connecting' | 'reconnecting',
        resumeFromSeq?: number
    ): Promise<WelcomeFrame> {
        return new Promise((resolve, reject) => {
            let settled = false;
            const settle = (fn: () => void) => {
                if (settled) return;
                settled = true;
                this.#o.clock.clearTimeout(timer);
                fn();
            };
            const fail = (error: ChannelError) => {
                settle(() => reject(error));
                connection.close();
            };
            const timer = this.#o.clock.setTimeout(
                () =>
                    fail(
                        new ChannelError(
                            'UNAVAILABLE',
                            `The telephony gateway at ${this.#o.url} did not answer the sign-in within ${this.#o.requestTimeoutMs} ms.`
                        )
                    ),
                this.#o.requestTimeoutMs
            );
            const connection = this.#o.connect(this.#o.url, {
                onOpen: () => {
                    const hello: ClientFrame = {
                        kind: 'hello',
                        protocol: AGENT_CHANNEL_PROTOCOL,
                        version: AGENT_CHANNEL_VERSION,
                        credential,
                        client: this.#o.client,
                        ...(this.#o.salesforceUserId ? { salesforceUserId: this.#o.salesforceUserId } : {}),
                        ...(resumeFromSeq !== undefined ? { resumeFromSeq } : {})
                    };
                    connection.send(encodeClientFrame(hello));
                },
                onMessage: (text) => {
                    if (settled) {
                        if (this.#connection === connection) this.#onFrame(text);
                        return;
                    }
                    const frame = this.#decode(text);
                    if (!frame) {
                        fail(
                            new ChannelError('INTERNAL', 'The gateway answered the sign-in with an unreadable frame.')
                        );
                        return;
                    }
                    switch (frame.kind) {
                        case 'unknown':
                            this.#skipUnknown(frame);
                            return;
                        case 'welcome':
                            if (this.#state !== expect) {
                                fail(
                                    new ChannelError('UNAVAILABLE', 'The agent channel was closed during the sign-in.')
                                );
                                return;
                            }
                            if (frame.version !== AGENT_CHANNEL_VERSION) {
                                fail(
                                    new ChannelError(
                                        'VERSION_MISMATCH',
                                        versionMismatchMessage(AGENT_CHANNEL_VERSION, [frame.version])
                                    )
                                );
                                return;
                            }
                            settle(() => {
                                this.#connection = connection;
                                this.#becomeReady(frame, resumeFromSeq);
                                resolve(frame);
                            });
                            return;
                        case 'rejected':
                            fail(this.#rejection(frame));
                            return;
                        case 'refused':
                            fail(
                                new ChannelError(
                                    frame.error.code,
                                    `The gateway could not read the sign-in: ${frame.error.message}`
                                )
                            );
                            return;
                        default:
                            fail(new ChannelError('INTERNAL', 'The gateway did not start with a welcome frame.'));
                    }
                },
                onClose: (reason) => {
                    settle(() =>
                        reject(
                            new ChannelError(
                                'UNAVAILABLE',
                                `Could not reach the telephony gateway at ${this.#o.url} (${reason || 'connection closed'}).`
                            )
                        )
                    );
                    if (this.#connection === connection) this.#onConnectionLost(reason, true);
                }
            });
        });
    }

    /** A refused session, with a message that says what to update when the protocol versions differ. */
    #rejection(frame: RejectedFrame): ChannelError {
        const versions = frame.supportedVersions;
        if (versions?.length && !versions.includes(AGENT_CHANNEL_VERSION))
            return new ChannelError('VERSION_MISMATCH', versionMismatchMessage(AGENT_CHANNEL_VERSION, versions));
        return new ChannelError(frame.error.code, frame.error.message);
    }

    #becomeReady(welcome: WelcomeFrame, resumeFromSeq: number | undefined): void {
        const reconnect = this.#state === 'reconnecting';
        const resumed = resumeFromSeq !== undefined && welcome.resumed;
        const reconcile = this.#reconcileNext;
        this.#reconcileNext = false;
        this.#state = 'ready';
        this.#attempt = 0;
        this.#resumeNext = true;
        // Resumed: the welcome's snapshot is already ahead of us; the replayed events bring us there in order.
        if (!resumed) this.#lastSeq = welcome.snapshot.lastEventSeq;
        this.#lastHeard = this.#o.clock.now();
        this.#scheduleHeartbeat();
        this.#adoptToken(welcome.sessionToken, welcome.sessionTokenExpiresAt);
        if (reconnect) this.#o.listener.onConnectionChanged?.(true);
        if (reconnect && resumed) {
            this.#o.listener.log(
                'INFO',
                `agent channel reconnected; the gateway replays the events after ${resumeFromSeq}${reconcile ? ', then the snapshot is reconciled' : ''}`
            );
            if (reconcile) {
                this.#reconcileAfter = { seq: welcome.snapshot.lastEventSeq, welcome };
                this.#reconcileIfCaughtUp();
            }
        } else if (reconnect) {
            this.#o.listener.log('INFO', 'agent channel reconnected; resynchronising from the snapshot');
            this.#o.listener.onReconnected(welcome);
        }
        for (const waiter of this.#readyWaiters) {
            this.#o.clock.clearTimeout(waiter.timer);
            waiter.resolve();
        }
        this.#readyWaiters.clear();
    }

    #onConnectionLost(reason: string, resume: boolean): void {
        this.#connection = undefined;
        // Lost during a replay still to be reconciled: the next welcome is reconciled instead.
        if (this.#reconcileAfter) this.#reconcileNext = true;
        this.#reconcileAfter = undefined;
        this.#o.clock.clearTimeout(this.#heartbeatTimer);
        this.#o.clock.clearTimeout(this.#renewTimer);
        this.#failPending(
            new ChannelError(
                'UNAVAILABLE',
                `The connection to the telephony gateway was lost (${reason || 'closed'}); the call state is resynchronised on reconnect.`
            )
        );
        if (this.#state !== 'ready') return;
        this.#resumeNext = resume;
        this.#o.listener.log(
            'ERROR',
            `agent channel lost (${reason || 'closed'}); reconnecting${resume ? '' : ' for a fresh snapshot'}`
        );
        this.#state = 'reconnecting';
        this.#o.listener.onConnectionChanged?.(false);
        this.#scheduleReconnect();
    }

    #scheduleReconnect(): void {
        const delay = backoffDelay(this.#attempt++, () => this.#o.clock.random(), this.#o.backoff);
        this.#reconnectTimer = this.#o.clock.setTimeout(() => void this.#reconnect(), delay);
    }

    async #reconnect(): Promise<void> {
        const token = this.#sessionToken;
        if (this.#state !== 'reconnecting' || !token) return;
        try {
            await this.#handshake(
                { kind: 'session', token },
                'reconnecting',
                this.#resumeNext ? this.#lastSeq : undefined
            );
        } catch (error) {
            const e = error as ChannelError;
            if (this.#state !== 'reconnecting') return;
            if (e.code === 'UNAUTHENTICATED' || e.code === 'FORBIDDEN' || e.code === 'VERSION_MISMATCH') {
                this.#loseSession(e);
                return;
            }
            this.#o.listener.log('ERROR', `reconnect attempt ${this.#attempt} failed: ${e.message}`);
            this.#scheduleReconnect();
        }
    }

    /** The gateway no longer accepts this session: no reconnect, everything waiting fails, the connector is told. */
    #loseSession(error: ChannelError): void {
        this.#state = 'closed';
        this.#sessionToken = undefined;
        this.#stopTimers();
        this.#failAll(error);
        const connection = this.#connection;
        this.#connection = undefined;
        connection?.close();
        this.#o.listener.onSessionLost(error);
    }

    #stopTimers(): void {
        this.#o.clock.clearTimeout(this.#reconnectTimer);
        this.#o.clock.clearTimeout(this.#heartbeatTimer);
        this.#o.clock.clearTimeout(this.#renewTimer);
    }

    #scheduleHeartbeat(): void {
        this.#o.clock.clearTimeout(this.#heartbeatTimer);
        this.#heartbeatTimer = this.#o.clock.setTimeout(() => {
            if (this.#state !== 'ready' || !this.#connection) return;
            if (this.#o.clock.now() - this.#lastHeard > 2 * this.#o.heartbeatMs) {
                this.#dropConnection('no answer to heartbeats', true);
                return;
            }
            this.#connection.send(encodeClientFrame({ kind: 'ping', id: `p${this.#nextId++}` }));
            this.#scheduleHeartbeat();
        }, this.#o.heartbeatMs);
    }

    /**
     * Closes a connection this side no longer trusts and reconnects: resuming after a network problem, or asking
     * for a fresh snapshot after a gap or an unreadable frame, so that an event this side cannot read is never
     * replayed to it again.
     */
    #dropConnection(reason: string, resume: boolean): void {
        const connection = this.#connection;
        this.#onConnectionLost(reason, resume);
        connection?.close();
    }

    /** Read through a getter: TypeScript would narrow the field across an await that can change it. */
    get #closed(): boolean {
        return this.#state === 'closed';
    }

    // ---- session token ----------------------------------------------------------------------------------------

    #adoptToken(token: string, expiresAt: number): void {
        this.#sessionToken = token;
        this.#tokenExpiresAt = expiresAt;
        this.#o.listener.onSessionToken?.(token, expiresAt);
        this.#scheduleRenewal((expiresAt - this.#o.clock.now()) * RENEW_AT);
    }

    #scheduleRenewal(delay: number): void {
        this.#o.clock.clearTimeout(this.#renewTimer);
        this.#renewTimer = this.#o.clock.setTimeout(
            () => void this.#renew(),
            Math.min(MAX_TIMER_MS, Math.max(MIN_RENEW_DELAY_MS, delay))
        );
    }

    /** Exchanges the session token for a fresh one; a refusal as UNAUTHENTICATED ends the session (#onFrame). */
    async #renew(): Promise<void> {
        if (this.#state !== 'ready') return; // the next welcome brings a token and schedules its renewal
        try {
            const { sessionToken, expiresAt } = await this.request('renewSession', {});
            if (this.#closed) return;
            this.#adoptToken(sessionToken, expiresAt);
            this.#o.listener.log(
                'INFO',
                `session token renewed; it expires in ${Math.round((expiresAt - this.#o.clock.now()) / 1000)} s`
            );
        } catch (error) {
            if (this.#closed) return;
            this.#o.listener.log(
                'ERROR',
                `renewing the session token failed (${(error as Error).message}); trying again before it expires`
            );
            this.#scheduleRenewal((this.#tokenExpiresAt - this.#o.clock.now()) / 2);
        }
    }

    // ---- frames -----------------------------------------------------------------------------------------------

    #decode(text: string): ServerFrame | UnknownFrame | undefined {
        try {
            return decodeServerFrame(text);
        } catch (error) {
            this.#o.listener.log('ERROR', `unreadable frame from the gateway: ${(error as Error).message}`);
            return undefined;
        }
    }

    #onFrame(text: string): void {
        this.#lastHeard = this.#o.clock.now();
        const frame = this.#decode(text);
        if (!frame) {
            // It may have carried an event: resynchronise from a snapshot rather than drift, once, without a replay.
            this.#dropConnection('unreadable frame', false);
            return;
        }
        switch (frame.kind) {
            case 'reply': {
                const pending = this.#pending.get(frame.id);
                if (!pending) return; // answered after its timeout; the resync covers its effect
                this.#pending.delete(frame.id);
                this.#o.clock.clearTimeout(pending.timer);
                if (frame.ok) {
                    pending.resolve(frame.result);
                    return;
                }
                const error = new ChannelError(frame.error.code, frame.error.message);
                pending.reject(error);
                // The gateway checks the session on every request: an expired or revoked token ends it.
                if (frame.error.code === 'UNAUTHENTICATED') this.#loseSession(error);
                return;
            }
            case 'event':
                this.#inSequence(frame.seq, () => this.#o.listener.onEvent(frame));
                return;
            case 'unknown':
                this.#skipUnknown(frame);
                return;
            case 'refused': {
                // The gateway could not read something this side sent: that request fails, the session goes on.
                this.#o.listener.log(
                    'ERROR',
                    `the gateway could not read a frame${frame.id ? ` (request ${frame.id})` : ''}: ${frame.error.code}: ${frame.error.message}`
                );
                const pending = frame.id === undefined ? undefined : this.#pending.get(frame.id);
                if (!pending || frame.id === undefined) return;
                this.#pending.delete(frame.id);
                this.#o.clock.clearTimeout(pending.timer);
                pending.reject(
                    new ChannelError(
                        frame.error.code,
                        `The gateway could not read the ${pending.command} request: ${frame.error.message}`
                    )
                );
                return;
            }
            case 'rejected':
                this.#loseSession(this.#rejection(frame));
                return;
            default:
                return; // pong (liveness is any frame) or a stray welcome
        }
    }

    /** Delivers the event with sequence number `seq` once, in order; a gap forces a snapshot resync. */
    #inSequence(seq: number, deliver: () => void): void {
        if (seq <= this.#lastSeq) return; // already seen (replayed across a reconnect)
        if (seq !== this.#lastSeq + 1) {
            this.#dropConnection(`event ${this.#lastSeq + 1} to ${seq - 1} missing`, false);
            return;
        }
        this.#lastSeq = seq;
        deliver();
        this.#reconcileIfCaughtUp();
    }

    #reconcileIfCaughtUp(): void {
        const pending = this.#reconcileAfter;
        if (!pending || this.#lastSeq < pending.seq) return;
        this.#reconcileAfter = undefined;
        this.#o.listener.onReconnected(pending.welcome);
    }

    /** A frame kind or event type from a newer gateway: logged and skipped (an event's number still counts). */
    #skipUnknown(frame: UnknownFrame): void {
        const log = () =>
            this.#o.listener.log(
                'INFO',
                frame.eventType === undefined
                    ? `ignored a "${frame.receivedKind}" frame: this connector does not know that kind (a newer gateway?)`
                    : `ignored event ${frame.seq} of type "${frame.eventType}": this connector does not know it (a newer gateway?)`
            );
        if (frame.seq === undefined) log();
        else this.#inSequence(frame.seq, log);
    }

    // ---- waiting ----------------------------------------------------------------------------------------------

    #ready(): Promise<void> {
        if (this.#state === 'ready' && this.#connection) return Promise.resolve();
        if (this.#state !== 'reconnecting' && this.#state !== 'connecting')
            return Promise.reject(
                new ChannelError('UNAUTHENTICATED', 'The agent is not signed in to the telephony gateway.')
            );
        return new Promise((resolve, reject) => {
            const waiter = {
                resolve,
                reject,
                timer: this.#o.clock.setTimeout(() => {
                    this.#readyWaiters.delete(waiter);
                    reject(
                        new ChannelError(
                            'UNAVAILABLE',
                            `The telephony gateway has been unreachable for ${this.#o.readyTimeoutMs} ms; reconnecting.`
                        )
                    );
                }, this.#o.readyTimeoutMs)
            };
            this.#readyWaiters.add(waiter);
        });
    }

    #failPending(error: ChannelError): void {
        for (const pending of this.#pending.values()) {
            this.#o.clock.clearTimeout(pending.timer);
            pending.reject(error);
        }
        this.#pending.clear();
    }

    #failAll(error: ChannelError): void {
        this.#failPending(error);
        for (const waiter of this.#readyWaiters) {
            this.#o.clock.clearTimeout(waiter.timer);
            waiter.reject(error);
        }
        this.#readyWaiters.clear();
    }
}
