// The agent's calls as a pure function of Voice Toolkit events.
//
// State is kept per call, keyed by the Toolkit's callId (= VoiceCall.VendorCallKey). Every event goes through
// reduceToolkitEvent(state, envelope) and either changes exactly one call or nothing at all. Duplicates (the same
// event twice), late events (a hold after the call ended), events for calls the model has finished with, and
// malformed payloads are ignored with a reason; they never throw and never corrupt state. Applying an event a second
// time returns the very same state object, so duplicate delivery is harmless by construction.
//
// Phases: ringing → connected ⇄ onHold → afterCallWork (or ended, when the contact center has no after-call work)
// → done. A phase never goes back, so a late event cannot resurrect an ended call.
import { UNKNOWN_AUDIO, channelStats, rateAudio } from './audioQuality';
import { parseToolkitEvent } from './toolkitEvents';
import type { ConversationEvent, ToolkitEvent } from './toolkitEvents';
import { appendLine, emptyTranscript, hasLine } from './transcriptRing';
import { PHASE_RANK } from './callModel';
import type {
    CallModelState,
    CallPhase,
    CallState,
    CallTimers,
    Participant,
    ParticipantRole,
    SupervisorNote
} from './callModel';

export { TOOLKIT_EVENT_NAMES, isToolkitEventName, parseToolkitEvent } from './toolkitEvents';
export type { CallDirection, ToolkitEvent, ToolkitEventName } from './toolkitEvents';
export { AUDIO_THRESHOLDS, rateAudio } from './audioQuality';
export type { AudioQuality, AudioRating, ChannelStats } from './audioQuality';
export { capacityOf, lineCount, lines as transcriptLines } from './transcriptRing';
export type { TranscriptLine, TranscriptView } from './transcriptRing';
export {
    AUDIO_LABELS,
    MUTED_LABEL,
    PARTICIPANT_STATUS_LABELS,
    PHASE_LABELS,
    callDurations,
    describeChange,
    formatDuration,
    participantStatus
} from './callInsights';
export type { CallDurations, ParticipantStatus } from './callInsights';
export { CALL_PHASES, PHASE_RANK } from './callModel';
export type {
    CallModelState,
    CallPhase,
    CallState,
    CallTimers,
    Participant,
    ParticipantRole,
    RaisedFlag,
    SupervisorNote
} from './callModel';

export interface ReducerOptions {
    /** Transcript lines kept per call. */
    readonly transcriptCapacity: number;
    /** When true (the default) callended opens after-call work; wrapupended closes it. */
    readonly afterCallWork: boolean;
    /** Calls kept in memory; the oldest finished calls are dropped beyond it. */
    readonly maxCalls: number;
}

export const DEFAULT_OPTIONS: ReducerOptions = { transcriptCapacity: 200, afterCallWork: true, maxCalls: 10 };

/** Supervisor notes and message ids kept per call. */
export const MAX_NOTES = 50;
const MAX_MESSAGE_IDS = 200;
const MAX_RETIRED = 100;
/** swap is the only toggle among the events: a repeat within this window is the same event delivered twice. */
export const SWAP_DUPLICATE_WINDOW_MS = 500;

export interface EventEnvelope {
    /** The DOM event's type. */
    readonly name: string;
    readonly detail: unknown;
    /** When the component received it (ms since epoch). */
    readonly receivedAt: number;
}

export type Outcome =
    | { readonly applied: true; readonly callId: string; readonly event: ToolkitEvent }
    | { readonly applied: false; readonly reason: string; readonly callId?: string };

export interface ReduceResult {
    readonly state: CallModelState;
    readonly outcome: Outcome;
}

export function initialState(): CallModelState {
    return { calls: {}, order: [], retired: [] };
}

const ACTIVE: ReadonlySet<CallPhase> = new Set<CallPhase>(['connected', 'onHold']);
const LIVE: ReadonlySet<CallPhase> = new Set<CallPhase>(['ringing', 'connected', 'onHold']);

export const isLive = (call: CallState): boolean => LIVE.has(call.phase);

const participantKey = (value: string): string => value.trim().toLowerCase();

