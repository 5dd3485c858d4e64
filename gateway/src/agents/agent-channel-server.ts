// The gateway's end of the agent channel (the protocol in @switchboard/contracts), independent of the transport: the
// WebSocket route and the tests' in-memory pairs both hand it text frames. It signs agents in, answers each request
// exactly once, and delivers each agent's numbered events in order to every connection of that agent — replaying
// from the store what a reconnecting connector missed, so no event is lost across a dropped socket.
import {
    AGENT_CHANNEL_PROTOCOL,
    AGENT_CHANNEL_VERSION,
    type Capabilities,
    type ClientFrame,
    decodeClientFrame,
    encodeServerFrame,
    type ErrorBody,
    type HelloFrame,
    ProtocolError,
    type RequestFrame,
    type ServerFrame
} from '@switchboard/contracts';
import type { AgentEventRecord, Store } from '../store/store.js';
import type { GatewayLog } from '../log.js';
import type { AgentCommands } from './agent-commands.js';
import { CommandError } from './agent-commands.js';
import type { AgentDirectory, SessionTokens } from './session-tokens.js';

export interface AgentSocket {
    send(text: string): void;
    close(code: number, reason: string): void;
}

export interface AgentChannelOptions {
    store: Store;
    commands: AgentCommands;
    directory: AgentDirectory;
    tokens: SessionTokens;
    capabilities: Capabilities;
    log: GatewayLog;
    now?: () => number;
    /** Most events replayed to a reconnecting connector; past it, the connector gets a snapshot instead. */
    maxReplay?: number;
    onConnectionsChanged?(connected: number): void;
}

interface Connection {
    socket: AgentSocket;
    phase: 'hello' | 'replaying' | 'ready' | 'closed';
    agentId?: string;
    sessionId?: string;
    tokenExpiresAt: number;
    /** Seq of the last event sent on this connection. */
    sentSeq: number;
    /** Events waiting: during the replay, and behind the echo of a request whose reply has not gone out yet. */
    waiting: AgentEventRecord[];
    inFlight: Set<string>;
    /** A read of missed events from the store is under way (see #fill). */
    filling: boolean;
}

export interface AgentConnectionHandle {
    message(text: string): void;
    closed(): void;
}

export class AgentChannelServer {
    readonly #o: Required<Omit<AgentChannelOptions, 'onConnectionsChanged'>> &
        Pick<AgentChannelOptions, 'onConnectionsChanged'>;
    readonly #byAgent = new Map<string, Set<Connection>>();

    constructor(options: AgentChannelOptions) {
        this.#o = { now: Date.now, maxReplay: 10_000, ...options };
    }

    get connectedAgents(): number {
        return this.#byAgent.size;
    }

    open(socket: AgentSocket): AgentConnectionHandle {
        const connection: Connection = {
            socket,
            phase: 'hello',
            tokenExpiresAt: 0,
            sentSeq: 0,
            waiting: [],
            inFlight: new Set(),
            filling: false
        };
        return {
            message: (text) => void this.#onMessage(connection, text),
            closed: () => this.#forget(connection)
        };
    }

    /** New events, just committed: to every ready connection of their agents, in order. */
    deliver(records: readonly AgentEventRecord[]): void {
        for (const record of records) {
            const connections = this.#byAgent.get(record.agentId);
            if (!connections) continue;
            for (const connection of connections) this.#offer(connection, record);
        }
    }

    /**
     * Another gateway instance committed events for this agent, up to `seq` (a shared store's notice): its
     * connections here read what they have not sent from the store.
     */
    notice(agentId: string, seq: number): void {
        for (const connection of this.#byAgent.get(agentId) ?? []) {
            if (
                connection.phase === 'ready' &&
                seq > connection.sentSeq &&
                !connection.waiting.some((r) => r.seq === seq)
            )
                this.#fill(connection);
        }
    }

