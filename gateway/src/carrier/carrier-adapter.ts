// The port a telephony platform plugs into. Events come in on the carrier endpoint (HTTP, signed); what agents ask
// for goes out through `execute`. A real platform's adapter translates its own API here; the simulated carrier
// (simulated-carrier.ts) implements it in memory for the tests, the benchmark and the workbench.
import type { Capabilities, CONTACT_FILTER_TYPES, ContactEntry, Destination } from '@switchboard/contracts';
import type { CarrierEvent } from './carrier-event.js';

/** What an agent asked for, in the telephony platform's terms. */
export type CarrierRequest =
    | { action: 'answer'; agentId: string; callId: string }
    | { action: 'decline'; agentId: string; callId: string }
    | { action: 'hangUp'; agentId: string; callId: string }
    | { action: 'hold'; agentId: string; callId: string; onHold: boolean }
    | { action: 'mute'; agentId: string; muted: boolean }
    | { action: 'dial'; agentId: string; destination: Destination }
    | { action: 'sendDigits'; agentId: string; callId?: string; digits: string }
    | { action: 'addParticipant'; agentId: string; callId: string; destination: Destination; blind: boolean }
    | { action: 'recording'; agentId: string; callId: string; paused: boolean }
    | { action: 'presence'; agentId: string; routable: boolean; statusName?: string }
    /**
     * The agent (a supervisor) joins another agent's call `callId`: `listen` silently (the call's parties hear
     * nothing), or `barge` into the conversation (from listening, or straight away). The platform answers with
     * `supervisor.joined` carrying this `agentId` and the mode.
     */
    | { action: 'supervise'; agentId: string; callId: string; mode: 'listen' | 'barge'; supervisorName?: string }
    /** The supervisor leaves call `callId`, which goes on; the platform answers with `supervisor.left` (`agentId`). */
    | { action: 'endSupervision'; agentId: string; callId: string };

export interface CarrierResult {
    /** What the platform did, as carrier events: the gateway applies them as the request's echoes. */
    events: CarrierEvent[];
    /** The new call's id, for `dial` and `addParticipant`. */
    callId?: string;
}

/** The platform refused the request; `code` is the agent channel's error code the agent will see. */
export class CarrierError extends Error {
    override readonly name = 'CarrierError';
    constructor(
        readonly code: 'INVALID_DESTINATION' | 'INVALID_PARTICIPANT' | 'CONFLICT' | 'UNAVAILABLE' | 'NOT_SUPPORTED',
        message: string
    ) {
        super(message);
    }
}

export interface CarrierAdapter {
    readonly name: string;
    /** What this platform can do; the connector reports these to Salesforce. */
    readonly capabilities: Capabilities;
    execute(request: CarrierRequest): Promise<CarrierResult>;
    /** Salesforce's Omni-Channel flow chose where a call goes (routing-map ids): offer it there. */
    route?(callId: string, target: { agent?: string; queue?: string }): Promise<void>;
    /**
     * Phone book, queues and agents for transfers. `types` (absent: all) are Salesforce's filter types, applied
     * before the page (`offset`, `limit`) is cut; contactMatchesFilter says what each one takes in.
     */
    contacts?(query: ContactQuery): Promise<ContactEntry[]>;
    /** A playable, time-limited URL of a recording. */
    signRecordingUrl?(recordingUrl: string): Promise<{ url: string; durationSeconds: number }>;
}

export type ContactFilterType = (typeof CONTACT_FILTER_TYPES)[number];

export interface ContactQuery {
    contains?: string;
    types?: readonly ContactFilterType[];
    limit: number;
    offset: number;
}

/**
 * Whether a directory entry answers Salesforce's contact filter (`Constants.CONTACTS_FILTER_TYPES`). The SDK names
 * the filter types without defining them; this reading (unconfirmed) maps each to the contact types it names:
 * AGENT, QUEUE and FLOW to their own type, CONTACT and DIRECTORY to phone-book entries and plain numbers, and
 * AVAILABLE to the agents `isAvailable` says can take a call now. No filter, or an empty one, takes everything.
 */
export function contactMatchesFilter(
    entry: ContactEntry,
    types: readonly ContactFilterType[] | undefined,
    isAvailable: (agentId: string) => boolean
): boolean {
    if (!types || types.length === 0) return true;
    return types.some((type) => {
        switch (type) {
            case 'AGENT':
                return entry.type === 'Agent';
            case 'QUEUE':
                return entry.type === 'Queue';
            case 'FLOW':
                return entry.type === 'Flow';
            case 'CONTACT':
            case 'DIRECTORY':
                return entry.type === 'PhoneBook' || entry.type === 'PhoneNumber';
            case 'AVAILABLE':
                return entry.type === 'Agent' && isAvailable(entry.id);
        }
    });
}
