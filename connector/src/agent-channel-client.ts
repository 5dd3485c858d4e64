// The connector's end of the agent channel: authenticates, correlates requests with replies, delivers events in
// sequence, and after a lost connection reconnects with backoff and hands the gateway's fresh snapshot to the
// connector, which publishes whatever changed meanwhile. Transport and clock are injected, so the same code runs
// on a browser WebSocket and on the tests' in-memory fake gateway.
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
    type ServerFrame,
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
    /** A reconnect succeeded: the snapshot is the truth, the connector reconciles. */
    onReconnected(welcome: WelcomeFrame): void;
    /** The gateway no longer accepts this session: sign in again. */
    onSessionLost(error: ChannelError): void;
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

export class AgentChannelClient {
    readonly #o: Required<Omit<ChannelOptions, 'salesforceUserId'>> & { salesforceUserId?: string };
    #state: ChannelState = 'idle';
    #connection: Connection | undefined;
    #sessionToken: string | undefined;
    #lastSeq = 0;
    #nextId = 1;
    #pending = new Map<string, Pending>();
    #readyWaiters = new Set<{ resolve(): void; reject(e: ChannelError): void; timer: unknown }>();
    #attempt = 0;
    #reconnectTimer: unknown;
    #heartbeatTimer: unknown;
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

    /** Signs in. Resolves with the gateway's welcome (profile, capabilities, snapshot). */
    async open(credential: Credential): Promise<WelcomeFrame> {
        if (this.#state === 'ready' || this.#state === 'connecting' || this.#state === 'reconnecting')
            throw new ChannelError('CONFLICT', `The agent channel is already ${this.#state}.`);
        this.#state = 'connecting';
        try {
            const welcome = await this.#handshake(credential);
            this.#becomeReady(welcome);
            return welcome;
        } catch (error) {
            this.#state = 'closed';
            throw error;
        }
    }

    /** Sends a request and resolves with its validated result. Rejects with a ChannelError saying why. */
    async request<C extends CommandName>(command: C, params: CommandParams<C>): Promise<CommandResult<C>> {
        await this.#ready();
        const id = `r${this.#nextId++}`;
        const frame = { kind: 'request', id, command, params } as ClientFrame;
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
            this.#send(frame);
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

    /** Ends the session locally: no reconnect, pending requests fail. */
    close(): void {
        this.#state = 'closed';
        this.#sessionToken = undefined;
        this.#o.clock.clearTimeout(this.#reconnectTimer);
        this.#o.clock.clearTimeout(this.#heartbeatTimer);
        this.#failAll(new ChannelError('UNAUTHENTICATED', 'The agent signed out of the telephony gateway.'));
        const connection = this.#connection;
        this.#connection = undefined;
        connection?.close();
    }

    // ---- connection lifecycle ---------------------------------------------------------------------------------

    #handshake(credential: Credential): Promise<WelcomeFrame> {
        return new Promise((resolve, reject) => {
            let settled = false;
            const settle = (fn: () => void) => {
                if (settled) return;
                settled = true;
                this.#o.clock.clearTimeout(timer);
                fn();
            };
            const timer = this.#o.clock.setTimeout(() => {
                settle(() =>
                    reject(
                        new ChannelError(
                            'UNAVAILABLE',
                            `The telephony gateway at ${this.#o.url} did not answer the sign-in within ${this.#o.requestTimeoutMs} ms.`
                        )
                    )
                );
                connection.close();
            }, this.#o.requestTimeoutMs);
            const connection = this.#o.connect(this.#o.url, {
                onOpen: () => {
                    const hello: ClientFrame = {
                        kind: 'hello',
                        protocol: AGENT_CHANNEL_PROTOCOL,
                        version: AGENT_CHANNEL_VERSION,
                        credential,
                        client: this.#o.client,
                        ...(this.#o.salesforceUserId ? { salesforceUserId: this.#o.salesforceUserId } : {})
                    };
                    connection.send(encodeClientFrame(hello));
                },
                onMessage: (text) => {
                    if (!settled) {
                        const frame = this.#decode(text);
                        if (frame?.kind === 'welcome') {
                            this.#connection = connection;
                            settle(() => resolve(frame));
                        } else if (frame?.kind === 'rejected') {
                            settle(() => reject(new ChannelError(frame.error.code, frame.error.message)));
                            connection.close();
                        } else {
                            settle(() =>
                                reject(new ChannelError('INTERNAL', 'The gateway did not start with a welcome frame.'))
                            );
                            connection.close();
                        }
                        return;
                    }
                    if (this.#connection === connection) this.#onFrame(text);
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
                    if (this.#connection === connection) this.#onConnectionLost(reason);
                }
            });
        });
    }

    #becomeReady(welcome: WelcomeFrame): void {
        this.#state = 'ready';
        this.#attempt = 0;
        this.#sessionToken = welcome.sessionToken;
        this.#lastSeq = welcome.snapshot.lastEventSeq;
        this.#lastHeard = this.#o.clock.now();
        this.#scheduleHeartbeat();
        for (const waiter of this.#readyWaiters) {
            this.#o.clock.clearTimeout(waiter.timer);
            waiter.resolve();
        }
        this.#readyWaiters.clear();
    }

