// A telephony gateway in memory, speaking the real agent-channel protocol, version 2 (the contracts module's codec on
// both ends). Tests drive the telephony side through its methods (ring, answer, hang up...) and inject failures.
// Like the real gateway it numbers events per agent, keeps them in a log to replay on a resumed reconnect, issues
// session tokens that expire and renew, answers frames it cannot read with `refused`, and rejects another protocol
// version with VERSION_MISMATCH.
import {
    AGENT_CHANNEL_VERSION,
    type ErrorBody,
    type HelloFrame,
    ProtocolError,
    refusalFor,
    versionMismatchMessage,
    type CallSnapshot,
    type Capabilities,
    type ClientFrame,
    type CommandName,
    type ContactEntry,
    decodeClientFrame,
    encodeServerFrame,
    type ErrorCode,
    type PageMessage,
    type RequestFrame,
    type ServerFrame,
    type Snapshot,
    type TelephonyEvent,
    type UnknownFrame
} from '@switchboard/contracts';
import type { Connect, Connection, ConnectionHandlers } from '../src/agent-channel-client.js';

export const FULL_CAPABILITIES: Capabilities = {
    mute: true,
    hold: true,
    recording: true,
    merge: true,
    swap: true,
    blindTransfer: true,
    signedRecordingUrl: true,
    phoneBook: true,
    contactSearch: true,
    agentAvailability: true,
    queueWaitTime: false,
    supervisorListenIn: true,
    supervisorBargeIn: true,
    transferToOmniFlow: false,
    deskPhone: true
};

export const DIRECTORY: ContactEntry[] = [
    { id: 'q-sales', type: 'Queue', name: 'Sales queue', queueWaitTime: '2 min' },
    { id: 'q-support', type: 'Queue', name: 'Support queue' },
    { id: 'a-bob', type: 'Agent', name: 'Bob Agent', availability: 'AVAILABLE' },
    { id: 'pb-acme', type: 'PhoneBook', name: 'Acme front desk', phoneNumber: '+14155550111' }
];

interface Link {
    handlers: ConnectionHandlers;
    open: boolean;
    token?: string;
}

/** Extra behaviour per request: `error` refuses it with a reply, `refuse` answers as if it were unreadable. */
type Script = (frame: RequestFrame) => { error: ErrorBody } | { refuse: ErrorBody } | undefined;

export class FakeGateway {
    readonly capabilities: Capabilities;
    readonly calls = new Map<string, CallSnapshot>();
    agent: Snapshot['agent'] = { isMuted: false, phone: { type: 'SOFT_PHONE' } };
    /** Every request received, in order. */
    readonly requests: RequestFrame[] = [];
    readonly pageMessages: PageMessage[] = [];
    readonly validTokens = new Set<string>();
    /** Every hello received, in order (credentials, resumeFromSeq). */
    readonly hellos: HelloFrame[] = [];
    /** Every frame from the connector that this gateway could not read, with the refusal it sent. */
    readonly unreadable: { text: string; error: string }[] = [];
    /** The protocol versions this gateway speaks (a newer gateway: `[3]`). */
    speaks: number[] = [AGENT_CHANNEL_VERSION];
    /** While false, a reconnect is never resumed: the gateway answers with a snapshot (it lost its event log). */
    resumable = true;
    /** How long a session token is accepted after it is issued. */
    tokenLifetimeMs = 15 * 60_000;
    /** The gateway's clock, for token expiry. */
    now: () => number = () => Date.now();
    /** Every call that ended on this gateway, by whatever means. */
    readonly ended = new Set<string>();
    /** While true, connection attempts fail as if the network were down. */
    unreachable = false;
    /** Replies are held back until `release()` (to interleave telephony events with in-flight requests). */
    holdReplies = false;
    /** Extra behaviour per request: return an error to refuse it. */
    script: Script | undefined;
    #links = new Set<Link>();
    #held: (() => void)[] = [];
    #seq = 0;
    /** Every event sent, as its frame's text, by sequence number (a poison frame included). */
    #eventLog: { seq: number; text: string }[] = [];
    #tokenExpiry = new Map<string, number>();
    #nextCall = 1;
    #nextToken = 1;
    #now = 1_700_000_000_000;

