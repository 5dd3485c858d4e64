// A telephony platform in memory, for the tests, the benchmark and the workbench. It plays both parts a real
// platform plays: it carries out what agents ask (`execute`, returning what it did as carrier events), and it
// originates calls and what happens on them (customers ring, speak and hang up), which it sends to the gateway
// through `sink` — in the workbench and the integration tests a signed HTTP POST, as a real carrier would.
import { createHmac, randomUUID } from 'node:crypto';
import type { Capabilities, ContactEntry } from '@switchboard/contracts';
import {
    CarrierError,
    contactMatchesFilter,
    type CarrierAdapter,
    type CarrierRequest,
    type CarrierResult,
    type ContactQuery
} from './carrier-adapter.js';
import type { CarrierEvent } from './carrier-event.js';

export const SIMULATED_CAPABILITIES: Capabilities = {
    mute: true,
    hold: true,
    recording: true,
    merge: true,
    swap: true,
    blindTransfer: true,
    signedRecordingUrl: true,
    phoneBook: true,
    contactSearch: true,
    agentAvailability: false,
    queueWaitTime: false,
    supervisorListenIn: true,
    supervisorBargeIn: true,
    transferToOmniFlow: false,
    deskPhone: false
};

const SIMULATED_DIRECTORY: ContactEntry[] = [
    { id: 'queue-sales', type: 'Queue', name: 'Sales' },
    { id: 'queue-support', type: 'Queue', name: 'Support' },
    { id: 'agent-ada', type: 'Agent', name: 'Ada Lovelace' },
    { id: 'agent-grace', type: 'Agent', name: 'Grace Hopper' },
    { id: 'pb-front-desk', type: 'PhoneBook', name: 'Front desk', phoneNumber: '+14155550111' }
];

export interface SimulatedCarrierOptions {
    /** Where the platform's own events go (a signed HTTP POST to the gateway, or straight into a pipeline). */
    sink: (events: CarrierEvent[]) => Promise<void>;
    /** The far end of an outbound call or a third party answers after this long; undefined: never by itself. */
    autoAnswerMs?: number;
    /** The number agents' outbound calls come from. */
    lineNumber?: string;
    now?: () => number;
    /** A platform that can do less (or more: desk phones) than the simulator's defaults. */
    capabilities?: Partial<Capabilities>;
}

type Envelope = { eventId: string; callId: string; occurredAt: string };

export class SimulatedCarrier implements CarrierAdapter {
    readonly name = 'simulated';
    readonly capabilities: Capabilities;
    readonly #o: SimulatedCarrierOptions;
    readonly #run = randomUUID().slice(0, 8);
    readonly #signingKey = randomUUID();
    #nextEvent = 1;
    #nextCall = 1;
    /** Third-party legs, by leg id: the call they belong to. */
    readonly #legs = new Map<string, string>();
    /** Agents that asked to be routable, in the order they did. */
    readonly #available = new Set<string>();
    readonly #timers = new Set<ReturnType<typeof setTimeout>>();

    constructor(options: SimulatedCarrierOptions) {
        this.#o = options;
        this.capabilities = { ...SIMULATED_CAPABILITIES, ...options.capabilities };
    }

    /** A fresh call id on this platform. */
    newCallId(): string {
        return `sim-${this.#run}-${this.#nextCall++}`;
    }

