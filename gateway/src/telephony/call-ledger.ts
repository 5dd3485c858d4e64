// The call ledger: a pure fold of carrier events into what the gateway remembers of each call, what each agent's
// connector must be told, and what Salesforce must be sent. No I/O: the pipeline loads the calls an event touches,
// runs `applyCarrierEvent`, and commits everything it returns in one batch.
//
// Salesforce side (voice-platform.md §6): an inbound call or a transfer leg gets a VoiceCall when it first appears
// (Create VoiceCall), an inbound call is routed by the contact center's Omni-Channel flow (Execute Omni-Channel
// Flow), transcript lines go to the conversation's first VoiceCall, and the totals go once, when the call ends (Update
// VoiceCall overwrites totals rather than adding them). A call that ends before anyone answered also gets Clear
// Routing, or its PendingServiceRouting lingers. Outbound calls are not created here: the API does not support them,
// Salesforce creates their VoiceCall when the connector announces the call.
//
// Supervision: a gateway agent who supervises another's call gets a call record of their own (participant type
// Supervisor), keyed `supervisorCallKey(call, agent)` and shown to their connector under the supervised call's id. It
// has no VoiceCall and sends Salesforce nothing (listening is not a new call); the supervised call lists it in
// `supervisorKeys`, so it ends when the supervisor leaves or when the supervised call ends.
import type { CallSnapshot, TelephonyEvent } from '@switchboard/contracts';
import type { CarrierEvent, CarrierEventOf } from '../carrier/carrier-event.js';
import type { NewAgentEvent } from '../store/store.js';
import type { SalesforceJob, UpdateVoiceCallBody } from '../salesforce/telephony-api.js';

type CallDirection = 'inbound' | 'outbound' | 'callback' | 'transfer' | 'leg';
type LedgerState = 'queued' | 'ringing' | 'connected' | 'transferring' | 'transferred' | 'ended';

export interface LedgerCall {
    callKey: string;
    /** The first call of the conversation: transcripts are filed under its vendorCallKey. */
    conversationKey: string;
    /** Transfer legs and third-party legs: the call they came from. */
    parentKey?: string;
    direction: CallDirection;
    from: string;
    to: string;
    contactName?: string;
    state: LedgerState;
    agentId?: string;
    queue?: { id: string; name: string; enqueuedAt: number };
    createdAt: number;
    ringingAt?: number;
    answeredAt?: number;
    endedAt?: number;
    isOnHold: boolean;
    holdStartedAt?: number;
    numberOfHolds: number;
    totalHoldMs: number;
    longestHoldMs: number;
    isRecordingPaused: boolean;
    recordingLocation?: string;
    recordingSeconds?: number;
    attributes?: Record<string, string>;
    dtmf: string;
    /** A VoiceCall is created for this call in Salesforce (inbound, callback and transfer legs). */
    hasVoiceCall: boolean;
    initialCallHasEnded?: boolean;
    hasSupervisorBargedIn?: boolean;
    /** On a supervisor's call: the call they supervise. Its `direction`, numbers and conversation are that call's. */
    supervisedKey?: string;
    /** On a supervised call: its supervisors' calls (live ones), to end with it. */
    supervisorKeys?: string[];
}

export interface LedgerContext {
    callCenterApiName: string;
    /** The agent's Salesforce username (sent as `agent` and as a transcript participant), if known. */
    salesforceUsername(agentId: string): string | undefined;
    /** Omni-Channel flow for inbound calls; without it Salesforce uses the phone channel's flow for the dialed number. */
    omniFlow?: { flowDevName?: string; fallbackQueue?: string };
    /** Request that caused the events (agent-channel request id), for `causedBy`. */
    causedBy?: string;
    /**
     * The agent who made that request. Only their events carry `causedBy`: what the request does to another agent
     * (a supervisor barging into their call, a call transferred to them) is news to that agent's connector.
     */
    requestedBy?: string;
}