    constructor(capabilities: Capabilities = FULL_CAPABILITIES) {
        this.capabilities = capabilities;
    }

    readonly connect: Connect = (_url, handlers) => {
        const link: Link = { handlers, open: false };
        const connection: Connection = {
            send: (text) => setImmediate(() => this.#receive(link, text)),
            close: () => this.#close(link, 'closed by client')
        };
        setImmediate(() => {
            if (this.unreachable) {
                handlers.onClose('connection refused');
                return;
            }
            link.open = true;
            this.#links.add(link);
            handlers.onOpen();
        });
        return connection;
    };

    get connected(): number {
        return [...this.#links].filter((l) => l.open && l.token).length;
    }

    // ---- telephony side -----------------------------------------------------------------------------------------

    newCall(partial: Partial<CallSnapshot> = {}): CallSnapshot {
        const call: CallSnapshot = {
            callId: `call-${this.#nextCall++}`,
            callType: 'Inbound',
            participantType: 'Initial_Caller',
            state: 'ringing',
            phoneNumber: '+14155550100',
            isOnHold: false,
            isRecordingPaused: false,
            startedAt: this.#now++,
            ...partial
        };
        return call;
    }

    ring(partial: Partial<CallSnapshot> = {}): CallSnapshot {
        const call = this.newCall(partial);
        this.calls.set(call.callId, call);
        this.emit({ type: partial.callType === 'Callback' ? 'callbackQueued' : 'callRinging', call });
        return call;
    }

    answer(callId: string): void {
        const call = this.#mustGet(callId);
        const connected = { ...call, state: 'connected' as const };
        this.calls.set(callId, connected);
        this.emit({ type: 'callConnected', call: connected });
    }

    legAnswered(callId: string): void {
        const call = { ...this.#mustGet(callId), state: 'transferred' as const };
        this.calls.set(callId, call);
        this.emit({ type: 'participantConnected', call });
    }

    hangUp(callId: string, isError = false): void {
        this.#mustGet(callId);
        this.#remove(callId);
        this.emit({ type: 'callEnded', callId, isError, ...(isError ? { reason: 'network failure' } : {}) });
    }

    setMutedRemotely(isMuted: boolean): void {
        this.agent = { ...this.agent, isMuted };
        this.emit({ type: 'muteChanged', isMuted });
    }

    setHoldRemotely(callId: string, isOnHold: boolean): void {
        this.calls.set(callId, { ...this.#mustGet(callId), isOnHold });
        this.emit({ type: 'holdChanged', callId, isOnHold });
    }

    setRecordingRemotely(callId: string, isRecordingPaused: boolean): void {
        this.calls.set(callId, { ...this.#mustGet(callId), isRecordingPaused });
        this.emit({ type: 'recordingChanged', callId, isRecordingPaused });
    }

    /**
     * Sends an event to every signed-in connection, with the agent's next sequence number, and keeps it for replay;
     * `causedBy` marks it as the echo of a request.
     */
    emit(event: TelephonyEvent, causedBy?: string): void {
        const seq = ++this.#seq;
        const frame: ServerFrame = {
            kind: 'event',
            seq,
            eventId: `evt-${seq}`,
            event,
            ...(causedBy ? { causedBy } : {})
        };
        this.#logAndSend(seq, encodeServerFrame(frame));
    }

    /** An event frame the connector cannot read (a gateway bug), numbered and logged like any other. */
    emitPoison(): void {
        const seq = ++this.#seq;
        const text = JSON.stringify({
            kind: 'event',
            seq,
            eventId: `evt-${seq}`,
            event: { type: 'callRinging', call: {} }
        });
        this.#logAndSend(seq, text);
    }

    /** Sends a frame as is to every signed-in connection (a newer gateway's frame, a malformed one...). */
    sendRaw(text: string): void {
        for (const link of this.#links) if (link.open && link.token) this.#deliver(link, text);
    }

    /** Every session token is past its expiry from now on (the gateway checks on every request). */
    expireTokens(): void {
        for (const token of this.validTokens) this.#tokenExpiry.set(token, this.now() - 1);
    }

    #logAndSend(seq: number, text: string): void {
        this.#eventLog.push({ seq, text });
        this.sendRaw(text);
    }

    /** Ends every connection abruptly (network loss). Calls and sessions survive, as on a real gateway. */
    dropConnections(): void {
        for (const link of [...this.#links]) this.#close(link, 'network lost');
    }

    /** Ends the agent's session on the gateway side. */
    kick(reason = 'signed in elsewhere'): void {
        this.emit({ type: 'loggedOut', reason });
        this.validTokens.clear();
        setImmediate(() => setImmediate(() => this.dropConnections()));
    }

    release(): void {
        const held = this.#held;
        this.#held = [];
        for (const reply of held) reply();
    }

    snapshot(): Snapshot {
        return { calls: [...this.calls.values()], agent: this.agent, lastEventSeq: this.#seq };
    }

    // ---- protocol ---------------------------------------------------------------------------------------------

    #send(link: Link, frame: ServerFrame): void {
        this.#deliver(link, encodeServerFrame(frame));
    }

    #deliver(link: Link, text: string): void {
        setImmediate(() => {
            if (link.open) link.handlers.onMessage(text);
        });
    }

    #expiresAt(token: string): number {
        let at = this.#tokenExpiry.get(token);
        if (at === undefined) this.#tokenExpiry.set(token, (at = this.now() + this.tokenLifetimeMs));
        return at;
    }

    #accepts(token: string): boolean {
        return this.validTokens.has(token) && this.#expiresAt(token) > this.now();
    }

    #issueToken(): string {
        const token = `token-${this.#nextToken++}-0123456789abcdef`;
        this.validTokens.add(token);
        this.#tokenExpiry.set(token, this.now() + this.tokenLifetimeMs);
        return token;
    }

    #close(link: Link, reason: string): void {
        if (!link.open) return;
        link.open = false;
        this.#links.delete(link);
        setImmediate(() => link.handlers.onClose(reason));
    }

    #receive(link: Link, text: string): void {
        if (!link.open) return;
        let decoded: ClientFrame | UnknownFrame;
        try {
            decoded = decodeClientFrame(text);
        } catch (error) {
            if (!(error instanceof ProtocolError)) throw error;
            // As the real gateway does: say what could not be read, keep the connection.
            this.unreadable.push({ text, error: error.message });
            return this.#send(link, refusalFor(error));
        }
        if (decoded.kind === 'unknown') return;
        const frame = decoded;
        if (frame.kind === 'ping') return this.#send(link, { kind: 'pong', id: frame.id });
        if (frame.kind === 'hello') return this.#hello(link, frame);
        if (!link.token) throw new Error('request before hello');
        this.requests.push(frame);
        const answer = () => {
            if (!this.#accepts(link.token!))
                return this.#send(link, {
                    kind: 'reply',
                    ok: false,
                    id: frame.id,
                    error: { code: 'UNAUTHENTICATED', message: 'the session token has expired; sign in again' }
                });
            const scripted = this.script?.(frame);
            if (scripted && 'refuse' in scripted)
                return this.#send(link, { kind: 'refused', id: frame.id, error: scripted.refuse });
            if (scripted) return this.#send(link, { kind: 'reply', ok: false, id: frame.id, ...scripted });
            try {
                const echoes: TelephonyEvent[] = [];
                const result = this.#execute(link, frame, (event) => echoes.push(event));
                this.#send(link, { kind: 'reply', ok: true, id: frame.id, result });
                // The echoes of this request follow its reply, and precede anything a later request changes.
                for (const event of echoes) this.emit(event, frame.id);
            } catch (error) {
                const e = error as { code?: ErrorCode; message: string };
                this.#send(link, {
                    kind: 'reply',
                    ok: false,
                    id: frame.id,
                    error: { code: e.code ?? 'INTERNAL', message: e.message }
                });
            }
        };
        if (this.holdReplies) this.#held.push(answer);
        else answer();
    }