function newCall(callId: string, at: number, options: ReducerOptions, init: Partial<CallState>): CallState {
    return {
        callId,
        phase: 'ringing',
        direction: 'unknown',
        customerNumber: null,
        adopted: false,
        participants: [],
        muted: false,
        recordingPaused: false,
        transcript: emptyTranscript(options.transcriptCapacity),
        flag: null,
        notes: [],
        messageIds: [],
        audio: UNKNOWN_AUDIO,
        timers: {
            startedAt: at,
            connectedAt: null,
            endedAt: null,
            wrapUpEndedAt: null,
            holdStartedAt: null,
            totalHoldMs: 0,
            holdCount: 0
        },
        updatedAt: at,
        lastSwapAt: null,
        ...init
    };
}

/** The phase that follows from who is on hold, for a call in progress. */
function holdPhase(participants: readonly Participant[]): CallPhase {
    const present = participants.filter((p) => p.present);
    return present.length > 0 && present.every((p) => p.onHold) ? 'onHold' : 'connected';
}

/** Participants with the customer as initial caller: a party already known under that number is promoted. */
function withCustomer(participants: readonly Participant[], number: string | null, at: number): readonly Participant[] {
    if (!number || participants.some((p) => p.role === 'initialCaller')) return participants;
    const key = participantKey(number);
    if (participants.some((p) => p.key === key))
        return participants.map((p) => (p.key === key ? { ...p, role: 'initialCaller' } : p));
    return [
        ...participants,
        { key, label: number, role: 'initialCaller', onHold: false, present: true, joinedAt: at, leftAt: null }
    ];
}

/** The participant an event names; the sole remote party when the event names nobody. */
function findParticipant(call: CallState, name: string | null): Participant | null {
    if (name) return call.participants.find((p) => p.key === participantKey(name)) ?? null;
    const present = call.participants.filter((p) => p.present);
    return present.length === 1 ? (present[0] ?? null) : null;
}

/** Updates hold time of the initial caller when their hold state changes. */
function holdTimers(
    timers: CallTimers,
    before: readonly Participant[],
    after: readonly Participant[],
    at: number
): CallTimers {
    const wasHeld = before.some((p) => p.role === 'initialCaller' && p.present && p.onHold);
    const isHeld = after.some((p) => p.role === 'initialCaller' && p.present && p.onHold);
    if (wasHeld === isHeld) return timers;
    if (isHeld) return { ...timers, holdStartedAt: at, holdCount: timers.holdCount + 1 };
    const started = timers.holdStartedAt ?? at;
    return { ...timers, holdStartedAt: null, totalHoldMs: timers.totalHoldMs + Math.max(0, at - started) };
}

/** A call whose participants changed: phase and hold timers follow. */
function withParticipants(call: CallState, participants: readonly Participant[], at: number): CallState {
    return {
        ...call,
        participants,
        phase: holdPhase(participants),
        timers: holdTimers(call.timers, call.participants, participants, at),
        updatedAt: at
    };
}

type Step = CallState | string;

function startCall(
    event: ToolkitEvent & { name: 'callstarted' | 'callconnected' },
    at: number,
    options: ReducerOptions
): CallState {
    const connected = event.name === 'callconnected';
    const base = newCall(event.callId, at, options, {});
    return {
        ...base,
        phase: connected ? 'connected' : 'ringing',
        direction: event.direction,
        customerNumber: event.participant,
        participants: withCustomer([], event.participant, at),
        timers: { ...base.timers, connectedAt: connected ? at : null }
    };
}

function adoptedCall(callId: string, at: number, options: ReducerOptions): CallState {
    const base = newCall(callId, at, options, {});
    return { ...base, phase: 'connected', adopted: true, timers: { ...base.timers, connectedAt: at } };
}

