// The port a telephony platform plugs into. Events come in on the carrier endpoint (HTTP, signed); what agents ask
// for goes out through `execute`. A real platform's adapter translates its own API here; the simulated carrier
// (simulated-carrier.ts) implements it in memory for the tests, the benchmark and the workbench.
import type { Capabilities, ContactEntry, Destination } from '@switchboard/contracts';
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
    /** Phone book, queues and agents for transfers. */
    contacts?(query: { contains?: string; limit: number; offset: number }): Promise<ContactEntry[]>;
    /** A playable, time-limited URL of a recording. */
    signRecordingUrl?(recordingUrl: string): Promise<{ url: string; durationSeconds: number }>;
}