    #hello(link: Link, frame: HelloFrame): void {
        this.hellos.push(frame);
        const refuse = (code: ErrorCode, message: string, supportedVersions?: number[]) => {
            this.#send(link, {
                kind: 'rejected',
                error: { code, message },
                ...(supportedVersions ? { supportedVersions } : {})
            });
        };
        if (!this.speaks.includes(frame.version))
            return refuse('VERSION_MISMATCH', versionMismatchMessage(frame.version, this.speaks), this.speaks);
        const c = frame.credential;
        let ok = false;
        if (c.kind === 'password') ok = c.username === 'ada' && c.password === 'secret';
        if (c.kind === 'session') ok = this.#accepts(c.token);
        if (c.kind === 'ssoCode') ok = c.code === 'sso-code-0123456789';
        if (!ok) return refuse('UNAUTHENTICATED', 'wrong credentials');
        const token = c.kind === 'session' ? c.token : this.#issueToken();
        link.token = token;
        // Resumable when every event after resumeFromSeq is still in the log.
        const from = frame.resumeFromSeq;
        const resumed =
            c.kind === 'session' &&
            from !== undefined &&
            this.resumable &&
            from <= this.#seq &&
            (from === this.#seq || this.#eventLog[0]!.seq <= from + 1);
        this.#send(link, {
            kind: 'welcome',
            version: AGENT_CHANNEL_VERSION,
            sessionId: 'session-1',
            sessionToken: token,
            sessionTokenExpiresAt: this.#expiresAt(token),
            resumed,
            agent: { agentId: 'agent-ada', displayName: 'Ada Lovelace' },
            capabilities: this.capabilities,
            snapshot: this.snapshot()
        });
        if (resumed) for (const entry of this.#eventLog) if (entry.seq > from) this.#deliver(link, entry.text);
    }

    #mustGet(callId: string): CallSnapshot {
        const call = this.calls.get(callId);
        if (!call) throw Object.assign(new Error(`no call ${callId}`), { code: 'UNKNOWN_CALL' as const });
        return call;
    }

    #remove(callId: string): void {
        this.calls.delete(callId);
        this.ended.add(callId);
        for (const call of this.calls.values())
            if (call.parentCallId === callId) this.calls.set(call.callId, { ...call, initialCallHasEnded: true });
    }

    #fail(code: ErrorCode, message: string): never {
        throw Object.assign(new Error(message), { code });
    }

    #execute(link: Link, frame: RequestFrame, echo: (event: TelephonyEvent) => void): unknown {
        const all = () => [...this.calls.values()];
        const command: CommandName = frame.command;
        switch (frame.command) {
            case 'acceptCall': {
                const call = this.#mustGet(frame.params.callId);
                if (call.state !== 'ringing') this.#fail('CONFLICT', 'call is not ringing');
                const connected = { ...call, state: 'connected' as const };
                this.calls.set(call.callId, connected);
                echo({ type: 'callConnected', call: connected });
                return { call: connected };
            }
            case 'declineCall': {
                const call = this.#mustGet(frame.params.callId);
                this.#remove(call.callId);
                echo({ type: 'callEnded', callId: call.callId, isError: false });
                return { call };
            }
            case 'endCall': {
                const call = this.#mustGet(frame.params.callId);
                this.#remove(call.callId);
                echo({ type: 'callEnded', callId: call.callId, isError: false });
                return { ended: [call], remaining: all() };
            }
            case 'setMute':
                this.agent = { ...this.agent, isMuted: frame.params.muted };
                echo({ type: 'muteChanged', isMuted: frame.params.muted });
                return { isMuted: frame.params.muted };
            case 'setHold': {
                const call = { ...this.#mustGet(frame.params.callId), isOnHold: frame.params.onHold };
                this.calls.set(call.callId, call);
                echo({ type: 'holdChanged', callId: call.callId, isOnHold: call.isOnHold });
                return { calls: all() };
            }
            case 'swap': {
                const hold = this.#mustGet(frame.params.holdCallId);
                const resume = this.#mustGet(frame.params.resumeCallId);
                this.calls.set(hold.callId, { ...hold, isOnHold: true });
                this.calls.set(resume.callId, { ...resume, isOnHold: false });
                return { calls: all() };
            }
            case 'conference': {
                // All or nothing: a call that left meanwhile refuses the conference without touching the others.
                const joined = frame.params.callIds.map((id) => ({ ...this.#mustGet(id), isOnHold: false }));
                for (const call of joined) this.calls.set(call.callId, call);
                return { calls: all() };
            }
            case 'dial': {
                const d = frame.params.destination;
                if (d.phoneNumber?.startsWith('+999')) this.#fail('INVALID_DESTINATION', 'number not reachable');
                const call = this.newCall({
                    callType: 'Outbound',
                    phoneNumber: d.phoneNumber ?? d.id ?? '',
                    ...(d.name ? { contactName: d.name } : {})
                });
                this.calls.set(call.callId, call);
                return { call };
            }
            case 'sendDigits':
                return {};
            case 'addParticipant': {
                const parent = this.#mustGet(frame.params.callId);
                const d = frame.params.destination;
                if (d.phoneNumber?.startsWith('+999')) this.#fail('INVALID_DESTINATION', 'number not reachable');
                const leg = this.newCall({
                    callType: 'AddParticipant',
                    participantType: 'Third_Party',
                    state: 'transferring',
                    phoneNumber: d.phoneNumber ?? d.id ?? '',
                    parentCallId: parent.callId
                });
                if (frame.params.blind) {
                    this.#remove(parent.callId);
                } else {
                    this.calls.set(leg.callId, leg);
                    this.calls.set(parent.callId, { ...parent, isOnHold: true });
                    echo({ type: 'holdChanged', callId: parent.callId, isOnHold: true });
                }
                return { call: leg };
            }
            case 'setRecording': {
                const call = { ...this.#mustGet(frame.params.callId), isRecordingPaused: frame.params.paused };
                this.calls.set(call.callId, call);
                echo({ type: 'recordingChanged', callId: call.callId, isRecordingPaused: call.isRecordingPaused });
                return { isRecordingPaused: call.isRecordingPaused };
            }
            case 'setPresence':
                if (frame.params.statusId === 'bad-status') this.#fail('INVALID_AGENT_STATUS', 'unknown status');
                this.agent = {
                    ...this.agent,
                    vendorStatus: { statusId: frame.params.statusId ?? 'none', statusName: frame.params.agentStatus }
                };
                return {};
            case 'getVendorStatus':
                return this.agent.vendorStatus ?? {};
            case 'getContacts': {
                const { contains, types, limit, offset } = frame.params;
                const typeOf: Record<string, string> = { Queue: 'QUEUE', Agent: 'AGENT', PhoneBook: 'CONTACT' };
                const found = DIRECTORY.filter(
                    (c) =>
                        (!contains || c.name.toLowerCase().includes(contains.toLowerCase())) &&
                        (!types || types.includes(typeOf[c.type] as never))
                );
                return { contacts: found.slice(offset ?? 0, (offset ?? 0) + (limit ?? 500)) };
            }
            case 'setPhone':
                this.agent = { ...this.agent, phone: frame.params };
                return {};
            case 'wrapUp':
                echo({ type: 'wrapUpEnded', callId: frame.params.callId });
                return {};
            case 'signRecordingUrl':
                return { url: `${frame.params.recordingUrl}?signature=abc`, durationSeconds: 42 };
            case 'supervise': {
                const call = this.newCall({
                    callId: frame.params.callId,
                    participantType: 'Supervisor',
                    state: 'connected'
                });
                this.calls.set(call.callId, call);
                return { call };
            }
            case 'supervisorDisconnect': {
                const call = this.#mustGet(frame.params.callId);
                this.#remove(call.callId);
                return { ended: [call] };
            }
            case 'bargeIn': {
                const call = { ...this.#mustGet(frame.params.callId), hasSupervisorBargedIn: true };
                this.calls.set(call.callId, call);
                return { call };
            }
            case 'pageMessage':
                this.pageMessages.push(frame.params.message);
                return {};
            case 'log':
                return {};
            case 'renewSession': {
                const sessionToken = this.#issueToken();
                link.token = sessionToken;
                return { sessionToken, expiresAt: this.#expiresAt(sessionToken) };
            }
            case 'logout':
                return {};
            default:
                throw new Error(`unhandled command ${String(command)}`);
        }
    }
}
