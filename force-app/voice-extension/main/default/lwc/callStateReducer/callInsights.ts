// What the panel derives from a call: what changed (for screen-reader announcements), how long each part of the call
// took, and the words for its phase, its parties and its audio.
import type { CallPhase, CallState, Participant } from './callModel';

const PHASE_ANNOUNCEMENTS: Record<CallPhase, string> = {
    ringing: 'Call ringing',
    connected: 'Call connected',
    onHold: 'Call on hold',
    ended: 'Call ended',
    afterCallWork: 'Call ended. After-call work started',
    done: 'Wrap-up ended'
};

const who = (p: Participant): string => (p.role === 'initialCaller' ? 'Customer' : p.label || 'Third party');

/** Connected and on hold differ only in who is held, so a move between them is told by whose hold changed. */
const inCall = (phase: CallPhase): boolean => phase === 'connected' || phase === 'onHold';

/**
 * A party held or taken off hold. It is the call's hold ("Call on hold", "Call resumed") only when the caller's hold
 * moved the call between connected and on hold; anyone else, or the caller in a swap, is said by name.
 */
function holdChange(p: Participant, phaseMoved: boolean): string {
    if (p.role === 'initialCaller' && phaseMoved) return p.onHold ? PHASE_ANNOUNCEMENTS.onHold : 'Call resumed';
    return `${who(p)} ${p.onHold ? 'on hold' : 'off hold'}`;
}

/** Short sentences for a polite live region, describing how a call changed. */
export function describeChange(before: CallState | null, after: CallState | null): string[] {
    if (!after) return [];
    if (!before) {
        if (after.phase === 'ringing') {
            const from = after.customerNumber
                ? ` ${after.direction === 'outbound' ? 'to' : 'from'} ${after.customerNumber}`
                : '';
            return [`${after.direction === 'outbound' ? 'Outbound' : 'Incoming'} call${from}`];
        }
        return [PHASE_ANNOUNCEMENTS[after.phase]];
    }
    const out: string[] = [];
    // A consult leg joining, leaving or being held moves the phase between connected and on hold without the caller
    // changing: announcing that phase ("Call resumed") would be false, so only real phase steps are said as phases.
    const phaseStep = before.phase !== after.phase && !(inCall(before.phase) && inCall(after.phase));
    if (phaseStep) out.push(PHASE_ANNOUNCEMENTS[after.phase]);
    const holdMoved = !phaseStep && before.phase !== after.phase;
    const previous = new Map(before.participants.map((p) => [p.key, p]));
    for (const p of after.participants) {
        const was = previous.get(p.key);
        if (p.present && !was?.present) out.push(p.onHold ? holdChange(p, holdMoved) : `${who(p)} joined`);
        else if (phaseStep) continue;
        else if (!p.present && was?.present) out.push(`${who(p)} left`);
        else if (was?.present && p.present && was.onHold !== p.onHold) out.push(holdChange(p, holdMoved));
    }
    if (before.muted !== after.muted) out.push(after.muted ? MUTED_LABEL : 'Unmuted');
    if (before.recordingPaused !== after.recordingPaused)
        out.push(after.recordingPaused ? 'Recording paused' : 'Recording resumed');
    if (!before.flag && after.flag) out.push('Help flag raised');
    if (before.flag && !after.flag) out.push('Help flag lowered');
    if (after.notes.length > before.notes.length) out.push('New supervisor note');
    if (
        before.audio.rating !== after.audio.rating &&
        (after.audio.rating === 'poor' || before.audio.rating === 'poor')
    ) {
        out.push(after.audio.rating === 'poor' ? 'Audio quality poor' : 'Audio quality recovered');
    }
    return out;
}

export interface CallDurations {
    /** From the first event until connected (or until now while ringing). */
    readonly ringingMs: number;
    /** Connected until ended (or now), hold included. */
    readonly talkMs: number;
    /** Total time the customer spent on hold, the current hold included. */
    readonly holdMs: number;
    /** After-call work so far (or until wrap-up ended). */
    readonly wrapUpMs: number;
}

/** Durations at time `now`; never negative, whatever the clock did. */
export function callDurations(call: CallState, now: number): CallDurations {
    const t = call.timers;
    const span = (from: number | null, to: number | null): number =>
        from === null ? 0 : Math.max(0, (to ?? now) - from);
    const currentHold = t.holdStartedAt === null ? 0 : span(t.holdStartedAt, t.endedAt);
    return {
        ringingMs: span(t.startedAt, t.connectedAt ?? t.endedAt),
        talkMs: span(t.connectedAt, t.endedAt),
        holdMs: t.totalHoldMs + currentHold,
        wrapUpMs: call.phase === 'afterCallWork' || call.phase === 'done' ? span(t.endedAt, t.wrapUpEndedAt) : 0
    };
}

/** Phase names as agents read them. */
export const PHASE_LABELS: Readonly<Record<CallPhase, string>> = {
    ringing: 'Ringing',
    connected: 'Connected',
    onHold: 'On hold',
    ended: 'Call ended',
    afterCallWork: 'After-call work',
    done: 'Wrap-up ended'
};

/** Shown (with an icon) and announced while the agent is muted: the caller cannot hear them. */
export const MUTED_LABEL = 'Muted';

export type ParticipantStatus = 'ringing' | 'connected' | 'onHold';

/** A party's status as agents read it; the same words as the call's phase, so the two never disagree. */
export const PARTICIPANT_STATUS_LABELS: Readonly<Record<ParticipantStatus, string>> = {
    ringing: PHASE_LABELS.ringing,
    connected: PHASE_LABELS.connected,
    onHold: PHASE_LABELS.onHold
};

/** A party of a ringing call is not connected yet, whatever the Toolkit said about them. */
export function participantStatus(call: CallState, p: Participant): ParticipantStatus {
    if (call.phase === 'ringing') return 'ringing';
    return p.onHold ? 'onHold' : 'connected';
}

/** Audio ratings as agents read them. */
export const AUDIO_LABELS: Readonly<Record<'good' | 'fair' | 'poor' | 'unknown', string>> = {
    good: 'Audio good',
    fair: 'Audio fair',
    poor: 'Audio poor',
    unknown: 'Audio not measured yet'
};

/** m:ss, or h:mm:ss from an hour on. */
export function formatDuration(ms: number): string {
    const total = Number.isFinite(ms) && ms > 0 ? Math.floor(ms / 1000) : 0;
    const h = Math.floor(total / 3600);
    const m = Math.floor((total % 3600) / 60);
    const s = String(total % 60).padStart(2, '0');
    return h ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