function reduceCall(call: CallState | undefined, event: ToolkitEvent, at: number, options: ReducerOptions): Step {
    const isLifecycle = event.name === 'callstarted' || event.name === 'callconnected';
    if (!call) {
        if (isLifecycle) return startCall(event, at, options);
        // The component loaded mid-call: adopt the call from any in-call event; nothing to show for one that ended.
        if (event.name === 'callended' || event.name === 'wrapupended') return 'unknown call';
        return reduceCall(adoptedCall(event.callId, at, options), event, at, options);
    }
    if (isLifecycle) return lifecycle(call, event, at);
    switch (event.name) {
        case 'callended': {
            if (PHASE_RANK[call.phase] >= 2) return 'call already ended';
            const participants = call.participants.map((p) =>
                p.present ? { ...p, present: false, onHold: false, leftAt: at } : p
            );
            const timers = holdTimers(call.timers, call.participants, participants, at);
            return {
                ...call,
                participants,
                phase: options.afterCallWork ? 'afterCallWork' : 'ended',
                timers: { ...timers, endedAt: at },
                updatedAt: at
            };
        }
        case 'wrapupended':
            if (call.phase !== 'afterCallWork' && call.phase !== 'ended')
                return call.phase === 'done' ? 'wrap-up already ended' : 'call has not ended';
            return { ...call, phase: 'done', timers: { ...call.timers, wrapUpEndedAt: at }, updatedAt: at };
        case 'transcript':
            return transcript(call, event, at);
        case 'flagraise':
        case 'flaglower':
        case 'note':
            return conversation(call, event, at);
        default:
            break;
    }
    if (!ACTIVE.has(call.phase)) return `${event.name} while the call is ${call.phase}`;
    switch (event.name) {
        case 'mute':
        case 'unmute': {
            const muted = event.name === 'mute';
            return call.muted === muted ? `already ${event.name}d` : { ...call, muted, updatedAt: at };
        }
        case 'pauserecording':
        case 'resumerecording': {
            const paused = event.name === 'pauserecording';
            return call.recordingPaused === paused
                ? `recording already ${paused ? 'paused' : 'running'}`
                : { ...call, recordingPaused: paused, updatedAt: at };
        }
        case 'hold':
        case 'resume': {
            const onHold = event.name === 'hold';
            let target = findParticipant(call, event.participant);
            let participants = call.participants;
            if (!target) {
                if (!event.participant) return `${event.name} names no participant and the call has several`;
                // Adopted calls learn their parties from events: the first one is the caller.
                const role: ParticipantRole = participants.some((p) => p.role === 'initialCaller')
                    ? 'thirdParty'
                    : 'initialCaller';
                target = {
                    key: participantKey(event.participant),
                    label: event.participant,
                    role,
                    onHold: false,
                    present: true,
                    joinedAt: at,
                    leftAt: null
                };
                participants = [...participants, target];
            }
            if (!target.present) return `${target.label} has left the call`;
            if (target.onHold === onHold) return `${target.label} already ${onHold ? 'on hold' : 'off hold'}`;
            const key = target.key;
            return withParticipants(
                call,
                participants.map((p) => (p.key === key ? { ...p, onHold } : p)),
                at
            );
        }
        case 'participantadded': {
            if (!event.participant) return 'participantadded names no participant';
            const key = participantKey(event.participant);
            const existing = call.participants.find((p) => p.key === key);
            if (existing?.present) return `${existing.label} is already on the call`;
            const joined: Participant = {
                key,
                label: event.participant,
                role: existing?.role ?? 'thirdParty',
                onHold: false,
                present: true,
                joinedAt: at,
                leftAt: null
            };
            const participants = existing
                ? call.participants.map((p) => (p.key === key ? joined : p))
                : [...call.participants, joined];
            return withParticipants(call, participants, at);
        }
        case 'participantremoved': {
            const target = findParticipant(call, event.participant);
            if (!target) return 'participantremoved names no known participant';
            if (!target.present) return `${target.label} already left`;
            return withParticipants(
                call,
                call.participants.map((p) =>
                    p.key === target.key ? { ...p, present: false, onHold: false, leftAt: at } : p
                ),
                at
            );
        }
        case 'conference': {
            if (!call.participants.some((p) => p.present && p.onHold)) return 'nobody is on hold';
            return withParticipants(
                call,
                call.participants.map((p) => (p.present && p.onHold ? { ...p, onHold: false } : p)),
                at
            );
        }
        case 'swap': {
            const present = call.participants.filter((p) => p.present);
            if (present.length !== 2 || present[0]?.onHold === present[1]?.onHold)
                return 'swap needs two parties, one of them on hold';
            if (call.lastSwapAt !== null && Math.abs(at - call.lastSwapAt) < SWAP_DUPLICATE_WINDOW_MS)
                return 'swap repeated within the duplicate window';
            const swapped = withParticipants(
                call,
                call.participants.map((p) => (p.present ? { ...p, onHold: !p.onHold } : p)),
                at
            );
            return { ...swapped, lastSwapAt: at };
        }
        case 'audiostats': {
            const stats = channelStats(
                event.packetsLost,
                event.packetsCount,
                event.jitterBufferMillis,
                event.roundTripTimeMillis,
                at
            );
            const previous = event.channel === 'input' ? call.audio.input : call.audio.output;
            if (
                previous &&
                previous.packetsLost === stats.packetsLost &&
                previous.packetsCount === stats.packetsCount &&
                previous.jitterBufferMillis === stats.jitterBufferMillis &&
                previous.roundTripTimeMillis === stats.roundTripTimeMillis
            ) {
                return 'same audio stats';
            }
            const audio =
                event.channel === 'input' ? rateAudio(stats, call.audio.output) : rateAudio(call.audio.input, stats);
            return { ...call, audio, updatedAt: at };
        }
        default:
            // every event name is handled above; this keeps the reducer total if the union grows
            return `unhandled ${(event as ToolkitEvent).name}`;
    }
}