    #onConnectionLost(reason: string): void {
        this.#connection = undefined;
        this.#o.clock.clearTimeout(this.#heartbeatTimer);
        this.#failPending(
            new ChannelError(
                'UNAVAILABLE',
                `The connection to the telephony gateway was lost (${reason || 'closed'}); the call state is resynchronised on reconnect.`
            )
        );
        if (this.#state !== 'ready') return;
        this.#o.listener.log('ERROR', `agent channel lost (${reason || 'closed'}); reconnecting`);
        this.#state = 'reconnecting';
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
            const welcome = await this.#handshake({ kind: 'session', token });
            if (this.#state !== 'reconnecting') {
                this.#connection?.close();
                return;
            }
            this.#becomeReady(welcome);
            this.#o.listener.log('INFO', 'agent channel reconnected; resynchronising');
            this.#o.listener.onReconnected(welcome);
        } catch (error) {
            const e = error as ChannelError;
            if (this.#state !== 'reconnecting') return;
            if (e.code === 'UNAUTHENTICATED' || e.code === 'FORBIDDEN') {
                this.#state = 'closed';
                this.#sessionToken = undefined;
                this.#failAll(e);
                this.#o.listener.onSessionLost(e);
                return;
            }
            this.#o.listener.log('ERROR', `reconnect attempt ${this.#attempt} failed: ${e.message}`);
            this.#scheduleReconnect();
        }
    }

    #scheduleHeartbeat(): void {
        this.#o.clock.clearTimeout(this.#heartbeatTimer);
        this.#heartbeatTimer = this.#o.clock.setTimeout(() => {
            if (this.#state !== 'ready' || !this.#connection) return;
            if (this.#o.clock.now() - this.#lastHeard > 2 * this.#o.heartbeatMs) {
                this.#dropConnection('no answer to heartbeats');
                return;
            }
            this.#send({ kind: 'ping', id: `p${this.#nextId++}` });
            this.#scheduleHeartbeat();
        }, this.#o.heartbeatMs);
    }

    /** Closes a connection this side no longer trusts; the reconnect resynchronises. */
    #dropConnection(reason: string): void {
        const connection = this.#connection;
        this.#onConnectionLost(reason);
        connection?.close();
    }

    // ---- frames -----------------------------------------------------------------------------------------------

    #send(frame: ClientFrame): void {
        if (!this.#connection) throw new ChannelError('UNAVAILABLE', 'The agent channel is not connected.');
        this.#connection.send(encodeClientFrame(frame));
    }

    #decode(text: string): ServerFrame | undefined {
        try {
            return decodeServerFrame(text);
        } catch (error) {
            this.#o.listener.log('ERROR', `invalid frame from the gateway: ${(error as Error).message}`);
            return undefined;
        }
    }

    #onFrame(text: string): void {
        this.#lastHeard = this.#o.clock.now();
        const frame = this.#decode(text);
        if (!frame) {
            // A frame we cannot read may have carried an event: resynchronise rather than drift.
            this.#dropConnection('invalid frame');
            return;
        }
        switch (frame.kind) {
            case 'reply': {
                const pending = this.#pending.get(frame.id);
                if (!pending) return; // answered after its timeout; the resync covers its effect
                this.#pending.delete(frame.id);
                this.#o.clock.clearTimeout(pending.timer);
                if (frame.ok) pending.resolve(frame.result);
                else pending.reject(new ChannelError(frame.error.code, frame.error.message));
                return;
            }
            case 'event':
                if (frame.seq <= this.#lastSeq) return; // already seen (replayed across a reconnect)
                if (frame.seq !== this.#lastSeq + 1) {
                    this.#dropConnection(`event ${this.#lastSeq + 1} to ${frame.seq - 1} missing`);
                    return;
                }
                this.#lastSeq = frame.seq;
                this.#o.listener.onEvent(frame);
                return;
            case 'rejected':
                this.#state = 'closed';
                this.#sessionToken = undefined;
                this.#failAll(new ChannelError(frame.error.code, frame.error.message));
                this.#connection?.close();
                this.#connection = undefined;
                this.#o.listener.onSessionLost(new ChannelError(frame.error.code, frame.error.message));
                return;
            default:
                return; // pong (liveness is any frame) or a stray welcome
        }
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