export type LedgerOutcome =
    | {
          status: 'applied';
          calls: LedgerCall[];
          agentEvents: NewAgentEvent[];
          jobs: SalesforceJob[];
      }
    /** Nothing to do: the event repeats what the ledger already knows, or concerns a call that has ended. */
    | { status: 'ignored'; reason: string }
    /** The event cannot be applied; the carrier must fix it. */
    | { status: 'rejected'; reason: string };

const iso = (ms: number): string => new Date(ms).toISOString();
const seconds = (ms: number): number => Math.round(ms / 1000);

/** The connector's view of a call (the agent channel's CallSnapshot). */
export function toSnapshot(call: LedgerCall): CallSnapshot {
    const callType = (
        {
            inbound: 'Inbound',
            outbound: 'Outbound',
            callback: 'Callback',
            transfer: 'Transfer',
            leg: 'AddParticipant'
        } as const
    )[call.direction];
    const state: CallSnapshot['state'] = call.state === 'queued' || call.state === 'ended' ? 'ringing' : call.state;
    return {
        // A supervisor's call is the supervised call, as Salesforce and the supervisor's connector know it.
        callId: call.supervisedKey ?? call.callKey,
        callType,
        participantType: call.supervisedKey
            ? 'Supervisor'
            : call.direction === 'leg'
              ? 'Third_Party'
              : 'Initial_Caller',
        state,
        phoneNumber: call.direction === 'outbound' || call.direction === 'leg' ? call.to : call.from,
        ...(call.contactName ? { contactName: call.contactName } : {}),
        ...(call.parentKey ? { parentCallId: call.parentKey } : {}),
        isOnHold: call.isOnHold,
        isRecordingPaused: call.isRecordingPaused,
        ...(call.initialCallHasEnded ? { initialCallHasEnded: true } : {}),
        ...(call.hasSupervisorBargedIn ? { hasSupervisorBargedIn: true } : {}),
        ...(call.queue ? { queue: call.queue } : {}),
        startedAt: call.createdAt,
        ...(call.attributes ? { attributes: call.attributes } : {})
    };
}

/**
 * The record key of agent `agentId`'s supervisor call on call `callKey`. Its own key, so that it is stored like any
 * call; the connector sees it under `callKey` (toSnapshot).
 */
export function supervisorCallKey(callKey: string, agentId: string): string {
    return `supervisor:${agentId}:${callKey}`;
}

/** Calls an event needs loaded besides its own (the leg or new leg it names). */
export function keysTouched(event: CarrierEvent): string[] {
    switch (event.type) {
        case 'supervisor.joined':
        case 'supervisor.left':
            return event.agentId ? [event.callId, supervisorCallKey(event.callId, event.agentId)] : [event.callId];
        case 'participant.added':
        case 'participant.joined':
        case 'participant.left':
            return [event.callId, event.participantId];
        case 'call.transferred':
            return [event.callId, event.newCallId];
        default:
            return [event.callId];
    }
}

/** Calls a loaded call names, that an event on it may change too (its supervisors' calls end with it). */
export function relatedKeys(call: LedgerCall): string[] {
    return call.supervisorKeys ?? [];
}

function newCall(
    callKey: string,
    fields: Pick<LedgerCall, 'direction' | 'from' | 'to' | 'createdAt'> & Partial<LedgerCall>
): LedgerCall {
    return {
        callKey,
        conversationKey: callKey,
        state: 'queued',
        isOnHold: false,
        numberOfHolds: 0,
        totalHoldMs: 0,
        longestHoldMs: 0,
        isRecordingPaused: false,
        dtmf: '',
        hasVoiceCall: false,
        ...fields
    };
}

/**
 * Folds one carrier event. `calls` holds the records named by `keysTouched(event)` that exist; the outcome's `calls`
 * are the records to write (new or changed).
 */