/** callstarted/callconnected for a known call: connects a ringing call, or fills in what was not known yet. */
function lifecycle(call: CallState, event: ToolkitEvent & { name: 'callstarted' | 'callconnected' }, at: number): Step {
    if (PHASE_RANK[call.phase] >= 2) return `${event.name} after the call ended`;
    const direction = call.direction === 'unknown' ? event.direction : call.direction;
    const customerNumber = call.customerNumber ?? event.participant;
    const connecting = event.name === 'callconnected' && call.phase === 'ringing';
    if (!connecting && direction === call.direction && customerNumber === call.customerNumber) {
        return `${event.name} for a call already ${call.phase}`;
    }
    const participants = withCustomer(call.participants, customerNumber, at);
    // A newly learned customer can change who is on hold, so a call in progress gets its phase recomputed too.
    const inProgress = connecting || ACTIVE.has(call.phase);
    return {
        ...call,
        direction,
        customerNumber,
        participants,
        phase: inProgress ? holdPhase(participants) : call.phase,
        timers: {
            ...holdTimers(call.timers, call.participants, participants, at),
            ...(connecting ? { connectedAt: at } : {})
        },
        updatedAt: at
    };
}

function transcript(call: CallState, event: ConversationEvent, at: number): Step {
    if (call.phase === 'done') return 'transcript after wrap-up';
    if (hasLine(call.transcript, event.id)) return 'transcript line already received';
    const line = { id: event.id, text: event.text ?? '', senderRole: event.senderRole, at: event.sentAt ?? at };
    return { ...call, transcript: appendLine(call.transcript, line), updatedAt: at };
}

function conversation(call: CallState, event: ConversationEvent, at: number): Step {
    const dedupeKey = `${event.name}:${event.id}`;
    if (call.messageIds.includes(dedupeKey)) return `${event.name} already received`;
    const messageIds = [...call.messageIds, dedupeKey].slice(-MAX_MESSAGE_IDS);
    const when = event.sentAt ?? at;
    if (event.name === 'flagraise') {
        return {
            ...call,
            flag: { id: event.id, text: event.text, raisedBy: event.senderName ?? event.senderRole, raisedAt: when },
            messageIds,
            updatedAt: at
        };
    }
    if (event.name === 'flaglower') {
        return call.flag ? { ...call, flag: null, messageIds, updatedAt: at } : 'no flag is raised';
    }
    const note: SupervisorNote = {
        id: event.id,
        text: event.text,
        senderRole: event.senderRole,
        senderName: event.senderName,
        at: when
    };
    return { ...call, notes: [...call.notes, note].slice(-MAX_NOTES), messageIds, updatedAt: at };
}

