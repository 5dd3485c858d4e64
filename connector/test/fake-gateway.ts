// A telephony gateway in memory, speaking the real agent-channel protocol (the contracts module's codec on both
// ends). Tests drive the telephony side through its methods (ring, answer, hang up...) and inject failures.
import {
    AGENT_CHANNEL_VERSION,
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
    type TelephonyEvent
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

type Script = (frame: RequestFrame) => { error: { code: ErrorCode; message: string } } | undefined;

export class FakeGateway {
    readonly capabilities: Capabilities;
    readonly calls = new Map<string, CallSnapshot>();
    agent: Snapshot['agent'] = { isMuted: false, phone: { type: 'SOFT_PHONE' } };
    /** Every request received, in order. */
    readonly requests: RequestFrame[] = [];
    readonly pageMessages: PageMessage[] = [];
    readonly validTokens = new Set<string>();
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

    /** Sends an event to every signed-in connection; `causedBy` marks it as the echo of a request. */
    emit(event: TelephonyEvent, causedBy?: string): void {
        const frame: ServerFrame = { kind: 'event', seq: ++this.#seq, event, ...(causedBy ? { causedBy } : {}) };
        for (const link of this.#links) if (link.open && link.token) this.#send(link, frame);
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
        const text = encodeServerFrame(frame);
        setImmediate(() => {
            if (link.open) link.handlers.onMessage(text);
        });
    }

    #close(link: Link, reason: string): void {
        if (!link.open) return;
        link.open = false;
        this.#links.delete(link);
        setImmediate(() => link.handlers.onClose(reason));
    }

    #receive(link: Link, text: string): void {
        if (!link.open) return;
        const frame: ClientFrame = decodeClientFrame(text); // a bad frame from the connector fails the test loudly
        if (frame.kind === 'ping') return this.#send(link, { kind: 'pong', id: frame.id });
        if (frame.kind === 'hello') return this.#hello(link, frame);
        if (!link.token) throw new Error('request before hello');
        this.requests.push(frame);
        const answer = () => {
            const scripted = this.script?.(frame);
            if (scripted) return this.#send(link, { kind: 'reply', ok: false, id: frame.id, ...scripted });
            try {
                const echoes: TelephonyEvent[] = [];
                const result = this.#execute(frame, (event) => echoes.push(event));
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

    #hello(link: Link, frame: Extract<ClientFrame, { kind: 'hello' }>): void {
        const refuse = (code: ErrorCode, message: string) => {
            this.#send(link, { kind: 'rejected', error: { code, message } });
        };
        if (frame.version !== AGENT_CHANNEL_VERSION) return refuse('INVALID_PARAMS', 'unsupported version');
        const c = frame.credential;
        let ok = false;
        if (c.kind === 'password') ok = c.username === 'ada' && c.password === 'secret';
        if (c.kind === 'session') ok = this.validTokens.has(c.token);
        if (c.kind === 'ssoCode') ok = c.code === 'sso-code-0123456789';
        if (!ok) return refuse('UNAUTHENTICATED', 'wrong credentials');
        const token = c.kind === 'session' ? c.token : `token-${this.#nextToken++}-0123456789abcdef`;
        this.validTokens.add(token);
        link.token = token;
        this.#send(link, {
            kind: 'welcome',
            version: AGENT_CHANNEL_VERSION,
            sessionId: 'session-1',
            sessionToken: token,
            agent: { agentId: 'agent-ada', displayName: 'Ada Lovelace' },
            capabilities: this.capabilities,
            snapshot: this.snapshot()
        });
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

    #execute(frame: RequestFrame, echo: (event: TelephonyEvent) => void): unknown {
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
            case 'logout':
                return {};
            default:
                throw new Error(`unhandled command ${String(command)}`);
        }
    }
}