export function applyCarrierEvent(
    calls: ReadonlyMap<string, LedgerCall>,
    event: CarrierEvent,
    context: LedgerContext
): LedgerOutcome {
    const at = Date.parse(event.occurredAt);
    const out = { calls: [] as LedgerCall[], agentEvents: [] as NewAgentEvent[], jobs: [] as SalesforceJob[] };
    const tell = (agentId: string | undefined, agentEvent: TelephonyEvent): void => {
        if (agentId)
            out.agentEvents.push({
                agentId,
                event: agentEvent,
                ...(context.causedBy && (context.requestedBy === undefined || context.requestedBy === agentId)
                    ? { causedBy: context.causedBy }
                    : {})
            });
    };
    const applied = (): LedgerOutcome => ({ status: 'applied', ...out });

    const current = calls.get(event.callId);
    if (event.type === 'call.ringing') return ring(current, event, at, out, tell, context, applied);
    if (!current)
        return {
            status: 'rejected',
            reason: `unknown call ${event.callId}: a call's first event must be call.ringing`
        };
    if (current.state === 'ended') return { status: 'ignored', reason: `call ${event.callId} has ended` };
    const call: LedgerCall = { ...current };
    out.calls.push(call);

    switch (event.type) {
        case 'call.answered': {
            if (call.state === 'connected') return { status: 'ignored', reason: 'already connected' };
            call.state = 'connected';
            call.answeredAt = at;
            if (event.agentId) call.agentId = event.agentId;
            tell(call.agentId, { type: 'callConnected', call: toSnapshot(call) });
            return applied();
        }
        case 'call.hold': {
            if (call.isOnHold === event.onHold) return { status: 'ignored', reason: 'hold state unchanged' };
            call.isOnHold = event.onHold;
            if (event.onHold) {
                call.holdStartedAt = at;
                call.numberOfHolds += 1;
            } else if (call.holdStartedAt !== undefined) {
                const held = Math.max(0, at - call.holdStartedAt);
                call.totalHoldMs += held;
                call.longestHoldMs = Math.max(call.longestHoldMs, held);
                delete call.holdStartedAt;
            }
            tell(call.agentId, { type: 'holdChanged', callId: call.callKey, isOnHold: call.isOnHold });
            return applied();
        }
        case 'call.mute':
            out.calls.pop();
            tell(event.agentId, { type: 'muteChanged', isMuted: event.muted });
            return applied();
        case 'recording': {
            if (event.location) call.recordingLocation = event.location;
            if (event.durationSeconds !== undefined) call.recordingSeconds = event.durationSeconds;
            const paused = event.state === 'paused';
            if ((event.state === 'paused' || event.state === 'resumed') && call.isRecordingPaused !== paused) {
                call.isRecordingPaused = paused;
                tell(call.agentId, {
                    type: 'recordingChanged',
                    callId: call.callKey,
                    isRecordingPaused: paused
                });
            }
            return applied();
        }
        case 'transcript.utterance': {
            out.calls.pop();
            const participantId =
                event.speaker === 'customer'
                    ? call.from
                    : event.speaker === 'agent'
                      ? ((call.agentId && context.salesforceUsername(call.agentId)) ?? call.agentId ?? call.callKey)
                      : call.callKey;
            out.jobs.push({
                kind: 'createTranscript',
                callKey: call.conversationKey,
                body: {
                    messageId: event.utteranceId,
                    startTime: event.startedAt,
                    endTime: Math.max(event.endedAt, event.startedAt),
                    content: event.text,
                    senderType:
                        event.speaker === 'customer'
                            ? 'END_USER'
                            : event.speaker === 'agent'
                              ? 'HUMAN_AGENT'
                              : 'VIRTUAL_AGENT',
                    participantId
                }
            });
            return applied();
        }
        case 'dtmf':
            call.dtmf = (call.dtmf + event.digits).slice(-256);
            return applied();
        case 'supervisor.joined': {
            if (call.supervisedKey)
                return { status: 'rejected', reason: `call ${call.callKey} is a supervisor's call` };
            if (event.agentId) {
                const key = supervisorCallKey(call.callKey, event.agentId);
                const existing = calls.get(key);
                const live = existing && existing.state !== 'ended' ? existing : undefined;
                if (live && (event.mode === 'listen' || live.hasSupervisorBargedIn))
                    return { status: 'ignored', reason: `supervisor ${event.agentId} already joined in that mode` };
                const supervisor: LedgerCall = live
                    ? { ...live }
                    : newCall(key, {
                          direction: call.direction,
                          from: call.from,
                          to: call.to,
                          createdAt: at,
                          conversationKey: call.conversationKey,
                          state: 'connected',
                          answeredAt: at,
                          agentId: event.agentId,
                          supervisedKey: call.callKey,
                          ...(call.contactName ? { contactName: call.contactName } : {}),
                          ...(call.attributes ? { attributes: call.attributes } : {})
                      });
                if (event.mode === 'barge') supervisor.hasSupervisorBargedIn = true;
                out.calls.push(supervisor);
                if (!call.supervisorKeys?.includes(key)) call.supervisorKeys = [...(call.supervisorKeys ?? []), key];
                if (!live) tell(supervisor.agentId, { type: 'callConnected', call: toSnapshot(supervisor) });
            }
            if (event.mode === 'barge') {
                call.hasSupervisorBargedIn = true;
                tell(call.agentId, {
                    type: 'supervisorBargedIn',
                    callId: call.callKey,
                    ...(event.supervisorName ? { supervisorName: event.supervisorName } : {})
                });
            }
            return applied();
        }
        case 'supervisor.left': {
            const key = event.agentId ? supervisorCallKey(call.callKey, event.agentId) : undefined;
            const supervisor = key ? calls.get(key) : undefined;
            if (!key || !supervisor || supervisor.state === 'ended')
                return { status: 'ignored', reason: 'no supervisor of this gateway is on the call' };
            call.supervisorKeys = (call.supervisorKeys ?? []).filter((k) => k !== key);
            // The last gateway supervisor in the conversation left: the call says so again. (A supervisor on the
            // platform's own console who barged in is not tracked; the platform's next barge-in sets it back.)
            if (supervisor.hasSupervisorBargedIn && call.supervisorKeys.length === 0) delete call.hasSupervisorBargedIn;
            endSupervisor(supervisor, at, undefined, out, tell);
            return applied();
        }
        case 'participant.added': {
            if (calls.get(event.participantId))
                return { status: 'ignored', reason: `participant ${event.participantId} already added` };
            const leg = newCall(event.participantId, {
                direction: 'leg',
                from: call.from,
                to: event.phoneNumber,
                createdAt: at,
                conversationKey: call.conversationKey,
                parentKey: call.callKey,
                state: 'transferring',
                ...(call.agentId ? { agentId: call.agentId } : {}),
                ...(event.displayName ? { contactName: event.displayName } : {})
            });
            out.calls.push(leg);
            return applied();
        }
        case 'participant.joined':
        case 'participant.left': {
            const existing = calls.get(event.participantId);
            if (!existing) return { status: 'rejected', reason: `unknown participant ${event.participantId}` };
            if (existing.state === 'ended') return { status: 'ignored', reason: 'participant already left' };
            out.calls.pop();
            const leg: LedgerCall = { ...existing };
            out.calls.push(leg);
            if (event.type === 'participant.joined') {
                if (leg.state === 'transferred') return { status: 'ignored', reason: 'participant already joined' };
                leg.state = 'transferred';
                leg.answeredAt = at;
                tell(leg.agentId, { type: 'participantConnected', call: toSnapshot(leg) });
            } else {
                leg.state = 'ended';
                leg.endedAt = at;
                tell(leg.agentId, { type: 'callEnded', callId: leg.callKey, isError: false });
            }
            return applied();
        }
        case 'call.transferred': {
            if (calls.get(event.newCallId))
                return { status: 'rejected', reason: `call ${event.newCallId} already exists` };
            const leg = newCall(event.newCallId, {
                direction: 'transfer',
                from: call.from,
                to: event.toNumber ?? call.to,
                createdAt: at,
                conversationKey: call.conversationKey,
                parentKey: call.callKey,
                hasVoiceCall: true,
                ...(event.toAgentId ? { agentId: event.toAgentId, state: 'ringing', ringingAt: at } : {}),
                ...(event.queue ? { queue: { ...event.queue, enqueuedAt: at } } : {}),
                ...(call.attributes ? { attributes: call.attributes } : {})
            });
            out.calls.push(leg);
            out.jobs.push({
                kind: 'createVoiceCall',
                callKey: leg.callKey,
                body: {
                    callCenterApiName: context.callCenterApiName,
                    vendorCallKey: leg.callKey,
                    to: leg.to,
                    from: leg.from,
                    initiationMethod: 'Transfer',
                    startTime: iso(at),
                    participants: [{ participantKey: leg.from, type: 'END_USER' }],
                    parentVoiceCallId: call.callKey,
                    ...(event.queue ? { queue: event.queue.id } : {})
                }
            });
            if (leg.agentId) tell(leg.agentId, { type: 'callRinging', call: toSnapshot(leg) });
            end(call, at, 'transferred', false, out, tell, context, calls);
            return applied();
        }
        case 'call.ended':
            end(call, at, event.reason ?? 'customer_hangup', event.isError ?? false, out, tell, context, calls);
            return applied();
    }
}