/** Drops the oldest finished calls beyond the limit; live calls are never dropped. */
function prune(
    calls: Record<string, CallState>,
    order: readonly string[],
    retired: readonly string[],
    maxCalls: number
): CallModelState {
    if (order.length <= maxCalls) return { calls, order, retired };
    const excess = order.length - maxCalls;
    const finished = order.filter((id) => {
        const c = calls[id];
        return c !== undefined && !isLive(c);
    });
    const doneFirst = [
        ...finished.filter((id) => calls[id]?.phase === 'done'),
        ...finished.filter((id) => calls[id]?.phase !== 'done')
    ];
    const drop = new Set(doneFirst.slice(0, excess));
    if (!drop.size) return { calls, order, retired };
    const kept: Record<string, CallState> = {};
    for (const [id, c] of Object.entries(calls)) if (!drop.has(id)) kept[id] = c;
    return {
        calls: kept,
        order: order.filter((id) => !drop.has(id)),
        retired: [...retired, ...drop].slice(-MAX_RETIRED)
    };
}

function normalizeOptions(options: Partial<ReducerOptions> | undefined): ReducerOptions {
    const merged = { ...DEFAULT_OPTIONS, ...(options ?? {}) };
    return {
        transcriptCapacity:
            Number.isInteger(merged.transcriptCapacity) && merged.transcriptCapacity > 0
                ? merged.transcriptCapacity
                : DEFAULT_OPTIONS.transcriptCapacity,
        afterCallWork: merged.afterCallWork !== false,
        maxCalls: Number.isInteger(merged.maxCalls) && merged.maxCalls > 0 ? merged.maxCalls : DEFAULT_OPTIONS.maxCalls
    };
}

/**
 * Applies one Toolkit event. Never throws; returns the same state object when the event changes nothing.
 */
export function reduceToolkitEvent(
    state: CallModelState,
    envelope: EventEnvelope,
    options?: Partial<ReducerOptions>
): ReduceResult {
    try {
        if (!envelope || typeof envelope !== 'object')
            return { state, outcome: { applied: false, reason: 'no event' } };
        const at = envelope.receivedAt;
        if (typeof at !== 'number' || !Number.isFinite(at))
            return { state, outcome: { applied: false, reason: 'receivedAt is not a time' } };
        const parsed = parseToolkitEvent(envelope.name, envelope.detail);
        if (!parsed.ok) return { state, outcome: { applied: false, reason: parsed.reason } };
        const event = parsed.event;
        const opts = normalizeOptions(options);
        const existing = Object.prototype.hasOwnProperty.call(state.calls, event.callId)
            ? state.calls[event.callId]
            : undefined;
        if (!existing && state.retired.includes(event.callId)) {
            return { state, outcome: { applied: false, reason: 'call already finished', callId: event.callId } };
        }

        const next = reduceCall(existing, event, at, opts);
        if (typeof next === 'string') return { state, outcome: { applied: false, reason: next, callId: event.callId } };

        const order = existing ? state.order : [...state.order, event.callId];
        const pruned = prune({ ...state.calls, [event.callId]: next }, order, state.retired, opts.maxCalls);
        return { state: pruned, outcome: { applied: true, callId: event.callId, event } };
    } catch (error) {
        // A bug here must not take the softphone panel down: report it and keep the last good state.
        return {
            state,
            outcome: {
                applied: false,
                reason: `internal error: ${error instanceof Error ? error.message : String(error)}`
            }
        };
    }
}

/** The call the agent is working on: the newest live call, else the newest call still in after-call work. */
export function activeCall(state: CallModelState): CallState | null {
    for (let i = state.order.length - 1; i >= 0; i--) {
        const call = state.calls[state.order[i] ?? ''];
        if (call && isLive(call)) return call;
    }
    for (let i = state.order.length - 1; i >= 0; i--) {
        const call = state.calls[state.order[i] ?? ''];
        if (call && (call.phase === 'afterCallWork' || call.phase === 'ended')) return call;
    }
    return null;
}