    /** Notices may have been missed (the store's listening connection was lost): every connection catches up. */
    resync(): void {
        for (const connections of this.#byAgent.values())
            for (const connection of connections) if (connection.phase === 'ready') this.#fill(connection);
    }

    /** Ends every connection (shutdown); connectors reconnect to another instance or when this one is back. */
    closeAll(reason: string): void {
        for (const connections of this.#byAgent.values())
            for (const connection of connections) connection.socket.close(1012, reason);
    }

    // ---- frames in --------------------------------------------------------------------------------------------

    async #onMessage(connection: Connection, text: string): Promise<void> {
        if (connection.phase === 'closed') return;
        let frame: ClientFrame;
        try {
            const decoded = decodeClientFrame(text);
            if (decoded.kind === 'unknown') {
                // A newer connector's frame kind: say so, keep the connection.
                this.#send(connection, {
                    kind: 'refused',
                    error: {
                        code: 'NOT_SUPPORTED',
                        message: `This gateway does not know frames of kind ${decoded.receivedKind}.`
                    }
                });
                return;
            }
            frame = decoded;
        } catch (error) {
            if (error instanceof ProtocolError && error.code === 'VERSION_MISMATCH')
                return this.#reject(connection, { code: 'VERSION_MISMATCH', message: error.message }, [
                    AGENT_CHANNEL_VERSION
                ]);
            // Refused with the reason, and the connection stays: a reconnect would only send the same frame again.
            this.#send(connection, {
                kind: 'refused',
                ...(recoverId(text) ? { id: recoverId(text)! } : {}),
                error: { code: 'INVALID_PARAMS', message: (error as Error).message }
            });
            return;
        }
        if (frame.kind === 'ping') return this.#send(connection, { kind: 'pong', id: frame.id });
        if (frame.kind === 'hello') return this.#hello(connection, frame);
        if (connection.phase === 'hello')
            return this.#send(connection, {
                kind: 'refused',
                id: frame.id,
                error: { code: 'UNAUTHENTICATED', message: 'Sign in (hello) before sending requests.' }
            });
        await this.#request(connection, frame);
    }

    async #hello(connection: Connection, hello: HelloFrame): Promise<void> {
        const reject = (error: ErrorBody): void => this.#reject(connection, error);
        if (connection.phase !== 'hello') return;
        if (hello.protocol !== AGENT_CHANNEL_PROTOCOL || hello.version !== AGENT_CHANNEL_VERSION)
            return this.#reject(
                connection,
                {
                    code: 'VERSION_MISMATCH',
                    message: `This gateway speaks agent-channel version ${AGENT_CHANNEL_VERSION}; the connector speaks version ${hello.version}. Deploy the connector that matches the gateway.`
                },
                [AGENT_CHANNEL_VERSION]
            );
        const credential = hello.credential;
        let agentId: string | undefined;
        let sessionId: string | undefined;
        if (credential.kind === 'password') {
            agentId = this.#o.directory.authenticate(credential.username, credential.password)?.agentId;
            if (!agentId) return reject({ code: 'UNAUTHENTICATED', message: 'Wrong username or password.' });
        } else if (credential.kind === 'session') {
            const claims = await this.#o.tokens.verify(credential.token);
            if ('invalid' in claims) return reject({ code: 'UNAUTHENTICATED', message: `Your ${claims.invalid}.` });
            agentId = claims.agentId;
            sessionId = claims.sessionId;
        } else {
            return reject({
                code: 'NOT_SUPPORTED',
                message: 'This gateway has no single sign-on: sign in with your telephony username and password.'
            });
        }
        const account = this.#o.directory.get(agentId);
        if (!account) return reject({ code: 'FORBIDDEN', message: 'This agent account no longer exists.' });
        if (hello.salesforceUserId && account.salesforceUserId && hello.salesforceUserId !== account.salesforceUserId)
            return reject({
                code: 'FORBIDDEN',
                message: `This telephony account belongs to another Salesforce user; ask your admin to map ${account.username} to your user.`
            });

        const issued = await this.#o.tokens.issue(agentId, sessionId);
        connection.agentId = agentId;
        connection.sessionId = issued.sessionId;
        connection.tokenExpiresAt = issued.expiresAt;
        connection.phase = 'replaying';
        // Registered before anything is read, so an event committed meanwhile waits instead of being missed.
        let set = this.#byAgent.get(agentId);
        if (!set) this.#byAgent.set(agentId, (set = new Set()));
        set.add(connection);
        this.#o.onConnectionsChanged?.(this.#byAgent.size);

        const store = this.#o.store;
        const lastSeq = await store.lastAgentSeq(agentId);
        const resumeFrom = credential.kind === 'session' ? hello.resumeFromSeq : undefined;
        const replay =
            resumeFrom !== undefined && resumeFrom <= lastSeq
                ? await store.agentEventsAfter(agentId, resumeFrom, this.#o.maxReplay + 1)
                : undefined;
        const resumed = replay !== undefined && replay.length <= this.#o.maxReplay;
        const calls = await this.#o.commands.liveCalls(agentId);
        const device = await this.#o.commands.agentState(agentId);
        this.#send(connection, {
            kind: 'welcome',
            version: AGENT_CHANNEL_VERSION,
            sessionId: issued.sessionId,
            sessionToken: issued.token,
            sessionTokenExpiresAt: issued.expiresAt,
            resumed,
            agent: { agentId, displayName: account.displayName },
            capabilities: this.#o.capabilities,
            snapshot: { calls, agent: device, lastEventSeq: lastSeq }
        });
        this.#o.log.info(
            { agentId, sessionId: issued.sessionId, resumed, client: hello.client.name },
            'agent signed in'
        );
        if (resumed) {
            connection.sentSeq = resumeFrom!;
            for (const record of replay) this.#sendEvent(connection, record);
        } else {
            connection.sentSeq = lastSeq;
        }
        connection.phase = 'ready';
        this.#flush(connection);
        // A shared store: what another instance committed while this sign-in was read, and notified before the
        // connection was ready, is read now rather than at the agent's next event.
        if (store.watchAgentEvents) this.#fill(connection);
    }

    async #request(connection: Connection, frame: RequestFrame): Promise<void> {
        const agentId = connection.agentId!;
        const reply = (body: { result: unknown } | { error: ErrorBody }): void => {
            connection.inFlight.delete(frame.id);
            this.#send(
                connection,
                'result' in body
                    ? { kind: 'reply', id: frame.id, ok: true, result: body.result }
                    : { kind: 'reply', id: frame.id, ok: false, error: body.error }
            );
            this.#flush(connection);
        };
        // Checked before every action, not only at sign-in: an expired session acts no more.
        if (this.#o.now() >= connection.tokenExpiresAt)
            return reply({
                error: { code: 'UNAUTHENTICATED', message: 'Your session has expired: sign in again.' }
            });
        connection.inFlight.add(frame.id);
        try {
            if (frame.command === 'renewSession') {
                const issued = await this.#o.tokens.issue(agentId, connection.sessionId);
                connection.tokenExpiresAt = issued.expiresAt;
                return reply({ result: { sessionToken: issued.token, expiresAt: issued.expiresAt } });
            }
            const result = await this.#o.commands.execute(agentId, frame);
            reply({ result });
            if (frame.command === 'logout') {
                this.#endSession(connection, 'signed out');
                await this.#o.commands.signedOut(agentId, frame.id);
            }
        } catch (error) {
            if (error instanceof CommandError) return reply({ error: { code: error.code, message: error.message } });
            this.#o.log.error({ agentId, command: frame.command, err: error }, 'request failed');
            reply({ error: { code: 'INTERNAL', message: 'The gateway could not carry out the request; try again.' } });
        }
    }

    /** Refuses the sign-in and closes: the connector shows the reason instead of retrying. */
    #reject(connection: Connection, error: ErrorBody, supportedVersions?: number[]): void {
        this.#send(connection, { kind: 'rejected', error, ...(supportedVersions ? { supportedVersions } : {}) });
        connection.phase = 'closed';
        connection.socket.close(4001, error.code);
    }

    // ---- frames out -------------------------------------------------------------------------------------------

    #offer(connection: Connection, record: AgentEventRecord): void {
        if (connection.phase === 'closed' || record.seq <= connection.sentSeq) return;
        connection.waiting.push(record);
        if (connection.phase === 'ready') this.#flush(connection);
    }

    /**
     * Sends waiting events in order, stopping at the echo of a request whose reply has not gone out, and at a gap in
     * the sequence: with several instances an agent's events are committed by any of them, and one committed
     * elsewhere arrives later than a newer one committed here; the gap is read from the store.
     */
    #flush(connection: Connection, acceptGap = false): void {
        if (connection.phase !== 'ready') return;
        connection.waiting.sort((a, b) => a.seq - b.seq);
        while (connection.waiting.length) {
            const next = connection.waiting[0]!;
            if (next.seq <= connection.sentSeq) {
                connection.waiting.shift();
                continue;
            }
            if (next.seq > connection.sentSeq + 1 && !acceptGap) return this.#fill(connection);
            if (next.causedBy && connection.inFlight.has(next.causedBy)) return;
            connection.waiting.shift();
            this.#sendEvent(connection, next);
        }
    }

    /** Reads the events after the last one sent from the store and offers them (one read at a time). */
    #fill(connection: Connection): void {
        if (connection.filling || connection.phase === 'closed' || !connection.agentId) return;
        connection.filling = true;
        const from = connection.sentSeq;
        this.#o.store.agentEventsAfter(connection.agentId, from, this.#o.maxReplay).then(
            (records) => {
                connection.filling = false;
                for (const record of records ?? []) this.#offer(connection, record);
                // With a gapless sequence the read fills the gap; if it did not (events purged meanwhile), the
                // connection goes on rather than stall.
                const stillGap = connection.waiting.length > 0 && connection.waiting[0]!.seq > connection.sentSeq + 1;
                this.#flush(connection, stillGap && connection.sentSeq === from);
            },
            (error: unknown) => {
                connection.filling = false;
                this.#o.log.warn({ agentId: connection.agentId, err: error }, 'reading missed agent events failed');
                // The next notice, commit or resync tries again.
            }
        );
    }

    #sendEvent(connection: Connection, record: AgentEventRecord): void {
        connection.sentSeq = record.seq;
        this.#send(connection, {
            kind: 'event',
            seq: record.seq,
            eventId: record.eventId,
            ...(record.causedBy ? { causedBy: record.causedBy } : {}),
            event: record.event
        });
    }

    #send(connection: Connection, frame: ServerFrame): void {
        if (connection.phase === 'closed') return;
        connection.socket.send(encodeServerFrame(frame));
    }

    #endSession(connection: Connection, reason: string): void {
        connection.phase = 'closed';
        connection.socket.close(1000, reason);
        this.#forget(connection);
    }

    #forget(connection: Connection): void {
        connection.phase = 'closed';
        if (!connection.agentId) return;
        const set = this.#byAgent.get(connection.agentId);
        set?.delete(connection);
        if (set && set.size === 0) this.#byAgent.delete(connection.agentId);
        this.#o.onConnectionsChanged?.(this.#byAgent.size);
    }
}

/** The id of a request frame that failed validation, when the text is JSON with a string id. */
function recoverId(text: string): string | undefined {
    try {
        const value = JSON.parse(text) as unknown;
        if (typeof value === 'object' && value !== null && 'id' in value) {
            const id = value.id;
            if (typeof id === 'string' && id.length > 0 && id.length <= 128) return id;
        }
    } catch {
        return undefined;
    }
    return undefined;
}