function ring(
    current: LedgerCall | undefined,
    event: CarrierEventOf<'call.ringing'>,
    at: number,
    out: { calls: LedgerCall[]; jobs: SalesforceJob[] },
    tell: (agentId: string | undefined, event: TelephonyEvent) => void,
    context: LedgerContext,
    applied: () => LedgerOutcome
): LedgerOutcome {
    if (current?.state === 'ended') return { status: 'ignored', reason: `call ${event.callId} has ended` };
    if (current && current.state !== 'queued' && current.state !== 'ringing')
        return { status: 'ignored', reason: `call ${event.callId} is already ${current.state}` };
    if (current && (!event.agentId || current.agentId === event.agentId))
        return { status: 'ignored', reason: 'already ringing' };
    const call: LedgerCall = current
        ? { ...current }
        : newCall(event.callId, {
              direction: event.direction,
              from: event.from,
              to: event.to,
              createdAt: at,
              hasVoiceCall: event.direction !== 'outbound',
              ...(event.displayName ? { contactName: event.displayName } : {}),
              ...(event.attributes ? { attributes: event.attributes } : {})
          });
    if (event.queue) call.queue = { ...event.queue, enqueuedAt: at };
    out.calls.push(call);
    if (!current && call.hasVoiceCall) {
        out.jobs.push({
            kind: 'createVoiceCall',
            callKey: call.callKey,
            body: {
                callCenterApiName: context.callCenterApiName,
                vendorCallKey: call.callKey,
                to: call.to,
                from: call.from,
                initiationMethod: 'Inbound',
                startTime: iso(at),
                participants: [{ participantKey: call.from, type: 'END_USER' }],
                ...(call.attributes ? { callAttributes: JSON.stringify(call.attributes) } : {})
            }
        });
        if (!event.agentId)
            out.jobs.push({
                kind: 'executeOmniFlow',
                callKey: call.callKey,
                body: {
                    dialedNumber: call.to,
                    ...(context.omniFlow?.flowDevName ? { flowDevName: context.omniFlow.flowDevName } : {}),
                    ...(context.omniFlow?.fallbackQueue ? { fallbackQueue: context.omniFlow.fallbackQueue } : {})
                }
            });
    }
    if (event.agentId) {
        // Offered to another agent: the first stops ringing (the platform took the call away from them).
        if (current?.agentId && current.agentId !== event.agentId)
            tell(current.agentId, {
                type: 'callEnded',
                callId: call.callKey,
                reason: 'offered to another agent',
                isError: false
            });
        call.agentId = event.agentId;
        call.state = 'ringing';
        call.ringingAt = at;
        if (event.direction !== 'outbound')
            tell(call.agentId, {
                type: call.direction === 'callback' ? 'callbackQueued' : 'callRinging',
                call: toSnapshot(call)
            });
    }
    return applied();
}