    envelope(callId: string): Envelope {
        return {
            eventId: `${this.#run}-${this.#nextEvent++}`,
            callId,
            occurredAt: new Date(this.#o.now?.() ?? Date.now()).toISOString()
        };
    }

    /** Sends events the platform originates (a customer rings, speaks, hangs up). */
    emit(events: CarrierEvent[]): Promise<void> {
        return this.#o.sink(events);
    }

    /** A customer calls in; the call waits for Salesforce's routing unless `agentId` routes it straight away. */
    async ringInbound(options: {
        from: string;
        to: string;
        agentId?: string;
        attributes?: Record<string, string>;
        callId?: string;
        /** A callback the customer asked for (the platform queues it for an agent) rather than a live call. */
        direction?: 'inbound' | 'callback';
        queue?: { id: string; name: string };
    }): Promise<string> {
        const callId = options.callId ?? this.newCallId();
        await this.emit([
            {
                ...this.envelope(callId),
                type: 'call.ringing',
                direction: options.direction ?? 'inbound',
                from: options.from,
                to: options.to,
                ...(options.agentId ? { agentId: options.agentId } : {}),
                ...(options.queue ? { queue: options.queue } : {}),
                ...(options.attributes ? { attributes: options.attributes } : {})
            }
        ]);
        return callId;
    }

    async say(callId: string, speaker: 'customer' | 'agent' | 'virtual_agent', text: string): Promise<void> {
        const now = this.#o.now?.() ?? Date.now();
        await this.emit([
            {
                ...this.envelope(callId),
                type: 'transcript.utterance',
                utteranceId: `${callId}-u${this.#nextEvent}`,
                speaker,
                text,
                startedAt: now - 1000,
                endedAt: now
            }
        ]);
    }

    /** A supervisor listens in on the call or barges in (the platform's own supervisor console did it). */
    async supervisorJoins(
        callId: string,
        supervisor: { mode: 'listen' | 'barge'; supervisorId?: string; supervisorName?: string }
    ): Promise<void> {
        await this.emit([
            {
                ...this.envelope(callId),
                type: 'supervisor.joined',
                supervisorId: supervisor.supervisorId ?? 'sim-supervisor',
                mode: supervisor.mode,
                ...(supervisor.supervisorName ? { supervisorName: supervisor.supervisorName } : {})
            }
        ]);
    }

    async hangUp(callId: string, reason: 'customer_hangup' | 'abandoned' = 'customer_hangup'): Promise<void> {
        await this.emit([{ ...this.envelope(callId), type: 'call.ended', reason }]);
    }

    /** The call drops for a technical reason (the line failed), not because someone hung up. */
    async fails(callId: string): Promise<void> {
        await this.emit([{ ...this.envelope(callId), type: 'call.ended', reason: 'failed', isError: true }]);
    }

    /**
     * The call is answered outside the agent's softphone: the far end of an outbound call picks up (no `agentId`),
     * or the agent answers a ringing call on a desk phone.
     */
    async answers(callId: string, agentId?: string): Promise<void> {
        await this.emit([{ ...this.envelope(callId), type: 'call.answered', ...(agentId ? { agentId } : {}) }]);
    }

    /** The third party of a warm transfer or conference leg picks up (what `autoAnswerMs` does by itself). */
    async participantAnswers(legId: string): Promise<void> {
        const parent = this.#legs.get(legId);
        if (!parent) throw new Error(`no third-party leg ${legId} on this platform`);
        await this.emit([{ ...this.envelope(parent), type: 'participant.joined', participantId: legId }]);
    }

    /** The third party of a leg hangs up; the call it was added to goes on. */
    async participantHangsUp(legId: string): Promise<void> {
        const parent = this.#legs.get(legId);
        if (!parent) throw new Error(`no third-party leg ${legId} on this platform`);
        this.#legs.delete(legId);
        await this.emit([{ ...this.envelope(parent), type: 'participant.left', participantId: legId }]);
    }

    /** Whether `callId` is a third party's leg on this platform (rather than a call of its own). */
    isLeg(callId: string): boolean {
        return this.#legs.has(callId);
    }

    /** The agent mutes or unmutes on their desk phone, during `callId`. */
    async deskPhoneMute(callId: string, agentId: string, muted: boolean): Promise<void> {
        await this.emit([{ ...this.envelope(callId), type: 'call.mute', agentId, muted }]);
    }

    /** The agent puts the call on hold, or takes it off, on their desk phone. */
    async deskPhoneHold(callId: string, onHold: boolean): Promise<void> {
        await this.emit([{ ...this.envelope(callId), type: 'call.hold', onHold }]);
    }

    /** Recording paused or resumed outside the softphone (the platform's console, a compliance rule). */
    async recordingChanges(callId: string, paused: boolean): Promise<void> {
        await this.emit([{ ...this.envelope(callId), type: 'recording', state: paused ? 'paused' : 'resumed' }]);
    }

    /** Salesforce's flow chose an agent: ring them (an unknown routing id falls back to the first routable agent). */
    async route(callId: string, target: { agent?: string; queue?: string }): Promise<void> {
        const agentId =
            target.agent && SIMULATED_DIRECTORY.some((c) => c.type === 'Agent' && c.id === target.agent)
                ? target.agent
                : [...this.#available][0];
        if (!agentId) return;
        const call = { ...this.envelope(callId), type: 'call.ringing' as const, direction: 'inbound' as const };
        await this.emit([{ ...call, from: 'unknown', to: 'unknown', agentId }]);
    }

    async contacts(query: ContactQuery): Promise<ContactEntry[]> {
        const needle = query.contains?.toLowerCase();
        return Promise.resolve(
            SIMULATED_DIRECTORY.filter(
                (c) =>
                    (!needle || c.name.toLowerCase().includes(needle)) &&
                    contactMatchesFilter(c, query.types, (agentId) => this.#available.has(agentId))
            ).slice(query.offset, query.offset + query.limit)
        );
    }

    async signRecordingUrl(recordingUrl: string): Promise<{ url: string; durationSeconds: number }> {
        const expires = Math.floor((this.#o.now?.() ?? Date.now()) / 1000) + 300;
        const signature = createHmac('sha256', this.#signingKey).update(`${recordingUrl}|${expires}`).digest('hex');
        const separator = recordingUrl.includes('?') ? '&' : '?';
        return Promise.resolve({
            url: `${recordingUrl}${separator}expires=${expires}&signature=${signature}`,
            durationSeconds: 0
        });
    }

    async execute(request: CarrierRequest): Promise<CarrierResult> {
        return Promise.resolve(this.#execute(request));
    }

    /** Stops the timers of pending automatic answers. */
    close(): void {
        for (const timer of this.#timers) clearTimeout(timer);
        this.#timers.clear();
    }

    #execute(request: CarrierRequest): CarrierResult {
        switch (request.action) {
            case 'answer':
                return {
                    events: [{ ...this.envelope(request.callId), type: 'call.answered', agentId: request.agentId }]
                };
            case 'decline':
                return { events: [{ ...this.envelope(request.callId), type: 'call.ended', reason: 'declined' }] };
            case 'hangUp': {
                const parent = this.#legs.get(request.callId);
                if (parent) {
                    this.#legs.delete(request.callId);
                    return {
                        events: [{ ...this.envelope(parent), type: 'participant.left', participantId: request.callId }]
                    };
                }
                return { events: [{ ...this.envelope(request.callId), type: 'call.ended', reason: 'agent_hangup' }] };
            }
            case 'hold':
                return { events: [{ ...this.envelope(request.callId), type: 'call.hold', onHold: request.onHold }] };
            case 'mute':
                return { events: [] };
            case 'dial': {
                const number = request.destination.phoneNumber;
                if (!number || number.startsWith('+999'))
                    throw new CarrierError(
                        'INVALID_DESTINATION',
                        `The number ${number ?? '(none)'} cannot be reached.`
                    );
                const callId = this.newCallId();
                this.#later(() => [{ ...this.envelope(callId), type: 'call.answered' }]);
                return {
                    callId,
                    events: [
                        {
                            ...this.envelope(callId),
                            type: 'call.ringing',
                            direction: 'outbound',
                            from: this.#o.lineNumber ?? '+14155550000',
                            to: number,
                            ...(request.destination.name ? { displayName: request.destination.name } : {}),
                            agentId: request.agentId
                        }
                    ]
                };
            }
            case 'sendDigits':
                return request.callId
                    ? { events: [{ ...this.envelope(request.callId), type: 'dtmf', digits: request.digits }] }
                    : { events: [] };
            case 'addParticipant': {
                const d = request.destination;
                const number = d.phoneNumber ?? d.id;
                if (!number || number.startsWith('+999'))
                    throw new CarrierError(
                        'INVALID_DESTINATION',
                        `The destination ${number ?? '(none)'} cannot be reached.`
                    );
                const legId = this.newCallId();
                if (request.blind)
                    return {
                        callId: legId,
                        events: [
                            {
                                ...this.envelope(request.callId),
                                type: 'call.transferred',
                                newCallId: legId,
                                ...(d.type === 'Agent' && d.id ? { toAgentId: d.id } : { toNumber: number })
                            }
                        ]
                    };
                this.#legs.set(legId, request.callId);
                this.#later(() => [
                    { ...this.envelope(request.callId), type: 'participant.joined', participantId: legId }
                ]);
                return {
                    callId: legId,
                    events: [
                        {
                            ...this.envelope(request.callId),
                            type: 'participant.added',
                            participantId: legId,
                            phoneNumber: number,
                            ...(d.name ? { displayName: d.name } : {})
                        },
                        { ...this.envelope(request.callId), type: 'call.hold', onHold: true }
                    ]
                };
            }
            case 'recording':
                return {
                    events: [
                        {
                            ...this.envelope(request.callId),
                            type: 'recording',
                            state: request.paused ? 'paused' : 'resumed'
                        }
                    ]
                };
            case 'presence':
                if (request.routable) this.#available.add(request.agentId);
                else this.#available.delete(request.agentId);
                return { events: [] };
            case 'supervise':
                return {
                    events: [
                        {
                            ...this.envelope(request.callId),
                            type: 'supervisor.joined',
                            supervisorId: request.agentId,
                            agentId: request.agentId,
                            mode: request.mode,
                            ...(request.supervisorName ? { supervisorName: request.supervisorName } : {})
                        }
                    ]
                };
            case 'endSupervision':
                return {
                    events: [
                        {
                            ...this.envelope(request.callId),
                            type: 'supervisor.left',
                            supervisorId: request.agentId,
                            agentId: request.agentId
                        }
                    ]
                };
        }
    }

    /** The far end answers after `autoAnswerMs`, as a separate carrier event (not an echo of the request). */
    #later(events: () => CarrierEvent[]): void {
        if (this.#o.autoAnswerMs === undefined) return;
        const timer = setTimeout(() => {
            this.#timers.delete(timer);
            this.emit(events()).catch(() => undefined);
        }, this.#o.autoAnswerMs);
        this.#timers.add(timer);
    }
}