function end(
    call: LedgerCall,
    at: number,
    reason: string,
    isError: boolean,
    out: { calls: LedgerCall[]; jobs: SalesforceJob[] },
    tell: (agentId: string | undefined, event: TelephonyEvent) => void,
    context: LedgerContext,
    calls: ReadonlyMap<string, LedgerCall>
): void {
    if (call.isOnHold && call.holdStartedAt !== undefined) {
        const held = Math.max(0, at - call.holdStartedAt);
        call.totalHoldMs += held;
        call.longestHoldMs = Math.max(call.longestHoldMs, held);
        delete call.holdStartedAt;
        call.isOnHold = false;
    }
    const wasAnswered = call.answeredAt !== undefined;
    call.state = 'ended';
    call.endedAt = at;
    tell(call.agentId, {
        type: 'callEnded',
        callId: call.callKey,
        isError,
        ...(reason !== 'agent_hangup' ? { reason: reason.replace(/_/g, ' ') } : {})
    });
    // The agent's third-party legs stay, now without the caller (the connector shows "caller left").
    for (const other of calls.values())
        if (other.parentKey === call.callKey && other.direction === 'leg' && other.state !== 'ended') {
            const leg = { ...other, initialCallHasEnded: true };
            out.calls.push(leg);
        }
    // Supervisors have nothing left to listen to.
    for (const key of call.supervisorKeys ?? []) {
        const supervisor = calls.get(key);
        if (supervisor && supervisor.state !== 'ended')
            endSupervisor(supervisor, at, 'supervised call ended', out, tell);
    }
    delete call.supervisorKeys;
    if (!call.hasVoiceCall) return;
    if (!wasAnswered) out.jobs.push({ kind: 'clearRouting', callKey: call.callKey });
    const username = call.agentId ? context.salesforceUsername(call.agentId) : undefined;
    const body: UpdateVoiceCallBody = {
        startTime: iso(call.createdAt),
        endTime: iso(at),
        ...(call.queue ? { enqueueTime: iso(call.queue.enqueuedAt), queue: call.queue.id } : {}),
        ...(call.answeredAt !== undefined
            ? { acceptTime: iso(call.answeredAt), agentInteractionDuration: seconds(at - call.answeredAt) }
            : {}),
        ...(username ? { agent: username } : {}),
        totalHoldDuration: seconds(call.totalHoldMs),
        longestHoldDuration: seconds(call.longestHoldMs),
        numberOfHolds: call.numberOfHolds,
        ...(call.recordingLocation
            ? {
                  recordingLocation: call.recordingLocation,
                  ...(call.recordingSeconds !== undefined ? { totalRecordingDuration: call.recordingSeconds } : {})
              }
            : {}),
        isActiveCall: false,
        ...(isError ? { disconnectReason: { value: reason, isError: true } } : {})
    };
    out.jobs.push({ kind: 'updateVoiceCall', callKey: call.callKey, body });
}

/** A supervisor's call ends (they left, or the supervised call ended): no VoiceCall, nothing for Salesforce. */
function endSupervisor(
    supervisor: LedgerCall,
    at: number,
    reason: string | undefined,
    out: { calls: LedgerCall[] },
    tell: (agentId: string | undefined, event: TelephonyEvent) => void
): void {
    out.calls.push({ ...supervisor, state: 'ended', endedAt: at });
    tell(supervisor.agentId, {
        type: 'callEnded',
        callId: supervisor.supervisedKey ?? supervisor.callKey,
        isError: false,
        ...(reason ? { reason } : {})
    });
}
